package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/streamlint/streamlint/checker/report"
)

// copyTree copies the regular files under src into a new directory, so
// that tests see a tree nobody else changes while they run.
func copyTree(t *testing.T, src string) string {
	t.Helper()
	dst := t.TempDir()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		if !d.Type().IsRegular() {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}

// TestDeterministicOutput: the JSON, SARIF and text reports over every
// fixture are byte-identical across repeated runs, worker counts (1, 2,
// 8) and the order in which the paths are given.
func TestDeterministicOutput(t *testing.T) {
	tree := copyTree(t, filepath.Join(repoRoot(), "fixtures"))
	entries, err := os.ReadDir(tree)
	if err != nil {
		t.Fatal(err)
	}
	var paths []string
	for _, e := range entries {
		paths = append(paths, filepath.Join(tree, e.Name()))
	}
	sort.Strings(paths)
	reversed := make([]string, len(paths))
	for i, p := range paths {
		reversed[len(paths)-1-i] = p
	}
	runs := []struct {
		name    string
		workers string
		paths   []string
	}{
		{"workers 1", "1", paths},
		{"workers 8, paths reversed", "8", reversed},
		{"workers 2", "2", paths},
	}
	out := t.TempDir()
	var first map[string]string
	for i, r := range runs {
		jsonOut := filepath.Join(out, fmt.Sprintf("%d.json", i))
		sarifOut := filepath.Join(out, fmt.Sprintf("%d.sarif", i))
		args := append([]string{"check", "--workers", r.workers, "--format", "json", "--output", jsonOut, "--format", "sarif", "--output", sarifOut, "--format", "text"}, r.paths...)
		text, errOut, code := runCLI(t, nil, args...)
		if code != exitError { // fixtures/bad is in the tree
			t.Fatalf("%s: exit %d (%s)", r.name, code, errOut)
		}
		got := map[string]string{"text": text}
		for format, p := range map[string]string{"json": jsonOut, "sarif": sarifOut} {
			b, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			got[format] = string(b)
		}
		if first == nil {
			first = got
			if !strings.Contains(got["json"], `"rule_id"`) {
				t.Fatalf("no findings at all:\n%s", got["json"])
			}
			continue
		}
		for _, format := range []string{"json", "sarif", "text"} {
			if got[format] != first[format] {
				t.Errorf("%s: %s output differs from the first run", r.name, format)
			}
		}
	}
}

// failingTransport fails the test when anything makes an HTTP request.
type failingTransport struct {
	t     *testing.T
	calls *atomic.Int32
}

func (f failingTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	f.calls.Add(1)
	f.t.Errorf("the lint path made an HTTP request: %s %s", r.Method, r.URL)
	return nil, errors.New("network disabled in tests")
}

// TestLintPathNeverDials runs check (every format) and parse over every
// fixture, with the default HTTP transport, the default dialer of
// net/http and the default resolver replaced by hooks that fail the
// test: streamlint opens no connection. (Policies calling http.send are
// rejected at compile time: TestBadCustomPolicies, engine tests.)
func TestLintPathNeverDials(t *testing.T) {
	var calls atomic.Int32
	oldTransport, oldResolver := http.DefaultTransport, net.DefaultResolver
	t.Cleanup(func() { http.DefaultTransport, net.DefaultResolver = oldTransport, oldResolver })
	http.DefaultTransport = failingTransport{t, &calls}
	dialFail := func(_ context.Context, network, address string) (net.Conn, error) {
		calls.Add(1)
		t.Errorf("the lint path dialled %s %s", network, address)
		return nil, errors.New("network disabled in tests")
	}
	net.DefaultResolver = &net.Resolver{PreferGo: true, Dial: dialFail}

	tree := copyTree(t, filepath.Join(repoRoot(), "fixtures"))
	out := t.TempDir()
	args := []string{"check"}
	for _, f := range report.Formats() {
		args = append(args, "--format", f, "--output", filepath.Join(out, f))
	}
	args = append(args, "--policy", filepath.Join(repoRoot(), "examples", "policies"), tree)
	if _, errOut, code := runCLI(t, nil, args...); code != exitError {
		t.Errorf("exit %d (%s)", code, errOut)
	}
	if _, errOut, code := runCLI(t, nil, "parse", tree); code != exitOK && code != exitError {
		t.Errorf("parse: exit %d (%s)", code, errOut)
	}
	if calls.Load() != 0 {
		t.Errorf("%d connection attempts", calls.Load())
	}
}

// snapshot records every entry under dir: path, mode, size, mtime and
// a hash of the content.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	snap := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		st, err := os.Lstat(p)
		if err != nil {
			return err
		}
		if d.IsDir() {
			// a directory's size and mtime change with its entries,
			// which are compared themselves
			rel, _ := filepath.Rel(dir, p)
			snap[filepath.ToSlash(rel)] = st.Mode().String()
			return nil
		}
		sum := ""
		if st.Mode().IsRegular() {
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			h := sha256.Sum256(data)
			sum = hex.EncodeToString(h[:])
		}
		rel, _ := filepath.Rel(dir, p)
		snap[filepath.ToSlash(rel)] = fmt.Sprintf("%v %d %d %s", st.Mode(), st.Size(), st.ModTime().UnixNano(), sum)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return snap
}

