package report

import (
	"encoding/json"
	"io"

	"github.com/streamlint/streamlint/checker/model"
)

// GitLab writes a GitLab Code Quality report (the artifacts:reports:codequality
// JSON), an array of issues. The description is "RULE: message", as
// GitLab shows neither check_name nor a link next to it. Severities map as error -> major,
// warning -> minor, info -> info; a file error (LNT002) is major like any
// error. Suppressed findings are left out. The fingerprint is the one
// SARIF and baselines use: stable across line shifts, so GitLab shows a
// moved finding as unchanged rather than fixed and new.
type GitLab struct{}

type gitlabIssue struct {
	Description string         `json:"description"`
	CheckName   string         `json:"check_name"`
	Fingerprint string         `json:"fingerprint"`
	Severity    string         `json:"severity"`
	Location    gitlabLocation `json:"location"`
}

type gitlabLocation struct {
	Path  string      `json:"path"`
	Lines gitlabLines `json:"lines"`
}

type gitlabLines struct {
	Begin int `json:"begin"`
}

// Write renders r as an indented JSON array.
func (GitLab) Write(w io.Writer, r *Report) error {
	issues := []gitlabIssue{}
	fp := fingerprinter{}
	add := func(f model.Finding) {
		issues = append(issues, gitlabIssue{
			Description: f.RuleID + ": " + f.Message,
			CheckName:   f.RuleID,
			Fingerprint: fp.next(f),
			Severity:    gitlabSeverity(f.Severity),
			Location:    gitlabLocation{Path: slashPath(f.File), Lines: gitlabLines{Begin: max(f.Line, 1)}},
		})
	}
	for _, e := range sortedErrors(r) {
		add(errorFinding(e))
	}
	for _, f := range activeFindings(r) {
		add(f)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(issues)
}

// gitlabSeverity maps a severity to GitLab's info, minor, major, critical
// and blocker.
func gitlabSeverity(s model.Severity) string {
	switch s {
	case model.SeverityError:
		return "major"
	case model.SeverityWarning:
		return "minor"
	}
	return "info"
}
