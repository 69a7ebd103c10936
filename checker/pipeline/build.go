// Package pipeline builds the model of one pipeline (docs/concepts.md) from
// the files discovery grouped: the compose project's brokers, topics and
// Spark services, the Spark configuration files and the job sources, with
// effective values and where each came from.
package pipeline

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/streamlint/streamlint/checker/compose"
	"github.com/streamlint/streamlint/checker/discover"
	"github.com/streamlint/streamlint/checker/dockerfile"
	"github.com/streamlint/streamlint/checker/jobscan"
	"github.com/streamlint/streamlint/checker/kafka"
	"github.com/streamlint/streamlint/checker/model"
	"github.com/streamlint/streamlint/checker/secret"
	"github.com/streamlint/streamlint/checker/shell"
	"github.com/streamlint/streamlint/checker/spark"
	"github.com/streamlint/streamlint/internal/safefile"
)

// DefaultMaxFileSize is the largest file read (10 MiB).
const DefaultMaxFileSize = 10 << 20

// Options configure a Builder.
type Options struct {
	Compose     compose.Options
	Params      model.Params
	Profile     string
	MaxFileSize int64
	// Scope bounds the files a project leads to (mounts, Dockerfiles,
	// build contexts, scripts, and compose's include, extends and env
	// files): the zero Scope admits any path.
	Scope safefile.Scope
	// Display turns an absolute path into the path shown to users.
	Display func(string) string
	// KafkaVersion and SparkVersion are assumed where image tags do not
	// say (config file versions:).
	KafkaVersion string
	SparkVersion string
	// ReadFile reads a checked file; nil means the OS. Tests inject
	// filesystem errors (and panics) through it.
	ReadFile func(path string) ([]byte, error)
}

// Builder builds pipeline models. It is safe for concurrent use.
type Builder struct {
	opts     Options
	compose  *compose.Loader
	kafkaCat *kafka.Catalog
	sparkCat *spark.Catalog
}

// NewBuilder loads the catalogs once.
func NewBuilder(opts Options) (*Builder, error) {
	if opts.Display == nil {
		opts.Display = func(s string) string { return s }
	}
	if opts.MaxFileSize <= 0 {
		opts.MaxFileSize = DefaultMaxFileSize
	}
	opts.Compose.Display = opts.Display
	opts.Compose.MaxFileSize = opts.MaxFileSize
	opts.Compose.Scope = opts.Scope
	kc, err := kafka.LoadCatalog()
	if err != nil {
		return nil, fmt.Errorf("load Kafka catalog: %w", err)
	}
	sc, err := spark.LoadCatalog()
	if err != nil {
		return nil, fmt.Errorf("load Spark catalog: %w", err)
	}
	return &Builder{opts: opts, compose: compose.NewLoader(opts.Compose), kafkaCat: kc, sparkCat: sc}, nil
}

// Display is the path shown to users for an absolute path.
func (b *Builder) Display(abs string) string { return b.opts.Display(abs) }

// Profile is the severity profile the builder puts in the model.
func (b *Builder) Profile() string { return b.opts.Profile }

// Unresolved is a reference that could not be resolved (LNT003).
type Unresolved struct {
	Loc     model.Location
	Message string
	Related []model.Related
}

// Result is a built pipeline with what could not be built.
type Result struct {
	Pipeline   *model.Pipeline
	Errors     []model.FileError
	Notes      []model.Note
	Unresolved []Unresolved
	// Sources are the files read, absolute path -> content, for the
	// suppression comments.
	Sources map[string][]byte
	// Masker masks the secrets found in the pipeline (checker/secret):
	// the linter runs every message of the pipeline through it.
	Masker *secret.Masker
	// Origins name, for a file shown to users, where the project brings
	// it in (the Dockerfile COPY of a properties file): every finding
	// located in that file relates them.
	Origins map[string][]model.Related
}

