package report

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/streamlint/streamlint/checker/model"
)

// workflowCommand is a parsed ::level props::message line.
type workflowCommand struct {
	level   string
	props   map[string]string
	message string
}

var (
	commandRE = regexp.MustCompile(`^::(error|warning|notice)(?: ([^:]*))?::([^\r\n]*)$`)
	propRE    = regexp.MustCompile(`^(file|line|col|endLine|endColumn|title)=([^,]*)$`)
	unescape  = strings.NewReplacer("%25", "%", "%0D", "\r", "%0A", "\n", "%3A", ":", "%2C", ",")
)

// parseCommand parses one workflow command as the runner does: the
// properties up to "::", split on ',' and '=', then unescaped.
func parseCommand(line string) (workflowCommand, error) {
	m := commandRE.FindStringSubmatch(line)
	if m == nil {
		return workflowCommand{}, fmt.Errorf("not a workflow command: %q", line)
	}
	c := workflowCommand{level: m[1], props: map[string]string{}, message: unescape.Replace(m[3])}
	if m[2] != "" {
		for _, p := range strings.Split(m[2], ",") {
			pm := propRE.FindStringSubmatch(p)
			if pm == nil {
				return c, fmt.Errorf("bad property %q in %q", p, line)
			}
			if _, dup := c.props[pm[1]]; dup {
				return c, fmt.Errorf("property %s twice in %q", pm[1], line)
			}
			c.props[pm[1]] = unescape.Replace(pm[2])
		}
	}
	return c, nil
}

func commands(t *testing.T, out []byte) []workflowCommand {
	t.Helper()
	var cmds []workflowCommand
	for _, line := range strings.Split(strings.TrimSuffix(string(out), "\n"), "\n") {
		if !strings.HasPrefix(line, "::") {
			continue
		}
		c, err := parseCommand(line)
		if err != nil {
			t.Fatal(err)
		}
		cmds = append(cmds, c)
	}
	return cmds
}

// TestGitHubRoundTrip parses the commands back and compares them with the
// report: whatever the paths and messages hold comes back unchanged, one
// command per line.
func TestGitHubRoundTrip(t *testing.T) {
	for name, r := range map[string]*Report{"sample": sampleReport(), "hostile": hostileReport()} {
		t.Run(name, func(t *testing.T) {
			out := render(t, "github", Options{}, r)
			cmds := commands(t, out)
			type want struct {
				level, title, msg string
				loc               model.Location
			}
			var wants []want
			for _, e := range sortedErrors(r) {
				wants = append(wants, want{"error", "LNT002 " + ruleTitle(rulesOf(r), "LNT002"), e.Message, e.Location})
			}
			levels := map[model.Severity]string{model.SeverityError: "error", model.SeverityWarning: "warning", model.SeverityInfo: "notice"}
			for _, f := range activeFindings(r) {
				wants = append(wants, want{levels[f.Severity], f.RuleID + " " + f.Title, f.Message, f.Location})
			}
			if len(cmds) != len(wants) {
				t.Fatalf("%d commands, want %d:\n%s", len(cmds), len(wants), out)
			}
			for i, w := range wants {
				c := cmds[i]
				if c.level != w.level || c.props["title"] != strings.TrimSpace(w.title) {
					t.Errorf("command %d: %s %q, want %s %q", i, c.level, c.props["title"], w.level, w.title)
				}
				if c.props["file"] != slashPath(w.loc.File) || c.props["line"] != strconv.Itoa(w.loc.Line) || c.props["col"] != strconv.Itoa(w.loc.Column) {
					t.Errorf("command %d: location %v, want %v", i, c.props, w.loc)
				}
				// control characters other than CR and LF come back
				// percent-encoded (visible), never raw
				w.msg = shownByRunner(w.msg)
				if c.message != w.msg && !strings.HasPrefix(c.message, w.msg+"\n") {
					t.Errorf("command %d: message %q, want %q", i, c.message, w.msg)
				}
			}
		})
	}
}

// shownByRunner is what the runner shows of a message streamlint
// escaped: CR and LF as they are, other control characters as %XX, and
// invalid UTF-8 as U+FFFD.
func shownByRunner(s string) string {
	var b strings.Builder
	for _, r := range s {
		if unsafeRune(r) && r != '\r' && r != '\n' {
			for _, c := range []byte(string(r)) {
				fmt.Fprintf(&b, "%%%02X", c)
			}
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

func TestGitHubEscaping(t *testing.T) {
	var buf bytes.Buffer
	githubCommand(&buf, "warning", model.Location{File: "a,b:c%.yml", Line: 2}, "T: x, y", "50%\r\nnext")
	want := "::warning file=a%2Cb%3Ac%25.yml,line=2,title=T%3A x%2C y::50%25%0D%0Anext\n"
	if buf.String() != want {
		t.Errorf("got  %q\nwant %q", buf.String(), want)
	}
}

func TestGitHubStepSummary(t *testing.T) {
	out := render(t, "github", Options{}, sampleReport()) // nil StepSummary: nothing else written
	if len(commands(t, out)) != 6 {
		t.Errorf("want 6 commands:\n%s", out)
	}
	var summary bytes.Buffer
	render(t, "github", Options{StepSummary: &summary}, hostileReport())
	s := summary.String()
	for _, want := range []string{"| Rule | Severity | Location | Message |", "&lt;&amp;&gt;", `100%: a, b\\r\\nnext`, "odd dir/win.properties:2:4", `\]\]&gt;`} {
		if !strings.Contains(s, want) {
			t.Errorf("summary lacks %q:\n%s", want, s)
		}
	}
	for _, line := range strings.Split(strings.TrimSpace(s), "\n") {
		if strings.HasPrefix(line, "|") && strings.Count(strings.ReplaceAll(line, `\|`, ""), "|") != 5 {
			t.Errorf("table row with a stray cell separator: %q", line)
		}
	}
}
