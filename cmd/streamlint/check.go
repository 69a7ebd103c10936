package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/streamlint/streamlint/checker/baseline"
	"github.com/streamlint/streamlint/checker/report"
)

func newCheckCmd(e env) *cobra.Command {
	var f lintFlags
	var lf liveFlags
	var outs outputList
	var baselinePath string
	var noColor bool
	cmd := &cobra.Command{
		Use:   "check [PATH...]",
		Short: "Check files and directories (default: the current directory)",
		Long: `Check walks the given directories (skipping .git, vendor, node_modules and
what .gitignore ignores), groups compose files, Spark configuration and jobs
into pipelines, and reports findings. A file named explicitly is always
checked; its whole pipeline is loaded for context, and only findings located
in the named files are reported. "-" reads one file from standard input
(name it with --stdin-filename).

Several formats can be written in one run: each --output belongs to the
--format before it, and at most one format goes to standard output:
  streamlint check --format sarif --output streamlint.sarif --format text

Exit codes: 0 no finding at or above --fail-on; 1 findings at or above it;
2 a file or policy could not be loaded, or the command line is wrong (2 wins).`,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runCheck(cmd, e, f, lf, outs.specs, baselinePath, noColor, args)
		},
	}
	fl := cmd.Flags()
	f.register(fl)
	lf.register(fl)
	fl.VarP(formatFlag{&outs}, "format", "f", "output format: "+strings.Join(report.Formats(), ", ")+" (repeatable)")
	fl.VarP(outputFlag{&outs}, "output", "o", "write the preceding --format to this file instead of standard output")
	fl.StringVar(&baselinePath, "baseline", "", "report only findings not recorded in this baseline file (see streamlint baseline)")
	fl.BoolVar(&noColor, "no-color", false, "never colour the text output")
	return cmd
}

func runCheck(cmd *cobra.Command, e env, f lintFlags, lf liveFlags, outs []outputSpec, baselinePath string, noColor bool, args []string) error {
	if len(outs) == 0 {
		outs = []outputSpec{{format: "text"}}
	}
	toStdout := 0
	for _, o := range outs {
		if _, err := report.Get(o.format, report.Options{}); err != nil {
			return usageError("--format: %v", err)
		}
		if o.path == "" {
			toStdout++
		}
	}
	if toStdout > 1 {
		return usageError("at most one --format may write to standard output; give the others an --output file")
	}
	res, s, err := checkRun(cmd, e, f, lf, args)
	if err != nil {
		return err
	}
	if baselinePath != "" {
		b, err := baseline.Load(baselinePath)
		if err != nil {
			return &exitCodeError{code: exitError, err: err}
		}
		b.Apply(res.Findings, time.Now(), filepath.ToSlash(baselinePath))
	}
	out := report.Report{Findings: res.Findings, Errors: res.Errors, Notes: res.Notes, Files: res.Files, Clusters: res.Clusters, Rules: res.Rules, FailOn: s.failOn}
	for _, o := range outs {
		opts := report.Options{Version: version, DocsURL: s.docsURL, Color: o.path == "" && useColor(e, noColor)}
		if o.format == "github" {
			if p := e.getenv("GITHUB_STEP_SUMMARY"); p != "" {
				sf, err := os.OpenFile(p, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
				if err != nil {
					return &exitCodeError{code: exitError, err: fmt.Errorf("GITHUB_STEP_SUMMARY: %w", err)}
				}
				defer sf.Close()
				opts.StepSummary = sf
			}
		}
		rep, _ := report.Get(o.format, opts)
		if err := writeReport(e, o.path, rep, &out); err != nil {
			return &exitCodeError{code: exitError, err: err}
		}
	}
	return &exitCodeError{code: exitCode(&out)}
}

func exitCode(r *report.Report) int {
	if len(r.Errors) > 0 {
		return exitError
	}
	if r.FailOn == "" {
		return exitOK
	}
	for _, f := range r.Findings {
		if f.Suppressed == nil && f.Severity.Rank() >= r.FailOn.Rank() {
			return exitFindings
		}
	}
	return exitOK
}
