package spark

import (
	"errors"
	"fmt"
	"runtime"
	"strings"
	"testing"

	"github.com/magiconair/properties"

	"github.com/streamlint/streamlint/checker/model"

	"github.com/streamlint/streamlint/internal/fuzzseed"
)

// setting is a compact expected setting: key, value, line, column.
type setting struct {
	key, value string
	line, col  int
}

func settingsOf(f *PropertiesFile) []setting {
	var out []setting
	for _, s := range f.Settings {
		out = append(out, setting{s.Key, s.Value, s.Loc.Line, s.Loc.Column})
	}
	return out
}

func TestParseProperties(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		in   string
		want []setting
	}{
		{"separators", "spark.executor.memory 4g\nspark.driver.memory=2g\nspark.a = 1\nspark.b:2\nspark.c\t\t3\nspark.d : 4\nspark.e\f5\n",
			[]setting{
				{"spark.executor.memory", "4g", 1, 23},
				{"spark.driver.memory", "2g", 2, 21},
				{"spark.a", "1", 3, 11},
				{"spark.b", "2", 4, 9},
				{"spark.c", "3", 5, 10},
				{"spark.d", "4", 6, 11},
				{"spark.e", "5", 7, 9},
			}},
		{"only one separator is eaten", "spark.a==1\nspark.b :=2\nspark.c = : 3\n",
			[]setting{{"spark.a", "=1", 1, 9}, {"spark.b", "=2", 2, 10}, {"spark.c", ": 3", 3, 11}}},
		{"trailing whitespace trimmed", "spark.executor.memory   2g   \t\n", []setting{{"spark.executor.memory", "2g", 1, 25}}},
		{"leading whitespace and indentation", "   spark.a    x y  \n", []setting{{"spark.a", "x y", 1, 15}}},
		{"value with = and quotes", `spark.driver.extraJavaOptions    -XX:+PrintGCDetails -Dkey=value -Dnumbers="one two three"`,
			[]setting{{"spark.driver.extraJavaOptions", `-XX:+PrintGCDetails -Dkey=value -Dnumbers="one two three"`, 1, 34}}},
		{"duplicates keep every occurrence", "spark.dup 1\nspark.other x\nspark.dup 2\n",
			[]setting{{"spark.dup", "1", 1, 11}, {"spark.other", "x", 2, 13}, {"spark.dup", "2", 3, 11}}},
		{"continuation", "spark.driver.extraJavaOptions -Da=1 \\\n    -Db=2 \\\n\t-Dc=3\nspark.next x\n",
			[]setting{{"spark.driver.extraJavaOptions", "-Da=1 -Db=2 -Dc=3", 1, 31}, {"spark.next", "x", 4, 12}}},
		{"continuation value starts on the next line", "spark.a = \\\n   value\n", []setting{{"spark.a", "value", 2, 4}}},
		{"even backslashes do not continue", "spark.path C:\\\\dir\\\\\nspark.b 1\n",
			[]setting{{"spark.path", `C:\dir\`, 1, 12}, {"spark.b", "1", 2, 9}}},
		{"other escapes drop the backslash", `spark.path C:\temp\new`, []setting{{"spark.path", "C:\temp\new", 1, 12}}},
		{"unicode escapes", `spark.\u0061pp.name caf\u00e9`, []setting{{"spark.app.name", "café", 1, 21}}},
		{"escaped separator in key", `spark.a\=b\ c=1`, []setting{{"spark.a=b c", "1", 1, 15}}},
		{"comments", "# spark.a 1\n! spark.b 2\n   # indented\nspark.c 3 # not a comment\n",
			[]setting{{"spark.c", "3 # not a comment", 4, 9}}},
		{"comment continued is still a comment", "# comment \\\nspark.a 1\n", []setting{{"spark.a", "1", 2, 9}}},
		{"hash inside a continued value", "spark.a x \\\n# y\n", []setting{{"spark.a", "x # y", 1, 9}}},
		{"${} left verbatim", "spark.a ${HOME}/x\nspark.b ${env:WAREHOUSE}/wh\nspark.c ${spark.a}\nspark.d ${unterminated\nspark.e ${spark.e}\n",
			[]setting{
				{"spark.a", "${HOME}/x", 1, 9},
				{"spark.b", "${env:WAREHOUSE}/wh", 2, 9},
				{"spark.c", "${spark.a}", 3, 9},
				{"spark.d", "${unterminated", 4, 9},
				{"spark.e", "${spark.e}", 5, 9},
			}},
		{"CRLF", "spark.a 1\r\nspark.b 2 \r\n\r\nspark.c 3", []setting{{"spark.a", "1", 1, 9}, {"spark.b", "2", 2, 9}, {"spark.c", "3", 4, 9}}},
		{"CRLF continuation joins as in Java", "spark.a x\\\r\n  y\r\nspark.b 2\r\n", []setting{{"spark.a", "xy", 1, 9}, {"spark.b", "2", 3, 9}}},
		{"lone CR ends lines", "spark.a 1\rspark.b 2\r", []setting{{"spark.a", "1", 1, 9}, {"spark.b", "2", 2, 9}}},
		{"BOM", "\uFEFFspark.a 1\nspark.b 2\n", []setting{{"spark.a", "1", 1, 9}, {"spark.b", "2", 2, 9}}},
		{"columns count code points", "spark.app.name café\nspark.é x\n", []setting{{"spark.app.name", "café", 1, 16}, {"spark.é", "x", 2, 9}}},
		{"empty values point after the separator", "spark.a=\nspark.b\nspark.c =   \nspark.d", []setting{
			{"spark.a", "", 1, 9}, {"spark.b", "", 2, 8}, {"spark.c", "", 3, 10}, {"spark.d", "", 4, 8}}},
		{"control characters trimmed like trimExceptCRLF", "spark.a \x01 v \x02\n", []setting{{"spark.a", "v", 1, 11}}},
		{"escaped CR and LF kept by trimExceptCRLF", `spark.a v\n`, []setting{{"spark.a", "v\n", 1, 9}}},
		{"escaped leading space is trimmed too", `spark.a \ \ v`, []setting{{"spark.a", "v", 1, 13}}},
		{"non-spark keys are returned", "kafka.bootstrap.servers kafka:9092\n", []setting{{"kafka.bootstrap.servers", "kafka:9092", 1, 25}}},
		{"empty file", "", nil},
		{"blank lines and whitespace", "\n\n  \t\n", nil},
		{"key at EOF", "spark.a", []setting{{"spark.a", "", 1, 8}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			f, err := ParseProperties("conf/spark-defaults.conf", []byte(tt.in), model.SourceSparkDefaults)
			if err != nil {
				t.Fatal(err)
			}
			got := settingsOf(f)
			if len(got) != len(tt.want) {
				t.Fatalf("settings = %+v, want %+v", got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Errorf("setting %d = %+v, want %+v", i, got[i], tt.want[i])
				}
			}
			for _, s := range f.Settings {
				if s.Source != model.SourceSparkDefaults || s.Loc.File != "conf/spark-defaults.conf" {
					t.Errorf("setting %s: source %q file %q", s.Key, s.Source, s.Loc.File)
				}
			}
		})
	}
}

func TestParsePropertiesKeepsDuplicates(t *testing.T) {
	t.Parallel()
	f, err := ParseProperties("x.properties", []byte("spark.dup 1\nspark.dup 2\n"), model.SourcePropertiesFile)
	if err != nil {
		t.Fatal(err)
	}
	// both settings are kept, in file order, so SPK007 and precedence
	// see the duplicate and the last one wins
	if len(f.Settings) != 2 {
		t.Fatalf("settings = %+v, want both", f.Settings)
	}
	if s := f.Settings[1]; s.Key != "spark.dup" || s.Value != "2" || s.Loc.Line != 2 || s.Source != model.SourcePropertiesFile {
		t.Errorf("last setting = %+v", s)
	}
}

func TestParsePropertiesComments(t *testing.T) {
	t.Parallel()
	in := "# streamlint:ignore SPK004 legacy key   \nspark.a 1\n  ! bang comment\nspark.b 2 # inline is a value\n#\n"
	f, err := ParseProperties("p", []byte(in), model.SourceSparkDefaults)
	if err != nil {
		t.Fatal(err)
	}
	want := []Comment{{1, "# streamlint:ignore SPK004 legacy key"}, {3, "! bang comment"}, {5, "#"}}
	if len(f.Comments) != len(want) {
		t.Fatalf("comments = %+v, want %+v", f.Comments, want)
	}
	for i := range want {
		if f.Comments[i] != want[i] {
			t.Errorf("comment %d = %+v, want %+v", i, f.Comments[i], want[i])
		}
	}
}

func TestParsePropertiesErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		in        string
		line, col int
		msg       string
	}{
		{"bad unicode escape", "spark.a 1\nspark.b \\u00zz\n", 2, 9, "invalid unicode literal"},
		{"bad unicode escape on a continued line", "spark.a 1 \\\n  \\u12\n", 2, 3, "invalid unicode literal"},
		{"bad unicode escape in a key", "spark.\\uXYZW 1\n", 1, 7, "invalid unicode literal"},
		{"short unicode escape at EOF", "spark.a \\u12", 1, 9, "invalid unicode literal"},
		{"backslash at EOF", "spark.a 1\\", 1, 10, "premature EOF"},
		{"backslash at EOF in a key", "spark.a\\", 1, 8, "premature EOF"},
		{"value without key", "spark.a 1\n= 2\n", 2, 1, "without a key"},
		{"colon without key", "  :2\n", 1, 3, "without a key"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := ParseProperties("conf/spark-defaults.conf", []byte(tt.in), model.SourceSparkDefaults)
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("error = %v, want a *ParseError", err)
			}
			if pe.Path != "conf/spark-defaults.conf" || pe.Line != tt.line || pe.Column != tt.col || !strings.Contains(pe.Msg, tt.msg) {
				t.Errorf("error = %+v, want line %d col %d and %q", pe, tt.line, tt.col, tt.msg)
			}
			if !strings.HasPrefix(pe.Error(), "conf/spark-defaults.conf:") {
				t.Errorf("Error() = %q", pe.Error())
			}
			// the library rejects the file too
			if _, err := libraryLoad([]byte(tt.in)); err == nil && !strings.Contains(tt.msg, "without a key") {
				t.Errorf("the library accepts %q", tt.in)
			}
		})
	}
}

func TestParsePropertiesNoGoroutineLeak(t *testing.T) {
	before := runtime.NumGoroutine()
	for range 50 {
		if _, err := ParseProperties("p", []byte("=x\nspark.a 1\n"), model.SourceSparkDefaults); err == nil {
			t.Fatal("want an error")
		}
	}
	if after := runtime.NumGoroutine(); after > before+5 {
		t.Errorf("goroutines grew from %d to %d", before, after)
	}
}

func libraryLoad(data []byte) (*properties.Properties, error) {
	return (&properties.Loader{Encoding: properties.UTF8, DisableExpansion: true}).LoadBytes(data)
}

func TestTrimExceptCRLF(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"  a  ":        "a",
		"\t\x00a\x1f ": "a",
		"\na\r":        "\na\r",
		" \r\n a \n ":  "\r\n a \n",
		"   ":          "",
		"a\u00a0":      "a\u00a0", // only characters up to ' ' are trimmed
	} {
		if got := TrimExceptCRLF(in); got != want {
			t.Errorf("TrimExceptCRLF(%q) = %q, want %q", in, got, want)
		}
	}
}

func FuzzParseProperties(f *testing.F) {
	for _, s := range []string{
		"spark.a 1\nspark.b=2\n",
		"spark.a x\\\n  y\n# c\n! d\n",
		"a\\\nb=1\r\n",
		"\uFEFFspark.a \\u0041\\t\\\\",
		"spark.a ${HOME}\n= x\n",
		"k\\\r\n v\r",
		"\\ \\:=\\=\n",
		"x\\u12",
		"\xff\xfe=\x00",
	} {
		f.Add([]byte(s))
	}
	for _, s := range fuzzseed.Files(".conf", ".properties") {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzseed.Count()
		pf, err := ParseProperties("f", data, model.SourceSparkDefaults)
		normalised := []byte(normaliseNewlines(strings.TrimPrefix(string(data), "\uFEFF")))
		lines := strings.Count(string(normalised), "\n") + 1
		if err != nil {
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("error %v is not a *ParseError", err)
			}
			if pe.Line < 1 || pe.Line > lines {
				t.Fatalf("error line %d outside 1..%d", pe.Line, lines)
			}
			if !strings.Contains(pe.Msg, "without a key") {
				if _, libErr := libraryLoad(normalised); libErr == nil {
					t.Fatalf("ParseProperties fails (%v) but the library loads the file", err)
				}
			}
			return
		}
		lib, libErr := libraryLoad(normalised)
		if libErr != nil {
			t.Fatalf("the library fails (%v) but ParseProperties loads the file", libErr)
		}
		for _, s := range pf.Settings {
			if s.Loc.Line < 1 || s.Loc.Line > lines || s.Loc.Column < 1 {
				t.Fatalf("setting %q at %d:%d outside the file's %d lines", s.Key, s.Loc.Line, s.Loc.Column, lines)
			}
			if _, ok := lib.Get(s.Key); !ok {
				t.Fatalf("key %q is not in the library's key set %q", s.Key, lib.Keys())
			}
		}
		// The scanner alone (ParseProperties would paper over a
		// disagreement) finds the library's keys and final values.
		sc := scanProperties(string(normalised))
		last := map[string]string{}
		for _, e := range sc.entries {
			last[e.key] = e.value
		}
		if len(last) != lib.Len() {
			t.Fatalf("scanner: %d distinct keys %v, the library has %q", len(last), last, lib.Keys())
		}
		for k, v := range last {
			if lv, ok := lib.Get(k); !ok || TrimExceptCRLF(lv) != v {
				t.Fatalf("scanner: key %q value %q, the library says %q (%v)", k, v, lv, ok)
			}
		}
		for _, c := range pf.Comments {
			if c.Line < 1 || c.Line > lines || c.Text == "" || (c.Text[0] != '#' && c.Text[0] != '!') {
				t.Fatalf("comment %+v", c)
			}
		}
	})
}

func BenchmarkParseProperties(b *testing.B) {
	var sb strings.Builder
	for i := range 50 {
		sb.WriteString("# comment\nspark.key" + strings.Repeat("x", i%7) + ".n" + string(rune('a'+i%26)) + " value-" + strings.Repeat("v", i%13) + "\n")
	}
	data := []byte(sb.String())
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ParseProperties("p", data, model.SourceSparkDefaults); err != nil {
			b.Fatal(err)
		}
	}
}

// manyKeys is a spark-defaults.conf of n distinct keys.
func manyKeys(n int) []byte {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "spark.custom.key%d value%d\n", i, i)
	}
	return []byte(b.String())
}

// TestTooManySettings: a file of more than MaxSettings keys is an error
// on the first key past the limit, found without the properties library
// (100,000 keys cost a minute of rule evaluation before).
func TestTooManySettings(t *testing.T) {
	t.Parallel()
	_, err := ParseProperties("big.conf", manyKeys(MaxSettings+1), model.SourceSparkDefaults)
	var pe *ParseError
	if !errors.As(err, &pe) || pe.Line != MaxSettings+1 || !strings.Contains(pe.Msg, "more than the 5000 streamlint checks") {
		t.Fatalf("got %v", err)
	}
	if _, err := ParseProperties("ok.conf", manyKeys(MaxSettings), model.SourceSparkDefaults); err != nil {
		t.Fatal(err)
	}
}

// BenchmarkParsePropertiesSize grows a spark-defaults.conf tenfold: the
// time grows about tenfold (linear).
func BenchmarkParsePropertiesSize(b *testing.B) {
	for _, n := range []int{10_000, 100_000} {
		data := manyKeys(n)
		b.Run(fmt.Sprintf("keys=%d", n), func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				_, _ = ParseProperties("p", data, model.SourceSparkDefaults)
			}
		})
	}
}
