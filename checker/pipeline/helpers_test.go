package pipeline

import (
	"testing"

	"github.com/streamlint/streamlint/checker/model"
)

// BuildDir exposes buildDir to the external tests.
var BuildDir = buildDir

// buildDir builds the one pipeline of a directory holding the given files
// (locations relative to it).
func buildDir(t *testing.T, files map[string]string) *model.Pipeline {
	t.Helper()
	r, _ := buildResult(t, files)
	return r.Pipeline
}
