package main

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/streamlint/streamlint/checker/compose"
	"github.com/streamlint/streamlint/checker/engine"
	"github.com/streamlint/streamlint/checker/lint"
	"github.com/streamlint/streamlint/checker/model"
	"github.com/streamlint/streamlint/checker/pipeline"
	"github.com/streamlint/streamlint/checker/report"
	"github.com/streamlint/streamlint/policies"
)

type checkFlags struct {
	format        string
	output        string
	failOn        string
	profile       string
	envFiles      []string
	useEnv        bool
	disable       []string
	enable        []string
	params        []string
	maxFileSize   int64
	noColor       bool
	policyTimeout time.Duration
	workers       int
}

func newCheckCmd(e env) *cobra.Command {
	var f checkFlags
	cmd := &cobra.Command{
		Use:   "check [PATH...]",
		Short: "Check files and directories (default: the current directory)",
		Long: `Check walks the given directories (skipping .git, vendor, node_modules and
what .gitignore ignores), groups compose files, Spark configuration and jobs
into pipelines, and reports findings.

Exit codes: 0 no finding at or above --fail-on; 1 findings at or above it;
2 a file or policy could not be loaded, or the command line is wrong (2 wins).`,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runCheck(cmd, e, f, args)
		},
	}
	fl := cmd.Flags()
	fl.StringVarP(&f.format, "format", "f", "text", "output format: "+strings.Join(report.Formats(), ", "))
	fl.StringVarP(&f.output, "output", "o", "", "write the report to this file instead of standard output")
	fl.StringVar(&f.failOn, "fail-on", "warning", "lowest severity that fails the run: error, warning, info or none")
	fl.StringVar(&f.profile, "profile", "prod", "rule profile: prod or dev")
	fl.StringSliceVar(&f.envFiles, "env-file", nil, "extra env file for compose interpolation (repeatable)")
	fl.BoolVar(&f.useEnv, "use-env", false, "let the process environment feed compose interpolation")
	fl.StringSliceVar(&f.disable, "disable", nil, "rule id to turn off (repeatable)")
	fl.StringSliceVar(&f.enable, "enable", nil, "rule id to turn back on (repeatable)")
	fl.StringArrayVar(&f.params, "param", nil, "rule parameter key=value, e.g. capacity.avg_record_bytes=1024 (repeatable)")
	fl.Int64Var(&f.maxFileSize, "max-file-size", pipeline.DefaultMaxFileSize, "largest file to read, in bytes")
	fl.BoolVar(&f.noColor, "no-color", false, "never colour the text output")
	fl.DurationVar(&f.policyTimeout, "policy-timeout", time.Minute, "bound on each pipeline's policy evaluation")
	fl.IntVar(&f.workers, "workers", 0, "pipelines checked in parallel (0: one per CPU)")
	return cmd
}

func runCheck(cmd *cobra.Command, e env, f checkFlags, args []string) error {
	ctx := cmd.Context()
	failOn, err := parseFailOn(f.failOn)
	if err != nil {
		return usageError("--fail-on: %v", err)
	}
	if f.profile != "prod" && f.profile != "dev" {
		return usageError("--profile: unknown profile %q (want prod or dev)", f.profile)
	}
	params, err := parseParams(f.params)
	if err != nil {
		return usageError("--param: %v", err)
	}
	rep, err := report.Get(f.format, report.Options{Color: useColor(e, f)})
	if err != nil {
		return usageError("--format: %v", err)
	}
	cwd, err := os.Getwd()
	if err != nil {
		return fmt.Errorf("working directory: %w", err)
	}
	mods, err := engine.ReadModules(policies.FS, "policies")
	if err != nil {
		return &exitCodeError{code: exitError, err: err}
	}
	eng, err := engine.New(ctx, mods, engine.Options{Timeout: f.policyTimeout})
	if err != nil {
		return &exitCodeError{code: exitError, err: fmt.Errorf("load policies:\n%w", err)}
	}
	display := lint.DisplayFunc(cwd)
	builder, err := pipeline.NewBuilder(pipeline.Options{
		Compose:     compose.Options{EnvFiles: f.envFiles, UseProcessEnv: f.useEnv, Environ: environIf(f.useEnv, e)},
		Params:      params,
		Profile:     f.profile,
		MaxFileSize: f.maxFileSize,
		Display:     display,
	})
	if err != nil {
		return &exitCodeError{code: exitError, err: err}
	}
	l := lint.New(eng, builder)
	disabled := map[string]bool{}
	for _, id := range f.disable {
		disabled[strings.ToUpper(strings.TrimSpace(id))] = true
	}
	for _, id := range f.enable {
		delete(disabled, strings.ToUpper(strings.TrimSpace(id)))
	}
	known := map[string]bool{}
	for _, r := range l.Rules() {
		known[r.ID] = true
	}
	for id := range disabled {
		if !known[id] {
			return usageError("--disable: unknown rule %q (see streamlint rules)", id)
		}
	}
	res, err := l.Run(ctx, lint.Options{
		Paths:    args,
		Build:    pipeline.Options{Display: display, Profile: f.profile},
		Disabled: disabled,
		Workers:  f.workers,
	})
	if err != nil {
		return &exitCodeError{code: exitError, err: err}
	}
	out := report.Report{Findings: res.Findings, Errors: res.Errors, Notes: res.Notes, Files: res.Files, Rules: res.Rules, FailOn: failOn}
	if err := writeReport(e, f.output, rep, &out); err != nil {
		return &exitCodeError{code: exitError, err: err}
	}
	return &exitCodeError{code: exitCode(&out)}
}

