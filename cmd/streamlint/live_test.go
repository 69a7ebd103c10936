package main

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/streamlint/streamlint/checker/live/livetest"
)

func startSeed(t *testing.T, path string) string {
	t.Helper()
	s, err := livetest.Load(filepath.Join(repoRoot(), path))
	if err != nil {
		t.Fatal(err)
	}
	return strings.Join(livetest.Start(t, s), ",")
}

func TestLiveScratch(t *testing.T) {
	t0 := time.Now()
	out, errOut, code := runCLI(t, nil, "check", "--bootstrap-server", "127.0.0.1:1", "--timeout", "3s")
	t.Logf("exit %d in %s\n%s\n%s", code, time.Since(t0), out, errOut)
}
