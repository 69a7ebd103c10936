package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/streamlint/streamlint/checker/compose"
	"github.com/streamlint/streamlint/checker/config"
	"github.com/streamlint/streamlint/checker/discover"
	"github.com/streamlint/streamlint/checker/engine"
	"github.com/streamlint/streamlint/checker/lint"
	"github.com/streamlint/streamlint/checker/model"
	"github.com/streamlint/streamlint/checker/pipeline"
	"github.com/streamlint/streamlint/internal/safefile"
	"github.com/streamlint/streamlint/policies"
)

// lintFlags are the flags shared by check and baseline.
type lintFlags struct {
	configPath      string
	failOn          string
	profile         string
	envFiles        []string
	useEnv          bool
	disable         []string
	enable          []string
	params          []string
	exclude         []string
	maxFileSize     int64
	policyTimeout   time.Duration
	workers         int
	noInlineIgnores bool
	stdinFilename   string
	policyDirs      []string
	regoV0          bool
}

func (f *lintFlags) register(fl *pflag.FlagSet) {
	fl.StringVar(&f.configPath, "config", "", "configuration file (default: .streamlint.yaml searched upward from the working directory)")
	fl.StringVar(&f.failOn, "fail-on", "warning", "lowest severity that fails the run: error, warning, info or none")
	fl.StringVar(&f.profile, "profile", "prod", "rule profile: prod or dev")
	fl.StringSliceVar(&f.envFiles, "env-file", nil, "extra env file for compose interpolation (repeatable)")
	fl.BoolVar(&f.useEnv, "use-env", false, "let the process environment feed compose interpolation")
	fl.StringSliceVar(&f.disable, "disable", nil, "rule id to turn off (repeatable)")
	fl.StringSliceVar(&f.enable, "enable", nil, "rule id to turn on even if the configuration turns it off (repeatable)")
	fl.StringArrayVar(&f.params, "param", nil, "rule parameter key=value, e.g. capacity.avg_record_bytes=1024 (repeatable)")
	fl.StringArrayVar(&f.exclude, "exclude", nil, "glob of paths to skip, relative to each directory checked (repeatable)")
	fl.Int64Var(&f.maxFileSize, "max-file-size", pipeline.DefaultMaxFileSize, "largest file to read, in bytes")
	fl.DurationVar(&f.policyTimeout, "policy-timeout", time.Minute, "bound on each pipeline's policy evaluation")
	fl.IntVar(&f.workers, "workers", 0, "pipelines checked in parallel (0: one per CPU)")
	fl.BoolVar(&f.noInlineIgnores, "no-inline-ignores", false, "ignore streamlint:ignore comments")
	fl.StringVar(&f.stdinFilename, "stdin-filename", "", "with PATH -, the file name the standard input stands for")
	fl.StringArrayVar(&f.policyDirs, "policy", nil, "directory of your own Rego policies, loaded next to the built-in rules (repeatable)")
	fl.BoolVar(&f.regoV0, "rego-v0", false, "parse your own policies with the old Rego v0 syntax")
}

// settings are the flags and the configuration file merged: flags win.
type settings struct {
	failOn   model.Severity
	profile  string
	disabled map[string]bool
	severity map[string]model.Severity
	params   model.Params
	exclude  []string
	envFiles []string
	policies []string
	docsURL  string
	versions config.Versions
	cfgPath  string
}

// loadConfig reads the configuration file named with --config, or else
// the one found from cwd up ("" when there is none: the defaults).
func loadConfig(named, cwd string) (*config.Config, string, error) {
	path, scope := named, safefile.Scope{}
	if path == "" {
		// found, not named: part of what is checked, so it may lead
		// only to files beside or below it
		path = config.Find(cwd)
		scope = safefile.NewScope(filepath.Dir(path))
	}
	if path == "" {
		return &config.Config{Rules: map[string]string{}, Params: map[string]float64{}}, "", nil
	}
	c, err := config.Load(path, scope)
	if err != nil {
		return nil, "", &exitCodeError{code: exitError, err: err}
	}
	return c, path, nil
}

