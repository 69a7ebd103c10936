package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/streamlint/streamlint/checker/report"
)

// canary is in every secret of the leak fixtures.
const canary = "s3cr3t-Canary"

// leakDirs hold literal secrets: SEC001's fixtures, credentials in URLs
// printed by KAF019, KAF017 and SPK004, a password reused through a YAML
// alias (KAF011), secrets under names the first redaction did not know
// (PEM keys, Azure account keys, *_PASS, *_PWD, -D...Password= options).
var leakDirs = []string{"fixtures/rules/SEC001/bad", "fixtures/leak/url", "fixtures/leak/alias", "fixtures/leak/names"}

// TestSecretsNeverPrinted runs every output format, parse and baseline
// over fixtures with literal secrets and fails if a canary value appears
// in any output or written file.
func TestSecretsNeverPrinted(t *testing.T) {
	for _, dir := range leakDirs {
		t.Run(dir, func(t *testing.T) {
			check := func(name, out string) {
				t.Helper()
				if strings.Contains(out, canary) {
					t.Errorf("%s output contains a secret value:\n%s", name, out)
				}
			}
			// every format in one run, each to its file, and text to stdout
			tmp := t.TempDir()
			args := []string{"check"}
			for _, format := range report.Formats() {
				args = append(args, "--format", format, "--output", filepath.Join(tmp, format))
			}
			out, errOut, code := runCLI(t, nil, append(args, "--format", "text", dir)...)
			if code != 1 {
				t.Errorf("exit %d (%s)", code, errOut)
			}
			check("check", out+errOut)
			for _, format := range report.Formats() {
				data, err := os.ReadFile(filepath.Join(tmp, format))
				if err != nil || len(data) == 0 {
					t.Fatalf("%s: no output (%v)", format, err)
				}
				check(format, string(data))
			}
			out, errOut, _ = runCLI(t, nil, "parse", dir)
			check("parse", out+errOut)
			if !strings.Contains(out, `"secret": "literal"`) {
				t.Error("parse output does not record the literal secret")
			}
			file := filepath.Join(t.TempDir(), "baseline.json")
			out, errOut, code = runCLI(t, nil, "baseline", "-o", file, dir)
			if code != 0 {
				t.Fatalf("baseline: exit %d (%s)", code, errOut)
			}
			check("baseline", out+errOut)
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			check("baseline file", string(data))
			if _, errOut, code := runCLI(t, nil, "check", "--baseline", file, dir); code != 0 {
				t.Errorf("check --baseline: exit %d, want 0: the baseline does not match the redacted findings (%s)", code, errOut)
			}
		})
	}
	out, _, _ := runCLI(t, nil, "check", "--format", "json", leakDirs[0])
	if !strings.Contains(out, `"rule_id": "SEC001"`) {
		t.Errorf("SEC001 not reported:\n%s", out)
	}
}

// TestLoadErrorsNeverEchoSecrets: a project that cannot be loaded is an
// error that names the problem, never a secret the loader quotes (before:
// "strconv.Atoi: parsing "s3cr3t-..."" for a password aliased as replicas).
func TestLoadErrorsNeverEchoSecrets(t *testing.T) {
	const dir = "fixtures/leak/load-error"
	for _, format := range []string{"text", "json"} {
		out, errOut, code := runCLI(t, nil, "check", "--format", format, dir)
		if code != 2 {
			t.Errorf("%s: exit %d, want 2 (%s)", format, code, out+errOut)
		}
		if strings.Contains(out+errOut, canary) {
			t.Errorf("%s: the error echoes a secret:\n%s", format, out+errOut)
		}
		if !strings.Contains(out+errOut, "replicas") {
			t.Errorf("%s: the error does not say what is wrong:\n%s", format, out+errOut)
		}
	}
	out, errOut, _ := runCLI(t, nil, "parse", dir)
	if strings.Contains(out+errOut, canary) {
		t.Errorf("parse: the error echoes a secret:\n%s", out+errOut)
	}
}

// TestSecretsNeverReachPolicies: a policy of the checked repository
// (named in its .streamlint.yaml, or with --policy) sees the redaction
// marker, never a secret: fixtures/leak/policy reports any string of the
// policy input that holds a canary (LEAK001), and a policy that writes
// credentials into its message (LEAK002) has them redacted.
func TestSecretsNeverReachPolicies(t *testing.T) {
	for _, dir := range leakDirs {
		out, errOut, _ := runCLI(t, nil, "check", "--format", "json", "--policy", "fixtures/leak/policy", dir)
		if strings.Contains(out, "LEAK001") {
			t.Errorf("%s: the policy input holds a secret:\n%s", dir, out)
		}
		if !strings.Contains(out, "LEAK002") {
			t.Errorf("%s: the policy that prints credentials did not run:\n%s", dir, out)
		}
		if strings.Contains(out+errOut, canary) {
			t.Errorf("%s: output contains a secret value", dir)
		}
	}
	// the canary policy works: it sees a canary that is not a secret
	out, _, _ := runCLI(t, nil, "check", "--format", "json", "--policy", "fixtures/leak/policy", "fixtures/leak/not-secret")
	if !strings.Contains(out, "LEAK001") {
		t.Errorf("the canary policy did not fire on a value that is not a secret:\n%s", out)
	}
}

// TestProcessEnvironmentNeverLeaks: a variable of the process environment
// never feeds interpolation or policies unless --use-env is given.
func TestProcessEnvironmentNeverLeaks(t *testing.T) {
	t.Setenv("STREAMLINT_CANARY_ENV", "canary-from-process-env")
	const dir = "fixtures/leak/env"
	for _, format := range report.Formats() {
		out, errOut, _ := runCLI(t, map[string]string{"STREAMLINT_CANARY_ENV": "canary-from-process-env"}, "check", "--format", format, dir)
		if strings.Contains(out+errOut, "canary-from-process-env") {
			t.Errorf("%s: the process environment leaked into the output", format)
		}
	}
	out, _, _ := runCLI(t, map[string]string{"STREAMLINT_CANARY_ENV": "canary-from-process-env"}, "parse", dir)
	if strings.Contains(out, "canary-from-process-env") {
		t.Error("the process environment leaked into the policy input")
	}
	out, _, _ = runCLI(t, map[string]string{"STREAMLINT_CANARY_ENV": "canary-from-process-env"}, "parse", "--use-env", dir)
	if !strings.Contains(out, "canary-from-process-env") {
		t.Error("--use-env did not interpolate from the environment")
	}
}

// TestProjectWithoutKafkaOrSparkIsSilent: a compose project with no Kafka
// and no Spark (trino, minio, postgres with literal passwords) is not a
// streaming pipeline: nothing to report, exit 0 (before: SEC001, exit 1).
func TestProjectWithoutKafkaOrSparkIsSilent(t *testing.T) {
	out, errOut, code := runCLI(t, nil, "check", "fixtures/rules/SEC001/good/no-streaming")
	if code != 0 || !strings.HasPrefix(out, "0 findings") {
		t.Errorf("exit %d:\n%s%s", code, out, errOut)
	}
}
