package main

import (
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/streamlint/streamlint/checker/engine"
	"github.com/streamlint/streamlint/checker/ruledoc"
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

// ruleJSON is the JSON form of a rule for `rules --format json`.
type ruleJSON struct {
	ID          string            `json:"id"`
	Title       string            `json:"title"`
	Severity    string            `json:"severity"`
	Profiles    map[string]string `json:"profiles,omitempty"`
	Description string            `json:"description"`
	Remediation string            `json:"remediation"`
	Docs        string            `json:"docs"`
}

func writeRules(w io.Writer, format string, list []*rules.Rule) error {
	switch format {
	case "text", "":
		tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "ID\tSEVERITY\tTITLE")
		for _, r := range list {
			fmt.Fprintf(tw, "%s\t%s\t%s\n", r.ID, ruledoc.SeverityWithProfiles(r), r.Title)
		}
		return tw.Flush()
	case "json":
		out := make([]ruleJSON, 0, len(list))
		for _, r := range list {
			out = append(out, ruleJSON{ID: r.ID, Title: r.Title, Severity: string(r.Severity), Profiles: r.Profiles,
				Description: wrap(r.Description), Remediation: wrap(r.Remediation), Docs: rules.DocsURL + r.ID + ".md"})
		}
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	case "markdown":
		_, err := w.Write(ruledoc.Table(list))
		return err
	}
	return usageError("--format: unknown format %q (want text, json or markdown)", format)
}
