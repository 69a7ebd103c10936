package policies_test

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"

	"github.com/streamlint/streamlint/checker/engine"
	"github.com/streamlint/streamlint/checker/model"
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

// TestHumanBytesAgreesWithRego checks that the byte formatter of the Rego
// library (lib.human, for the texts policies write) and Go's
// model.HumanBytes (for the texts Go writes into the model) are the same
// function.
func TestHumanBytesAgreesWithRego(t *testing.T) {
	values := []float64{0, 1, 512, 1023, 1024, 1536, 1048575, 1048576, 314572800, 402653184,
		455501414.4, 1073741823, 1073741824, 1610612736, 10737418240, 1099511627776, 12.5, 1023.96 * 1048576}
	var terms []string
	for _, v := range values {
		terms = append(terms, strconv.FormatFloat(v, 'f', -1, 64))
	}
	mods, err := engine.ReadModules(policies.FS, "policies")
	if err != nil {
		t.Fatal(err)
	}
	var lib []func(*rego.Rego)
	for _, m := range mods {
		if strings.HasPrefix(m.Path, "policies/lib/") {
			lib = append(lib, rego.Module(m.Path, string(m.Source)))
		}
	}
	query := "out := [data.streamlint.lib.human(x) | some x in [" + strings.Join(terms, ", ") + "]]"
	rs, err := rego.New(append(lib, rego.Query(query), rego.SetRegoVersion(ast.RegoV1))...).Eval(context.Background())
	if err != nil || len(rs) != 1 {
		t.Fatalf("eval: %v, %v", rs, err)
	}
	got := rs[0].Bindings["out"].([]any)
	for i, v := range values {
		if want := model.HumanBytes(v); got[i] != want {
			t.Errorf("%v bytes: Rego says %q, Go says %q", v, got[i], want)
		}
	}
}

// TestStrictCompile compiles the built-in policies and their tests in
// OPA's strict mode, which rejects unused local variables, unused and
// duplicate imports, deprecated built-ins and shadowed keywords: the Rego
// is held to the standard Regal's authors hold theirs to.
func TestStrictCompile(t *testing.T) {
	mods, err := engine.ReadModules(policies.FS, "policies")
	if err != nil {
		t.Fatal(err)
	}
	tests, err := engine.ReadTests(policies.FS, "policies")
	if err != nil {
		t.Fatal(err)
	}
	parsed, err := engine.ParseModules(append(mods, tests...))
	if err != nil {
		t.Fatal(err)
	}
	c := ast.NewCompiler().WithStrict(true).WithCapabilities(engine.Capabilities())
	c.SetErrorLimit(0)
	if c.Compile(parsed); c.Failed() {
		for _, e := range c.Errors {
			t.Error(e)
		}
	}
}

// TestHumanMillisAgreesWithRego: lib.human_ms and Go's model.HumanMillis
// (which writes the durations of the fixes Go computes) are one function.
func TestHumanMillisAgreesWithRego(t *testing.T) {
	values := []int64{-1, 0, 1, 999, 1000, 1500, 60000, 90000, 3600000, 5400000, 86400000, 604800000, 172800001}
	var terms []string
	for _, v := range values {
		terms = append(terms, strconv.FormatInt(v, 10))
	}
	mods, err := engine.ReadModules(policies.FS, "policies")
	if err != nil {
		t.Fatal(err)
	}
	var lib []func(*rego.Rego)
	for _, m := range mods {
		if strings.HasPrefix(m.Path, "policies/lib/") {
			lib = append(lib, rego.Module(m.Path, string(m.Source)))
		}
	}
	query := "out := [data.streamlint.lib.human_ms(x) | some x in [" + strings.Join(terms, ", ") + "]]"
	rs, err := rego.New(append(lib, rego.Query(query), rego.SetRegoVersion(ast.RegoV1))...).Eval(context.Background())
	if err != nil || len(rs) != 1 {
		t.Fatalf("eval: %v, %v", rs, err)
	}
	got := rs[0].Bindings["out"].([]any)
	for i, v := range values {
		if want := model.HumanMillis(v); got[i] != want {
			t.Errorf("%d ms: Rego says %q, Go says %q", v, got[i], want)
		}
	}
}
