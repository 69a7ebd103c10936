package policies_test

import (
	"context"
	"io/fs"
	"strings"
	"testing"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/storage/inmem"
	"github.com/open-policy-agent/opa/v1/tester"

	"github.com/streamlint/streamlint/checker/engine"
	"github.com/streamlint/streamlint/policies"
)

// TestRego runs every *_test.rego of the built-in policies with the same
// restricted capabilities the linter uses.
func TestRego(t *testing.T) {
	mods := map[string]*ast.Module{}
	err := fs.WalkDir(policies.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".rego") {
			return err
		}
		src, err := fs.ReadFile(policies.FS, p)
		if err != nil {
			return err
		}
		m, err := ast.ParseModuleWithOpts(p, string(src), ast.ParserOptions{ProcessAnnotation: true, RegoVersion: ast.RegoV1})
		if err != nil {
			return err
		}
		mods[p] = m
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	ch, err := tester.NewRunner().
		SetCompiler(ast.NewCompiler().WithCapabilities(engine.Capabilities())).
		SetStore(inmem.New()).
		RaiseBuiltinErrors(true).
		SetTimeout(30*time.Second).
		Run(ctx, mods)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for r := range ch {
		n++
		name := r.Package + "." + r.Name
		switch {
		case r.Error != nil:
			t.Errorf("%s (%s): error: %v", name, r.Location, r.Error)
		case r.Fail:
			t.Errorf("%s (%s): failed", name, r.Location)
		}
	}
	if n == 0 {
		t.Fatal("no Rego tests ran")
	}
	t.Logf("%d Rego tests", n)
}
