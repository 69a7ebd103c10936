package lint_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/streamlint/streamlint/checker/lint"
	"github.com/streamlint/streamlint/checker/model"
)

var update = flag.Bool("update", false, "rewrite fixtures/stacks/*/expected.json from the linter's output (reviewed fields are kept)")

// stackGolden is fixtures/stacks/<name>/expected.json: what the linter
// reports on a stack, each entry reviewed by a Kafka/Spark expert.
//
// Every entry of Errors, Findings and Notes is something the linter
// reports today. It carries either a Reason (why the expert agrees) or
// Disagree (why it is wrong: a false alarm, or the wrong place). Missing
// lists what the expert expects and the linter does not report (Disagree
// says why). Issue remarks on the message of an entry whose rule and place
// are right.
//
// The test requires the report to match the entries exactly, except that
// disagreements may be resolved: an entry marked Disagree that is no
// longer reported, or a Missing entry that now is, only logs a note
// (`go test ./checker/lint -run Stacks -update` then rewrites the golden,
// dropping the first and turning the second into an agreed finding).
type stackGolden struct {
	// Exit is the exit code of `streamlint check` on the stack with the
	// default flags (2: a file could not be loaded; 1: findings at
	// warning or above; 0: none).
	Exit int `json:"exit"`
	// ExpertExit is the exit code the expert expects when the
	// disagreements make the linter's differ (README.md states it).
	ExpertExit *int         `json:"expert_exit,omitempty"`
	Errors     []stackEntry `json:"errors"`
	Findings   []stackEntry `json:"findings"`
	Notes      []stackEntry `json:"notes"`
	Missing    []stackEntry `json:"missing,omitempty"`
}

// expertExit is the exit code the expert expects.
func (g *stackGolden) expertExit() int {
	if g.ExpertExit != nil {
		return *g.ExpertExit
	}
	return g.Exit
}

type stackEntry struct {
	Rule     string `json:"rule,omitempty"`
	File     string `json:"file"`
	Line     int    `json:"line"`
	Reason   string `json:"reason,omitempty"`
	Disagree string `json:"disagree,omitempty"`
	Issue    string `json:"issue,omitempty"`
}

type stackKey struct {
	rule, file string
	line       int
}

func (e stackEntry) key() stackKey { return stackKey{e.Rule, e.File, e.Line} }

func (k stackKey) String() string {
	if k.rule == "" {
		return fmt.Sprintf("%s:%d", k.file, k.line)
	}
	return fmt.Sprintf("%s %s:%d", k.rule, k.file, k.line)
}

// reported is one thing the linter said: its key and its text.
type reported struct {
	key stackKey
	msg string
}

func stacksRoot(t *testing.T) string {
	return filepath.Join(repoRoot(t), "fixtures", "stacks")
}

// TestStacks runs the linter over every stack of fixtures/stacks and
// compares its errors, findings and notes with the stack's reviewed
// golden; an exit 2 (a load error, LNT002) that the golden does not list
// fails. With -update the goldens are rewritten from the output.
func TestStacks(t *testing.T) {
	root := stacksRoot(t)
	entries, err := os.ReadDir(root)
	if err != nil {
		t.Fatal(err)
	}
	readme := readStacksReadme(t, root)
	var names []string
	for _, e := range entries {
		if e.IsDir() {
			names = append(names, e.Name())
		}
	}
	if len(names) < 15 {
		t.Errorf("%d stacks in fixtures/stacks, want at least 15", len(names))
	}
	for _, name := range names {
		if _, ok := readme[name]; !ok {
			t.Errorf("fixtures/stacks/README.md has no line `- **%s** (exit N): ...`", name)
		}
	}
	for name := range readme {
		if !slices.Contains(names, name) {
			t.Errorf("fixtures/stacks/README.md describes %q, which is not a directory of fixtures/stacks", name)
		}
	}
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			dir := filepath.Join(root, name)
			path := filepath.Join(dir, "expected.json")
			_, rep := runDir(t, dir)
			errs, finds, notes := reportedOf(rep)
			exit := exitOf(rep)
			golden, err := readStackGolden(path)
			if *update {
				if err != nil && !os.IsNotExist(err) {
					t.Fatal(err)
				}
				writeStackGolden(t, path, updateGolden(golden, exit, errs, finds, notes))
				golden, err = readStackGolden(path)
			}
			if err != nil {
				t.Fatalf("%v (go test ./checker/lint -run Stacks -update writes it from the output; then review every entry)", err)
			}
			checkStack(t, name, golden, exit, errs, finds, notes)
			if want, ok := readme[name]; ok && want != golden.expertExit() {
				t.Errorf("README.md says exit %d, expected.json says the expert expects exit %d", want, golden.expertExit())
			}
		})
	}
}

