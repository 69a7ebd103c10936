package spark

import (
	"strings"
	"unicode/utf8"

	"github.com/streamlint/streamlint/checker/model"
)

// Arg is one word of a command line and where it is written. SplitShell
// and SplitCompose make them; for a compose list (exec form) the caller
// makes one per item, with Loc where the item's text starts (after the
// opening quote of a quoted YAML scalar), and positions inside the text
// are then counted from there.
type Arg struct {
	// Text is the word after quote removal: "--conf", "spark.x=a b".
	Text string
	// Loc is where the word starts in the source, its opening quote
	// included.
	Loc model.Location
	// Op marks an unquoted shell operator (; & && | || ( ) and the
	// redirections < > >> 2>&1 ...) or a newline, which ends a command.
	// Words that came from a compose list are never operators.
	Op bool

	// at[i] is where byte i of Text is written; at[len(Text)] is just
	// after the word. It is nil for words built by callers, which are taken
	// to be written verbatim from Loc.
	at []pos
	// dyn reports an unquoted or double-quoted $ or ` expansion.
	dyn bool
	// quoted reports that some part of the word was quoted or escaped.
	quoted bool
}

// pos is a compact line and column.
type pos struct{ line, col int32 }

func (p pos) loc(file string) model.Location {
	return model.Location{File: file, Line: int(p.line), Column: int(p.col)}
}

// LocAt returns where byte i of a.Text is written; i = len(a.Text) is the
// position just after the word's last character.
func (a Arg) LocAt(i int) model.Location {
	at := a.positions()
	i = min(max(i, 0), len(at)-1)
	return at[i].loc(a.Loc.File)
}

// positions returns a.at, or for a word built by a caller, the positions of
// its text written verbatim from a.Loc (a newline returns to a.Loc's column).
func (a Arg) positions() []pos {
	if len(a.at) == len(a.Text)+1 {
		return a.at
	}
	return positionTable(a.Text, a.Loc)
}

// positionTable gives the position of every byte of s, and of len(s), when s
// starts at start. A line break ("\n", "\r\n" or "\r") moves to the next
// line at start's column, which is where the lines of an indented YAML block
// scalar begin.
func positionTable(s string, start model.Location) []pos {
	t := make([]pos, len(s)+1)
	line, col := int32(start.Line), int32(start.Column)
	for i := 0; i < len(s); {
		r, w := utf8.DecodeRuneInString(s[i:])
		for j := range w {
			t[i+j] = pos{line, col}
		}
		i += w
		switch {
		case r == '\n', r == '\r' && (i >= len(s) || s[i] != '\n'):
			line++
			col = int32(start.Column)
		default:
			col++
		}
	}
	t[len(s)] = pos{line, col}
	return t
}

// SplitShell splits a shell command line into words as a POSIX shell does,
// without expanding anything: whitespace separates words; single quotes,
// double quotes and backslashes quote; $VAR, ${...}, $(...) and `...` stay
// verbatim inside their word; a backslash-newline joins lines; # starts a
// comment at the start of a word. Operators (; & && | || ( ) and
// redirections such as > >> < 2>&1) and unquoted newlines become words of
// their own with Op set. start is the position of s's first character;
// each word's Loc is where it starts, and Arg.LocAt maps any byte of a
// word's text back to the source. Unterminated quotes run to the end.
//
// Compose does not run a shell for the string form of command: and
// entrypoint:; use SplitCompose there.
func SplitShell(s string, start model.Location) []Arg {
	return splitPOSIX(s, positionTable(s, start), start.File)
}

// builder accumulates one word.
type builder struct {
	text   []byte
	at     []pos
	start  int
	dyn    bool
	quoted bool
	active bool
}

func (b *builder) add(s string, off int, table []pos) {
	for i := 0; i < len(s); i++ {
		b.text = append(b.text, s[i])
		b.at = append(b.at, table[off+i])
	}
}

// addRune appends the rune at s[off:] and returns its width.
func (b *builder) addRune(s string, off int, table []pos) int {
	_, w := utf8.DecodeRuneInString(s[off:])
	for i := range w {
		b.text = append(b.text, s[off+i])
		b.at = append(b.at, table[off])
	}
	return w
}

func (b *builder) begin(off int) {
	if !b.active {
		*b = builder{active: true, start: off}
	}
}

func (b *builder) finish(end int, table []pos, file string, out []Arg) []Arg {
	if !b.active {
		return out
	}
	b.at = append(b.at, table[end])
	out = append(out, Arg{
		Text:   string(b.text),
		Loc:    table[b.start].loc(file),
		at:     b.at,
		dyn:    b.dyn,
		quoted: b.quoted,
	})
	*b = builder{}
	return out
}

