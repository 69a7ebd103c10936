package shell

import (
	"testing"
	"unicode/utf8"

	"github.com/streamlint/streamlint/checker/model"
	"github.com/streamlint/streamlint/internal/fuzzseed"
)

// charsAt maps every position of s, s starting at start, to the byte
// offset of the character written there, by the rule Word documents:
// columns advance by code point and a line break starts the next line at
// start's column.
func charsAt(s string, start model.Location) map[model.Location]int {
	m := make(map[model.Location]int, len(s))
	line, col := start.Line, start.Column
	for off := 0; off < len(s); {
		m[model.Location{File: start.File, Line: line, Column: col}] = off
		r, w := utf8.DecodeRuneInString(s[off:])
		off += w
		if r == '\n' || (r == '\r' && (off >= len(s) || s[off] != '\n')) {
			line, col = line+1, start.Column
		} else {
			col++
		}
	}
	return m
}

// FuzzShell: splitting a compose string and reading a script never panic;
// every word starts on a character of the text that is not a blank, and
// every byte of every word is at a character of the text (for compose
// words, one inside the word).
func FuzzShell(f *testing.F) {
	for _, s := range []string{
		"spark-submit --master spark://m:7077 --conf spark.x=1 /opt/jobs/a.py",
		`bash -c "spark-submit --conf 'spark.a=x y' app.py && echo done"`,
		"a \\\n b # c\n d 2>&1 | e",
		`x "$(a "b" c)" ${d} 'e` + "`f`",
		"for t in a b; do kafka-topics --create --topic $t; done",
		"cat <<EOF\nx\nEOF\nif a; then b; fi; f() { c; }; (d)",
		"\r\n\r é\"\\",
	} {
		f.Add(s, 3, 5)
	}
	for _, s := range fuzzseed.Files(".sh") {
		f.Add(string(s), 1, 1)
	}
	f.Fuzz(func(t *testing.T, s string, line, col int) {
		fuzzseed.Count()
		start := model.Location{File: "f", Line: 1 + abs(line)%1000, Column: 1 + abs(col)%1000}
		chars := charsAt(s, start)
		check := func(kind string, words []Word, inside bool) {
			t.Helper()
			for _, w := range words {
				off, ok := chars[w.Loc]
				if !ok {
					t.Fatalf("%s word %q at %v is outside %q (start %v)", kind, w.Text, w.Loc, s, start)
				}
				if c := s[off]; c == ' ' || c == '\t' || c == '\n' {
					t.Fatalf("%s word %q at %v starts on a blank", kind, w.Text, w.Loc)
				}
				for i := range len(w.Text) {
					o, ok := chars[w.LocAt(i)]
					if !ok || inside && o < off {
						t.Fatalf("%s word %q: byte %d at %v is not in the text", kind, w.Text, i, w.LocAt(i))
					}
				}
			}
		}
		if words, _, err := SplitCompose(lit(s, start)); err == nil {
			check("compose", words, true)
		}
		res := Exec([]Word{lit("sh", start), lit("-c", start), lit(s, start)})
		for _, c := range res.Commands[min(1, len(res.Commands)):] {
			check("script", c.Words, false)
		}
		for _, p := range res.Problems {
			if _, ok := chars[p.Loc]; !ok && len(s) > 0 && p.Loc != lit(s, start).LocAt(len(s)) {
				t.Fatalf("problem at %v is outside the text", p.Loc)
			}
		}
	})
}

func abs(n int) int {
	if n < 0 {
		return -(n + 1)
	}
	return n
}
