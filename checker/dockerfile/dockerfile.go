// Package dockerfile reads what a compose service built from a Dockerfile
// (build: context, dockerfile, args) starts from: the final stage's base
// image with its ARG defaults and the build args substituted, the ENV it
// sets, the files it COPYs or ADDs, and its CMD and ENTRYPOINT, each with
// the line and column where it is written. The file is parsed with
// BuildKit's own parser (github.com/moby/buildkit/frontend/dockerfile/parser,
// the one `docker build` uses: continuations, the escape directive, JSON
// and shell forms, heredocs) and its variables substituted with BuildKit's
// shell lexer. Nothing is built, executed or pulled.
package dockerfile

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/moby/buildkit/frontend/dockerfile/parser"
	bkshell "github.com/moby/buildkit/frontend/dockerfile/shell"

	"github.com/streamlint/streamlint/checker/model"
)

// Image is what the final stage of a Dockerfile builds on and sets.
type Image struct {
	// File is the Dockerfile's path as shown to users.
	File string
	// Base is the image the final stage (through the stages it is built
	// FROM) starts from, variables substituted: "apache/kafka:3.8.0".
	Base    string
	BaseLoc model.Location // the FROM line's image
	// Env holds the ENV values of the final stage and the stages it is
	// built FROM, in order (a later one wins); Unresolved when a value
	// refers to a variable that is not set.
	Env []Env
	// Copies are the COPY and ADD instructions of those stages that copy
	// from the build context (not --from another stage or image).
	Copies []Copy
	// Cmd and Entrypoint are the last of each, nil when the Dockerfile
	// sets none (the base image's then apply).
	Cmd, Entrypoint *Command
}

// Env is one ENV variable.
type Env struct {
	Name, Value string
	Loc         model.Location // where the value is written
	Unresolved  bool
}

// Copy is one COPY or ADD of files of the build context.
type Copy struct {
	Sources []string // paths in the build context, as written (variables substituted)
	Dest    string   // absolute path in the image (WORKDIR applied); ends with "/" for a directory
	Loc     model.Location
}

// Target is where a source file of the copy lands in the image.
func (c Copy) Target(src string) string {
	if strings.HasSuffix(c.Dest, "/") || len(c.Sources) > 1 {
		return strings.TrimSuffix(c.Dest, "/") + "/" + path.Base(src)
	}
	return c.Dest
}

// Command is a CMD or ENTRYPOINT: Args in exec (JSON) form, each at its
// position; the shell form runs as ["/bin/sh", "-c", Shell].
type Command struct {
	Args  []Arg
	Shell string
	Loc   model.Location // where the arguments start
}

// Arg is one item of an exec-form command.
type Arg struct {
	Text string
	Loc  model.Location
}

// Error is a Dockerfile that cannot be followed: a syntax error, a FROM
// whose image depends on an unset variable, no FROM at all.
type Error struct {
	Loc model.Location
	Msg string
}

func (e *Error) Error() string { return e.Loc.String() + ": " + e.Msg }

// Read reads the Dockerfile of a compose build: name (default
// "Dockerfile") relative to the build context dir, or absolute. read reads
// a file within the project's limits; display turns the absolute path
// into the one shown. It returns the image and the Dockerfile's absolute
// path.
func Read(dir, name string, args map[string]*string, read func(abs string) ([]byte, error), display func(abs string) string) (*Image, string, error) {
	if name == "" {
		name = "Dockerfile"
	}
	abs := name
	if !filepath.IsAbs(abs) {
		abs = filepath.Join(dir, filepath.FromSlash(name))
	}
	data, err := read(abs)
	if err != nil {
		msg := "cannot read the Dockerfile " + display(abs) + ": "
		var pe *fs.PathError
		switch {
		case errors.Is(err, fs.ErrNotExist):
			msg = "the Dockerfile " + display(abs) + " does not exist"
		case errors.As(err, &pe):
			msg += pe.Err.Error()
		default:
			msg += err.Error()
		}
		return nil, abs, &Error{Loc: model.Location{File: display(abs)}, Msg: msg}
	}
	img, err := Parse(display(abs), data, args)
	return img, abs, err
}

