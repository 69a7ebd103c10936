package pipeline

import (
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/streamlint/streamlint/checker/capacity"
	"github.com/streamlint/streamlint/checker/compose"
	"github.com/streamlint/streamlint/checker/jobscan"
	"github.com/streamlint/streamlint/checker/model"
	"github.com/streamlint/streamlint/checker/spark"
	"github.com/streamlint/streamlint/internal/javanum"
)

// precedence ranks where a Spark setting was written (docs/concepts.md,
// App): code wins over spark-submit, then --properties-file, then
// spark-defaults.conf, then SPARK_* environment.
var precedence = map[string]int{
	model.SourceCode:           5,
	model.SourceSubmit:         4,
	model.SourcePropertiesFile: 3,
	model.SourceSparkDefaults:  2,
	model.SourceEnv:            1,
}

// appDraft collects an app's pieces before its settings are resolved.
type appDraft struct {
	id       string
	file     string
	job      *jobscan.Job
	submits  []submitService
	services []string
	// defaults, when set, replace the pipeline's spark-defaults.conf
	defaults []model.Setting
}

func (s *assembly) buildApps() {
	var drafts []*appDraft
	byFile := map[string]*appDraft{}
	for _, j := range s.jobs {
		d := &appDraft{id: j.Path, file: j.Path, job: j}
		drafts = append(drafts, d)
		byFile[j.Path] = d
	}
	for _, ss := range s.submits {
		d := s.matchJob(ss, drafts)
		if d == nil {
			d = &appDraft{id: "service " + ss.svc.Name}
			drafts = append(drafts, d)
		}
		d.submits = append(d.submits, ss)
		d.services = append(d.services, ss.svc.Name)
	}
	if len(drafts) == 0 && len(s.defaults) > 0 {
		// spark-defaults.conf alone: an app of unknown kind so its keys are still checked
		drafts = append(drafts, &appDraft{id: s.display(s.p.Root) + " (spark-defaults.conf)"})
	}
	if len(s.historyDefaults) > 0 {
		// the history server's own spark-defaults.conf: its keys checked
		// apart from every app's
		file := s.historyDefaults[0].Loc.File
		drafts = append(drafts, &appDraft{id: file + " (the Spark history server's)", defaults: s.historyDefaults})
	}
	if len(s.unreachedDefaults) > 0 {
		// a spark-defaults.conf no service reads: its keys checked alone
		file := s.unreachedDefaults[0].Loc.File
		drafts = append(drafts, &appDraft{id: file + " (read by no service)", defaults: s.unreachedDefaults})
	}
	for _, d := range drafts {
		s.p.Apps = append(s.p.Apps, s.app(d))
	}
}

// matchJob maps the submit's application file to a job file of the
// repository: through the service's bind mounts, then through the COPY
// instructions of its Dockerfile, else by file name when that names one
// job only, or one inside the service's build context (services built
// from a Dockerfile each that COPYs its own app.py to /app/app.py).
func (s *assembly) matchJob(ss submitService, drafts []*appDraft) *appDraft {
	res := ss.submit.AppResource
	if res == "" {
		return nil
	}
	for _, host := range s.appHostPaths(ss.svc, res) {
		for _, d := range drafts {
			if d.job != nil && s.abs(d.job.Path) == host {
				return d
			}
		}
	}
	var named []*appDraft
	for _, d := range drafts {
		if d.job != nil && path.Base(filepath.ToSlash(d.job.Path)) == path.Base(res) {
			named = append(named, d)
		}
	}
	if len(named) <= 1 || ss.svc.Build == nil || ss.svc.Build.Remote {
		if len(named) == 0 {
			return nil
		}
		return named[0]
	}
	var inContext []*appDraft
	for _, d := range named {
		if within(s.abs(d.job.Path), ss.svc.Build.Context) {
			inContext = append(inContext, d)
		}
	}
	if len(inContext) == 1 {
		return inContext[0]
	}
	return named[0]
}

