package lint_test

import (
	"bufio"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/streamlint/streamlint/checker/config"
	"github.com/streamlint/streamlint/checker/engine"
	"github.com/streamlint/streamlint/checker/lint"
	"github.com/streamlint/streamlint/checker/model"
	"github.com/streamlint/streamlint/checker/pipeline"
	"github.com/streamlint/streamlint/checker/rules"
	"github.com/streamlint/streamlint/internal/safefile"
	"github.com/streamlint/streamlint/policies"
)

// repoRoot is the repository root, two levels above this package.
func repoRoot(t testing.TB) string {
	t.Helper()
	_, file, _, _ := runtime.Caller(0)
	return filepath.Clean(filepath.Join(filepath.Dir(file), "..", ".."))
}

// builtinEngine is the built-in policies compiled once for the whole test
// binary (with every compiler check): an Engine is safe for concurrent use.
var builtinEngine = sync.OnceValues(func() (*engine.Engine, error) {
	mods, err := engine.ReadModules(policies.FS, "policies")
	if err != nil {
		return nil, err
	}
	return engine.New(context.Background(), mods, engine.Options{})
})

// newLinter builds a linter whose paths are shown relative to dir.
func newLinter(t testing.TB, dir string, profile string) (*lint.Linter, lint.Options) {
	t.Helper()
	eng, err := builtinEngine()
	if err != nil {
		t.Fatal(err)
	}
	display := lint.DisplayFunc(dir)
	b, err := pipeline.NewBuilder(pipeline.Options{Params: fixtureParams(t, dir), Profile: profile, Display: display})
	if err != nil {
		t.Fatal(err)
	}
	return lint.New(func() (*engine.Engine, error) { return eng, nil }, b), lint.Options{}
}