// Parse reads a Dockerfile (file is the path shown) with the given build
// args (compose's build.args; a nil value is an arg without a value).
func Parse(file string, data []byte, buildArgs map[string]*string) (*Image, error) {
	res, err := parser.Parse(bytes.NewReader(data))
	if err != nil {
		loc := model.Location{File: file, Line: 1, Column: 1}
		var le *parser.LocationError
		if errors.As(err, &le) && len(le.Locations) > 0 && len(le.Locations[0]) > 0 {
			loc.Line = max(le.Locations[0][0].Start.Line, 1)
		}
		return nil, &Error{Loc: loc, Msg: "cannot parse the Dockerfile: " + strings.TrimPrefix(err.Error(), "dockerfile parse error on line ")}
	}
	lines := strings.Split(string(data), "\n")
	r := &reading{file: file, lines: lines, crBefore: loneCRsBefore(lines), args: buildArgs,
		lex: bkshell.NewLex(res.EscapeToken), global: map[string]string{}}
	return r.image(res.AST)
}

// reading is the state of one Parse.
type reading struct {
	file     string
	lines    []string
	crBefore []int // lone carriage returns before each line (editorLine)
	args     map[string]*string
	lex      *bkshell.Lex
	global   map[string]string // ARGs before the first FROM
	stages   []*stage
}

// stage is one FROM and what follows it.
type stage struct {
	name    string
	parent  *stage // the earlier stage it is built FROM, if any
	base    string
	baseLoc model.Location
	vars    map[string]string // ARG and ENV values in scope
	env     []Env
	copies  []Copy
	cmd     *Command
	entry   *Command
	workdir string
}

func (r *reading) image(root *parser.Node) (*Image, error) {
	var cur *stage
	for _, n := range root.Children {
		var err error
		switch strings.ToLower(n.Value) {
		case "from":
			cur, err = r.from(n)
		case "arg":
			r.arg(n, cur)
		case "env":
			if cur != nil {
				r.env(n, cur)
			}
		case "workdir":
			if cur != nil && n.Next != nil {
				w, _ := r.subst(n.Next.Value, cur.vars)
				if path.IsAbs(w) {
					cur.workdir = path.Clean(w)
				} else {
					cur.workdir = path.Join(cur.workdir, w)
				}
			}
		case "copy", "add":
			if cur != nil {
				r.copy(n, cur)
			}
		case "cmd":
			if cur != nil {
				cur.cmd = r.command(n)
			}
		case "entrypoint":
			if cur != nil {
				cur.entry = r.command(n)
				cur.cmd = nil // ENTRYPOINT resets an inherited CMD
			}
		}
		if err != nil {
			return nil, err
		}
	}
	if cur == nil {
		return nil, &Error{Loc: model.Location{File: r.file, Line: 1, Column: 1}, Msg: "the Dockerfile has no FROM"}
	}
	img := &Image{File: r.file, Base: cur.base, BaseLoc: cur.baseLoc}
	var chain []*stage
	for s := cur; s != nil; s = s.parent {
		chain = append([]*stage{s}, chain...)
	}
	for _, s := range chain {
		img.Env = append(img.Env, s.env...)
		img.Copies = append(img.Copies, s.copies...)
		if s.entry != nil {
			img.Entrypoint, img.Cmd = s.entry, nil
		}
		if s.cmd != nil {
			img.Cmd = s.cmd
		}
	}
	return img, nil
}