// matchOp returns the operator that starts at s[i], longest first, or "".
func matchOp(s string, i int) string {
	if strings.IndexByte(";&|<>()", s[i]) < 0 {
		return ""
	}
	rest := s[i:]
	for _, n := range [...]int{3, 2} {
		if len(rest) < n {
			continue
		}
		switch op := rest[:n]; op {
		case "&>>", "<<<", "<<-", "&&", "||", ";;", "|&", ">>", ">&", ">|", "<<", "<&", "<>", "&>":
			return op
		}
	}
	return rest[:1]
}

// isRedirect reports whether an operator word is a redirection, which
// takes the next word as its target.
func isRedirect(op string) bool {
	op = strings.TrimLeft(op, "0123456789")
	return strings.HasPrefix(op, "<") || strings.HasPrefix(op, ">") || strings.HasPrefix(op, "&>")
}

func splitPOSIX(s string, table []pos, file string) []Arg {
	var (
		out []Arg
		b   builder
	)
	emitOp := func(op string, off int) {
		out = append(out, Arg{Text: op, Loc: table[off].loc(file), Op: true, at: table[off : off+len(op)+1 : off+len(op)+1]})
	}
	i := 0
	for i < len(s) {
		c := s[i]
		switch {
		case c == '\\' && i+1 < len(s) && s[i+1] == '\n':
			i += 2 // line continuation, inside or between words
			continue
		case c == ' ' || c == '\t' || c == '\r':
			out = b.finish(i, table, file, out)
			i++
			continue
		case c == '\n':
			out = b.finish(i, table, file, out)
			emitOp("\n", i)
			i++
			continue
		case c == '#' && !b.active:
			for i < len(s) && s[i] != '\n' {
				i++
			}
			continue
		}
		if op := matchOp(s, i); op != "" {
			// An unquoted all-digit word right before < or > is the file
			// descriptor of the redirection (2>&1).
			if b.active && !b.quoted && (c == '<' || c == '>') && allDigits(string(b.text)) {
				start := b.start
				b = builder{}
				emitOp(s[start:i+len(op)], start)
			} else {
				out = b.finish(i, table, file, out)
				emitOp(op, i)
			}
			i += len(op)
			continue
		}
		b.begin(i)
		switch c {
		case '\\':
			b.quoted = true
			if i+1 >= len(s) {
				b.add("\\", i, table)
				i++
				continue
			}
			i += 1 + b.addRune(s, i+1, table)
		case '\'':
			b.quoted = true
			end := strings.IndexByte(s[i+1:], '\'')
			if end < 0 {
				end = len(s) - i - 1
			}
			b.add(s[i+1:i+1+end], i+1, table)
			i += end + 2
		case '"':
			b.quoted = true
			i = b.doubleQuoted(s, i+1, table)
		case '$', '`':
			i = b.expansion(s, i, table, false)
		default:
			i += b.addRune(s, i, table)
		}
	}
	return b.finish(len(s), table, file, out)
}

// doubleQuoted copies the inside of "..." starting at i and returns the
// offset after the closing quote.
func (b *builder) doubleQuoted(s string, i int, table []pos) int {
	for i < len(s) {
		switch c := s[i]; c {
		case '"':
			return i + 1
		case '\\':
			if i+1 < len(s) {
				switch s[i+1] {
				case '$', '`', '"', '\\':
					b.add(s[i+1:i+2], i+1, table)
					i += 2
					continue
				case '\n':
					i += 2
					continue
				}
			}
			b.add("\\", i, table)
			i++
		case '$', '`':
			i = b.expansion(s, i, table, true)
		default:
			i += b.addRune(s, i, table)
		}
	}
	return i
}

// expansion copies a $ or ` expansion at s[i] verbatim and returns the
// offset after it. $(...), ${...} and `...` are copied whole, so spaces in
// them do not split the word. inDouble is true inside "...", where $'...'
// is not a quote.
func (b *builder) expansion(s string, i int, table []pos, inDouble bool) int {
	end := i + 1
	switch {
	case s[i] == '`':
		end = closing(s, i+1, '`')
		b.dyn = true
	case strings.HasPrefix(s[i:], "$("):
		end = balanced(s, i+2, '(', ')')
		b.dyn = true
	case strings.HasPrefix(s[i:], "${"):
		end = balanced(s, i+2, '{', '}')
		b.dyn = true
	case !inDouble && strings.HasPrefix(s[i:], "$'"):
		// $'...' (bash ANSI-C quoting): kept verbatim
		end = closing(s, i+2, '\'')
		b.quoted = true
	case i+1 < len(s) && isNameStart(s[i+1]):
		b.dyn = true
		end = i + 2
		for end < len(s) && isNameChar(s[end]) {
			end++
		}
	case i+1 < len(s) && strings.IndexByte("0123456789@*#?$!-", s[i+1]) >= 0:
		b.dyn = true
		end = i + 2
	}
	b.add(s[i:end], i, table)
	return end
}

