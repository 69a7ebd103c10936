package engine_test

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/streamlint/streamlint/checker/discover"
	"github.com/streamlint/streamlint/checker/engine"
	"github.com/streamlint/streamlint/checker/model"
	"github.com/streamlint/streamlint/checker/pipeline"
	"github.com/streamlint/streamlint/policies"
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
	if len(disc.Groups) < 20 {
		t.Fatalf("only %d pipelines under fixtures/", len(disc.Groups))
	}
	for _, dp := range disc.Groups {
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

// TestShardedEngineMatchesSingle: the built-in policies compiled in
// shards (Verified, several processors) find exactly what one compiler
// with every check finds, on every fixture pipeline.
func TestShardedEngineMatchesSingle(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(4))
	mods, err := engine.ReadModules(policies.FS, "policies")
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	single, err := engine.New(ctx, mods, engine.Options{})
	if err != nil {
		t.Fatal(err)
	}
	sharded, err := engine.New(ctx, mods, engine.Options{Verified: true})
	if err != nil {
		t.Fatal(err)
	}
	if engine.Shards(sharded) < 2 || engine.Shards(single) != 1 {
		t.Fatalf("shards: verified %d, unverified %d", engine.Shards(sharded), engine.Shards(single))
	}
	if len(sharded.Rules()) != len(single.Rules()) {
		t.Fatalf("%d rules sharded, %d in one", len(sharded.Rules()), len(single.Rules()))
	}
	root, _ := filepath.Abs("../../fixtures")
	b, err := pipeline.NewBuilder(pipeline.Options{Params: model.DefaultParams(), Profile: "prod"})
	if err != nil {
		t.Fatal(err)
	}
	disc, err := discover.Discover(ctx, []string{root}, discover.Options{})
	if err != nil {
		t.Fatal(err)
	}
	total := 0
	for _, dp := range disc.Groups {
		p := b.Build(ctx, dp).Pipeline
		want, err := single.Eval(ctx, p)
		if err != nil {
			t.Fatal(err)
		}
		got, err := sharded.Eval(ctx, p)
		if err != nil {
			t.Fatal(err)
		}
		total += len(want)
		if a, b := resultKeys(got), resultKeys(want); !slices.Equal(a, b) {
			t.Errorf("%s: sharded engine found\n%v\nsingle found\n%v", p.Root, a, b)
		}
	}
	if total < 100 {
		t.Errorf("only %d findings over the fixtures", total)
	}
}

func resultKeys(rs []engine.Result) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = fmt.Sprintf("%s %s:%d:%d %s", r.RuleID, r.Location.File, r.Location.Line, r.Location.Column, r.Message)
	}
	slices.Sort(out)
	return out
}

// TestToValueOfLongListsMatchesJSON: a list long enough to be converted
// in two halves at once (thousands of brokers) gives the JSON value, its
// order kept.
func TestToValueOfLongListsMatchesJSON(t *testing.T) {
	p := &model.Pipeline{}
	for i := range 1500 {
		p.Brokers = append(p.Brokers, model.Broker{
			Service: fmt.Sprintf("kafka-%d", i),
			Loc:     model.Location{File: "compose.yaml", Line: i + 1, Column: 3},
			Roles:   []string{"broker"},
			Config: map[string]model.Value{
				"num.partitions": {Value: fmt.Sprint(i % 7), Source: "env", Set: true},
				"log.dirs":       {Value: "/var/lib/kafka/data", Source: "default"},
			},
		})
	}
	got, err := engine.ToValue(p)
	if err != nil {
		t.Fatal(err)
	}
	if want := viaJSON(t, p); ast.Compare(got, want) != 0 {
		t.Error("the conversion of 1,500 brokers differs from JSON")
	}
}
