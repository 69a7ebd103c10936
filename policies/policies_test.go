package policies_test

import (
	"context"
	"testing"
	"time"

	"github.com/streamlint/streamlint/checker/engine"
	"github.com/streamlint/streamlint/policies"
)

// TestRego runs every *_test.rego of the built-in policies with the same
// restricted capabilities the linter uses.
func TestRego(t *testing.T) {
	mods, err := engine.ReadModules(policies.FS, "policies")
	if err != nil {
		t.Fatal(err)
	}
	tests, err := engine.ReadTests(policies.FS, "policies")
	if err != nil {
		t.Fatal(err)
	}
	results, err := engine.Verify(context.Background(), append(mods, tests...), time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	if len(results) == 0 {
		t.Fatal("no Rego tests ran")
	}
	for _, r := range results {
		if !r.Passed {
			t.Error(r.String())
		}
	}
	t.Logf("%d Rego tests", len(results))
}
