package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/streamlint/streamlint/checker/model"
)

// TestPolicyInputSchema: docs/policy-input.schema.json is up to date with
// the Go types, and what `streamlint parse` prints validates against it.
func TestPolicyInputSchema(t *testing.T) {
	path := filepath.Join(repoRoot(), "docs", "policy-input.schema.json")
	onDisk, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	want, _ := json.MarshalIndent(model.InputSchema(), "", "  ")
	if string(onDisk) != string(want)+"\n" {
		t.Fatal("docs/policy-input.schema.json is stale: run go generate ./...")
	}
	doc, err := jsonschema.UnmarshalJSON(strings.NewReader(string(onDisk)))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("schema.json", doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile("schema.json")
	if err != nil {
		t.Fatal(err)
	}
	for _, dir := range []string{"fixtures/incident/before", "fixtures/incident/after", "fixtures/rules/SEC001/bad", "fixtures/rules/CAP001/bad"} {
		out, errOut, code := runCLI(t, nil, "parse", dir)
		if code != 0 {
			t.Fatalf("parse %s: %d %s", dir, code, errOut)
		}
		inst, err := jsonschema.UnmarshalJSON(strings.NewReader(out))
		if err != nil {
			t.Fatal(err)
		}
		for i, p := range inst.([]any) {
			if err := sch.Validate(p); err != nil {
				t.Errorf("%s pipeline %d does not match the schema: %v", dir, i, err)
			}
		}
	}
}
