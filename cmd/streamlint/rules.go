package main

import (
	"fmt"
	"sort"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/streamlint/streamlint/checker/engine"
	"github.com/streamlint/streamlint/checker/lint"
	"github.com/streamlint/streamlint/policies"
)

// allRules returns every rule's metadata, Rego and Go.
func allRules(cmd *cobra.Command) ([]*engine.Rule, error) {
	mods, err := engine.ReadModules(policies.FS, "policies")
	if err != nil {
		return nil, err
	}
	eng, err := engine.New(cmd.Context(), mods, engine.Options{})
	if err != nil {
		return nil, err
	}
	rules := eng.Rules()
	rules = append(rules, lint.GoRules()...)
	sortRules(rules)
	return rules, nil
}

func sortRules(rs []*engine.Rule) {
	sort.Slice(rs, func(i, j int) bool { return rs[i].ID < rs[j].ID })
}

func newRulesCmd(e env) *cobra.Command {
	return &cobra.Command{
		Use:   "rules",
		Short: "List every rule with its severity and title",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			rules, err := allRules(cmd)
			if err != nil {
				return &exitCodeError{code: exitError, err: err}
			}
			tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "ID\tSEVERITY\tTITLE")
			for _, r := range rules {
				fmt.Fprintf(tw, "%s\t%s\t%s\n", r.ID, r.Severity, r.Title)
			}
			return tw.Flush()
		},
	}
}
