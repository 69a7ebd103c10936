// Package compose loads docker-compose projects with compose-go, hermetically
// (no process environment unless asked, no network, no remote includes), and
// attaches to every service, environment entry, command and volume the file,
// line and column where it is written.
package compose

import (
	"context"
	"errors"
	"fmt"
	"io"
	"maps"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"

	"github.com/compose-spec/compose-go/v2/cli"
	"github.com/compose-spec/compose-go/v2/loader"
	"github.com/compose-spec/compose-go/v2/types"
	"github.com/sirupsen/logrus"

	"github.com/streamlint/streamlint/checker/model"
	"github.com/streamlint/streamlint/checker/yamlpos"
	"github.com/streamlint/streamlint/internal/safefile"
)

// Options control how a project is loaded.
type Options struct {
	// EnvFiles are extra files to interpolate from (--env-file), after the
	// project's own .env.
	EnvFiles []string
	// UseProcessEnv lets the process environment feed interpolation (--use-env).
	UseProcessEnv bool
	// Environ is the process environment to use with UseProcessEnv
	// (os.Environ() in the CLI; injected for tests).
	Environ []string
	// Display turns an absolute path into the path shown to the user.
	Display func(abs string) string
	// MaxFileSize bounds the files a project references (include,
	// extends, env_file, .env); 0 means 10 MiB.
	MaxFileSize int64
	// Scope bounds the files the project itself leads to (include,
	// extends, env_file, .env): the zero Scope admits any path.
	// EnvFiles, named by the user, are read wherever they are.
	Scope safefile.Scope
}

// Project is a loaded compose project.
type Project struct {
	Name     string
	Dir      string   // absolute directory of the first file
	Files    []string // absolute paths of the compose files, in load order
	Services []*Service
	// Unresolved lists references that could not be resolved (LNT003).
	Unresolved []Unresolved
	// Problems are what docker compose would reject (a depends_on naming
	// no service, ...): errors of the project, while its services are
	// still modelled. Notes say what the linter assumed.
	Problems []LoadError
	Notes    []model.Note
	// Partial is true when the project uses services or networks another
	// compose file defines: it is one part of a set of files used together.
	Partial bool
	// VariableSecrets are the secret values of the variables interpolation
	// read (variableSecrets), to mask wherever a reference put them.
	VariableSecrets []string
}

// Unresolved is a reference that could not be resolved: an unset variable,
// a required variable, or a missing env_file. A variable used in several
// places is one Unresolved at its first use, the others Related.
type Unresolved struct {
	Loc     model.Location
	Message string
	Related []model.Related
}

// UnreadEnvFile is an env_file entry whose variables are unknown: Name
// as the user sees it, at Loc (the entry in the compose file).
type UnreadEnvFile struct {
	Name string
	Loc  model.Location
}

// Service is one compose service with positions.
type Service struct {
	Name     string
	Loc      model.Location // the service's name key
	Image    string
	ImageLoc model.Location
	// ImageUnresolved is true when the image reference uses a variable
	// that is not set; Image then shows it as $NAME.
	ImageUnresolved bool
	HasBuild        bool
	// BaseUnseen is true for a service of an X.override.yml whose X.yml
	// is not in its directory: the base it overrides may set anything
	BaseUnseen bool
	// Build is the service's build: section, nil when it has none.
	Build         *Build
	ContainerName string
	// Hostname is the service's hostname, "" when unset (Docker then uses
	// the container id, which changes with every new container).
	Hostname    string
	Environment []EnvVar // sorted by name
	// UnreadEnvFiles are the service's env_file entries that could not be
	// read (missing, too large, unparsable, refused): any variable may
	// be set there, so what the environment leaves unset is unknown.
	UnreadEnvFiles []UnreadEnvFile
	Command        *Command
	Entrypoint     *Command
	Volumes        []Volume
	Replicas       int   // deploy.replicas, 1 when unset
	MemLimit       int64 // bytes, 0 when unset (mem_limit or deploy.resources.limits.memory)
	MemLimitLoc    model.Location
	Profiles       []string
	// NetworkMode is network_mode ("host", "service:x", ...), "" when unset;
	// Aliases are the service's network aliases on every network.
	NetworkMode string
	Aliases     []string
	// Addresses are the static ipv4_address and ipv6_address the service
	// has on its networks.
	Addresses []string
}

