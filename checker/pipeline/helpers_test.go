package pipeline

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/streamlint/streamlint/checker/discover"
	"github.com/streamlint/streamlint/checker/model"
)

// BuildDir exposes buildDir to the external tests.
var BuildDir = buildDir

// buildDir builds the one pipeline of a directory holding the given files.
func buildDir(t *testing.T, files map[string]string) *model.Pipeline {
	t.Helper()
	dir := t.TempDir()
	for name, text := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	res, err := discover.Discover(context.Background(), []string{dir}, discover.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Groups) != 1 {
		t.Fatalf("want one pipeline, got %d", len(res.Groups))
	}
	b, err := NewBuilder(Options{Params: model.DefaultParams()})
	if err != nil {
		t.Fatal(err)
	}
	r := b.Build(context.Background(), res.Groups[0])
	if len(r.Errors) > 0 {
		t.Fatalf("build errors: %+v", r.Errors)
	}
	return r.Pipeline
}
