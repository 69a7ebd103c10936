package live_test

import (
	"context"
	"path/filepath"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/streamlint/streamlint/checker/engine"
	"github.com/streamlint/streamlint/checker/lint"
	"github.com/streamlint/streamlint/checker/live"
	"github.com/streamlint/streamlint/checker/live/livetest"
	"github.com/streamlint/streamlint/checker/model"
	"github.com/streamlint/streamlint/checker/pipeline"
	"github.com/streamlint/streamlint/policies"
	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kgo"
)

func repoRoot() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Clean(filepath.Join(filepath.Dir(file), "..", ".."))
}

// builtinEngine is the built-in policies, compiled once per test binary.
var builtinEngine = sync.OnceValues(func() (*engine.Engine, error) {
	mods, err := engine.ReadModules(policies.FS, "policies")
	if err != nil {
		return nil, err
	}
	return engine.New(context.Background(), mods, engine.Options{})
})

// newLinter is a linter over the built-in rules, paths shown relative to
// dir.
func newLinter(t testing.TB, dir string, params model.Params) (*lint.Linter, lint.Options) {
	t.Helper()
	eng, err := builtinEngine()
	if err != nil {
		t.Fatal(err)
	}
	display := lint.DisplayFunc(dir)
	b, err := pipeline.NewBuilder(pipeline.Options{Params: params, Profile: "prod", Display: display})
	if err != nil {
		t.Fatal(err)
	}
	return lint.New(func() (*engine.Engine, error) { return eng, nil }, b), lint.Options{}
}

// startCluster starts the seed's cluster (kfake), writing the seed
// through a client with the given options, and returns its bootstrap
// addresses; the cluster stops when the test ends.
func startCluster(t testing.TB, s *livetest.Seed, client []kgo.Opt, opts ...kfake.Opt) []string {
	t.Helper()
	c, err := s.Start(client, opts...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.Close)
	return c.ListenAddrs()
}

// readSeed starts the seed's cluster and reads it back as the policy
// input, as check --bootstrap-server does.
func readSeed(t testing.TB, s *livetest.Seed, params model.Params) *model.Pipeline {
	t.Helper()
	addrs := startCluster(t, s, nil)
	c, err := live.Connect(live.Options{Bootstrap: addrs, Timeout: 10 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	snap, err := live.Read(ctx, c, addrs)
	if err != nil {
		t.Fatal(err)
	}
	return live.Build(snap, nil, params, "prod")
}
