// Package discover finds the configuration files of a repository and
// groups them into pipelines: the compose project of a directory and the
// Spark files below it (docs/concepts.md, Pipeline).
package discover

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/streamlint/streamlint/internal/safefile"
)

// Kind is what a file is.
type Kind string

// File kinds.
const (
	KindCompose         Kind = "compose"
	KindSparkDefaults   Kind = "spark-defaults"
	KindSparkProperties Kind = "spark-properties"
	KindKafkaProperties Kind = "kafka-properties"
	// KindKafkaClientProperties is a Kafka client's configuration (admin,
	// producer, consumer: bootstrap.servers, security.protocol, sasl.*),
	// checked for secrets.
	KindKafkaClientProperties Kind = "kafka-client"
	// KindJAAS is a JAAS configuration file (kafka_server_jaas.conf),
	// checked for secrets.
	KindJAAS Kind = "jaas"
	KindJob  Kind = "job"
)

// File is a discovered configuration file.
type File struct {
	Path     string // absolute
	Kind     Kind
	Explicit bool // named on the command line
}

// Group is the files of one pipeline, checked together (docs/concepts.md,
// Pipeline).
type Group struct {
	Root    string   // absolute directory
	Compose []string // one compose project: base file first, then overrides
	Files   []File   // Spark and Kafka files (conf, properties, jobs)
}

// Skipped is a file discovery passed over, and why.
type Skipped struct {
	Path   string
	Reason string
}

// Problem is a path that could not be walked or read.
type Problem struct {
	Path string
	Err  error
}

// Result is what Discover found.
type Result struct {
	Groups   []*Group
	Skipped  []Skipped
	Problems []Problem
	// Named is the set of files named explicitly (absolute paths); empty
	// when only directories were given.
	Named map[string]bool
}

// Options control discovery.
type Options struct {
	// Exclude are glob patterns (slash-separated, relative to the walk root)
	// of paths to skip.
	Exclude []string
	// MaxFileSize bounds the .gitignore files read (0: 10 MiB).
	MaxFileSize int64
	// Display turns an absolute path into the path shown to the user
	// (in notes naming a .gitignore line); nil shows it as it is.
	Display func(string) string
	// FS lets tests inject filesystem errors; nil means the OS.
	Stat     func(string) (fs.FileInfo, error)
	ReadHead func(path string, n int) ([]byte, error)
}

func (o Options) display(p string) string {
	if o.Display == nil {
		return p
	}
	return o.Display(p)
}

const sniffBytes = 64 << 10

var (
	composeName    = regexp.MustCompile(`^(compose|docker-compose)([.-][^/]*)?\.ya?ml$|\.compose\.ya?ml$`)
	yamlName       = regexp.MustCompile(`\.ya?ml$`)
	servicesKey    = regexp.MustCompile(`(?m)^services:[ \t]*(#.*)?\r?$`)
	sparkKey       = regexp.MustCompile(`(?m)^[ \t]*spark\.[A-Za-z]`)
	kafkaKey       = regexp.MustCompile(`(?m)^[ \t]*(broker\.id|node\.id|process\.roles|zookeeper\.connect|listeners|advertised\.listeners|log\.dirs|log\.retention\.[a-z]+|num\.partitions|controller\.quorum\.voters|offsets\.topic\.replication\.factor)[ \t]*[=:]`)
	kafkaClientKey = regexp.MustCompile(`(?m)^[ \t]*(bootstrap\.servers|security\.protocol|sasl\.(mechanism|jaas\.config|username|password)|ssl\.(truststore|keystore|key)\.[a-z.]+|(key|value)\.(de)?serializer|group\.id|schema\.registry\.url|basic\.auth\.[a-z.]+)[ \t]*[=:]`)
	// a JAAS entry starts its line with the login module's class (after
	// the context's name and brace on a one-line entry): a sasl.jaas.config
	// value quoted in an application's HOCON .conf, or a commented-out one,
	// does not make that file a JAAS file
	jaasModule = regexp.MustCompile(`(?m)^[ \t]*(?:[\w.-]+[ \t]*\{[ \t]*)?[\w.$]*LoginModule\s+(required|requisite|sufficient|optional)\b`)
	jobTokens  = regexp.MustCompile(`\b(SparkSession|SparkConf|SparkContext|StreamingContext|readStream|writeStream|KafkaUtils)\b`)
)

// skipDirs are never walked into.
var skipDirs = map[string]bool{".git": true, "vendor": true, "node_modules": true, ".hg": true, ".svn": true}

