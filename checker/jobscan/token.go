package jobscan

import (
	"unicode"
	"unicode/utf8"
)

// tokKind classifies a token. Both languages share one token vocabulary so
// that a single parser can serve them.
type tokKind uint8

const (
	tEOF    tokKind = iota
	tIdent          // identifier or keyword (Scala back-quoted names unquoted)
	tString         // string literal of any form; text holds the decoded value
	tNumber         // numeric literal; text holds the source spelling
	tChar           // Scala character literal
	tOp             // operator or punctuation other than brackets, comma and semicolon
	tOpen           // ( [ {
	tClose          // ) ] }
	tComma          // ,
	tSemi           // ; (an explicit statement separator)
)

// token is one lexeme with its place in the source.
type token struct {
	kind  tokKind
	text  string // identifier name, operator spelling, decoded string value, number spelling
	start int    // byte offset of the first byte (string prefix included)
	end   int    // byte offset just past the last byte
	line  int    // 1-based line of start
	col   int    // 1-based column of start, in code points
	// nl is the number of line breaks between the previous token and this
	// one. Python backslash continuations do not count.
	nl int
	// interp marks an f-string or Scala interpolated string that has at
	// least one substitution: its value is unknown statically.
	interp bool
}

// lexIssue is a lexical problem worth a note (an unterminated string).
type lexIssue struct {
	line, col int
	msg       string
}

// cursor walks source bytes keeping line and column (code points) current.
type cursor struct {
	src  []byte
	off  int
	line int
	col  int
}

func newCursor(src []byte) cursor {
	c := cursor{src: src, line: 1, col: 1}
	// A UTF-8 byte order mark is invisible in editors: skip it without
	// counting a column.
	if len(src) >= 3 && src[0] == 0xEF && src[1] == 0xBB && src[2] == 0xBF {
		c.off = 3
	}
	return c
}

func (c *cursor) eof() bool { return c.off >= len(c.src) }

// peekByte returns the byte k positions ahead, or 0 past the end.
func (c *cursor) peekByte(k int) byte {
	if c.off+k < len(c.src) {
		return c.src[c.off+k]
	}
	return 0
}

// peekRune decodes the rune at the cursor. Invalid bytes decode as
// utf8.RuneError with size 1, so they count as one column.
func (c *cursor) peekRune() (rune, int) {
	if c.eof() {
		return 0, 0
	}
	if b := c.src[c.off]; b < utf8.RuneSelf {
		return rune(b), 1
	}
	return utf8.DecodeRune(c.src[c.off:])
}

// next consumes one rune and returns it.
func (c *cursor) next() rune {
	r, n := c.peekRune()
	if n == 0 {
		return 0
	}
	c.off += n
	if r == '\n' {
		c.line++
		c.col = 1
	} else {
		c.col++
	}
	return r
}

// hasPrefix reports whether the source continues with s.
func (c *cursor) hasPrefix(s string) bool {
	if len(c.src)-c.off < len(s) {
		return false
	}
	return string(c.src[c.off:c.off+len(s)]) == s
}

func isIdentStart(r rune) bool {
	return r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' ||
		r >= utf8.RuneSelf && r != utf8.RuneError && unicode.IsLetter(r)
}

func isIdentPart(r rune) bool {
	return isIdentStart(r) || r >= '0' && r <= '9' ||
		r >= utf8.RuneSelf && r != utf8.RuneError && (unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Mc, r))
}

func isDigit(b byte) bool { return b >= '0' && b <= '9' }

// closerOf maps an opening bracket to its closer.
func closerOf(open string) string {
	switch open {
	case "(":
		return ")"
	case "[":
		return "]"
	case "{":
		return "}"
	}
	return ""
}
