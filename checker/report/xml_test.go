package report

import (
	"encoding/xml"
	"slices"
	"strings"
	"testing"
)

// TestJUnitReparses decodes the output with encoding/xml: messages with
// control characters, "]]>" and markup come back with only the characters
// XML cannot hold replaced.
func TestJUnitReparses(t *testing.T) {
	r := hostileReport()
	out := render(t, "junit", Options{}, r)
	var doc junitSuites
	if err := xml.Unmarshal(out, &doc); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if len(doc.Suites) != 1 || doc.Suites[0].Name != "streamlint" {
		t.Fatalf("suites %+v", doc.Suites)
	}
	cases := doc.Suites[0].Cases
	if len(cases) != 2 || len(cases[0].Errors) != 1 || len(cases[1].Failures) != 1 {
		t.Fatalf("cases %+v", cases)
	}
	msg := cases[1].Failures[0].Message
	if want := xmlSafe(r.Findings[0].Message); msg != want {
		t.Errorf("message %q, want %q", msg, want)
	}
	for _, s := range []string{"]]>", "<&>", "\r\n", "\uFFFD"} {
		if !strings.Contains(msg, s) || !strings.Contains(cases[1].Failures[0].Text, s) {
			t.Errorf("%q lost in %q", s, msg)
		}
	}
	if cases[0].Errors[0].Message != "bad\uFFFDbyte ]]> <&>\n" {
		t.Errorf("error message %q", cases[0].Errors[0].Message)
	}
}

func TestJUnitCases(t *testing.T) {
	var doc junitSuites
	if err := xml.Unmarshal(render(t, "junit", Options{}, sampleReport()), &doc); err != nil {
		t.Fatal(err)
	}
	s := doc.Suites[0]
	got := map[string]junitCase{}
	for _, c := range s.Cases {
		got[c.Classname+" "+c.Name] = c
	}
	if c := got[compose+" KAF002 Size retention is unbounded"]; len(c.Failures) != 2 || c.Failures[0].Type != "warning" {
		t.Errorf("KAF002 in compose: %+v", c)
	}
	if c, ok := got["all files KAF003 Segment size is not below the size retention"]; !ok || len(c.Failures)+len(c.Errors) != 0 {
		t.Errorf("no passing testcase for KAF003: %+v", s.Cases)
	}
	if c := got["fixtures/pipe/conf/spark-defaults.conf LNT002 File cannot be read or parsed"]; len(c.Errors) != 1 {
		t.Errorf("file error: %+v", c)
	}
	if !strings.Contains(got[job+" CAP001 One batch does not fit in executor memory"].Failures[0].Text, "fix: Set maxOffsetsPerTrigger") {
		t.Error("CAP001 failure text lacks the fix")
	}
	// KAF002 (compose), KAF006 (compose), CAP001 and SPK002 (job), LNT002, KAF003 passing
	if s.Tests != 6 || s.Failures != 4 || s.Errors != 1 || len(s.Cases) != 6 || doc.Tests != 6 {
		t.Errorf("counts tests=%d failures=%d errors=%d cases=%d", s.Tests, s.Failures, s.Errors, len(s.Cases))
	}
}

func TestCheckstyleReparses(t *testing.T) {
	for _, r := range []*Report{sampleReport(), hostileReport(), {}} {
		var doc checkstyleDoc
		out := render(t, "checkstyle", Options{}, r)
		if err := xml.Unmarshal(out, &doc); err != nil {
			t.Fatalf("%v\n%s", err, out)
		}
		if doc.Version != "4.3" {
			t.Errorf("version %q", doc.Version)
		}
		var names []string
		n := 0
		for _, f := range doc.Files {
			names = append(names, f.Name)
			n += len(f.Errors)
			if !slices.IsSortedFunc(f.Errors, func(a, b checkstyleError) int { return a.Line - b.Line }) {
				t.Errorf("%s: errors not sorted by line", f.Name)
			}
			for _, e := range f.Errors {
				if !strings.HasPrefix(e.Source, "streamlint.") || (e.Severity != "error" && e.Severity != "warning" && e.Severity != "info") {
					t.Errorf("%s: %+v", f.Name, e)
				}
			}
		}
		if !slices.IsSorted(names) {
			t.Errorf("files not sorted: %v", names)
		}
		if want := len(activeFindings(r)) + len(r.Errors); n != want {
			t.Errorf("%d errors, want %d", n, want)
		}
	}
}