// Build builds one pipeline. Files that cannot be read or parsed become
// errors; the rest of the pipeline is still built.
func (b *Builder) Build(ctx context.Context, dp *discover.Group) *Result {
	st := &assembly{
		b:   b,
		res: &Result{Sources: map[string][]byte{}},
		p: &model.Pipeline{
			Version: model.InputVersion,
			Root:    b.opts.Display(dp.Root),
			Profile: b.opts.Profile,
			Params:  b.opts.Params,
		},
		files:       map[string]discover.File{},
		configKinds: map[string]discover.Kind{},
		jaasFiles:   map[string][]byte{},
	}
	for _, f := range dp.Files {
		st.files[f.Path] = f
	}
	if len(dp.Compose) > 0 {
		st.loadCompose(ctx, dp.Compose)
	}
	st.loadSparkFiles(dp.Files)
	st.readDockerfiles()
	st.buildBrokers()
	st.buildWorkers()
	st.dropHistoryDefaults()
	st.dropUnreachedDefaults()
	st.buildApps()
	st.settleComposeProblems()
	st.finish()
	return st.res
}

// assembly is the work of one Build: the pipeline model being put together.
type assembly struct {
	b       *Builder
	res     *Result
	p       *model.Pipeline
	files   map[string]discover.File
	project *compose.Project
	// composeProblems are what docker compose would refuse in the project
	// (settleComposeProblems)
	composeProblems []compose.LoadError

	defaults []model.Setting // spark-defaults.conf settings
	// defaultsTo lists the services each spark-defaults.conf is copied or
	// mounted into
	defaultsTo map[string][]*compose.Service
	// historyDefaults are the settings of the spark-defaults.conf files
	// only Spark history servers get
	historyDefaults []model.Setting
	// unreachedDefaults are the settings of the spark-defaults.conf
	// files no service can read (dropUnreachedDefaults)
	unreachedDefaults []model.Setting
	propsFiles        map[string][]model.Setting
	// configKinds are the kinds of the configuration files read
	// (properties, spark-defaults.conf, JAAS), jaasFiles the JAAS files'
	// contents, by absolute path.
	configKinds map[string]discover.Kind
	jaasFiles   map[string][]byte
	jobs        []*jobscan.Job
	// confReads are the configuration keys any job source of the
	// pipeline reads back (spark.conf.get("k")), each at its first read;
	// helper modules that build no session count too.
	confReads map[string]model.Location
	// kafka translations per broker service
	kafkaSvcs []*kafkaService
	// brokerHosts indexes the brokers by the hosts that reach them (built
	// on first use, once the brokers are known)
	brokerHosts *brokerHosts
	// spark services
	submits []submitService
	// services by name, built on first use
	services map[string]*compose.Service
	// commands holds what each service runs (runCommands)
	commands map[*compose.Service][]shell.Command
	// images are the Dockerfiles of services built from one, copied the
	// broker configuration they copy into their image (dockerfiles.go)
	images map[*compose.Service]*dockerfile.Image
	copied map[*compose.Service]copiedConfig
}

func (s *assembly) display(p string) string { return s.b.opts.Display(p) }

func (s *assembly) addError(loc model.Location, msg string) {
	s.res.Errors = append(s.res.Errors, model.FileError{Location: loc, Message: msg})
}

func (s *assembly) addFile(abs string) {
	d := s.display(abs)
	for _, f := range s.p.Files {
		if f == d {
			return
		}
	}
	s.p.Files = append(s.p.Files, d)
}

// readBounded reads a file within the size limit through safefile (or,
// once safefile vetted it, through Options.ReadFile).
func (s *assembly) readBounded(abs string) ([]byte, error) {
	if s.b.opts.ReadFile == nil {
		return s.b.opts.Scope.Read(abs, s.b.opts.MaxFileSize)
	}
	if _, err := s.b.opts.Scope.Vet(abs, s.b.opts.MaxFileSize); err != nil {
		return nil, err
	}
	return s.b.opts.ReadFile(abs)
}

// read reads a file within the size limit, through safefile: a
// directory, a device, a pipe or a link into /proc, /sys or /dev is an
// error of that file, never opened.
func (s *assembly) read(abs string) ([]byte, bool) {
	data, err := s.readBounded(abs)
	if err != nil {
		msg := safefile.Message(err)
		switch safefile.ReasonOf(err) {
		case safefile.TooLarge:
			msg = "file " + msg
		case 0:
			msg = "cannot read: " + msg
		}
		s.addError(model.Location{File: s.display(abs)}, msg)
		return nil, false
	}
	s.res.Sources[abs] = data
	return data, true
}

