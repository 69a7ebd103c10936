package main

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/spf13/cobra"
	"github.com/streamlint/streamlint/checker/report"
)

// Exit codes.
const (
	exitOK       = 0
	exitFindings = 1
	exitError    = 2
)

// env is what the process gives the CLI, injected for tests.
type env struct {
	stdin      io.Reader
	stdout     io.Writer
	stderr     io.Writer
	getenv     func(string) string
	environ    func() []string
	isTerminal func(any) bool
}

// exitCodeError carries an exit code through cobra.
type exitCodeError struct {
	code int
	err  error
}

func (e *exitCodeError) Error() string {
	if e.err == nil {
		return fmt.Sprintf("exit %d", e.code)
	}
	return e.err.Error()
}

// usageError is a mistake in the command line (exit 2).
func usageError(format string, args ...any) error {
	return &exitCodeError{code: exitError, err: fmt.Errorf(format, args...)}
}

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

// run is the whole CLI; it returns the exit code.
func run(ctx context.Context, args []string, e env) int {
	root := &cobra.Command{
		Use:   "streamlint",
		Short: "Lint Kafka and Spark streaming-pipeline configuration",
		Long: `streamlint reads the docker-compose files, Spark configuration and Spark jobs
a repository already has, builds one model of the pipeline, and checks it with
Rego rules that know Kafka and Spark: retention, partitions, rate limits,
executor memory and the arithmetic between them.`,
		SilenceUsage:  true,
		SilenceErrors: true,
		Version:       version,
	}
	root.SetArgs(args)
	root.SetIn(e.stdin)
	root.SetOut(e.stdout)
	root.SetErr(e.stderr)
	root.AddCommand(newCheckCmd(e), newBaselineCmd(e), newFilesCmd(e), newParseCmd(e), newVerifyCmd(e), newRulesCmd(e), newExplainCmd(e), newInitCmd(e), newVersionCmd(e))
	err := root.ExecuteContext(ctx)
	if err == nil {
		return exitOK
	}
	var ec *exitCodeError
	if errors.As(err, &ec) {
		if ec.err != nil {
			fmt.Fprintf(e.stderr, "streamlint: %s\n", report.TextSafe(ec.err.Error()))
		}
		return ec.code
	}
	fmt.Fprintf(e.stderr, "streamlint: %s\n", report.TextSafe(err.Error()))
	return exitError
}
