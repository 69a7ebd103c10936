package lint_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/streamlint/streamlint/bench/corpus"
	"github.com/streamlint/streamlint/checker/compose"
	"github.com/streamlint/streamlint/checker/discover"
	"github.com/streamlint/streamlint/checker/engine"
	"github.com/streamlint/streamlint/checker/model"
	"github.com/streamlint/streamlint/checker/pipeline"
	"github.com/streamlint/streamlint/checker/report"
	"github.com/streamlint/streamlint/policies"
)

// The benchmarks time each stage of a run on a generated corpus of
// benchCorpusSize pipelines (3 files each, see bench/corpus), and the whole
// run. bench/run.sh times the built binary end to end on larger corpora.

const benchCorpusSize = 100

var benchCorpus = sync.OnceValues(func() (string, error) {
	dir := filepath.Join(benchTempRoot(), "corpus")
	return dir, corpus.Generate(dir, benchCorpusSize)
})

// benchRoot holds one corpus per test binary (b.TempDir would regenerate
// it for every benchmark); TestMain removes it.
var benchRoot string

func benchTempRoot() string {
	if benchRoot == "" {
		dir, err := os.MkdirTemp("", "streamlint-bench-")
		if err != nil {
			panic(err)
		}
		benchRoot = dir
	}
	return benchRoot
}

func TestMain(m *testing.M) {
	code := m.Run()
	if benchRoot != "" {
		_ = os.RemoveAll(benchRoot)
	}
	os.Exit(code)
}

func corpusDir(b *testing.B) string {
	b.Helper()
	dir, err := benchCorpus()
	if err != nil {
		b.Fatal(err)
	}
	return dir
}

func discoverCorpus(b *testing.B) *discover.Result {
	b.Helper()
	res, err := discover.Discover(context.Background(), []string{corpusDir(b)}, discover.Options{})
	if err != nil {
		b.Fatal(err)
	}
	if len(res.Groups) != benchCorpusSize {
		b.Fatalf("discovered %d pipelines, want %d", len(res.Groups), benchCorpusSize)
	}
	return res
}

func benchBuilder(b *testing.B) *pipeline.Builder {
	b.Helper()
	bl, err := pipeline.NewBuilder(pipeline.Options{Params: model.DefaultParams(), Profile: "prod"})
	if err != nil {
		b.Fatal(err)
	}
	return bl
}

func benchEngine(b *testing.B) *engine.Engine {
	b.Helper()
	mods, err := engine.ReadModules(policies.FS, "policies")
	if err != nil {
		b.Fatal(err)
	}
	// as a run loads them: precompiled, in shards
	eng, err := engine.New(context.Background(), mods, engine.Options{Verified: true, Precompiled: policies.Precompiled})
	if err != nil {
		b.Fatal(err)
	}
	return eng
}

