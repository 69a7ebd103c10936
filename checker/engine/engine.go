// Package engine compiles streamlint's Rego policies once, with builtins
// that can reach the network, the clock, randomness or the process
// environment removed, and evaluates every rule on a pipeline with one
// prepared query; when that query fails, rule by rule, so that one rule's
// error costs only that rule's findings.
package engine

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"

	"github.com/streamlint/streamlint/checker/model"
	"github.com/streamlint/streamlint/checker/rules"
)

// Query collects every rule's findings in one evaluation.
const Query = "f := data.streamlint.rules[_].deny[_]"

// deniedBuiltins are removed from the capabilities on top of every
// non-deterministic builtin: policies must not reach the network, the
// clock, randomness, the runtime (environment) or sign tokens.
var deniedBuiltins = map[string]bool{
	"http.send": true, "net.lookup_ip_addr": true,
	"opa.runtime": true, "trace": true,
	"time.now_ns": true, "rand.intn": true, "uuid.rfc4122": true,
	"io.jwt.encode_sign": true, "io.jwt.encode_sign_raw": true, "io.jwt.decode_verify": true,
}

// Capabilities returns OPA's capabilities without the denied builtins
// and with no network hosts allowed.
func Capabilities() *ast.Capabilities {
	caps := ast.CapabilitiesForThisVersion()
	keep := caps.Builtins[:0]
	for _, b := range caps.Builtins {
		if deniedBuiltins[b.Name] {
			continue
		}
		if b.Nondeterministic && b.Name != "json.match_schema" && b.Name != "json.verify_schema" {
			continue
		}
		keep = append(keep, b)
	}
	caps.Builtins = keep
	caps.AllowNet = []string{}
	return caps
}

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

// Engine evaluates policies. It is safe for concurrent use.
type Engine struct {
	// precompiled is true when the modules were loaded from a
	// precompiled set.
	precompiled bool
	shards      []*shardQuery
	rules       map[string]*rules.Rule
	timeout     time.Duration
}

// shardQuery is one compiled shard: the query over all its rules, and
// one query per rule package, prepared on the first failure of the
// former (most runs never need them).
type shardQuery struct {
	all     rego.PreparedEvalQuery
	rules   []*rules.Rule // sorted by id
	perRule func() ([]ruleQuery, error)
}

// ruleQuery collects one rule package's findings.
type ruleQuery struct {
	rule  *rules.Rule
	query rego.PreparedEvalQuery
}

// RuleError is a rule that failed at run time on one pipeline (a
// built-in's error, such as to_number on a string that is no number).
type RuleError struct {
	RuleID string
	File   string // the policy file of the rule
	Err    error
}

func (e *RuleError) Error() string { return fmt.Sprintf("rule %s: %v", e.RuleID, e.Err) }

// RuleErrors are the rules that failed on one pipeline. Eval returns
// them with the findings of every other rule.
type RuleErrors []*RuleError

func (e RuleErrors) Error() string {
	msgs := make([]string, len(e))
	for i, re := range e {
		msgs[i] = re.Error()
	}
	return strings.Join(msgs, "\n")
}

