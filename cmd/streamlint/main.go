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

// softMemoryLimit is the memory the collector keeps a run under while it
// can. Peak RSS is the runtime's memory, which the limit covers, plus 25
// to 50 MiB of the binary's own pages: at 160 MiB, 10,000 pipelines
// peaked at 181 MiB, at 92 MiB at 140 to 149 MiB (the target of
// docs/performance.md is 120 MiB).
const softMemoryLimit = 92 << 20

// tuneGC trades memory for speed in a short-lived process: the collector
// runs when the heap has grown 4x rather than 2x (policy compilation and
// compose loading allocate a lot of short-lived garbage), and a soft limit
// brings it back to frequent collections before the process nears the
// 120 MiB that a run must stay under. GOGC or GOMEMLIMIT, when set, win.
//
// A limit close to what the run really holds (one pipeline of thousands
// of brokers) makes the collector run again after every few megabytes,
// up to half the CPU, with little to free: the cost per broker doubled
// from about 160 MiB of live heap. So when the live heap outgrows the
// limit, or the collector has taken more than half the CPU since the last
// check while the live heap is above half the limit, or the limit holds
// the heap goal under twice the live heap (the collector then runs more
// often than GOGC 100 would make it: the compose file of 5,000 brokers
// keeps 80 MiB live while it loads, under a goal of 130 MiB, and the
// collector took a third of the run's CPU), the limit is raised so that
// the goal is three times the live heap, and GOGC set to 200: the
// collector's cost stays proportional to the input (at GOGC 100, 5,000
// brokers took 45% more CPU).
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

// followLiveHeap raises the soft memory limit after a collection that
// finds the live heap above the limit, or above half of it when the
// collector took more than half the CPU since the last check, or a heap
// goal under twice the live heap: to three times the live heap, or more
// when the goal would still be under that (and sets GOGC to 200 when
// setGOGC). It runs on the finalizer goroutine, once per cycle, until
// stop is called.
func followLiveHeap(limit int64, setGOGC bool) (stop func()) {
	var stopped atomic.Bool
	samples := []metrics.Sample{
		{Name: "/gc/heap/live:bytes"},
		{Name: "/cpu/classes/gc/total:cpu-seconds"},
		{Name: "/cpu/classes/total:cpu-seconds"},
		{Name: "/gc/heap/goal:bytes"},
	}
	var lastGC, lastTotal float64
	var arm func()
	arm = func() {
		runtime.SetFinalizer(new(gcCycle), func(*gcCycle) {
			if stopped.Load() {
				return
			}
			metrics.Read(samples)
			if live, ok := uint64Sample(samples[0]); ok {
				gcCPU, total := float64Sample(samples[1]), float64Sample(samples[2])
				thrashing := false
				if total-lastTotal >= 0.1 { // a window of at least 100 ms of CPU
					thrashing = (gcCPU-lastGC)/(total-lastTotal) > 0.5
					lastGC, lastTotal = gcCPU, total
				}
				goal, known := uint64Sample(samples[3])
				if int64(live) > limit || thrashing && int64(live) > limit/2 || known && goal < 2*live {
					limit = max(3*int64(live), limit+3*int64(live)-int64(goal))
					debug.SetMemoryLimit(limit)
					if setGOGC {
						debug.SetGCPercent(200)
					}
				}
			}
			arm()
		})
	}
	arm()
	return func() { stopped.Store(true) }
}

func uint64Sample(s metrics.Sample) (uint64, bool) {
	if s.Value.Kind() != metrics.KindUint64 {
		return 0, false
	}
	return s.Value.Uint64(), true
}

func float64Sample(s metrics.Sample) float64 {
	if s.Value.Kind() != metrics.KindFloat64 {
		return 0
	}
	return s.Value.Float64()
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
