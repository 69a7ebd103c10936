package report

import (
	"cmp"
	"encoding/json"
	"io"
	"net/url"
	"path"
	"strings"
	"unicode"

	"github.com/streamlint/streamlint/checker/model"
	"github.com/streamlint/streamlint/checker/rules"
)

// SARIF writes a SARIF 2.1.0 log with one run, for GitHub code scanning
// and other SARIF viewers. Every rule of the report is a reportingDescriptor;
// findings and file errors (rule LNT002) are results, with columns counted
// in Unicode code points as streamlint counts them. Suppressed findings
// stay, with a suppression (inSource for a streamlint:ignore comment,
// external for the baseline). Relative paths are
// relative to %SRCROOT%, the directory streamlint ran in.
type SARIF struct {
	Version string // tool.driver.version (DefaultVersion when empty)
	DocsURL string // base of the rule pages (rules.DocsURL when empty)
}

const (
	sarifSchema      = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
	sarifSrcRoot     = "%SRCROOT%"
	sarifFingerprint = "streamlint/v1"
)

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool        sarifTool         `json:"tool"`
	Invocations []sarifInvocation `json:"invocations"`
	ColumnKind  string            `json:"columnKind"`
	Results     []sarifResult     `json:"results"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	InformationURI string      `json:"informationUri"`
	Version        string      `json:"version"`
	Rules          []sarifRule `json:"rules"`
}

type sarifRule struct {
	ID                   string          `json:"id"`
	Name                 string          `json:"name,omitempty"`
	ShortDescription     *sarifText      `json:"shortDescription,omitempty"`
	FullDescription      *sarifText      `json:"fullDescription,omitempty"`
	Help                 *sarifText      `json:"help,omitempty"`
	HelpURI              string          `json:"helpUri,omitempty"`
	DefaultConfiguration sarifRuleConfig `json:"defaultConfiguration"`
	Properties           sarifRuleProps  `json:"properties"`
}

type sarifRuleConfig struct {
	Level string `json:"level"`
}

type sarifRuleProps struct {
	Tags []string `json:"tags"`
}

// sarifText is a message or a multiformatMessageString.
type sarifText struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown,omitempty"`
}

type sarifInvocation struct {
	ExecutionSuccessful        bool                `json:"executionSuccessful"`
	ToolExecutionNotifications []sarifNotification `json:"toolExecutionNotifications,omitempty"`
}

type sarifNotification struct {
	Level          string          `json:"level"`
	Message        sarifText       `json:"message"`
	Locations      []sarifLocation `json:"locations,omitempty"`
	AssociatedRule *sarifRuleRef   `json:"associatedRule,omitempty"`
}

type sarifRuleRef struct {
	ID    string `json:"id"`
	Index int    `json:"index"`
}

type sarifResult struct {
	RuleID              string             `json:"ruleId"`
	RuleIndex           int                `json:"ruleIndex"`
	Level               string             `json:"level"`
	Message             sarifText          `json:"message"`
	Locations           []sarifLocation    `json:"locations,omitempty"`
	RelatedLocations    []sarifLocation    `json:"relatedLocations,omitempty"`
	PartialFingerprints map[string]string  `json:"partialFingerprints"`
	Suppressions        []sarifSuppression `json:"suppressions,omitempty"`
}

// sarifSuppression marks a result silenced by a streamlint:ignore comment
// (inSource) or the baseline (external); viewers show it as dismissed.
type sarifSuppression struct {
	Kind          string `json:"kind"`
	Justification string `json:"justification,omitempty"`
}

type sarifLocation struct {
	ID               *int                   `json:"id,omitempty"`
	PhysicalLocation *sarifPhysicalLocation `json:"physicalLocation,omitempty"`
	Message          *sarifText             `json:"message,omitempty"`
}

type sarifPhysicalLocation struct {
	ArtifactLocation sarifArtifactLocation `json:"artifactLocation"`
	Region           *sarifRegion          `json:"region,omitempty"`
}

