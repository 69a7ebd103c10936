package report

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"flag"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/streamlint/streamlint/checker/model"
	"github.com/streamlint/streamlint/checker/rules"
)

var update = flag.Bool("update", false, "rewrite golden files")

const (
	compose = "fixtures/pipe/docker-compose.yml"
	job     = "fixtures/pipe/jobs/app.py"
)

// sampleRules has a Rego rule per category, a rule with no finding
// (KAF003) and LNT002 as checker/lint defines it.
func sampleRules() []*rules.Rule {
	return []*rules.Rule{
		{
			ID: "CAP001", Title: "One batch does not fit in executor memory", Severity: model.SeverityError,
			Description: "A micro-batch after a backlog holds more data than the executors have memory for.",
			Remediation: "Set maxOffsetsPerTrigger on the Kafka source\nor give the executors more memory.",
			Related:     []rules.Link{{URL: "https://spark.apache.org/docs/latest/tuning.html", Description: "Spark tuning"}},
			File:        "policies/rules/capacity/CAP001/CAP001.rego", Line: 1,
		},
		{
			ID: "KAF002", Title: "Size retention is unbounded", Severity: model.SeverityWarning,
			Description: "log.retention.bytes is -1.", Remediation: "Set KAFKA_LOG_RETENTION_BYTES.",
			File: "policies/rules/kafka/KAF002/KAF002.rego",
		},
		{
			ID: "KAF003", Title: "Segment size is not below the size retention", Severity: model.SeverityWarning,
			Description: "Segments are deleted whole.", Remediation: "Lower log.segment.bytes.",
			File: "policies/rules/kafka/KAF003/KAF003.rego",
		},
		{
			ID: "KAF006", Title: "Replication factor 1", Severity: model.SeverityError,
			Profiles:    map[string]string{"dev": "info"},
			Description: "One broker holds the only copy.", Remediation: "Use three brokers.",
			File: "policies/rules/kafka/KAF006/KAF006.rego",
		},
		{
			ID: "LNT002", Title: "File cannot be read or parsed", Severity: model.SeverityError,
			Description: "A configuration file could not be read or parsed.", Remediation: "Fix the file.",
		},
		{
			ID: "SPK002", Title: "No rate limit on the Kafka source", Severity: model.SeverityError,
			Description: "Nothing bounds a micro-batch.", Remediation: "Set maxOffsetsPerTrigger.",
			File: "policies/rules/spark/SPK002/SPK002.rego",
		},
	}
}

func finding(ruleList []*rules.Rule, id string, sev model.Severity, loc model.Location, msg string, related ...model.Related) model.Finding {
	f := model.Finding{RuleID: id, Severity: sev, Message: msg, Location: loc, Docs: rules.DocsURL + id + ".md", Related: related}
	for _, r := range ruleList {
		if r.ID == id {
			f.Title, f.Remediation = r.Title, r.Remediation
		}
	}
	return f
}

func suppressed(f model.Finding, kind, reason string) model.Finding {
	f.Suppressed = &model.Suppression{Kind: kind, Reason: reason}
	return f
}

// sampleReport has findings of every severity across two files,
// related locations, two findings whose messages differ only in the
// positions they quote, two rules at one place, a suppressed finding, a
// file error, a note and a rule with no finding.
func sampleReport() *Report {
	rules := sampleRules()
	at := func(file string, line, col int) model.Location {
		return model.Location{File: file, Line: line, Column: col}
	}
	return &Report{
		Rules: rules,
		Files: 4,
		Findings: []model.Finding{
			finding(rules, "KAF002", model.SeverityWarning, at(compose, 12, 7), `broker "kafka" keeps log.retention.bytes=-1 (set at fixtures/pipe/docker-compose.yml:12)`),
			finding(rules, "KAF006", model.SeverityInfo, at(compose, 14, 7), `topic "transactions" has replication factor 1 on 1 broker`),
			finding(rules, "KAF002", model.SeverityWarning, at(compose, 40, 7), `broker "kafka" keeps log.retention.bytes=-1 (set at fixtures/pipe/docker-compose.yml:40)`),
			finding(rules, "CAP001", model.SeverityError, at(job, 19, 11),
				`one micro-batch can hold 10.0 GiB but the executors have 434.4 MiB for it (log.retention.bytes set at fixtures/pipe/docker-compose.yml:25)`,
				model.Related{Location: at(compose, 25, 7), Message: "log.retention.bytes=10737418240"},
				model.Related{Location: at(job, 8, 5), Message: "spark.executor.memory=1g"}),
			finding(rules, "SPK002", model.SeverityError, at(job, 19, 11), `readStream of "transactions" has no maxOffsetsPerTrigger`),
			suppressed(finding(rules, "KAF006", model.SeverityError, at(compose, 60, 7), `topic "audit" has replication factor 1 on 1 broker`), "inline", "dev-only topic"),
		},
		Errors: []model.FileError{{Location: at("fixtures/pipe/conf/spark-defaults.conf", 3, 1), Message: "line 3: unterminated value"}},
		Notes:  []model.Note{{Location: model.Location{File: "fixtures/pipe/jobs/helper.py"}, Message: "skipped: no SparkSession"}},
		FailOn: model.SeverityWarning,
	}
}

