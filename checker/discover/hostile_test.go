package discover

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/go-git/go-git/v5/plumbing/format/index"
)

// writeIndex makes dir a git work tree whose index tracks paths (no git
// binary needed: go-git's encoder writes the index).
func writeIndex(t *testing.T, dir string, paths ...string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Join(dir, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	idx := &index.Index{Version: 2}
	for _, p := range paths {
		idx.Entries = append(idx.Entries, &index.Entry{Name: p, ModifiedAt: time.Unix(1, 0), CreatedAt: time.Unix(1, 0)})
	}
	f, err := os.Create(filepath.Join(dir, ".git", "index"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := index.NewEncoder(f).Encode(idx); err != nil {
		t.Fatal(err)
	}
}

func skippedText(dir string, res *Result) string {
	var out []string
	for _, s := range res.Skipped {
		r, _ := filepath.Rel(dir, s.Path)
		out = append(out, filepath.ToSlash(r)+": "+s.Reason)
	}
	return strings.Join(out, "\n")
}

// TestGitignoreNeverHidesSilently: a .gitignore of "*" (or a nested one
// naming a compose file) hides nothing git tracks, and what it does hide
// is a note naming the .gitignore line; when it hides every candidate,
// a note says so.
func TestGitignoreNeverHidesSilently(t *testing.T) {
	t.Parallel()
	t.Run("star outside git", func(t *testing.T) {
		dir := tree(t, map[string]string{".gitignore": "*\n", "compose.yaml": services, "jobs/job.py": "SparkSession\n", "README.md": "x\n"})
		res, err := Discover(context.Background(), []string{dir}, Options{})
		if err != nil {
			t.Fatal(err)
		}
		got := skippedText(dir, res)
		for _, want := range []string{"compose.yaml: ignored by ", ".gitignore:1 (\"*\")", "jobs: directory with candidate files ignored", ".: no file checked here: .gitignore hides every candidate file (2 hidden"} {
			if !strings.Contains(got, want) {
				t.Errorf("notes lack %q:\n%s", want, got)
			}
		}
		if strings.Contains(got, "README") {
			t.Errorf("a file that is no candidate is noted:\n%s", got)
		}
	})
	t.Run("tracked files are checked", func(t *testing.T) {
		dir := tree(t, map[string]string{
			".gitignore": "*\n!.gitignore\n", "compose.yaml": services, "jobs/job.py": "SparkSession\n",
			"jobs/untracked.py": "SparkSession\n", "nested/.gitignore": "compose.yaml\n", "nested/compose.yaml": services,
			"scratch/compose.yaml": services,
		})
		writeIndex(t, dir, ".gitignore", "compose.yaml", "jobs/job.py", "nested/.gitignore", "nested/compose.yaml")
		res, err := Discover(context.Background(), []string{dir}, Options{})
		if err != nil {
			t.Fatal(err)
		}
		got := strings.Join(summary(dir, res), "\n")
		want := ".: compose.yaml | jobs/job.py(job)\nnested: nested/compose.yaml | "
		if got != want {
			t.Errorf("pipelines:\n%s\nwant:\n%s", got, want)
		}
		notes := skippedText(dir, res)
		if !strings.Contains(notes, "jobs/untracked.py: ignored by ") || !strings.Contains(notes, ".gitignore:1 (\"*\")") || !strings.Contains(notes, "scratch: directory with candidate files ignored by") {
			t.Errorf("notes:\n%s", notes)
		}
	})
	t.Run("named file is checked", func(t *testing.T) {
		dir := tree(t, map[string]string{".gitignore": "*\n", "compose.yaml": services})
		res, err := Discover(context.Background(), []string{filepath.Join(dir, "compose.yaml")}, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Join(summary(dir, res), "\n"); got != ".: compose.yaml | " || len(res.Skipped) != 0 {
			t.Errorf("pipelines %q, notes %q", got, skippedText(dir, res))
		}
	})
}

// TestSpecialCandidatesAreNoted: a FIFO job.py, .properties or .yml is
// never opened, and is a note rather than a file that vanishes.
func TestSpecialCandidatesAreNoted(t *testing.T) {
	t.Parallel()
	dir := tree(t, map[string]string{"compose.yaml": services})
	for _, name := range []string{"job.py", "app.properties", "extra.yml", "other.bin"} {
		if err := syscall.Mkfifo(filepath.Join(dir, name), 0o644); err != nil {
			t.Skipf("mkfifo: %v", err)
		}
	}
	res, err := Discover(context.Background(), []string{dir}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	got := skippedText(dir, res)
	for _, name := range []string{"job.py", "app.properties", "extra.yml"} {
		if !strings.Contains(got, name+": not a regular file") {
			t.Errorf("%s not noted:\n%s", name, got)
		}
	}
	if strings.Contains(got, "other.bin") {
		t.Errorf("a FIFO that is no candidate is noted:\n%s", got)
	}
}

// TestSpecialGitignoreIsAProblem: a .gitignore that is a FIFO or a link
// to /dev/zero is refused (exit 2), never read.
func TestSpecialGitignoreIsAProblem(t *testing.T) {
	t.Parallel()
	dir := tree(t, map[string]string{"a/compose.yaml": services, "b/compose.yaml": services, "c/compose.yaml": services})
	if err := os.Symlink("/dev/zero", filepath.Join(dir, "a", ".gitignore")); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(filepath.Join(dir, "b", ".gitignore"), 0o644); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	done := make(chan *Result)
	go func() {
		res, _ := Discover(context.Background(), []string{dir}, Options{})
		done <- res
	}()
	var res *Result
	select {
	case res = <-done:
	case <-time.After(20 * time.Second):
		t.Fatal("Discover blocked on a special .gitignore")
	}
	var probs []string
	for _, p := range res.Problems {
		r, _ := filepath.Rel(dir, p.Path)
		probs = append(probs, filepath.ToSlash(r)+": "+p.Err.Error())
	}
	if len(probs) != 2 || !strings.Contains(probs[0], "a/.gitignore") || !strings.Contains(probs[0], "under /proc, /sys or /dev") || !strings.Contains(probs[1], "not a regular file") {
		t.Errorf("problems:\n%s", strings.Join(probs, "\n"))
	}
}

// TestInvalidExcludeGlob: --exclude '[' is an error, not a glob that
// silently matches nothing.
func TestInvalidExcludeGlob(t *testing.T) {
	t.Parallel()
	dir := tree(t, map[string]string{"compose.yaml": services})
	for _, g := range []string{"[", "a/[b", "**/x[", "\\"} {
		if _, err := Discover(context.Background(), []string{dir}, Options{Exclude: []string{g}}); err == nil || !strings.Contains(err.Error(), "--exclude") {
			t.Errorf("%q: %v", g, err)
		}
	}
	if _, err := Discover(context.Background(), []string{dir}, Options{Exclude: []string{"legacy/**", "*.yml", "a/[bc]"}}); err != nil {
		t.Error(err)
	}
}

// gitignoreTree is a .gitignore of n patterns (literal names, suffixes
// and globs) over files candidate files, none of which it hides.
func gitignoreTree(b testing.TB, n, files int) string {
	dir := b.TempDir()
	var gi strings.Builder
	for i := range n {
		switch i % 4 {
		case 0:
			fmt.Fprintf(&gi, "generated_%d.yml\n", i)
		case 1:
			fmt.Fprintf(&gi, "*.tmp%d\n", i)
		case 2:
			fmt.Fprintf(&gi, "build%d/\n", i)
		default:
			fmt.Fprintf(&gi, "cache-%d-*.properties\n", i)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, ".gitignore"), []byte(gi.String()), 0o644); err != nil {
		b.Fatal(err)
	}
	for i := range files {
		p := filepath.Join(dir, fmt.Sprintf("d%d", i%50), fmt.Sprintf("job%d.py", i))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("print(1)\n"), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	return dir
}

// BenchmarkGitignore grows the .gitignore tenfold (1,000 files): the
// time per run must grow about tenfold too, not a hundredfold.
func BenchmarkGitignore(b *testing.B) {
	for _, n := range []int{10_000, 100_000} {
		b.Run(fmt.Sprintf("patterns=%d", n), func(b *testing.B) {
			dir := gitignoreTree(b, n, 1000)
			b.ResetTimer()
			for b.Loop() {
				if _, err := Discover(context.Background(), []string{dir}, Options{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestGitignoreCostIsLinear: 100,000 patterns over 1,000 files take
// seconds at most (40 s before the rules were indexed).
func TestGitignoreCostIsLinear(t *testing.T) {
	t.Parallel()
	dir := gitignoreTree(t, 100_000, 1000)
	start := time.Now()
	if _, err := Discover(context.Background(), []string{dir}, Options{}); err != nil {
		t.Fatal(err)
	}
	bound := 10 * time.Second
	if raceDetector {
		bound *= 10
	}
	if d := time.Since(start); d > bound {
		t.Errorf("100,000 patterns over 1,000 files took %v (bound %v)", d, bound)
	}
}

// TestPaddingNeverHidesAFile: what makes a file a candidate may come after
// the first 64 KiB sniffed (a licence header or docstring before a job's
// imports, large x- anchors before services:, comments before the keys of
// a properties file): such a file is still found, and a large file that
// is none of these is still passed over.
func TestPaddingNeverHidesAFile(t *testing.T) {
	pad := func(comment string) string { return strings.Repeat(comment+" "+strings.Repeat("a", 99)+"\n", 700) }
	dir := tree(t, map[string]string{
		"p/job.py":          pad("#") + "from pyspark.sql import SparkSession\nspark = SparkSession.builder.getOrCreate()\n",
		"p/stack.yml":       "x-big:\n" + pad("  #") + "services:\n  kafka:\n    image: apache/kafka:3.7.0\n",
		"p/app.properties":  pad("#") + "spark.executor.memory=2g\n",
		"p/kafka.jaas":      pad("//") + "KafkaServer { org.apache.kafka.common.security.plain.PlainLoginModule required; };\n",
		"p/plain.py":        pad("#") + "print('no spark here')\n",
		"p/other.yml":       pad("#") + "key: value\n",
		"q/spark.py":        "from pyspark.sql import SparkSession\n",
		"q/padded-small.py": "# small\nfrom pyspark.sql import SparkSession\n",
	})
	res, err := Discover(context.Background(), []string{dir}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Join(summary(dir, res), "\n")
	for _, want := range []string{"p/job.py(job)", "p: p/stack.yml |", "p/app.properties(spark-properties)", "p/kafka.jaas(jaas)", "q/padded-small.py(job)"} {
		if !strings.Contains(got, want) {
			t.Errorf("%s not found past the first %d bytes:\n%s", want, sniffBytes, got)
		}
	}
	for _, not := range []string{"plain.py", "other.yml"} {
		if strings.Contains(got, not) {
			t.Errorf("%s is not a candidate:\n%s", not, got)
		}
	}
}
