package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/streamlint/streamlint/checker/engine"
	"github.com/streamlint/streamlint/checker/ruledoc"
	"github.com/streamlint/streamlint/checker/rules"
	"github.com/streamlint/streamlint/policies"
)

// TestReadmeRulesTable: the rules table of README.md lists exactly the
// rules, as `streamlint rules --format markdown` prints them.
func TestReadmeRulesTable(t *testing.T) {
	doc, err := os.ReadFile(filepath.Join(repoRoot(), "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	out, errOut, code := runCLI(t, nil, "rules", "--format", "markdown")
	if code != 0 {
		t.Fatalf("rules: exit %d: %s", code, errOut)
	}
	fresh, ok := ruledoc.ReplaceTable(doc, []byte(out))
	if !ok {
		t.Fatal("README.md has no rules table markers")
	}
	if !bytes.Equal(fresh, doc) {
		t.Error("README.md's rules table is stale: run go generate ./...")
	}
}

// TestRuleDocsFresh: every docs/rules/<ID>.md is what gendocs renders
// from the rule's METADATA and fixtures today, and no page is left for a
// rule that does not exist.
func TestRuleDocsFresh(t *testing.T) {
	root := repoRoot()
	mods, err := engine.ReadModules(policies.FS, "policies")
	if err != nil {
		t.Fatal(err)
	}
	eng, err := engine.New(context.Background(), mods, engine.Options{})
	if err != nil {
		t.Fatal(err)
	}
	pages := map[string]bool{}
	for _, r := range append(eng.Rules(), rules.Go()...) {
		pages[r.ID+".md"] = true
		bad, good, err := ruledoc.Examples(os.DirFS(root), r.ID)
		if err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
		onDisk, err := os.ReadFile(filepath.Join(root, "docs", "rules", r.ID+".md"))
		if err != nil {
			t.Errorf("%s: %v (run go generate ./...)", r.ID, err)
			continue
		}
		if !bytes.Equal(onDisk, ruledoc.Render(r, bad, good)) {
			t.Errorf("docs/rules/%s.md is stale: run go generate ./...", r.ID)
		}
	}
	entries, err := os.ReadDir(filepath.Join(root, "docs", "rules"))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if !pages[e.Name()] {
			t.Errorf("docs/rules/%s documents no rule", e.Name())
		}
	}
}
