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
