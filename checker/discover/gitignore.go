package discover

import (
	"bufio"
	"bytes"
	"path"
	"strings"
)

// ignoreRule is one line of a .gitignore file.
type ignoreRule struct {
	base    string // directory of the .gitignore, slash-separated, relative to the walk root
	pattern string
	negate  bool
	dirOnly bool
	// anchored patterns (with a slash other than a trailing one) match
	// from base; others match any path component sequence below it.
	anchored bool
}

// parseGitignore reads the rules of one .gitignore at base.
func parseGitignore(base string, data []byte) []ignoreRule {
	var rules []ignoreRule
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		line := strings.TrimRight(sc.Text(), " \t\r")
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		r := ignoreRule{base: base}
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
		r.pattern = line
		rules = append(rules, r)
	}
	return rules
}

// ignored reports whether rel (slash-separated, relative to the walk root)
// is ignored by rules; the last matching rule wins, as in git.
func ignored(rules []ignoreRule, rel string, isDir bool) bool {
	result := false
	for _, r := range rules {
		if r.dirOnly && !isDir {
			continue
		}
		sub := rel
		if r.base != "" && r.base != "." {
			if !strings.HasPrefix(rel, r.base+"/") {
				continue
			}
			sub = strings.TrimPrefix(rel, r.base+"/")
		}
		if matchIgnore(r, sub) {
			result = !r.negate
		}
	}
	return result
}

func matchIgnore(r ignoreRule, sub string) bool {
	if r.anchored {
		return globMatch(r.pattern, sub)
	}
	// unanchored: match the last component, or any suffix of components
	parts := strings.Split(sub, "/")
	for i := range parts {
		if globMatch(r.pattern, strings.Join(parts[i:], "/")) {
			return true
		}
	}
	return false
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
