package main

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/streamlint/streamlint/checker/rules"
)

func newExplainCmd(e env) *cobra.Command {
	return &cobra.Command{
		Use:   "explain RULE",
		Short: "Explain a rule: what it checks, why, and how to fix it",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			all, err := allRules(cmd)
			if err != nil {
				return &exitCodeError{code: exitError, err: err}
			}
			id := strings.ToUpper(args[0])
			for _, r := range all {
				if r.ID != id {
					continue
				}
				fmt.Fprintf(e.stdout, "%s: %s (%s)\n\n%s\n\nFix: %s\n\nSilence one finding: # streamlint:ignore %s -- reason\nTurn it off: --disable %s, or rules: {%s: off} in .streamlint.yaml\nDocs: %s%s.md\n",
					r.ID, r.Title, r.Severity, wrap(r.Description), wrap(r.Remediation), r.ID, r.ID, r.ID, rules.DocsURL, r.ID)
				for _, l := range r.Related {
					fmt.Fprintf(e.stdout, "See also: %s (%s)\n", l.URL, l.Description)
				}
				return nil
			}
			return usageError("unknown rule %q (see streamlint rules)", args[0])
		},
	}
}

// wrap joins a multi-line METADATA text into paragraphs.
func wrap(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
