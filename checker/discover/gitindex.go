package discover

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/go-git/go-git/v5/plumbing/format/index"

	"github.com/streamlint/streamlint/internal/safefile"
)

// maxIndexSize bounds the git index read (a repository of about a
// million files).
const maxIndexSize = 256 << 20

// tracked is the set of paths git tracks in the work tree around a walk
// root, read from .git/index the first time a .gitignore hides
// something: git's own rule is that .gitignore never hides a tracked
// file, and a pull request can commit a .gitignore of "*".
//
// The index is read with go-git's decoder rather than by running git:
// git may not be installed where streamlint runs (a container, a
// pre-commit environment), and running git in a checkout a pull request
// controls runs whatever its configuration says (core.fsmonitor).
type tracked struct {
	root  string   // absolute work tree root
	paths []string // sorted, slash-separated, relative to root
}

// findWorkTree returns the work tree containing dir and its index file,
// or "" when dir is in no git work tree. A ".git" file (a linked work
// tree or a submodule) names the git directory.
func findWorkTree(dir string) (root, indexFile string) {
	for d := dir; ; d = filepath.Dir(d) {
		g := filepath.Join(d, ".git")
		if st, err := os.Lstat(g); err == nil {
			if st.IsDir() {
				return d, filepath.Join(g, "index")
			}
			data, err := safefile.Read(g, 64<<10)
			if err == nil {
				if rest, ok := strings.CutPrefix(strings.TrimSpace(string(data)), "gitdir:"); ok {
					gd := strings.TrimSpace(rest)
					if !filepath.IsAbs(gd) {
						gd = filepath.Join(d, gd)
					}
					return d, filepath.Join(gd, "index")
				}
			}
			return "", ""
		}
		if filepath.Dir(d) == d {
			return "", ""
		}
	}
}

// loadTracked reads the index of the work tree around dir; nil (and no
// error) outside a work tree or in one without an index yet.
func loadTracked(dir string) (*tracked, error) {
	root, file := findWorkTree(dir)
	if root == "" {
		return nil, nil
	}
	data, err := safefile.Read(file, maxIndexSize)
	if safefile.IsNotExist(err) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("git index: %w", err)
	}
	var idx index.Index
	if err := index.NewDecoder(bytes.NewReader(data)).Decode(&idx); err != nil {
		return nil, fmt.Errorf("git index %s: %w", file, err)
	}
	t := &tracked{root: root, paths: make([]string, 0, len(idx.Entries))}
	for _, e := range idx.Entries {
		t.paths = append(t.paths, e.Name)
	}
	sort.Strings(t.paths)
	return t, nil
}

// rel is abs relative to the work tree, "" when outside it.
func (t *tracked) rel(abs string) (string, bool) {
	r, err := filepath.Rel(t.root, abs)
	if err != nil || r == ".." || strings.HasPrefix(r, ".."+string(filepath.Separator)) {
		return "", false
	}
	return filepath.ToSlash(r), true
}

// file reports whether git tracks the file at abs.
func (t *tracked) file(abs string) bool {
	if t == nil {
		return false
	}
	r, ok := t.rel(abs)
	if !ok {
		return false
	}
	i := sort.SearchStrings(t.paths, r)
	return i < len(t.paths) && t.paths[i] == r
}

// under reports whether git tracks any file below the directory abs.
func (t *tracked) under(abs string) bool {
	if t == nil {
		return false
	}
	r, ok := t.rel(abs)
	if !ok {
		return false
	}
	prefix := r + "/"
	if r == "." {
		return len(t.paths) > 0
	}
	i := sort.SearchStrings(t.paths, prefix)
	return i < len(t.paths) && strings.HasPrefix(t.paths[i], prefix)
}
