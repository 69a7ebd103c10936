package discover

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestSpecialFilesNeverOpened: a FIFO or a link to a device is never
// opened to sniff its kind (opening a FIFO blocks for ever); named like a
// compose file it is still listed, so that loading reports it.
func TestSpecialFilesNeverOpened(t *testing.T) {
	t.Parallel()
	dir := tree(t, map[string]string{"compose.yaml": services})
	sub := filepath.Join(dir, "sub")
	if err := os.Mkdir(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"pipe.yml", "pipe.properties", "job.py"} {
		if err := syscall.Mkfifo(filepath.Join(sub, name), 0o644); err != nil {
			t.Skipf("mkfifo: %v", err)
		}
	}
	if err := syscall.Mkfifo(filepath.Join(sub, "docker-compose.yml"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("/dev/zero", filepath.Join(sub, "zero.yaml")); err != nil {
		t.Fatal(err)
	}
	res, err := Discover(context.Background(), []string{dir}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Join(summary(dir, res), "\n")
	if !strings.Contains(got, "sub: sub/docker-compose.yml") || strings.Contains(got, "pipe") || strings.Contains(got, "zero") {
		t.Errorf("pipelines:\n%s", got)
	}
	// named explicitly: sniffing must not block either
	res, err = Discover(context.Background(), []string{filepath.Join(sub, "pipe.yml")}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Groups) != 0 || len(res.Skipped) != 1 {
		t.Errorf("named FIFO: %+v", res)
	}
}

// TestUnreadableFileIsAProblem: a file whose kind depends on its first
// bytes and that cannot be read is a problem (exit 2), not a file
// quietly passed over.
func TestUnreadableFileIsAProblem(t *testing.T) {
	t.Parallel()
	dir := tree(t, map[string]string{"a/compose.yaml": services, "a/app.properties": "spark.a 1\n", "a/job.py": "SparkSession\n", "a/x.yml": services})
	boom := errors.New("input/output error")
	opts := Options{ReadHead: func(p string, n int) ([]byte, error) {
		return nil, &fs.PathError{Op: "read", Path: p, Err: boom}
	}}
	res, err := Discover(context.Background(), []string{dir}, opts)
	if err != nil {
		t.Fatal(err)
	}
	var probs []string
	for _, p := range res.Problems {
		r, _ := filepath.Rel(dir, p.Path)
		probs = append(probs, filepath.ToSlash(r)+": "+p.Err.Error())
	}
	if len(probs) != 3 || !strings.Contains(strings.Join(probs, "\n"), "a/app.properties: read") {
		t.Errorf("problems:\n%s", strings.Join(probs, "\n"))
	}
	if got := strings.Join(summary(dir, res), "\n"); got != "a: a/compose.yaml | " {
		t.Errorf("pipelines: %s", got)
	}
}

// TestDirectoryNamedLikeCompose: a directory docker-compose.yml is a
// problem (docker compose would fail to read it); what is inside is
// still walked.
func TestDirectoryNamedLikeCompose(t *testing.T) {
	t.Parallel()
	dir := tree(t, map[string]string{"docker-compose.yml/compose.yaml": services})
	res, err := Discover(context.Background(), []string{dir}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Problems) != 1 || filepath.Base(res.Problems[0].Path) != "docker-compose.yml" || !strings.Contains(res.Problems[0].Err.Error(), "directory") {
		t.Errorf("problems: %+v", res.Problems)
	}
	if got := strings.Join(summary(dir, res), "\n"); got != "docker-compose.yml: docker-compose.yml/compose.yaml | " {
		t.Errorf("pipelines: %s", got)
	}
}
