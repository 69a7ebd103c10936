package engine

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/streamlint/streamlint/checker/rules"
)

// A precompiled policy set is the built-in modules as the compiler leaves
// them (locals renamed, bodies ordered for safety, comprehensions and
// metadata calls rewritten), in a compact binary form (astcodec.go). OPA
// cannot persist a compiled policy (open-policy-agent/opa#8254), but
// compiling is mostly checks and rewrites that give the same modules
// every time: loading the result needs only the stages that build the
// compiler's lookup structures, and reading the binary form is cheaper
// than parsing Rego.
//
// The set is generated at build time (go generate ./policies) from the
// very sources it carries the hash of: a run whose embedded sources do
// not hash the same (a rule edited without regenerating) compiles the
// sources as before.

// precompiledHeader starts a precompiled set; the sources' hash follows.
const precompiledHeader = "# streamlint precompiled policies, sources sha256 "

// rulesMarker starts the line of the rules' metadata, as JSON: the
// modules are printed without their METADATA blocks.
const rulesMarker = "# rules "

// loadStages are the compiler stages that a precompiled module set still
// needs: the variable generator (queries must not reuse the modules'
// generated names), the module and rule trees and the indices evaluation
// uses. Everything else checks or
// rewrites, and was done when the set was generated.
var loadStages = map[ast.StageID]bool{
	ast.StageInitLocalVarGen:           true,
	ast.StageSetModuleTree:             true,
	ast.StageSetRuleTree:               true,
	ast.StageBuildRuleIndices:          true,
	ast.StageBuildComprehensionIndices: true,
}

// skippedLoadStages are every stage but loadStages.
func skippedLoadStages() []ast.StageID {
	var out []ast.StageID
	for _, s := range ast.AllStages() {
		if !loadStages[s] {
			out = append(out, s)
		}
	}
	return out
}