// Build is a service's build: section.
type Build struct {
	// Context is the build context: an absolute directory, or a remote
	// context (a git or HTTP URL) as written, which is never read.
	Context string
	Remote  bool
	// Dockerfile is the Dockerfile's path relative to Context ("" for
	// the default, Dockerfile); Inline is true for dockerfile_inline.
	Dockerfile string
	Inline     bool
	// Args are the build args (nil value: an arg without a value).
	Args map[string]*string
	Loc  model.Location // the build: value
}

// EnvVar is one environment variable of a service.
type EnvVar struct {
	Name  string
	Value string
	Loc   model.Location // where the value is written
	// Unresolved is true when the value refers to a variable that is not
	// set, or has no value at all (`- KEY` with nothing to inherit).
	Unresolved bool
	// FromFile is the env_file it came from, "" when written in the compose file.
	FromFile string
	// FromVariable is true when the compose file writes the value as a
	// ${VAR} / $VAR reference rather than literally.
	FromVariable bool
	// Raw is the value as the compose file writes it, before
	// interpolation ("${PW}" where Value holds what .env gives PW); for an
	// env_file entry it is Value.
	Raw string
}

// Command is a service's command or entrypoint as compose passes it on:
// its text interpolated as compose does ($$ is $, ${VAR} and $VAR take
// their value; a variable that is not set stays written as ${VAR}, so that
// a shell reading the text sees an unknown value), with the position of
// every byte.
type Command struct {
	// Args holds each item of the list form with its position.
	Args []Arg
	// Shell is the string form (compose splits it into words as
	// go-shellwords does); ShellLoc is where its text starts.
	Shell    string
	ShellLoc model.Location
	IsList   bool

	file     string
	shellMap yamlpos.Map
}

// ShellAt returns where byte i of Shell is written; i = len(Shell) is just
// after its last character.
func (c *Command) ShellAt(i int) model.Location {
	return located(c.file, c.shellMap, i, c.ShellLoc, c.Shell)
}

// Arg is one item of the list form of a command with its position.
type Arg struct {
	Text string
	Loc  model.Location // where the text starts (after an opening quote)

	m yamlpos.Map
}

// At returns where byte i of Text is written; i = len(Text) is just after
// its last character.
func (a Arg) At(i int) model.Location {
	return located(a.Loc.File, a.m, i, a.Loc, a.Text)
}

// located maps byte i of a text through m, or, without a map, counts
// columns from start.
func located(file string, m yamlpos.Map, i int, start model.Location, text string) model.Location {
	if m.Text() == text && text != "" {
		p := m.At(i)
		return model.Location{File: file, Line: p.Line, Column: p.Column}
	}
	l := start
	l.Column += len([]rune(text[:min(max(i, 0), len(text))]))
	return l
}

// Volume is one volume mount.
type Volume struct {
	Type   string // bind, volume, tmpfs
	Source string // absolute host path for binds, the volume name otherwise
	Target string
	Loc    model.Location
}

// LoadError is a compose file that cannot be loaded.
type LoadError struct {
	Loc model.Location
	Msg string
}

func (e *LoadError) Error() string { return fmt.Sprintf("%s: %s", e.Loc, e.Msg) }

// Loader loads compose projects. It is safe for concurrent use.
type Loader struct {
	opts Options
	// schema re-validates a file compose-go refused, to name its error
	// the same way on every run (schemaerr.go)
	schema *composeSchema
}

var quietLogrus sync.Once

// NewLoader returns a Loader. compose-go logs through the global logrus
// logger; the first Loader silences it, since streamlint reports everything
// itself.
func NewLoader(opts Options) *Loader {
	quietLogrus.Do(func() { logrus.SetOutput(io.Discard) })
	if opts.Display == nil {
		opts.Display = func(s string) string { return s }
	}
	if opts.MaxFileSize <= 0 {
		opts.MaxFileSize = 10 << 20
	}
	return &Loader{opts: opts, schema: &composeSchema{}}
}

