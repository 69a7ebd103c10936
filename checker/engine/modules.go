// Policy modules: reading, parsing, their errors and the rule metadata
// in their METADATA annotations.

package engine

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/streamlint/streamlint/checker/model"
	"github.com/streamlint/streamlint/checker/rules"
)

// Module is a policy source file.
type Module struct {
	Path   string
	Source []byte
	// RegoV0 parses the module with the old Rego syntax (--rego-v0 for
	// user policies; built-in policies are always v1).
	RegoV0 bool
}

// PolicyError is a policy that cannot be loaded, with its location.
type PolicyError struct {
	File string
	Line int
	Msg  string
}

func (e *PolicyError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.File, e.Msg)
}

// Errors is every problem found while loading policies.
type Errors []*PolicyError

func (e Errors) Error() string {
	msgs := make([]string, len(e))
	for i, pe := range e {
		msgs[i] = pe.Error()
	}
	return strings.Join(msgs, "\n")
}

// ReadModules reads every non-test .rego file of fsys.
func ReadModules(fsys fs.FS, prefix string) ([]Module, error) {
	var mods []Module
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || !strings.HasSuffix(p, ".rego") || strings.HasSuffix(p, "_test.rego") {
			return nil
		}
		src, err := fs.ReadFile(fsys, p)
		if err != nil {
			return fmt.Errorf("read policy %s: %w", p, err)
		}
		mods = append(mods, Module{Path: path.Join(prefix, p), Source: src})
		return nil
	})
	return mods, err
}

// ParseModules parses modules with annotations, each in its Rego version,
// on every processor: parsing is a third of the engine's start-up.
func ParseModules(mods []Module) (map[string]*ast.Module, error) {
	type result struct {
		mod  *ast.Module
		errs Errors
	}
	results := make([]result, len(mods))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(mods)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				m := mods[i]
				version := ast.RegoV1
				if m.RegoV0 {
					version = ast.RegoV0
				}
				mod, err := ast.ParseModuleWithOpts(m.Path, string(m.Source), ast.ParserOptions{ProcessAnnotation: true, RegoVersion: version})
				if err != nil {
					results[i].errs = astErrors(m.Path, err, m.RegoV0)
					continue
				}
				results[i].mod = mod
			}
		}()
	}
	for i := range mods {
		next <- i
	}
	close(next)
	wg.Wait()
	parsed := make(map[string]*ast.Module, len(mods))
	var errs Errors
	for i, r := range results {
		errs = append(errs, r.errs...)
		if r.mod != nil {
			parsed[mods[i].Path] = r.mod
		}
	}
	if len(errs) > 0 {
		return nil, errs
	}
	return parsed, nil
}

func astErrors(file string, err error, v0 bool) Errors {
	var errs Errors
	var astErrs ast.Errors
	if errors.As(err, &astErrs) {
		for _, e := range astErrs {
			pe := &PolicyError{File: file, Msg: e.Message}
			if e.Location != nil {
				pe.File = e.Location.File
				pe.Line = e.Location.Row
			}
			if strings.Contains(e.Message, "undefined function") {
				pe.Msg += " (streamlint compiles policies without network, time, randomness and runtime builtins)"
			}
			if !v0 && (strings.Contains(e.Message, "`if` keyword is required") || strings.Contains(e.Message, "`contains` keyword is required")) {
				pe.Msg += " (this looks like Rego v0 syntax: update the policy to v1 or run with --rego-v0)"
			}
			errs = append(errs, pe)
		}
		return errs
	}
	return Errors{{File: file, Msg: err.Error()}}
}

// readRules reads each rule package's METADATA.
func readRules(c *ast.Compiler) (map[string]*rules.Rule, error) {
	byID := map[string]*rules.Rule{}
	var errs Errors
	for _, ref := range c.GetAnnotationSet().Flatten() {
		a := ref.Annotations
		if a.Scope != "package" {
			continue
		}
		pkg := strings.TrimPrefix(ref.Path.String(), "data.")
		if !strings.HasPrefix(pkg, "streamlint.rules.") {
			continue
		}
		r, err := ruleFromAnnotations(pkg, a)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if prev, dup := byID[r.ID]; dup {
			errs = append(errs, &PolicyError{File: r.File, Line: r.Line, Msg: fmt.Sprintf("rule id %s is already used by %s:%d", r.ID, prev.File, prev.Line)})
			continue
		}
		byID[r.ID] = r
	}
	// every rule package must carry metadata
	for _, m := range c.Modules {
		pkg := strings.TrimPrefix(m.Package.Path.String(), "data.")
		if !strings.HasPrefix(pkg, "streamlint.rules.") || strings.HasSuffix(pkg, "_test") {
			continue
		}
		found := false
		for _, r := range byID {
			if r.Package == pkg {
				found = true
			}
		}
		if !found && !hasErrorFor(errs, m.Package.Location.File) {
			errs = append(errs, &PolicyError{File: m.Package.Location.File, Line: m.Package.Location.Row, Msg: "rule package has no package-scope # METADATA block with custom.id and custom.severity"})
		}
	}
	if len(errs) > 0 {
		sort.Slice(errs, func(i, j int) bool {
			return errs[i].File < errs[j].File || errs[i].File == errs[j].File && errs[i].Line < errs[j].Line
		})
		return nil, errs
	}
	return byID, nil
}

func hasErrorFor(errs Errors, file string) bool {
	for _, e := range errs {
		if e.File == file {
			return true
		}
	}
	return false
}

func ruleFromAnnotations(pkg string, a *ast.Annotations) (*rules.Rule, *PolicyError) {
	r := &rules.Rule{Package: pkg, Title: a.Title, Description: strings.TrimSpace(a.Description)}
	if a.Location != nil {
		r.File, r.Line = a.Location.File, a.Location.Row
	}
	bad := func(msg string) *PolicyError { return &PolicyError{File: r.File, Line: r.Line, Msg: msg} }
	id, _ := a.Custom["id"].(string)
	if id == "" {
		return nil, bad("METADATA has no custom.id")
	}
	r.ID = id
	if r.Title == "" {
		return nil, bad(id + ": METADATA has no title")
	}
	sev, _ := a.Custom["severity"].(string)
	s, err := model.ParseSeverity(sev)
	if err != nil {
		return nil, bad(id + ": custom.severity: " + err.Error())
	}
	r.Severity = s
	r.Remediation, _ = a.Custom["remediation"].(string)
	r.Remediation = strings.TrimSpace(r.Remediation)
	if r.Remediation == "" {
		return nil, bad(id + ": METADATA has no custom.remediation")
	}
	if r.Description == "" {
		return nil, bad(id + ": METADATA has no description")
	}
	if p, ok := a.Custom["profiles"].(map[string]any); ok {
		r.Profiles = map[string]string{}
		for k, v := range p {
			vs, _ := v.(string)
			if vs != "off" {
				if _, err := model.ParseSeverity(vs); err != nil {
					return nil, bad(fmt.Sprintf("%s: custom.profiles.%s: %v", id, k, err))
				}
			}
			r.Profiles[k] = vs
		}
	}
	switch scope, _ := a.Custom["scope"].(string); scope {
	case "", rules.ScopeRepository, rules.ScopeCluster:
		r.Scope = scope
	default:
		return nil, bad(fmt.Sprintf("%s: custom.scope %q is not %s or %s", id, scope, rules.ScopeRepository, rules.ScopeCluster))
	}
	for _, rr := range a.RelatedResources {
		if rr.Ref.String() != "" {
			r.Related = append(r.Related, rules.Link{URL: rr.Ref.String(), Description: rr.Description})
		}
	}
	return r, nil
}
