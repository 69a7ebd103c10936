package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/streamlint/streamlint/checker/baseline"
	"github.com/streamlint/streamlint/checker/report"
)

func newBaselineCmd(e env) *cobra.Command {
	var f lintFlags
	var output string
	cmd := &cobra.Command{
		Use:   "baseline --output FILE [PATH...]",
		Short: "Record today's findings so that check --baseline reports only new ones",
		Long: `Baseline runs the same check and writes every finding's fingerprint (rule,
file, and the message without line numbers, so that it survives lines moving)
to FILE. Commit the file and run "streamlint check --baseline FILE" in CI: only
findings that are not in it fail the build. An entry may be given an
"expires": "YYYY-MM-DD" date, after which the finding is reported again.`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if output == "" {
				return usageError("baseline needs --output FILE")
			}
			res, _, err := lintRun(cmd, e, f, args)
			if err != nil {
				return err
			}
			if len(res.Errors) > 0 {
				for _, fe := range res.Errors {
					fmt.Fprintf(e.stderr, "%s: error LNT002 %s\n", report.LineLoc(fe.Location), report.TextSafe(fe.Message))
				}
				return &exitCodeError{code: exitError, err: fmt.Errorf("no baseline written: %d file(s) could not be loaded", len(res.Errors))}
			}
			b := baseline.New(res.Findings)
			if err := writeFileAtomic(output, b.Write); err != nil {
				return &exitCodeError{code: exitError, err: err}
			}
			fmt.Fprintf(e.stderr, "streamlint: recorded %d finding(s) in %s\n", len(b.Findings), output)
			return nil
		},
	}
	f.register(cmd.Flags())
	cmd.Flags().StringVarP(&output, "output", "o", "", "baseline file to write")
	return cmd
}