// runDir checks dir under the prod profile, paths shown relative to it.
func runDir(t *testing.T, dir string) (*lint.Linter, *lint.Report) {
	t.Helper()
	l, opts := newLinter(t, dir, "prod")
	opts.Paths = []string{dir}
	rep, err := l.Run(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	return l, rep
}

// fixtureParams are the default parameters with the `params` of a
// .streamlint.yaml in the fixture directory, if there is one (rules whose
// parameter is unset by default, such as capacity.produce_rate, need it).
func fixtureParams(t testing.TB, dir string) model.Params {
	t.Helper()
	p := model.DefaultParams()
	path := filepath.Join(dir, config.FileNames[0])
	if _, err := os.Stat(path); err != nil {
		return p
	}
	c, err := config.Load(path, safefile.Scope{})
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range c.Params {
		if err := p.Set(k, v); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
	}
	return p
}

// want is an expectation written in a fixture: `# want: ID` on the line of
// the finding, `# want+1: ID` on the line above it, `# want-file: ID`
// anywhere in the file. IDs are separated by commas.
type want struct {
	file string
	line int // 0 for want-file
	rule string
}

// liveSeed is the cluster seed of a running cluster's rule fixture
// (livetest.SeedFile; not imported, to keep kfake out of this package).
const liveSeed = "cluster.yaml"

var wantRe = regexp.MustCompile(`(?:#|//)\s*want(\+1|-file)?:\s*([A-Z]{3}[0-9]{3}(?:\s*,\s*[A-Z]{3}[0-9]{3})*)`)

func readWants(t *testing.T, dir string) []want {
	t.Helper()
	var out []want
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		f, err := os.Open(p)
		if err != nil {
			return err
		}
		defer f.Close()
		rel, _ := filepath.Rel(dir, p)
		sc := bufio.NewScanner(f)
		for n := 1; sc.Scan(); n++ {
			m := wantRe.FindStringSubmatch(sc.Text())
			if m == nil {
				continue
			}
			line := n
			switch m[1] {
			case "+1":
				line = n + 1
			case "-file":
				line = 0
			}
			for _, id := range strings.Split(m[2], ",") {
				out = append(out, want{file: filepath.ToSlash(rel), line: line, rule: strings.TrimSpace(id)})
			}
		}
		return sc.Err()
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestRuleFixtures runs every rule's fixtures: in bad/, each finding of
// the rule must match a want comment and each want comment must be matched;
// in good/ (the near miss) the rule must not fire at all.
func TestRuleFixtures(t *testing.T) {
	root := filepath.Join(repoRoot(t), "fixtures", "rules")
	entries, err := os.ReadDir(root)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		id := e.Name()
		if _, err := os.Stat(filepath.Join(root, id, "bad", liveSeed)); err == nil {
			continue // a running cluster's fixture: checker/live's TestLiveRuleFixtures runs it
		}
		t.Run(id, func(t *testing.T) {
			t.Parallel()
			for _, kind := range []string{"bad", "good"} {
				dir := filepath.Join(root, id, kind)
				if _, err := os.Stat(dir); err != nil {
					t.Fatalf("%s/%s: %v", id, kind, err)
				}
				_, rep := runDir(t, dir)
				if len(rep.Errors) > 0 && id != "LNT002" {
					t.Errorf("%s/%s: unexpected load errors: %+v", id, kind, rep.Errors)
				}
				var got []want
				for _, f := range rep.Findings {
					if f.RuleID == id {
						got = append(got, want{file: f.File, line: f.Line, rule: f.RuleID})
					}
				}
				if kind == "good" {
					for _, g := range got {
						t.Errorf("near miss %s/good: %s fired at %s:%d", id, id, g.file, g.line)
					}
					continue
				}
				wants := readWants(t, dir)
				if len(wants) == 0 {
					t.Fatalf("%s/bad has no want comment", id)
				}
				matchWants(t, id, got, wants)
			}
		})
	}
}

func matchWants(t *testing.T, id string, got, wants []want) {
	t.Helper()
	used := make([]bool, len(wants))
	for _, g := range got {
		ok := false
		for i, w := range wants {
			if !used[i] && w.rule == g.rule && w.file == g.file && (w.line == 0 || w.line == g.line) {
				used[i], ok = true, true
				break
			}
		}
		if !ok {
			t.Errorf("%s/bad: unexpected %s at %s:%d", id, g.rule, g.file, g.line)
		}
	}
	for i, w := range wants {
		if !used[i] && w.rule == id {
			t.Errorf("%s/bad: expected %s at %s:%s, not reported", id, w.rule, w.file, lineString(w.line))
		}
	}
}

func lineString(n int) string {
	if n == 0 {
		return "(file)"
	}
	return strconv.Itoa(n)
}

// TestEveryRuleIsComplete walks all rules: each Rego rule has a Rego test
// that names it, fixtures that fire and a near miss, and a doc page; each
// Go rule has a doc page.
func TestEveryRuleIsComplete(t *testing.T) {
	root := repoRoot(t)
	l, _ := newLinter(t, root, "prod")
	goRules := map[string]bool{}
	for _, r := range rules.Go() {
		goRules[r.ID] = true
	}
	var ids []string
	for _, r := range l.Rules() {
		ids = append(ids, r.ID)
		if _, err := os.Stat(filepath.Join(root, "docs", "rules", r.ID+".md")); err != nil {
			t.Errorf("%s: no docs/rules/%s.md (run go generate ./...)", r.ID, r.ID)
		}
		if goRules[r.ID] {
			continue
		}
		if r.Description == "" || r.Remediation == "" || r.Title == "" || len(r.Related) == 0 {
			t.Errorf("%s: METADATA lacks title, description, remediation or related_resources", r.ID)
		}
		dir := filepath.Dir(strings.TrimPrefix(r.File, "policies/"))
		if filepath.Base(dir) != r.ID || filepath.Base(r.File) != r.ID+".rego" {
			t.Errorf("%s is defined in %s: want policies/rules/<area>/%s/%s.rego", r.ID, r.File, r.ID, r.ID)
		}
		if r.Package != "streamlint.rules."+r.ID {
			t.Errorf("%s: package %s, want streamlint.rules.%s", r.ID, r.Package, r.ID)
		}
		test, err := policies.FS.ReadFile(filepath.ToSlash(filepath.Join(dir, r.ID+"_test.rego")))
		if err != nil || !strings.Contains(string(test), "test_") {
			t.Errorf("%s: no Rego unit test beside it", r.ID)
		}
		// The rules of a running cluster (policies/rules/live/) have a
		// cluster seed in both fixtures, which checker/live's
		// TestLiveRuleFixtures starts as an in-process Kafka; no other
		// rule has one (TestRuleFixtures would skip it).
		isLive := strings.HasPrefix(r.File, "policies/rules/live/")
		for _, kind := range []string{"bad", "good"} {
			if _, err := os.Stat(filepath.Join(root, "fixtures", "rules", r.ID, kind)); err != nil {
				t.Errorf("%s: no fixtures/rules/%s/%s", r.ID, r.ID, kind)
			}
			_, err := os.Stat(filepath.Join(root, "fixtures", "rules", r.ID, kind, liveSeed))
			if hasSeed := err == nil; hasSeed != isLive {
				t.Errorf("%s: fixtures/rules/%s/%s/%s present=%v, want %v (only policies/rules/live/ rules judge a running cluster)", r.ID, r.ID, kind, liveSeed, hasSeed, isLive)
			}
		}
	}
	if !sort.StringsAreSorted(ids) || len(ids) < 12 {
		t.Errorf("rules not sorted or missing: %v", ids)
	}
}
