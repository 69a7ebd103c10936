// Package report writes a lint report in the formats people and CI
// systems read. One Reporter per format, one file per format.
package report

import (
	"cmp"
	"fmt"
	"io"
	"maps"
	"slices"
	"sort"
	"strings"

	"github.com/streamlint/streamlint/checker/model"
	"github.com/streamlint/streamlint/checker/rules"
	"github.com/streamlint/streamlint/checker/secret"
)

// Report is what reporters render.
type Report struct {
	Findings []model.Finding
	Errors   []model.FileError
	Notes    []model.Note
	Files    int
	// Clusters counts the running clusters checked (--bootstrap-server).
	Clusters int
	Rules    []*rules.Rule
	// FailOn is the severity at or above which findings fail the run.
	FailOn model.Severity
}

// Reporter renders a report.
type Reporter interface {
	Write(w io.Writer, r *Report) error
}

// Options tune reporters. The zero value is usable: empty fields take
// their defaults.
type Options struct {
	Color bool // ANSI colours (text)
	// Version is streamlint's version, as SARIF's tool.driver.version
	// ("dev" when empty).
	Version string
	// DocsURL is the base of the rule pages; a rule's page is
	// DocsURL + ID + ".md" (rules.DocsURL when empty).
	DocsURL string
	// StepSummary receives a Markdown summary from the github format, for
	// the file GITHUB_STEP_SUMMARY names (nil: none). Reporters never read
	// the environment: the caller opens the file, in append mode.
	StepSummary io.Writer
}

// DefaultVersion is the version reported when Options.Version is empty.
const DefaultVersion = "dev"

// withDefaults fills in the empty fields of o.
func (o Options) withDefaults() Options {
	if o.Version == "" {
		o.Version = DefaultVersion
	}
	if o.DocsURL == "" {
		o.DocsURL = rules.DocsURL
	}
	return o
}

// formats maps each format name to its constructor.
func formats() map[string]func(Options) Reporter {
	return map[string]func(Options) Reporter{
		"text":       func(o Options) Reporter { return &Text{Color: o.Color} },
		"json":       func(Options) Reporter { return JSON{} },
		"sarif":      func(o Options) Reporter { return &SARIF{Version: o.Version, DocsURL: o.DocsURL} },
		"github":     func(o Options) Reporter { return &GitHub{StepSummary: o.StepSummary} },
		"junit":      func(Options) Reporter { return JUnit{} },
		"checkstyle": func(Options) Reporter { return Checkstyle{} },
		"gitlab":     func(Options) Reporter { return GitLab{} },
	}
}

// Formats lists the format names, sorted.
func Formats() []string {
	var names []string
	for n := range formats() {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// Get returns the reporter for a format. Every reporter writes what
// Redacted returns: no format can print a credential secret.Redact
// recognises.
func Get(name string, o Options) (Reporter, error) {
	f, ok := formats()[name]
	if !ok {
		return nil, fmt.Errorf("unknown format %q (want one of %s)", name, strings.Join(Formats(), ", "))
	}
	return redacting{f(o.withDefaults())}, nil
}

// redacting is the last line of defence of every format.
type redacting struct{ Reporter }

func (r redacting) Write(w io.Writer, rep *Report) error { return r.Reporter.Write(w, Redacted(rep)) }

// Redacted is a copy of r whose messages, related texts, errors and notes
// went through secret.Redact (userinfo and password-like parameters of
// URLs, JAAS credentials, -D...Password= options, private keys). The
// linter has already masked the values it knows to be secret; this
// catches what reaches a report by another way.
func Redacted(r *Report) *Report {
	out := *r
	out.Findings = make([]model.Finding, len(r.Findings))
	for i, f := range r.Findings {
		f.Message = secret.Redact(f.Message)
		if len(f.Related) > 0 {
			rel := make([]model.Related, len(f.Related))
			for j, x := range f.Related {
				x.Message = secret.Redact(x.Message)
				rel[j] = x
			}
			f.Related = rel
		}
		if f.Suppressed != nil {
			sup := *f.Suppressed
			sup.Reason = secret.Redact(sup.Reason)
			f.Suppressed = &sup
		}
		out.Findings[i] = f
	}
	out.Errors = make([]model.FileError, len(r.Errors))
	for i, e := range r.Errors {
		e.Message = secret.Redact(e.Message)
		out.Errors[i] = e
	}
	out.Notes = make([]model.Note, len(r.Notes))
	for i, n := range r.Notes {
		n.Message = secret.Redact(n.Message)
		out.Notes[i] = n
	}
	return &out
}

// sortedFindings returns a copy of r's findings ordered by file, line,
// column, rule and message, so every format is deterministic whatever
// order the caller used.
func sortedFindings(r *Report) []model.Finding {
	fs := slices.Clone(r.Findings)
	slices.SortStableFunc(fs, func(a, b model.Finding) int {
		return cmp.Or(compareLocations(a.Location, b.Location), cmp.Compare(a.RuleID, b.RuleID), cmp.Compare(a.Message, b.Message))
	})
	return fs
}

// activeFindings is sortedFindings without the findings a streamlint:ignore
// comment or the baseline suppressed, for the formats that only list what
// needs fixing.
func activeFindings(r *Report) []model.Finding {
	return slices.DeleteFunc(sortedFindings(r), func(f model.Finding) bool { return f.Suppressed != nil })
}

// sortedErrors returns a copy of r's file errors ordered by location and
// message.
func sortedErrors(r *Report) []model.FileError {
	es := slices.Clone(r.Errors)
	slices.SortStableFunc(es, func(a, b model.FileError) int {
		return cmp.Or(compareLocations(a.Location, b.Location), cmp.Compare(a.Message, b.Message))
	})
	return es
}

// sortedNotes returns a copy of r's notes ordered by location and message.
func sortedNotes(r *Report) []model.Note {
	ns := slices.Clone(r.Notes)
	slices.SortStableFunc(ns, func(a, b model.Note) int {
		return cmp.Or(compareLocations(a.Location, b.Location), cmp.Compare(a.Message, b.Message))
	})
	return ns
}

func compareLocations(a, b model.Location) int {
	return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Column, b.Column))
}

// rulesOf returns r's rules sorted by id, plus a stand-in built from the
// finding for any rule a finding names that r.Rules lacks (and for LNT002
// when there are file errors), so every result has a rule to point at.
func rulesOf(r *Report) []*rules.Rule {
	byID := map[string]*rules.Rule{}
	for _, rule := range r.Rules {
		if rule != nil {
			byID[rule.ID] = rule
		}
	}
	for _, f := range r.Findings {
		if _, ok := byID[f.RuleID]; !ok {
			byID[f.RuleID] = &rules.Rule{ID: f.RuleID, Title: f.Title, Severity: f.Severity, Remediation: f.Remediation}
		}
	}
	if _, ok := byID[rules.Load]; !ok && len(r.Errors) > 0 {
		byID[rules.Load] = rules.GoRule(rules.Load)
	}
	return slices.SortedFunc(maps.Values(byID), func(a, b *rules.Rule) int { return cmp.Compare(a.ID, b.ID) })
}

// ruleTitle is the title of rule id among rules, or "" if it is not there.
func ruleTitle(ruleList []*rules.Rule, id string) string {
	for _, r := range ruleList {
		if r.ID == id {
			return r.Title
		}
	}
	return ""
}

// slashPath is file with forward slashes and no leading "./", as CI
// systems want repository paths.
func slashPath(file string) string {
	p := strings.ReplaceAll(file, `\`, "/")
	for strings.HasPrefix(p, "./") {
		p = p[2:]
	}
	return p
}