// hostileReport carries what escaping and XML must survive: delimiters of
// workflow commands in paths, titles and messages, line breaks, a command
// injection attempt, characters XML 1.0 cannot hold, CDATA's end marker,
// markup and invalid UTF-8. It is sorted as reporters sort.
func hostileReport() *Report {
	const file = `odd dir/a,b:c%1.yml`
	msg := "100%: a, b\r\nnext ::error::injected \x01 ]]> <&> \"q\" 'a' \xff done"
	return &Report{
		Files: 2,
		Rules: []*rules.Rule{{ID: "KAF002", Title: "Title, with: colon 50%", Severity: model.SeverityWarning, Description: "d <&>", Remediation: "fix ]]>\x02"}},
		Errors: []model.FileError{
			{Location: model.Location{File: `odd dir\win.properties`, Line: 2, Column: 4}, Message: "bad\x00byte ]]> <&>\n"},
		},
		Findings: []model.Finding{{
			RuleID: "KAF002", Severity: model.SeverityWarning, Title: "Title, with: colon 50%", Message: msg,
			Location:    model.Location{File: file, Line: 3, Column: 5},
			Remediation: "fix ]]>\x02",
			Related:     []model.Related{{Location: model.Location{File: file, Line: 1}, Message: "related <&> ]]>\x03"}},
		}},
	}
}

func render(t *testing.T, format string, o Options, r *Report) []byte {
	t.Helper()
	rep, err := Get(format, o)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := rep.Write(&buf, r); err != nil {
		t.Fatalf("%s: %v", format, err)
	}
	return buf.Bytes()
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./checker/report -update)", err)
	}
	if !bytes.Equal(want, got) {
		t.Errorf("%s differs from the golden file (go test ./checker/report -update to accept):\n--- got ---\n%s", name, got)
	}
}

// checkValid asserts that out is well-formed for its format.
func checkValid(t *testing.T, format string, out []byte) {
	t.Helper()
	switch format {
	case "sarif":
		validateSARIF(t, out)
	case "json", "gitlab":
		if !json.Valid(out) {
			t.Errorf("%s: not JSON:\n%s", format, out)
		}
	case "junit", "checkstyle":
		if err := parseXML(out); err != nil {
			t.Errorf("%s: does not parse again: %v\n%s", format, err, out)
		}
		if bytes.Contains(out, []byte("<![CDATA[")) {
			t.Errorf("%s: CDATA in output", format)
		}
	case "github":
		for _, line := range strings.SplitAfter(string(out), "\n") {
			if strings.HasPrefix(line, "::") {
				if _, err := parseCommand(strings.TrimSuffix(line, "\n")); err != nil {
					t.Errorf("github: %v", err)
				}
			}
		}
	}
}

