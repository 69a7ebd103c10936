package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/streamlint/streamlint/checker/baseline"
	"github.com/streamlint/streamlint/checker/config"
	"github.com/streamlint/streamlint/checker/discover"
	"github.com/streamlint/streamlint/checker/engine"
	"github.com/streamlint/streamlint/checker/lint"
	"github.com/streamlint/streamlint/checker/pipeline"
	"github.com/streamlint/streamlint/checker/ruledoc"
	"github.com/streamlint/streamlint/checker/rules"
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
					fmt.Fprintf(e.stderr, "%s: error LNT002 %s\n", fe.Location, fe.Message)
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
			res, err := discover.Discover(cmd.Context(), args, discover.Options{Exclude: exclude})
			if err != nil {
				return &exitCodeError{code: exitError, err: err}
			}
			w := e.stdout
			for _, p := range res.Pipelines {
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

const initTemplate = `# streamlint configuration (https://github.com/streamlint/streamlint).
# Flags given on the command line win over this file.

# prod (default) or dev: dev relaxes rules that only matter in production
# (for example replication factor 1 becomes info).
profile: prod

# Lowest severity that makes streamlint exit 1: error, warning, info or none.
fail-on: warning

# Per rule: off, or a severity (error, warning, info).
rules:
  # KAF006: off
  # SPK007: error

# Numbers the capacity and Kafka rules use.
params:
  capacity.avg_record_bytes: 2048       # average Kafka record size
  capacity.batch_memory_fraction: 0.5   # share of executor memory one batch may use
  # capacity.produce_rate: 1000         # records/s the producers send (CAP002, CAP003)
  spark.batch_seconds: 5                # batch interval when the code does not say
  kafka.min_partitions: 3

# Globs of paths to skip, relative to each directory checked.
exclude:
  # - legacy/**

# Extra env files for ${VAR} interpolation in compose files (the project's
# .env is always read; the process environment never, unless --use-env).
env-files: []

# Directories of your own Rego policies.
policies: []

# Kafka and Spark versions to assume where image tags do not say (latest,
# build: images).
versions:
  # kafka: "3.7"
  # spark: "3.5"

# Base URL of the rule pages in SARIF and JSON output.
# docs-url: https://github.com/streamlint/streamlint/blob/main/docs/rules/
`

func newInitCmd(e env) *cobra.Command {
	var force bool
	cmd := &cobra.Command{
		Use:   "init",
		Short: "Write a commented .streamlint.yaml in the current directory",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			path := config.FileNames[0]
			if _, err := os.Stat(path); err == nil && !force {
				return usageError("%s exists; use --force to overwrite it", path)
			}
			if _, err := config.Parse(path, []byte(initTemplate)); err != nil {
				return fmt.Errorf("internal error: the template does not parse: %w", err)
			}
			if err := writeFileAtomic(path, func(w io.Writer) error { _, err := io.WriteString(w, initTemplate); return err }); err != nil {
				return &exitCodeError{code: exitError, err: err}
			}
			fmt.Fprintf(e.stdout, "wrote %s\n", path)
			return nil
		},
	}
	cmd.Flags().BoolVar(&force, "force", false, "overwrite an existing file")
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

func newParseCmd(e env) *cobra.Command {
	var f lintFlags
	cmd := &cobra.Command{
		Use:   "parse [PATH...]",
		Short: "Print the pipeline model exactly as policies see it (input), as JSON",
		Long: `Parse builds the model of each pipeline (brokers, clusters, topics, Spark apps,
workers, with effective values and where each came from) and prints it as a
JSON array: one element per pipeline, each exactly the input document a policy
receives. Use it to write and debug your own policies (docs/policy-input.md).`,
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
			l, err := newLinter(cmd.Context(), e, f, s, display)
			if err != nil {
				return err
			}
			ps, errs, err := l.Parse(cmd.Context(), lint.Options{Paths: args, Discover: discover.Options{Exclude: s.exclude}, Build: pipeline.Options{Display: display, Profile: s.profile}})
			if err != nil {
				return &exitCodeError{code: exitError, err: err}
			}
			enc := json.NewEncoder(e.stdout)
			enc.SetIndent("", "  ")
			enc.SetEscapeHTML(false)
			if err := enc.Encode(ps); err != nil {
				return err
			}
			for _, fe := range errs {
				fmt.Fprintf(e.stderr, "%s: error LNT002 %s\n", fe.Location, fe.Message)
			}
			if len(errs) > 0 {
				return &exitCodeError{code: exitError}
			}
			return nil
		},
	}
	f.register(cmd.Flags())
	return cmd
}

func newVerifyCmd(e env) *cobra.Command {
	var f lintFlags
	var verbose bool
	cmd := &cobra.Command{
		Use:   "verify [POLICY-DIR...]",
		Short: "Run the Rego unit tests (*_test.rego) of the built-in and your own policies",
		Long: `Verify runs every test_ rule of the built-in policies and of the policy
directories given (or configured with policies: in .streamlint.yaml, or
--policy), with the same restricted builtins as linting. It prints failures
with file and line (every test with -v) and exits 1 when a test fails.`,
		RunE: func(cmd *cobra.Command, args []string) error {
			cwd, err := os.Getwd()
			if err != nil {
				return err
			}
			s, err := loadSettings(cmd, f, cwd)
			if err != nil {
				return err
			}
			s.policies = append(s.policies, args...)
			mods, err := policyModules(f, s, lint.DisplayFunc(cwd), true)
			if err != nil {
				return err
			}
			results, err := engine.Verify(cmd.Context(), mods, f.policyTimeout)
			if err != nil {
				return &exitCodeError{code: exitError, err: err}
			}
			failed := 0
			for _, r := range results {
				if !r.Passed {
					failed++
				}
				if verbose || !r.Passed {
					fmt.Fprintln(e.stdout, r.String())
					if !r.Passed && r.Output != "" {
						fmt.Fprintf(e.stdout, "    %s\n", strings.ReplaceAll(strings.TrimSpace(r.Output), "\n", "\n    "))
					}
				}
			}
			fmt.Fprintf(e.stdout, "%d passed, %d failed\n", len(results)-failed, failed)
			if len(results) == 0 {
				return &exitCodeError{code: exitError, err: fmt.Errorf("no Rego tests found")}
			}
			if failed > 0 {
				return &exitCodeError{code: exitFindings}
			}
			return nil
		},
	}
	f.register(cmd.Flags())
	cmd.Flags().BoolVarP(&verbose, "verbose", "v", false, "print every test, not only failures")
	return cmd
}