// from starts a stage: FROM [--platform=...] image [AS name].
func (r *reading) from(n *parser.Node) (*stage, error) {
	words := nodeValues(n.Next)
	loc := r.locate(n, first(words))
	if len(words) == 0 {
		return nil, &Error{Loc: loc, Msg: "FROM without an image"}
	}
	ref, unset := r.subst(words[0], r.global)
	if len(unset) > 0 {
		return nil, &Error{Loc: loc, Msg: fmt.Sprintf("FROM %s: %s not set (no ARG default, no build arg): the base image is unknown", words[0], strings.Join(unset, ", "))}
	}
	s := &stage{base: ref, baseLoc: loc, vars: map[string]string{}, workdir: "/"}
	if len(words) >= 3 && strings.EqualFold(words[1], "as") {
		s.name = strings.ToLower(words[2])
	}
	for _, prev := range r.stages {
		if prev.name != "" && prev.name == strings.ToLower(ref) {
			s.parent, s.base, s.baseLoc, s.workdir = prev, prev.base, prev.baseLoc, prev.workdir
			for k, v := range prev.vars {
				s.vars[k] = v
			}
		}
	}
	if strings.EqualFold(ref, "scratch") {
		s.base = ""
	}
	r.stages = append(r.stages, s)
	return s, nil
}

// arg declares build arguments: before the first FROM they are global
// (usable in FROM lines), in a stage they are usable from there on.
func (r *reading) arg(n *parser.Node, cur *stage) {
	for _, w := range nodeValues(n.Next) {
		name, def, hasDef := strings.Cut(w, "=")
		vars := r.global
		if cur != nil {
			vars = cur.vars
		}
		value, known := "", false
		if hasDef {
			value, _ = r.subst(def, vars)
			known = true
		} else if cur != nil {
			value, known = r.global[name] // re-declared global ARG
		}
		if a, ok := r.args[name]; ok && a != nil {
			value, known = *a, true
		}
		if known {
			vars[name] = value
		}
	}
}

// env records ENV name=value pairs (and the legacy ENV name value).
func (r *reading) env(n *parser.Node, cur *stage) {
	cursor := 0
	for kv := n.Next; kv != nil && kv.Next != nil; kv = kv.Next.Next.Next {
		raw := kv.Next.Value
		value, unset := r.subst(raw, cur.vars)
		loc, next := r.find(n, kv.Value, cursor)
		if l, nx := r.find(n, raw, next); raw != "" && l.Line > 0 {
			loc, next = l, nx
		}
		cursor = next
		cur.vars[kv.Value] = value
		cur.env = append(cur.env, Env{Name: kv.Value, Value: value, Loc: loc, Unresolved: len(unset) > 0})
		if kv.Next.Next == nil {
			break
		}
	}
}

// copy records a COPY or ADD of build-context files.
func (r *reading) copy(n *parser.Node, cur *stage) {
	for _, f := range n.Flags {
		if strings.HasPrefix(f, "--from=") {
			return
		}
	}
	if len(n.Heredocs) > 0 {
		return
	}
	words := nodeValues(n.Next)
	if len(words) < 2 {
		return
	}
	c := Copy{Loc: r.locate(n, first(words))}
	for _, w := range words[:len(words)-1] {
		src, _ := r.subst(w, cur.vars)
		c.Sources = append(c.Sources, src)
	}
	dest, _ := r.subst(words[len(words)-1], cur.vars)
	if !path.IsAbs(dest) {
		slash := strings.HasSuffix(dest, "/") || dest == "." || dest == "./"
		dest = path.Join(cur.workdir, dest)
		if slash && !strings.HasSuffix(dest, "/") {
			dest += "/"
		}
	}
	c.Dest = dest
	cur.copies = append(cur.copies, c)
}

// command reads a CMD or ENTRYPOINT.
func (r *reading) command(n *parser.Node) *Command {
	words := nodeValues(n.Next)
	if !n.Attributes["json"] {
		text := strings.Join(words, " ")
		return &Command{Shell: text, Loc: r.locate(n, firstField(text))}
	}
	c := &Command{Args: []Arg{}}
	cursor := 0
	for _, w := range words {
		loc, next := r.find(n, `"`+w, cursor)
		if loc.Line > 0 {
			loc.Column++ // past the quote
			cursor = next
		}
		c.Args = append(c.Args, Arg{Text: w, Loc: loc})
	}
	if len(c.Args) > 0 {
		c.Loc = c.Args[0].Loc
	} else {
		c.Loc = r.locate(n, "")
	}
	return c
}

