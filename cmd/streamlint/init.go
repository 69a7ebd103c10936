package main

import (
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"

	"github.com/streamlint/streamlint/checker/config"
)

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

# Numbers the capacity, Kafka and running-cluster rules use.
params:
  capacity.avg_record_bytes: 2048       # average Kafka record size
  capacity.batch_memory_fraction: 0.5   # share of executor memory one batch may use
  # capacity.produce_rate: 1000         # records/s the producers send (CAP002, CAP003)
  spark.batch_seconds: 5                # batch interval when the code does not say
  kafka.min_partitions: 3
  # With check --bootstrap-server (the incident's health thresholds):
  live.lag_alert: 1000                  # records a group may lag on a topic (LAG001)
  live.retention_risk: 0.1              # oldest share of a partition where a group is at risk (LAG002)
  live.retention_warning: 0.7           # partition size / retention.bytes for a warning (RET001)
  live.retention_error: 0.9             # ... and for an error

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
