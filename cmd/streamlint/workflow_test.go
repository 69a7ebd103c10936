package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// inDir runs the CLI in dir.
func inDir(t *testing.T, dir string, stdin string, args ...string) (string, string, int) {
	t.Helper()
	t.Chdir(dir)
	var out, errb bytes.Buffer
	e := cliEnv(&out, &errb, nil)
	e.stdin = strings.NewReader(stdin)
	code := run(context.Background(), args, e)
	return out.String(), errb.String(), code
}

const brokerCompose = `services:
  kafka:
    image: bitnami/kafka:3.7.0
    environment:
      - KAFKA_CFG_NODE_ID=0
      - KAFKA_CFG_PROCESS_ROLES=controller,broker
      - KAFKA_CFG_CONTROLLER_QUORUM_VOTERS=0@kafka:9093
      - KAFKA_CFG_LISTENERS=PLAINTEXT://:9092,CONTROLLER://:9093
      - KAFKA_CFG_ADVERTISED_LISTENERS=PLAINTEXT://kafka:9092
      - KAFKA_CFG_CONTROLLER_LISTENER_NAMES=CONTROLLER
      - KAFKA_CFG_LOG_RETENTION_HOURS=24
`

type jsonReport struct {
	Findings []struct {
		RuleID     string `json:"rule_id"`
		Severity   string `json:"severity"`
		Line       int    `json:"line"`
		Suppressed *struct {
			Kind   string `json:"kind"`
			Reason string `json:"reason"`
		} `json:"suppressed"`
	} `json:"findings"`
	Errors []struct {
		File    string `json:"file"`
		Line    int    `json:"line"`
		Message string `json:"message"`
	} `json:"errors"`
}

func parseJSON(t *testing.T, s string) jsonReport {
	t.Helper()
	var r jsonReport
	if err := json.Unmarshal([]byte(s), &r); err != nil {
		t.Fatalf("%v\n%s", err, s)
	}
	return r
}

func rulesOf(r jsonReport, onlyActive bool) string {
	var ids []string
	for _, f := range r.Findings {
		if onlyActive && f.Suppressed != nil {
			continue
		}
		ids = append(ids, f.RuleID+":"+f.Severity)
	}
	return strings.Join(ids, " ")
}

// TestNewUserWorkflow: init, change a severity, ignore inline with a
// reason, write a baseline, shift lines: no new findings.
func TestNewUserWorkflow(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "compose.yaml"), []byte(brokerCompose), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, errOut, code := inDir(t, dir, "", "init"); code != 0 {
		t.Fatalf("init: %d %s", code, errOut)
	}
	if _, _, code := inDir(t, dir, "", "init"); code != 2 {
		t.Fatal("init overwrote an existing file")
	}
	out, _, code := inDir(t, dir, "", "check", "--format", "json")
	if code != 1 || !strings.Contains(rulesOf(parseJSON(t, out), true), "KAF002:warning") {
		t.Fatalf("first check: %d %s", code, out)
	}
	// KAF005 and KAF006 become warnings, KAF002 an error, via the config file
	cfg, _ := os.ReadFile(filepath.Join(dir, ".streamlint.yaml"))
	cfg = bytes.Replace(cfg, []byte("  # KAF006: off\n"), []byte("  KAF002: error\n  KAF005: warning\n  KAF006: off\n"), 1)
	if err := os.WriteFile(filepath.Join(dir, ".streamlint.yaml"), cfg, 0o644); err != nil {
		t.Fatal(err)
	}
	out, _, _ = inDir(t, dir, "", "check", "--format", "json")
	got := rulesOf(parseJSON(t, out), true)
	if !strings.Contains(got, "KAF002:error") || !strings.Contains(got, "KAF005:warning") || strings.Contains(got, "KAF006") {
		t.Fatalf("config severities not applied: %s", got)
	}
	// inline ignore with a reason on the service line
	withIgnore := strings.Replace(brokerCompose, "  kafka:\n", "  kafka: # streamlint:ignore KAF002 -- dev broker, disk wiped nightly\n", 1)
	if err := os.WriteFile(filepath.Join(dir, "compose.yaml"), []byte(withIgnore), 0o644); err != nil {
		t.Fatal(err)
	}
	out, _, _ = inDir(t, dir, "", "check", "--format", "json")
	rep := parseJSON(t, out)
	suppressed := false
	for _, f := range rep.Findings {
		if f.RuleID == "KAF002" && f.Suppressed != nil && f.Suppressed.Kind == "inline" && f.Suppressed.Reason == "dev broker, disk wiped nightly" {
			suppressed = true
		}
	}
	if !suppressed {
		t.Fatalf("inline ignore not applied: %s", out)
	}
	text, _, _ := inDir(t, dir, "", "check")
	if strings.Contains(text, "KAF002") {
		t.Errorf("suppressed finding printed in text output:\n%s", text)
	}
	// --no-inline-ignores brings it back
	out, _, _ = inDir(t, dir, "", "check", "--format", "json", "--no-inline-ignores")
	if !strings.Contains(rulesOf(parseJSON(t, out), true), "KAF002") {
		t.Error("--no-inline-ignores did not report KAF002")
	}
	// baseline, then shift every line down by three
	if _, errOut, code := inDir(t, dir, "", "baseline", "--output", "streamlint-baseline.json"); code != 0 {
		t.Fatalf("baseline: %d %s", code, errOut)
	}
	shifted := "# three\n# new\n# lines\n" + withIgnore
	if err := os.WriteFile(filepath.Join(dir, "compose.yaml"), []byte(shifted), 0o644); err != nil {
		t.Fatal(err)
	}
	out, _, code = inDir(t, dir, "", "check", "--format", "json", "--baseline", "streamlint-baseline.json")
	if code != 0 || rulesOf(parseJSON(t, out), true) != "" {
		t.Fatalf("after shifting lines: exit %d, active findings %q", code, rulesOf(parseJSON(t, out), true))
	}
	// a new problem is still reported
	worse := strings.Replace(shifted, "KAF_UNUSED", "", 1) + "  kafka-2:\n    image: confluentinc/cp-kafka:7.5.0\n"
	if err := os.WriteFile(filepath.Join(dir, "compose.yaml"), []byte(worse), 0o644); err != nil {
		t.Fatal(err)
	}
	_, _, code = inDir(t, dir, "", "check", "--baseline", "streamlint-baseline.json")
	if code != 1 {
		t.Fatalf("new broker not reported: exit %d", code)
	}
}

