package jobscan

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// lexScala splits Scala source into tokens. Line and nested block comments
// vanish (their line breaks still count in nl), string interpolators and
// triple-quoted strings become one tString token.
func lexScala(src []byte) ([]token, []lexIssue) {
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
		case b == '/' && c.peekByte(1) == '/':
			lx.skipLine()
		case b == '/' && c.peekByte(1) == '*':
			lx.blockComment()
		case b == '"':
			lx.scalaString(lx.mark(), "")
		case b == '\'':
			lx.scalaQuote()
		case b == '`':
			lx.backquoted()
		case isDigit(b) || b == '.' && isDigit(c.peekByte(1)):
			m := lx.mark()
			lx.emit(tNumber, m, lx.number(false))
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
		case b == '.':
			m := lx.mark()
			c.next()
			lx.emit(tOp, m, ".")
		default:
			m := lx.mark()
			r, _ := c.peekRune()
			switch {
			case isIdentStart(r) || r == '$':
				name := lx.scalaIdent()
				if c.peekByte(0) == '"' {
					lx.scalaString(m, name)
					continue
				}
				lx.emit(tIdent, m, name)
			case isScalaOpChar(r):
				lx.emit(tOp, m, lx.scalaOperator())
			default:
				c.next()
				lx.emit(tOp, m, string(c.src[m.off:c.off]))
			}
		}
	}
	lx.emit(tEOF, lx.mark(), "")
	return lx.toks, lx.issues
}

// scalaIdent reads an alphanumeric identifier ($ allowed).
func (lx *lexer) scalaIdent() string {
	c := &lx.cur
	start := c.off
	for !c.eof() {
		r, _ := c.peekRune()
		if !isIdentPart(r) && r != '$' {
			break
		}
		c.next()
	}
	return string(c.src[start:c.off])
}

// isScalaOpChar reports whether r may appear in a symbolic identifier.
func isScalaOpChar(r rune) bool {
	if r < utf8.RuneSelf {
		return strings.ContainsRune(`!#%&*+-/:<=>?@\^|~`, r)
	}
	return r != utf8.RuneError && (unicode.IsSymbol(r) || unicode.Is(unicode.Sm, r))
}

// scalaOperator reads a run of operator characters, stopping before a
// comment opener.
func (lx *lexer) scalaOperator() string {
	c := &lx.cur
	start := c.off
	for !c.eof() {
		if c.off > start && (c.hasPrefix("//") || c.hasPrefix("/*")) {
			break
		}
		r, _ := c.peekRune()
		if !isScalaOpChar(r) {
			break
		}
		c.next()
	}
	return string(c.src[start:c.off])
}

// blockComment skips a /* */ comment; Scala comments nest.
func (lx *lexer) blockComment() {
	c := &lx.cur
	m := lx.mark()
	c.next()
	c.next()
	depth := 1
	for !c.eof() {
		switch {
		case c.hasPrefix("/*"):
			c.next()
			c.next()
			depth++
		case c.hasPrefix("*/"):
			c.next()
			c.next()
			depth--
			if depth == 0 {
				return
			}
		default:
			if c.next() == '\n' {
				lx.nl++
			}
		}
	}
	lx.issue(m, "unterminated block comment")
}

// backquoted reads a `name` identifier.
func (lx *lexer) backquoted() {
	c := &lx.cur
	m := lx.mark()
	c.next()
	start := c.off
	for !c.eof() && c.src[c.off] != '`' && c.src[c.off] != '\n' {
		c.next()
	}
	name := string(c.src[start:c.off])
	if c.peekByte(0) == '`' {
		c.next()
	} else {
		lx.issue(m, "unterminated back-quoted identifier")
	}
	lx.emit(tIdent, m, name)
}

// scalaQuote reads a character literal ('a', '\n', '\u0041'); any other
// quote (a symbol literal 'sym, a Scala 3 quote '{...}) is an operator.
func (lx *lexer) scalaQuote() {
	c := &lx.cur
	m := lx.mark()
	save := *c
	c.next()
	var sb strings.Builder
	switch {
	case c.peekByte(0) == '\\':
		c.next()
		lx.escape(&sb, true)
	case !c.eof() && c.peekByte(0) != '\n' && c.peekByte(0) != '\'':
		lx.copyRune(&sb)
	}
	if sb.Len() > 0 && c.peekByte(0) == '\'' {
		c.next()
		lx.emit(tChar, m, sb.String())
		return
	}
	*c = save
	c.next()
	lx.emit(tOp, m, "'")
}

// scalaString reads "..." or """...""" with an optional interpolator
// (already consumed). The cursor is on the first quote.
func (lx *lexer) scalaString(m mark, interpolator string) {
	text, interp := lx.scalaStringBody(m, interpolator)
	t := lx.emit(tString, m, text)
	t.interp = interp
}

func (lx *lexer) scalaStringBody(m mark, interpolator string) (string, bool) {
	c := &lx.cur
	triple := c.hasPrefix(`"""`)
	escapes := interpolator != "raw" && (!triple || interpolator != "")
	if triple {
		c.next()
		c.next()
	}
	c.next()
	if !triple {
		special := ""
		if interpolator != "" {
			special = "$"
		}
		if body, ok := lx.simpleString('"', special); ok {
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
		if triple && c.hasPrefix(`"""`) {
			// Extra quotes before the closing three belong to the string.
			for c.hasPrefix(`""""`) {
				sb.WriteByte('"')
				c.next()
			}
			c.next()
			c.next()
			c.next()
			break
		}
		if !triple && ch == '"' {
			c.next()
			break
		}
		switch {
		case ch == '\n' && !triple:
			lx.issue(m, "unterminated string literal")
			return sb.String(), interp
		case ch == '\\' && escapes:
			c.next()
			lx.escape(&sb, true)
		case ch == '$' && interpolator != "":
			interp = lx.scalaSplice(&sb, triple) || interp
		default:
			lx.copyRune(&sb)
		}
	}
	return sb.String(), interp
}

// scalaSplice handles a $ inside an interpolated string and reports whether
// it was a substitution ($name or ${expr}) rather than an escape ($$, $").
func (lx *lexer) scalaSplice(sb *strings.Builder, triple bool) bool {
	c := &lx.cur
	c.next() // $
	switch b := c.peekByte(0); b {
	case '$', '"':
		sb.WriteByte(b)
		c.next()
		return false
	case '{':
		sb.WriteString("${")
		c.next()
		depth := 1
		for !c.eof() && depth > 0 {
			switch ch := c.src[c.off]; {
			case ch == '\n' && !triple:
				return true
			case ch == '{':
				depth++
				c.next()
			case ch == '}':
				depth--
				c.next()
			case ch == '"':
				lx.nestedScalaString("")
			default:
				r, _ := c.peekRune()
				if isIdentStart(r) {
					name := lx.scalaIdent()
					if c.peekByte(0) == '"' {
						lx.nestedScalaString(name)
					}
					continue
				}
				c.next()
			}
		}
		sb.WriteByte('}')
		return true
	default:
		r, _ := c.peekRune()
		if isIdentStart(r) {
			sb.WriteByte('$')
			sb.WriteString(lx.scalaIdent())
			return true
		}
		sb.WriteByte('$')
		return false
	}
}

func (lx *lexer) nestedScalaString(interpolator string) {
	if lx.nest >= maxStringNesting {
		lx.cur.next()
		return
	}
	lx.nest++
	lx.scalaStringBody(lx.mark(), interpolator)
	lx.nest--
}
