package main

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"testing"
)

// badReport is the part of the JSON report the bad-input tests read.
type badReport struct {
	Findings []struct {
		RuleID string `json:"rule_id"`
		File   string `json:"file"`
		Line   int    `json:"line"`
	} `json:"findings"`
	Errors []struct {
		File    string `json:"file"`
		Line    int    `json:"line"`
		Message string `json:"message"`
	} `json:"errors"`
	Notes []struct {
		File    string `json:"file"`
		Line    int    `json:"line"`
		Message string `json:"message"`
	} `json:"notes"`
}

func parseBad(t *testing.T, out string) badReport {
	t.Helper()
	var r badReport
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	return r
}

// errorFor returns the error reported for file, or fails.
func (r badReport) errorFor(t *testing.T, file string) (int, string) {
	t.Helper()
	for _, e := range r.Errors {
		if e.File == file {
			return e.Line, e.Message
		}
	}
	t.Errorf("no error for %s; errors: %+v", file, r.Errors)
	return 0, ""
}

func (r badReport) hasFinding(rule, file string, line int) bool {
	for _, f := range r.Findings {
		if f.RuleID == rule && f.File == file && (line == 0 || f.Line == line) {
			return true
		}
	}
	return false
}

// TestBadInputCorpus checks fixtures/bad in one run: each bad file is an
// error (exit 2) with its file, line and what is wrong; the good file
// beside them is still checked; missing references are LNT003 findings
// and a job that does not parse is a note. Every file of fixtures/bad
// must have its expectation here.
func TestBadInputCorpus(t *testing.T) {
	errorsWant := []struct {
		file string
		line int
		msg  string
	}{
		{"tabs/compose.yaml", 4, "invalid YAML: line 4: found character that cannot start any token"},
		{"indentation/compose.yaml", 2, "invalid YAML: line 2: did not find expected key"},
		{"duplicate-keys/compose.yaml", 5, `mapping key "image" already defined at line 4`},
		{"wrong-types/compose.yaml", 5, "services.kafka.ports must be a array"},
		{"unknown-top-level-key/compose.yaml", 5, "(root): additional property 'service' is not allowed"},
		{"invalid-utf8/compose.yaml", 5, "not valid UTF-8"},
		{"binary/docker-compose.yml", 3, "binary file"},
		{"empty/compose.yaml", 1, "empty compose file"},
		{"only-comments/compose.yaml", 1, "empty compose file"},
		{"alias-bomb/compose.yaml", 8, "alias *f takes what the aliases of this file expand to past 4 MiB (an alias bomb)"},
		{"merge-bomb/compose.yaml", 14, "alias *a10 takes what the aliases of this file expand to past 4 MiB (an alias bomb)"},
		{"include-loop/compose.yaml", 1, "include cycle detected"},
		{"include-loop/other.yaml", 1, "include cycle detected"},
		{"remote-include/compose.yaml", 1, `remote resource "https://example.com/kafka/compose.yaml" not allowed`},
	}
	out, errOut, code := runCLI(t, nil, "check", "--format", "json", "fixtures/bad")
	if code != exitError {
		t.Fatalf("exit %d, want 2 (%s)", code, errOut)
	}
	r := parseBad(t, out)
	covered := map[string]bool{}
	for _, w := range errorsWant {
		file := "fixtures/bad/" + w.file
		covered[file] = true
		line, msg := r.errorFor(t, file)
		if line != w.line || !strings.Contains(msg, w.msg) {
			t.Errorf("%s: error at line %d %q, want line %d %q", file, line, msg, w.line, w.msg)
		}
	}
	if len(r.Errors) != len(errorsWant) {
		t.Errorf("%d errors, want %d: %+v", len(r.Errors), len(errorsWant), r.Errors)
	}
	// the good file beside the bad ones is checked
	good := "fixtures/bad/good/docker-compose.yml"
	covered[good] = true
	if !r.hasFinding("KAF001", good, 3) {
		t.Errorf("the good file's KAF001 is missing: %+v", r.Findings)
	}
	// not errors: LNT003 findings, and the rest of the file is checked
	unresolved := "fixtures/bad/unresolved/compose.yaml"
	covered[unresolved] = true
	for _, line := range []int{6, 8} {
		if !r.hasFinding("LNT003", unresolved, line) {
			t.Errorf("no LNT003 at %s:%d", unresolved, line)
		}
	}
	if !r.hasFinding("KAF005", unresolved, 0) {
		t.Errorf("the rest of %s was not checked", unresolved)
	}
	job := "fixtures/bad/python-syntax/job.py"
	covered[job] = true
	noted := false
	for _, n := range r.Notes {
		noted = noted || (n.File == job && n.Line >= 4)
	}
	if !noted {
		t.Errorf("no note for %s: %+v", job, r.Notes)
	}
	// every file of the corpus has an expectation
	err := filepath.WalkDir(filepath.Join(repoRoot(), "fixtures", "bad"), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(repoRoot(), p)
		if rel = filepath.ToSlash(rel); !covered[rel] {
			t.Errorf("%s has no expected outcome in TestBadInputCorpus", rel)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestBadInputNotErrors: alone, the files that are not errors leave the
// exit code to the findings: a job that does not parse is a note (exit
// 0), unresolved references are warnings (exit 1).
func TestBadInputNotErrors(t *testing.T) {
	out, errOut, code := runCLI(t, nil, "check", "--format", "json", "fixtures/bad/python-syntax")
	if r := parseBad(t, out); code != exitOK || len(r.Notes) == 0 || len(r.Errors) != 0 {
		t.Errorf("python-syntax: exit %d, %+v (%s)", code, r, errOut)
	}
	out, errOut, code = runCLI(t, nil, "check", "--format", "json", "--disable", "KAF005,KAF006,KAF007,KAF008,KAF015,KAF018,KAF002", "fixtures/bad/unresolved")
	r := parseBad(t, out)
	if code != exitFindings || len(r.Errors) != 0 {
		t.Errorf("unresolved: exit %d, %+v (%s)", code, r, errOut)
	}
	for _, f := range r.Findings {
		if f.RuleID != "LNT003" {
			t.Errorf("unexpected %s", f.RuleID)
		}
	}
}

// TestBadInputGenerated covers the bad inputs that are not committed:
// a file over the size limit (and --max-file-size raising it), 10,000
// levels of nesting, a symlink loop, a directory and a FIFO named like
// compose files, a link to /dev/zero. Each is an error with its file,
// and the good file beside them is still checked. Memory and time are
// bounded by construction: sizes are checked before reading, devices and
// pipes are never opened, nesting is capped by the YAML parser.
func TestBadInputGenerated(t *testing.T) {
	dir := t.TempDir()
	write := func(rel string, data []byte) {
		t.Helper()
		p := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	goodSrc, err := os.ReadFile(filepath.Join(repoRoot(), "fixtures", "bad", "good", "docker-compose.yml"))
	if err != nil {
		t.Fatal(err)
	}
	write("good/docker-compose.yml", goodSrc)
	const limit = 10 << 20
	big := []byte("services:\n  kafka:\n    image: confluentinc/cp-kafka:7.6.1\n# ")
	big = append(big, []byte(strings.Repeat("x", limit+1-len(big)-1)+"\n")...)
	write("big/compose.yaml", big)
	deep := 10001
	write("deep/compose.yaml", []byte("services:\n  kafka:\n    image: confluentinc/cp-kafka:7.6.1\n    labels: "+strings.Repeat("[", deep)+strings.Repeat("]", deep)+"\n"))
	if err := os.MkdirAll(filepath.Join(dir, "loop"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("compose.yaml", filepath.Join(dir, "loop", "compose.yaml")); err != nil {
		t.Fatal(err)
	}
	write("named/docker-compose.yml/README.md", []byte("a directory, not a compose file\n"))
	if err := os.MkdirAll(filepath.Join(dir, "zero"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("/dev/zero", filepath.Join(dir, "zero", "compose.yaml")); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(dir, "fifo"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(filepath.Join(dir, "fifo", "compose.yaml"), 0o644); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"big/compose.yaml":         fmt.Sprintf("file is %d bytes, over the %d-byte limit (--max-file-size)", limit+1, limit),
		"deep/compose.yaml":        "exceeded max depth of 10000",
		"loop/compose.yaml":        "too many levels of symbolic links",
		"named/docker-compose.yml": "is a directory named like a compose file",
		"zero/compose.yaml":        "under /proc, /sys or /dev",
		"fifo/compose.yaml":        "not a regular file",
	}
	out, errOut, code := runCLI(t, nil, "check", "--format", "json", dir)
	if code != exitError {
		t.Fatalf("exit %d, want 2 (%s)", code, errOut)
	}
	r := parseBad(t, out)
	abs := func(rel string) string { return filepath.ToSlash(filepath.Join(dir, filepath.FromSlash(rel))) }
	var files []string
	for f := range want {
		files = append(files, f)
	}
	sort.Strings(files)
	for _, f := range files {
		if _, msg := r.errorFor(t, abs(f)); !strings.Contains(msg, want[f]) {
			t.Errorf("%s: %q, want %q", f, msg, want[f])
		}
	}
	if len(r.Errors) != len(want) {
		t.Errorf("%d errors, want %d: %+v", len(r.Errors), len(want), r.Errors)
	}
	if !r.hasFinding("KAF001", abs("good/docker-compose.yml"), 3) {
		t.Errorf("the good file was not checked: %+v", r.Findings)
	}
	// the flag raises the limit
	out, errOut, _ = runCLI(t, nil, "check", "--format", "json", "--max-file-size", fmt.Sprint(limit+1), filepath.Join(dir, "big"), filepath.Join(dir, "good"))
	r = parseBad(t, out)
	if len(r.Errors) != 0 || !r.hasFinding("KAF001", abs("big/compose.yaml"), 2) {
		t.Errorf("--max-file-size %d: %+v (%s)", limit+1, r, errOut)
	}
}
