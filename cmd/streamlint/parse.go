package main

import (
	"encoding/json"
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/streamlint/streamlint/checker/discover"
	"github.com/streamlint/streamlint/checker/lint"
	"github.com/streamlint/streamlint/checker/model"
	"github.com/streamlint/streamlint/checker/report"
	"github.com/streamlint/streamlint/internal/safefile"
)

func newParseCmd(e env) *cobra.Command {
	var f lintFlags
	var lf liveFlags
	cmd := &cobra.Command{
		Use:   "parse [PATH...]",
		Short: "Print the pipeline model exactly as policies see it (input), as JSON",
		Long: `Parse builds the model of each pipeline (brokers, clusters, topics, Spark apps,
workers, with effective values and where each came from) and prints it as a
JSON array: one element per pipeline, each exactly the input document a policy
receives. Use it to write and debug your own policies (docs/policy-input.md).
With --bootstrap-server the running cluster's document comes last (and only
it when no PATH is given).`,
		RunE: func(cmd *cobra.Command, args []string) error {
			cwd, err := os.Getwd()
			if err != nil {
				return err
			}
			s, err := loadSettings(cmd, f, cwd)
			if err != nil {
				return err
			}
			display := lint.DisplayFunc(cwd)
			l, err := newLinter(cmd.Context(), e, f, s, display, safefile.NewScope(append([]string{cwd}, args...)...))
			if err != nil {
				return err
			}
			if err := lf.check(cmd); err != nil {
				return err
			}
			var ps []*model.Pipeline
			var errs []model.FileError
			if lf.bootstrap == "" || len(args) > 0 {
				ps, errs, err = l.Parse(cmd.Context(), lint.Options{Paths: args, Discover: discover.Options{Exclude: s.exclude, MaxFileSize: f.maxFileSize, Display: display}})
				if err != nil {
					return &exitCodeError{code: exitError, err: err}
				}
			}
			if lf.bootstrap != "" {
				if ps, err = withCluster(cmd.Context(), e, lf, s, ps); err != nil {
					return err
				}
			}
			enc := json.NewEncoder(e.stdout)
			enc.SetIndent("", "  ")
			enc.SetEscapeHTML(false)
			if err := enc.Encode(ps); err != nil {
				return err
			}
			for _, fe := range errs {
				fmt.Fprintf(e.stderr, "%s: error LNT002 %s\n", report.LineLoc(fe.Location), report.TextSafe(fe.Message))
			}
			if len(errs) > 0 {
				return &exitCodeError{code: exitError}
			}
			return nil
		},
	}
	f.register(cmd.Flags())
	lf.register(cmd.Flags())
	return cmd
}
