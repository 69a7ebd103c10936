// Package report writes a lint report in the formats people and CI
// systems read. One Reporter per format, one file per format.
package report

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/streamlint/streamlint/checker/engine"
	"github.com/streamlint/streamlint/checker/model"
)

// Report is what reporters render.
type Report struct {
	Findings []model.Finding
	Errors   []model.FileError
	Notes    []model.Note
	Files    int
	Rules    []*engine.Rule
	// FailOn is the severity at or above which findings fail the run.
	FailOn model.Severity
}

// Reporter renders a report.
type Reporter interface {
	Write(w io.Writer, r *Report) error
}

// Options tune reporters.
type Options struct {
	Color bool // ANSI colours (text)
}

// formats maps each format name to its constructor.
func formats() map[string]func(Options) Reporter {
	return map[string]func(Options) Reporter{
		"text": func(o Options) Reporter { return &Text{Color: o.Color} },
		"json": func(Options) Reporter { return JSON{} },
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

// Get returns the reporter for a format.
func Get(name string, o Options) (Reporter, error) {
	f, ok := formats()[name]
	if !ok {
		return nil, fmt.Errorf("unknown format %q (want one of %s)", name, strings.Join(Formats(), ", "))
	}
	return f(o), nil
}