// SourceHash is the hash that ties a precompiled set to its sources: the
// modules' paths and contents, in path order.
func SourceHash(mods []Module) string {
	sorted := make([]Module, len(mods))
	copy(sorted, mods)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].Path < sorted[j].Path })
	h := sha256.New()
	for _, m := range sorted {
		fmt.Fprintf(h, "%s\x00%d\x00", m.Path, len(m.Source))
		h.Write(m.Source)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// Precompile compiles the modules with every check (types included) and
// prints the compiled modules as one precompiled set, with the rules'
// metadata as JSON. Two things are left out of the printed modules, since
// evaluation does not read them: the METADATA blocks, and of the metadata
// chains that rego.metadata.chain() compiled to, everything but each
// entry's path and custom.id (all that lib.rule_id reads).
func Precompile(mods []Module) ([]byte, error) {
	parsed, err := ParseModules(mods)
	if err != nil {
		return nil, err
	}
	c := ast.NewCompiler().WithCapabilities(Capabilities()).
		WithSkipStages(ast.StageBuildRequiredCapabilities)
	c.Compile(parsed)
	if c.Failed() {
		return nil, astErrors("", c.Errors, false)
	}
	byID, err := readRules(c)
	if err != nil {
		return nil, err
	}
	list := make([]*rules.Rule, 0, len(byID))
	for _, r := range byID {
		list = append(list, r)
	}
	sort.Slice(list, func(i, j int) bool { return list[i].ID < list[j].ID })
	meta, err := json.Marshal(list)
	if err != nil {
		return nil, err
	}
	paths := make([]string, 0, len(c.Modules))
	out := make(map[string]*ast.Module, len(c.Modules))
	for p, m := range c.Modules {
		paths = append(paths, p)
		m = m.Copy()
		ast.WalkTerms(m, trimChain)
		out[p] = m
	}
	sort.Strings(paths)
	bin, err := encodeModules(paths, out)
	if err != nil {
		return nil, err
	}
	var b []byte
	b = append(b, precompiledHeader+SourceHash(mods)+"\n"...)
	b = append(b, rulesMarker+string(meta)+"\n"...)
	return append(b, bin...), nil
}

// trimChain reduces a compiled metadata chain (an array of objects with
// a path and maybe annotations) to each entry's path and custom.id.
func trimChain(t *ast.Term) bool {
	arr, ok := t.Value.(*ast.Array)
	if !ok || arr.Len() == 0 {
		return false
	}
	isChain := true
	arr.Foreach(func(e *ast.Term) {
		obj, ok := e.Value.(ast.Object)
		if !ok || obj.Get(ast.InternedTerm("path")) == nil {
			isChain = false
			return
		}
		for _, k := range obj.Keys() {
			if k.Value.Compare(ast.String("path")) != 0 && k.Value.Compare(ast.String("annotations")) != 0 {
				isChain = false
			}
		}
	})
	if !isChain {
		return false
	}
	for i := range arr.Len() {
		e := arr.Elem(i)
		obj := e.Value.(ast.Object)
		trimmed := ast.NewObject(ast.Item(ast.InternedTerm("path"), obj.Get(ast.InternedTerm("path"))))
		if a := obj.Get(ast.InternedTerm("annotations")); a != nil {
			custom := ast.NewObject()
			if ao, ok := a.Value.(ast.Object); ok {
				if c := ao.Get(ast.InternedTerm("custom")); c != nil {
					if co, ok := c.Value.(ast.Object); ok {
						if id := co.Get(ast.InternedTerm("id")); id != nil {
							custom.Insert(ast.InternedTerm("id"), id)
						}
					}
				}
			}
			trimmed.Insert(ast.InternedTerm("annotations"), ast.ObjectTerm(ast.Item(ast.InternedTerm("custom"), ast.NewTerm(custom))))
		}
		e.Value = trimmed
	}
	return true
}

// errStale is a precompiled set made from other sources.
var errStale = errors.New("precompiled policies are stale")

// precompiledModules reads a precompiled set's modules and the rules'
// metadata, when it was made from mods.
func precompiledModules(set []byte, mods []Module) (map[string]*ast.Module, map[string]*rules.Rule, error) {
	first, rest, _ := strings.Cut(string(set[:min(len(set), 256)]), "\n")
	hash, ok := strings.CutPrefix(first, precompiledHeader)
	if !ok || hash != SourceHash(mods) || rest == "" {
		return nil, nil, errStale
	}
	set = set[len(first)+1:]
	i := bytes.IndexByte(set, '\n')
	if i < 0 {
		return nil, nil, errors.New("precompiled set has no rules line")
	}
	meta, ok := strings.CutPrefix(string(set[:i]), rulesMarker)
	if !ok {
		return nil, nil, errors.New("precompiled set has no rules line")
	}
	var list []*rules.Rule
	if err := json.Unmarshal([]byte(meta), &list); err != nil {
		return nil, nil, fmt.Errorf("precompiled rules: %w", err)
	}
	byID := make(map[string]*rules.Rule, len(list))
	for _, r := range list {
		byID[r.ID] = r
	}
	parsed, err := decodeModules(set[i+1:])
	if err != nil {
		return nil, nil, err
	}
	if len(parsed) != len(mods) {
		return nil, nil, fmt.Errorf("precompiled set has %d modules, the sources %d", len(parsed), len(mods))
	}
	return parsed, byID, nil
}

// shardRules are the rules of meta whose package is one of the shard's
// modules.
func shardRules(mods map[string]*ast.Module, meta map[string]*rules.Rule) map[string]*rules.Rule {
	pkgs := make(map[string]bool, len(mods))
	for _, m := range mods {
		pkgs[strings.TrimPrefix(m.Package.Path.String(), "data.")] = true
	}
	out := map[string]*rules.Rule{}
	for id, r := range meta {
		if pkgs[r.Package] {
			out[id] = r
		}
	}
	return out
}
