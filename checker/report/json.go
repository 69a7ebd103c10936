package report

import (
	"encoding/json"
	"io"

	"github.com/streamlint/streamlint/checker/model"
)

// JSON is the stable machine-readable format (version 1).
type JSON struct{}

type jsonDoc struct {
	Version  int               `json:"version"`
	Findings []model.Finding   `json:"findings"`
	Errors   []model.FileError `json:"errors"`
	Notes    []jsonNote        `json:"notes"`
	Summary  jsonSummary       `json:"summary"`
}

type jsonNote struct {
	File    string `json:"file"`
	Line    int    `json:"line,omitempty"`
	Message string `json:"message"`
}

type jsonSummary struct {
	Files    int `json:"files"`
	Findings int `json:"findings"`
	Errors   int `json:"errors"`
}

// Write renders r as indented JSON, findings, errors and notes sorted by
// location.
func (JSON) Write(w io.Writer, r *Report) error {
	doc := jsonDoc{
		Version:  1,
		Findings: sortedFindings(r),
		Errors:   sortedErrors(r),
		Notes:    []jsonNote{},
		Summary:  jsonSummary{Files: r.Files, Findings: len(r.Findings), Errors: len(r.Errors)},
	}
	if doc.Findings == nil {
		doc.Findings = []model.Finding{}
	}
	if doc.Errors == nil {
		doc.Errors = []model.FileError{}
	}
	for _, n := range sortedNotes(r) {
		doc.Notes = append(doc.Notes, jsonNote{File: n.File, Line: n.Line, Message: n.Message})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(doc)
}
