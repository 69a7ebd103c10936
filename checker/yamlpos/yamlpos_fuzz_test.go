package yamlpos

import (
	"errors"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/streamlint/streamlint/internal/fuzzseed"
)

// FuzzParse: Parse never panics; a syntax error's line is inside the
// input; every node, every key MapEntry finds, every scalar's start and
// every "KEY=VALUE" item's value position is inside the input. Aliases
// are never expanded, so the walk is bounded by the number of nodes.
func FuzzParse(f *testing.F) {
	for _, s := range fuzzseed.Files(".yml", ".yaml") {
		f.Add(s)
	}
	f.Add([]byte("a: &a [x, y]\nb: &b [*a, *a]\nc: [*b, *b]\n"))
	f.Add([]byte("x: &x {k: 1}\ny:\n  <<: [*x]\n  env:\n    - \"K=v\"\n    - 'L=w'\n    - M\n"))
	f.Add([]byte("s: |\n  text\nt: >-\n  more\n"))
	f.Add([]byte("- KEY\n  =folded\n"))
	f.Add([]byte("a: \"x \\\"y\\\" \\x41\\\n  z\"\nb: >\n  p\n\n   q\n  r\nc: 'i''j'\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		fuzzseed.Count()
		d, err := Parse(src)
		if err != nil {
			var se *SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("error %v is not a *SyntaxError", err)
			}
			// the line may be one past the last (an error at the end)
			if se.Line < 0 || se.Line > 1 && !fuzzseed.Inside(src, se.Line-1, 1) {
				t.Fatalf("syntax error line %d outside the input %q", se.Line, src)
			}
			return
		}
		check := func(what string, p Pos) {
			t.Helper()
			if p == (Pos{}) {
				return
			}
			// an empty node at the very end ("?" with no line break) is at
			// the start of the line after the last: the end of the input
			atEnd := p.Column == 1 && p.Line == len(yamlLines(string(src)))+1
			if !fuzzseed.Inside(src, p.Line, p.Column) && !atEnd {
				t.Fatalf("%s at %d:%d is outside the input %q", what, p.Line, p.Column, src)
			}
		}
		lines := yamlLines(string(src))
		seen := map[*yaml.Node]bool{}
		var walk func(n *yaml.Node)
		walk = func(n *yaml.Node) {
			if n == nil || seen[n] {
				return
			}
			seen[n] = true
			if p := PosOf(n); n.Kind == yaml.ScalarNode && n.Tag == "!!null" && n.Value == "" && p.Column == 1 && fuzzseed.Inside(src, p.Line-1, 1) {
				// an implicit null has no text: yaml.v3 puts the value of
				// a key at the very end ("?") on the line after it
				return
			}
			check("node", PosOf(n))
			switch n.Kind {
			case yaml.ScalarNode:
				if n.Style != yaml.LiteralStyle && n.Style != yaml.FoldedStyle {
					check("scalar start", ScalarStart(n))
				}
				checkNodeMap(t, lines, n)
			case yaml.MappingNode:
				for _, k := range mapKeys(n) {
					kn, _ := MapEntry(n, k)
					check("key "+k, PosOf(kn))
				}
			case yaml.SequenceNode:
				for _, it := range n.Content {
					if r := Resolve(it); r != nil && r.Kind == yaml.ScalarNode {
						check("item value", CheckedValuePos(strings.Split(string(src), "\n"), r))
					}
				}
			}
			for _, c := range n.Content {
				walk(c)
			}
		}
		walk(d.Root())
	})
}
