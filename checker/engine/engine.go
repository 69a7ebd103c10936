// Package engine compiles streamlint's Rego policies once, with builtins
// that can reach the network, the clock, randomness or the process
// environment removed, and evaluates every rule on a pipeline with one
// prepared query; when that query fails, rule by rule, so that one rule's
// error costs only that rule's findings.
package engine

import (
	"context"
	"fmt"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"

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

// Rules returns the rules' metadata sorted by id.
func (e *Engine) Rules() []*rules.Rule {
	out := make([]*rules.Rule, 0, len(e.rules))
	for _, r := range e.rules {
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}
