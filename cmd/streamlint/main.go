// Command streamlint lints streaming-pipeline configuration: docker-compose
// Kafka brokers, Spark settings and jobs, checked together against Rego rules.
package main

//go:generate go run ../../internal/gendocs -root ../..

import (
	"context"
	"os"
	"os/signal"
	"runtime/debug"
)

// tuneGC trades memory for speed in a short-lived process: the collector
// runs when the heap has grown 4x rather than 2x (policy compilation and
// compose loading allocate a lot of short-lived garbage), and a soft limit
// brings it back to frequent collections before the heap nears the 200
// MiB that a run must stay under. GOGC or GOMEMLIMIT, when set, win.
func tuneGC(getenv func(string) string) {
	if getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}
	if getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(160 << 20)
	}
}

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