// Options configure an Engine.
type Options struct {
	// Timeout bounds each evaluation (0: one minute).
	Timeout time.Duration
	// Verified skips the compiler's type checking, for module sets that
	// were type-checked already: the built-in policies, which every
	// `go test` compiles with all checks (policies.TestRego). Safety,
	// undefined-function and capability checks always run, and user
	// policies are never compiled with it. It saves about a fifth of the
	// compile time of every run.
	Verified bool
	// Precompiled is the modules' precompiled set (see Precompile), for a
	// Verified set: when it was made from these very modules, they are
	// loaded from it instead of compiled. Otherwise it is ignored.
	Precompiled []byte
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

// New compiles the modules and prepares the query. A Verified module set
// is compiled in shards, one per processor: each shard holds the library
// modules and a share of the rules, and has its own compiler and
// prepared query, so that the compile (the largest part of a small run)
// takes a fraction of the time on a multi-core machine.
func New(ctx context.Context, mods []Module, opts Options) (*Engine, error) {
	var (
		skip   []ast.StageID
		meta   map[string]*rules.Rule
		parsed map[string]*ast.Module
	)
	if opts.Verified && len(opts.Precompiled) > 0 {
		if pre, byID, err := precompiledModules(opts.Precompiled, mods); err == nil {
			parsed, skip, meta = pre, skippedLoadStages(), byID
		}
	}
	if parsed == nil {
		var err error
		if parsed, err = ParseModules(mods); err != nil {
			return nil, err
		}
	}
	shards := shard(parsed, opts)
	type compiled struct {
		shard *shardQuery
		rules map[string]*rules.Rule
		err   error
	}
	results := make([]compiled, len(shards))
	var wg sync.WaitGroup
	for i, sh := range shards {
		wg.Go(func() {
			r := &results[i]
			r.shard, r.rules, r.err = compileShard(ctx, sh, opts, skip, meta)
		})
	}
	wg.Wait()
	e := &Engine{rules: map[string]*rules.Rule{}, timeout: opts.Timeout, precompiled: meta != nil}
	if e.timeout <= 0 {
		e.timeout = time.Minute
	}
	for _, r := range results {
		if r.err != nil {
			return nil, r.err
		}
		e.shards = append(e.shards, r.shard)
		for id, rule := range r.rules {
			if other, dup := e.rules[id]; dup {
				return nil, Errors{{File: rule.File, Line: rule.Line, Msg: fmt.Sprintf("rule id %s is already used by %s", id, other.File)}}
			}
			e.rules[id] = rule
		}
	}
	return e, nil
}

// shard splits the modules for compilation: everything in one shard
// unless the set is Verified (the built-ins, whose rules are known to be
// independent packages) and there are several processors; then each
// shard gets a copy of every non-rule module (the library) and rule
// packages balanced by source size.
func shard(parsed map[string]*ast.Module, opts Options) []map[string]*ast.Module {
	n := min(runtime.GOMAXPROCS(0), 4)
	if !opts.Verified || n < 2 {
		return []map[string]*ast.Module{parsed}
	}
	paths := make([]string, 0, len(parsed))
	for p := range parsed {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	var lib, rulePaths []string
	for _, p := range paths {
		if strings.HasPrefix(parsed[p].Package.Path.String(), "data.streamlint.rules.") {
			rulePaths = append(rulePaths, p)
		} else {
			lib = append(lib, p)
		}
	}
	size := func(p string) int {
		m := parsed[p]
		if len(m.Rules) == 0 {
			return 0
		}
		return m.Rules[len(m.Rules)-1].Location.Row
	}
	sort.SliceStable(rulePaths, func(i, j int) bool { return size(rulePaths[i]) > size(rulePaths[j]) })
	out := make([]map[string]*ast.Module, n)
	load := make([]int, n)
	for i := range out {
		out[i] = map[string]*ast.Module{}
		for _, p := range lib {
			if i == 0 {
				out[i][p] = parsed[p]
			} else {
				out[i][p] = parsed[p].Copy()
			}
		}
	}
	for _, p := range rulePaths {
		lightest := 0
		for i := range load {
			if load[i] < load[lightest] {
				lightest = i
			}
		}
		out[lightest][p] = parsed[p]
		load[lightest] += size(p)
	}
	return out
}

// compileShard compiles one shard and prepares its query.
//
// A precompiled shard (skip lists the stages it does not need) takes its
// rules from meta, the precompiled set's metadata, by package.
func compileShard(ctx context.Context, mods map[string]*ast.Module, opts Options, skip []ast.StageID, meta map[string]*rules.Rule) (*shardQuery, map[string]*rules.Rule, error) {
	c := ast.NewCompiler().WithCapabilities(Capabilities()).
		// required capabilities are for bundles; nothing here reads them
		WithSkipStages(append([]ast.StageID{ast.StageBuildRequiredCapabilities}, skip...)...)
	if opts.Verified {
		c = c.WithSkipStages(append([]ast.StageID{ast.StageCheckTypes, ast.StageBuildRequiredCapabilities}, skip...)...)
	}
	c.Compile(mods)
	if c.Failed() {
		return nil, nil, astErrors("", c.Errors, false)
	}
	var (
		byID map[string]*rules.Rule
		err  error
	)
	if meta != nil {
		byID = shardRules(mods, meta)
	} else if byID, err = readRules(c); err != nil {
		return nil, nil, err
	}
	pq, err := prepare(ctx, c, Query)
	if err != nil {
		return nil, nil, fmt.Errorf("prepare policy query: %w", err)
	}
	sq := &shardQuery{all: pq}
	for _, r := range byID {
		sq.rules = append(sq.rules, r)
	}
	sort.Slice(sq.rules, func(i, j int) bool { return sq.rules[i].ID < sq.rules[j].ID })
	sq.perRule = sync.OnceValues(func() ([]ruleQuery, error) {
		out := make([]ruleQuery, 0, len(sq.rules))
		for _, r := range sq.rules {
			ref := ast.MustParseRef("data." + r.Package).Append(ast.StringTerm("deny"))
			q, err := prepare(context.Background(), c, "f := "+ref.String()+"[_]")
			if err != nil {
				return nil, fmt.Errorf("prepare the query of rule %s: %w", r.ID, err)
			}
			out = append(out, ruleQuery{rule: r, query: q})
		}
		return out, nil
	})
	return sq, byID, nil
}

func prepare(ctx context.Context, c *ast.Compiler, query string) (rego.PreparedEvalQuery, error) {
	return rego.New(
		rego.Compiler(c),
		rego.Query(query),
		rego.StrictBuiltinErrors(true),
	).PrepareForEval(ctx)
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

// Rules returns the rules' metadata sorted by id.
func (e *Engine) Rules() []*rules.Rule {
	out := make([]*rules.Rule, 0, len(e.rules))
	for _, r := range e.rules {
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// Result is one finding as a policy returned it.
type Result struct {
	RuleID   string          `json:"rule_id"`
	Message  string          `json:"message"`
	Location model.Location  `json:"location"`
	Related  []model.Related `json:"related"`
	// Severity overrides the rule's default severity for this finding
	// ("" keeps it): a rule whose conditions differ in gravity builds
	// findings with lib.finding_severity. Profiles and the user's
	// severity overrides still apply on top.
	Severity model.Severity `json:"severity,omitempty"`
}

// Eval evaluates every rule on a pipeline. Each shard of rules is
// evaluated with one query; when that query fails (a rule's built-in
// error at run time), the shard's rules are evaluated one by one, and the
// rules that fail are returned as RuleErrors together with the findings of
// every other rule. Any other error (the timeout, a malformed finding)
// is returned alone.
func (e *Engine) Eval(ctx context.Context, p *model.Pipeline) ([]Result, error) {
	input, err := toValue(p)
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(ctx, e.timeout)
	defer cancel()
	// The shards are evaluated at once: a large pipeline's evaluation
	// then takes every core, as its compile did.
	type shardResult struct {
		rs     rego.ResultSet
		failed RuleErrors
		err    error
	}
	results := make([]shardResult, len(e.shards))
	var wg sync.WaitGroup
	for i, sq := range e.shards {
		wg.Go(func() {
			r := &results[i]
			r.rs, r.err = sq.all.Eval(ctx, rego.EvalParsedInput(input))
			if r.err != nil && ctx.Err() == nil {
				r.rs, r.failed, r.err = sq.evalEach(ctx, input)
			}
		})
	}
	wg.Wait()
	var (
		rs       rego.ResultSet
		failures RuleErrors
	)
	for _, r := range results {
		if r.err != nil {
			return nil, e.ctxError(ctx, r.err)
		}
		rs = append(rs, r.rs...)
		failures = append(failures, r.failed...)
	}
	out, err := e.results(rs)
	if err != nil {
		return nil, err
	}
	if len(failures) > 0 {
		sort.Slice(failures, func(i, j int) bool { return failures[i].RuleID < failures[j].RuleID })
		return out, failures
	}
	return out, nil
}

// evalEach evaluates the shard's rules one by one: the findings of those
// that succeed, and the errors of those that fail.
func (sq *shardQuery) evalEach(ctx context.Context, input ast.Value) (rego.ResultSet, RuleErrors, error) {
	queries, err := sq.perRule()
	if err != nil {
		return nil, nil, err
	}
	var (
		rs     rego.ResultSet
		failed RuleErrors
	)
	for _, q := range queries {
		one, err := q.query.Eval(ctx, rego.EvalParsedInput(input))
		if err != nil {
			if ctx.Err() != nil {
				return nil, nil, err
			}
			failed = append(failed, &RuleError{RuleID: q.rule.ID, File: q.rule.File, Err: err})
			continue
		}
		rs = append(rs, one...)
	}
	return rs, failed, nil
}

// ctxError explains an evaluation stopped by its context.
func (e *Engine) ctxError(ctx context.Context, err error) error {
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return fmt.Errorf("policy evaluation exceeded %s (--policy-timeout)", e.timeout)
	}
	return fmt.Errorf("evaluate policies: %w", err)
}

// results reads the findings the policies returned.
func (e *Engine) results(rs rego.ResultSet) ([]Result, error) {
	out := make([]Result, 0, len(rs))
	for _, r := range rs {
		raw, err := json.Marshal(r.Bindings["f"])
		if err != nil {
			return nil, fmt.Errorf("read finding: %w", err)
		}
		var res Result
		if err := json.Unmarshal(raw, &res); err != nil {
			return nil, fmt.Errorf("finding is not {rule_id, message, location, related}: %s", raw)
		}
		if _, ok := e.rules[res.RuleID]; !ok {
			return nil, fmt.Errorf("a policy returned a finding for unknown rule %q: build findings with data.streamlint.lib.finding(rego.metadata.chain(), ...)", res.RuleID)
		}
		if res.Severity != "" {
			if _, err := model.ParseSeverity(string(res.Severity)); err != nil {
				return nil, fmt.Errorf("rule %s returned a finding with severity %q: %w", res.RuleID, res.Severity, err)
			}
		}
		out = append(out, res)
	}
	return out, nil
}
