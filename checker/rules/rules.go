// Package rules describes rules: the metadata every rule carries (id,
// title, severity, explanation, remediation, links), whether it is written
// in Rego (read from its METADATA block by checker/engine) or in Go (the
// LNT rules, defined here). Reports, rule pages and the CLI describe rules
// through this package without importing the policy engine.
package rules

import "github.com/streamlint/streamlint/checker/model"

// DocsURL is where the rule pages live; a rule's page is DocsURL + ID + ".md".
const DocsURL = "https://github.com/streamlint/streamlint/blob/main/docs/rules/"

// Rule is one rule's metadata.
type Rule struct {
	ID          string
	Title       string
	Description string
	Severity    model.Severity
	// Profiles overrides the severity per profile ("off" disables).
	Profiles    map[string]string
	Remediation string
	Related     []Link
	// Scope is where the rule runs: ScopeRepository, ScopeCluster, or ""
	// for both (METADATA custom.scope).
	Scope string
	// Package, File and Line say where a Rego rule is defined; empty for
	// Go rules.
	Package string
	File    string
	Line    int
}

// Rule scopes: a repository's pipelines, or a running cluster read with
// check --bootstrap-server.
const (
	ScopeRepository = "repository"
	ScopeCluster    = "cluster"
)

// Link is a related resource.
type Link struct {
	URL         string
	Description string
}