func diffSnapshots(before, after map[string]string) []string {
	var out []string
	for p, b := range before {
		if a, ok := after[p]; !ok {
			out = append(out, "removed "+p)
		} else if a != b {
			out = append(out, "changed "+p)
		}
	}
	for p := range after {
		if _, ok := before[p]; !ok {
			out = append(out, "added "+p)
		}
	}
	sort.Strings(out)
	return out
}

// TestReadOnly: check (every format to standard output) and parse
// write nothing in the scanned tree; baseline, init and --output write
// exactly the file asked for, through a temporary file and a rename (no
// temporary file is left, and a failed write leaves nothing).
func TestReadOnly(t *testing.T) {
	tree := t.TempDir()
	for _, sub := range []string{"incident", "bad", "leak"} {
		src := copyTree(t, filepath.Join(repoRoot(), "fixtures", sub))
		if err := os.Rename(src, filepath.Join(tree, sub)); err != nil {
			t.Fatal(err)
		}
	}
	before := snapshot(t, tree)
	for _, f := range report.Formats() {
		if _, errOut, code := inDir(t, tree, "", "check", "--format", f, "."); code != exitError {
			t.Errorf("%s: exit %d (%s)", f, code, errOut)
		}
	}
	if _, errOut, code := inDir(t, tree, "", "parse", "."); code == 0 && errOut != "" {
		t.Logf("parse: %s", errOut)
	}
	if d := diffSnapshots(before, snapshot(t, tree)); len(d) > 0 {
		t.Fatalf("check changed the scanned tree:\n%s", strings.Join(d, "\n"))
	}

	// the files asked for, and only them
	good := filepath.Join(tree, "incident", "before")
	if _, errOut, code := inDir(t, tree, "", "check", "--format", "sarif", "--output", "report.sarif", good); code != exitFindings {
		t.Errorf("check --output: exit %d (%s)", code, errOut)
	}
	if _, errOut, code := inDir(t, tree, "", "baseline", "--output", "baseline.json", good); code != exitOK {
		t.Errorf("baseline: exit %d (%s)", code, errOut)
	}
	if _, errOut, code := inDir(t, tree, "", "init"); code != exitOK {
		t.Errorf("init: exit %d (%s)", code, errOut)
	}
	d := diffSnapshots(before, snapshot(t, tree))
	if strings.Join(d, "\n") != "added .streamlint.yaml\nadded baseline.json\nadded report.sarif" {
		t.Errorf("written: %q, want exactly the three files asked for", d)
	}
	// a write that fails (no such directory) leaves nothing behind
	if _, _, code := inDir(t, tree, "", "check", "--format", "json", "--output", "missing/report.json", good); code != exitError {
		t.Errorf("--output into a missing directory: exit %d, want 2", code)
	}
	entries, err := os.ReadDir(tree)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".streamlint-") {
			t.Errorf("temporary file %s left behind", e.Name())
		}
	}
}