// appHostPaths are the files of the repository a container path may be:
// through a bind mount, or a file or directory its Dockerfile COPYs from
// the build context.
func (s *assembly) appHostPaths(svc *compose.Service, res string) []string {
	var out []string
	for _, v := range svc.Volumes {
		if v.Type != "bind" || v.Target == "" {
			continue
		}
		if t := strings.TrimSuffix(v.Target, "/"); res == t || strings.HasPrefix(res, t+"/") {
			out = append(out, filepath.Join(v.Source, filepath.FromSlash(strings.TrimPrefix(res, t))))
		}
	}
	img := s.images[svc]
	if img == nil || svc.Build == nil {
		return out
	}
	for _, c := range img.Copies {
		for _, src := range c.Sources {
			if strings.ContainsAny(src, "*?[") {
				continue
			}
			if t := strings.TrimSuffix(c.Target(src), "/"); res == t || strings.HasPrefix(res, t+"/") {
				out = append(out, filepath.Join(svc.Build.Context, filepath.FromSlash(src), filepath.FromSlash(strings.TrimPrefix(res, t))))
			}
		}
	}
	return out
}

// abs maps a display path back to the absolute path it was made from.
func (s *assembly) abs(display string) string {
	for abs := range s.res.Sources {
		if s.display(abs) == display {
			return abs
		}
	}
	return display
}

func (s *assembly) app(d *appDraft) model.App {
	a := model.App{ID: d.id, Kind: string(jobscan.KindUnknown), File: d.file, Services: d.services, Sources: []model.Stream{}, Sinks: []model.Stream{}, Consumes: []model.Consumption{}}
	var all []model.Setting
	if d.job != nil {
		a.Kind = string(d.job.Kind)
		a.Loc = model.Location{File: d.job.Path, Line: 1, Column: 1}
		all = append(all, d.job.Settings...)
		a.Sources, a.Sinks = s.streams(d.job)
		if len(d.job.StreamingContexts) > 0 {
			sc := d.job.StreamingContexts[0]
			a.StreamingContext = &model.StreamingContext{Loc: sc.Loc, BatchSeconds: finite(sc.BatchSeconds), BatchLoc: sc.BatchLoc}
		}
	}
	useDefaults := true
	for _, ss := range d.submits {
		if a.Submit == nil {
			a.Submit = &model.Submit{Service: ss.svc.Name, Loc: ss.submit.Loc, Master: ss.submit.Master}
			if a.Loc.IsZero() {
				a.Loc = ss.submit.Loc
			}
		}
		all = append(all, ss.submit.Conf...)
		if ss.submit.PropertiesFile != "" {
			if props := s.propertiesFor(ss); props != nil {
				all = append(all, props...)
				useDefaults = ss.submit.LoadSparkDefaults
			}
		}
	}
	defaults := s.defaults
	if d.defaults != nil {
		defaults = d.defaults
	}
	if useDefaults {
		all = append(all, defaults...)
		if a.Loc.IsZero() && len(defaults) > 0 {
			a.Loc = model.Location{File: defaults[0].Loc.File, Line: 1, Column: 1}
		}
	}
	if a.Submit != nil {
		s.markLaunchedDriver(all, a.Submit.Loc)
	}
	a.Settings, a.SessionIgnored = s.resolveSettings(all)
	if d.job != nil && !d.job.BuildsSession {
		a.HelperSettings = s.helperSettings(d.job)
	}
	a.MainLoc = a.Loc
	if a.StreamingContext != nil {
		a.MainLoc = a.StreamingContext.Loc
	}
	a.SparkVersion = s.sparkVersion(d, a)
	a.SparkRelease = model.ReleaseNumbers(a.SparkVersion, false)
	if d.job != nil && d.job.Kind == jobscan.KindDStream {
		a.KafkaParams = s.dstreamKafkaParams(d.job)
		a.KafkaDStream = len(d.job.KafkaDirectStreams) > 0
		a.OtherDStream = d.job.OtherInputDStream
		a.ReceiverDStream = d.job.ReceiverInputDStream
	}
	a.BatchSeconds = capacity.BatchSeconds(a, s.p.Params)
	a.Executors = capacity.Executors(a, s.p.Workers)
	a.Consumes = s.consumes(a, d)
	a.Bootstrap = s.bootstrap(a)
	for _, b := range a.Bootstrap {
		a.BootstrapServers = append(a.BootstrapServers, b.Value)
	}
	return a
}

