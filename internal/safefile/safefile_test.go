package safefile

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestRefusals: every kind of path a pull request can plant is refused
// without being opened, and the error holds no byte of the file.
func TestRefusals(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		must(os.WriteFile(p, []byte(body), 0o644))
		return p
	}
	link := func(name, target string) string {
		p := filepath.Join(dir, name)
		must(os.Symlink(target, p))
		return p
	}
	ok := write("ok.env", "A=canary-secret\n")
	must(syscall.Mkfifo(filepath.Join(dir, "fifo"), 0o644))
	must(os.Mkdir(filepath.Join(dir, "sub"), 0o755))
	cases := []struct {
		name   string
		path   string
		limit  int64
		reason Reason
		msg    string
	}{
		{"environ", link("environ", "/proc/self/environ"), 0, SystemPath, "links to /proc/"},
		{"environ direct", "/proc/self/environ", 0, SystemPath, "under /proc"},
		{"zero", link("zero", "/dev/zero"), 0, SystemPath, "under /proc"},
		{"sys", "/sys/kernel/mm/transparent_hugepage/enabled", 0, SystemPath, "under /proc"},
		{"fifo", filepath.Join(dir, "fifo"), 0, NotRegular, "not a regular file"},
		{"link to fifo", link("lfifo", "fifo"), 0, NotRegular, "not a regular file"},
		{"directory", filepath.Join(dir, "sub"), 0, Directory, "is a directory"},
		{"missing", filepath.Join(dir, "nope"), 0, NotExist, "does not exist"},
		{"dangling", link("dangling", "nope"), 0, NotExist, "which does not exist"},
		{"loop", link("loop", "loop"), 0, Loop, "cannot be resolved"},
		{"too large", ok, 4, TooLarge, "over the 4-byte limit"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			done := make(chan struct{})
			var err error
			go func() {
				defer close(done)
				_, err = Read(c.path, c.limit)
			}()
			select {
			case <-done:
			case <-time.After(10 * time.Second):
				t.Fatal("Read blocked")
			}
			var e *Error
			if !errors.As(err, &e) || e.Reason != c.reason || !strings.Contains(e.Msg(), c.msg) {
				t.Fatalf("got %v, want reason %d %q", err, c.reason, c.msg)
			}
			if strings.Contains(err.Error(), "canary") {
				t.Errorf("error holds file content: %v", err)
			}
			if c.reason == NotExist && !errors.Is(err, fs.ErrNotExist) {
				t.Error("not errors.Is(fs.ErrNotExist)")
			}
		})
	}
	data, err := Read(link("good", "ok.env"), 100)
	if err != nil || string(data) != "A=canary-secret\n" {
		t.Errorf("a link to a regular file: %q, %v", data, err)
	}
	head, err := ReadHead(ok, 2)
	if err != nil || string(head) != "A=" {
		t.Errorf("ReadHead: %q, %v", head, err)
	}
}