// markerPrefix, then the variable's name, stands in for the value of a
// variable that is not set, so that compose-go can go on loading; values
// carrying it are unresolved. It has no colon, slash or space, so that it
// stays one word in ports, volumes and image references.
const markerPrefix = "\x00unset-"

// maxLoadAttempts bounds the loads that replace placeholders compose-go
// cannot take in a typed field by numbers.
const maxLoadAttempts = 8

// Load loads the compose files (an override set: the first is the base).
func (l *Loader) Load(ctx context.Context, files []string) (*Project, error) {
	if len(files) == 0 {
		return nil, errors.New("no compose file")
	}
	abs := make([]string, len(files))
	for i, f := range files {
		a, err := filepath.Abs(f)
		if err != nil {
			return nil, fmt.Errorf("resolve %s: %w", f, err)
		}
		abs[i] = a
	}
	dir := filepath.Dir(abs[0])
	idx := newIndex(l.opts.Display, l.opts.MaxFileSize, l.opts.Scope)
	empty := true
	for _, f := range abs {
		d, err := idx.doc(f)
		if err != nil {
			return nil, err
		}
		if err := idx.checkServiceShapes(f, d); err != nil {
			return nil, err
		}
		empty = empty && isEmptyDoc(d)
	}
	if empty && !defaultComposeName(abs[0]) {
		// compose-go refuses a file with nothing in it ("empty compose
		// file"), but a file docker compose does not pick up by itself is
		// a layer kept for -f (a seam the project's Makefile always passes
		// last): nothing to check. An empty compose.yaml stays an error.
		return &Project{Name: projectName(dir), Dir: dir, Files: abs, Notes: []model.Note{{
			Location: model.Location{File: l.opts.Display(abs[0]), Line: 1, Column: 1},
			Message:  "empty compose file (nothing but comments): nothing to check; docker compose reads it only with other files (-f)",
		}}}, nil
	}

	env, envErr := l.environment(dir)
	if envErr != nil {
		return nil, envErr
	}
	secrets := variableSecrets(env)
	if err := l.checkReferencedFiles(idx, abs, env); err != nil {
		return nil, maskLoadError(err, secrets)
	}
	known := maps.Clone(env)
	refs := idx.references(abs)
	unresolved, missing := checkReferences(refs, env)
	for name := range missing {
		if _, ok := env[name]; !ok || env[name] == "" {
			env[name] = placeholder(name, refs)
		}
	}
	p, leftOut, err := l.loadTolerant(ctx, dir, abs, idx, env, missing)
	if err != nil {
		return nil, maskLoadError(l.loadError(abs, idx, err), secrets)
	}

	proj := &Project{Name: p.Name, Dir: dir, Files: abs, Unresolved: unresolved, VariableSecrets: secrets}
	proj.Problems, proj.Notes, proj.Partial = l.checkConsistency(idx, abs, p)
	proj.Problems = append(leftOut, proj.Problems...)
	orphan := l.orphanOverride(proj)
	names := make([]string, 0, len(p.Services))
	for n := range p.Services {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		s := p.Services[n]
		svc, unres, errs := l.service(abs, idx, s, known)
		svc.BaseUnseen = orphan
		proj.Services = append(proj.Services, svc)
		proj.Unresolved = append(proj.Unresolved, unres...)
		proj.Problems = append(proj.Problems, errs...)
	}
	sort.SliceStable(proj.Unresolved, func(i, j int) bool { return proj.Unresolved[i].Loc.Before(proj.Unresolved[j].Loc) })
	return proj, nil
}

