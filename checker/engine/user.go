package engine

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/streamlint/streamlint/internal/safefile"
)

// ReadDir reads the policies of a user directory: every .rego file below
// it (tests included when withTests), named by display path.
func ReadDir(dir string, display func(string) string, v0, withTests bool) ([]Module, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("policy directory %s: %w", dir, err)
	}
	st, err := os.Stat(abs)
	if err != nil {
		return nil, fmt.Errorf("policy directory %s: %w", dir, err)
	}
	if !st.IsDir() {
		return nil, fmt.Errorf("policy directory %s: not a directory", dir)
	}
	var mods []Module
	err = filepath.WalkDir(abs, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if p != abs && strings.HasPrefix(d.Name(), ".") {
				return fs.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(p, ".rego") || (!withTests && strings.HasSuffix(p, "_test.rego")) {
			return nil
		}
		src, err := safefile.Read(p, safefile.DefaultLimit)
		if err != nil {
			return fmt.Errorf("policy %s: %s", display(p), safefile.Message(err))
		}
		mods = append(mods, Module{Path: display(p), Source: src, RegoV0: v0})
		return nil
	})
	if err != nil {
		return nil, err
	}
	sort.Slice(mods, func(i, j int) bool { return mods[i].Path < mods[j].Path })
	return mods, nil
}

// ReadTests reads the *_test.rego files of an embedded policy tree.
func ReadTests(fsys fs.FS, prefix string) ([]Module, error) {
	var mods []Module
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || !strings.HasSuffix(p, "_test.rego") {
			return nil
		}
		src, err := fs.ReadFile(fsys, p)
		if err != nil {
			return fmt.Errorf("read policy %s: %w", p, err)
		}
		mods = append(mods, Module{Path: prefix + "/" + p, Source: src})
		return nil
	})
	return mods, err
}
