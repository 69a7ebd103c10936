package jobscan

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// maxStringNesting bounds recursion into strings nested inside f-string
// replacement fields or Scala ${...} splices.
const maxStringNesting = 32

// lexer holds what both language lexers share: the cursor, the tokens so
// far and the line breaks seen since the last token.
type lexer struct {
	cur    cursor
	toks   []token
	issues []lexIssue
	nl     int // line breaks since the previous token
	nest   int // depth of strings nested in interpolations
}

func newLexer(src []byte) *lexer {
	return &lexer{cur: newCursor(src), toks: make([]token, 0, len(src)/4+1)}
}

// mark is the start of a token being read.
type mark struct{ off, line, col int }

func (lx *lexer) mark() mark { return mark{lx.cur.off, lx.cur.line, lx.cur.col} }

// emit appends a token that started at m and ends at the cursor. String
// values are made valid UTF-8 so that they survive JSON unchanged.
func (lx *lexer) emit(kind tokKind, m mark, text string) *token {
	if kind == tString && !utf8.ValidString(text) {
		text = strings.ToValidUTF8(text, "\uFFFD")
	}
	lx.toks = append(lx.toks, token{
		kind: kind, text: text, start: m.off, end: lx.cur.off,
		line: m.line, col: m.col, nl: lx.nl,
	})
	lx.nl = 0
	return &lx.toks[len(lx.toks)-1]
}

func (lx *lexer) issue(m mark, msg string) {
	lx.issues = append(lx.issues, lexIssue{line: m.line, col: m.col, msg: msg})
}

// skipLine consumes up to (not including) the next line break.
func (lx *lexer) skipLine() {
	c := &lx.cur
	for !c.eof() && c.src[c.off] != '\n' {
		c.next()
	}
}

// identifier consumes an identifier starting at the cursor.
func (lx *lexer) identifier() string {
	c := &lx.cur
	start := c.off
	for !c.eof() {
		if b := c.src[c.off]; b < utf8.RuneSelf {
			if !isASCIIIdentPart(b) {
				break
			}
			c.off++
			c.col++
			continue
		}
		r, _ := c.peekRune()
		if !isIdentPart(r) {
			break
		}
		c.next()
	}
	return string(c.src[start:c.off])
}

func isASCIIIdentPart(b byte) bool {
	return b == '_' || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9'
}

// simpleString is the fast path for a one-line string literal without
// escapes or substitutions: it returns the body and consumes it with the
// closing quote, or reports false and consumes nothing. special lists
// the bytes that need the slow path.
func (lx *lexer) simpleString(q byte, special string) (string, bool) {
	c := &lx.cur
	for i := c.off; i < len(c.src); i++ {
		b := c.src[i]
		if b == q {
			body := c.src[c.off:i]
			c.col += utf8.RuneCount(body) + 1
			c.off = i + 1
			return string(body), true
		}
		if b == '\n' || b == '\\' || strings.IndexByte(special, b) >= 0 {
			return "", false
		}
	}
	return "", false
}

// number consumes a numeric literal in either language's spelling:
// decimal, hex/octal/binary with a prefix, underscores, a fraction, an
// exponent and any alphanumeric suffix (j, L, f, d). With trailingDot (Python)
// "1." is a float; in Scala "5.seconds" is 5 and a method call.
func (lx *lexer) number(trailingDot bool) string {
	c := &lx.cur
	start := c.off
	if c.src[c.off] == '0' && strings.ContainsRune("xXoObB", rune(c.peekByte(1))) {
		c.next()
		c.next()
	} else {
		for !c.eof() && (isDigit(c.src[c.off]) || c.src[c.off] == '_') {
			c.next()
		}
		if c.peekByte(0) == '.' && (isDigit(c.peekByte(1)) || c.off == start || trailingDot && c.peekByte(1) != '.') {
			c.next()
			for !c.eof() && (isDigit(c.src[c.off]) || c.src[c.off] == '_') {
				c.next()
			}
		}
		if b := c.peekByte(0); (b == 'e' || b == 'E') &&
			(isDigit(c.peekByte(1)) || (c.peekByte(1) == '+' || c.peekByte(1) == '-') && isDigit(c.peekByte(2))) {
			c.next()
			c.next()
		}
	}
	for !c.eof() {
		r, _ := c.peekRune()
		if !isIdentPart(r) {
			break
		}
		c.next()
	}
	return string(c.src[start:c.off])
}

// escape decodes one backslash escape after the backslash has been
// consumed, writing the result to sb. Unknown escapes keep the backslash,
// as both Python and (leniently) Scala do.
func (lx *lexer) escape(sb *strings.Builder, unicodeOK bool) {
	c := &lx.cur
	if c.eof() {
		sb.WriteByte('\\')
		return
	}
	r := c.next()
	switch r {
	case '\r':
		if c.peekByte(0) == '\n' {
			c.next() // a backslash before CRLF joins the lines
		} else {
			sb.WriteString("\\\r")
		}
	case '\n':
		// A backslash-newline inside a string joins the lines.
	case 'n':
		sb.WriteByte('\n')
	case 't':
		sb.WriteByte('\t')
	case 'r':
		sb.WriteByte('\r')
	case 'a':
		sb.WriteByte(7)
	case 'b':
		sb.WriteByte(8)
	case 'f':
		sb.WriteByte(12)
	case 'v':
		sb.WriteByte(11)
	case '\\', '\'', '"':
		sb.WriteRune(r)
	case '0', '1', '2', '3', '4', '5', '6', '7':
		digits := string(r)
		for len(digits) < 3 && c.peekByte(0) >= '0' && c.peekByte(0) <= '7' {
			digits += string(c.next())
		}
		v, _ := strconv.ParseUint(digits, 8, 32)
		sb.WriteRune(rune(v))
	case 'x':
		lx.hexEscape(sb, "\\x", 2)
	case 'u':
		if unicodeOK {
			lx.hexEscape(sb, "\\u", 4)
		} else {
			sb.WriteString("\\u")
		}
	case 'U':
		if unicodeOK {
			lx.hexEscape(sb, "\\U", 8)
		} else {
			sb.WriteString("\\U")
		}
	default:
		sb.WriteByte('\\')
		sb.WriteRune(r)
	}
}

// hexEscape reads n hex digits; if they are not there the escape is kept
// as written.
func (lx *lexer) hexEscape(sb *strings.Builder, lead string, n int) {
	c := &lx.cur
	for i := 0; i < n; i++ {
		if !isHex(c.peekByte(i)) {
			sb.WriteString(lead)
			return
		}
	}
	v, err := strconv.ParseUint(string(c.src[c.off:c.off+n]), 16, 32)
	for i := 0; i < n; i++ {
		c.next()
	}
	if err != nil || v > 0x10FFFF {
		sb.WriteString(lead)
		return
	}
	sb.WriteRune(rune(v))
}

func isHex(b byte) bool {
	return isDigit(b) || b >= 'a' && b <= 'f' || b >= 'A' && b <= 'F'
}

// copyRune copies the rune at the cursor, byte for byte, into sb.
func (lx *lexer) copyRune(sb *strings.Builder) {
	c := &lx.cur
	start := c.off
	c.next()
	sb.Write(c.src[start:c.off])
}