func first(words []string) string {
	if len(words) > 0 {
		return words[0]
	}
	return ""
}

func firstField(s string) string {
	if f := strings.Fields(s); len(f) > 0 {
		return f[0]
	}
	return ""
}

// subst replaces variables as BuildKit does; unset lists the variables
// that are not set.
func (r *reading) subst(word string, vars map[string]string) (string, []string) {
	res, err := r.lex.ProcessWordWithMatches(word, envGetter(vars))
	if err != nil {
		return word, []string{"(" + err.Error() + ")"}
	}
	var unset []string
	for k := range res.Unmatched {
		unset = append(unset, k)
	}
	sort.Strings(unset)
	return res.Result, unset
}

// envGetter lets the lexer read a map.
type envGetter map[string]string

func (e envGetter) Get(k string) (string, bool) { v, ok := e[k]; return v, ok }

func (e envGetter) Keys() []string {
	keys := make([]string, 0, len(e))
	for k := range e {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func nodeValues(n *parser.Node) []string {
	var out []string
	for ; n != nil; n = n.Next {
		out = append(out, n.Value)
	}
	return out
}

// locate is where word (an argument of instruction n) is written, else
// where the instruction starts.
func (r *reading) locate(n *parser.Node, word string) model.Location {
	if word != "" {
		// skip the instruction keyword and its flags before searching
		_, after := r.find(n, n.Value, 0)
		for _, f := range n.Flags {
			_, after = r.find(n, f, after)
		}
		if loc, _ := r.find(n, word, after); loc.Line > 0 {
			return loc
		}
	}
	return model.Location{File: r.file, Line: r.editorLine(max(n.StartLine, 1)), Column: 1}
}

// find searches text in the source lines of instruction n from the
// cursor (an offset in the instruction's lines joined by "\n"); it
// returns where text starts and the cursor after it, or a zero Location.
func (r *reading) find(n *parser.Node, text string, cursor int) (model.Location, int) {
	if text == "" || n.StartLine < 1 || n.StartLine > len(r.lines) {
		return model.Location{}, cursor
	}
	end := min(max(n.EndLine, n.StartLine), len(r.lines))
	src := strings.Join(r.lines[n.StartLine-1:end], "\n")
	if cursor > len(src) {
		return model.Location{}, cursor
	}
	i := strings.Index(strings.ToLower(src[cursor:]), strings.ToLower(text))
	if i < 0 {
		return model.Location{}, cursor
	}
	off := cursor + i
	line := r.editorLine(n.StartLine + strings.Count(src[:off], "\n"))
	before := src[strings.LastIndexByte(src[:off], '\n')+1 : off]
	if i := strings.LastIndexByte(before, '\r'); i >= 0 {
		// a lone carriage return ends a line in an editor
		line += strings.Count(before, "\r")
		before = before[i+1:]
	}
	col := utf8.RuneCountInString(before) + 1
	return model.Location{File: r.file, Line: line, Column: col}, off + len(text)
}

// editorLine is the line an editor shows for line (1-based) of the
// parser, which splits at "\n" only: every lone "\r" before it (old Mac
// line endings, a stray one in a CRLF file) ends a line there too.
func (r *reading) editorLine(line int) int {
	if line < 1 || line > len(r.crBefore) {
		return line
	}
	return line + r.crBefore[line-1]
}

// loneCRsBefore counts, for each line, the lone carriage returns in the
// lines before it (the "\r" of a "\r\n" ends each line and is not one).
func loneCRsBefore(lines []string) []int {
	out := make([]int, len(lines))
	n := 0
	for i, l := range lines {
		out[i] = n
		n += strings.Count(strings.TrimSuffix(l, "\r"), "\r")
	}
	return out
}
