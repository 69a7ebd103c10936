package yamlpos

import (
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// scalars returns every scalar value node of src (keys excluded).
func scalars(t testing.TB, src string) []*yaml.Node {
	t.Helper()
	var root yaml.Node
	if err := yaml.Unmarshal([]byte(src), &root); err != nil {
		t.Fatalf("%v in\n%s", err, src)
	}
	var out []*yaml.Node
	var walk func(n *yaml.Node, isKey bool)
	walk = func(n *yaml.Node, isKey bool) {
		switch n.Kind {
		case yaml.ScalarNode:
			if !isKey {
				out = append(out, n)
			}
		case yaml.MappingNode:
			for i, c := range n.Content {
				walk(c, i%2 == 0)
			}
		case yaml.DocumentNode, yaml.SequenceNode:
			for _, c := range n.Content {
				walk(c, false)
			}
		}
	}
	walk(&root, false)
	return out
}

// checkScalarMap checks that every non-blank character of every scalar's
// value is mapped to that same character in the source, or to the
// backslash or quote of the escape that wrote it; positions never point
// past the end of their line.
// yamlLines splits src at YAML's line breaks: "\r\n", "\n" and a lone "\r".
func yamlLines(src string) []string {
	src = strings.ReplaceAll(src, "\r\n", "\n")
	return strings.Split(strings.ReplaceAll(src, "\r", "\n"), "\n")
}

func checkScalarMap(t testing.TB, src string) {
	t.Helper()
	lines := yamlLines(src)
	for _, n := range scalars(t, src) {
		checkNodeMap(t, lines, n)
	}
}

// checkNodeMap checks ScalarMap on one scalar node (FuzzParse runs it on
// every scalar).
func checkNodeMap(t testing.TB, lines []string, n *yaml.Node) {
	t.Helper()
	m := ScalarMap(lines, n)
	if m.Text() != n.Value {
		t.Fatalf("map text %q != value %q", m.Text(), n.Value)
	}
	for off, r := range n.Value {
		p := m.At(off)
		if p.Line < 1 || p.Line > len(lines) {
			t.Fatalf("%q: byte %d at %v, outside the source", n.Value, off, p)
		}
		rs := []rune(strings.TrimSuffix(lines[p.Line-1], "\r"))
		if p.Column < 1 || p.Column > len(rs)+1 {
			t.Fatalf("%q: byte %d at %v, past the end of line %q", n.Value, off, p, string(rs))
		}
		if unicode.IsSpace(r) || r == utf8.RuneError {
			continue
		}
		if p.Column > len(rs) {
			t.Fatalf("%q: %q at %v, at the end of line %q", n.Value, r, p, string(rs))
		}
		if got := rs[p.Column-1]; got != r && got != '\\' && got != '\'' {
			t.Fatalf("%q: %q (byte %d) mapped to %v, which holds %q: line %q", n.Value, r, off, p, got, string(rs))
		}
	}
}

func TestScalarMapStyles(t *testing.T) {
	for _, src := range []string{
		"a: plain value\n",
		"a: plain\n  folded over\n\n  lines\n",
		"a: \"double \\\"quoted\\\" \\t tab \\x41 \\u00e9 é\"\n",
		"a: \"double\n  folded \\\n  escaped break\"\n",
		"a: 'single ''quoted'' text'\n",
		"a: 'single\n   folded'\n",
		"a: |\n  kafka-topics --create --topic a\n  kafka-topics --create --topic b\n\n  echo done\n",
		"a: |-\n    indented four\n      more indented\n    back\n",
		"a: >\n  spark-submit --master x\n  --conf a=b\n\n  /opt/app.py\n    more indented kept\n  last\n",
		"a: >2\n   one more space\n  text\n",
		"- |\n  item block\n  second\n- >-\n  folded item\n  second\n",
		"cmd: [\"bash\", \"-c\", \"kafka-topics --create --topic x\"]\n",
		"cmd:\n  - bash\n  - -c\n  - |\n    for t in a b; do\n      echo $$t\n    done\n",
		"a: |\r\n  crlf line\r\n  second\r\n",
		"a: 0\r 1\rb: |\r  lone CR\r",
		"a: \"multi\\u2028 \\U0001F600 ok\"\n",
		// a quote that ends its line: the breaks after it are the value's
		"a: \"\n  folded\"\n",
		"\"\r\r\r0\"",
		"a: '\n\n  x'\n",
	} {
		checkScalarMap(t, src)
	}
}

func TestScalarMapPositions(t *testing.T) {
	src := "services:\n" + //                             1
		"  init:\n" + //                                  2
		"    command: |\n" + //                           3
		"      kafka-topics --create --topic a\n" + //    4
		"      kafka-topics --create --topic b\n" + //    5
		"  fold:\n" + //                                  6
		"    command: >\n" + //                           7
		"      spark-submit\n" + //                       8
		"      --conf a=b\n" + //                         9
		"  quoted:\n" + //                                10
		"    command: [\"sh\", \"-c\", \"x \\\"y\\\" z\"]\n" //11
	ns := scalars(t, src)
	lines := strings.Split(src, "\n")
	find := func(value string) Map {
		for _, n := range ns {
			if n.Value == value {
				return ScalarMap(lines, n)
			}
		}
		t.Fatalf("no scalar %q", value)
		return Map{}
	}
	cases := []struct {
		value, word string
		want        Pos
	}{
		{"kafka-topics --create --topic a\nkafka-topics --create --topic b\n", "b", Pos{5, 37}},
		{"kafka-topics --create --topic a\nkafka-topics --create --topic b\n", "kafka-topics --create --topic b", Pos{5, 7}},
		{"spark-submit --conf a=b\n", "--conf", Pos{9, 7}},
		{"spark-submit --conf a=b\n", " --conf", Pos{8, 19}}, // the folded line break: the end of line 8
		{`x "y" z`, "z", Pos{11, 36}},
		{`x "y" z`, `"y"`, Pos{11, 30}}, // the backslash of \"
	}
	for _, c := range cases {
		m := find(c.value)
		off := strings.LastIndex(c.value, c.word)
		if got := m.At(off); got != c.want {
			t.Errorf("%q in %q: %v, want %v", c.word, c.value, got, c.want)
		}
	}
}

func TestMapBuilderFixedAndEach(t *testing.T) {
	var b MapBuilder
	b.Add("ab", Pos{1, 1}, false)
	b.Add("cd", Pos{1, 3}, false) // continues the span
	b.Add("XYZ", Pos{2, 5}, true)
	b.Add("é!", Pos{3, 1}, false)
	m := b.Map()
	if len(m.spans) != 3 {
		t.Errorf("spans = %+v", m.spans)
	}
	want := map[int]Pos{0: {1, 1}, 3: {1, 4}, 4: {2, 5}, 6: {2, 5}, 7: {3, 1}, 9: {3, 2}, 10: {3, 3}}
	for off, p := range want {
		if got := m.At(off); got != p {
			t.Errorf("At(%d) = %v, want %v", off, got, p)
		}
	}
	var offs []int
	m.Each(func(off int, _ Pos) { offs = append(offs, off) })
	if len(offs) != utf8.RuneCountInString(m.Text()) {
		t.Errorf("Each visited %v", offs)
	}
	if (Map{}).At(3) != (Pos{}) {
		t.Error("zero map")
	}
}

// TestMapCostIsLinear: a command line of 100,000 words (spark-submit with
// thousands of --conf, 1 MB on one line), mapped and then placed word by
// word, costs linear time: the text was built by concatenation and At
// counted the runes from the start of one span over the whole line (22 s
// for 10,000 --conf before).
func TestMapCostIsLinear(t *testing.T) {
	const words = 100_000
	var src strings.Builder
	src.WriteString("command: spark-submit")
	for i := range words {
		src.WriteString(" --conf spark.k" + strings.Repeat("é", i%3) + "=v")
	}
	n := scalars(t, src.String())[0]
	start := time.Now()
	m := ScalarMap(strings.Split(src.String(), "\n"), n)
	text := m.Text()
	for off := 0; off < len(text); {
		i := strings.IndexByte(text[off:], ' ')
		if i < 0 {
			break
		}
		off += i + 1
		if p := m.At(off); p.Line != 1 || p.Column <= 0 {
			t.Fatalf("At(%d) = %v", off, p)
		}
	}
	if want, got := (Pos{1, 10 + utf8.RuneCountInString(text)}), m.At(len(text)); got != want {
		t.Errorf("end at %v, want %v", got, want)
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("mapping and placing %d words took %v", 2*words, d)
	}
}