// checkStack compares one stack's report with its golden and says, for
// each difference, what was reported or expected and where.
func checkStack(t *testing.T, name string, g *stackGolden, exit int, errs, finds, notes []reported) {
	t.Helper()
	var diff []string
	resolved := compareEntries("error", g.Errors, nil, errs, &diff)
	resolved = compareEntries("finding", g.Findings, g.Missing, finds, &diff) || resolved
	resolved = compareEntries("note", g.Notes, nil, notes, &diff) || resolved
	for _, kind := range []struct {
		what    string
		entries []stackEntry
	}{{"error", g.Errors}, {"finding", g.Findings}, {"note", g.Notes}, {"missing", g.Missing}} {
		for _, e := range kind.entries {
			switch {
			case kind.what == "missing" && e.Disagree == "":
				diff = append(diff, fmt.Sprintf("? missing %s: says nothing; give `disagree`: why the finding is expected", e.key()))
			case kind.what != "missing" && (e.Reason == "") == (e.Disagree == ""):
				diff = append(diff, fmt.Sprintf("? %s %s: unreviewed; give exactly one of `reason` (why it is right) or `disagree` (why it is wrong)", kind.what, e.key()))
			}
		}
	}
	switch {
	case exit == g.Exit:
	case exit == 2 && g.expertExit() != 2:
		diff = append(diff, fmt.Sprintf("! exit 2, but expected.json says exit %d: a load error nobody expects", g.Exit))
	case exit == g.expertExit() || resolved:
		diff = append(diff, fmt.Sprintf("(resolved) exit %d, expected.json says exit %d (the expert expects %d); -update records it", exit, g.Exit, g.expertExit()))
	default:
		diff = append(diff, fmt.Sprintf("! exit %d, expected.json says exit %d", exit, g.Exit))
	}
	// Resolved disagreements alone do not fail the test (they are what
	// fixes to the linter are for): they are logged, and listed when
	// something else fails.
	if onlyResolved(diff) {
		for _, d := range diff {
			t.Logf("fixtures/stacks/%s: %s", name, d)
		}
		return
	}
	if len(diff) > 0 {
		t.Errorf("fixtures/stacks/%s differs from expected.json (- expected, not reported; + reported, not expected; ? golden to review; ! exit code):\n  %s\nIf the change is right: go test ./checker/lint -run Stacks -update, then review fixtures/stacks/%s/expected.json.",
			name, strings.Join(diff, "\n  "), name)
	}
}

// compareEntries matches what was reported against the golden entries
// of one kind (and the missing ones, for findings), appending each
// difference to diff. It reports whether a disagreement was resolved.
func compareEntries(what string, want, missing []stackEntry, got []reported, diff *[]string) bool {
	resolved := false
	remaining := map[stackKey][]stackEntry{}
	for _, e := range want {
		remaining[e.key()] = append(remaining[e.key()], e)
	}
	missed := map[stackKey]stackEntry{}
	for _, e := range missing {
		missed[e.key()] = e
	}
	for _, r := range got {
		if es := remaining[r.key]; len(es) > 0 {
			remaining[r.key] = es[1:]
			continue
		}
		if m, ok := missed[r.key]; ok {
			*diff = append(*diff, fmt.Sprintf("(resolved) %s %s is now reported, as the expert expects (%s); -update records it", what, r.key, m.Disagree))
			resolved = true
			continue
		}
		*diff = append(*diff, fmt.Sprintf("+ %s %s: %s", what, r.key, r.msg))
	}
	var keys []stackKey
	for k := range remaining {
		keys = append(keys, k)
	}
	sortKeys(keys)
	for _, k := range keys {
		for _, e := range remaining[k] {
			if e.Disagree != "" {
				*diff = append(*diff, fmt.Sprintf("(resolved) %s %s is no longer reported, as the expert expects (%s); -update drops it", what, k, e.Disagree))
				resolved = true
				continue
			}
			*diff = append(*diff, fmt.Sprintf("- %s %s (%s)", what, k, e.Reason))
		}
	}
	return resolved
}

func onlyResolved(diff []string) bool {
	for _, d := range diff {
		if !strings.HasPrefix(d, "(resolved)") {
			return false
		}
	}
	return true
}

func sortKeys(keys []stackKey) {
	sort.Slice(keys, func(i, j int) bool {
		a, b := keys[i], keys[j]
		if a.file != b.file {
			return a.file < b.file
		}
		if a.line != b.line {
			return a.line < b.line
		}
		return a.rule < b.rule
	})
}

// reportedOf splits a report into load errors, findings and notes.
func reportedOf(rep *lint.Report) (errs, finds, notes []reported) {
	for _, e := range rep.Errors {
		errs = append(errs, reported{stackKey{"", e.File, e.Line}, e.Message})
	}
	for _, f := range rep.Findings {
		finds = append(finds, reported{stackKey{f.RuleID, f.File, f.Line}, string(f.Severity) + " " + f.Message})
	}
	for _, n := range rep.Notes {
		notes = append(notes, reported{stackKey{"", n.File, n.Line}, n.Message})
	}
	return errs, finds, notes
}

