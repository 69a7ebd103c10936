package main

import (
	"path/filepath"
	"strings"
	"testing"

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
	addr := startSeed(t, "fixtures/live/incident/cluster.yaml")
	out, errOut, code := runCLI(t, nil, "check", "--bootstrap-server", addr)
	t.Logf("exit %d\n%s\n%s", code, out, errOut)
	addr = startSeed(t, "fixtures/live/healthy/cluster.yaml")
	out, errOut, code = runCLI(t, nil, "check", "--bootstrap-server", addr)
	t.Logf("exit %d\n%s\n%s", code, out, errOut)
}
