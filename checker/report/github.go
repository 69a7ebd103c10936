package report

import (
	"bufio"
	"cmp"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/streamlint/streamlint/checker/model"
	"github.com/streamlint/streamlint/checker/rules"
)

// GitHub writes GitHub Actions workflow commands, which the runner turns
// into annotations on the commit and pull request:
//
//	::error file=F,line=L,col=C,title=RULE title::message
//
// ::error for errors and file errors (LNT002), ::warning for warnings and
// ::notice for info, then the summary line of the text format. Paths are
// as streamlint prints them, so run it from the repository root.
// Suppressed findings are left out. GitHub
// shows only the first annotations of each kind per step; StepSummary, if
// set, receives a Markdown table of every finding.
type GitHub struct {
	// StepSummary is the file GITHUB_STEP_SUMMARY names, opened for
	// appending by the caller (nil: no summary).
	StepSummary io.Writer
}

var (
	// githubData escapes a command's message.
	githubData = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	// githubProperty escapes a property value, where ':' and ',' are
	// delimiters too.
	githubProperty = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
)

// githubSafe percent-encodes, after the runner's own escapes, the
// control characters the runner leaves as they are (ESC, other C0 and
// C1 characters, line separators, bidirectional controls): they show as
// %1B and the like instead of reaching the log's terminal.
func githubSafe(escape *strings.Replacer, s string) string {
	s = escape.Replace(s)
	if !strings.ContainsFunc(s, unsafeRune) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if unsafeRune(r) {
			for _, c := range []byte(string(r)) {
				fmt.Fprintf(&b, "%%%02X", c)
			}
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// Write renders r as workflow commands and appends the step summary.
func (g *GitHub) Write(w io.Writer, r *Report) error {
	ruleList := rulesOf(r)
	errs, findings := sortedErrors(r), activeFindings(r)
	bw := bufio.NewWriter(w)
	for _, e := range errs {
		githubCommand(bw, "error", e.Location, rules.Load+" "+ruleTitle(ruleList, rules.Load), e.Message)
	}
	for _, f := range findings {
		msg := f.Message
		for _, rel := range f.Related {
			msg += "\nrelated " + locString(rel.Location) + ": " + rel.Message
		}
		if f.Remediation != "" {
			msg += "\nfix: " + oneLine(f.Remediation)
		}
		title := f.RuleID + " " + cmp.Or(f.Title, ruleTitle(ruleList, f.RuleID))
		githubCommand(bw, githubLevel(f.Severity), f.Location, title, msg)
	}
	fmt.Fprintln(bw, summaryLine(r))
	if err := bw.Flush(); err != nil {
		return err
	}
	if g.StepSummary == nil {
		return nil
	}
	return githubSummary(g.StepSummary, r, errs, findings)
}

// githubLevel is the workflow command for a severity.
func githubLevel(s model.Severity) string {
	switch s {
	case model.SeverityError:
		return "error"
	case model.SeverityWarning:
		return "warning"
	}
	return "notice"
}

// githubCommand writes one annotation command.
func githubCommand(w io.Writer, command string, l model.Location, title, msg string) {
	var props []string
	if l.IsURI() {
		// a running cluster's kafka:// location is no file of the
		// repository: said in the message, not annotated on a file
		msg = l.File + ": " + msg
	} else if l.File != "" {
		props = append(props, "file="+githubSafe(githubProperty, slashPath(l.File)))
		if l.Line > 0 {
			props = append(props, "line="+strconv.Itoa(l.Line))
			if l.Column > 0 {
				props = append(props, "col="+strconv.Itoa(l.Column))
			}
		}
	}
	props = append(props, "title="+githubSafe(githubProperty, strings.TrimSpace(title)))
	fmt.Fprintf(w, "::%s %s::%s\n", command, strings.Join(props, ","), githubSafe(githubData, msg))
}

// markdownCell escapes text for a cell of a Markdown table (after xmlSafe
// has replaced control characters).
var markdownCell = strings.NewReplacer("|", `\|`, "\r\n", "<br>", "\n", "<br>", "\r", "<br>", "&", "&amp;", "<", "&lt;", ">", "&gt;")

// githubSummary writes the Markdown step summary: the summary line and a
// table of file errors and findings.
func githubSummary(w io.Writer, r *Report, errs []model.FileError, findings []model.Finding) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "### streamlint\n\n%s\n\n", summaryLine(r))
	if len(errs)+len(findings) > 0 {
		fmt.Fprintln(bw, "| Rule | Severity | Location | Message |")
		fmt.Fprintln(bw, "| --- | --- | --- | --- |")
		row := func(rule, docs string, sev model.Severity, l model.Location, msg string) {
			rule = markdownText(rule)
			if docs != "" && (strings.HasPrefix(docs, "https://") || strings.HasPrefix(docs, "http://")) && !strings.ContainsAny(docs, " ()<>\"\n") {
				rule = "[" + rule + "](" + docs + ")"
			}
			fmt.Fprintf(bw, "| %s | %s | %s | %s |\n", rule, markdownText(string(sev)), markdownText(slashPath(l.String())), markdownText(msg))
		}
		for _, e := range errs {
			row(rules.Load, "", model.SeverityError, e.Location, e.Message)
		}
		for _, f := range findings {
			row(f.RuleID, f.Docs, f.Severity, f.Location, f.Message)
		}
		fmt.Fprintln(bw)
	}
	return bw.Flush()
}
