package main

import (
	"sort"

	"github.com/spf13/cobra"

	"github.com/streamlint/streamlint/checker/engine"
	"github.com/streamlint/streamlint/checker/rules"
	"github.com/streamlint/streamlint/policies"
)

// allRules returns every rule's metadata, Rego and Go, sorted by id.
func allRules(cmd *cobra.Command) ([]*rules.Rule, error) {
	mods, err := engine.ReadModules(policies.FS, "policies")
	if err != nil {
		return nil, err
	}
	eng, err := engine.New(cmd.Context(), mods, engine.Options{})
	if err != nil {
		return nil, err
	}
	rules := append(eng.Rules(), rules.Go()...)
	sort.Slice(rules, func(i, j int) bool { return rules[i].ID < rules[j].ID })
	return rules, nil
}

func newRulesCmd(e env) *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "rules",
		Short: "List every rule with its severity and title",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			rules, err := allRules(cmd)
			if err != nil {
				return &exitCodeError{code: exitError, err: err}
			}
			return writeRules(e.stdout, format, rules)
		},
	}
	cmd.Flags().StringVar(&format, "format", "text", "text, json or markdown")
	return cmd
}