type sarifArtifactLocation struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId,omitempty"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn,omitempty"`
}

// Write renders r as an indented SARIF log.
func (s *SARIF) Write(w io.Writer, r *Report) error {
	o := Options{Version: s.Version, DocsURL: s.DocsURL}.withDefaults()
	ruleList := rulesOf(r)
	index := map[string]int{}
	run := sarifRun{
		Tool: sarifTool{Driver: sarifDriver{
			Name:           "streamlint",
			InformationURI: "https://github.com/streamlint/streamlint",
			Version:        o.Version,
			Rules:          make([]sarifRule, 0, len(ruleList)),
		}},
		Invocations: []sarifInvocation{{ExecutionSuccessful: len(r.Errors) == 0}},
		ColumnKind:  "unicodeCodePoints",
		Results:     []sarifResult{},
	}
	for i, rule := range ruleList {
		index[rule.ID] = i
		run.Tool.Driver.Rules = append(run.Tool.Driver.Rules, sarifDescriptor(rule, o.DocsURL))
	}

	fp := fingerprinter{}
	inv := &run.Invocations[0]
	for _, e := range sortedErrors(r) {
		run.Results = append(run.Results, sarifResult{
			RuleID:              rules.Load,
			RuleIndex:           index[rules.Load],
			Level:               "error",
			Message:             sarifText{Text: e.Message},
			Locations:           sarifLocations(e.Location),
			PartialFingerprints: map[string]string{sarifFingerprint: fp.next(errorFinding(e))},
		})
		inv.ToolExecutionNotifications = append(inv.ToolExecutionNotifications, sarifNotification{
			Level:          "error",
			Message:        sarifText{Text: e.Message},
			Locations:      sarifLocations(e.Location),
			AssociatedRule: &sarifRuleRef{ID: rules.Load, Index: index[rules.Load]},
		})
	}
	for _, n := range sortedNotes(r) {
		inv.ToolExecutionNotifications = append(inv.ToolExecutionNotifications, sarifNotification{
			Level:     "note",
			Message:   sarifText{Text: n.Message},
			Locations: sarifLocations(n.Location),
		})
	}
	for _, f := range sortedFindings(r) {
		res := sarifResult{
			RuleID:              f.RuleID,
			RuleIndex:           index[f.RuleID],
			Level:               sarifLevel(f.Severity),
			Message:             sarifText{Text: f.Message},
			Locations:           sarifLocations(f.Location),
			PartialFingerprints: map[string]string{sarifFingerprint: fp.next(f)},
		}
		if sup := f.Suppressed; sup != nil {
			kind := "external"
			if sup.Kind == "inline" {
				kind = "inSource"
			}
			res.Suppressions = []sarifSuppression{{Kind: kind, Justification: sup.Reason}}
		}
		for i, rel := range f.Related {
			if loc := sarifPhysical(rel.Location); loc != nil {
				id := i + 1
				res.RelatedLocations = append(res.RelatedLocations, sarifLocation{ID: &id, PhysicalLocation: loc, Message: &sarifText{Text: rel.Message}})
			}
		}
		run.Results = append(run.Results, res)
	}

	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(sarifLog{Schema: sarifSchema, Version: "2.1.0", Runs: []sarifRun{run}})
}

// sarifDescriptor describes a rule from its METADATA.
func sarifDescriptor(r *rules.Rule, docsURL string) sarifRule {
	d := sarifRule{
		ID:                   r.ID,
		Name:                 camelCase(r.Title),
		HelpURI:              docsURL + r.ID + ".md",
		DefaultConfiguration: sarifRuleConfig{Level: sarifLevel(r.Severity)},
		Properties:           sarifRuleProps{Tags: []string{ruleCategory(r)}},
	}
	if r.Title != "" {
		d.ShortDescription = &sarifText{Text: r.Title}
	}
	if r.Description != "" {
		d.FullDescription = &sarifText{Text: r.Description}
	}
	if r.Remediation != "" {
		md := r.Remediation + "\n\n[" + r.ID + " documentation](" + d.HelpURI + ")"
		for _, l := range r.Related {
			md += "\n\n[" + cmp.Or(l.Description, l.URL) + "](" + l.URL + ")"
		}
		d.Help = &sarifText{Text: r.Remediation, Markdown: md}
	}
	return d
}

// sarifLevel maps a severity to a SARIF level.
func sarifLevel(s model.Severity) string {
	switch s {
	case model.SeverityError:
		return "error"
	case model.SeverityInfo:
		return "note"
	}
	return "warning"
}

// sarifLocations is l as a result's locations (none without a file).
func sarifLocations(l model.Location) []sarifLocation {
	if loc := sarifPhysical(l); loc != nil {
		return []sarifLocation{{PhysicalLocation: loc}}
	}
	return nil
}

// sarifPhysical is l as a physicalLocation, nil without a file. A
// relative path is a relative URI against %SRCROOT%; an absolute one is a
// file: URI.
func sarifPhysical(l model.Location) *sarifPhysicalLocation {
	if l.File == "" {
		return nil
	}
	if l.IsURI() { // a running cluster's kafka://HOST:PORT/topics/NAME: absolute, no region
		return &sarifPhysicalLocation{ArtifactLocation: sarifArtifactLocation{URI: l.File}}
	}
	p := slashPath(l.File)
	art := sarifArtifactLocation{URIBaseID: sarifSrcRoot}
	if len(p) >= 3 && p[1] == ':' && p[2] == '/' && unicode.IsLetter(rune(p[0])) { // C:/dir
		p = "/" + p
	}
	if path.IsAbs(p) {
		art = sarifArtifactLocation{}
		art.URI = (&url.URL{Scheme: "file", Path: p}).String()
	} else {
		art.URI = (&url.URL{Path: p}).String()
	}
	loc := &sarifPhysicalLocation{ArtifactLocation: art}
	if l.Line > 0 {
		loc.Region = &sarifRegion{StartLine: l.Line, StartColumn: max(l.Column, 0)}
	}
	return loc
}

// camelCase turns a title into an identifier: "Replication factor 1"
// becomes "ReplicationFactor1".
func camelCase(title string) string {
	var b strings.Builder
	for _, word := range strings.FieldsFunc(title, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		rs := []rune(word)
		b.WriteRune(unicode.ToUpper(rs[0]))
		b.WriteString(string(rs[1:]))
	}
	return b.String()
}

// ruleCategory is the folder a policy lives in (policies/rules/kafka/...
// gives "kafka"), or "lint" for the rules written in Go.
func ruleCategory(r *rules.Rule) string {
	parts := strings.Split(slashPath(r.File), "/")
	for i := 0; i+1 < len(parts)-1; i++ {
		if parts[i] == "rules" {
			return parts[i+1]
		}
	}
	return "lint"
}
