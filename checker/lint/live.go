package lint

import (
	"context"
	"errors"
	"fmt"

	"github.com/streamlint/streamlint/checker/engine"
	"github.com/streamlint/streamlint/checker/model"
	"github.com/streamlint/streamlint/checker/rules"
)

// Check evaluates every rule on a pipeline that was not read from files:
// a running cluster (check --bootstrap-server). Severities, profiles and
// disabled rules apply as in Run; there are no inline suppressions (no
// file to write them in), rules of custom.scope repository are left out,
// and locations keep their kafka:// URIs. The
// findings are merged and sorted like Run's. A rule that fails on the
// cluster is an error (LNT002) at the cluster's URI naming the rule;
// every other rule's findings are kept.
func (l *Linter) Check(ctx context.Context, p *model.Pipeline, opts Options) ([]model.Finding, []model.FileError, error) {
	if opts.DocsURL == "" {
		opts.DocsURL = rules.DocsURL
	}
	opts.profile = l.builder.Profile()
	c, err := l.policy()
	if err != nil {
		return nil, nil, fmt.Errorf("load policies:\n%w", err)
	}
	results, err := c.eng.Eval(ctx, p)
	var (
		failed engine.RuleErrors
		errs   []model.FileError
	)
	switch {
	case errors.As(err, &failed):
		errs = ruleErrors(p, failed, nil) // a nil Masker still redacts what secret.Redact recognises
	case err != nil:
		return nil, nil, fmt.Errorf("%s: %w", p.Root, err)
	}
	var out []model.Finding
	for _, r := range results {
		if c.rules[r.RuleID] != nil && c.rules[r.RuleID].Scope == rules.ScopeRepository {
			continue // a repository's rule (custom.scope: repository)
		}
		if f, ok := c.finding(r.RuleID, r.Message, r.Location, r.Related, r.Severity, opts); ok {
			out = append(out, f)
		}
	}
	out = merge(out)
	sortFindings(out)
	return out, errs, nil
}

// SortFindings sorts findings as a report lists them: by location, rule
// and message (for a report that joins Run's findings with Check's).
func SortFindings(fs []model.Finding) { sortFindings(fs) }
