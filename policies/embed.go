// Package policies embeds streamlint's built-in Rego rules, their tests
// and the shared library that builds findings.
//
// Layout: lib/ (helpers, package streamlint.lib), rules/<area>/<ID>/<ID>.rego
// (package streamlint.rules.<ID>) with <ID>_test.rego beside it.
package policies

import "embed"

// FS holds every .rego file, tests included.
//
//go:embed lib rules
var FS embed.FS
