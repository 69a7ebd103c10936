package report

import (
	"bytes"
	"regexp"
	"strings"
	"testing"

	"github.com/streamlint/streamlint/checker/model"
)

// injectionReport is a report whose every field a pull request controls
// holds a workflow command after a line break, ESC sequences, a bidi
// override and Markdown.
func injectionReport() *Report {
	const cmd = "::error file=README.md,line=1::pwned"
	file := "dir\n" + cmd + "\x1b[2J/compose.yaml"
	msg := "value x\n" + cmd + "\r" + cmd + "\x85" + cmd + "\u2028" + cmd + " \x1b]0;title\x07 \u202egnp.exe ![i](https://evil.example/t.png) [l](https://evil.example) @admin www.evil.example `c` *e*"
	return &Report{
		Files:  1,
		Errors: []model.FileError{{Location: model.Location{File: "::x/.env", Line: 1, Column: 1}, Message: msg}},
		Findings: []model.Finding{{
			RuleID: "KAF011", Severity: model.SeverityError, Title: "T", Message: msg,
			Location: model.Location{File: file, Line: 2, Column: 3},
			Related:  []model.Related{{Location: model.Location{File: file, Line: 1}, Message: msg}},
		}},
		Notes: []model.Note{{Location: model.Location{File: "::notes/job.py"}, Message: msg}},
	}
}

// TestNoLineInjection: in the text and github formats no line starts
// with "::" unless it is an annotation streamlint emits (one per error
// and finding), no ESC, C1 or bidi character is printed raw, and the
// step summary has no link, image, mention or autolink of the input.
func TestNoLineInjection(t *testing.T) {
	r := injectionReport()
	for _, format := range []string{"text", "github"} {
		var summary bytes.Buffer
		out := render(t, format, Options{StepSummary: &summary}, r)
		if bytes.ContainsAny(out, "\x1b\x07\r\u0085\u2028\u202e") {
			t.Errorf("%s: raw control character in:\n%q", format, out)
		}
		annotations := 0
		for _, line := range strings.Split(strings.TrimSuffix(string(out), "\n"), "\n") {
			trimmed := strings.TrimLeft(line, " \t")
			if !strings.HasPrefix(trimmed, "::") {
				continue
			}
			ours := strings.HasPrefix(line, "::error file=") || strings.HasPrefix(line, "::warning file=") || strings.HasPrefix(line, "::notice file=")
			if format == "text" || !ours {
				t.Errorf("%s: line starts with \"::\": %q", format, line)
			}
			annotations++
		}
		if format == "github" && annotations != 2 {
			t.Errorf("github: %d annotations, want 2:\n%s", annotations, out)
		}
		if format != "github" {
			continue
		}
		s := summary.String()
		for _, bad := range []string{`[^\\]\]\(`, `[^\\]!\[`, `[^\\]@admin`, `https://evil`, `www\.evil`, "\x1b", "\n::", "[^\\\\]`c"} {
			if regexp.MustCompile(bad).MatchString(s) {
				t.Errorf("step summary matches %q:\n%s", bad, s)
			}
		}
	}
}
