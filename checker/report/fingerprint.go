package report

import (
	"strconv"

	"github.com/streamlint/streamlint/checker/model"
	"github.com/streamlint/streamlint/checker/rules"
)

// fingerprinter gives findings the fingerprints SARIF (partialFingerprints)
// and GitLab show: model.Fingerprint, which baselines use too and which
// survives line shifts, with ":N" appended to the Nth repeat (N >= 1) of a
// fingerprint in the report, so that findings that differ only in
// positions stay distinct. Feed it findings in a deterministic order
// (sortedFindings).
type fingerprinter map[string]int

// next returns the fingerprint of f.
func (fp fingerprinter) next(f model.Finding) string {
	base := model.Fingerprint(f)
	n := fp[base]
	fp[base]++
	if n == 0 {
		return base
	}
	return base + ":" + strconv.Itoa(n)
}

// errorFinding is a file error as a finding of LNT002, for fingerprints.
func errorFinding(e model.FileError) model.Finding {
	return model.Finding{RuleID: rules.Load, Severity: model.SeverityError, Location: e.Location, Message: e.Message}
}
