package suppress

import (
	"strings"
	"testing"

	"github.com/streamlint/streamlint/checker/model"

	"github.com/streamlint/streamlint/internal/fuzzseed"
)

func finding(file string, line int, rule string) model.Finding {
	return model.Finding{RuleID: rule, Location: model.Location{File: file, Line: line, Column: 1}}
}

func TestMatch(t *testing.T) {
	yml := "services:\n  kafka: # streamlint:ignore KAF002 -- dev only\n    image: x\n  # streamlint:ignore KAF005,KAF006 -- reasons\n  other:\n    image: y\n"
	conf := "spark.a 1 # streamlint:ignore SPK004 -- value text, not a comment\n# streamlint:ignore SPK004 -- legacy key\nspark.b 2\n"
	scala := "val x = 1 // streamlint:ignore SPK002 -- batch job\n"
	whole := "# streamlint:ignore-file KAF001 -- retention managed by the platform\nservices: {}\n"
	crOnly := "from pyspark.sql import SparkSession\r# streamlint:ignore SPK006 -- old Mac line ends\rspark = 1\r"
	set := NewSet()
	set.Add("c.yml", Parse("c.yml", []byte(yml)))
	set.Add("spark-defaults.conf", Parse("spark-defaults.conf", []byte(conf)))
	set.Add("Job.scala", Parse("Job.scala", []byte(scala)))
	set.Add("w.yml", Parse("w.yml", []byte(whole)))
	set.Add("cr.py", Parse("cr.py", []byte(crOnly)))
	cases := []struct {
		f    model.Finding
		want string // reason, "" = not suppressed
	}{
		{finding("c.yml", 2, "KAF002"), "dev only"},
		{finding("c.yml", 3, "KAF002"), ""}, // same-line comment does not reach the next line
		{finding("c.yml", 2, "KAF001"), ""},
		{finding("c.yml", 5, "KAF005"), "reasons"},
		{finding("c.yml", 5, "KAF006"), "reasons"},
		{finding("spark-defaults.conf", 1, "SPK004"), ""}, // '#' after a value is part of it
		{finding("spark-defaults.conf", 3, "SPK004"), "legacy key"},
		{finding("Job.scala", 1, "SPK002"), "batch job"},
		{finding("w.yml", 40, "KAF001"), "retention managed by the platform"},
		{finding("other.yml", 2, "KAF002"), ""},
		{finding("cr.py", 3, "SPK006"), "old Mac line ends"}, // lines end with a lone CR
	}
	for _, c := range cases {
		d := set.Match(c.f)
		got := ""
		if d != nil {
			got = d.Reason
		}
		if got != c.want {
			t.Errorf("%s:%d %s: suppressed by %q, want %q", c.f.File, c.f.Line, c.f.RuleID, got, c.want)
		}
	}
}

func TestProblems(t *testing.T) {
	src := "a: 1 # streamlint:ignore KAF002\nb: 2 # streamlint:ignore KAF003 -- fine\nc: 3 # streamlint:ignore -- no ids\nd: 4 # streamlint:ignore NOPE01 -- typo\n"
	set := NewSet()
	set.Add("c.yml", Parse("c.yml", []byte(src)))
	set.Match(finding("c.yml", 1, "KAF002"))
	var got []string
	for _, p := range set.Problems(func(id string) bool { return strings.HasPrefix(id, "KAF") }) {
		got = append(got, p.Loc.String()+" "+p.Message)
	}
	joined := strings.Join(got, "\n")
	for _, want := range []string{
		"c.yml:1:6 streamlint:ignore KAF002 has no reason",
		"c.yml:2:6 streamlint:ignore KAF003 suppresses nothing",
		"c.yml:3:6 streamlint:ignore names no rule",
		`c.yml:4:6 streamlint:ignore names unknown rule "NOPE01"`,
	} {
		if !strings.Contains(joined, want) {
			t.Errorf("missing %q in\n%s", want, joined)
		}
	}
	if strings.Contains(joined, "c.yml:1:6 streamlint:ignore KAF002 suppresses nothing") {
		t.Error("a used directive reported as unused")
	}
}

func FuzzParse(f *testing.F) {
	f.Add("a: 1 # streamlint:ignore KAF002 -- x\n")
	f.Add("# streamlint:ignore-file SPK004,SPK005 -- y\n")
	f.Add("// streamlint:ignore\n")
	for _, s := range fuzzseed.Files(".yml", ".yaml", ".conf", ".py", ".scala", ".properties") {
		f.Add(string(s))
	}
	f.Fuzz(func(t *testing.T, src string) {
		fuzzseed.Count()
		lines := strings.Count(src, "\n") + 1
		srcLines := strings.Split(src, "\n")
		for _, name := range []string{"a.yml", "b.conf", "C.scala"} {
			for _, d := range Parse(name, []byte(src)) {
				if d.Loc.Line < 1 || d.Loc.Line > lines || d.Loc.Column < 1 {
					t.Fatalf("%s: directive at %v outside the input", name, d.Loc)
				}
				if d.Loc.Column > len([]rune(srcLines[d.Loc.Line-1]))+1 {
					t.Fatalf("%s: directive at %v past the end of its line %q", name, d.Loc, srcLines[d.Loc.Line-1])
				}
			}
		}
	})
}
