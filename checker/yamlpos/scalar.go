package yamlpos

import (
	"sort"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// Map tells where each byte of a text is written in its source: the
// decoded value of a YAML scalar, or a text made from one. It is a list of
// spans; within a span each rune is one column after the one before it,
// unless the span is fixed (an escape such as "\t", or a substituted
// variable: all its bytes are at one position).
type Map struct {
	text  string
	spans []mapSpan
}

type mapSpan struct {
	off   int
	pos   Pos
	fixed bool
}

// At returns where byte off of the text is written; off = len(text) is
// the position just after its last character (or the last known one).
// The zero Map returns the zero Pos.
func (m Map) At(off int) Pos {
	if len(m.spans) == 0 {
		return Pos{}
	}
	off = min(max(off, 0), len(m.text))
	i := sort.Search(len(m.spans), func(i int) bool { return m.spans[i].off > off }) - 1
	if i < 0 {
		i = 0
	}
	s := m.spans[i]
	if s.fixed || off <= s.off {
		return s.pos
	}
	p := s.pos
	p.Column += utf8.RuneCountInString(m.text[s.off:off])
	return p
}

// Text is the text the map is for.
func (m Map) Text() string { return m.text }

// Each calls fn with the offset and position of every rune of the text, in
// order.
func (m Map) Each(fn func(off int, p Pos)) {
	for i, s := range m.spans {
		end := len(m.text)
		if i+1 < len(m.spans) {
			end = m.spans[i+1].off
		}
		p := s.pos
		for off := s.off; off < end; {
			_, w := utf8.DecodeRuneInString(m.text[off:])
			fn(off, p)
			if !s.fixed {
				p.Column++
			}
			off += w
		}
	}
}

// MapBuilder builds a Map rune by rune, in text order.
type MapBuilder struct {
	m         Map
	text      strings.Builder // the text so far (Map copies it out)
	next      Pos             // where the next rune of the current span would be
	nextOff   int
	open      bool // the last span is not fixed and can grow
	spanStart int  // offset of the last span
}

// maxSpanBytes bounds a span that is not fixed: At counts the runes from
// the start of a span, so that a command line of 10,000 words, placed word
// by word, would cost the square of its length.
const maxSpanBytes = 256

// Add says that s, appended to the text, is written at p; fixed means all
// of s is at p (else its runes follow each other from p on one line).
func (b *MapBuilder) Add(s string, p Pos, fixed bool) {
	if s == "" {
		return
	}
	if fixed {
		b.m.spans = append(b.m.spans, mapSpan{off: b.text.Len(), pos: p, fixed: true})
		b.text.WriteString(s)
		b.open = false
		return
	}
	for s != "" {
		n := min(len(s), maxSpanBytes)
		for n < len(s) && n > 1 && !utf8.RuneStart(s[n]) {
			n--
		}
		b.addRun(s[:n], p)
		p.Column += utf8.RuneCountInString(s[:n])
		s = s[n:]
	}
}

// addRun appends s, its runes one column apart from p on, to the open
// span when it continues it and is not full, else to a new span.
func (b *MapBuilder) addRun(s string, p Pos) {
	off := b.text.Len()
	b.text.WriteString(s)
	if !b.open || b.nextOff != off || b.next != p || off-b.spanStart >= maxSpanBytes {
		b.m.spans = append(b.m.spans, mapSpan{off: off, pos: p})
		b.open, b.spanStart = true, off
	}
	b.next = Pos{Line: p.Line, Column: p.Column + utf8.RuneCountInString(s)}
	b.nextOff = b.text.Len()
}

// Map returns the map built so far.
func (b *MapBuilder) Map() Map {
	b.m.text = b.text.String()
	return b.m
}

// ScalarMap maps the decoded value of scalar n back to the source lines
// of its file, split at YAML's line breaks (a trailing "\r" is ignored, so
// lines split at "\n" alone serve files with "\r\n" line ends). Plain, quoted and block scalars are followed exactly: folded
// line breaks (a plain or quoted scalar over several lines, a folded `>`
// block) are at the end of the line they fold, an escape of a
// double-quoted scalar ("\t", "\x41", "\u00e9") and the doubled quote of a
// single-quoted one are at their backslash or first quote, and the
// indentation of block scalars is skipped, so each character is at its
// real line and column. If the source and the value disagree (which
// yaml.v3 never makes them do), the rest of the value is placed at the
// last position found.
func ScalarMap(lines []string, n *yaml.Node) Map {
	var b MapBuilder
	if n == nil || n.Kind != yaml.ScalarNode {
		return b.Map()
	}
	value := n.Value
	src := scalarSource(lines, n)
	double := n.Style&yaml.DoubleQuotedStyle != 0
	single := n.Style&yaml.SingleQuotedStyle != 0
	vi, last := 0, ScalarStart(n)
	for si := 0; vi < len(value) && si < len(src); {
		c := src[si]
		v, vw := utf8.DecodeRuneInString(value[vi:])
		switch {
		case double && c.r == '\\':
			dec, n := decodeEscape(src[si+1:])
			switch {
			case n < 0: // an escaped line break: nothing in the value
				si += 1 - n
				continue
			case n > 0 && dec != "" && strings.HasPrefix(value[vi:], dec):
				b.Add(dec, c.pos, len(dec) > 1 || n > 1)
				vi += len(dec)
				si += 1 + n
				last = c.pos
				continue
			}
		case single && c.r == '\'' && si+1 < len(src) && src[si+1].r == '\'' && v == '\'':
			b.Add("'", c.pos, false)
			vi++
			si += 2
			last = c.pos
			continue
		}
		switch {
		case c.r == v:
			b.Add(value[vi:vi+vw], c.pos, false)
			vi += vw
			si++
			last = c.pos
		case c.r == '\n' && (v == ' ' || v == '\n'):
			b.Add(value[vi:vi+vw], c.pos, false)
			vi += vw
			si++
			last = c.pos
		case c.r == ' ' || c.r == '\t' || c.r == '\n':
			si++
		default:
			si = len(src)
		}
	}
	if vi < len(value) {
		b.Add(value[vi:], last, true)
	}
	return b.Map()
}

// srcRune is one rune of a scalar's source text; a line break is '\n'
// just after the line's last character.
type srcRune struct {
	r   rune
	pos Pos
}

// scalarSource is the source text of a scalar from where its value starts:
// for a quoted scalar, after the opening quote; for a block scalar, the
// lines after its header without their block indentation.
func scalarSource(lines []string, n *yaml.Node) []srcRune {
	var out []srcRune
	appendLine := func(line int, rs []rune, from int) {
		for i := from; i < len(rs); i++ {
			out = append(out, srcRune{rs[i], Pos{Line: line, Column: i + 1}})
		}
		out = append(out, srcRune{'\n', Pos{Line: line, Column: len(rs) + 1}})
	}
	lineRunes := func(l int) []rune { return []rune(strings.TrimSuffix(lines[l-1], "\r")) }
	if n.Line < 1 || n.Line > len(lines) {
		return nil
	}
	if n.Style&(yaml.LiteralStyle|yaml.FoldedStyle) == 0 {
		start := valueStart(lineRunes(n.Line), n)
		quoted := n.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) != 0
		// a plain value may begin on the next line ("key:" then the value);
		// a quoted one begins after its quote, and the line breaks that
		// follow are folded into it
		if !quoted && start.Column > len(lineRunes(start.Line)) && start.Column > PosOf(n).Column {
			start = nextValueLine(lines, start.Line, lineRunes)
		}
		for l := start.Line; l <= len(lines); l++ {
			from := 0
			if l == start.Line {
				from = start.Column - 1
			}
			rs := lineRunes(l)
			if from > len(rs) {
				return out
			}
			appendLine(l, rs, from)
			if len(out) > 2*len(n.Value)+4096 { // enough to cover the value
				break
			}
		}
		return out
	}
	indent := blockIndent(lines, n)
	for l := n.Line + 1; l <= len(lines); l++ {
		rs := lineRunes(l)
		from := 0
		for from < len(rs) && from < indent && rs[from] == ' ' {
			from++
		}
		if from < indent && from < len(rs) {
			break // less indented: the block has ended
		}
		appendLine(l, rs, from)
	}
	return out
}

