// Evaluating the compiled rules on one pipeline, and their results and
// run-time errors.

package engine

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/streamlint/streamlint/checker/model"
)

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
	// Each shard's findings are read into Results on its own goroutine.
	type shardResult struct {
		out     []Result
		failed  RuleErrors
		err     error
		readErr error
	}
	results := make([]shardResult, len(e.shards))
	var wg sync.WaitGroup
	for i, sq := range e.shards {
		wg.Go(func() {
			r := &results[i]
			rs, err := sq.all.Eval(ctx, rego.EvalParsedInput(input))
			if err != nil && ctx.Err() == nil {
				rs, r.failed, err = sq.evalEach(ctx, input)
			}
			if r.err = err; err == nil {
				r.out, r.readErr = e.results(rs)
			}
		})
	}
	wg.Wait()
	for _, r := range results {
		if r.err != nil {
			return nil, e.ctxError(ctx, r.err)
		}
	}
	var (
		out      []Result
		failures RuleErrors
	)
	for _, r := range results {
		if r.readErr != nil {
			return nil, r.readErr
		}
		out = append(out, r.out...)
		failures = append(failures, r.failed...)
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