// exitOf is the exit code `streamlint check` gives a report with the
// default --fail-on warning.
func exitOf(rep *lint.Report) int {
	if len(rep.Errors) > 0 {
		return 2
	}
	for _, f := range rep.Findings {
		if f.Suppressed == nil && f.Severity.Rank() >= model.SeverityWarning.Rank() {
			return 1
		}
	}
	return 0
}

func readStackGolden(path string) (*stackGolden, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var g stackGolden
	if err := dec.Decode(&g); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return &g, nil
}

// updateGolden is the golden the output calls for, keeping what was
// reviewed: an entry still reported keeps its reason, disagreement and
// issue; a disagreement no longer reported is dropped (resolved); a
// missing finding now reported becomes a finding whose reason is why it
// was expected; anything new has no reason yet, which the test reports
// until someone reviews it.
func updateGolden(old *stackGolden, exit int, errs, finds, notes []reported) *stackGolden {
	if old == nil {
		old = &stackGolden{}
	}
	g := &stackGolden{Exit: exit}
	if e := old.ExpertExit; e != nil && *e != exit {
		g.ExpertExit = e
	}
	g.Errors = carry(old.Errors, nil, errs)
	g.Findings = carry(old.Findings, old.Missing, finds)
	g.Notes = carry(old.Notes, nil, notes)
	reported := map[stackKey]bool{}
	for _, f := range finds {
		reported[f.key] = true
	}
	for _, m := range old.Missing {
		if !reported[m.key()] {
			g.Missing = append(g.Missing, m)
		}
	}
	return g
}

func carry(old, missing []stackEntry, got []reported) []stackEntry {
	prev := map[stackKey][]stackEntry{}
	for _, e := range old {
		prev[e.key()] = append(prev[e.key()], e)
	}
	missed := map[stackKey]stackEntry{}
	for _, e := range missing {
		missed[e.key()] = e
	}
	out := []stackEntry{}
	for _, r := range got {
		e := stackEntry{Rule: r.key.rule, File: r.key.file, Line: r.key.line}
		if ps := prev[r.key]; len(ps) > 0 {
			e.Reason, e.Disagree, e.Issue = ps[0].Reason, ps[0].Disagree, ps[0].Issue
			prev[r.key] = ps[1:]
		} else if m, ok := missed[r.key]; ok {
			e.Reason = m.Disagree
		}
		out = append(out, e)
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i].key(), out[j].key()
		if a.file != b.file {
			return a.file < b.file
		}
		if a.line != b.line {
			return a.line < b.line
		}
		return a.rule < b.rule
	})
	return out
}

// writeStackGolden writes g with one entry per line, so that a diff of
// the golden shows which entries changed.
func writeStackGolden(t *testing.T, path string, g *stackGolden) {
	t.Helper()
	var buf bytes.Buffer
	fmt.Fprintf(&buf, "{\n  \"exit\": %d", g.Exit)
	if g.ExpertExit != nil {
		fmt.Fprintf(&buf, ",\n  \"expert_exit\": %d", *g.ExpertExit)
	}
	for _, list := range []struct {
		name    string
		entries []stackEntry
		always  bool
	}{{"errors", g.Errors, true}, {"findings", g.Findings, true}, {"notes", g.Notes, true}, {"missing", g.Missing, false}} {
		if len(list.entries) == 0 {
			if list.always {
				fmt.Fprintf(&buf, ",\n  %q: []", list.name)
			}
			continue
		}
		fmt.Fprintf(&buf, ",\n  %q: [", list.name)
		for i, e := range list.entries {
			line, err := marshalEntry(e)
			if err != nil {
				t.Fatal(err)
			}
			if i > 0 {
				buf.WriteByte(',')
			}
			buf.WriteString("\n    ")
			buf.Write(line)
		}
		buf.WriteString("\n  ]")
	}
	buf.WriteString("\n}\n")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// marshalEntry is e as one line of JSON (<, > and & kept as written).
func marshalEntry(e stackEntry) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(e); err != nil {
		return nil, err
	}
	return bytes.TrimSpace(buf.Bytes()), nil
}

// stackLine is a stack's line in fixtures/stacks/README.md:
// `- **name** (exit N): what an expert expects and why`.
var stackLine = regexp.MustCompile(`^- \*\*([a-z0-9][a-z0-9-]*)\*\* \(exit ([012])\): \S`)

// readStacksReadme returns the exit code README.md states for each stack.
func readStacksReadme(t *testing.T, root string) map[string]int {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(root, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]int{}
	for _, line := range strings.Split(string(data), "\n") {
		m := stackLine.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		if _, dup := out[m[1]]; dup {
			t.Errorf("README.md describes %q twice", m[1])
		}
		out[m[1]], _ = strconv.Atoi(m[2])
	}
	return out
}
