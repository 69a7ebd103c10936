package report

import (
	"io"
	"maps"
	"slices"

	"github.com/streamlint/streamlint/checker/model"
	"github.com/streamlint/streamlint/checker/rules"
)

// Checkstyle writes Checkstyle XML, which reviewdog, Jenkins (Warnings
// NG) and many code review tools read:
//
//	<checkstyle version="4.3">
//	  <file name="compose.yml">
//	    <error line="3" column="5" severity="error" message="..." source="streamlint.KAF001"/>
//
// Files are sorted by name and errors by line and column; file errors
// (LNT002) are errors of their file, with source streamlint.LNT002.
// Suppressed findings are left out.
type Checkstyle struct{}

type checkstyleDoc struct {
	XMLName struct{}         `xml:"checkstyle"`
	Version string           `xml:"version,attr"`
	Files   []checkstyleFile `xml:"file"`
}

type checkstyleFile struct {
	Name   string            `xml:"name,attr"`
	Errors []checkstyleError `xml:"error"`
}

type checkstyleError struct {
	Line     int    `xml:"line,attr,omitempty"`
	Column   int    `xml:"column,attr,omitempty"`
	Severity string `xml:"severity,attr"`
	Message  string `xml:"message,attr"`
	Source   string `xml:"source,attr"`
}

// Write renders r as Checkstyle XML.
func (Checkstyle) Write(w io.Writer, r *Report) error {
	type item struct {
		loc     model.Location
		rule    string
		sev     model.Severity
		message string
	}
	var items []item
	for _, e := range sortedErrors(r) {
		items = append(items, item{e.Location, rules.Load, model.SeverityError, e.Message})
	}
	for _, f := range activeFindings(r) {
		items = append(items, item{f.Location, f.RuleID, f.Severity, f.Message})
	}
	slices.SortStableFunc(items, func(a, b item) int { return compareLocations(a.loc, b.loc) })
	byFile := map[string][]checkstyleError{}
	for _, it := range items {
		byFile[it.loc.File] = append(byFile[it.loc.File], checkstyleError{
			Line: it.loc.Line, Column: it.loc.Column,
			Severity: string(it.sev), Message: xmlSafe(it.message), Source: "streamlint." + it.rule,
		})
	}
	doc := checkstyleDoc{Version: "4.3"}
	for _, name := range slices.Sorted(maps.Keys(byFile)) {
		doc.Files = append(doc.Files, checkstyleFile{Name: xmlSafe(name), Errors: byFile[name]})
	}
	return writeXML(w, doc)
}