func TestConfigErrorsExit2(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, ".streamlint.yaml"), []byte("profile: prod\nfail_on: error\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, errOut, code := inDir(t, dir, "", "check")
	if code != 2 || !strings.Contains(errOut, ".streamlint.yaml:2: unknown key \"fail_on\"") {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
}

func TestStdin(t *testing.T) {
	dir := t.TempDir()
	out, errOut, code := inDir(t, dir, brokerCompose, "check", "-", "--stdin-filename", "deploy/docker-compose.yml", "--format", "json")
	if code != 1 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.Contains(out, `"file": "deploy/docker-compose.yml"`) {
		t.Errorf("findings not attributed to the stdin file name:\n%s", out)
	}
	if _, _, code := inDir(t, dir, brokerCompose, "check", "-"); code != 2 {
		t.Error("- without --stdin-filename accepted")
	}
}

func TestSeveralFormatsInOneRun(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "compose.yaml"), []byte(brokerCompose), 0o644); err != nil {
		t.Fatal(err)
	}
	out, errOut, code := inDir(t, dir, "", "check", "--format", "json", "--output", "out.json", "--format", "text")
	if code != 1 {
		t.Fatalf("exit %d %s", code, errOut)
	}
	if !strings.Contains(out, "compose.yaml:2:3: warning KAF002") {
		t.Errorf("text not on stdout:\n%s", out)
	}
	data, err := os.ReadFile(filepath.Join(dir, "out.json"))
	if err != nil {
		t.Fatal(err)
	}
	parseJSON(t, string(data))
	if _, _, code := inDir(t, dir, "", "check", "--format", "json", "--format", "text"); code != 2 {
		t.Error("two formats on stdout accepted")
	}
}

func TestFilesAndExplain(t *testing.T) {
	out, _, code := runCLI(t, nil, "files", "fixtures/incident/before")
	if code != 0 || !strings.Contains(out, "pipeline fixtures/incident/before") || !strings.Contains(out, "job                fixtures/incident/before/jobs/streaming_realtime_dashboard.py") {
		t.Errorf("files: %d\n%s", code, out)
	}
	out, _, code = runCLI(t, nil, "explain", "cap001")
	if code != 0 || !strings.Contains(out, "CAP001: One batch does not fit in executor memory") || !strings.Contains(out, "Fix:") {
		t.Errorf("explain: %d\n%s", code, out)
	}
	if _, _, code := runCLI(t, nil, "explain", "XYZ999"); code != 2 {
		t.Error("explain of an unknown rule succeeded")
	}
	out, _, _ = runCLI(t, nil, "rules", "--format", "json")
	var rules []map[string]any
	if err := json.Unmarshal([]byte(out), &rules); err != nil || len(rules) < 12 {
		t.Errorf("rules json: %v (%d rules)", err, len(rules))
	}
}
