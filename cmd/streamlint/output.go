package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/streamlint/streamlint/checker/report"
)

// outputSpec is one --format, with the --output that follows it.
type outputSpec struct {
	format string
	path   string
}

// outputList implements --format/--output pairs: each --output belongs to
// the --format before it.
type outputList struct {
	specs []outputSpec
}

type formatFlag struct{ l *outputList }

func (f formatFlag) String() string { return "text" }

func (f formatFlag) Type() string { return "format" }

func (f formatFlag) Set(v string) error {
	f.l.specs = append(f.l.specs, outputSpec{format: v})
	return nil
}

type outputFlag struct{ l *outputList }

func (f outputFlag) String() string { return "" }

func (f outputFlag) Type() string { return "file" }

func (f outputFlag) Set(v string) error {
	if len(f.l.specs) == 0 || f.l.specs[len(f.l.specs)-1].path != "" {
		f.l.specs = append(f.l.specs, outputSpec{format: "text"})
	}
	f.l.specs[len(f.l.specs)-1].path = v
	return nil
}

func useColor(e env, noColor bool) bool {
	if noColor || e.getenv("NO_COLOR") != "" {
		return false
	}
	return e.isTerminal(e.stdout)
}

func writeReport(e env, path string, rep report.Reporter, r *report.Report) error {
	if path == "" {
		return rep.Write(e.stdout, r)
	}
	return writeFileAtomic(path, func(w io.Writer) error { return rep.Write(w, r) })
}

// checkOutputTarget refuses an output path inside the working directory
// (the checkout a pull request controls) that symlinks lead outside it
// to a file: a committed streamlint.sarif linking to ~/.bashrc or to a
// file of the runner must not be overwritten by -o streamlint.sarif.
// Devices and FIFOs (/dev/stdout, /dev/null, a pipe) stay allowed, and so
// do paths outside the working directory, which the user chose.
func checkOutputTarget(path string) error {
	cwd, err := os.Getwd()
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if !within(cwd, abs) {
		return nil
	}
	// where the links lead: the file itself, or its directory when the
	// file does not exist yet (a dangling link, or a link to a directory)
	resolved, err := filepath.EvalSymlinks(abs)
	if err != nil {
		dir, derr := filepath.EvalSymlinks(filepath.Dir(abs))
		if derr != nil {
			return nil // the write reports it
		}
		if target, lerr := os.Readlink(abs); lerr == nil {
			if !filepath.IsAbs(target) {
				target = filepath.Join(dir, target)
			}
			resolved = filepath.Clean(target)
		} else {
			resolved = filepath.Join(dir, filepath.Base(abs))
		}
	}
	if realCwd, err := filepath.EvalSymlinks(cwd); err == nil && within(realCwd, resolved) || within(cwd, resolved) {
		return nil
	}
	if st, err := os.Stat(resolved); err == nil && !st.Mode().IsRegular() && !st.IsDir() {
		return nil // a device or FIFO
	}
	return fmt.Errorf("write %s: it is a symlink (or below one) to %s, outside the working directory: streamlint does not write there (give the target path itself if you mean it)", path, resolved)
}

// within reports whether p is dir or below it.
func within(dir, p string) bool {
	rel, err := filepath.Rel(dir, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// writeFileAtomic writes through a temporary file in the same directory
// and a rename, so a reader never sees half a file.
func writeFileAtomic(path string, write func(io.Writer) error) error {
	if err := checkOutputTarget(path); err != nil {
		return err
	}
	// Write through a symlink to its target, and to a device or FIFO
	// (--output /dev/stdout, /dev/null, a pipe) directly: renaming a
	// temporary file over them would replace the link or the device node.
	if target, err := filepath.EvalSymlinks(path); err == nil {
		path = target
	}
	if st, err := os.Stat(path); err == nil && !st.Mode().IsRegular() {
		if st.IsDir() {
			return fmt.Errorf("write %s: is a directory", path)
		}
		f, err := os.OpenFile(path, os.O_WRONLY, 0)
		if err != nil {
			return fmt.Errorf("write %s: %w", path, err)
		}
		if err := write(f); err != nil {
			f.Close()
			return fmt.Errorf("write %s: %w", path, err)
		}
		if err := f.Close(); err != nil {
			return fmt.Errorf("write %s: %w", path, err)
		}
		return nil
	}
	mode := os.FileMode(0o644)
	if st, err := os.Stat(path); err == nil {
		mode = st.Mode().Perm() // keep an existing file's permissions
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".streamlint-*")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	defer os.Remove(tmp.Name())
	if err := tmp.Chmod(mode); err != nil {
		tmp.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := write(tmp); err != nil {
		tmp.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}
