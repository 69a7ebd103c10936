package report

import (
	"io"
	"strings"

	"github.com/streamlint/streamlint/checker/model"
	"github.com/streamlint/streamlint/checker/rules"
)

// JUnit writes JUnit XML for CI systems that show test reports (GitLab,
// Jenkins, Azure Pipelines): one testsuite "streamlint" with a testcase per
// rule and file that has findings (classname the file, name the rule id
// and title) holding one <failure> per finding, a testcase with an <error>
// per file that could not be loaded (LNT002), and a passing testcase
// (classname "all files") for every rule of the report with no finding, so
// that a clean run still shows its tests. Suppressed findings are left
// out. Text goes out as character data,
// never CDATA, with characters XML cannot carry replaced.
type JUnit struct{}

type junitSuites struct {
	XMLName  struct{}     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Errors   int          `xml:"errors,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name     string      `xml:"name,attr"`
	Tests    int         `xml:"tests,attr"`
	Failures int         `xml:"failures,attr"`
	Errors   int         `xml:"errors,attr"`
	Skipped  int         `xml:"skipped,attr"`
	Cases    []junitCase `xml:"testcase"`
}

type junitCase struct {
	Classname string        `xml:"classname,attr"`
	Name      string        `xml:"name,attr"`
	Errors    []junitResult `xml:"error"`
	Failures  []junitResult `xml:"failure"`
}

type junitResult struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Text    string `xml:",chardata"`
}

// junitPassing is the classname of the testcases of rules with no finding.
const junitPassing = "all files"

// Write renders r as JUnit XML. tests counts testcases; failures and
// errors count the testcases that failed or errored.
func (JUnit) Write(w io.Writer, r *Report) error {
	ruleList := rulesOf(r)
	var cases []junitCase
	at := map[[2]string]int{} // (rule, file) -> index in cases
	caseFor := func(rule, file string) *junitCase {
		k := [2]string{rule, file}
		i, ok := at[k]
		if !ok {
			i = len(cases)
			at[k] = i
			cases = append(cases, junitCase{Classname: xmlSafe(file), Name: xmlSafe(strings.TrimSpace(rule + " " + ruleTitle(ruleList, rule)))})
		}
		return &cases[i]
	}

	suite := junitSuite{Name: "streamlint"}
	for _, e := range sortedErrors(r) {
		c := caseFor(rules.Load, e.File)
		if len(c.Errors) == 0 {
			suite.Errors++
		}
		c.Errors = append(c.Errors, junitResult{Message: xmlSafe(e.Message), Type: string(model.SeverityError), Text: xmlSafe(locString(e.Location) + ": " + e.Message)})
	}
	for _, f := range activeFindings(r) {
		c := caseFor(f.RuleID, f.File)
		if len(c.Failures) == 0 {
			suite.Failures++
		}
		text := locString(f.Location) + ": " + f.Message
		for _, rel := range f.Related {
			text += "\nrelated " + locString(rel.Location) + ": " + rel.Message
		}
		if f.Remediation != "" {
			text += "\nfix: " + oneLine(f.Remediation)
		}
		c.Failures = append(c.Failures, junitResult{Message: xmlSafe(f.Message), Type: string(f.Severity), Text: xmlSafe(text)})
	}
	reported := map[string]bool{}
	for k := range at {
		reported[k[0]] = true
	}
	for _, rule := range ruleList {
		if !reported[rule.ID] {
			caseFor(rule.ID, junitPassing)
		}
	}

	suite.Tests = len(cases)
	suite.Cases = cases
	return writeXML(w, junitSuites{
		Name: "streamlint", Tests: suite.Tests, Failures: suite.Failures, Errors: suite.Errors,
		Suites: []junitSuite{suite},
	})
}
