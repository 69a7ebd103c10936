package shell

import (
	"strings"
	"unicode/utf8"

	"github.com/streamlint/streamlint/checker/model"
)

// ComposeCommandError is a command string compose rejects when it loads
// the file ("invalid command line string").
type ComposeCommandError struct {
	Loc model.Location // where the offending character is
	Msg string
}

func (e *ComposeCommandError) Error() string {
	return e.Loc.String() + ": invalid command line string: " + e.Msg
}

// SplitCompose splits the string form of a compose command: or entrypoint:
// (s, with the position of each of its bytes) exactly as compose does
// (github.com/mattn/go-shellwords, used by compose-go): spaces, tabs and
// newlines separate words; quotes and backslashes quote (a backslash
// escapes any character outside single quotes, also inside double
// quotes); $VAR, $(...) and `...` are kept verbatim, since no shell runs
// (a word holding one is Unknown: after compose's interpolation only the
// variables it does not know are left). Compose stops at the first
// unquoted ; & | < or >, and drops the rest of the string: the words
// before it are returned, and dropped is the offset in s.Text where the
// dropped part starts (-1 when nothing is dropped). A string compose
// rejects gives a *ComposeCommandError.
//
// It is one function on purpose: it follows go-shellwords' Parse loop
// state by state, so that the two can be read side by side.
func SplitCompose(s Word) (args []Word, dropped int, err error) {
	text, table, file := s.Text, s.positions(), s.Loc.File
	var (
		b                                               wordBuilder
		escaped, single, double, backQuote, dollarQuote bool
		opened                                          int // offset of the last quote, backslash or $( opened
	)
	fail := func(off int, msg string) ([]Word, int, error) {
		return nil, -1, &ComposeCommandError{Loc: table[off].loc(file), Msg: msg}
	}
	finish := func(end int) {
		if b.started {
			args = append(args, b.word(file, table[end]))
		}
		b = wordBuilder{}
	}
	addRune := func(i int) int {
		_, w := utf8.DecodeRuneInString(text[i:])
		b.add(text[i:i+w], table[i:])
		return w
	}
	for i := 0; i < len(text); {
		c := text[i]
		if escaped {
			b.begin(table[i])
			i += addRune(i)
			escaped = false
			continue
		}
		switch {
		case c == '\\' && !single:
			b.begin(table[i])
			b.quoted = true
			escaped, opened = true, i
			i++
			continue
		case c == '\\':
			b.add("\\", table[i:])
			i++
			continue
		case c == ' ' || c == '\t' || c == '\r' || c == '\n':
			if single || double || backQuote || dollarQuote {
				b.add(text[i:i+1], table[i:])
			} else {
				finish(i)
			}
			i++
			continue
		}
		switch c {
		case '`':
			if !single && !double && !dollarQuote {
				backQuote = !backQuote
				opened = i
				b.begin(table[i])
				b.unknown = true
			}
		case ')':
			if !single && !double && !backQuote {
				// go-shellwords toggles here: a ')' without "$(" opens one
				dollarQuote, opened = !dollarQuote, i
			}
		case '(':
			if !single && !double && !backQuote {
				if !dollarQuote && b.started && strings.HasSuffix(string(b.text), "$") {
					dollarQuote, opened = true, i
					b.unknown = true
				} else {
					return fail(i, "'(' outside quotes that does not follow '$'")
				}
			}
		case '"':
			if !single && !dollarQuote {
				b.begin(table[i])
				b.quoted = true
				double, opened = !double, i
				i++
				continue
			}
		case '\'':
			if !double && !dollarQuote {
				b.begin(table[i])
				b.quoted = true
				single, opened = !single, i
				i++
				continue
			}
		case ';', '&', '|', '<', '>':
			if !single && !double && !backQuote && !dollarQuote {
				if c == '>' && b.started && len(b.text) > 0 && b.text[0] >= '0' && b.text[0] <= '9' {
					b = wordBuilder{}
				}
				finish(i)
				return args, i, nil
			}
		case '$':
			if i+1 < len(text) && (text[i+1] == '{' || isNameStart(text[i+1])) {
				b.unknown = true
			}
		}
		b.begin(table[i])
		i += addRune(i)
	}
	switch {
	case escaped:
		return fail(opened, "a backslash at the end")
	case single || double:
		return fail(opened, "a quote that is never closed")
	case backQuote || dollarQuote:
		return fail(opened, "a command substitution that is never closed")
	}
	finish(len(text))
	return args, -1, nil
}

func isNameStart(c byte) bool {
	return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
}

func isNameChar(c byte) bool { return isNameStart(c) || (c >= '0' && c <= '9') }
