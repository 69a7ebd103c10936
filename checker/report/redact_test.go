package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/streamlint/streamlint/checker/model"
)

// TestEveryFormatRedacts: whatever reaches a reporter (a policy's message,
// a related text, an error, a note, a suppression reason), no format
// prints a credential secret.Redact recognises, and the caller's report
// is left as it was.
func TestEveryFormatRedacts(t *testing.T) {
	const canary = "Canary-Report-1"
	loc := model.Location{File: "compose.yaml", Line: 3, Column: 5}
	r := &Report{
		Findings: []model.Finding{{
			RuleID: "TEAM001", Severity: model.SeverityError, Title: "t", Location: loc,
			Message: "bootstrap SASL_SSL://admin:" + canary + "@kafka:9093 and jdbc:postgresql://db/x?password=" + canary,
			Related: []model.Related{{Location: loc, Message: `PlainLoginModule required username="a" password="` + canary + `";`}},
		}, {
			RuleID: "TEAM001", Severity: model.SeverityError, Title: "t", Location: loc, Message: "suppressed",
			Suppressed: &model.Suppression{Kind: "inline", Reason: "zk is zkuser:" + canary + "@zk:2181"},
		}},
		Errors: []model.FileError{{Location: loc, Message: "cannot parse -Djavax.net.ssl.trustStorePassword=" + canary}},
		Notes:  []model.Note{{Location: loc, Message: `options(password="` + canary + `") could not be followed`}},
	}
	for _, format := range Formats() {
		var summary bytes.Buffer
		out := render(t, format, Options{StepSummary: &summary}, r)
		if strings.Contains(string(out)+summary.String(), canary) {
			t.Errorf("%s prints a credential:\n%s", format, out)
		}
	}
	if !strings.Contains(r.Findings[0].Message, canary) {
		t.Error("Redacted changed the caller's report")
	}
}
