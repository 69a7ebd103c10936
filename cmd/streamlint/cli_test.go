package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files")

// repoRoot is the repository root, two levels above this file.
func repoRoot() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Clean(filepath.Join(filepath.Dir(file), "..", ".."))
}

// runCLI runs the CLI in-process from the repository root.
func runCLI(t *testing.T, env map[string]string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	t.Chdir(repoRoot())
	var out, errb bytes.Buffer
	code = run(context.Background(), args, cliEnv(&out, &errb, env))
	return out.String(), errb.String(), code
}

func cliEnv(out, errb *bytes.Buffer, vars map[string]string) env {
	return env{
		stdin: strings.NewReader(""), stdout: out, stderr: errb,
		getenv: func(k string) string { return vars[k] },
		environ: func() []string {
			var kv []string
			for k, v := range vars {
				kv = append(kv, k+"="+v)
			}
			return kv
		},
		isTerminal: func(any) bool { return vars["TERM_TEST"] == "1" },
	}
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join(repoRoot(), "cmd", "streamlint", "testdata", "golden", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./cmd/streamlint -update)", err)
	}
	if string(want) != got {
		t.Errorf("%s differs from the golden file (go test ./cmd/streamlint -update to accept):\n--- got ---\n%s", name, got)
	}
}

func TestIncidentGolden(t *testing.T) {
	cases := []struct {
		name   string
		args   []string
		code   int
		golden string
	}{
		{"before text", []string{"check", "fixtures/incident/before"}, 1, "incident-before.txt"},
		{"before json", []string{"check", "--format", "json", "fixtures/incident/before"}, 1, "incident-before.json"},
		{"after text", []string{"check", "fixtures/incident/after"}, 1, "incident-after.txt"},
		{"after json", []string{"check", "--format", "json", "fixtures/incident/after"}, 1, "incident-after.json"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out, errOut, code := runCLI(t, nil, c.args...)
			if code != c.code {
				t.Fatalf("exit %d, want %d; stderr: %s", code, c.code, errOut)
			}
			golden(t, c.golden, out)
			// byte-identical across runs
			again, _, _ := runCLI(t, nil, c.args...)
			if again != out {
				t.Error("second run differs from the first")
			}
		})
	}
}

// TestIncidentFindings pins what the incident README promises, independent
// of message wording.
func TestIncidentFindings(t *testing.T) {
	cases := []struct {
		dir  string
		want []string
		not  []string
	}{
		{"fixtures/incident/before", []string{"KAF005", "KAF006", "KAF007", "SPK002", "CAP001"}, []string{"KAF001", "KAF002", "KAF003", "KAF009", "SPK003", "SPK007"}},
		{"fixtures/incident/after", []string{"KAF009", "KAF006", "KAF007", "SPK002", "SPK003", "SPK007", "CAP001"}, []string{"KAF001", "KAF002", "KAF003", "KAF005"}},
	}
	for _, c := range cases {
		t.Run(c.dir, func(t *testing.T) {
			out, _, _ := runCLI(t, nil, "check", "--format", "json", c.dir)
			var doc struct {
				Findings []struct {
					RuleID string `json:"rule_id"`
					File   string `json:"file"`
					Line   int    `json:"line"`
				} `json:"findings"`
			}
			if err := json.Unmarshal([]byte(out), &doc); err != nil {
				t.Fatal(err)
			}
			got := map[string]bool{}
			for _, f := range doc.Findings {
				got[f.RuleID] = true
			}
			for _, id := range c.want {
				if !got[id] {
					t.Errorf("%s not reported", id)
				}
			}
			for _, id := range c.not {
				if got[id] {
					t.Errorf("%s reported but must not be", id)
				}
			}
		})
	}
}

func TestExitCodes(t *testing.T) {
	cases := []struct {
		name string
		args []string
		code int
	}{
		{"findings", []string{"check", "fixtures/incident/before"}, 1},
		{"fail-on none", []string{"check", "--fail-on", "none", "fixtures/incident/before"}, 0},
		{"below fail-on", []string{"check", "--fail-on", "error", "fixtures/rules/SPK007/bad"}, 0},
		{"bad flag", []string{"check", "--format", "xml", "fixtures/incident/before"}, 2},
		{"unknown rule", []string{"check", "--disable", "NOPE001", "."}, 2},
		{"bad param", []string{"check", "--param", "capacity.nope=1", "."}, 2},
		{"missing path", []string{"check", "does/not/exist"}, 2},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, errOut, code := runCLI(t, nil, c.args...)
			if code != c.code {
				t.Errorf("exit %d, want %d (stderr %q)", code, c.code, errOut)
			}
		})
	}
}

func TestColorOnlyOnTerminal(t *testing.T) {
	out, _, _ := runCLI(t, map[string]string{"TERM_TEST": "1"}, "check", "fixtures/incident/before")
	if !strings.Contains(out, "\x1b[") {
		t.Error("no colour on a terminal")
	}
	out, _, _ = runCLI(t, map[string]string{"TERM_TEST": "1", "NO_COLOR": "1"}, "check", "fixtures/incident/before")
	if strings.Contains(out, "\x1b[") {
		t.Error("colour despite NO_COLOR")
	}
	out, _, _ = runCLI(t, nil, "check", "fixtures/incident/before")
	if strings.Contains(out, "\x1b[") {
		t.Error("colour when not a terminal")
	}
}

func TestRulesCommand(t *testing.T) {
	out, _, code := runCLI(t, nil, "rules")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	for _, id := range []string{"KAF001", "CAP001", "LNT002", "SPK007"} {
		if !strings.Contains(out, id) {
			t.Errorf("rules output lacks %s", id)
		}
	}
}
