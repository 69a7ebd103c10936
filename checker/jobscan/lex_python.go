package jobscan

import "strings"

// pyOps are Python's multi-character operators, longest first.
var pyOps = [...]string{
	"**=", "//=", ">>=", "<<=", "...",
	"->", ":=", "**", "//", "==", "!=", "<=", ">=", "<<", ">>",
	"+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "@=",
}

// lexPython splits Python source into tokens. Comments vanish, backslash
// continuations join lines (their line break is not counted in nl), and
// every string form becomes one tString token.
func lexPython(src []byte) ([]token, []lexIssue) {
	lx := newLexer(src)
	c := &lx.cur
	for !c.eof() {
		b := c.src[c.off]
		switch {
		case b == '\n':
			c.next()
			lx.nl++
		case b == ' ' || b == '\t' || b == '\r' || b == '\f' || b == '\v':
			c.next()
		case b == '#':
			lx.skipLine()
		case b == '\\' && (c.peekByte(1) == '\n' || c.peekByte(1) == '\r' && c.peekByte(2) == '\n'):
			c.next()
			if c.src[c.off] == '\r' {
				c.next()
			}
			c.next()
		case b == '\'' || b == '"':
			lx.pyString(lx.mark(), "")
		case isDigit(b) || b == '.' && isDigit(c.peekByte(1)):
			m := lx.mark()
			lx.emit(tNumber, m, lx.number(true))
		case b == '(' || b == '[' || b == '{':
			m := lx.mark()
			c.next()
			lx.emit(tOpen, m, string(b))
		case b == ')' || b == ']' || b == '}':
			m := lx.mark()
			c.next()
			lx.emit(tClose, m, string(b))
		case b == ',':
			m := lx.mark()
			c.next()
			lx.emit(tComma, m, ",")
		case b == ';':
			m := lx.mark()
			c.next()
			lx.emit(tSemi, m, ";")
		default:
			r, _ := c.peekRune()
			m := lx.mark()
			if isIdentStart(r) {
				name := lx.identifier()
				if q := c.peekByte(0); (q == '\'' || q == '"') && isPyPrefix(name) {
					lx.pyString(m, name)
					continue
				}
				lx.emit(tIdent, m, name)
				continue
			}
			lx.emit(tOp, m, lx.pyOperator())
		}
	}
	lx.emit(tEOF, lx.mark(), "")
	return lx.toks, lx.issues
}

// isPyPrefix reports whether s is a valid string prefix (any case):
// r, u, b, f, t and the two-letter raw combinations.
func isPyPrefix(s string) bool {
	switch strings.ToLower(s) {
	case "r", "u", "b", "f", "t", "br", "rb", "fr", "rf", "tr", "rt":
		return true
	}
	return false
}

// pyOperator consumes the longest operator at the cursor, or one rune.
func (lx *lexer) pyOperator() string {
	c := &lx.cur
	for _, op := range pyOps {
		if c.hasPrefix(op) {
			for range len(op) {
				c.next()
			}
			return op
		}
	}
	start := c.off
	c.next()
	return string(c.src[start:c.off])
}

// pyString reads a string literal whose prefix (possibly empty) has already
// been consumed; the cursor is on the opening quote. It emits the token.
func (lx *lexer) pyString(m mark, prefix string) {
	lower := strings.ToLower(prefix)
	raw := strings.ContainsRune(lower, 'r')
	format := strings.ContainsAny(lower, "ft")
	unicodeOK := !strings.ContainsRune(lower, 'b')
	sb, interp := lx.pyStringBody(m, raw, format, unicodeOK)
	t := lx.emit(tString, m, sb)
	t.interp = interp
}

// pyStringBody consumes a string body from its opening quote and returns
// the decoded text and whether an f-string substitution was seen.
func (lx *lexer) pyStringBody(m mark, raw, format, unicodeOK bool) (string, bool) {
	c := &lx.cur
	q := c.src[c.off]
	triple := c.peekByte(1) == q && c.peekByte(2) == q
	delim := string([]byte{q})
	if triple {
		delim = strings.Repeat(delim, 3)
	}
	for range len(delim) {
		c.next()
	}
	if !triple {
		special := ""
		if format {
			special = "{}"
		}
		if body, ok := lx.simpleString(q, special); ok {
			return body, false
		}
	}
	var sb strings.Builder
	interp := false
	for {
		if c.eof() {
			lx.issue(m, "unterminated string literal")
			break
		}
		ch := c.src[c.off]
		if ch == q && (!triple || c.hasPrefix(delim)) {
			for range len(delim) {
				c.next()
			}
			break
		}
		switch {
		case ch == '\n' && !triple:
			lx.issue(m, "unterminated string literal")
			return sb.String(), interp
		case ch == '\\':
			c.next()
			if raw {
				sb.WriteByte('\\')
				if !c.eof() {
					lx.copyRune(&sb)
				}
			} else {
				lx.escape(&sb, unicodeOK)
			}
		case format && ch == '{' && c.peekByte(1) == '{', format && ch == '}' && c.peekByte(1) == '}':
			c.next()
			c.next()
			sb.WriteByte(ch)
		case format && ch == '{':
			interp = true
			sb.WriteByte('{')
			lx.pyReplacementField(triple)
			sb.WriteByte('}')
		default:
			lx.copyRune(&sb)
		}
	}
	return sb.String(), interp
}

// pyReplacementField skips an f-string {...} field, including strings
// nested in it (PEP 701). In a single-line f-string it stops at a line
// break so that an unterminated literal cannot swallow the file.
func (lx *lexer) pyReplacementField(triple bool) {
	c := &lx.cur
	c.next() // {
	depth := 1
	for !c.eof() {
		ch := c.src[c.off]
		switch {
		case ch == '\n' && !triple:
			return
		case ch == '{' || ch == '(' || ch == '[':
			depth++
			c.next()
		case ch == '}' || ch == ')' || ch == ']':
			depth--
			c.next()
			if depth == 0 {
				return
			}
		case ch == '\'' || ch == '"':
			lx.nestedPyString("")
		default:
			r, _ := c.peekRune()
			if isIdentStart(r) {
				name := lx.identifier()
				if q := c.peekByte(0); (q == '\'' || q == '"') && isPyPrefix(name) {
					lx.nestedPyString(name)
				}
				continue
			}
			c.next()
		}
	}
}

// nestedPyString consumes a string inside a replacement field; its value
// is not needed. Past maxStringNesting the quote is skipped as a byte.
func (lx *lexer) nestedPyString(prefix string) {
	if lx.nest >= maxStringNesting {
		lx.cur.next()
		return
	}
	lx.nest++
	lower := strings.ToLower(prefix)
	lx.pyStringBody(lx.mark(), strings.ContainsRune(lower, 'r'), strings.ContainsAny(lower, "ft"), true)
	lx.nest--
}
