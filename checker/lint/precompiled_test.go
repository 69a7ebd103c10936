package lint_test

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/streamlint/streamlint/checker/engine"
	"github.com/streamlint/streamlint/checker/lint"
	"github.com/streamlint/streamlint/checker/pipeline"
	"github.com/streamlint/streamlint/policies"
)

// TestPrecompiledMatchesSources checks every fixture with the policies a
// run loads from policies.Precompiled and with the sources compiled with
// every check: the reports must be the same, finding for finding.
func TestPrecompiledMatchesSources(t *testing.T) {
	mods, err := engine.ReadModules(policies.FS, "policies")
	if err != nil {
		t.Fatal(err)
	}
	pre, err := engine.New(context.Background(), mods, engine.Options{Verified: true, Precompiled: policies.Precompiled})
	if err != nil {
		t.Fatal(err)
	}
	src, err := builtinEngine()
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(pre.Rules(), src.Rules()) {
		t.Error("the precompiled rules' metadata differs from the sources'")
	}
	root := repoRoot(t)
	dirs := []string{filepath.Join(root, "fixtures", "incident"), filepath.Join(root, "fixtures", "realistic")}
	rulesDir := filepath.Join(root, "fixtures", "rules")
	entries, err := os.ReadDir(rulesDir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		dirs = append(dirs, filepath.Join(rulesDir, e.Name()))
	}
	stacks, err := os.ReadDir(filepath.Join(root, "fixtures", "stacks"))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range stacks {
		if e.IsDir() {
			dirs = append(dirs, filepath.Join(root, "fixtures", "stacks", e.Name()))
		}
	}
	for _, dir := range dirs {
		rel, _ := filepath.Rel(root, dir)
		t.Run(rel, func(t *testing.T) {
			t.Parallel()
			run := func(eng *engine.Engine) *lint.Report {
				b, err := pipeline.NewBuilder(pipeline.Options{Params: fixtureParams(t, dir), Profile: "prod", Display: lint.DisplayFunc(dir)})
				if err != nil {
					t.Fatal(err)
				}
				l := lint.New(func() (*engine.Engine, error) { return eng, nil }, b)
				rep, err := l.Run(context.Background(), lint.Options{Paths: []string{dir}})
				if err != nil {
					t.Fatal(err)
				}
				return rep
			}
			got, want := run(pre), run(src)
			if !reflect.DeepEqual(got.Findings, want.Findings) {
				t.Errorf("precompiled policies found\n%+v\nthe sources\n%+v", got.Findings, want.Findings)
			}
			if !reflect.DeepEqual(got.Errors, want.Errors) {
				t.Errorf("precompiled errors %+v, sources %+v", got.Errors, want.Errors)
			}
		})
	}
}