// valueStart is where the text of a plain or quoted scalar starts: its
// node position, moved past an anchor or a tag on the same line ("&a",
// "!!str") and an opening quote.
func valueStart(line []rune, n *yaml.Node) Pos {
	p := PosOf(n)
	i := p.Column - 1
	for k := 0; k < 2 && i >= 0 && i < len(line) && (line[i] == '&' || line[i] == '!'); k++ {
		if line[i] == '&' {
			// yaml.v3 ends an anchor's name at the first character that
			// is not a letter, digit, '_' or '-' ("&a:b" anchors "a")
			i++
			for i < len(line) && isAnchorChar(line[i]) {
				i++
			}
		} else {
			for i < len(line) && line[i] != ' ' && line[i] != '\t' {
				i++
			}
		}
		for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
			i++
		}
		if i < len(line) && line[i] == '#' {
			i = len(line) // a comment: the value is on a later line
		}
	}
	if n.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) != 0 && i >= 0 && i < len(line) && (line[i] == '"' || line[i] == '\'') {
		i++
	}
	p.Column = i + 1
	return p
}

// isAnchorChar is a character of an anchor's name as yaml.v3 reads it.
func isAnchorChar(r rune) bool {
	return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_' || r == '-'
}

// nextValueLine is where a scalar's text starts when its tag or anchor
// ends its own line ("!0 # c" then "0"): the first character of the next
// line that is neither blank nor a comment.
func nextValueLine(lines []string, after int, lineRunes func(int) []rune) Pos {
	for l := after + 1; l <= len(lines); l++ {
		rs := lineRunes(l)
		i := 0
		for i < len(rs) && (rs[i] == ' ' || rs[i] == '\t') {
			i++
		}
		if i < len(rs) && rs[i] != '#' {
			return Pos{Line: l, Column: i + 1}
		}
	}
	return Pos{Line: after, Column: len(lineRunes(after)) + 1}
}

