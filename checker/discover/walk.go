// Walking the paths under check: directories skipped, .gitignore and
// excludes applied (never to a file git tracks), special files noted.

package discover

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/streamlint/streamlint/internal/safefile"
)

// thirdPartyTree says what a directory is when it holds code the project
// did not write, which discovery does not walk: a Spark distribution
// (its RELEASE file beside python/pyspark or jars/: Spark's own library,
// tests and examples, committed as an image's build context), a Python
// virtualenv (pyvenv.cfg) or installed packages (site-packages); "" for
// the project's own directories.
func thirdPartyTree(p, name string) string {
	switch {
	case name == "site-packages" || name == "dist-packages":
		return "installed Python packages"
	case exists(filepath.Join(p, "pyvenv.cfg")):
		return "a Python virtualenv"
	case exists(filepath.Join(p, "RELEASE")) && (exists(filepath.Join(p, "python", "pyspark")) || exists(filepath.Join(p, "jars"))):
		return "a Spark distribution"
	}
	return ""
}

func exists(p string) bool {
	_, err := os.Lstat(p)
	return err == nil
}

// skipDirs are never walked into.
var skipDirs = map[string]bool{".git": true, "vendor": true, "node_modules": true, ".hg": true, ".svn": true}

// walker is one walk of a root directory.
type walker struct {
	root    string
	opts    Options
	res     *Result
	files   map[string]File
	ignores *ignoreSet
	// tracked is the git index around root, read the first time a
	// .gitignore hides something (loadedTracked then true).
	tracked       *tracked
	loadedTracked bool
	// keptDirs are ignored directories walked all the same because git
	// tracks files below them: there only tracked files are checked.
	keptDirs []string
	hidden   int // candidate files and directories .gitignore hides
	// testDirs are the src/test/ directories whose job files were left
	// out (testSource).
	testDirs map[string]bool
	// quiet: the root of a named file, walked for context; what it
	// leaves out is not reported.
	quiet bool
}

// censusLimit bounds the entries looked at to tell whether an ignored
// directory holds candidate files.
const censusLimit = 10000

func walk(root string, opts Options, res *Result, files map[string]File, quiet bool) {
	w := &walker{root: root, opts: opts, res: res, files: files, ignores: newIgnoreSet(), quiet: quiet}
	before := len(files)
	if err := filepath.WalkDir(root, w.visit); err != nil {
		res.Problems = append(res.Problems, Problem{Path: root, Err: err})
	}
	if w.hidden > 0 && len(files) == before && !quiet {
		res.Skipped = append(res.Skipped, Skipped{Path: root, Reason: fmt.Sprintf("no file checked here: .gitignore hides every candidate file (%d hidden, listed above); name a file to check it anyway", w.hidden)})
	}
}

func (w *walker) visit(p string, d fs.DirEntry, err error) error {
	if err != nil {
		w.res.Problems = append(w.res.Problems, Problem{Path: p, Err: err})
		if d != nil && d.IsDir() {
			return fs.SkipDir
		}
		return nil
	}
	rel, _ := filepath.Rel(w.root, p)
	rel = filepath.ToSlash(rel)
	if d.IsDir() {
		return w.dir(p, rel, d)
	}
	if excluded(w.opts.Exclude, rel) {
		return nil
	}
	if rule, hidden := w.ignoredFile(rel); hidden && !w.isTracked(p, false) {
		if candidateName(d.Name()) {
			w.hide(p, rule)
		}
		return nil
	}
	if d.Type()&fs.ModeSymlink != 0 {
		st, err := w.opts.Stat(p)
		switch {
		case err != nil && namedLikeConfig(p):
			// a compose file docker compose would fail to read too
			w.res.Problems = append(w.res.Problems, Problem{Path: p, Err: err})
			return nil
		case err != nil:
			// a dangling link (spring-cloud's .mvn -> ../.mvn, not in the
			// repository): nothing of the project's to read there
			if candidateName(d.Name()) && !w.quiet {
				w.res.Skipped = append(w.res.Skipped, Skipped{Path: p, Reason: "a symlink that cannot be followed (" + err.Error() + "): not checked"})
			}
			return nil
		}
		if st.IsDir() {
			return nil // links to directories are not followed
		}
		if !st.Mode().IsRegular() && !namedLikeConfig(p) {
			w.special(p, d.Name())
			return nil
		}
	} else if !d.Type().IsRegular() && !namedLikeConfig(p) {
		w.special(p, d.Name())
		return nil
	}
	kind, _, err := classifyHead(p, w.opts)
	if err != nil {
		w.res.Problems = append(w.res.Problems, Problem{Path: p, Err: err})
		return nil
	}
	if kind == KindJob && w.testSource(rel) {
		return nil
	}
	if kind != "" {
		w.files[p] = File{Path: p, Kind: kind}
	}
	return nil
}