// BenchmarkDiscover walks the corpus and groups its files into pipelines.
func BenchmarkDiscover(b *testing.B) {
	dir := corpusDir(b)
	b.ResetTimer()
	for b.Loop() {
		if _, err := discover.Discover(context.Background(), []string{dir}, discover.Options{}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(benchCorpusSize*corpus.FilesPerPipeline)*float64(b.N)/b.Elapsed().Seconds(), "files/s")
}

// BenchmarkCompilePolicies parses and compiles the embedded policies and prepares
// the query: the per-process cost of the engine.
func BenchmarkCompilePolicies(b *testing.B) {
	mods, err := engine.ReadModules(policies.FS, "policies")
	if err != nil {
		b.Fatal(err)
	}
	for _, c := range []struct {
		name string
		opts engine.Options
	}{
		{"checked", engine.Options{}},
		{"verified", engine.Options{Verified: true}},
		{"precompiled", engine.Options{Verified: true, Precompiled: policies.Precompiled}},
	} {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				if _, err := engine.New(context.Background(), mods, c.opts); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkLoad loads every pipeline's compose file (compose-go's
// LoadProject with streamlint's options, and the positions of its
// values), the part of the build that compose-go does; per pipeline.
func BenchmarkLoad(b *testing.B) {
	disc := discoverCorpus(b)
	l := compose.NewLoader(compose.Options{})
	ctx := context.Background()
	i := 0
	for b.Loop() {
		if _, err := l.Load(ctx, disc.Groups[i%len(disc.Groups)].Compose); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

// BenchmarkBuild loads every pipeline's files (compose, Spark
// properties, jobs) and builds its model; per pipeline.
func BenchmarkBuild(b *testing.B) {
	disc := discoverCorpus(b)
	bl := benchBuilder(b)
	ctx := context.Background()
	i := 0
	for b.Loop() {
		res := bl.Build(ctx, disc.Groups[i%len(disc.Groups)])
		if len(res.Errors) > 0 {
			b.Fatalf("build: %+v", res.Errors)
		}
		i++
	}
}

// BenchmarkEval evaluates every rule on one built pipeline.
func BenchmarkEval(b *testing.B) {
	disc := discoverCorpus(b)
	bl := benchBuilder(b)
	eng := benchEngine(b)
	ctx := context.Background()
	models := make([]*model.Pipeline, len(disc.Groups))
	for i, dp := range disc.Groups {
		models[i] = bl.Build(ctx, dp).Pipeline
	}
	i := 0
	for b.Loop() {
		if _, err := eng.Eval(ctx, models[i%len(models)]); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

// BenchmarkRun is a whole run over the corpus with a compiled engine:
// discover, build, evaluate, suppress, sort.
func BenchmarkRun(b *testing.B) {
	dir := corpusDir(b)
	l, opts := newLinter(b, dir, "prod")
	opts.Paths = []string{dir}
	for b.Loop() {
		if _, err := l.Run(context.Background(), opts); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(benchCorpusSize)*float64(b.N)/b.Elapsed().Seconds(), "pipelines/s")
}

// BenchmarkReport writes the corpus's findings in each format.
func BenchmarkReport(b *testing.B) {
	dir := corpusDir(b)
	l, opts := newLinter(b, dir, "prod")
	opts.Paths = []string{dir}
	rep, err := l.Run(context.Background(), opts)
	if err != nil {
		b.Fatal(err)
	}
	r := &report.Report{Findings: rep.Findings, Errors: rep.Errors, Notes: rep.Notes, Rules: rep.Rules, Files: rep.Files}
	for _, name := range report.Formats() {
		b.Run(name, func(b *testing.B) {
			w, err := report.Get(name, report.Options{})
			if err != nil {
				b.Fatal(err)
			}
			var buf bytes.Buffer
			for b.Loop() {
				buf.Reset()
				if err := w.Write(&buf, r); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkManyBrokers checks one compose file of n brokers
// (bench/corpus.Brokers: a KRaft cluster whose brokers share an anchor)
// for n and 10n, once each per iteration, and reports the time of each
// (wall and CPU of the process, which includes the collector) and their
// ratio: near 10 when the cost is linear in the brokers, 12 or so for n
// log n, 100 for a quadratic step (comparing every broker with every
// other, which made 5,000 brokers take minutes). BROKERS=N sets n (default
// 250, so that CI's single iteration stays short). Sub-benchmarks: plain
// brokers, and brokers with passwords of their own
// (corpus.BrokersWithSecrets: masking each distinct password everywhere,
// and grouping them in SEC001, were quadratic).
func BenchmarkManyBrokers(b *testing.B) {
	n := 250
	if v, err := strconv.Atoi(os.Getenv("BROKERS")); err == nil && v > 0 {
		n = v
	}
	b.Run("plain", func(b *testing.B) { manyBrokers(b, "brokers", corpus.Brokers, n) })
	b.Run("secrets", func(b *testing.B) { manyBrokers(b, "secrets", corpus.BrokersWithSecrets, n) })
}

func manyBrokers(b *testing.B, name string, gen func(dir string, n int) error, n int) {
	sizes := []int{n, 10 * n}
	dirs := make([]string, len(sizes))
	for i, size := range sizes {
		dirs[i] = filepath.Join(benchTempRoot(), fmt.Sprintf("%s-%d", name, size))
		if _, err := os.Stat(dirs[i]); err != nil {
			if err := gen(dirs[i], size); err != nil {
				b.Fatal(err)
			}
		}
	}
	l, opts := newLinter(b, dirs[0], "prod")
	wall := make([]time.Duration, len(sizes))
	cpu := make([]time.Duration, len(sizes))
	for b.Loop() {
		for i, dir := range dirs {
			opts.Paths = []string{dir}
			runtime.GC()
			t0, c0 := time.Now(), processCPU()
			rep, err := l.Run(context.Background(), opts)
			wall[i] += time.Since(t0)
			cpu[i] += processCPU() - c0
			if err != nil {
				b.Fatal(err)
			}
			for _, e := range rep.Errors {
				b.Fatalf("%d brokers: %s", sizes[i], e.Message)
			}
		}
	}
	per := func(d time.Duration) float64 { return d.Seconds() / float64(b.N) }
	for i, size := range sizes {
		b.ReportMetric(per(wall[i]), fmt.Sprintf("s/%d-brokers", size))
		if cpu[i] > 0 {
			b.ReportMetric(per(cpu[i]), fmt.Sprintf("cpu-s/%d-brokers", size))
		}
	}
	b.ReportMetric(float64(wall[1])/float64(wall[0]), "ratio")
	if cpu[0] > 0 {
		b.ReportMetric(float64(cpu[1])/float64(cpu[0]), "cpu-ratio")
	}
}
