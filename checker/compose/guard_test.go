package compose

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestReferencedSpecialFilesRefused: an include, include env_file or
// extends file that is a device or a pipe is refused before compose-go
// opens it (found by the bad-input corpus: `include: [/dev/zero]` never
// returned), with the line of the entry; one over the size limit too.
func TestReferencedSpecialFilesRefused(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	fifo := filepath.Join(dir, "pipe.yaml")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	big := filepath.Join(dir, "big.yaml")
	if err := os.WriteFile(big, []byte("services: {}\n"+strings.Repeat("#", 200)+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	cases := map[string]string{
		"dev-zero.yaml":    "services:\n  a:\n    image: x\ninclude:\n  - /dev/zero\n",
		"fifo.yaml":        "include:\n  - path: pipe.yaml\nservices:\n  a:\n    image: x\n",
		"fifo-env.yaml":    "include:\n  - path: ok.yaml\n    env_file: pipe.yaml\nservices:\n  a:\n    image: x\n",
		"extends.yaml":     "services:\n  a:\n    image: x\n    extends:\n      file: pipe.yaml\n      service: b\n",
		"big-include.yaml": "include:\n  - big.yaml\nservices:\n  a:\n    image: x\n",
	}
	wantLine := map[string]int{"dev-zero.yaml": 5, "fifo.yaml": 2, "fifo-env.yaml": 3, "extends.yaml": 5, "big-include.yaml": 2}
	if err := os.WriteFile(filepath.Join(dir, "ok.yaml"), []byte("services:\n  o:\n    image: y\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for name, body := range cases {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := NewLoader(Options{MaxFileSize: 100}).Load(context.Background(), []string{p})
		var le *LoadError
		if !errors.As(err, &le) {
			t.Errorf("%s: got %v, want a LoadError", name, err)
			continue
		}
		if le.Loc.Line != wantLine[name] || (!strings.Contains(le.Msg, "not a regular file") && !strings.Contains(le.Msg, "over the 100-byte limit") && !strings.Contains(le.Msg, "under /proc, /sys or /dev")) {
			t.Errorf("%s: %v (want line %d)", name, le, wantLine[name])
		}
	}
}
