package lint_test

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/streamlint/streamlint/checker/engine"
	"github.com/streamlint/streamlint/checker/lint"
	"github.com/streamlint/streamlint/checker/model"
	"github.com/streamlint/streamlint/checker/pipeline"
	"github.com/streamlint/streamlint/policies"
)

// hookedLinter is newLinter with a ReadFile hook in the builder.
func hookedLinter(t *testing.T, dir string, read func(string) ([]byte, error)) (*lint.Linter, lint.Options) {
	t.Helper()
	mods, err := engine.ReadModules(policies.FS, "policies")
	if err != nil {
		t.Fatal(err)
	}
	eng, err := engine.New(context.Background(), mods, engine.Options{})
	if err != nil {
		t.Fatal(err)
	}
	display := lint.DisplayFunc(dir)
	b, err := pipeline.NewBuilder(pipeline.Options{Params: model.DefaultParams(), Profile: "prod", Display: display, ReadFile: read})
	if err != nil {
		t.Fatal(err)
	}
	return lint.New(func() (*engine.Engine, error) { return eng, nil }, b), lint.Options{Paths: []string{dir}}
}

const brokerWithoutRetention = `services:
  kafka:
    image: confluentinc/cp-kafka:7.6.1
    environment:
      KAFKA_NODE_ID: 1
`

// TestUnreadableAndPanickingFiles: one file cannot be read (an injected
// I/O error: CI runs as root, so permissions cannot make a file
// unreadable) and handling another panics. Each becomes an error of its
// file (the panic with a bug-report hint: LNT002), and the run goes on:
// the good pipeline's findings are still reported.
func TestUnreadableAndPanickingFiles(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for _, sub := range []string{"unreadable", "panics", "good"} {
		if err := os.MkdirAll(filepath.Join(dir, sub), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, sub, "compose.yaml"), []byte(brokerWithoutRetention), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	read := func(p string) ([]byte, error) {
		switch filepath.Base(filepath.Dir(p)) {
		case "unreadable":
			return nil, &fs.PathError{Op: "read", Path: p, Err: errors.New("input/output error")}
		case "panics":
			panic("injected panic while reading " + filepath.Base(p))
		}
		return os.ReadFile(p)
	}
	l, opts := hookedLinter(t, dir, read)
	rep, err := l.Run(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	errs := map[string]string{}
	for _, e := range rep.Errors {
		errs[e.File] = e.Message
	}
	if msg := errs["unreadable/compose.yaml"]; !strings.Contains(msg, "cannot read") || !strings.Contains(msg, "input/output error") {
		t.Errorf("unreadable file: %q", msg)
	}
	msg := errs["panics/compose.yaml"]
	for _, want := range []string{"internal error", "injected panic", "please report it at https://github.com/streamlint/streamlint/issues"} {
		if !strings.Contains(msg, want) {
			t.Errorf("panicking file: %q lacks %q", msg, want)
		}
	}
	if len(rep.Errors) != 2 {
		t.Errorf("errors: %+v", rep.Errors)
	}
	found := false
	for _, f := range rep.Findings {
		found = found || (f.RuleID == "KAF001" && f.File == "good/compose.yaml")
	}
	if !found {
		t.Errorf("the good pipeline was not checked: %+v", rep.Findings)
	}
}

// TestFailingRuleKeepsOtherFindings: a rule that fails at run time on a
// pipeline (a user policy calling to_number on a service name) is
// reported as an LNT002 error naming the rule, at the pipeline's compose
// file; every other rule's findings for that pipeline are still reported.
func TestFailingRuleKeepsOtherFindings(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "compose.yaml"), []byte(brokerWithoutRetention), 0o644); err != nil {
		t.Fatal(err)
	}
	mods, err := engine.ReadModules(policies.FS, "policies")
	if err != nil {
		t.Fatal(err)
	}
	mods = append(mods, engine.Module{Path: "team/TEAM001.rego", Source: []byte(`# METADATA
# title: Numbered brokers
# description: Fails on every broker whose service name is no number.
# custom:
#   id: TEAM001
#   severity: warning
#   remediation: None.
package streamlint.rules.TEAM001

import data.streamlint.lib

deny contains f if {
	some b in input.brokers
	to_number(b.service) > 0
	f := lib.finding_for(rego.metadata.chain(), "numbered", b)
}
`)})
	eng, err := engine.New(context.Background(), mods, engine.Options{})
	if err != nil {
		t.Fatal(err)
	}
	b, err := pipeline.NewBuilder(pipeline.Options{Params: model.DefaultParams(), Profile: "prod", Display: lint.DisplayFunc(dir)})
	if err != nil {
		t.Fatal(err)
	}
	l := lint.New(func() (*engine.Engine, error) { return eng, nil }, b)
	rep, err := l.Run(context.Background(), lint.Options{Paths: []string{dir}})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Errors) != 1 || rep.Errors[0].File != "compose.yaml" || !strings.Contains(rep.Errors[0].Message, "TEAM001") || !strings.Contains(rep.Errors[0].Message, "to_number") {
		t.Errorf("errors: %+v, want one naming TEAM001 and its error at compose.yaml", rep.Errors)
	}
	found := false
	for _, f := range rep.Findings {
		found = found || f.RuleID == "KAF001"
	}
	if !found {
		t.Errorf("the other rules' findings are missing: %+v", rep.Findings)
	}

	// The same on a model that was not read from files (a running
	// cluster, lint.Check): the error names the rule, findings stay.
	models, _, err := l.Parse(context.Background(), lint.Options{Paths: []string{dir}})
	if err != nil || len(models) != 1 {
		t.Fatalf("parse: %v, %d models", err, len(models))
	}
	fs, errs, err := l.Check(context.Background(), models[0], lint.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(errs) != 1 || !strings.Contains(errs[0].Message, "TEAM001") {
		t.Errorf("Check errors: %+v, want one naming TEAM001", errs)
	}
	if len(fs) == 0 {
		t.Error("Check kept no finding of the other rules")
	}
}
