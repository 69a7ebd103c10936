package main

import (
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/streamlint/streamlint/checker/discover"
	"github.com/streamlint/streamlint/checker/lint"
	"github.com/streamlint/streamlint/checker/pipeline"
	"github.com/streamlint/streamlint/checker/report"
)

func newFilesCmd(e env) *cobra.Command {
	var (
		exclude     []string
		maxFileSize int64
	)
	cmd := &cobra.Command{
		Use:   "files [PATH...]",
		Short: "Show what discovery finds: pipelines, their files, and what it skipped and why",
		RunE: func(cmd *cobra.Command, args []string) error {
			cwd, err := os.Getwd()
			if err != nil {
				return err
			}
			display := lint.DisplayFunc(cwd)
			res, err := discover.Discover(cmd.Context(), args, discover.Options{Exclude: exclude, MaxFileSize: maxFileSize, Display: display})
			if err != nil {
				return &exitCodeError{code: exitError, err: err}
			}
			w := e.stdout
			// names come from the checked tree: escaped (report.TextSafe)
			show := func(p string) string { return report.TextSafe(display(p)) }
			for _, p := range res.Groups {
				fmt.Fprintf(w, "pipeline %s\n", show(p.Root))
				for i, c := range p.Compose {
					role := "compose"
					if i > 0 {
						role = "compose override"
					}
					fmt.Fprintf(w, "  %-18s %s\n", role, show(c))
				}
				for _, f := range p.Files {
					fmt.Fprintf(w, "  %-18s %s\n", f.Kind, show(f.Path))
				}
			}
			for _, s := range res.Skipped {
				fmt.Fprintf(w, "skipped %s: %s\n", show(s.Path), report.TextSafe(s.Reason))
			}
			for _, p := range res.Problems {
				fmt.Fprintf(w, "unreadable %s: %s\n", show(p.Path), report.TextSafe(p.Err.Error()))
			}
			if len(res.Problems) > 0 {
				return &exitCodeError{code: exitError}
			}
			return nil
		},
	}
	cmd.Flags().StringArrayVar(&exclude, "exclude", nil, "glob of paths to skip (repeatable)")
	cmd.Flags().Int64Var(&maxFileSize, "max-file-size", pipeline.DefaultMaxFileSize, "largest .gitignore to read, in bytes")
	return cmd
}