func loadSettings(cmd *cobra.Command, f lintFlags, cwd string) (*settings, error) {
	s := &settings{failOn: model.SeverityWarning, profile: "prod", disabled: map[string]bool{}, severity: map[string]model.Severity{}}
	cfg, path, err := loadConfig(f.configPath, cwd)
	if err != nil {
		return nil, err
	}
	s.cfgPath = path
	changed := cmd.Flags().Changed
	failOn := cfg.FailOn
	if changed("fail-on") || failOn == "" {
		failOn = f.failOn
	}
	sev, err := parseFailOn(failOn)
	if err != nil {
		return nil, usageError("--fail-on: %v", err)
	}
	s.failOn = sev
	if cfg.Profile != "" && !changed("profile") {
		s.profile = cfg.Profile
	} else {
		s.profile = f.profile
	}
	if s.profile != "prod" && s.profile != "dev" {
		return nil, usageError("--profile: unknown profile %q (want prod or dev)", s.profile)
	}
	for id, v := range cfg.Rules {
		if v == "off" {
			s.disabled[id] = true
		} else {
			s.severity[id] = model.Severity(v)
		}
	}
	for _, id := range f.disable {
		s.disabled[strings.ToUpper(strings.TrimSpace(id))] = true
	}
	for _, id := range f.enable {
		delete(s.disabled, strings.ToUpper(strings.TrimSpace(id)))
	}
	var kvs []string
	for k, v := range cfg.Params {
		kvs = append(kvs, k+"="+strconv.FormatFloat(v, 'g', -1, 64))
	}
	kvs = append(kvs, f.params...)
	if s.params, err = parseParams(kvs); err != nil {
		if path != "" && len(f.params) == 0 {
			return nil, &exitCodeError{code: exitError, err: fmt.Errorf("%s: params: %w", path, err)}
		}
		return nil, usageError("--param: %v", err)
	}
	for i, g := range cfg.Exclude {
		if err := discover.ValidGlob(g); err != nil {
			return nil, &exitCodeError{code: exitError, err: &config.Error{File: path, Line: cfg.ExcludeLine(i), Msg: fmt.Sprintf("exclude: %q: %v", g, err)}}
		}
	}
	for _, g := range f.exclude {
		if err := discover.ValidGlob(g); err != nil {
			return nil, usageError("--exclude %q: %v", g, err)
		}
	}
	s.exclude = slices.Concat(cfg.Exclude, f.exclude)
	for _, ef := range f.envFiles {
		// refused before any project reads it (a missing one is
		// reported by each project, as docker compose does)
		if _, err := safefile.Vet(ef, 0); err != nil && !safefile.IsNotExist(err) {
			return nil, usageError("--env-file %s: %s", ef, safefile.Message(err))
		}
	}
	s.envFiles = slices.Concat(cfg.EnvFiles, f.envFiles)
	s.policies = slices.Concat(cfg.Policies, f.policyDirs)
	s.docsURL = cfg.DocsURL
	s.versions = cfg.Versions
	return s, nil
}

// policyModules reads the built-in policies and the user's (tests
// included when withTests).
func policyModules(f lintFlags, s *settings, display func(string) string, withTests bool) ([]engine.Module, error) {
	mods, err := engine.ReadModules(policies.FS, "policies")
	if err != nil {
		return nil, &exitCodeError{code: exitError, err: err}
	}
	if withTests {
		tests, err := engine.ReadTests(policies.FS, "policies")
		if err != nil {
			return nil, &exitCodeError{code: exitError, err: err}
		}
		mods = append(mods, tests...)
	}
	for _, dir := range s.policies {
		user, err := engine.ReadDir(dir, display, f.regoV0, withTests)
		if err != nil {
			return nil, &exitCodeError{code: exitError, err: err}
		}
		mods = append(mods, user...)
	}
	return mods, nil
}

// newLinter builds the linter for these settings. The policies compile
// in the background, on another core, while the run discovers files and
// builds their models: compiling is the largest part of a small run.
// newLinter compiles the policies and makes the builder. scope bounds
// what the checked files may lead to (safefile.Scope): the paths checked,
// their git work trees and the working directory.
func newLinter(ctx context.Context, e env, f lintFlags, s *settings, display func(string) string, scope safefile.Scope) (*lint.Linter, error) {
	mods, err := policyModules(f, s, display, false)
	if err != nil {
		return nil, err
	}
	var (
		eng    *engine.Engine
		engErr error
		done   = make(chan struct{})
	)
	go func() {
		defer close(done)
		eng, engErr = engine.New(ctx, mods, engine.Options{Timeout: f.policyTimeout, Verified: len(s.policies) == 0, Precompiled: policies.Precompiled})
	}()
	builder, err := pipeline.NewBuilder(pipeline.Options{
		Compose:      compose.Options{EnvFiles: s.envFiles, UseProcessEnv: f.useEnv, Environ: environIf(f.useEnv, e)},
		Params:       s.params,
		Profile:      s.profile,
		MaxFileSize:  f.maxFileSize,
		Scope:        scope,
		Display:      display,
		KafkaVersion: s.versions.Kafka,
		SparkVersion: s.versions.Spark,
	})
	if err != nil {
		return nil, &exitCodeError{code: exitError, err: err}
	}
	return lint.New(func() (*engine.Engine, error) {
		<-done
		return eng, engErr
	}, builder), nil
}

