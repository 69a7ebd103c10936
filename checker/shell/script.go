package shell

import (
	"errors"
	"strings"
	"unicode/utf8"

	"mvdan.cc/sh/v3/syntax"

	"github.com/streamlint/streamlint/checker/model"
)

// Limits on what one command line may unfold into.
const (
	// maxDepth bounds sh -c scripts inside scripts.
	maxDepth = 4
	// maxLoopWords is the most words a for loop is unrolled over; a
	// longer list (or one holding an expansion) runs the body once, its
	// variable unknown.
	maxLoopWords = 64
	// maxCommands bounds the commands found from one command line or file.
	maxCommands = 10000
)

// Command is one simple command that runs: its program and arguments,
// after NAME=value assignments and wrappers (exec, env, nohup, gosu,
// tini, ...).
type Command struct {
	Words []Word // Words[0] is the program
}

// Program is the base name of the program: "kafka-topics.sh" for
// "/opt/kafka/bin/kafka-topics.sh".
func (c Command) Program() string { return baseName(c.Words[0].Text) }

// Args are the words after the program.
func (c Command) Args() []Word { return c.Words[1:] }

// Problem is a script that could not be read, with where.
type Problem struct {
	Loc model.Location
	Msg string
}

// Result is what a command line or a script runs.
type Result struct {
	Commands []Command
	Problems []Problem
}

// Exec returns the commands an exec-form command line runs: argv itself
// (after its wrappers) and, when it is a shell with -c, every command of
// the script, recursively.
func Exec(argv []Word) Result {
	var res Result
	budget := maxCommands
	emit(argv, 0, &res, &budget)
	return res
}

// File returns the commands of a shell script file, with positions in it
// (name is the path shown). A carriage return before a line feed is read
// as a blank: a script checked out with CRLF line ends is read as written.
func File(name string, data []byte) Result {
	var res Result
	budget := maxCommands
	text := strings.ReplaceAll(string(data), "\r\n", " \n")
	r := &reader{file: name, text: text, at: lineTable(text), res: &res, budget: &budget}
	r.parse()
	return res
}

// lineTable is the position of each byte of a file's text, from 1:1.
func lineTable(s string) []pos {
	t := make([]pos, len(s)+1)
	p := pos{1, 1}
	for i := 0; i < len(s); {
		_, n := utf8.DecodeRuneInString(s[i:])
		for j := range n {
			t[i+j] = p
		}
		if s[i] == '\n' {
			p = pos{p.line + 1, 1}
		} else {
			p.col++
		}
		i += n
	}
	t[len(s)] = p
	return t
}

// emit records the command argv (its wrappers skipped) and reads the
// script of a shell's -c.
func emit(argv []Word, depth int, res *Result, budget *int) {
	if *budget <= 0 {
		return
	}
	i := skipWrappers(argv)
	if i >= len(argv) {
		return
	}
	*budget--
	cmd := Command{Words: argv[i:]}
	res.Commands = append(res.Commands, cmd)
	base := cmd.Program()
	rest := cmd.Args()
	if base == "busybox" && len(rest) > 0 && isShell(baseName(rest[0].Text)) {
		base, rest = baseName(rest[0].Text), rest[1:]
	}
	if !isShell(base) || depth >= maxDepth {
		return
	}
	script, ok := shellScript(rest)
	if !ok {
		return
	}
	r := &reader{file: script.Loc.File, text: script.Text, at: script.positions(), res: res, budget: budget, depth: depth + 1}
	r.parse()
}

// reader walks one script.
type reader struct {
	file   string
	text   string
	at     []pos // position of each byte of text, and of its end
	res    *Result
	budget *int
	depth  int
}

func (r *reader) parse() {
	p := syntax.NewParser(syntax.Variant(syntax.LangBash), syntax.RecoverErrors(8))
	f, err := p.Parse(strings.NewReader(r.text), "")
	if err != nil {
		loc := r.at[0].loc(r.file)
		msg := err.Error()
		var pe syntax.ParseError
		if errors.As(err, &pe) {
			loc = r.at[r.off(pe.Pos)].loc(r.file)
			msg = pe.Text
		}
		r.res.Problems = append(r.res.Problems, Problem{Loc: loc, Msg: "shell script not read: " + msg})
	}
	if f == nil {
		return
	}
	r.walk(f, nil)
}

// bindings are the values of for-loop variables in scope.
type bindings map[string]Word

func (b bindings) with(name string, w Word) bindings {
	out := make(bindings, len(b)+1)
	for k, v := range b {
		out[k] = v
	}
	out[name] = w
	return out
}

// walk visits every simple command under n, unrolling for loops.
func (r *reader) walk(n syntax.Node, env bindings) {
	syntax.Walk(n, func(n syntax.Node) bool {
		if *r.budget <= 0 {
			return false
		}
		switch x := n.(type) {
		case *syntax.ForClause:
			r.forClause(x, env)
			return false
		case *syntax.CallExpr:
			words := make([]Word, 0, len(x.Args))
			for _, a := range x.Args {
				words = append(words, r.word(a, env))
			}
			emit(words, r.depth, r.res, r.budget)
		}
		return true
	})
}

