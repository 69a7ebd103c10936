package yamlpos

import (
	"errors"
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
	f.Fuzz(func(t *testing.T, src []byte) {
		fuzzseed.Count()
		lines := fuzzseed.Lines(src)
		d, err := Parse(src)
		if err != nil {
			var se *SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("error %v is not a *SyntaxError", err)
			}
			if se.Line < 0 || se.Line > len(lines)+1 {
				t.Fatalf("syntax error line %d outside the %d lines", se.Line, len(lines))
			}
			return
		}
		check := func(what string, p Pos) {
			t.Helper()
			if p == (Pos{}) {
				return
			}
			if !fuzzseed.Inside(lines, p.Line, p.Column) {
				t.Fatalf("%s at %d:%d is outside the input (%d lines) %q", what, p.Line, p.Column, len(lines), src)
			}
		}
		seen := map[*yaml.Node]bool{}
		var walk func(n *yaml.Node)
		walk = func(n *yaml.Node) {
			if n == nil || seen[n] {
				return
			}
			seen[n] = true
			check("node", PosOf(n))
			switch n.Kind {
			case yaml.ScalarNode:
				if n.Style != yaml.LiteralStyle && n.Style != yaml.FoldedStyle {
					check("scalar start", ScalarStart(n))
				}
			case yaml.MappingNode:
				for _, k := range MapKeys(n) {
					kn, _ := MapEntry(n, k)
					check("key "+k, PosOf(kn))
				}
			case yaml.SequenceNode:
				for _, it := range n.Content {
					if r := Resolve(it); r != nil && r.Kind == yaml.ScalarNode {
						check("item value", CheckedValuePos(lines, r))
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