// streams are a job's reads and writes as the model has them, each sink's
// inputs as indexes among the sources.
func (s *assembly) streams(job *jobscan.Job) (sources, sinks []model.Stream) {
	sources, sinks = []model.Stream{}, []model.Stream{}
	source := map[int]int{} // index in job.Streams -> index in sources
	for i, st := range job.Streams {
		if st.Direction == "read" {
			source[i] = len(sources)
			sources = append(sources, s.stream(st))
		}
	}
	for _, st := range job.Streams {
		if st.Direction == "read" {
			continue
		}
		ms := s.stream(st)
		for _, in := range st.Inputs {
			if j, ok := source[in]; ok {
				ms.Inputs = append(ms.Inputs, j)
			}
		}
		sinks = append(sinks, ms)
	}
	return sources, sinks
}

// stream is a job's read or write as the model has it, its options
// typed and the Kafka source's and sink's checked.
func (s *assembly) stream(st jobscan.Stream) model.Stream {
	ms := model.Stream{Loc: st.Loc, Format: st.Format, FormatLoc: st.FormatLoc, Streaming: st.Streaming, Options: map[string]model.Value{}, OptionsUnknown: st.OptionsUnknown}
	for _, o := range st.Options {
		v := model.Value{Value: o.Value, Source: o.Source, Loc: o.Loc.OrNil(), Var: o.Var, Unresolved: o.Unresolved, Set: true}
		if st.Format == "kafka" {
			v.Invalid = s.b.sparkCat.CheckKafkaOption(o, st.Direction == "read", st.Streaming)
		}
		if v.Invalid == "" {
			s.b.sparkCat.TypeOption(o.Key, st.Format == "kafka", &v)
		}
		ms.Options[o.Key] = v
	}
	if q := st.QueryName; q != nil {
		ms.QueryName = &model.Value{Value: q.Value, Source: q.Source, Loc: q.Loc.OrNil(), Unresolved: q.Unresolved, Set: true}
	}
	if st.Trigger != nil {
		ms.Trigger = &model.Trigger{Kind: st.Trigger.Kind, Value: st.Trigger.Value, Seconds: finite(st.Trigger.Seconds), Loc: st.Trigger.Loc}
	}
	return ms
}

// helperSettings are the code settings of the pipeline's session helpers:
// the job files, other than job, that build a session and run no query of
// their own (a job with its own queries is not where another gets its
// session). job builds none, so its session is made by code elsewhere,
// which may be one of them. Each key keeps its first place by location;
// nil when there are none.
func (s *assembly) helperSettings(job *jobscan.Job) map[string]model.Value {
	first := map[string]model.Setting{}
	for _, j := range s.jobs {
		if j == job || !j.BuildsSession || len(j.Streams) > 0 || len(j.StreamingContexts) > 0 {
			continue
		}
		for _, st := range j.Settings {
			if prev, ok := first[st.Key]; !ok || st.Loc.Before(prev.Loc) {
				first[st.Key] = st
			}
		}
	}
	if len(first) == 0 {
		return nil
	}
	out := make(map[string]model.Value, len(first))
	for key, st := range first {
		out[key] = model.Value{Value: st.Value, Source: st.Source, Loc: st.Loc.OrNil(), Var: st.Var, Unresolved: st.Unresolved, Set: true}
	}
	return out
}

