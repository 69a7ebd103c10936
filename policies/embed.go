// Package policies embeds streamlint's built-in Rego rules, their tests
// and the shared library that builds findings.
//
// Layout: lib/ (helpers, package streamlint.lib), rules/<area>/<ID>/<ID>.rego
// (package streamlint.rules.<ID>) with <ID>_test.rego beside it.
package policies

import _ "embed" // Precompiled

import "embed"

//go:generate go run ../internal/genpolicies -out precompiled.gen

// FS holds every .rego file, tests included.
//
//go:embed lib rules
var FS embed.FS

// Precompiled is the rules and library of FS as the compiler leaves them,
// printed back to Rego (engine.Precompile): a run loads it instead of
// compiling FS when it was made from FS's current sources. Regenerate it
// after changing a policy: go generate ./policies.
//
//go:embed precompiled.gen
var Precompiled []byte
