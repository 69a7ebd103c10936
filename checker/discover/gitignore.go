package discover

import (
	"fmt"
	"path"
	"strings"
)

// ignoreRule is one line of a .gitignore file.
type ignoreRule struct {
	index   int    // order over every .gitignore read: the last match wins
	base    string // directory of the .gitignore, slash-separated, relative to the walk root ("" for the root)
	pattern string
	negate  bool
	dirOnly bool
	// anchored patterns (with a slash other than a trailing one) match
	// from base; others match the last component of a path.
	anchored bool
	source   string // the .gitignore file, as given to add
	line     int
	// literal is the longest run of pattern without glob characters: a
	// path that does not contain it cannot match.
	literal string
}

// where says which line of which .gitignore a rule is.
func (r *ignoreRule) where() string {
	return fmt.Sprintf("%s:%d (%q)", r.source, r.line, r.text())
}

func (r *ignoreRule) text() string {
	s := r.pattern
	if r.anchored {
		s = "/" + s
	}
	if r.dirOnly {
		s += "/"
	}
	if r.negate {
		s = "!" + s
	}
	return s
}

// ignoreSet holds the rules of every .gitignore met, indexed so that
// matching a path costs about the same whatever the number of rules: a
// pattern without glob characters is a map lookup, "*suffix" is a
// lookup per suffix of the name; only the remaining globs are tried one
// by one, newest first, and only while they could still win.
type ignoreSet struct {
	n      int
	byBase map[string]*ruleGroup
}

type ruleGroup struct {
	// exact[name] and suffix[s] hold the highest index among the rules
	// of that text, for files and directories (all) and for directories
	// only (dirs).
	exactAll, exactDirs   map[string]*ignoreRule
	suffixAll, suffixDirs map[string]*ignoreRule
	globs                 []*ignoreRule // in index order
}

func newIgnoreSet() *ignoreSet { return &ignoreSet{byBase: map[string]*ruleGroup{}} }

// hasGlob reports whether s has characters path.Match treats specially.
func hasGlob(s string) bool { return strings.ContainsAny(s, `*?[\`) }

// add reads the rules of one .gitignore at base (relative to the walk
// root, "" for the root); source names the file in notes.
func (s *ignoreSet) add(base, source string, data []byte) {
	g := s.byBase[base]
	if g == nil {
		g = &ruleGroup{exactAll: map[string]*ignoreRule{}, exactDirs: map[string]*ignoreRule{}, suffixAll: map[string]*ignoreRule{}, suffixDirs: map[string]*ignoreRule{}}
		s.byBase[base] = g
	}
	for i, line := range strings.Split(string(data), "\n") {
		line = strings.TrimRight(line, " \t\r")
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		r := &ignoreRule{base: base, source: source, line: i + 1}
		if strings.HasPrefix(line, "!") {
			r.negate = true
			line = line[1:]
		}
		line = strings.TrimPrefix(line, `\`)
		if strings.HasSuffix(line, "/") {
			r.dirOnly = true
			line = strings.TrimSuffix(line, "/")
		}
		if strings.Contains(line, "/") {
			r.anchored = true
			line = strings.TrimPrefix(line, "/")
		}
		if line == "" {
			continue
		}
		if _, err := path.Match(line, ""); err != nil && !strings.Contains(line, "**") {
			continue // git ignores a pattern it cannot parse
		}
		r.pattern = line
		r.index = s.n
		s.n++
		exact, suffix := g.exactAll, g.suffixAll
		if r.dirOnly {
			exact, suffix = g.exactDirs, g.suffixDirs
		}
		switch {
		case !hasGlob(line):
			key := line
			if r.anchored {
				key = "/" + line
			}
			exact[key] = r
		case !r.anchored && strings.HasPrefix(line, "*") && !hasGlob(line[1:]):
			suffix[line[1:]] = r
		default:
			r.literal = longestLiteral(line)
			g.globs = append(g.globs, r)
		}
	}
}

// longestLiteral is the longest run of s between glob characters.
func longestLiteral(s string) string {
	best := ""
	for _, part := range strings.FieldsFunc(s, func(r rune) bool { return strings.ContainsRune(`*?[]\/`, r) }) {
		if len(part) > len(best) {
			best = part
		}
	}
	if strings.ContainsRune(s, '[') {
		return "" // a class may stand for the characters around it
	}
	return best
}

// match returns the rule that decides whether rel (slash-separated,
// relative to the walk root) is ignored, nil when none matches: the
// last matching rule, as in git.
func (s *ignoreSet) match(rel string, isDir bool) *ignoreRule {
	if s == nil || s.n == 0 {
		return nil
	}
	var best *ignoreRule
	better := func(r *ignoreRule) {
		if r != nil && (best == nil || r.index > best.index) {
			best = r
		}
	}
	name := rel[strings.LastIndexByte(rel, '/')+1:]
	// the .gitignore files that apply are those of rel's ancestors
	for i := -1; i < len(rel); i++ {
		if i >= 0 && rel[i] != '/' {
			continue
		}
		base, sub := "", rel
		if i > 0 {
			base, sub = rel[:i], rel[i+1:]
		}
		g := s.byBase[base]
		if g == nil {
			continue
		}
		better(g.exactAll[name])
		better(g.exactAll["/"+sub])
		if isDir {
			better(g.exactDirs[name])
			better(g.exactDirs["/"+sub])
		}
		for i := range name {
			better(g.suffixAll[name[i:]])
			if isDir {
				better(g.suffixDirs[name[i:]])
			}
		}
		better(g.suffixAll[""])
		if isDir {
			better(g.suffixDirs[""])
		}
		for i := len(g.globs) - 1; i >= 0; i-- {
			r := g.globs[i]
			if best != nil && r.index < best.index {
				break
			}
			if r.dirOnly && !isDir {
				continue
			}
			target := name
			if r.anchored {
				target = sub
			}
			if r.literal != "" && !strings.Contains(target, r.literal) {
				continue
			}
			if globMatch(r.pattern, target) {
				better(r)
				break
			}
		}
	}
	return best
}

// ignored reports whether rel is ignored, and by which rule.
func (s *ignoreSet) ignored(rel string, isDir bool) (*ignoreRule, bool) {
	r := s.match(rel, isDir)
	return r, r != nil && !r.negate
}

// globMatch matches with path.Match semantics plus `**` for any number of
// directories.
func globMatch(pattern, name string) bool {
	if !strings.Contains(pattern, "**") {
		ok, err := path.Match(pattern, name)
		return err == nil && ok
	}
	pp := strings.Split(pattern, "/")
	np := strings.Split(name, "/")
	return matchParts(pp, np)
}

// ValidGlob reports whether pattern is a glob an exclude can use: path.Match
// syntax in each part, and ** for any number of directories.
func ValidGlob(pattern string) error {
	for _, part := range strings.Split(pattern, "/") {
		if part == "**" {
			continue
		}
		if _, err := path.Match(part, ""); err != nil {
			return err
		}
	}
	return nil
}

func matchParts(pp, np []string) bool {
	for len(pp) > 0 {
		if pp[0] == "**" {
			if len(pp) == 1 {
				return true
			}
			for i := 0; i <= len(np); i++ {
				if matchParts(pp[1:], np[i:]) {
					return true
				}
			}
			return false
		}
		if len(np) == 0 {
			return false
		}
		ok, err := path.Match(pp[0], np[0])
		if err != nil || !ok {
			return false
		}
		pp, np = pp[1:], np[1:]
	}
	return len(np) == 0
}
