package engine

import (
	"context"
	"fmt"
	"sort"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/storage/inmem"
	"github.com/open-policy-agent/opa/v1/tester"
)

// TestResult is the outcome of one Rego test.
type TestResult struct {
	Package  string
	Name     string
	File     string
	Line     int
	Passed   bool
	Err      string // evaluation error
	Output   string // print() output
	Duration time.Duration
}

// Verify runs every test_ rule of the modules (policies and their
// *_test.rego files) with the same restricted capabilities as linting.
func Verify(ctx context.Context, mods []Module, timeout time.Duration) ([]TestResult, error) {
	parsed, err := ParseModules(mods)
	if err != nil {
		return nil, err
	}
	if timeout <= 0 {
		timeout = time.Minute
	}
	ch, err := tester.NewRunner().
		SetCompiler(ast.NewCompiler().WithCapabilities(Capabilities()).WithEnablePrintStatements(true)).
		SetStore(inmem.New()).
		CapturePrintOutput(true).
		RaiseBuiltinErrors(true).
		SetTimeout(timeout).
		SetModules(parsed).
		RunTests(ctx, nil)
	if err != nil {
		return nil, astErrors("", err, false)
	}
	var out []TestResult
	for r := range ch {
		tr := TestResult{Package: r.Package, Name: r.Name, Passed: r.Pass(), Output: string(r.Output), Duration: r.Duration}
		if r.Location != nil {
			tr.File, tr.Line = r.Location.File, r.Location.Row
		}
		if r.Error != nil {
			tr.Err = r.Error.Error()
		}
		out = append(out, tr)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].File != out[j].File {
			return out[i].File < out[j].File
		}
		return out[i].Line < out[j].Line
	})
	return out, nil
}

// String formats a result as "file:line: PASS|FAIL|ERROR package.name".
func (r TestResult) String() string {
	status := "PASS"
	switch {
	case r.Err != "":
		status = "ERROR"
	case !r.Passed:
		status = "FAIL"
	}
	s := fmt.Sprintf("%s:%d: %s %s.%s", r.File, r.Line, status, r.Package, r.Name)
	if r.Err != "" {
		s += ": " + r.Err
	}
	return s
}
