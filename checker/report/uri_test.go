package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/streamlint/streamlint/checker/model"
	"github.com/streamlint/streamlint/checker/rules"
)

// TestKafkaURILocations: a running cluster's finding is located at a
// kafka:// URI with no line; every format keeps the URI as it is (SARIF:
// an absolute artifact URI with no base and no region, valid against the
// schema; GitHub: in the message, not as a file annotation).
func TestKafkaURILocations(t *testing.T) {
	uri := "kafka://kafka-1:9092/groups/spark%20streaming/topics/transactions"
	r := &Report{
		Findings: []model.Finding{{
			RuleID: "LAG001", Severity: model.SeverityWarning, Title: "Consumer group lag above the alert threshold",
			Message: "5000 records behind", Location: model.Location{File: uri}, Remediation: "Start the consumer.",
			Related: []model.Related{{Location: model.Location{File: "kafka://kafka-1:9092/topics/transactions"}, Message: "the topic"}},
		}},
		Rules:    []*rules.Rule{{ID: "LAG001", Title: "Consumer group lag above the alert threshold", Severity: model.SeverityWarning, Description: "d", Remediation: "r", File: "policies/rules/live/LAG001/LAG001.rego"}},
		Clusters: 1,
	}
	for _, format := range Formats() {
		rep, err := Get(format, Options{Version: "test"})
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		if err := rep.Write(&b, r); err != nil {
			t.Fatalf("%s: %v", format, err)
		}
		out := b.String()
		switch format {
		case "text":
			if !strings.HasPrefix(out, uri+": warning LAG001 5000 records behind\n    related kafka://kafka-1:9092/topics/transactions: the topic\n") {
				t.Errorf("text:\n%s", out)
			}
			if !strings.Contains(out, "in 0 files and 1 running cluster") {
				t.Errorf("text summary:\n%s", out)
			}
		case "sarif":
			validateSARIF(t, b.Bytes())
			if !strings.Contains(out, `"uri": "`+uri+`"`) || strings.Contains(out, `"startLine": 0`) {
				t.Errorf("sarif:\n%s", out)
			}
		case "github":
			if strings.Contains(out, "file=") || !strings.Contains(out, "::"+strings.ReplaceAll(uri, "%", "%25")+": 5000 records behind") {
				t.Errorf("github:\n%s", out)
			}
		case "json":
			if !strings.Contains(out, `"file": "`+uri+`"`) || !strings.Contains(out, `"clusters": 1`) {
				t.Errorf("json:\n%s", out)
			}
		default:
			if !strings.Contains(out, "kafka-1:9092") {
				t.Errorf("%s has no location:\n%s", format, out)
			}
		}
	}
}
