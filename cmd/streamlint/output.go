package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"

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

// writeFileAtomic writes through a temporary file in the same directory
// and a rename, so a reader never sees half a file.
func writeFileAtomic(path string, write func(io.Writer) error) error {
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