// closing returns the offset after the first unescaped c at or after i, or
// len(s).
func closing(s string, i int, c byte) int {
	for i < len(s) {
		switch s[i] {
		case '\\':
			i += 2
			continue
		case c:
			return i + 1
		}
		i++
	}
	return len(s)
}

// balanced returns the offset after the close that matches an already
// opened open at i-1, skipping quoted parts, or len(s).
func balanced(s string, i int, open, close byte) int {
	depth := 1
	for i < len(s) {
		switch c := s[i]; c {
		case '\\':
			i += 2
			continue
		case '\'':
			i = closing(s, i+1, '\'')
			continue
		case '"':
			i = closing(s, i+1, '"')
			continue
		case open:
			depth++
		case close:
			depth--
			if depth == 0 {
				return i + 1
			}
		}
		i++
	}
	return len(s)
}

func isNameStart(c byte) bool {
	return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
}

func isNameChar(c byte) bool { return isNameStart(c) || (c >= '0' && c <= '9') }

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// ComposeCommandError is a command string Compose rejects when it loads
// the file ("invalid command line string").
type ComposeCommandError struct {
	Loc model.Location // where the offending character is
	Msg string
}

func (e *ComposeCommandError) Error() string {
	return e.Loc.String() + ": invalid command line string: " + e.Msg
}

// SplitCompose splits the string form of a compose command: or entrypoint:
// exactly as Compose does (github.com/mattn/go-shellwords, used by
// compose-go): spaces, tabs and newlines separate words; quotes and
// backslashes quote (a backslash escapes any character outside single
// quotes, also inside double quotes); $VAR, $(...) and `...` are kept
// verbatim, since no shell runs. Compose stops at the first unquoted ; & |
// < or >, and drops the rest of the string: the words before it are
// returned, and dropped is the offset in s where the dropped part starts
// (-1 when nothing is dropped). No word is an operator. A string Compose
// rejects gives a *ComposeCommandError.
func SplitCompose(s string, start model.Location) (args []Arg, dropped int, err error) {
	table := positionTable(s, start)
	var (
		b                                               builder
		escaped, single, double, backQuote, dollarQuote bool
		opened                                          int // offset of the last quote, backslash or $( opened
	)
	fail := func(off int, msg string) ([]Arg, int, error) {
		return nil, -1, &ComposeCommandError{Loc: table[off].loc(start.File), Msg: msg}
	}
	dropped = -1
	for i := 0; i < len(s); {
		c := s[i]
		if escaped {
			b.begin(i)
			i += b.addRune(s, i, table)
			escaped = false
			continue
		}
		switch {
		case c == '\\' && !single:
			b.begin(i)
			b.quoted = true
			escaped, opened = true, i
			i++
			continue
		case c == '\\':
			b.add("\\", i, table)
			i++
			continue
		case c == ' ' || c == '\t' || c == '\r' || c == '\n':
			if single || double || backQuote || dollarQuote {
				b.add(s[i:i+1], i, table)
			} else {
				args = b.finish(i, table, start.File, args)
			}
			i++
			continue
		}
		switch c {
		case '`':
			if !single && !double && !dollarQuote {
				backQuote = !backQuote
				opened = i
				b.begin(i)
				b.dyn = true
			}
		case ')':
			if !single && !double && !backQuote {
				// go-shellwords toggles here: a ')' without "$(" opens one
				dollarQuote, opened = !dollarQuote, i
			}
		case '(':
			if !single && !double && !backQuote {
				if !dollarQuote && b.active && strings.HasSuffix(string(b.text), "$") {
					dollarQuote, opened = true, i
					b.dyn = true
				} else {
					return fail(i, "'(' outside quotes that does not follow '$'")
				}
			}
		case '"':
			if !single && !dollarQuote {
				b.begin(i)
				b.quoted = true
				double, opened = !double, i
				i++
				continue
			}
		case '\'':
			if !double && !dollarQuote {
				b.begin(i)
				b.quoted = true
				single, opened = !single, i
				i++
				continue
			}
		case ';', '&', '|', '<', '>':
			if !single && !double && !backQuote && !dollarQuote {
				if c == '>' && b.active && len(b.text) > 0 && b.text[0] >= '0' && b.text[0] <= '9' {
					b = builder{}
				}
				dropped = i
				args = b.finish(i, table, start.File, args)
				return args, dropped, nil
			}
		}
		b.begin(i)
		i += b.addRune(s, i, table)
	}
	switch {
	case escaped:
		return fail(opened, "a backslash at the end")
	case single || double:
		return fail(opened, "a quote that is never closed")
	case backQuote || dollarQuote:
		return fail(opened, "a command substitution that is never closed")
	}
	return b.finish(len(s), table, start.File, args), dropped, nil
}
