package main

import (
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/streamlint/streamlint/checker/discover"
	"github.com/streamlint/streamlint/checker/lint"
)

func newFilesCmd(e env) *cobra.Command {
	var exclude []string
	cmd := &cobra.Command{
		Use:   "files [PATH...]",
		Short: "Show what discovery finds: pipelines, their files, and what it skipped and why",
		RunE: func(cmd *cobra.Command, args []string) error {
			cwd, err := os.Getwd()
			if err != nil {
				return err
			}
			display := lint.DisplayFunc(cwd)
			res, err := discover.Discover(cmd.Context(), args, discover.Options{Exclude: exclude, Display: display})
			if err != nil {
				return &exitCodeError{code: exitError, err: err}
			}
			w := e.stdout
			for _, p := range res.Groups {
				fmt.Fprintf(w, "pipeline %s\n", display(p.Root))
				for i, c := range p.Compose {
					role := "compose"
					if i > 0 {
						role = "compose override"
					}
					fmt.Fprintf(w, "  %-18s %s\n", role, display(c))
				}
				for _, f := range p.Files {
					fmt.Fprintf(w, "  %-18s %s\n", f.Kind, display(f.Path))
				}
			}
			for _, s := range res.Skipped {
				fmt.Fprintf(w, "skipped %s: %s\n", display(s.Path), s.Reason)
			}
			for _, p := range res.Problems {
				fmt.Fprintf(w, "unreadable %s: %v\n", display(p.Path), p.Err)
			}
			if len(res.Problems) > 0 {
				return &exitCodeError{code: exitError}
			}
			return nil
		},
	}
	cmd.Flags().StringArrayVar(&exclude, "exclude", nil, "glob of paths to skip (repeatable)")
	return cmd
}
