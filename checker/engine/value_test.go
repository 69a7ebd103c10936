package engine_test

import (
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/streamlint/streamlint/checker/discover"
	"github.com/streamlint/streamlint/checker/engine"
	"github.com/streamlint/streamlint/checker/model"
	"github.com/streamlint/streamlint/checker/pipeline"
)

// viaJSON is the reference conversion: what the policies would see if the
// model were printed as JSON (streamlint parse) and read back.
func viaJSON(t *testing.T, v any) ast.Value {
	t.Helper()
	raw, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	val, err := ast.ValueFromReader(strings.NewReader(string(raw)))
	if err != nil {
		t.Fatal(err)
	}
	return val
}

// TestToValueMatchesJSON: the direct conversion gives the same value as
// the JSON round trip for the model of every fixture directory.
func TestToValueMatchesJSON(t *testing.T) {
	root, err := filepath.Abs("../../fixtures")
	if err != nil {
		t.Fatal(err)
	}
	b, err := pipeline.NewBuilder(pipeline.Options{Params: model.DefaultParams(), Profile: "prod"})
	if err != nil {
		t.Fatal(err)
	}
	disc, err := discover.Discover(context.Background(), []string{root}, discover.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(disc.Pipelines) < 20 {
		t.Fatalf("only %d pipelines under fixtures/", len(disc.Pipelines))
	}
	for _, dp := range disc.Pipelines {
		p := b.Build(context.Background(), dp).Pipeline
		got, err := engine.ToValue(p)
		if err != nil {
			t.Fatalf("%s: %v", p.Root, err)
		}
		if want := viaJSON(t, p); ast.Compare(got, want) != 0 {
			t.Errorf("%s: direct conversion differs from JSON:\n got %v\nwant %v", p.Root, got, want)
		}
	}
}

func TestToValueEdgeCases(t *testing.T) {
	type inner struct {
		A string `json:"a"`
		B int    `json:"b,omitempty"`
	}
	type outer struct {
		inner
		B        string `json:"b"` // hides inner.B
		Skip     string `json:"-"`
		Untagged float64
		Nil      *inner            `json:"nil"`
		NilOmit  *inner            `json:"nil_omit,omitempty"`
		Map      map[string]inner  `json:"map"`
		NilMap   map[string]string `json:"nil_map"`
		NilSlice []int             `json:"nil_slice"`
		Empty    []int             `json:"empty,omitempty"`
		Floats   []float64         `json:"floats"`
		Bad      string            `json:"bad"`
		hidden   int
	}
	v := outer{
		inner: inner{A: "x", B: 7}, B: "y", Skip: "s", Untagged: 0.5,
		Map:    map[string]inner{"k": {A: "v"}},
		Floats: []float64{1e6, 1e21, 1e-7, 0.1, -2, 0, 3.0000001, 123456789012},
		Bad:    "a\xffb\xc3", hidden: 1,
	}
	_ = v.hidden
	got, err := engine.ToValue(v)
	if err != nil {
		t.Fatal(err)
	}
	if want := viaJSON(t, v); ast.Compare(got, want) != 0 {
		t.Errorf("got  %v\nwant %v", got, want)
	}
	// numbers print as encoding/json prints them (policies sprintf them)
	for _, f := range v.Floats {
		raw, _ := json.Marshal(f)
		got, _ := engine.ToValue(f)
		if got.String() != string(raw) {
			t.Errorf("%v prints %s, JSON %s", f, got, raw)
		}
	}
	if _, err := engine.ToValue(map[int]string{1: "a"}); err == nil {
		t.Error("a map with int keys converted without error")
	}
}
