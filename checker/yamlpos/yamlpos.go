// Package yamlpos indexes the positions of a YAML document so that values
// decoded elsewhere (compose-go keeps no positions) can be traced back to the
// line and column where they are written.
//
// Lookups follow aliases and `<<` merge keys with a hop limit and never
// expand aliases recursively, so an alias bomb costs nothing here.
package yamlpos

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// maxAliasHops bounds how many aliases one lookup may follow.
const maxAliasHops = 32

// Pos is a 1-based line and column (columns count code points).
type Pos struct {
	Line   int
	Column int
}

// Doc is a parsed YAML stream with its comments: every document of a
// multi-document file (compose-go merges them, in order).
type Doc struct {
	root  *yaml.Node
	roots []*yaml.Node
}

// SyntaxError is a YAML syntax error with the line it was found on, when known.
type SyntaxError struct {
	Line int
	Msg  string
}

func (e *SyntaxError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("line %d: %s", e.Line, e.Msg)
	}
	return e.Msg
}

// Parse parses every document of src. An empty stream (or one of only
// comments) yields a Doc whose Root is nil. A stream whose aliases would
// expand past MaxAliasExpansion bytes is a *SyntaxError on the alias
// that crosses it, and so is a stream that is not UTF-8 (yaml.v3 would
// read a UTF-16 one, whose positions are not the bytes').
func Parse(src []byte) (*Doc, error) {
	if line, bad := firstInvalidUTF8(src); bad {
		return nil, &SyntaxError{Line: line, Msg: "not valid UTF-8: YAML is read as UTF-8 (convert a UTF-16 file)"}
	}
	d, err := parseStream(src)
	if err != nil {
		return nil, err
	}
	if err := checkAliases(d.roots); err != nil {
		return nil, err
	}
	return d, nil
}

// firstInvalidUTF8 reports whether src holds a byte that is not UTF-8,
// and the line of the first.
func firstInvalidUTF8(src []byte) (int, bool) {
	if utf8.Valid(src) {
		return 0, false
	}
	line := 1
	for i := 0; i < len(src); {
		r, w := utf8.DecodeRune(src[i:])
		if r == utf8.RuneError && w == 1 {
			return line, true
		}
		if src[i] == '\n' {
			line++
		}
		i += w
	}
	return line, true
}

// parseStream is Parse without the alias budget.
func parseStream(src []byte) (*Doc, error) {
	d := &Doc{}
	dec := yaml.NewDecoder(bytes.NewReader(src))
	for {
		n := new(yaml.Node)
		if err := dec.Decode(n); err != nil {
			if errors.Is(err, io.EOF) {
				break
			}
			return nil, toSyntaxError(err)
		}
		root := n
		if root.Kind == yaml.DocumentNode {
			if len(root.Content) == 0 {
				continue
			}
			root = root.Content[0]
		}
		if d.root == nil {
			d.root = root
		}
		if root.Kind != yaml.ScalarNode || root.Tag != "!!null" || root.Value != "" {
			d.roots = append(d.roots, root) // "---" alone adds nothing
		}
	}
	if len(d.roots) == 0 && d.root != nil {
		d.roots = []*yaml.Node{d.root}
	}
	return d, nil
}

// Roots are the top-level nodes of every document, in order.
func (d *Doc) Roots() []*yaml.Node {
	if d == nil {
		return nil
	}
	return d.roots
}

// Docs is every document of d as a Doc of its own, in order.
func (d *Doc) Docs() []*Doc {
	if d == nil || len(d.roots) <= 1 {
		return []*Doc{d}
	}
	out := make([]*Doc, len(d.roots))
	for i, r := range d.roots {
		out[i] = &Doc{root: r, roots: []*yaml.Node{r}}
	}
	return out
}

// toSyntaxError extracts "line N:" from yaml's messages.
func toSyntaxError(err error) error {
	msg := err.Error()
	msg = strings.TrimPrefix(msg, "yaml: ")
	line := 0
	if i := strings.Index(msg, "line "); i >= 0 {
		_, _ = fmt.Sscanf(msg[i:], "line %d", &line)
	}
	if i := strings.Index(msg, ": "); i > 0 && line > 0 && msg[:i] == fmt.Sprintf("line %d", line) {
		msg = msg[i+2:] // Error() says the line
	}
	return &SyntaxError{Line: line, Msg: msg}
}

// Root is the top-level node (a mapping for compose files), or nil.
func (d *Doc) Root() *yaml.Node {
	if d == nil {
		return nil
	}
	return d.root
}

// PosOf returns the position of n.
func PosOf(n *yaml.Node) Pos {
	if n == nil {
		return Pos{}
	}
	return Pos{Line: n.Line, Column: n.Column}
}

// Resolve follows aliases (bounded) to the node they point at.
func Resolve(n *yaml.Node) *yaml.Node {
	for i := 0; n != nil && n.Kind == yaml.AliasNode && i < maxAliasHops; i++ {
		n = n.Alias
	}
	if n != nil && n.Kind == yaml.AliasNode {
		return nil
	}
	return n
}

