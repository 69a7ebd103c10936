// Package suppress reads inline suppression comments and applies them to
// findings, in one place:
//
//	# streamlint:ignore KAF002,KAF005 -- reason       (the line or the line below)
//	# streamlint:ignore-file KAF002 -- reason         (the whole file)
//
// `#` starts the comment in YAML, Python, .conf and .properties files,
// `//` in Scala. In .conf and .properties files a `#` after a value is part
// of the value, so only a comment line suppresses, on the line below it.
package suppress

import (
	"fmt"
	"path"
	"regexp"
	"strings"

	"github.com/streamlint/streamlint/checker/model"
)

// Directive is one suppression comment.
type Directive struct {
	Loc    model.Location
	Rules  []string
	Reason string
	File   bool // ignore-file
	// lineAbove: a comment on a line of its own applies to the next line.
	ownLine bool
	used    bool
}

var directiveRe = regexp.MustCompile(`streamlint:ignore(-file)?\b(.*)$`)

var idRe = regexp.MustCompile(`^[A-Za-z]{3}[0-9]{3}$`)

// style is how a file writes comments.
type style int

const (
	hashAnywhere  style = iota // YAML, Python: '#' after whitespace or at line start
	hashLineOnly               // .conf, .properties: only whole-line comments
	slashAnywhere              // Scala
)

func styleOf(file string) style {
	switch path.Ext(file) {
	case ".conf", ".properties":
		return hashLineOnly
	case ".scala":
		return slashAnywhere
	}
	return hashAnywhere
}

// Parse finds the directives of one file (file is its display path).
func Parse(file string, src []byte) []*Directive {
	if !strings.Contains(string(src), "streamlint:ignore") {
		return nil
	}
	st := styleOf(file)
	var out []*Directive
	for i, line := range lines(string(src)) {
		comment, col, ownLine := commentOf(line, st)
		if comment == "" {
			continue
		}
		m := directiveRe.FindStringSubmatchIndex(comment)
		if m == nil {
			continue
		}
		// the directive must start the comment text
		if strings.TrimSpace(comment[:m[0]]) != "" {
			continue
		}
		d := &Directive{
			Loc:     model.Location{File: file, Line: i + 1, Column: col + 1},
			File:    m[2] >= 0,
			ownLine: ownLine,
		}
		rest := comment[m[4]:m[5]]
		if j := strings.Index(rest, " #"); j >= 0 && st != slashAnywhere {
			rest = rest[:j] // a further comment after the directive
		}
		ids, reason, _ := strings.Cut(rest, "--")
		d.Reason = strings.TrimSpace(reason)
		for _, f := range strings.FieldsFunc(ids, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' }) {
			d.Rules = append(d.Rules, strings.ToUpper(f))
		}
		out = append(out, d)
	}
	return out
}

// commentOf returns the comment text of a line (after the marker), the
// 0-based rune column of the marker, and whether the comment is the whole line.
func commentOf(line string, st style) (string, int, bool) {
	trimmed := strings.TrimLeft(line, " \t")
	lead := len([]rune(line)) - len([]rune(trimmed))
	switch st {
	case hashLineOnly:
		if strings.HasPrefix(trimmed, "#") || strings.HasPrefix(trimmed, "!") {
			return trimmed[1:], lead, true
		}
		return "", 0, false
	case slashAnywhere:
		i := strings.Index(line, "//")
		if i < 0 {
			return "", 0, false
		}
		return line[i+2:], len([]rune(line[:i])), strings.TrimSpace(line[:i]) == ""
	}
	for i := 0; i < len(line); i++ {
		if line[i] == '#' && (i == 0 || line[i-1] == ' ' || line[i-1] == '\t') {
			return line[i+1:], len([]rune(line[:i])), strings.TrimSpace(line[:i]) == ""
		}
	}
	return "", 0, false
}

// Set is the directives of every file of a run.
type Set struct {
	byFile map[string][]*Directive
}

// NewSet builds a Set from each file's directives.
func NewSet() *Set { return &Set{byFile: map[string][]*Directive{}} }

// Add records a file's directives (once per file).
func (s *Set) Add(file string, ds []*Directive) {
	if _, ok := s.byFile[file]; ok {
		return
	}
	s.byFile[file] = ds
}

// Match returns the directive that suppresses a finding, if any: an
// ignore-file for its rule in its file, or an ignore on its primary line
// (or on a comment line just above it).
func (s *Set) Match(f model.Finding) *Directive {
	for _, d := range s.byFile[f.File] {
		if !d.names(f.RuleID) {
			continue
		}
		if d.File || d.Loc.Line == f.Line && styleOf(f.File) != hashLineOnly || d.ownLine && d.Loc.Line+1 == f.Line {
			d.used = true
			return d
		}
	}
	return nil
}

func (d *Directive) names(id string) bool {
	for _, r := range d.Rules {
		if r == id {
			return true
		}
	}
	return false
}

// Problem is an LNT001 finding about a directive.
type Problem struct {
	Loc     model.Location
	Message string
}

// Problems lists directives without a reason or rule, with unknown rule
// ids, or that suppressed nothing (call after every Match).
func (s *Set) Problems(known func(string) bool) []Problem {
	var out []Problem
	for _, ds := range s.byFile {
		for _, d := range ds {
			kind := "streamlint:ignore"
			if d.File {
				kind = "streamlint:ignore-file"
			}
			switch {
			case len(d.Rules) == 0:
				out = append(out, Problem{d.Loc, kind + " names no rule: write the rule ids it silences, e.g. `# " + kind + " KAF002 -- reason`"})
				continue
			case d.Reason == "":
				out = append(out, Problem{d.Loc, fmt.Sprintf("%s %s has no reason: add ` -- why this is fine here` so reviewers know", kind, strings.Join(d.Rules, ","))})
			}
			for _, r := range d.Rules {
				if !idRe.MatchString(r) || !known(r) {
					out = append(out, Problem{d.Loc, fmt.Sprintf("%s names unknown rule %q (see streamlint rules)", kind, r)})
				}
			}
			if !d.used {
				out = append(out, Problem{d.Loc, fmt.Sprintf("%s %s suppresses nothing: no such finding here any more; remove it", kind, strings.Join(d.Rules, ","))})
			}
		}
	}
	return out
}

// lines splits a file at LF, CR LF and a lone CR, as YAML, Python, Scala
// and properties files count lines: a directive in a file with CR line
// ends was on line 1 and suppressed nothing.
func lines(s string) []string {
	if strings.Contains(s, "\r") {
		s = strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
	}
	return strings.Split(s, "\n")
}