// propertiesFor finds the --properties-file in the repository through the
// service's mounts.
func (s *assembly) propertiesFor(ss submitService) []model.Setting {
	pf := ss.submit.PropertiesFile
	for _, v := range ss.svc.Volumes {
		t := strings.TrimSuffix(v.Target, "/")
		if v.Type == "bind" && (pf == t || strings.HasPrefix(pf, t+"/")) {
			host := filepath.Join(v.Source, filepath.FromSlash(strings.TrimPrefix(pf, t)))
			if st, ok := s.propsFiles[host]; ok {
				return st
			}
		}
	}
	return nil
}

// resolveSettings orders every setting of a key by precedence (the
// winner first; within one source the last written wins). A setting a
// later builder writes when its getOrCreate returns the session that
// exists, and that Spark then drops (not a runtime SQL conf), never wins:
// it comes after the others; so does one given to a second SparkContext,
// whose constructor throws, and a driver JVM option the code of a job
// spark-submit starts sets too late. A key only such settings write is not in
// force at all: it is left out of the map and its settings are returned
// as lost.
func (s *assembly) resolveSettings(all []model.Setting) (map[string]model.SparkValue, []model.Setting) {
	byKey := map[string][]model.Setting{}
	for _, st := range all {
		if st.ExistingSession != nil && !s.b.sparkCat.IgnoredByExistingSession(st.Key) {
			st.ExistingSession = nil // a runtime SQL conf: applied to the session
		}
		byKey[st.Key] = append(byKey[st.Key], st)
	}
	out := make(map[string]model.SparkValue, len(byKey))
	var lost []model.Setting
	for key, list := range byKey {
		sort.SliceStable(list, func(i, j int) bool {
			if li, lj := dropped(list[i]), dropped(list[j]); li != lj {
				return lj
			}
			pi, pj := precedence[list[i].Source], precedence[list[j].Source]
			if pi != pj {
				return pi > pj
			}
			return list[j].Loc.Before(list[i].Loc)
		})
		for i := range list {
			list[i].Invalid = s.b.sparkCat.CheckSetting(key, list[i])
		}
		if dropped(list[0]) {
			lost = append(lost, list...)
			continue
		}
		w := list[0]
		v := model.SparkValue{Value: model.Value{Value: w.Value, Source: w.Source, Loc: w.Loc.OrNil(), Var: w.Var, Unresolved: w.Unresolved, Set: true, Invalid: w.Invalid}, All: list}
		s.b.sparkCat.Normalise(key, &v.Value)
		s.b.sparkCat.Facts(key, &v)
		if at, ok := s.confReads[key]; ok {
			// The job reads it back (spark.conf.get): it has an effect,
			// whatever Spark makes of it.
			v.ReadAt = at.OrNil()
			v.Known = true
		}
		out[key] = v
	}
	sort.SliceStable(lost, func(i, j int) bool { return lost[i].Loc.Before(lost[j].Loc) })
	return out, lost
}

// dropped reports a code setting Spark never applies: written on a later
// builder that gets the existing session, or given to a second
// SparkContext.
func dropped(st model.Setting) bool {
	return st.ExistingSession != nil || st.FailedContext != nil || st.LaunchedDriver != nil
}

// markLaunchedDriver marks the code settings of driver JVM options of a
// job that spark-submit (at submit) starts: the JVM runs before the code
// sets them, so they never apply, whatever else sets the key.
func (s *assembly) markLaunchedDriver(all []model.Setting, submit model.Location) {
	for i := range all {
		if all[i].Source == model.SourceCode && s.b.sparkCat.DriverLaunchKey(all[i].Key) {
			at := submit
			all[i].LaunchedDriver = &at
		}
	}
}

var (
	sparkTagRe     = regexp.MustCompile(`^(\d+\.\d+)`)
	kafkaPackageRe = regexp.MustCompile(`spark-(?:sql|streaming)-kafka-0-10_[0-9.]+:(\d+\.\d+)`)
)