// testSource reports a job file under a src/test/ directory below the
// root, the test source set of sbt, Maven and Gradle: compiled into the
// tests (a memory sink, a ManualClock StreamingContext, a session built to
// test a setting) and never packaged into the application, so its Spark
// code is not checked as an app. Each such directory is one note; a root
// inside it, or a file named on the command line, is checked.
func (w *walker) testSource(rel string) bool {
	parts := strings.Split(rel, "/")
	for i := 0; i+2 < len(parts); i++ {
		if parts[i] != "src" || parts[i+1] != "test" {
			continue
		}
		dir := filepath.Join(w.root, filepath.FromSlash(strings.Join(parts[:i+2], "/")))
		if w.testDirs == nil {
			w.testDirs = map[string]bool{}
		}
		if !w.testDirs[dir] && !w.quiet {
			w.res.Skipped = append(w.res.Skipped, Skipped{Path: dir, Reason: "test sources (sbt, Maven and Gradle compile src/test/ into the tests, never into the application): their Spark code is not checked as an app (name a file in it to check it)"})
		}
		w.testDirs[dir] = true
		return true
	}
	return false
}

func (w *walker) dir(p, rel string, d fs.DirEntry) error {
	if p != w.root {
		if skipDirs[d.Name()] || excluded(w.opts.Exclude, rel) {
			return fs.SkipDir
		}
		if what := thirdPartyTree(p, d.Name()); what != "" {
			if !w.quiet {
				w.res.Skipped = append(w.res.Skipped, Skipped{Path: p, Reason: what + ": another project's code, not this one's configuration (name a file in it to check it)"})
			}
			return fs.SkipDir
		}
		if rule, hidden := w.ignoredDir(rel); hidden {
			if !w.isTracked(p, true) {
				if rule != nil && w.holdsCandidates(p) {
					w.hide(p, rule)
				}
				return fs.SkipDir
			}
			if rule != nil {
				w.keptDirs = append(w.keptDirs, rel)
			}
		}
		if composeName.MatchString(d.Name()) {
			// docker compose would try to read it and fail; its
			// contents are still walked
			w.res.Problems = append(w.res.Problems, Problem{Path: p, Err: errors.New("is a directory named like a compose file: docker compose would fail to read it")})
		}
	}
	gi := filepath.Join(p, ".gitignore")
	data, err := safefile.Read(gi, w.opts.MaxFileSize)
	switch {
	case err == nil:
		base := rel
		if p == w.root {
			base = ""
		}
		w.ignores.add(base, w.opts.display(gi), data)
	case !safefile.IsNotExist(err):
		// a .gitignore that is a FIFO, a device or a link into /proc
		w.res.Problems = append(w.res.Problems, Problem{Path: gi, Err: err})
	}
	return nil
}

// ignoredDir says whether .gitignore hides the directory rel, and by
// which rule (nil when an ancestor kept for its tracked files hides it).
func (w *walker) ignoredDir(rel string) (*ignoreRule, bool) {
	if r, hidden := w.ignores.ignored(rel, true); hidden {
		return r, true
	}
	return nil, w.inKeptDir(rel)
}

// ignoredFile says whether .gitignore hides the file rel.
func (w *walker) ignoredFile(rel string) (*ignoreRule, bool) {
	if r, hidden := w.ignores.ignored(rel, false); hidden {
		return r, true
	}
	if w.inKeptDir(rel) {
		return nil, true
	}
	return nil, false
}

func (w *walker) inKeptDir(rel string) bool {
	for _, k := range w.keptDirs {
		if strings.HasPrefix(rel, k+"/") {
			return true
		}
	}
	return false
}

// isTracked reports whether git tracks the file (or, for a directory,
// any file below it) at p: git never lets .gitignore hide those.
func (w *walker) isTracked(p string, dir bool) bool {
	if !w.loadedTracked {
		w.loadedTracked = true
		t, err := loadTracked(w.root)
		if err != nil {
			w.res.Skipped = append(w.res.Skipped, Skipped{Path: w.root, Reason: "the git index could not be read, so .gitignore may hide tracked files here: " + err.Error()})
		}
		w.tracked = t
	}
	if dir {
		return w.tracked.under(p)
	}
	return w.tracked.file(p)
}

// hide records a candidate .gitignore hides (rule nil: below a
// directory kept for its tracked files).
func (w *walker) hide(p string, rule *ignoreRule) {
	w.hidden++
	if w.quiet {
		return
	}
	reason := "ignored by .gitignore (and not tracked by git)"
	if rule != nil {
		reason = "ignored by " + rule.where()
	}
	if st, err := os.Lstat(p); err == nil && st.IsDir() {
		reason = "directory with candidate files " + reason
	}
	w.res.Skipped = append(w.res.Skipped, Skipped{Path: p, Reason: reason})
}

// special records a candidate that is not a regular file.
func (w *walker) special(p, name string) {
	if candidateName(name) && !w.quiet {
		w.res.Skipped = append(w.res.Skipped, Skipped{Path: p, Reason: "not a regular file (a FIFO, device or socket, or a link to one): never opened"})
	}
}

// holdsCandidates reports whether the directory p holds a file whose
// name makes it a candidate, looking at no more than censusLimit entries.
func (w *walker) holdsCandidates(p string) bool {
	found, seen := false, 0
	_ = filepath.WalkDir(p, func(q string, d fs.DirEntry, err error) error {
		seen++
		switch {
		case err != nil:
			return nil
		case seen > censusLimit:
			return fs.SkipAll
		case d.IsDir():
			if q != p && skipDirs[d.Name()] {
				return fs.SkipDir
			}
		case candidateName(d.Name()):
			found = true
			return fs.SkipAll
		}
		return nil
	})
	return found
}
