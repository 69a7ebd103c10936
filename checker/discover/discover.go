// Package discover finds the configuration files of a repository and
// groups them into pipelines: the compose project of a directory and the
// Spark files below it (docs/concepts.md, Pipeline).
package discover

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
)

// Kind is what a file is.
type Kind string

// File kinds.
const (
	KindCompose         Kind = "compose"
	KindSparkDefaults   Kind = "spark-defaults"
	KindSparkProperties Kind = "spark-properties"
	KindKafkaProperties Kind = "kafka-properties"
	KindJob             Kind = "job"
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
	// FS lets tests inject filesystem errors; nil means the OS.
	Stat     func(string) (fs.FileInfo, error)
	ReadHead func(path string, n int) ([]byte, error)
}

const sniffBytes = 64 << 10

var (
	composeName = regexp.MustCompile(`^(compose|docker-compose)([.-][^/]*)?\.ya?ml$|\.compose\.ya?ml$`)
	yamlName    = regexp.MustCompile(`\.ya?ml$`)
	servicesKey = regexp.MustCompile(`(?m)^services:[ \t]*(#.*)?\r?$`)
	sparkKey    = regexp.MustCompile(`(?m)^[ \t]*spark\.[A-Za-z]`)
	kafkaKey    = regexp.MustCompile(`(?m)^[ \t]*(broker\.id|node\.id|process\.roles|zookeeper\.connect|listeners|advertised\.listeners|log\.dirs|log\.retention\.[a-z]+|num\.partitions|controller\.quorum\.voters|offsets\.topic\.replication\.factor)[ \t]*[=:]`)
	jobTokens   = regexp.MustCompile(`\b(SparkSession|SparkConf|SparkContext|StreamingContext|readStream|writeStream|KafkaUtils)\b`)
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
	res := &Result{Named: map[string]bool{}}
	roots := map[string]bool{}
	var rootList []string
	addRoot := func(r string) {
		if !roots[r] {
			roots[r] = true
			rootList = append(rootList, r)
		}
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
			addRoot(abs)
			continue
		}
		res.Named[abs] = true
		addRoot(pipelineRoot(abs, cwd, opts))
	}
	files := map[string]File{}
	for _, root := range rootList {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		walk(root, opts, res, files)
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

func walk(root string, opts Options, res *Result, files map[string]File) {
	var rules []ignoreRule
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			res.Problems = append(res.Problems, Problem{Path: p, Err: err})
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		rel, _ := filepath.Rel(root, p)
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			if p != root && (skipDirs[d.Name()] || ignored(rules, rel, true) || excluded(opts.Exclude, rel)) {
				return fs.SkipDir
			}
			if p != root && composeName.MatchString(d.Name()) {
				// docker compose would try to read it and fail; its
				// contents are still walked
				res.Problems = append(res.Problems, Problem{Path: p, Err: errors.New("is a directory named like a compose file: docker compose would fail to read it")})
			}
			if data, err := os.ReadFile(filepath.Join(p, ".gitignore")); err == nil {
				base := rel
				if p == root {
					base = ""
				}
				rules = append(rules, parseGitignore(base, data)...)
			}
			return nil
		}
		if ignored(rules, rel, false) || excluded(opts.Exclude, rel) {
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			st, err := opts.Stat(p)
			if err != nil {
				res.Problems = append(res.Problems, Problem{Path: p, Err: err})
				return nil
			}
			if st.IsDir() {
				return nil // links to directories are not followed
			}
			if !st.Mode().IsRegular() && !namedLikeConfig(p) {
				return nil // a device, pipe or socket: never opened
			}
		} else if !d.Type().IsRegular() && !namedLikeConfig(p) {
			return nil
		}
		kind, _, err := classifyHead(p, opts)
		if err != nil {
			res.Problems = append(res.Problems, Problem{Path: p, Err: err})
			return nil
		}
		if kind != "" {
			files[p] = File{Path: p, Kind: kind}
		}
		return nil
	})
	if err != nil {
		res.Problems = append(res.Problems, Problem{Path: root, Err: err})
	}
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
		return "", "a properties file without Spark or Kafka broker keys", nil
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

func readHead(path string, n int) ([]byte, error) {
	// never open a pipe or device: opening a FIFO blocks, reading
	// /dev/zero never ends
	if st, err := os.Stat(path); err != nil {
		return nil, err
	} else if !st.Mode().IsRegular() {
		return nil, &fs.PathError{Op: "open", Path: path, Err: errors.New("not a regular file")}
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	buf := make([]byte, n)
	m, err := io.ReadFull(f, buf)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return nil, err
	}
	return buf[:m], nil
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