// Discover walks paths (directories or files; "." when empty).
func Discover(ctx context.Context, paths []string, opts Options) (*Result, error) {
	if len(paths) == 0 {
		paths = []string{"."}
	}
	if opts.Stat == nil {
		opts.Stat = os.Stat
	}
	if opts.ReadHead == nil {
		opts.ReadHead = readHead
	}
	if opts.MaxFileSize <= 0 {
		opts.MaxFileSize = safefile.DefaultLimit
	}
	for _, g := range opts.Exclude {
		if err := ValidGlob(g); err != nil {
			return nil, fmt.Errorf("--exclude %q: %w", g, err)
		}
	}
	res := &Result{Named: map[string]bool{}}
	// roots maps each walk root to whether it was given as a directory:
	// the roots of named files are walked for context only, and what is
	// left out there is not reported (the named files always are).
	roots := map[string]bool{}
	var rootList []string
	addRoot := func(r string, given bool) {
		if _, ok := roots[r]; !ok {
			rootList = append(rootList, r)
		}
		roots[r] = roots[r] || given
	}
	cwd, _ := os.Getwd()
	for _, p := range paths {
		abs, err := filepath.Abs(p)
		if err != nil {
			return nil, fmt.Errorf("resolve %s: %w", p, err)
		}
		st, err := opts.Stat(abs)
		if err != nil {
			res.Problems = append(res.Problems, Problem{Path: abs, Err: err})
			continue
		}
		if st.IsDir() {
			addRoot(abs, true)
			continue
		}
		res.Named[abs] = true
		addRoot(pipelineRoot(abs, cwd, opts), false)
	}
	files := map[string]File{}
	for _, root := range rootList {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		walk(root, opts, res, files, !roots[root])
	}
	// a named file is checked whatever its name: sniff its kind
	for p := range res.Named {
		f, ok := files[p]
		if !ok {
			k, reason := classifyExplicit(p, opts)
			if k == "" {
				res.Skipped = append(res.Skipped, Skipped{Path: p, Reason: reason})
				continue
			}
			f = File{Path: p, Kind: k}
		}
		f.Explicit = true
		files[p] = f
	}
	res.Groups = group(files, opts, res.Named)
	if len(res.Named) > 0 {
		res.Groups = keepNamed(res.Groups, res.Named)
	}
	sort.Slice(res.Skipped, func(i, j int) bool { return res.Skipped[i].Path < res.Skipped[j].Path })
	sort.Slice(res.Problems, func(i, j int) bool { return res.Problems[i].Path < res.Problems[j].Path })
	return res, nil
}

// pipelineRoot is the directory whose pipeline a named file belongs to:
// the nearest ancestor (up to the working directory) holding a compose file.
func pipelineRoot(file, cwd string, opts Options) string {
	dir := filepath.Dir(file)
	for d := dir; ; d = filepath.Dir(d) {
		if hasCompose(d, opts) {
			return d
		}
		if d == cwd || !strings.HasPrefix(d, cwd+string(filepath.Separator)) || filepath.Dir(d) == d {
			return dir
		}
	}
}

func hasCompose(dir string, opts Options) bool {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return false
	}
	for _, e := range entries {
		if e.IsDir() {
			continue
		}
		if k, _ := classify(filepath.Join(dir, e.Name()), opts); k == KindCompose {
			return true
		}
	}
	return false
}

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
		if err != nil {
			w.res.Problems = append(w.res.Problems, Problem{Path: p, Err: err})
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
	if kind != "" {
		w.files[p] = File{Path: p, Kind: kind}
	}
	return nil
}

