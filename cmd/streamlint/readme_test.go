package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/streamlint/streamlint/checker/ruledoc"
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
