package live

import (
	"context"
	"sort"

	"github.com/streamlint/streamlint/checker/lint"
	"github.com/streamlint/streamlint/checker/model"
)

// Check runs the rules on a running cluster and, when opts.Paths are
// given, on the repository too, with the running cluster attached to the
// pipeline whose cluster it is (the drift rules). The returned report holds both sides' findings, sorted, and notes on
// the match.
func Check(ctx context.Context, l *lint.Linter, running *model.Pipeline, opts lint.Options) (*lint.Report, error) {
	rep := &lint.Report{}
	var notes []model.Note
	if len(opts.Paths) > 0 {
		// Matching needs every repository cluster first: a pass that
		// only builds the models, then the run with the match attached.
		models, _, err := l.Parse(ctx, opts)
		if err != nil {
			return nil, err
		}
		match, matchNotes := MatchRepository(models, running)
		notes = matchNotes
		if match != nil {
			opts.Augment = match.Attach
		}
		if rep, err = l.Run(ctx, opts); err != nil {
			return nil, err
		}
	}
	found, errs, err := l.Check(ctx, running, opts) // fails first when the policies do not compile
	if err != nil {
		return nil, err
	}
	rep.Errors = append(rep.Errors, errs...)
	if len(opts.Paths) == 0 {
		for _, r := range l.Rules() {
			if !opts.Disabled[r.ID] {
				rep.Rules = append(rep.Rules, r)
			}
		}
	}
	rep.Findings = append(rep.Findings, found...)
	lint.SortFindings(rep.Findings)
	rep.Clusters++
	rep.Notes = append(rep.Notes, notes...)
	sort.SliceStable(rep.Notes, func(i, j int) bool {
		a, b := rep.Notes[i], rep.Notes[j]
		if a.Location != b.Location {
			return a.Before(b.Location)
		}
		return a.Message < b.Message
	})
	return rep, nil
}
