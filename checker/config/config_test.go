package config

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/streamlint/streamlint/internal/safefile"
)

func TestParse(t *testing.T) {
	src := `# team settings
profile: dev
fail-on: error
rules:
  KAF006: off
  spk007: error
params:
  capacity.avg_record_bytes: 1024
exclude: ["legacy/**"]
env-files: [.env.ci]
policies: [policies/team]
versions:
  kafka: "3.7"
docs-url: https://docs.example.com/rules/
`
	c, err := Parse("x/.streamlint.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if c.Profile != "dev" || c.FailOn != "error" || c.Rules["KAF006"] != "off" || c.Rules["SPK007"] != "error" ||
		c.Params["capacity.avg_record_bytes"] != 1024 || c.Exclude[0] != "legacy/**" || c.Versions.Kafka != "3.7" ||
		c.DocsURL != "https://docs.example.com/rules/" || c.Policies[0] != "policies/team" {
		t.Errorf("parsed %+v", c)
	}
}

func TestErrorsHaveLines(t *testing.T) {
	cases := map[string]struct {
		src  string
		line int
		msg  string
	}{
		"unknown key":         {"profile: prod\nfail_on: error\n", 2, `unknown key "fail_on"`},
		"bad severity":        {"rules:\n  KAF001: loud\n", 2, "is not off, error, warning or info"},
		"bad profile":         {"profile: staging\n", 1, "not prod or dev"},
		"bad yaml":            {"rules:\n\t- x\n", 2, "invalid YAML"},
		"not a list":          {"exclude: legacy\n", 1, "expected a list"},
		"bad version":         {"versions:\n  flink: 1\n", 2, "unknown key"},
		"docs-url javascript": {"profile: prod\ndocs-url: \"javascript:alert(1)//\"\n", 2, "http or https"},
		"docs-url no host":    {"docs-url: https:///rules/\n", 1, "http or https"},
		"docs-url userinfo":   {"docs-url: https://u:p@example.com/\n", 1, "http or https"},
		"docs-url newline":    {"docs-url: \"https://example.com/\\n::error::x\"\n", 1, "http or https"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			_, err := Parse("cfg.yaml", []byte(c.src))
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("err = %v", err)
			}
			if e.Line != c.line || !strings.Contains(e.Msg, c.msg) {
				t.Errorf("got %d %q, want line %d containing %q", e.Line, e.Msg, c.line, c.msg)
			}
		})
	}
}

func TestFindSearchesUpward(t *testing.T) {
	dir := t.TempDir()
	sub := filepath.Join(dir, "a", "b")
	if err := os.MkdirAll(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, ".streamlint.yaml")
	if err := os.WriteFile(p, []byte("env-files: [ci.env]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if got := Find(sub); got != p {
		t.Fatalf("Find = %q, want %q", got, p)
	}
	c, err := Load(p, safefile.Scope{})
	if err != nil {
		t.Fatal(err)
	}
	if c.EnvFiles[0] != filepath.Join(dir, "ci.env") {
		t.Errorf("env file not resolved against the config's directory: %v", c.EnvFiles)
	}
}

// TestCommittedPoliciesStayInTheRepository: a configuration found in the
// checked tree (a pull request may commit it) names policy directories
// inside that tree only; policies: [/] walked the runner's whole file
// system, /usr for seconds. A configuration named with --config (the
// zero Scope) may name any directory.
func TestCommittedPoliciesStayInTheRepository(t *testing.T) {
	repo := t.TempDir()
	if err := os.MkdirAll(filepath.Join(repo, "policies", "team"), 0o755); err != nil {
		t.Fatal(err)
	}
	outside := t.TempDir()
	if err := os.Symlink(outside, filepath.Join(repo, "elsewhere")); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name, policy string
		named        bool
		refused      string
	}{
		{"inside", "policies/team", false, ""},
		{"missing inside", "policies/none", false, ""},
		{"absolute outside", outside, false, "outside the files under check"},
		{"a link leading outside", "elsewhere", false, "outside the files under check"},
		{"the file system root", "/", false, "outside the files under check"},
		{"a system directory", "/proc/self", false, "/proc, /sys or /dev"},
		{"outside, from --config", outside, true, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := filepath.Join(repo, ".streamlint.yaml")
			if err := os.WriteFile(path, []byte("profile: prod\npolicies:\n  - "+c.policy+"\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			scope := safefile.NewScope(repo)
			if c.named {
				scope = safefile.Scope{}
			}
			_, err := Load(path, scope)
			if c.refused == "" {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				return
			}
			var e *Error
			if !errors.As(err, &e) || e.Line != 3 || !strings.Contains(e.Msg, c.refused) || !strings.Contains(e.Msg, "--policy") {
				t.Fatalf("want a refusal at line 3 containing %q, got %v", c.refused, err)
			}
		})
	}
}