// An override file that cannot be read or loaded is an error of its own,
// and the project is loaded without it (a FIFO or a YAML error in
// docker-compose.override.yml must not hide the base file's findings);
// a base file that cannot be is the project's end.
func (s *assembly) loadCompose(ctx context.Context, files []string) {
	readable := make([]string, 0, len(files))
	for i, f := range files {
		s.addFile(f)
		data, ok := s.read(f)
		if ok {
			if err, line := checkText(data); err != "" {
				s.addError(model.Location{File: s.display(f), Line: line, Column: 1}, err)
				ok = false
			}
		}
		if !ok && i == 0 {
			return
		}
		if ok {
			readable = append(readable, f)
		}
	}
	proj, ok := s.loadProject(ctx, readable)
	if !ok {
		return
	}
	s.project = proj
	for _, u := range proj.Unresolved {
		s.res.Unresolved = append(s.res.Unresolved, Unresolved{Loc: u.Loc, Message: u.Message, Related: u.Related})
	}
	s.composeProblems = proj.Problems
	s.res.Notes = append(s.res.Notes, proj.Notes...)
}

// settleComposeProblems reports what docker compose would refuse in the
// project and its unset variables (LNT003) when the project is a
// pipeline. A compose project with no Kafka or Spark in it (an Airflow, a
// Keycloak or a documentation site's compose file beside the pipeline) is
// not this linter's to judge: its unset variables are not reported and
// what docker compose would refuse is a note, so that it cannot fail the
// gate.
func (s *assembly) settleComposeProblems() {
	if s.project == nil {
		return
	}
	if s.streaming() {
		for _, e := range s.composeProblems {
			s.addError(e.Loc, e.Msg)
		}
		return
	}
	s.res.Unresolved = nil
	for _, e := range s.composeProblems {
		s.res.Notes = append(s.res.Notes, model.Note{Location: e.Loc, Message: e.Msg + " (a project with no Kafka or Spark service: not an error here)"})
	}
}

// streaming reports whether the pipeline has Kafka or Spark in it: a
// broker or controller, a Spark service, app or configuration file, a
// Kafka client, or an image of the Kafka ecosystem (Connect, Schema
// Registry, ksqlDB, redpanda).
func (s *assembly) streaming() bool {
	p := s.p
	if len(p.Brokers) > 0 || len(p.Workers) > 0 || len(p.Apps) > 0 || len(s.defaults) > 0 || len(s.propsFiles) > 0 || len(s.jobs) > 0 {
		return true
	}
	for _, c := range p.Clusters {
		if len(c.Controllers) > 0 {
			return true
		}
	}
	for _, svc := range p.Services {
		switch svc.Role {
		case "broker", "controller", "kafka-client", "spark-master", "spark-worker", "spark-submit", "spark-driver":
			return true
		}
		if streamingImageRe.MatchString(strings.ToLower(svc.Image)) {
			return true
		}
	}
	return false
}

var streamingImageRe = regexp.MustCompile(`kafka|spark|redpanda|ksql|schema-registry|strimzi|debezium/(connect|server)`)

// loadProject loads files with compose-go, dropping an override whose
// error compose-go locates in it and loading again without it.
func (s *assembly) loadProject(ctx context.Context, files []string) (*compose.Project, bool) {
	for {
		proj, err := s.b.compose.Load(ctx, files)
		if err == nil {
			return proj, true
		}
		// compose-go quotes values it cannot convert (a password reused
		// through an alias as mem_limit): the model that would know the
		// secrets is not built, so they are read from the files here
		m := s.composeSecrets(files)
		le := (*compose.LoadError)(nil)
		if !errors.As(err, &le) {
			s.addError(model.Location{File: s.display(files[0]), Line: 1, Column: 1}, m.Mask(err.Error()))
			return nil, false
		}
		s.addError(le.Loc, m.Mask(le.Msg))
		culprit := slices.IndexFunc(files, func(f string) bool { return s.display(f) == le.Loc.File })
		if culprit <= 0 {
			return nil, false
		}
		files = slices.Delete(slices.Clone(files), culprit, culprit+1)
	}
}