// checkRuleIDs rejects rule ids of the settings that no rule has.
func checkRuleIDs(l *lint.Linter, s *settings) error {
	known := map[string]bool{}
	for _, r := range l.Rules() {
		known[r.ID] = true
	}
	for id := range s.disabled {
		if !known[id] {
			return usageError("unknown rule %q (see streamlint rules)", id)
		}
	}
	for id := range s.severity {
		if !known[id] {
			return usageError("unknown rule %q (see streamlint rules)", id)
		}
	}
	return nil
}

// lintRun runs the linter over args with settings s.
func lintRun(cmd *cobra.Command, e env, f lintFlags, args []string) (*lint.Report, *settings, error) {
	ctx := cmd.Context()
	cwd, err := os.Getwd()
	if err != nil {
		return nil, nil, fmt.Errorf("working directory: %w", err)
	}
	s, err := loadSettings(cmd, f, cwd)
	if err != nil {
		return nil, nil, err
	}
	display := lint.DisplayFunc(cwd)
	paths := args
	if len(args) == 1 && args[0] == "-" {
		if f.stdinFilename == "" {
			return nil, nil, usageError("reading standard input (-) needs --stdin-filename, e.g. --stdin-filename docker-compose.yml")
		}
		tmp, err := stdinToFile(e.stdin, f.stdinFilename)
		if err != nil {
			return nil, nil, &exitCodeError{code: exitError, err: err}
		}
		defer os.RemoveAll(filepath.Dir(tmp))
		paths = []string{tmp}
		shown := filepath.ToSlash(f.stdinFilename)
		inner := display
		display = func(abs string) string {
			if abs == tmp {
				return shown
			}
			return inner(abs)
		}
	} else if f.stdinFilename != "" {
		return nil, nil, usageError("--stdin-filename goes with the path -")
	}
	l, err := newLinter(ctx, e, f, s, display, safefile.NewScope(append([]string{cwd}, paths...)...))
	if err != nil {
		return nil, nil, err
	}
	rep, err := l.Run(ctx, lint.Options{
		Paths:    paths,
		Discover: discover.Options{Exclude: s.exclude, MaxFileSize: f.maxFileSize, Display: display},

		Disabled:        s.disabled,
		Severity:        s.severity,
		DocsURL:         s.docsURL,
		Workers:         f.workers,
		NoInlineIgnores: f.noInlineIgnores,
	})
	if err != nil {
		return nil, nil, &exitCodeError{code: exitError, err: err}
	}
	if err := checkRuleIDs(l, s); err != nil {
		return nil, nil, err
	}
	return rep, s, nil
}

// stdinToFile copies standard input (at most 64 MiB) into a new
// temporary directory under the given base name.
func stdinToFile(r io.Reader, name string) (string, error) {
	dir, err := os.MkdirTemp("", "streamlint-stdin-")
	if err != nil {
		return "", fmt.Errorf("stdin: %w", err)
	}
	p := filepath.Join(dir, filepath.Base(name))
	data, err := io.ReadAll(io.LimitReader(r, 64<<20))
	if err != nil {
		return "", fmt.Errorf("read standard input: %w", err)
	}
	if err := os.WriteFile(p, data, 0o600); err != nil {
		return "", fmt.Errorf("stdin: %w", err)
	}
	return p, nil
}

func environIf(use bool, e env) []string {
	if !use {
		return nil
	}
	return e.environ()
}

func parseFailOn(s string) (model.Severity, error) {
	if s == "none" || s == "never" {
		return "", nil
	}
	return model.ParseSeverity(s)
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
		if err != nil {
			return p, fmt.Errorf("%s: %q is not a non-negative number", k, v)
		}
		if err := p.Set(strings.TrimSpace(k), n); err != nil {
			return p, err
		}
	}
	return p, nil
}