// sparkVersion is the app's Spark version: the connector package's
// version (spark-submit --packages, else spark.jars.packages), else the
// spark-submit image's tag, else the tag the project's Spark master and
// worker images agree on, else the configured one.
func (s *assembly) sparkVersion(d *appDraft, a model.App) string {
	for _, ss := range d.submits {
		for _, p := range ss.submit.Packages {
			if m := kafkaPackageRe.FindStringSubmatch(p); m != nil {
				return m[1]
			}
		}
	}
	if p, ok := a.Settings["spark.jars.packages"]; ok {
		if m := kafkaPackageRe.FindStringSubmatch(p.Value.Value); m != nil {
			return m[1]
		}
	}
	for _, ss := range d.submits {
		if v := sparkImageVersion(s.imageRef(ss.svc)); v != "" {
			return v
		}
	}
	if s.project != nil {
		cluster := ""
		for _, svc := range s.project.Services {
			switch s.sparkRole(svc) {
			case "spark-master", "spark-worker":
				v := sparkImageVersion(s.imageRef(svc))
				if v == "" || (cluster != "" && v != cluster) {
					return s.b.opts.SparkVersion
				}
				cluster = v
			}
		}
		if cluster != "" {
			return cluster
		}
	}
	return s.b.opts.SparkVersion
}

// sparkImageVersion is the Spark version of a Spark image's tag
// ("bitnami/spark:3.5" and "apache/spark:3.5.1-scala2.12-java11" give
// "3.5"), "" when the tag does not say.
func sparkImageVersion(img string) string {
	if i := strings.LastIndex(img, ":"); i >= 0 && strings.Contains(img[:i], "spark") {
		if m := sparkTagRe.FindStringSubmatch(img[i+1:]); m != nil {
			return m[1]
		}
	}
	return ""
}

// kafkaParamRe finds "key" -> "value" (Scala) and "key": "value" (Python)
// pairs; the value may be a name instead of a literal.
var kafkaParamRe = regexp.MustCompile(`["']([a-z][a-z0-9.]*)["']\s*(?:->|:)\s*("[^"\n]*"|'[^'\n]*'|[A-Za-z_][\w.]*)`)

// dstreamKafkaParams reads the Kafka consumer settings a DStream job
// writes as "key" -> "value" (kafkaParams of KafkaUtils). Only consumer
// keys count; pairs on comment lines are skipped.
func (s *assembly) dstreamKafkaParams(job *jobscan.Job) map[string]model.Value {
	src, ok := s.res.Sources[s.abs(job.Path)]
	if !ok {
		return nil
	}
	text := string(src)
	out := map[string]model.Value{}
	line, counted := 1, 0 // the line of text[counted], counted as matches advance
	for _, m := range kafkaParamRe.FindAllStringSubmatchIndex(text, -1) {
		key := text[m[2]:m[3]]
		if !spark.KafkaClientKey(key) {
			continue
		}
		lineStart := strings.LastIndexByte(text[:m[0]], '\n') + 1
		if prefix := text[lineStart:m[0]]; strings.Contains(prefix, "//") || strings.Contains(prefix, "#") {
			continue
		}
		raw := text[m[4]:m[5]]
		v := model.Value{Source: model.SourceCode, Var: "kafkaParams", Set: true}
		col := m[4]
		if raw[0] == '"' || raw[0] == '\'' {
			v.Value = raw[1 : len(raw)-1]
			col++
		} else {
			v.Value, v.Unresolved = raw, true
		}
		if !v.Unresolved {
			// a consumer setting: ConfigDef trims and parses int and long keys
			if n, err := javanum.ParseInt(javanum.Trim(v.Value), 64); err == nil {
				v.Num = ptr(float64(n))
			}
		}
		line += strings.Count(text[counted:m[4]], "\n")
		counted = m[4]
		v.Loc = &model.Location{File: job.Path, Line: line, Column: utf8.RuneCountInString(text[lineStart:col]) + 1}
		out[key] = v
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// finite is x, or 0 (unknown) when x is no finite number (Minutes(1e308)
// in code): the model only carries numbers JSON and policies can.
func finite(x float64) float64 {
	if !javanum.Finite(x) {
		return 0
	}
	return x
}
