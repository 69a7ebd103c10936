// Package shell reads the commands a container runs: the words compose
// passes it (the list form of command: and entrypoint:, or the string form
// split as compose splits it), and the scripts of `sh -c` / `bash -c`,
// parsed with mvdan.cc/sh (the parser behind shfmt), so that every simple
// command of a script counts: every line, every part of `;`, `&&`, `||`
// and pipelines, backslash-newline continuations, the bodies of if, while,
// case, functions and subshells, and each pass of a `for NAME in WORDS`
// loop over literal words. Every word keeps the position of each of its
// bytes in the file where it is written, through the script, the compose
// word that holds it and the YAML scalar that holds that.
//
// Nothing is expanded except a for loop's variable: a word holding a
// parameter, command substitution or arithmetic expansion is Unknown (its
// text keeps the expansion as written), so that callers treat its value
// as unknown rather than wrong.
package shell

import (
	"unicode/utf8"

	"github.com/streamlint/streamlint/checker/model"
)

// Word is one word of a command and where it is written.
type Word struct {
	// Text is the word after quote removal: "--conf", "spark.x=a b";
	// expansions stay as written ("$TOPIC", "${N:-3}").
	Text string
	// Loc is where the word starts in its file, its opening quote included.
	Loc model.Location
	// Unknown reports that the word holds an expansion whose value is not
	// known here ($VAR, ${...}, $(...), `...`, $((...))).
	Unknown bool
	// Quoted reports that some part of the word was quoted or escaped.
	Quoted bool

	// at[i] is where byte i of Text is written; at[len(Text)] is just
	// after the word. nil for a word written verbatim from Loc (Word{Text,
	// Loc}): each rune one column after the one before it, a line break
	// ("\n", "\r\n" or "\r") going to the next line at Loc's column, which
	// is where the lines of an indented YAML block scalar begin.
	at []pos
}

// pos is a compact line and column.
type pos struct{ line, col int32 }

func (p pos) loc(file string) model.Location {
	return model.Location{File: file, Line: int(p.line), Column: int(p.col)}
}

func posOf(l model.Location) pos { return pos{int32(l.Line), int32(l.Column)} }

// Mapped returns a word whose byte i is written at at(i), for i from 0 to
// len(text) (the position just after it). Compose's list items are made
// this way from their YAML scalars.
func Mapped(text string, at func(i int) model.Location) Word {
	t := make([]pos, len(text)+1)
	for i := range t {
		t[i] = posOf(at(i))
	}
	return Word{Text: text, Loc: at(0), at: t}
}

// LocAt returns where byte i of w.Text is written; i = len(w.Text) is the
// position just after the word's last character.
func (w Word) LocAt(i int) model.Location {
	i = min(max(i, 0), len(w.Text))
	if len(w.at) == len(w.Text)+1 {
		return w.at[i].loc(w.Loc.File)
	}
	return w.positions()[i].loc(w.Loc.File)
}

// positions returns the position of every byte of w.Text and of its end.
func (w Word) positions() []pos {
	if len(w.at) == len(w.Text)+1 {
		return w.at
	}
	s := w.Text
	t := make([]pos, len(s)+1)
	p := posOf(w.Loc)
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		for j := range n {
			t[i+j] = p
		}
		i += n
		if r == '\n' || r == '\r' && (i >= len(s) || s[i] != '\n') {
			p = pos{p.line + 1, int32(w.Loc.Column)}
		} else {
			p.col++
		}
	}
	t[len(s)] = p
	return t
}

// wordBuilder accumulates one word byte by byte with positions.
type wordBuilder struct {
	text    []byte
	at      []pos
	unknown bool
	quoted  bool
	started bool
	start   pos
}

func (b *wordBuilder) begin(p pos) {
	if !b.started {
		b.started, b.start = true, p
	}
}

// add appends s, each byte at the matching entry of at.
func (b *wordBuilder) add(s string, at []pos) {
	b.text = append(b.text, s...)
	b.at = append(b.at, at[:len(s)]...)
}

func (b *wordBuilder) word(file string, end pos) Word {
	return Word{
		Text:    string(b.text),
		Loc:     b.start.loc(file),
		Unknown: b.unknown,
		Quoted:  b.quoted,
		at:      append(b.at, end),
	}
}