// parseXML reads every token of out.
func parseXML(out []byte) error {
	d := xml.NewDecoder(bytes.NewReader(out))
	for {
		_, err := d.Token()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

func TestFormatsRegistered(t *testing.T) {
	want := []string{"checkstyle", "github", "gitlab", "json", "junit", "sarif", "text"}
	if got := Formats(); !slices.Equal(got, want) {
		t.Errorf("Formats() = %v, want %v", got, want)
	}
	if _, err := Get("html", Options{}); err == nil || !strings.Contains(err.Error(), "checkstyle, github") {
		t.Errorf("Get(html) = %v, want an error listing the formats", err)
	}
}

func TestGolden(t *testing.T) {
	for _, format := range Formats() {
		t.Run(format, func(t *testing.T) {
			t.Parallel()
			var summary bytes.Buffer
			out := render(t, format, Options{StepSummary: &summary}, sampleReport())
			checkValid(t, format, out)
			golden(t, format+".golden", out)
			if format == "github" {
				golden(t, "github-summary.golden", summary.Bytes())
			}
		})
	}
}

func TestEmptyReport(t *testing.T) {
	for _, format := range Formats() {
		t.Run(format, func(t *testing.T) {
			t.Parallel()
			for _, r := range []*Report{{}, {Rules: sampleRules(), Files: 3}} {
				var summary bytes.Buffer
				out := render(t, format, Options{StepSummary: &summary}, r)
				checkValid(t, format, out)
				if len(out) == 0 {
					t.Errorf("%s: empty output", format)
				}
			}
		})
	}
}

func TestHostileReportStaysValid(t *testing.T) {
	for _, format := range Formats() {
		t.Run(format, func(t *testing.T) {
			t.Parallel()
			checkValid(t, format, render(t, format, Options{StepSummary: io.Discard}, hostileReport()))
		})
	}
}

// TestDeterministic renders the sample in shuffled order: the output must
// not change, and the caller's slices must not be reordered.
func TestDeterministic(t *testing.T) {
	for _, format := range Formats() {
		t.Run(format, func(t *testing.T) {
			t.Parallel()
			want := render(t, format, Options{}, sampleReport())
			rng := rand.New(rand.NewPCG(1, 2))
			for range 5 {
				r := sampleReport()
				rng.Shuffle(len(r.Findings), func(i, j int) { r.Findings[i], r.Findings[j] = r.Findings[j], r.Findings[i] })
				rng.Shuffle(len(r.Rules), func(i, j int) { r.Rules[i], r.Rules[j] = r.Rules[j], r.Rules[i] })
				before := slices.Clone(r.Findings)
				if got := render(t, format, Options{}, r); !bytes.Equal(got, want) {
					t.Fatalf("output depends on input order:\n%s", got)
				}
				if !slices.EqualFunc(before, r.Findings, func(a, b model.Finding) bool { return a.RuleID == b.RuleID && a.Location == b.Location }) {
					t.Fatal("the reporter reordered the caller's findings")
				}
			}
		})
	}
}

// shifted moves every line of r down by n, and every line number quoted
// in a message, as inserting n lines at the top of every file would.
func shifted(r *Report, n int) *Report {
	quoted := regexp.MustCompile(`\.yml:([0-9]+)`)
	shiftMsg := func(s string) string {
		return quoted.ReplaceAllStringFunc(s, func(m string) string {
			line, _ := strconv.Atoi(quoted.FindStringSubmatch(m)[1])
			return ".yml:" + strconv.Itoa(line+n)
		})
	}
	out := *r
	out.Findings = nil
	for _, f := range r.Findings {
		f.Line += n
		f.Message = shiftMsg(f.Message)
		f.Related = slices.Clone(f.Related)
		for i := range f.Related {
			f.Related[i].Line += n
		}
		out.Findings = append(out.Findings, f)
	}
	out.Errors = nil
	for _, e := range r.Errors {
		e.Line += n
		out.Errors = append(out.Errors, e)
	}
	return &out
}

// TestJSONStreamingMatchesEncoder: the streamed JSON report is byte for
// byte what encoding/json gives for the whole document, empty or not.
func TestJSONStreamingMatchesEncoder(t *testing.T) {
	for name, r := range map[string]*Report{"sample": sampleReport(), "empty": {}} {
		doc := jsonDoc{
			Version:  1,
			Findings: sortedFindings(r),
			Errors:   sortedErrors(r),
			Notes:    []jsonNote{},
			Summary:  jsonSummary{Files: r.Files, Findings: len(r.Findings), Errors: len(r.Errors)},
		}
		if doc.Findings == nil {
			doc.Findings = []model.Finding{}
		}
		if doc.Errors == nil {
			doc.Errors = []model.FileError{}
		}
		for _, n := range sortedNotes(r) {
			doc.Notes = append(doc.Notes, jsonNote{File: n.File, Line: n.Line, Message: n.Message})
		}
		var want bytes.Buffer
		enc := json.NewEncoder(&want)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if err := enc.Encode(doc); err != nil {
			t.Fatal(err)
		}
		var got bytes.Buffer
		if err := (JSON{}).Write(&got, r); err != nil {
			t.Fatal(err)
		}
		if got.String() != want.String() {
			t.Errorf("%s: streamed JSON differs:\n%s\nwant\n%s", name, got.String(), want.String())
		}
	}
}
