// Command streamlint lints streaming-pipeline configuration: docker-compose
// Kafka brokers, Spark settings and jobs, checked together against Rego rules.
package main

//go:generate go run ../../internal/gendocs -root ../..

import (
	"context"
	"os"
	"os/signal"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync/atomic"
)

// softMemoryLimit is the heap size the collector keeps a run under while
// it can (the 200 MiB peak RSS target of docs/performance.md).
const softMemoryLimit = 160 << 20

// tuneGC trades memory for speed in a short-lived process: the collector
// runs when the heap has grown 4x rather than 2x (policy compilation and
// compose loading allocate a lot of short-lived garbage), and a soft limit
// brings it back to frequent collections before the heap nears the 200
// MiB that a run must stay under. GOGC or GOMEMLIMIT, when set, win.
//
// A limit below what the run really holds (one pipeline of thousands of
// brokers) can only make the collector run without end, up to half the
// CPU, with nothing to free: the cost per broker doubled past 160 MiB. So
// when the live heap outgrows the limit, the limit is raised to twice it
// and GOGC brought back to 100: the collector's cost stays proportional to
// the input.
func tuneGC(getenv func(string) string) {
	ownGOGC := getenv("GOGC") == ""
	if ownGOGC {
		debug.SetGCPercent(400)
	}
	if getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(softMemoryLimit)
		_ = followLiveHeap(softMemoryLimit, ownGOGC)
	}
}

// followLiveHeap raises the soft memory limit to twice the live heap after
// any collection that finds the live heap above it (and sets GOGC to 100
// when setGOGC). It runs on the finalizer goroutine, once per cycle, until
// stop is called.
func followLiveHeap(limit int64, setGOGC bool) (stop func()) {
	var stopped atomic.Bool
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	var arm func()
	arm = func() {
		runtime.SetFinalizer(new(gcCycle), func(*gcCycle) {
			if stopped.Load() {
				return
			}
			metrics.Read(sample)
			if sample[0].Value.Kind() == metrics.KindUint64 {
				if live := int64(sample[0].Value.Uint64()); live > limit {
					limit = 2 * live
					debug.SetMemoryLimit(limit)
					if setGOGC {
						debug.SetGCPercent(100)
					}
				}
			}
			arm()
		})
	}
	arm()
	return func() { stopped.Store(true) }
}

// gcCycle is garbage whose finalizer marks the end of a collection (large
// enough not to be a tiny allocation, which finalizers may skip).
type gcCycle struct{ _ [64]byte }

func main() {
	tuneGC(os.Getenv)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := run(ctx, os.Args[1:], env{
		stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr,
		getenv: os.Getenv, environ: os.Environ, isTerminal: isTerminal,
	})
	stop()
	os.Exit(code)
}

func isTerminal(f any) bool {
	file, ok := f.(*os.File)
	if !ok {
		return false
	}
	st, err := file.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
