package main

import (
	"fmt"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/streamlint/streamlint/checker/engine"
	"github.com/streamlint/streamlint/checker/lint"
)

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
