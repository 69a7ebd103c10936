package main

import (
	"strings"
	"testing"

	"github.com/streamlint/streamlint/checker/report"
)

// TestSecretsNeverPrinted runs every output format (and parse) over a
// fixture with literal secrets and fails if any canary value appears.
func TestSecretsNeverPrinted(t *testing.T) {
	const dir = "fixtures/rules/SEC001/bad"
	check := func(name, out string) {
		t.Helper()
		if strings.Contains(out, "s3cr3t-Canary") {
			t.Errorf("%s output contains a secret value:\n%s", name, out)
		}
	}
	for _, format := range report.Formats() {
		out, errOut, code := runCLI(t, nil, "check", "--format", format, dir)
		if code != 1 {
			t.Errorf("%s: exit %d (%s)", format, code, errOut)
		}
		check(format, out+errOut)
		if format == "json" && !strings.Contains(out, `"rule_id": "SEC001"`) {
			t.Errorf("SEC001 not reported:\n%s", out)
		}
	}
	out, errOut, _ := runCLI(t, nil, "parse", dir)
	check("parse", out+errOut)
	if !strings.Contains(out, `"secret": "literal"`) {
		t.Error("parse output does not record the literal secret")
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