func (w *walker) dir(p, rel string, d fs.DirEntry) error {
	if p != w.root {
		if skipDirs[d.Name()] || excluded(w.opts.Exclude, rel) {
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

// candidateName reports whether a file named name could be checked
// (by its name, before its content is looked at).
func candidateName(name string) bool {
	return composeName.MatchString(name) || yamlName.MatchString(name) || name == "spark-defaults.conf" ||
		strings.HasSuffix(name, ".properties") || strings.HasSuffix(name, ".py") || strings.HasSuffix(name, ".scala")
}

func excluded(globs []string, rel string) bool {
	for _, g := range globs {
		if globMatch(g, rel) || globMatch(g, filepath.Base(rel)) {
			return true
		}
		if strings.HasSuffix(g, "/**") && strings.HasPrefix(rel+"/", strings.TrimSuffix(g, "**")) {
			return true
		}
	}
	return false
}

// namedLikeConfig reports whether the name alone makes p a configuration
// file (a compose file or spark-defaults.conf), whatever it contains.
func namedLikeConfig(p string) bool {
	base := filepath.Base(p)
	return composeName.MatchString(base) || base == "spark-defaults.conf"
}

// classify decides a file's kind from its name and, where the name is not
// enough, its first bytes.
func classify(p string, opts Options) (Kind, string) {
	k, reason, err := classifyHead(p, opts)
	if err != nil {
		return "", "unreadable: " + err.Error()
	}
	return k, reason
}

// classifyHead is classify that also returns the error of reading the
// first bytes of a file whose kind depends on them: such a file cannot
// be said not to be configuration, so it must not be passed over quietly.
func classifyHead(p string, opts Options) (Kind, string, error) {
	base := filepath.Base(p)
	switch {
	case composeName.MatchString(base):
		return KindCompose, "", nil
	case base == "spark-defaults.conf":
		return KindSparkDefaults, "", nil
	case yamlName.MatchString(base):
		head, err := opts.ReadHead(p, sniffBytes)
		if err != nil {
			return "", "", err
		}
		if servicesMapping(head) {
			return KindCompose, "", nil
		}
		return "", "a YAML file without a top-level services: mapping", nil
	case strings.HasSuffix(base, ".properties"):
		head, err := opts.ReadHead(p, sniffBytes)
		if err != nil {
			return "", "", err
		}
		if sparkKey.Match(head) {
			return KindSparkProperties, "", nil
		}
		if kafkaKey.Match(head) {
			return KindKafkaProperties, "", nil
		}
		if kafkaClientKey.Match(head) {
			return KindKafkaClientProperties, "", nil
		}
		return "", "a properties file without Spark or Kafka keys", nil
	case strings.HasSuffix(base, ".conf") || strings.HasSuffix(base, ".jaas"):
		head, err := opts.ReadHead(p, sniffBytes)
		if err != nil {
			return "", "", err
		}
		if jaasModule.Match(head) {
			return KindJAAS, "", nil
		}
		return "", "a .conf file that is neither spark-defaults.conf nor a JAAS configuration", nil
	case strings.HasSuffix(base, ".py") || strings.HasSuffix(base, ".scala"):
		head, err := opts.ReadHead(p, sniffBytes)
		if err != nil {
			return "", "", err
		}
		if jobTokens.Match(head) {
			return KindJob, "", nil
		}
		return "", "source that builds no SparkSession, SparkConf or StreamingContext", nil
	}
	return "", "not a compose, Spark or Kafka configuration file", nil
}

// classifyExplicit is classify for a named file: a spark-defaults-like
// .conf is taken as Spark configuration whatever its name; anything else
// must look like what its name says (pre-commit passes every changed YAML
// or Python file, most of which are not pipeline configuration).
func classifyExplicit(p string, opts Options) (Kind, string) {
	if k, reason := classify(p, opts); k != "" {
		return k, reason
	}
	if strings.HasSuffix(filepath.Base(p), ".conf") {
		return KindSparkDefaults, ""
	}
	return classify(p, opts)
}

// readHead reads the first n bytes of a file through safefile: a pipe
// or device is never opened (opening a FIFO blocks, reading /dev/zero
// never ends), nor anything under /proc, /sys or /dev.
func readHead(path string, n int) ([]byte, error) {
	return safefile.ReadHead(path, n)
}

// group forms pipelines: each compose project of a directory, with the
// Spark and Kafka files whose nearest compose ancestor is that directory;
// Spark files with no compose ancestor form one pipeline per directory.
func group(files map[string]File, opts Options, named map[string]bool) []*Group {
	composeByDir := map[string][]string{}
	var others []File
	for _, f := range files {
		if f.Kind == KindCompose {
			d := filepath.Dir(f.Path)
			composeByDir[d] = append(composeByDir[d], f.Path)
		} else {
			others = append(others, f)
		}
	}
	facts, fragments := composeFactsOf(composeByDir, opts, named)
	var pipelines []*Group
	byDir := map[string][]*Group{}
	for dir, list := range composeByDir {
		for _, set := range composeSets(list, facts, fragments) {
			p := &Group{Root: dir, Compose: set}
			pipelines = append(pipelines, p)
			byDir[dir] = append(byDir[dir], p)
		}
	}
	sparkOnly := map[string]*Group{}
	for _, f := range others {
		attached := false
		for d := filepath.Dir(f.Path); ; d = filepath.Dir(d) {
			if ps, ok := byDir[d]; ok {
				for _, p := range ps {
					p.Files = append(p.Files, f)
				}
				attached = true
				break
			}
			if filepath.Dir(d) == d {
				break
			}
		}
		if !attached {
			attached = attachMounted(f, pipelines, facts, opts)
		}
		if !attached {
			d := filepath.Dir(f.Path)
			p, ok := sparkOnly[d]
			if !ok {
				p = &Group{Root: d}
				sparkOnly[d] = p
				pipelines = append(pipelines, p)
			}
			p.Files = append(p.Files, f)
		}
	}
	for _, p := range pipelines {
		sort.Slice(p.Files, func(i, j int) bool { return p.Files[i].Path < p.Files[j].Path })
	}
	sort.Slice(pipelines, func(i, j int) bool {
		a, b := pipelines[i], pipelines[j]
		if a.Root != b.Root {
			return a.Root < b.Root
		}
		return strings.Join(a.Compose, "\x00") < strings.Join(b.Compose, "\x00")
	})
	return pipelines
}

// attachMounted adds a file outside every compose directory to the
// projects that bind-mount it: the broker's server.properties kept in a
// shared config directory is that project's configuration, not a
// free-standing file.
func attachMounted(f File, pipelines []*Group, facts map[string]composeFacts, opts Options) bool {
	factsOf := func(c string) composeFacts {
		fc, ok := facts[c]
		if !ok {
			fc, _ = readComposeFacts(c, opts)
			facts[c] = fc
		}
		return fc
	}
	ps := mountedInto(f.Path, pipelines, factsOf)
	for _, p := range ps {
		p.Files = append(p.Files, f)
	}
	return len(ps) > 0
}

var overrideRe = regexp.MustCompile(`^(.*)\.override(\.ya?ml)$`)

// composeFactsOf reads what grouping needs of the compose files that may
// need it: those of directories with several compose files (overrides)
// and those that include or extend other files. It returns the facts and
// the fragments: files another compose file reaches, which are not
// projects of their own unless named on the command line.
func composeFactsOf(byDir map[string][]string, opts Options, named map[string]bool) (map[string]composeFacts, map[string]bool) {
	facts := map[string]composeFacts{}
	referenced := map[string]bool{}
	for _, list := range byDir {
		for _, f := range list {
			head, err := opts.ReadHead(f, sniffBytes)
			if err != nil || len(list) < 2 && !mentionsReferences(head) {
				continue
			}
			if fc, ok := readComposeFacts(f, opts); ok {
				facts[f] = fc
				for _, r := range fc.refs {
					referenced[r] = true
				}
			}
		}
	}
	// fragments are what the roots (files no other file reaches) reach;
	// files that only reach each other (an include loop) stay projects, so
	// that the loader reports the loop
	fragments := map[string]bool{}
	var visit func(f string, depth int)
	visit = func(f string, depth int) {
		if depth > 16 {
			return
		}
		for _, r := range facts[f].refs {
			if r != f && !fragments[r] && !named[r] {
				fragments[r] = true
				visit(r, depth+1)
			}
		}
	}
	for f := range facts {
		if !referenced[f] {
			visit(f, 0)
		}
	}
	return facts, fragments
}

// overrideSets splits the compose files of one directory into projects:
// X.yml with X.override.yml; every other file on its own.
func overrideSets(list []string) [][]string {
	sort.Strings(list)
	base := map[string]string{} // stem -> file
	for _, f := range list {
		name := filepath.Base(f)
		if overrideRe.MatchString(name) {
			continue
		}
		stem := strings.TrimSuffix(strings.TrimSuffix(name, ".yml"), ".yaml")
		base[stem] = f
	}
	var sets [][]string
	used := map[string]bool{}
	for _, f := range list {
		name := filepath.Base(f)
		if m := overrideRe.FindStringSubmatch(name); m != nil {
			if _, ok := base[m[1]]; ok {
				continue
			}
		}
		if used[f] {
			continue
		}
		set := []string{f}
		stem := strings.TrimSuffix(strings.TrimSuffix(name, ".yml"), ".yaml")
		for _, o := range list {
			if m := overrideRe.FindStringSubmatch(filepath.Base(o)); m != nil && m[1] == stem {
				set = append(set, o)
				used[o] = true
			}
		}
		sets = append(sets, set)
	}
	return sets
}

func keepNamed(ps []*Group, named map[string]bool) []*Group {
	var out []*Group
	for _, p := range ps {
		keep := false
		for _, c := range p.Compose {
			keep = keep || named[c]
		}
		for _, f := range p.Files {
			keep = keep || named[f.Path]
		}
		if keep {
			out = append(out, p)
		}
	}
	return out
}

// servicesMapping reports whether head has a top-level services: key whose
// value is a block mapping (compose), not a list (.travis.yml's
// `services: [docker]`, GitLab CI's `services:` of images): the first line
// below the key that holds something is indented and is not a list item.
func servicesMapping(head []byte) bool {
	loc := servicesKey.FindIndex(head)
	if loc == nil {
		return false
	}
	for _, line := range strings.Split(string(head[loc[1]:]), "\n") {
		t := strings.TrimRight(line, " \t\r")
		trimmed := strings.TrimLeft(t, " \t")
		if trimmed == "" || strings.HasPrefix(trimmed, "#") {
			continue
		}
		return len(trimmed) < len(t) && !strings.HasPrefix(trimmed, "- ") && trimmed != "-"
	}
	return false
}