// forClause runs the body of `for NAME in WORDS` once per word, NAME bound
// to it; other loops (C style, no `in`, words that are not all literal,
// too many words) run it once with NAME unknown.
func (r *reader) forClause(x *syntax.ForClause, env bindings) {
	body := func(env bindings) {
		for _, st := range x.Do {
			r.walk(st, env)
		}
	}
	wi, ok := x.Loop.(*syntax.WordIter)
	if !ok || !wi.InPos.IsValid() || len(wi.Items) > maxLoopWords {
		body(env.without(nameOf(x.Loop)))
		return
	}
	items := make([]Word, 0, len(wi.Items))
	for _, it := range wi.Items {
		w := r.word(it, env)
		if w.Unknown {
			body(env.without(wi.Name.Value))
			return
		}
		items = append(items, w)
	}
	for _, w := range items {
		body(env.with(wi.Name.Value, w))
	}
}

func nameOf(l syntax.Loop) string {
	if wi, ok := l.(*syntax.WordIter); ok && wi.Name != nil {
		return wi.Name.Value
	}
	return ""
}

func (b bindings) without(name string) bindings {
	if _, ok := b[name]; !ok {
		return b
	}
	out := make(bindings, len(b))
	for k, v := range b {
		if k != name {
			out[k] = v
		}
	}
	return out
}

// off is the offset of p in the text, within bounds.
func (r *reader) off(p syntax.Pos) int {
	return min(int(p.Offset()), len(r.text))
}

// span is the text range of a node, within bounds.
func (r *reader) span(n syntax.Node) (int, int) {
	s, e := r.off(n.Pos()), r.off(n.End())
	return s, max(s, e)
}

// word turns a parsed word into its text after quote removal, each byte
// at its position. A word that is just a bound loop variable ($t, ${t},
// "$t") is the loop's word itself, with its positions.
func (r *reader) word(w *syntax.Word, env bindings) Word {
	if bound, ok := r.boundOnly(w, env); ok {
		return bound
	}
	s, e := r.span(w)
	var b wordBuilder
	b.begin(r.at[s])
	for _, part := range w.Parts {
		r.part(&b, part, env, false)
	}
	return b.word(r.file, r.at[e])
}

// boundOnly reports a word that is only a bound loop variable.
func (r *reader) boundOnly(w *syntax.Word, env bindings) (Word, bool) {
	if len(w.Parts) != 1 || len(env) == 0 {
		return Word{}, false
	}
	part := w.Parts[0]
	if dq, ok := part.(*syntax.DblQuoted); ok && len(dq.Parts) == 1 {
		part = dq.Parts[0]
	}
	if pe, ok := part.(*syntax.ParamExp); ok && simpleParam(pe) {
		bound, ok := env[pe.Param.Value]
		return bound, ok
	}
	return Word{}, false
}

// simpleParam reports $NAME or ${NAME} without any operator.
func simpleParam(pe *syntax.ParamExp) bool {
	return pe.Param != nil && !pe.Excl && !pe.Length && !pe.Width && !pe.IsSet &&
		pe.Index == nil && pe.Slice == nil && pe.Repl == nil && pe.Names == 0 && pe.Exp == nil
}

// part appends one part of a word.
func (r *reader) part(b *wordBuilder, part syntax.WordPart, env bindings, inDouble bool) {
	s, e := r.span(part)
	switch x := part.(type) {
	case *syntax.Lit:
		r.literal(b, s, e, inDouble)
	case *syntax.SglQuoted:
		b.quoted = true
		from := s + 1
		if x.Dollar {
			from++ // $'...': escapes kept as written
		}
		if from <= e-1 {
			b.add(r.text[from:e-1], r.at[from:])
		}
	case *syntax.DblQuoted:
		b.quoted = true
		for _, p := range x.Parts {
			r.part(b, p, env, true)
		}
	case *syntax.ParamExp:
		if bound, ok := env[paramName(x)]; ok && simpleParam(x) {
			b.add(bound.Text, bound.positions())
			b.unknown = b.unknown || bound.Unknown
			return
		}
		b.unknown = true
		b.add(r.text[s:e], r.at[s:])
	default: // $(...), `...`, $((...)), <(...), globs, braces
		b.unknown = true
		b.add(r.text[s:e], r.at[s:])
	}
}

func paramName(pe *syntax.ParamExp) string {
	if pe.Param == nil {
		return ""
	}
	return pe.Param.Value
}

// literal appends the unquoted (or double-quoted) text [s, e) with its
// backslashes removed as the shell removes them.
func (r *reader) literal(b *wordBuilder, s, e int, inDouble bool) {
	t := r.text
	for i := s; i < e; {
		if t[i] == '\\' && i+1 < e {
			next := t[i+1]
			switch {
			case next == '\n':
				i += 2 // line continuation
				continue
			case !inDouble || strings.IndexByte("$`\"\\", next) >= 0:
				b.quoted = true
				i++
			}
		}
		_, n := utf8.DecodeRuneInString(t[i:e])
		b.add(t[i:i+n], r.at[i:])
		i += n
	}
}
