package engine

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/topdown"

	"github.com/streamlint/streamlint/bench/corpus"
	"github.com/streamlint/streamlint/checker/discover"
	"github.com/streamlint/streamlint/checker/model"
	"github.com/streamlint/streamlint/checker/pipeline"
	"github.com/streamlint/streamlint/policies"
)

// stepCounter counts the evaluation steps of a query: a measure of a
// rule's work that, unlike time, does not depend on the machine's load.
type stepCounter struct{ n int }

func (c *stepCounter) Enabled() bool               { return true }
func (c *stepCounter) TraceEvent(topdown.Event)    { c.n++ }
func (c *stepCounter) Config() topdown.TraceConfig { return topdown.TraceConfig{} }

// TestRulesScaleLinearly: every built-in rule's work grows in proportion to
// the brokers of a pipeline. One compose file of 40 and of 400 brokers
// (bench/corpus.Brokers: a KRaft cluster, an anchor shared by every broker,
// findings for each; and the same with passwords of each broker's own,
// bench/corpus.BrokersWithSecrets) is evaluated rule by rule, counting
// evaluation steps; ten times the brokers may cost at most 15 times the
// steps (a rule that compares every broker with every other costs 100
// times). Comparisons of every broker with every other made 5,000 brokers
// take minutes (and SEC001's grouping of secrets by a scan of all of them,
// 500 brokers with passwords of their own).
func TestRulesScaleLinearly(t *testing.T) {
	if testing.Short() {
		t.Skip("builds two pipelines of 40 and 400 brokers")
	}
	mods, err := ReadModules(policies.FS, "policies")
	if err != nil {
		t.Fatal(err)
	}
	e, err := New(context.Background(), mods, Options{Verified: true})
	if err != nil {
		t.Fatal(err)
	}
	b, err := pipeline.NewBuilder(pipeline.Options{Params: model.DefaultParams(), Profile: "prod"})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		gen  func(dir string, n int) error
	}{{"brokers", corpus.Brokers}, {"brokers with secrets", corpus.BrokersWithSecrets}} {
		t.Run(c.name, func(t *testing.T) { rulesScaleLinearly(t, e, b, c.gen) })
	}
}

func rulesScaleLinearly(t *testing.T, e *Engine, b *pipeline.Builder, gen func(dir string, n int) error) {
	sizes := []int{40, 400}
	steps := map[string][]int{}
	for _, n := range sizes {
		dir := filepath.Join(t.TempDir(), fmt.Sprint(n))
		if err := gen(dir, n); err != nil {
			t.Fatal(err)
		}
		disc, err := discover.Discover(context.Background(), []string{dir}, discover.Options{})
		if err != nil || len(disc.Groups) != 1 {
			t.Fatalf("discover: %v, %d pipelines", err, len(disc.Groups))
		}
		built := b.Build(context.Background(), disc.Groups[0])
		if len(built.Pipeline.Brokers) != n {
			t.Fatalf("%d brokers in the model, want %d", len(built.Pipeline.Brokers), n)
		}
		input, err := toValue(built.Pipeline)
		if err != nil {
			t.Fatal(err)
		}
		for _, sq := range e.shards {
			queries, err := sq.perRule()
			if err != nil {
				t.Fatal(err)
			}
			for _, q := range queries {
				c := &stepCounter{}
				if _, err := q.query.Eval(context.Background(), rego.EvalParsedInput(input), rego.EvalQueryTracer(c)); err != nil {
					t.Fatalf("%s: %v", q.rule.ID, err)
				}
				steps[q.rule.ID] = append(steps[q.rule.ID], c.n)
			}
		}
	}
	for id, s := range steps {
		if testing.Verbose() && s[0] > 0 {
			t.Logf("%s: %d -> %d steps (x%.1f)", id, s[0], s[1], float64(s[1])/float64(s[0]))
		}
		if s[0] > 0 && float64(s[1])/float64(s[0]) > 15 {
			t.Errorf("%s: %d evaluation steps for %d brokers, %d for %d (x%.1f): its work grows faster than the brokers",
				id, s[0], sizes[0], s[1], sizes[1], float64(s[1])/float64(s[0]))
		}
	}
}

// TestPrecompiledIsFresh: an engine given policies.Precompiled loads it
// (a stale set is set aside and the sources compiled, which a run would
// pay for at every start). checker/lint's TestPrecompiledMatchesSources
// checks that it finds what the sources find.
func TestPrecompiledIsFresh(t *testing.T) {
	mods, err := ReadModules(policies.FS, "policies")
	if err != nil {
		t.Fatal(err)
	}
	e, err := New(context.Background(), mods, Options{Verified: true, Precompiled: policies.Precompiled})
	if err != nil {
		t.Fatal(err)
	}
	if !e.precompiled {
		t.Fatal("policies/precompiled.gen is stale: run go generate ./policies")
	}
}