// MapEntry finds key in mapping m: local keys first, then keys reached
// through `<<` merge keys (a single alias or a sequence of them), in the
// order YAML gives them precedence. It returns the key and value nodes.
func MapEntry(m *yaml.Node, key string) (k, v *yaml.Node) {
	return mapEntry(Resolve(m), key, 0, map[*yaml.Node]bool{})
}

// mapEntry visits each mapping at most once: merge keys can name the
// same anchor many times at every level ("<<: [*a, *a]"), and following
// every path would take exponential time.
func mapEntry(m *yaml.Node, key string, depth int, seen map[*yaml.Node]bool) (k, v *yaml.Node) {
	if m == nil || m.Kind != yaml.MappingNode || depth > maxAliasHops || seen[m] {
		return nil, nil
	}
	seen[m] = true
	var merges []*yaml.Node
	for i := 0; i+1 < len(m.Content); i += 2 {
		kn := m.Content[i]
		if kn.Tag == "!!merge" || (kn.Kind == yaml.ScalarNode && kn.Value == "<<" && kn.Style == 0) {
			merges = append(merges, m.Content[i+1])
			continue
		}
		if kn.Kind == yaml.ScalarNode && kn.Value == key {
			return kn, m.Content[i+1]
		}
	}
	for _, mv := range merges {
		mv = Resolve(mv)
		if mv == nil {
			continue
		}
		switch mv.Kind {
		case yaml.MappingNode:
			if k, v := mapEntry(mv, key, depth+1, seen); k != nil {
				return k, v
			}
		case yaml.SequenceNode:
			for _, item := range mv.Content {
				if k, v := mapEntry(Resolve(item), key, depth+1, seen); k != nil {
					return k, v
				}
			}
		}
	}
	return nil, nil
}

// Path walks a path of mapping keys from the root and returns the value node.
func (d *Doc) Path(keys ...string) *yaml.Node {
	n := d.Root()
	for _, k := range keys {
		_, n = MapEntry(n, k)
		if n == nil {
			return nil
		}
	}
	return Resolve(n)
}

// ListEntry finds, in a sequence of "KEY=VALUE" (or "KEY") scalars such as a
// compose environment list, the item for key. It returns the item node and
// the position where its value starts (just after '='), or the item position
// when the value is not on the same line.
func ListEntry(seq *yaml.Node, key string) (*yaml.Node, Pos) {
	seq = Resolve(seq)
	if seq == nil || seq.Kind != yaml.SequenceNode {
		return nil, Pos{}
	}
	var found *yaml.Node
	for _, item := range seq.Content {
		item = Resolve(item)
		if item == nil || item.Kind != yaml.ScalarNode {
			continue
		}
		name, _, _ := strings.Cut(item.Value, "=")
		if strings.TrimSpace(name) == key {
			found = item // the last one wins, as in compose
		}
	}
	if found == nil {
		return nil, Pos{}
	}
	return found, ValuePosInItem(found)
}

// ValuePosInItem is the position of the text after the first '=' of a
// single-line "KEY=VALUE" scalar, accounting for an opening quote.
func ValuePosInItem(item *yaml.Node) Pos {
	p := PosOf(item)
	eq := strings.IndexByte(item.Value, '=')
	if eq < 0 || strings.Contains(item.Value[:eq], "\n") {
		return p
	}
	col := p.Column + len([]rune(item.Value[:eq])) + 1
	if item.Style == yaml.DoubleQuotedStyle || item.Style == yaml.SingleQuotedStyle {
		col++
	}
	if item.Style == yaml.LiteralStyle || item.Style == yaml.FoldedStyle {
		return p
	}
	return Pos{Line: p.Line, Column: col}
}

// CheckedValuePos is ValuePosInItem checked against the source lines: a
// scalar folded over several lines ("- KEY\n  =v") loses its line break
// in the decoded value, and an escape ("\x4bEY=v") changes its length, so
// the computed column can point past its line or at another character.
// Unless the character before the computed position is the '=', the
// item's own position is returned.
func CheckedValuePos(lines []string, item *yaml.Node) Pos {
	p, start := ValuePosInItem(item), PosOf(item)
	if p == start {
		return p
	}
	if p.Line < 1 || p.Line > len(lines) {
		return start
	}
	rs := []rune(strings.TrimRight(lines[p.Line-1], "\r"))
	if p.Column < 2 || p.Column-2 >= len(rs) || rs[p.Column-2] != '=' {
		return start
	}
	return p
}

// ScalarStart is where the text of a scalar's value begins: its node
// position, moved past an opening quote. Block scalars start on the next line.
func ScalarStart(n *yaml.Node) Pos {
	p := PosOf(n)
	switch n.Style {
	case yaml.DoubleQuotedStyle, yaml.SingleQuotedStyle:
		p.Column++
	case yaml.LiteralStyle, yaml.FoldedStyle:
		p.Line++
		p.Column = n.Column // approximate: the indentation is not kept
	}
	return p
}