func environIf(use bool, e env) []string {
	if !use {
		return nil
	}
	return e.environ()
}

func useColor(e env, f checkFlags) bool {
	if f.noColor || f.output != "" || e.getenv("NO_COLOR") != "" {
		return false
	}
	return e.isTerminal(e.stdout)
}

func parseFailOn(s string) (model.Severity, error) {
	if s == "none" || s == "never" {
		return "", nil
	}
	return model.ParseSeverity(s)
}

func exitCode(r *report.Report) int {
	if len(r.Errors) > 0 {
		return exitError
	}
	if r.FailOn == "" {
		return exitOK
	}
	for _, f := range r.Findings {
		if f.Severity.Rank() >= r.FailOn.Rank() {
			return exitFindings
		}
	}
	return exitOK
}

// parseParams applies key=value parameters to the defaults.
func parseParams(kvs []string) (model.Params, error) {
	p := model.DefaultParams()
	for _, kv := range kvs {
		k, v, ok := strings.Cut(kv, "=")
		if !ok {
			return p, fmt.Errorf("%q is not key=value", kv)
		}
		n, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
		if err != nil || n < 0 {
			return p, fmt.Errorf("%s: %q is not a non-negative number", k, v)
		}
		switch strings.TrimSpace(k) {
		case "capacity.avg_record_bytes":
			p.Capacity.AvgRecordBytes = int64(n)
		case "capacity.batch_memory_fraction":
			if n == 0 || n > 1 {
				return p, fmt.Errorf("capacity.batch_memory_fraction must be in (0, 1], got %v", n)
			}
			p.Capacity.BatchMemoryFraction = n
		case "capacity.produce_rate":
			p.Capacity.ProduceRate = n
		case "spark.batch_seconds":
			p.Spark.BatchSeconds = n
		case "kafka.min_partitions":
			p.Kafka.MinPartitions = int(n)
		default:
			return p, fmt.Errorf("unknown parameter %q (want capacity.avg_record_bytes, capacity.batch_memory_fraction, capacity.produce_rate, spark.batch_seconds or kafka.min_partitions)", k)
		}
	}
	return p, nil
}

func writeReport(e env, path string, rep report.Reporter, r *report.Report) error {
	if path == "" {
		return rep.Write(e.stdout, r)
	}
	return writeFileAtomic(path, func(w *os.File) error { return rep.Write(w, r) })
}

// writeFileAtomic writes through a temporary file and a rename, so a
// reader never sees half a report.
func writeFileAtomic(path string, write func(*os.File) error) error {
	tmp, err := os.CreateTemp(dirOf(path), ".streamlint-*")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	defer os.Remove(tmp.Name())
	if err := write(tmp); err != nil {
		tmp.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

func dirOf(path string) string {
	i := strings.LastIndexAny(path, `/\`)
	if i < 0 {
		return "."
	}
	return path[:i+1]
}
