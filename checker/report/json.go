package report

import (
	"bufio"
	"bytes"
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
	Clusters int `json:"clusters,omitempty"`
	Findings int `json:"findings"`
	Errors   int `json:"errors"`
}

// Write renders r as indented JSON, findings, errors and notes sorted by
// location. The document is written element by element, so that a run
// with tens of thousands of findings never holds its whole encoding in
// memory; the bytes are those json.Encoder.SetIndent("", "  ") gives for
// jsonDoc (TestJSONStreamingMatchesEncoder).
func (JSON) Write(w io.Writer, r *Report) error {
	notes := []jsonNote{}
	for _, n := range sortedNotes(r) {
		notes = append(notes, jsonNote{File: n.File, Line: n.Line, Message: n.Message})
	}
	bw := bufio.NewWriter(w)
	sw := &streamWriter{w: bw}
	sw.raw("{\n  \"version\": 1,\n")
	writeArray(sw, "findings", sortedFindings(r), false)
	writeArray(sw, "errors", sortedErrors(r), false)
	writeArray(sw, "notes", notes, false)
	sw.raw("  \"summary\": ")
	sw.value(jsonSummary{Files: r.Files, Clusters: r.Clusters, Findings: len(r.Findings), Errors: len(r.Errors)}, "  ")
	sw.raw("\n}\n")
	if sw.err != nil {
		return sw.err
	}
	return bw.Flush()
}

// streamWriter writes JSON pieces and keeps the first error.
type streamWriter struct {
	w   *bufio.Writer
	buf bytes.Buffer
	err error
}

func (s *streamWriter) raw(text string) {
	if s.err == nil {
		_, s.err = s.w.WriteString(text)
	}
}

// value writes v indented as if nested at prefix, without a newline.
func (s *streamWriter) value(v any, prefix string) {
	if s.err != nil {
		return
	}
	s.buf.Reset()
	enc := json.NewEncoder(&s.buf)
	enc.SetIndent(prefix, "  ")
	enc.SetEscapeHTML(false)
	if s.err = enc.Encode(v); s.err != nil {
		return
	}
	_, s.err = s.w.Write(bytes.TrimSuffix(s.buf.Bytes(), []byte("\n")))
}

// writeArray writes `  "key": [...]` with one element at a time.
func writeArray[T any](s *streamWriter, key string, items []T, last bool) {
	s.raw("  \"" + key + "\": [")
	for i := range items {
		if i > 0 {
			s.raw(",")
		}
		s.raw("\n    ")
		s.value(items[i], "    ")
	}
	if len(items) > 0 {
		s.raw("\n  ")
	}
	s.raw("]")
	if !last {
		s.raw(",")
	}
	s.raw("\n")
}
