package live_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/streamlint/streamlint/checker/live"
	"github.com/streamlint/streamlint/checker/live/livetest"
	"github.com/streamlint/streamlint/checker/model"
)

// TestLiveRuleFixtures runs the fixtures of the rules that judge a running
// cluster: fixtures/rules/<ID>/{bad,good} holding a cluster.yaml seed. The
// seed is started as an in-process Kafka (kfake), read back like check
// --bootstrap-server reads a cluster, and checked together with the other
// files of the directory (the repository side, for drift). In bad/, every
// finding of the rule must be one the seed's want list names (ID and the
// location: the path after kafka://HOST:PORT/, or FILE:LINE) and every
// want must be found; in good/ (the near miss) the rule must not fire.
// TestRuleFixtures in checker/lint runs every other fixture and skips
// these.
func TestLiveRuleFixtures(t *testing.T) {
	root := filepath.Join(repoRoot(), "fixtures", "rules")
	entries, err := os.ReadDir(root)
	if err != nil {
		t.Fatal(err)
	}
	ran := 0
	for _, e := range entries {
		id := e.Name()
		if _, err := os.Stat(filepath.Join(root, id, "bad", livetest.SeedFile)); err != nil {
			continue
		}
		ran++
		t.Run(id, func(t *testing.T) {
			for _, kind := range []string{"bad", "good"} {
				dir := filepath.Join(root, id, kind)
				got, wants, uri := runLiveFixture(t, dir)
				var fired []string
				for _, f := range got {
					if f.RuleID == id {
						fired = append(fired, id+" "+where(f.Location, uri))
					}
				}
				if kind == "good" {
					for _, f := range fired {
						t.Errorf("near miss %s/good: fired: %s", id, f)
					}
					continue
				}
				if len(wants) == 0 {
					t.Fatalf("%s/bad: the seed has no want", id)
				}
				matchAll(t, id, fired, wants)
			}
		})
	}
	if ran == 0 {
		t.Fatal("no live rule fixture found")
	}
}

// runLiveFixture checks the seed's cluster and the directory's other files.
func runLiveFixture(t *testing.T, dir string) ([]model.Finding, []string, string) {
	t.Helper()
	seed, err := livetest.Load(filepath.Join(dir, livetest.SeedFile))
	if err != nil {
		t.Fatal(err)
	}
	params := model.DefaultParams()
	for k, v := range seed.Params {
		if err := params.Set(k, v); err != nil {
			t.Fatal(err)
		}
	}
	running := readSeed(t, seed, params)
	l, opts := newLinter(t, dir, params)
	if others, _ := filepath.Glob(filepath.Join(dir, "*")); len(others) > 1 {
		opts.Paths = []string{dir}
	}
	rep, err := live.Check(context.Background(), l, running, opts)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Errors) > 0 {
		t.Fatalf("%s: load errors: %+v", dir, rep.Errors)
	}
	return rep.Findings, seed.Want, running.Live.URI
}

// where is a location as a want names it.
func where(l model.Location, uri string) string {
	if l.IsURI() {
		return strings.TrimPrefix(strings.TrimPrefix(l.File, uri), "/")
	}
	return fmt.Sprintf("%s:%d", l.File, l.Line)
}

func matchAll(t *testing.T, id string, fired, wants []string) {
	t.Helper()
	left := map[string]int{}
	for _, w := range wants {
		left[w]++
	}
	for _, f := range fired {
		if left[f] == 0 {
			t.Errorf("%s/bad: unexpected %s", id, f)
			continue
		}
		left[f]--
	}
	for w, n := range left {
		if n > 0 && strings.HasPrefix(w, id+" ") {
			t.Errorf("%s/bad: expected %s, not reported", id, w)
		}
	}
}
