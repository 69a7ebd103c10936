package main

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestOutputTargets: --output writes a new or existing file atomically
// with sensible permissions, writes through a symlink without replacing
// it, and writes to a FIFO (or a device such as /dev/null) directly
// instead of renaming a file over it.
func TestOutputTargets(t *testing.T) {
	dir := t.TempDir()
	check := func(t *testing.T, out string) {
		t.Helper()
		_, errOut, code := runCLI(t, nil, "check", "--format", "json", "--output", out, "fixtures/incident/before")
		if code != 1 {
			t.Fatalf("exit %d: %s", code, errOut)
		}
	}
	isReport := func(t *testing.T, b []byte) {
		t.Helper()
		if !strings.Contains(string(b), `"rule_id": "CAP001"`) {
			t.Fatalf("not the report: %.200s", b)
		}
	}

	t.Run("new file", func(t *testing.T) {
		out := filepath.Join(dir, "new.json")
		check(t, out)
		st, err := os.Stat(out)
		if err != nil {
			t.Fatal(err)
		}
		if st.Mode().Perm() != 0o644 {
			t.Errorf("mode %v, want 0644", st.Mode().Perm())
		}
	})
	t.Run("existing file keeps its mode", func(t *testing.T) {
		out := filepath.Join(dir, "existing.json")
		if err := os.WriteFile(out, []byte("old"), 0o640); err != nil {
			t.Fatal(err)
		}
		check(t, out)
		st, _ := os.Stat(out)
		if st.Mode().Perm() != 0o640 {
			t.Errorf("mode %v, want 0640", st.Mode().Perm())
		}
		b, _ := os.ReadFile(out)
		isReport(t, b)
	})
	t.Run("symlink", func(t *testing.T) {
		target := filepath.Join(dir, "target.json")
		link := filepath.Join(dir, "link.json")
		if err := os.WriteFile(target, nil, 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(target, link); err != nil {
			t.Fatal(err)
		}
		check(t, link)
		if st, err := os.Lstat(link); err != nil || st.Mode()&os.ModeSymlink == 0 {
			t.Fatalf("the link was replaced: %v %v", st.Mode(), err)
		}
		b, _ := os.ReadFile(target)
		isReport(t, b)
	})
	t.Run("fifo", func(t *testing.T) {
		fifo := filepath.Join(dir, "pipe")
		if err := syscall.Mkfifo(fifo, 0o600); err != nil {
			t.Skip("no FIFOs here:", err)
		}
		got := make(chan []byte)
		go func() {
			f, err := os.Open(fifo)
			if err != nil {
				got <- nil
				return
			}
			defer f.Close()
			b, _ := io.ReadAll(f)
			got <- b
		}()
		check(t, fifo)
		if st, err := os.Lstat(fifo); err != nil || st.Mode()&os.ModeNamedPipe == 0 {
			t.Fatalf("the FIFO was replaced: %v %v", st.Mode(), err)
		}
		isReport(t, <-got)
		if entries, _ := os.ReadDir(dir); len(entries) != 5 {
			t.Errorf("temporary files left behind: %v", entries)
		}
	})
}

// TestOutputRefusesLinkOutside: a committed streamlint.sarif (or a
// directory on the way) that is a symlink leading outside the working
// directory is refused, not written through; a device stays allowed, and
// so does a path outside the working directory given as it is.
func TestOutputRefusesLinkOutside(t *testing.T) {
	outside := t.TempDir()
	victim := filepath.Join(outside, "victim")
	if err := os.WriteFile(victim, []byte("keep"), 0o644); err != nil {
		t.Fatal(err)
	}
	repo := t.TempDir()
	t.Chdir(repo)
	for name, target := range map[string]string{"streamlint.sarif": victim, "dangling.sarif": filepath.Join(outside, "new"), "out": outside} {
		if err := os.Symlink(target, filepath.Join(repo, name)); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink("/dev/null", filepath.Join(repo, "null.sarif")); err != nil {
		t.Fatal(err)
	}
	write := func(w io.Writer) error { _, err := io.WriteString(w, "report"); return err }
	for _, p := range []string{"streamlint.sarif", "dangling.sarif", "out/x.sarif", filepath.Join(repo, "streamlint.sarif")} {
		if err := writeFileAtomic(p, write); err == nil || !strings.Contains(err.Error(), "outside the working directory") {
			t.Errorf("%s: %v", p, err)
		}
	}
	if b, _ := os.ReadFile(victim); string(b) != "keep" {
		t.Errorf("the file outside was overwritten: %q", b)
	}
	if entries, _ := os.ReadDir(outside); len(entries) != 1 {
		t.Errorf("files created outside: %v", entries)
	}
	for _, p := range []string{"null.sarif", "local.sarif", filepath.Join(outside, "chosen.sarif")} {
		if err := writeFileAtomic(p, write); err != nil {
			t.Errorf("%s: %v", p, err)
		}
	}
}