// blockIndent is the indentation of a block scalar's content: the
// indentation indicator of its header, else that of its first non-blank
// line.
func blockIndent(lines []string, n *yaml.Node) int {
	header := []rune(strings.TrimSuffix(lines[n.Line-1], "\r"))
	for i := n.Column; i < len(header) && i < n.Column+3; i++ {
		if d := header[i]; d >= '1' && d <= '9' {
			return parentIndent(header) + int(d-'0')
		}
	}
	for l := n.Line + 1; l <= len(lines); l++ {
		t := strings.TrimSuffix(lines[l-1], "\r")
		trimmed := strings.TrimLeft(t, " ")
		if trimmed == "" {
			continue
		}
		return len(t) - len(trimmed)
	}
	return 0
}

// parentIndent is the indentation of the line holding a block header, the
// base of an explicit indentation indicator (approximately: YAML counts
// from the parent node's indentation, which for "key: |2" and "- |2" is
// this line's).
func parentIndent(header []rune) int {
	i := 0
	for i < len(header) && header[i] == ' ' {
		i++
	}
	if i < len(header) && header[i] == '-' {
		return i + 2
	}
	return i
}

// decodeEscape decodes the escape after a backslash of a double-quoted
// scalar. It returns the decoded text and how many source runes the
// escape takes after the backslash; -k for an escaped line break, which
// takes the break and the k-1 blanks after it; 0 if it is not an escape.
func decodeEscape(src []srcRune) (string, int) {
	if len(src) == 0 {
		return "", 0
	}
	switch c := src[0].r; c {
	case '\n':
		k := 1
		for k < len(src) && (src[k].r == ' ' || src[k].r == '\t') {
			k++
		}
		return "", -k
	case '0':
		return "\x00", 1
	case 'a':
		return "\a", 1
	case 'b':
		return "\b", 1
	case 't', '\t':
		return "\t", 1
	case 'n':
		return "\n", 1
	case 'v':
		return "\v", 1
	case 'f':
		return "\f", 1
	case 'r':
		return "\r", 1
	case 'e':
		return "\x1b", 1
	case ' ', '"', '/', '\\':
		return string(c), 1
	case 'N':
		return "\u0085", 1
	case '_':
		return "\u00a0", 1
	case 'L':
		return "\u2028", 1
	case 'P':
		return "\u2029", 1
	case 'x', 'u', 'U':
		width := map[rune]int{'x': 2, 'u': 4, 'U': 8}[c]
		if len(src) < 1+width {
			return "", 0
		}
		v := rune(0)
		for _, h := range src[1 : 1+width] {
			d := hexDigit(h.r)
			if d < 0 {
				return "", 0
			}
			v = v*16 + rune(d)
		}
		return string(v), 1 + width
	}
	return "", 0
}

func hexDigit(r rune) int {
	switch {
	case r >= '0' && r <= '9':
		return int(r - '0')
	case r >= 'a' && r <= 'f':
		return int(r-'a') + 10
	case r >= 'A' && r <= 'F':
		return int(r-'A') + 10
	}
	return -1
}
