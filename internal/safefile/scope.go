package safefile

import (
	"os"
	"path/filepath"
	"strings"
)

// Scope is the part of the file system that the files under check may
// lead streamlint to read. A compose file, a mount, a Dockerfile or a
// configuration file in a pull request names paths of its choosing: an
// absolute `env_file: /home/runner/...` or a mount of `.git/config`
// (where CI checkouts keep their token) would hand the runner's files
// to interpolation, the policy input and `parse`. A Scope admits only
// paths under its roots (the work trees and directories being checked,
// and the working directory) and never one inside a .git directory.
// The zero Scope admits every path: for files the user names on the
// command line.
type Scope struct {
	roots []string // absolute, symlinks resolved
}

// NewScope is the Scope of the given roots (files stand for their
// directory; each root's git work tree, if any, is a root too).
func NewScope(roots ...string) Scope {
	var s Scope
	for _, r := range roots {
		abs, err := filepath.Abs(r)
		if err != nil {
			continue
		}
		if resolved, err := filepath.EvalSymlinks(abs); err == nil {
			abs = resolved
		}
		if st, err := os.Stat(abs); err == nil && !st.IsDir() {
			abs = filepath.Dir(abs)
		}
		s.add(abs)
		if top := workTreeOf(abs); top != "" {
			s.add(top)
		}
	}
	return s
}

func (s *Scope) add(root string) {
	for _, r := range s.roots {
		if r == root {
			return
		}
	}
	s.roots = append(s.roots, root)
}

// workTreeOf is the nearest directory at or above dir that holds a .git
// entry, "" when none does.
func workTreeOf(dir string) string {
	for d := dir; ; d = filepath.Dir(d) {
		if _, err := os.Lstat(filepath.Join(d, ".git")); err == nil {
			return d
		}
		if filepath.Dir(d) == d {
			return ""
		}
	}
}

// refuse is why resolved (absolute, symlinks resolved) is out of s, 0
// when it is in.
func (s Scope) refuse(resolved string) Reason {
	if len(s.roots) == 0 {
		return 0
	}
	for _, r := range s.roots {
		rel, err := filepath.Rel(r, resolved)
		if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			continue
		}
		for _, part := range strings.Split(filepath.ToSlash(rel), "/") {
			if part == ".git" {
				return GitDir
			}
		}
		return 0
	}
	return Outside
}

// Vet is the package's Vet, refusing too what lies outside s.
func (s Scope) Vet(path string, limit int64) (Info, error) {
	info, err := Vet(path, limit)
	if err != nil {
		return info, err
	}
	if r := s.refuse(info.Resolved); r != 0 {
		return Info{}, &Error{Path: path, Resolved: info.Resolved, Reason: r}
	}
	return info, nil
}

// VetDir refuses a directory (or file) path that resolves outside s, into
// a .git directory, or under /proc, /sys or /dev: the directories a
// committed configuration names (policies) are walked, not read as one
// file, so Vet's regular-file check does not apply. A path that does not
// exist is left to the reader to report.
func (s Scope) VetDir(path string) error {
	abs, err := filepath.Abs(path)
	if err != nil {
		return &Error{Path: path, Err: err}
	}
	resolved, err := filepath.EvalSymlinks(abs)
	if err != nil {
		return nil // missing: the reader says so
	}
	if underSystemDir(resolved) || underSystemDir(abs) {
		return &Error{Path: path, Resolved: resolved, Reason: SystemPath}
	}
	if r := s.refuse(resolved); r != 0 {
		return &Error{Path: path, Resolved: resolved, Reason: r}
	}
	return nil
}

// Read is the package's Read, refusing too what lies outside s.
func (s Scope) Read(path string, limit int64) ([]byte, error) {
	return s.read(path, limit, -1)
}
