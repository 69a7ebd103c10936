package main

import (
	"context"
	"fmt"
	"os"
	"sort"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/streamlint/streamlint/checker/discover"
	"github.com/streamlint/streamlint/checker/lint"
	"github.com/streamlint/streamlint/checker/live"
	"github.com/streamlint/streamlint/checker/model"
	"github.com/streamlint/streamlint/internal/safefile"
)

// liveFlags are the flags of check (and parse) that read a running
// cluster, named as Kafka's own tools name them.
type liveFlags struct {
	bootstrap     string
	commandConfig string
	timeout       time.Duration
	sample        time.Duration
}

func (f *liveFlags) register(fl *pflag.FlagSet) {
	fl.StringVar(&f.bootstrap, "bootstrap-server", "", "also check the running Kafka cluster at HOST:PORT[,HOST:PORT...] (read-only); with no PATH only the cluster is checked, with PATHs drift from them is reported too")
	fl.StringVar(&f.commandConfig, "command-config", "", "with --bootstrap-server: client properties file (security.protocol, sasl.mechanism, sasl.jaas.config, ssl.* PEM stores), as for kafka-topics")
	fl.DurationVar(&f.timeout, "timeout", 10*time.Second, "with --bootstrap-server: bound on the whole read of the cluster")
	fl.DurationVar(&f.sample, "sample", 0, "with --bootstrap-server: read offsets twice, this far apart, for produce and consume rates (e.g. 30s)")
}

// check rejects live flags given without --bootstrap-server and bad values.
func (f *liveFlags) check(cmd *cobra.Command) error {
	if f.bootstrap == "" {
		for _, name := range []string{"command-config", "timeout", "sample"} {
			if cmd.Flags().Changed(name) {
				return usageError("--%s goes with --bootstrap-server", name)
			}
		}
		return nil
	}
	if f.timeout <= 0 {
		return usageError("--timeout must be positive, got %s", f.timeout)
	}
	if f.sample < 0 {
		return usageError("--sample must not be negative, got %s", f.sample)
	}
	return nil
}

// checkRun runs check: the repository (lintRun), or with
// --bootstrap-server the running cluster too (liveRun).
func checkRun(cmd *cobra.Command, e env, f lintFlags, lf liveFlags, args []string) (*lint.Report, *settings, error) {
	if err := lf.check(cmd); err != nil {
		return nil, nil, err
	}
	if lf.bootstrap == "" {
		return lintRun(cmd, e, f, args)
	}
	return liveRun(cmd, e, f, lf, args)
}

// readCluster connects and reads the cluster within --timeout (plus the
// --sample wait), returning the policy input built from it and the
// reader's notes.
func readCluster(ctx context.Context, lf liveFlags, s *settings) (*model.Pipeline, []model.Note, error) {
	bootstrap, err := live.ParseBootstrap(lf.bootstrap)
	if err != nil {
		return nil, nil, usageError("--bootstrap-server: %v", err)
	}
	var cc *live.ClientConfig
	if lf.commandConfig != "" {
		if cc, err = live.LoadClientConfig(lf.commandConfig); err != nil {
			return nil, nil, &exitCodeError{code: exitError, err: err}
		}
	}
	uri := live.URI(bootstrap)
	fail := func(err error) error {
		return &exitCodeError{code: exitError, err: fmt.Errorf("cannot read the cluster at %s (%s, --timeout %s): %w", uri, cc, lf.timeout, err)}
	}
	client, err := live.Connect(live.Options{Bootstrap: bootstrap, Config: cc, Timeout: lf.timeout, Version: version})
	if err != nil {
		return nil, nil, fail(err)
	}
	defer client.Close()
	rctx, cancel := context.WithTimeout(ctx, lf.timeout)
	defer cancel()
	snap, err := live.Read(rctx, client, bootstrap)
	if err != nil {
		return nil, nil, fail(err)
	}
	var later *live.Snapshot
	if lf.sample > 0 {
		sctx, cancel := context.WithTimeout(ctx, lf.timeout+lf.sample)
		defer cancel()
		if later, err = live.Resample(sctx, client, snap, lf.sample); err != nil {
			return nil, nil, fail(err)
		}
	}
	p := live.Build(snap, later, s.params, s.profile)
	notes := []model.Note{{Location: model.Location{File: uri}, Message: fmt.Sprintf(
		"read the running cluster %q: %d broker(s), %d topic(s), %d consumer group(s)", snap.ClusterID, len(p.Brokers), len(p.Topics), len(p.Groups))}}
	notes = append(notes, live.SampleNotes(p)...)
	for _, n := range snap.Notes {
		notes = append(notes, model.Note{Location: model.Location{File: uri}, Message: n})
	}
	return p, notes, nil
}

// liveRun checks the running cluster and, with PATHs, the repository
// with the cluster attached to the pipeline whose cluster it is (drift).
func liveRun(cmd *cobra.Command, e env, f lintFlags, lf liveFlags, args []string) (*lint.Report, *settings, error) {
	ctx := cmd.Context()
	if len(args) == 1 && args[0] == "-" || f.stdinFilename != "" {
		return nil, nil, usageError("--bootstrap-server does not read standard input: give PATHs")
	}
	cwd, err := os.Getwd()
	if err != nil {
		return nil, nil, fmt.Errorf("working directory: %w", err)
	}
	s, err := loadSettings(cmd, f, cwd)
	if err != nil {
		return nil, nil, err
	}
	display := lint.DisplayFunc(cwd)
	// The cluster first: a cluster that cannot be read ends the run
	// before the policies are compiled for nothing.
	running, notes, err := readCluster(ctx, lf, s)
	if err != nil {
		return nil, nil, err
	}
	l, err := newLinter(ctx, e, f, s, display, safefile.NewScope(append([]string{cwd}, args...)...))
	if err != nil {
		return nil, nil, err
	}
	opts := lint.Options{
		Paths:           args,
		Discover:        discover.Options{Exclude: s.exclude},
		Disabled:        s.disabled,
		Severity:        s.severity,
		DocsURL:         s.docsURL,
		Workers:         f.workers,
		NoInlineIgnores: f.noInlineIgnores,
	}
	rep, err := live.Check(ctx, l, running, opts)
	if err != nil {
		return nil, nil, &exitCodeError{code: exitError, err: err}
	}
	rep.Notes = append(rep.Notes, notes...)
	sort.SliceStable(rep.Notes, func(i, j int) bool {
		a, b := rep.Notes[i], rep.Notes[j]
		if a.Location != b.Location {
			return a.Before(b.Location)
		}
		return a.Message < b.Message
	})
	if err := checkRuleIDs(l, s); err != nil {
		return nil, nil, err
	}
	return rep, s, nil
}

// withCluster reads the running cluster for parse: its document is
// appended to the repository's, the matched repository pipeline gets it as
// `running`, and the notes go to standard error.
func withCluster(ctx context.Context, e env, lf liveFlags, s *settings, ps []*model.Pipeline) ([]*model.Pipeline, error) {
	running, notes, err := readCluster(ctx, lf, s)
	if err != nil {
		return nil, err
	}
	if len(ps) > 0 {
		match, matchNotes := live.MatchRepository(ps, running)
		notes = append(notes, matchNotes...)
		for _, p := range ps {
			match.Attach(p)
		}
	}
	for _, n := range notes {
		fmt.Fprintf(e.stderr, "%s: note %s\n", n.Location, n.Message)
	}
	return append(ps, running), nil
}