// checkText rejects binary and non-UTF-8 content, with the line of the
// first offending byte.
func checkText(data []byte) (string, int) {
	lineOf := func(i int) int { return 1 + strings.Count(string(data[:i]), "\n") }
	if i := strings.IndexByte(string(data), 0); i >= 0 {
		return "binary file (contains NUL bytes), not YAML", lineOf(i)
	}
	if !utf8.Valid(data) {
		i := 0
		for i < len(data) {
			r, n := utf8.DecodeRune(data[i:])
			if r == utf8.RuneError && n <= 1 {
				break
			}
			i += n
		}
		return "not valid UTF-8", lineOf(i)
	}
	return "", 0
}

func (s *assembly) loadSparkFiles(files []discover.File) {
	s.propsFiles = map[string][]model.Setting{}
	for _, f := range files {
		switch f.Kind {
		case discover.KindJAAS:
			if data, ok := s.read(f.Path); ok {
				s.addFile(f.Path)
				s.configKinds[f.Path] = f.Kind
				s.jaasFiles[f.Path] = data
			}
		case discover.KindSparkDefaults, discover.KindSparkProperties, discover.KindKafkaProperties, discover.KindKafkaClientProperties:
			data, ok := s.read(f.Path)
			if !ok {
				continue
			}
			source := model.SourceSparkDefaults
			if f.Kind != discover.KindSparkDefaults {
				source = model.SourcePropertiesFile
			}
			pf, err := spark.ParseProperties(s.display(f.Path), data, source)
			if err != nil {
				loc := model.Location{File: s.display(f.Path), Line: 1, Column: 1}
				if pe := (*spark.ParseError)(nil); errors.As(err, &pe) && pe.Line > 0 {
					loc.Line = pe.Line
				}
				s.addError(loc, "cannot parse properties: "+err.Error())
				continue
			}
			s.addFile(f.Path)
			s.configKinds[f.Path] = f.Kind
			if f.Kind == discover.KindSparkDefaults {
				s.defaults = append(s.defaults, pf.Settings...)
			}
			s.propsFiles[f.Path] = pf.Settings
		case discover.KindJob:
			data, ok := s.read(f.Path)
			if !ok {
				continue
			}
			lang := jobscan.LanguageOf(f.Path)
			if lang == "" {
				continue
			}
			job := jobscan.Scan(s.display(f.Path), data, lang)
			for _, n := range job.Notes {
				s.res.Notes = append(s.res.Notes, model.Note{Location: n.Loc, Message: n.Message})
			}
			for _, r := range job.ConfReads {
				if _, seen := s.confReads[r.Key]; !seen {
					if s.confReads == nil {
						s.confReads = map[string]model.Location{}
					}
					s.confReads[r.Key] = r.Loc
				}
			}
			if n := len(job.Settings); n > spark.MaxSettings {
				loc := job.Settings[spark.MaxSettings].Loc
				loc.Column = 0
				s.addError(loc, spark.TooManySettings(n))
				continue
			}
			if !job.BuildsSession && len(job.Streams) == 0 && len(job.StreamingContexts) == 0 {
				continue
			}
			s.addFile(f.Path)
			s.jobs = append(s.jobs, job)
		}
	}
}

func (s *assembly) finish() {
	p := s.p
	for i := range p.Services {
		if p.Services[i].Secrets == nil {
			p.Services[i].Secrets = []model.SecretRef{}
		}
	}
	s.redactSecrets()
	sort.Strings(p.Files)
	sort.Slice(p.Brokers, func(i, j int) bool { return p.Brokers[i].Service < p.Brokers[j].Service })
	sort.Slice(p.Apps, func(i, j int) bool { return p.Apps[i].ID < p.Apps[j].ID })
	sort.Slice(p.Workers, func(i, j int) bool { return p.Workers[i].Service < p.Workers[j].Service })
	sort.Slice(p.Topics, func(i, j int) bool { return p.Topics[i].Name < p.Topics[j].Name })
	if p.Services == nil {
		p.Services = []model.Service{}
	}
	if p.Brokers == nil {
		p.Brokers = []model.Broker{}
	}
	if p.Clusters == nil {
		p.Clusters = []model.Cluster{}
	}
	if p.Topics == nil {
		p.Topics = []model.Topic{}
	}
	if p.Apps == nil {
		p.Apps = []model.App{}
	}
	if p.Workers == nil {
		p.Workers = []model.Worker{}
	}
	if p.ConfigFiles == nil {
		p.ConfigFiles = []model.ConfigFile{}
	}
	s.res.Pipeline = p
}

func ptr[T any](v T) *T { return &v }
