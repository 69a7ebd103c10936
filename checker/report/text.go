package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/streamlint/streamlint/checker/model"
)

// Text is the format for a person at a terminal:
//
//	path:line:col: severity RULE message
//	    related: path:line:col: what is there
//	    fix: remediation
//
// then a summary line. Suppressed findings are only counted.
type Text struct {
	Color bool
}

const (
	ansiReset  = "\x1b[0m"
	ansiBold   = "\x1b[1m"
	ansiRed    = "\x1b[31m"
	ansiYellow = "\x1b[33m"
	ansiCyan   = "\x1b[36m"
	ansiDim    = "\x1b[2m"
)

func (t *Text) paint(code, s string) string {
	if !t.Color {
		return s
	}
	return code + s + ansiReset
}

func (t *Text) severity(s model.Severity) string {
	switch s {
	case model.SeverityError:
		return t.paint(ansiRed+ansiBold, string(s))
	case model.SeverityWarning:
		return t.paint(ansiYellow, string(s))
	}
	return t.paint(ansiCyan, string(s))
}

// Write renders r.
func (t *Text) Write(w io.Writer, r *Report) error {
	bw := bufio.NewWriter(w)
	// everything that comes from the checked files goes through
	// textSafe (lineLoc for the first word of a line): see escape.go
	for _, e := range sortedErrors(r) {
		fmt.Fprintf(bw, "%s: %s LNT002 %s\n", t.paint(ansiBold, lineLoc(e.Location)), t.severity(model.SeverityError), textSafe(e.Message))
	}
	for _, f := range activeFindings(r) {
		fmt.Fprintf(bw, "%s: %s %s %s\n", t.paint(ansiBold, lineLoc(f.Location)), t.severity(f.Severity), textSafe(f.RuleID), textSafe(f.Message))
		for _, rel := range f.Related {
			fmt.Fprintf(bw, "    %s %s: %s\n", t.paint(ansiDim, "related"), textSafe(locString(rel.Location)), textSafe(rel.Message))
		}
		if f.Remediation != "" {
			fmt.Fprintf(bw, "    %s %s\n", t.paint(ansiDim, "fix:"), textSafe(oneLine(f.Remediation)))
		}
	}
	for _, n := range sortedNotes(r) {
		fmt.Fprintf(bw, "%s: %s %s\n", lineLoc(n.Location), t.paint(ansiDim, "note"), textSafe(n.Message))
	}
	fmt.Fprintln(bw, summaryLine(r))
	return bw.Flush()
}

// summaryLine counts findings by severity (suppressed ones apart), files
// checked and load errors (a file, or part of one, that could not be
// checked: the rest of the file is checked when it can be).
func summaryLine(r *Report) string {
	counts := map[model.Severity]int{}
	active := activeFindings(r)
	for _, f := range active {
		counts[f.Severity]++
	}
	summary := fmt.Sprintf("%d %s (%d %s, %d %s, %d info) in %d %s",
		len(active), plural(len(active), "finding", "findings"),
		counts[model.SeverityError], plural(counts[model.SeverityError], "error", "errors"),
		counts[model.SeverityWarning], plural(counts[model.SeverityWarning], "warning", "warnings"),
		counts[model.SeverityInfo], r.Files, plural(r.Files, "file", "files"))
	if r.Clusters > 0 {
		summary += fmt.Sprintf(" and %d running %s", r.Clusters, plural(r.Clusters, "cluster", "clusters"))
	}
	if n := len(r.Findings) - len(active); n > 0 {
		summary += fmt.Sprintf("; %d suppressed", n)
	}
	if len(r.Errors) > 0 {
		n := len(r.Errors)
		summary += fmt.Sprintf("; %d load %s: what %s was not checked", n, plural(n, "error", "errors"), plural(n, "it names", "they name"))
	}
	return summary
}

func locString(l model.Location) string {
	return l.String()
}

// oneLine folds a multi-line remediation into one line.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