// loadProject loads with compose-go, without its consistency checks
// (a depends_on typo or a missing image is reported by checkConsistency,
// located, while the other services are still modelled). A placeholder
// that a typed field (ports, cpus, sizes) cannot take is replaced by a
// number and the load tried again. lines are the files' lines (castsFor);
// content, when not nil, is the text to load instead of the files'
// (loadTolerant: a service left out).
func (l *Loader) loadProject(ctx context.Context, dir string, abs []string, lines, content [][]string, env map[string]string, missing map[string]bool) (*types.Project, error) {
	for attempt := 0; ; attempt++ {
		envList := make([]string, 0, len(env))
		for k, v := range env {
			envList = append(envList, k+"="+v)
		}
		sort.Strings(envList)
		po, err := cli.NewProjectOptions(abs,
			cli.WithName(projectName(dir)),
			cli.WithWorkingDirectory(dir),
			cli.WithEnv(envList),
			cli.WithProfiles([]string{"*"}),
			cli.WithResourceLoader(localOnly{}),
			cli.WithLoadOptions(loadOptions(lines)),
		)
		if err != nil {
			return nil, err
		}
		var p *types.Project
		if content == nil {
			p, err = po.LoadProject(ctx)
		} else {
			p, err = loader.LoadWithContext(ctx, types.ConfigDetails{
				ConfigFiles: configFiles(abs, content), WorkingDir: dir, Environment: po.Environment,
			}, func(o *loader.Options) {
				o.SetProjectName(projectName(dir), true)
				o.ResourceLoaders = po.ResourceLoaders
			}, loader.WithProfiles([]string{"*"}), loadOptions(lines))
		}
		if err == nil {
			return p, nil
		}
		retry := false
		for _, name := range markerNames(err.Error()) {
			if missing[name] && env[name] != "1" {
				env[name], retry = "1", true
			}
		}
		if !retry || attempt >= maxLoadAttempts {
			return nil, err
		}
	}
}

// loadOptions are compose-go's options for a linter: no environment or
// label files resolved, no consistency check (checkConsistency reports
// those problems, located), and only the interpolation casts the files
// can need (castsFor).
func loadOptions(lines [][]string) func(*loader.Options) {
	return func(o *loader.Options) {
		o.SkipResolveEnvironment = true
		o.SkipResolveLabels = true
		o.SkipConsistencyCheck = true
		if o.Interpolate != nil {
			o.Interpolate.TypeCastMapping = castsFor(o.Interpolate.TypeCastMapping, lines)
		}
	}
}

// placeholder is what an unset variable stands in for while loading:
// the marker, or a number when the variable is used in a field that
// compose-go reads as a number (a port, a size, a count) and a duration
// for the durations.
func placeholder(name string, refs []ref) string {
	for _, r := range refs {
		if r.name != name {
			continue
		}
		switch r.key {
		case "ports", "expose", "published", "target", "mem_limit", "memswap_limit", "mem_reservation", "shm_size",
			"cpus", "cpu_count", "cpu_percent", "cpu_shares", "cpu_quota", "cpu_period", "pids_limit", "replicas",
			"scale", "memory", "max_attempts", "retries", "oom_score_adj", "size":
			return "1"
		case "interval", "timeout", "start_period", "start_interval", "stop_grace_period", "delay", "window", "monitor":
			return "1s"
		case "volumes", "source":
			// a path: docker compose substitutes an empty string, which
			// leaves `${HOME}/data:/data` or `./$FILE:/f` a bind mount; the
			// marker would make it a named volume no volumes: entry
			// declares (a load error where docker compose has none)
			return "./" + pathPlaceholder + name
		}
	}
	return markerPrefix + name
}

// pathPlaceholder, then the variable's name, is the relative directory an
// unset variable in a mount's source stands in for.
const pathPlaceholder = "unset-"

// markerNames are the variables whose placeholder an error message quotes.
func markerNames(msg string) []string {
	var out []string
	for rest := msg; ; {
		i := strings.Index(rest, markerPrefix)
		if i < 0 {
			return out
		}
		rest = rest[i+len(markerPrefix):]
		n := 0
		for n < len(rest) && (rest[n] == '_' || rest[n] >= 'A' && rest[n] <= 'Z' || rest[n] >= 'a' && rest[n] <= 'z' || rest[n] >= '0' && rest[n] <= '9') {
			n++
		}
		out = append(out, rest[:n])
	}
}

// projectNameDropRe matches what a compose project name cannot hold.
var projectNameDropRe = regexp.MustCompile(`[^a-z0-9_-]+`)

func projectName(dir string) string {
	n := strings.ToLower(filepath.Base(dir))
	n = projectNameDropRe.ReplaceAllString(n, "")
	if n == "" || (n[0] < 'a' || n[0] > 'z') && (n[0] < '0' || n[0] > '9') {
		n = "streamlint" + n
	}
	return n
}

