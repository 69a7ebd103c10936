// Package fuzzseed reads the repository's fixtures as seed corpora for
// the fuzz targets (go test -fuzz), so that fuzzing starts from the
// inputs the tests already know. Only tests import it: its functions are
// test seams, which no command reaches.
package fuzzseed

import (
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// maxSeed bounds one seed: the fuzzer works best on small inputs.
const maxSeed = 64 << 10

// Files returns the contents of the files under the repository's
// fixtures/ whose names end with one of suffixes, in path order, each
// truncated to 64 KiB. Unreadable entries are skipped.
func Files(suffixes ...string) [][]byte {
	_, self, _, _ := runtime.Caller(0)
	root := filepath.Clean(filepath.Join(filepath.Dir(self), "..", ".."))
	var paths []string
	_ = filepath.WalkDir(filepath.Join(root, "fixtures"), func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() {
			return nil
		}
		for _, s := range suffixes {
			if strings.HasSuffix(d.Name(), s) {
				paths = append(paths, p)
				break
			}
		}
		return nil
	})
	sort.Strings(paths)
	var out [][]byte
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			continue
		}
		if len(data) > maxSeed {
			data = data[:maxSeed]
		}
		out = append(out, data)
	}
	return out
}

// Inside reports whether 1-based line and column (in code points) lie in
// src, whose lines end as editors and YAML end them (at "\r\n", "\n" and
// a lone "\r"): the column may be one past the last character of its line.
func Inside(src []byte, line, col int) bool {
	s := strings.ReplaceAll(string(src), "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	lines := strings.Split(s, "\n")
	if line < 1 || line > len(lines) || col < 1 {
		return false
	}
	return col <= len([]rune(lines[line-1]))+1
}

var (
	countOnce sync.Once
	calls     atomic.Int64
)

// Count counts one execution of a fuzz target's body. When the
// environment variable STREAMLINT_FUZZ_COUNTS names a directory, each
// process writes its count there (a file per process, every 200 ms):
// scripts/fuzz.sh sums them, because go test's "execs" line is only
// updated when a worker reports back, which for slow targets is rarely.
func Count() {
	calls.Add(1)
	countOnce.Do(func() {
		dir := os.Getenv("STREAMLINT_FUZZ_COUNTS")
		if dir == "" {
			return
		}
		go func() {
			path := filepath.Join(dir, strconv.Itoa(os.Getpid()))
			for {
				_ = os.WriteFile(path, []byte(strconv.FormatInt(calls.Load(), 10)), 0o644)
				time.Sleep(200 * time.Millisecond)
			}
		}()
	})
}
