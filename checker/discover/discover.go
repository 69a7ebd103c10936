// Package discover finds the configuration files of a repository and
// groups them into pipelines: the compose project of a directory and the
// Spark files below it (docs/concepts.md, Pipeline).
package discover

import (
	"context"
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
			head, err := sniff(f, opts, mentionsReferences, "include", "extends")
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