// environment is what interpolation may read: the project's .env, the
// --env-file files, and the process environment only when asked.
func (l *Loader) environment(dir string) (map[string]string, error) {
	// docker compose runs from a shell, where PWD is the directory it is
	// started in: the project's, by convention
	env := map[string]string{"PWD": dir}
	if l.opts.UseProcessEnv {
		for _, kv := range l.opts.Environ {
			if k, v, ok := strings.Cut(kv, "="); ok {
				env[k] = v
			}
		}
	}
	dotEnv := filepath.Join(dir, ".env")
	files := append([]string{dotEnv}, l.opts.EnvFiles...)
	for i, f := range files {
		scope := safefile.Scope{} // the user's --env-file
		if i == 0 {
			scope = l.opts.Scope
		}
		vars, err := l.readEnv(scope, f, env)
		if err != nil {
			if i == 0 && safefile.IsNotExist(err) {
				continue // no .env: nothing to interpolate from
			}
			what := "--env-file"
			if i == 0 {
				what = ".env"
			}
			loc := model.Location{File: l.opts.Display(f), Line: 1, Column: 1}
			if ee := (*envFileError)(nil); errors.As(err, &ee) && ee.Line > 0 {
				loc.Line = ee.Line
			}
			return nil, &LoadError{Loc: loc, Msg: fmt.Sprintf("%s: %s; the project cannot be interpolated without it", what, safefile.Message(err))}
		}
		for k, v := range vars {
			env[k] = v
		}
	}
	return env, nil
}

// readEnv reads an env file through safefile (a FIFO, a device or a
// link into /proc is refused: /proc/self/environ is the runner's
// environment) and parses it, resolving references against env.
func (l *Loader) readEnv(scope safefile.Scope, path string, env map[string]string) (map[string]string, error) {
	data, err := scope.Read(path, l.opts.MaxFileSize)
	if err != nil {
		return nil, err
	}
	return parseEnvFile(data, func(k string) (string, bool) { v, ok := env[k]; return v, ok })
}

var lineRe = regexp.MustCompile(`line (\d+)`)

// loadError turns a compose-go error into a LoadError with the best
// position we can find: the line compose-go gives, or the path it names.
func (l *Loader) loadError(files []string, idx *index, err error) *LoadError {
	msg := err.Error()
	file := files[0]
	for _, f := range files {
		if strings.Contains(msg, f) {
			file = f
		}
	}
	msg = strings.ReplaceAll(msg, filepath.Dir(file)+string(filepath.Separator), "")
	if loc, m, ok := idx.valueError(files, msg); ok {
		return &LoadError{Loc: loc, Msg: m}
	}
	msg = strings.ReplaceAll(msg, markerPrefix, "$")
	loc := model.Location{File: l.opts.Display(file), Line: 1, Column: 1}
	if m := lastLine(msg); m != nil {
		var n int
		_, _ = fmt.Sscanf(m[1], "%d", &n)
		if n > 0 {
			loc.Line = n
		}
	} else if p, m, ok := idx.topLevelKeyError(file, msg); ok {
		loc, msg = p, m
	} else if p, m, ok := idx.sectionNameError(files, msg); ok {
		loc, msg = p, m
	} else if p, m, ok := l.stableLoc(idx, file, msg); ok {
		loc, msg = p, m
	} else if p := idx.schemaPathPos(file, msg); p.Line > 0 {
		loc = p
	}
	return &LoadError{Loc: loc, Msg: msg}
}

// localOnly refuses remote includes and extends (git, OCI, HTTP).
type localOnly struct{}

func (localOnly) Accept(path string) bool { return isRemote(path) }

func (localOnly) Load(_ context.Context, path string) (string, error) {
	return "", fmt.Errorf("remote resource %q not allowed: streamlint never reads the network; vendor the file into the repository", path)
}

func (localOnly) Dir(path string) string { return path }

func isRemote(p string) bool {
	for _, prefix := range []string{"oci://", "git://", "http://", "https://", "ssh://", "git@", "github.com/"} {
		if strings.HasPrefix(p, prefix) {
			return true
		}
	}
	return false
}
