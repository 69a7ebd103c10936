package main

import (
	"math"
	"runtime"
	"runtime/debug"
	"testing"
	"time"
)

// TestSoftLimitFollowsALargeLiveHeap: when a run holds more than the soft
// memory limit (one pipeline of thousands of brokers), the limit is raised
// to three times the live heap and GOGC set to 200, instead of the collector
// running without end for nothing.
func TestSoftLimitFollowsALargeLiveHeap(t *testing.T) {
	oldGC := debug.SetGCPercent(400)
	oldLimit := debug.SetMemoryLimit(4 << 20)
	defer func() {
		debug.SetGCPercent(oldGC)
		debug.SetMemoryLimit(oldLimit)
	}()
	stop := followLiveHeap(4<<20, true)
	defer stop()
	live := make([][]byte, 64)
	for i := range live {
		live[i] = make([]byte, 1<<20) // 64 MiB that stay reachable
	}
	deadline := time.Now().Add(10 * time.Second)
	// the limit may first follow a smaller live heap (a collection while
	// the 64 MiB were being allocated), then follow it again
	for debug.SetMemoryLimit(-1) < 64<<20 && time.Now().Before(deadline) {
		runtime.GC()
		time.Sleep(10 * time.Millisecond) // the finalizer goroutine runs
	}
	if got := debug.SetMemoryLimit(-1); got < 64<<20 || got == math.MaxInt64 {
		t.Errorf("soft limit %d MiB with 64 MiB live, want about three times the live heap", got>>20)
	}
	if got := debug.SetGCPercent(-1); got != 200 {
		t.Errorf("GOGC %d, want 200", got)
	}
	debug.SetGCPercent(100)
	runtime.KeepAlive(live)
}
