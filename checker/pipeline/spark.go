package pipeline

import (
	"fmt"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/streamlint/streamlint/checker/compose"
	"github.com/streamlint/streamlint/checker/jobscan"
	"github.com/streamlint/streamlint/checker/model"
	"github.com/streamlint/streamlint/checker/spark"
)

// submitService is a compose service that runs spark-submit.
type submitService struct {
	svc    *compose.Service
	submit spark.Submit
}

var (
	workerCmdRe = regexp.MustCompile(`deploy\.worker\.Worker|start-(worker|slave)\.sh`)
	masterCmdRe = regexp.MustCompile(`deploy\.master\.Master|start-master\.sh`)
)

const mib = 1 << 20

// precedence ranks where a Spark setting was written (RULES.md, Terms:
// App): code wins over spark-submit, then --properties-file, then
// spark-defaults.conf, then SPARK_* environment.
var precedence = map[string]int{
	model.SourceCode:           5,
	model.SourceSubmit:         4,
	model.SourcePropertiesFile: 3,
	model.SourceSparkDefaults:  2,
	model.SourceEnv:            1,
}

// sparkRole classifies Spark services; "" when the service is not Spark.
func (s *state) sparkRole(svc *compose.Service) string {
	cmd := commandText(svc.Command) + " " + commandText(svc.Entrypoint)
	mode := ""
	for _, e := range svc.Environment {
		if e.Name == "SPARK_MODE" {
			mode = strings.ToLower(e.Value)
		}
	}
	switch {
	case len(s.findSubmits(svc)) > 0:
		return "spark-submit"
	case mode == "worker" || workerCmdRe.MatchString(cmd):
		return "spark-worker"
	case mode == "master" || masterCmdRe.MatchString(cmd):
		return "spark-master"
	}
	return ""
}

// cmdFile marks positions relative to a command string's own text, to be
// mapped back to the compose file.
const cmdFile = "\x00command"

// args turns a compose command into words with positions. Words of the
// string form carry positions relative to the string (file cmdFile); the
// caller maps them with remap.
func args(c *compose.Command) []spark.Arg {
	if c == nil {
		return nil
	}
	if c.IsList {
		out := make([]spark.Arg, len(c.Args))
		for i, a := range c.Args {
			out[i] = spark.Arg{Text: a.Text, Loc: a.Loc}
		}
		return out
	}
	return spark.SplitShell(c.Shell, model.Location{File: cmdFile, Line: 1, Column: 1})
}

// remap maps a position inside a command string back to the compose file.
func remap(c *compose.Command, l model.Location) model.Location {
	if c == nil || c.IsList || l.File != cmdFile {
		return l
	}
	runes := []rune(c.Shell)
	line, off := 1, 0
	for off < len(runes) && line < l.Line {
		if runes[off] == '\n' {
			line++
		}
		off++
	}
	return c.Locate(off + l.Column - 1)
}

func (s *state) findSubmits(svc *compose.Service) []spark.Submit {
	var out []spark.Submit
	for _, c := range []*compose.Command{svc.Entrypoint, svc.Command} {
		for _, sub := range spark.FindSubmits(args(c)) {
			sub.Loc = remap(c, sub.Loc)
			sub.MasterLoc = remap(c, sub.MasterLoc)
			sub.DeployModeLoc = remap(c, sub.DeployModeLoc)
			sub.PropertiesFileLoc = remap(c, sub.PropertiesFileLoc)
			sub.AppResourceLoc = remap(c, sub.AppResourceLoc)
			for i := range sub.Conf {
				sub.Conf[i].Loc = remap(c, sub.Conf[i].Loc)
			}
			for i := range sub.Errors {
				sub.Errors[i].Loc = remap(c, sub.Errors[i].Loc)
			}
			out = append(out, sub)
		}
	}
	return out
}

func (s *state) buildWorkers() {
	if s.project == nil {
		return
	}
	for _, svc := range s.project.Services {
		switch s.sparkRole(svc) {
		case "spark-worker":
			w := model.Worker{Service: svc.Name, Loc: svc.Loc, Replicas: svc.Replicas}
			if svc.MemLimit > 0 {
				w.MemLimit = &model.Value{Value: strconv.FormatInt(svc.MemLimit, 10), Source: model.SourceEnv, Loc: locPtr(svc.MemLimitLoc), Num: ptr(float64(svc.MemLimit)), Set: true}
			}
			// standalone defaults: all cores, total memory minus 1 GiB (at least 1 GiB); unknown here
			w.MemoryBytes = model.Value{Source: model.SourceDefault, Value: "1g"}
			w.MemoryBytes.Num = ptr(float64(1 << 30))
			w.Cores = model.Value{Source: model.SourceDefault, Value: "1"}
			w.Cores.Num = ptr(1.0)
			for _, e := range svc.Environment {
				switch e.Name {
				case "SPARK_WORKER_MEMORY":
					w.MemoryBytes = model.Value{Value: e.Value, Source: model.SourceEnv, Loc: locPtr(e.Loc), Var: e.Name, Set: true, Unresolved: e.Unresolved}
					if n, err := spark.WorkerMemoryBytes(e.Value); err == nil {
						w.MemoryBytes.Num = ptr(float64(n))
						if isDigits(strings.TrimSpace(e.Value)) {
							w.MemoryBytes.Invalid = fmt.Sprintf("%q has no unit: the worker reads a bare number as bytes, truncated to whole MiB (%s), which is easily misread as MiB; write the unit (%s)", e.Value, humanBytes(float64(n)), spark.FormatBytes(n))
						}
					} else if !e.Unresolved {
						w.MemoryBytes.Invalid = err.Error()
					}
				case "SPARK_WORKER_CORES":
					w.Cores = model.Value{Value: e.Value, Source: model.SourceEnv, Loc: locPtr(e.Loc), Var: e.Name, Set: true, Unresolved: e.Unresolved}
					if n, err := strconv.Atoi(strings.TrimSpace(e.Value)); err == nil && n > 0 {
						w.Cores.Num = ptr(float64(n))
					} else if !e.Unresolved {
						w.Cores.Invalid = fmt.Sprintf("%q is not a positive whole number of cores: the worker refuses to start (SPARK_WORKER_CORES is read as an integer)", e.Value)
					}
				}
			}
			s.p.Workers = append(s.p.Workers, w)
		case "spark-submit":
			for _, sub := range s.findSubmits(svc) {
				s.submits = append(s.submits, submitService{svc: svc, submit: sub})
			}
		}
	}
}

// appDraft collects an app's pieces before its settings are resolved.
type appDraft struct {
	id       string
	file     string
	job      *jobscan.Job
	submits  []submitService
	services []string
}

func (s *state) buildApps() {
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
	for _, d := range drafts {
		s.p.Apps = append(s.p.Apps, s.app(d))
	}
}

// matchJob maps the submit's application file through the service's
// volume mounts to a job file of the repository, else by file name.
func (s *state) matchJob(ss submitService, drafts []*appDraft) *appDraft {
	res := ss.submit.AppResource
	if res == "" {
		return nil
	}
	for _, v := range ss.svc.Volumes {
		if v.Type != "bind" || v.Target == "" {
			continue
		}
		t := strings.TrimSuffix(v.Target, "/")
		if res == t || strings.HasPrefix(res, t+"/") {
			host := filepath.Join(v.Source, filepath.FromSlash(strings.TrimPrefix(res, t)))
			for _, d := range drafts {
				if d.job != nil && s.abs(d.job.Path) == host {
					return d
				}
			}
		}
	}
	for _, d := range drafts {
		if d.job != nil && path.Base(filepath.ToSlash(d.job.Path)) == path.Base(res) {
			return d
		}
	}
	return nil
}

// abs maps a display path back to the absolute path it was made from.
func (s *state) abs(display string) string {
	for abs := range s.res.Sources {
		if s.display(abs) == display {
			return abs
		}
	}
	return display
}

func (s *state) app(d *appDraft) model.App {
	a := model.App{ID: d.id, Kind: string(jobscan.KindUnknown), File: d.file, Services: d.services, Sources: []model.Stream{}, Sinks: []model.Stream{}, Consumes: []model.Consumption{}}
	var all []model.Setting
	if d.job != nil {
		a.Kind = string(d.job.Kind)
		a.Loc = model.Location{File: d.job.Path, Line: 1, Column: 1}
		all = append(all, d.job.Settings...)
		for _, st := range d.job.Streams {
			ms := model.Stream{Loc: st.Loc, Format: st.Format, FormatLoc: st.FormatLoc, Streaming: st.Streaming, Options: map[string]model.Value{}}
			for _, o := range st.Options {
				v := s.optionValue(o)
				if st.Format == "kafka" {
					v.Invalid = s.checkKafkaOption(o, st.Direction == "read", st.Streaming)
				}
				ms.Options[o.Key] = v
			}
			if st.Trigger != nil {
				ms.Trigger = &model.Trigger{Kind: st.Trigger.Kind, Value: st.Trigger.Value, Seconds: st.Trigger.Seconds, Loc: st.Trigger.Loc}
			}
			if st.Direction == "read" {
				a.Sources = append(a.Sources, ms)
			} else {
				a.Sinks = append(a.Sinks, ms)
			}
		}
		if len(d.job.StreamingContexts) > 0 {
			sc := d.job.StreamingContexts[0]
			a.StreamingContext = &model.StreamingContext{Loc: sc.Loc, BatchSeconds: sc.BatchSeconds, BatchLoc: sc.BatchLoc}
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
	if useDefaults {
		all = append(all, s.defaults...)
		if a.Loc.IsZero() && len(s.defaults) > 0 {
			a.Loc = model.Location{File: s.defaults[0].Loc.File, Line: 1, Column: 1}
		}
	}
	a.Settings = s.resolveSettings(all)
	if a.Kind == string(jobscan.KindUnknown) {
		for k := range a.Settings {
			if strings.HasPrefix(k, "spark.streaming.") {
				a.Kind = string(jobscan.KindUnknown)
			}
		}
	}
	a.MainLoc = a.Loc
	if a.StreamingContext != nil {
		a.MainLoc = a.StreamingContext.Loc
	}
	a.SparkVersion = s.sparkVersion(d, a)
	if d.job != nil && d.job.Kind == jobscan.KindDStream {
		a.KafkaParams = s.dstreamKafkaParams(d.job)
	}
	a.BatchSeconds = s.batchSeconds(a)
	a.Executors = s.executors(a)
	a.Consumes = s.consumes(a, d)
	a.Bootstrap = s.bootstrap(a)
	for _, b := range a.Bootstrap {
		a.BootstrapServers = append(a.BootstrapServers, b.Value)
	}
	return a
}

// propertiesFor finds the --properties-file in the repository through the
// service's mounts.
func (s *state) propertiesFor(ss submitService) []model.Setting {
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
// winner first; within one source the last written wins).
func (s *state) resolveSettings(all []model.Setting) map[string]model.SparkValue {
	byKey := map[string][]model.Setting{}
	for _, st := range all {
		byKey[st.Key] = append(byKey[st.Key], st)
	}
	out := make(map[string]model.SparkValue, len(byKey))
	for key, list := range byKey {
		sort.SliceStable(list, func(i, j int) bool {
			pi, pj := precedence[list[i].Source], precedence[list[j].Source]
			if pi != pj {
				return pi > pj
			}
			return list[j].Loc.Before(list[i].Loc)
		})
		for i := range list {
			list[i].Invalid = s.checkSpark(key, list[i])
		}
		w := list[0]
		v := model.SparkValue{Value: model.Value{Value: w.Value, Source: w.Source, Loc: locPtr(w.Loc), Var: w.Var, Unresolved: w.Unresolved, Set: true, Invalid: w.Invalid}, All: list}
		s.normaliseSpark(key, &v.Value)
		s.sparkFacts(key, &v)
		out[key] = v
	}
	return out
}

// sparkFacts adds the catalog's facts about a key.
func (s *state) sparkFacts(key string, v *model.SparkValue) {
	cat := s.b.sparkCat
	if k, ok := cat.Lookup(key); ok {
		v.Known = !k.NeverExisted
		v.Type, v.Default = k.Type, k.Default
		v.Deprecated, v.Removed, v.NeverExisted = k.Deprecated, k.Removed, k.NeverExisted
		v.Replacement, v.Hint = k.Replacement, k.Hint
		if k.AliasOf != "" && v.Replacement == "" {
			v.Replacement = k.AliasOf
		}
		v.ErrorsIfSet = k.ErrorsIfSet
		if m := removedInRe.FindStringSubmatch(k.Hint); k.Removed && m != nil {
			v.RemovedIn = m[1]
		}
		if m := deprecatedSinceRe.FindStringSubmatch(k.Hint); k.Deprecated && m != nil {
			v.DeprecatedSince = m[1]
		}
		return
	}
	if cat.IsDynamic(key) {
		v.Known, v.Dynamic = true, true
		return
	}
	if strings.HasPrefix(key, "spark.") {
		v.Suggestion = cat.Suggest(key)
	}
}

var (
	removedInRe       = regexp.MustCompile(`removed in (\d+(?:\.\d+)*)`)
	deprecatedSinceRe = regexp.MustCompile(`deprecated since (\d+(?:\.\d+)*)`)
)

// memoryKeys take a memory size where a bare number is easy to misread.
func isMemoryKey(key string) bool {
	return strings.HasSuffix(key, ".memory") || strings.HasSuffix(key, "memoryOverhead")
}

// checkSpark says why a setting's value does not fit its key's type.
func (s *state) checkSpark(key string, st model.Setting) string {
	if st.Unresolved || strings.Contains(st.Value, "${") {
		return ""
	}
	k, ok := s.b.sparkCat.Lookup(key)
	if !ok {
		return ""
	}
	if err := spark.CheckValue(k.Type, k.DefaultUnit, st.Value); err != nil {
		return err.Error()
	}
	if k.Type == "bytes" && isMemoryKey(key) && isDigits(strings.TrimSpace(st.Value)) {
		return bareMemory(key, strings.TrimSpace(st.Value), k.DefaultUnit)
	}
	return ""
}

// bareMemory explains a memory value written without a unit. Spark reads
// spark.executor.memory and spark.driver.memory through several code paths
// that disagree on a bare number (spark-size-and-time-formats.md, 1.3): the
// typed entry reads MiB, but the memory manager (getSizeAsBytes), the
// standalone executor size (Utils.memoryStringToMb) and the client-mode
// driver's -Xmx read bytes. Other memory keys are read as their unit only.
func bareMemory(key, v, unit string) string {
	mib := bareMeaning(v, unit)
	n, _ := strconv.ParseInt(v, 10, 64)
	switch key {
	case "spark.executor.memory":
		return fmt.Sprintf("%q has no unit: Spark reads this number in different units on different paths: as %s (%s) when sizing YARN and Kubernetes executors, but as %d bytes in the executor's memory manager, which needs at least 450 MiB and fails to start, and as %d MiB (bytes truncated to MiB) for a standalone executor; write the unit (%sm for %s)",
			v, unitName(unit), mib, n, n>>20, v, mib)
	case "spark.driver.memory":
		return fmt.Sprintf("%q has no unit: spark-submit passes a client-mode driver's memory to the JVM unchanged, so -Xmx%s is %d bytes and the driver JVM does not start, while other paths read %s (%s); write the unit (%sm for %s)",
			v, v, n, unitName(unit), mib, v, mib)
	}
	return fmt.Sprintf("%q has no unit: Spark reads a bare number for %s as %s, so %s means %s, while most Spark size settings read bytes; write the unit (for example %sm)",
		v, key, unitName(unit), v, mib, v)
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

func unitName(u string) string {
	if u == "" {
		return "bytes"
	}
	return u
}

func bareMeaning(v, unit string) string {
	n, err := spark.ParseBytes(strings.TrimSpace(v), unit)
	if err != nil {
		return v
	}
	return humanBytes(float64(n))
}

// normaliseSpark adds bytes or ms for size and time keys, and numbers.
func (s *state) normaliseSpark(key string, v *model.Value) {
	if v.Unresolved {
		return
	}
	k, ok := s.b.sparkCat.Lookup(key)
	val := strings.TrimSpace(v.Value)
	switch {
	case ok && k.Type == "bytes":
		if n, err := spark.ParseBytes(val, k.DefaultUnit); err == nil {
			v.Num = ptr(float64(n))
		}
	case ok && k.Type == "time":
		if n, err := spark.ParseDurationMS(val, k.DefaultUnit); err == nil {
			v.Ms = ptr(float64(n))
		}
	default:
		if n, err := strconv.ParseFloat(val, 64); err == nil {
			v.Num = ptr(n)
		}
	}
}

// checkKafkaOption says why the Kafka source (or sink) would reject or
// ignore an option, as KafkaSourceProvider validates options (names
// case-insensitively): rejected kafka.* client settings, ending offsets on a
// streaming read, latest/earliest where a batch read refuses them, values
// that toInt/toLong/toBoolean cannot parse, and client settings without the
// kafka. prefix, which never reach the Kafka client.
func (s *state) checkKafkaOption(o model.Setting, source, streaming bool) string {
	opt, ok := s.b.sparkCat.KafkaSourceOption(o.Key)
	if !ok {
		if kafkaClientKey(strings.ToLower(o.Key)) {
			client := "consumer"
			if !source {
				client = "producer"
			}
			return fmt.Sprintf("%s is a Kafka client setting: Spark passes only kafka.-prefixed options to the Kafka %s, so this one is ignored; write kafka.%s", o.Key, client, o.Key)
		}
		if meant := s.b.sparkCat.SuggestKafkaOption(o.Key); meant != "" {
			role := "source"
			if !source {
				role = "sink"
			}
			return fmt.Sprintf("%s is not an option of the Kafka %s: Spark ignores options it does not know without a word, so this one has no effect; did you mean %s?", o.Key, role, meant)
		}
		return ""
	}
	lower := strings.ToLower(o.Key)
	val := strings.ToLower(strings.TrimSpace(o.Value))
	switch {
	case source && opt.RejectedOnSource:
		return fmt.Sprintf("the Kafka source rejects %s (IllegalArgumentException: the query fails to start)%s", o.Key, notes(rejectedNote(opt.Notes)))
	case !source && opt.RejectedOnSink:
		return fmt.Sprintf("the Kafka sink rejects %s (IllegalArgumentException: the query fails to start)%s", o.Key, notes(rejectedNote(opt.Notes)))
	case source && streaming && (lower == "endingoffsets" || lower == "endingoffsetsbytimestamp"):
		return fmt.Sprintf("the Kafka source rejects %s in a streaming query (IllegalArgumentException: ending offset not valid in streaming queries); it is for batch reads (spark.read)", o.Key)
	case source && !streaming && !o.Unresolved && lower == "startingoffsets" && val == "latest":
		return fmt.Sprintf("a batch Kafka read rejects %s=latest (IllegalArgumentException: starting offset can't be latest for batch queries); use earliest or per-partition offsets", o.Key)
	case source && !streaming && !o.Unresolved && lower == "endingoffsets" && val == "earliest":
		return fmt.Sprintf("a batch Kafka read rejects %s=earliest (IllegalArgumentException: ending offset can't be earliest for batch queries); use latest or per-partition offsets", o.Key)
	}
	if o.Unresolved {
		return ""
	}
	if err := spark.CheckOptionValue(opt, o.Value); err != nil {
		return err.Error()
	}
	return ""
}

// rejectedNote is the catalog's note on a rejected option without its
// "REJECTED" marker ("REJECTED: keys are always byte arrays").
func rejectedNote(n string) string {
	n = strings.TrimSpace(strings.TrimPrefix(n, "REJECTED"))
	n = strings.TrimSpace(strings.TrimPrefix(n, "(sink)"))
	n = strings.TrimSpace(strings.TrimPrefix(n, ":"))
	n = strings.TrimSpace(strings.TrimPrefix(n, "IllegalArgumentException"))
	return strings.TrimSpace(strings.TrimPrefix(n, ";"))
}

func notes(n string) string {
	if n == "" {
		return ""
	}
	return ": " + n
}

// kafkaClientKey recognises Kafka client settings (consumer and producer)
// written without the kafka. prefix.
func kafkaClientKey(k string) bool {
	switch k {
	case "bootstrap.servers", "group.id", "auto.offset.reset", "enable.auto.commit", "max.poll.records",
		"max.partition.fetch.bytes", "fetch.max.bytes", "session.timeout.ms", "request.timeout.ms",
		"security.protocol", "sasl.mechanism", "sasl.jaas.config", "metadata.max.age.ms", "key.deserializer", "value.deserializer",
		"max.poll.interval.ms", "fetch.min.bytes", "isolation.level", "client.id",
		"key.serializer", "value.serializer", "acks", "linger.ms", "batch.size", "compression.type":
		return true
	}
	return false
}

func (s *state) optionValue(o model.Setting) model.Value {
	v := model.Value{Value: o.Value, Source: o.Source, Loc: locPtr(o.Loc), Var: o.Var, Unresolved: o.Unresolved, Set: true}
	if !o.Unresolved {
		if n, err := strconv.ParseFloat(strings.TrimSpace(o.Value), 64); err == nil {
			v.Num = ptr(n)
		}
	}
	return v
}

// batchSeconds is the micro-batch interval: StreamingContext for DStream,
// the processingTime trigger for Structured Streaming, else the parameter.
func (s *state) batchSeconds(a model.App) model.Value {
	if sc := a.StreamingContext; sc != nil && sc.BatchSeconds > 0 {
		return model.Value{Value: fmt.Sprintf("%g", sc.BatchSeconds), Source: "StreamingContext", Loc: locPtr(sc.BatchLoc), Num: ptr(sc.BatchSeconds), Set: true}
	}
	for _, sink := range a.Sinks {
		if t := sink.Trigger; t != nil && t.Seconds > 0 {
			return model.Value{Value: t.Value, Source: "trigger", Loc: locPtr(t.Loc), Num: ptr(t.Seconds), Set: true}
		}
	}
	sec := s.p.Params.Spark.BatchSeconds
	return model.Value{Value: fmt.Sprintf("%g", sec), Source: "param spark.batch_seconds", Num: ptr(sec)}
}

var localRe = regexp.MustCompile(`^local(\[(\d+|\*)(,\d+)?\])?$`)

// executors works out what the cluster gives the app (RULES.md, CAP).
func (s *state) executors(a model.App) model.Executors {
	ex := model.Executors{Fraction: 0.6, Cluster: "unknown", PerWorker: []model.WorkerExecutors{}}
	if f, ok := a.Settings["spark.memory.fraction"]; ok && f.Num != nil {
		ex.Fraction = *f.Num
	}
	heap := float64(1 << 30)
	if m, ok := a.Settings["spark.executor.memory"]; ok && m.Num != nil {
		heap = *m.Num
	}
	master, masterLoc := "", (*model.Location)(nil)
	if m, ok := a.Settings["spark.master"]; ok {
		master, masterLoc = strings.TrimSpace(m.Value.Value), m.Loc
	}
	if a.Submit != nil && a.Submit.Master != "" && master == "" {
		master, masterLoc = a.Submit.Master, locPtr(a.Submit.Loc)
	}
	taskCPUs := 1
	if c, ok := a.Settings["spark.task.cpus"]; ok && c.Num != nil && *c.Num >= 1 {
		taskCPUs = int(*c.Num)
	}
	switch {
	case localRe.MatchString(master):
		ex.Cluster = "local"
		ex.Count = 1
		ex.HeapBytes = float64(1 << 30)
		if m, ok := a.Settings["spark.driver.memory"]; ok && m.Num != nil {
			ex.HeapBytes = *m.Num
		}
		ex.Explain = fmt.Sprintf("%s runs in the driver: one JVM of %s", master, humanBytes(ex.HeapBytes))
		switch m := localRe.FindStringSubmatch(master); {
		case m[2] == "":
			ex.TaskSlots = 1
		case m[2] != "*":
			ex.TaskSlots, _ = strconv.Atoi(m[2])
		}
		if ex.TaskSlots > 0 {
			ex.SlotsLoc = masterLoc
			ex.SlotsExplain = fmt.Sprintf("%s runs %d task(s) at once (spark.master, %s)", master, ex.TaskSlots, placeOf(masterLoc))
			ex.TaskSlots /= taskCPUs
		}
		ex.Overhead = s.overhead(a, ex.HeapBytes)
		return ex
	case strings.HasPrefix(master, "spark://"):
		ex.Cluster = "standalone"
	case master != "" && !strings.HasPrefix(master, "$"):
		// yarn, k8s://, mesos://: not the project's standalone workers
		return ex
	default:
		if len(s.p.Workers) == 0 {
			return ex
		}
		ex.Cluster = "standalone"
	}
	ex.HeapBytes = heap
	ex.Overhead = s.overhead(a, heap)
	execCores := 0
	if c, ok := a.Settings["spark.executor.cores"]; ok && c.Num != nil {
		execCores = int(*c.Num)
	}
	coresMax := -1
	var coresMaxLoc *model.Location
	if c, ok := a.Settings["spark.cores.max"]; ok && c.Num != nil {
		coresMax, coresMaxLoc = int(*c.Num), c.Loc
	}
	usedCores := 0
	var parts []string
	for _, w := range s.p.Workers {
		if w.MemoryBytes.Num == nil || w.Cores.Num == nil {
			continue
		}
		mem, cores := *w.MemoryBytes.Num, int(*w.Cores.Num)
		for r := 0; r < max(w.Replicas, 1); r++ {
			n := 0
			perExec := cores
			if execCores > 0 {
				perExec = execCores
				n = cores / execCores
			} else if cores > 0 {
				n = 1
			}
			if heap > 0 {
				n = min(n, int(mem/heap))
			}
			for i := 0; i < n; i++ {
				if coresMax >= 0 && usedCores+perExec > coresMax {
					break
				}
				usedCores += perExec
				ex.Count++
			}
		}
		ex.Workers = append(ex.Workers, w.Service)
		parts = append(parts, fmt.Sprintf("%s (%s, %d cores)", w.Service, humanBytes(mem), cores))
	}
	if len(parts) > 0 {
		ex.Explain = fmt.Sprintf("%d executor(s) of %s heap on %s", ex.Count, humanBytes(heap), strings.Join(parts, ", "))
	}
	s.slots(&ex, heap, execCores, coresMax, coresMaxLoc, taskCPUs)
	return ex
}

// placeOf formats an optional location for messages.
func placeOf(l *model.Location) string {
	if l == nil {
		return "the default"
	}
	return fmt.Sprintf("%s:%d", l.File, l.Line)
}

// overhead is the memory an executor JVM needs beyond its heap:
// spark.executor.memoryOverhead, else max(factor x heap, minimum).
func (s *state) overhead(a model.App, heap float64) model.Value {
	if o, ok := a.Settings["spark.executor.memoryOverhead"]; ok && o.Num != nil {
		return model.Value{Value: o.Value.Value, Source: o.Source, Loc: o.Loc, Var: "spark.executor.memoryOverhead", Num: ptr(*o.Num), Set: true}
	}
	factor, factorText := spark.DefaultOverheadFactor, "10%"
	if f, ok := a.Settings["spark.executor.memoryOverheadFactor"]; ok && f.Num != nil {
		factor, factorText = *f.Num, fmt.Sprintf("spark.executor.memoryOverheadFactor %g", *f.Num)
	}
	minimum := spark.DefaultMinOverhead
	if m, ok := a.Settings["spark.executor.minMemoryOverhead"]; ok && m.Num != nil {
		minimum = int64(*m.Num)
	}
	n := spark.OverheadBytes(int64(heap), factor, minimum)
	return model.Value{
		Value:  fmt.Sprintf("max(%s x %s heap, %s) = %s", factorText, humanBytes(heap), humanBytes(float64(minimum)), humanBytes(float64(n))),
		Source: model.SourceDefault, Num: ptr(float64(n)),
	}
}

// slots works out the app's task slots and executors per worker on a
// standalone cluster. A worker whose SPARK_WORKER_MEMORY is unset is
// assumed to fit an executor (its real memory is the machine's); one whose
// SPARK_WORKER_CORES is unset makes the total unknown unless
// spark.cores.max bounds it.
func (s *state) slots(ex *model.Executors, heap float64, execCores, coresMax int, coresMaxLoc *model.Location, taskCPUs int) {
	type share struct {
		worker   string
		perRep   int // executors per replica
		replicas int
		cores    int // cores used per replica
		known    bool
		loc      *model.Location
	}
	var shares []share
	total, known := 0, true
	var terms []string
	var firstCoresLoc *model.Location
	for _, w := range s.p.Workers {
		sh := share{worker: w.Service, replicas: max(w.Replicas, 1), known: w.Cores.Set && w.Cores.Num != nil, loc: w.Cores.Loc}
		cores := 1
		if sh.known {
			cores = int(*w.Cores.Num)
		}
		fitsMem := !w.MemoryBytes.Set || w.MemoryBytes.Num == nil || *w.MemoryBytes.Num >= heap
		switch {
		case !fitsMem:
		case execCores > 0 && sh.known:
			sh.perRep = cores / execCores
			if w.MemoryBytes.Set && w.MemoryBytes.Num != nil && heap > 0 {
				sh.perRep = min(sh.perRep, int(*w.MemoryBytes.Num/heap))
			}
			sh.cores = sh.perRep * execCores
		case execCores > 0:
			sh.perRep = 1 // at least one, if it has the cores
			sh.cores = execCores
		default:
			sh.perRep = 1
			sh.cores = cores
		}
		if sh.perRep > 0 {
			if !sh.known {
				known = false
			}
			if firstCoresLoc == nil {
				firstCoresLoc = sh.loc
			}
			total += sh.cores * sh.replicas
			terms = append(terms, fmt.Sprintf("%s %d core(s)%s", w.Service, sh.cores, replicasText(sh.replicas)))
		}
		shares = append(shares, sh)
	}
	// executors per worker, spread one at a time as the standalone master
	// does (spark.deploy.spreadOut), within spark.cores.max
	perExecCores := execCores
	counts := make([]int, len(shares))
	capExec := -1
	if coresMax >= 0 && perExecCores > 0 {
		capExec = coresMax / perExecCores
	}
	if capExec < 0 {
		for i, sh := range shares {
			counts[i] = sh.perRep
		}
	} else {
		for placed, progress := 0, true; placed < capExec && progress; {
			progress = false
			for i, sh := range shares {
				if counts[i] < sh.perRep && placed < capExec {
					counts[i]++
					placed++
					progress = true
				}
			}
		}
	}
	for i, sh := range shares {
		ex.PerWorker = append(ex.PerWorker, model.WorkerExecutors{Worker: sh.worker, Executors: counts[i]})
	}
	sum := strings.Join(terms, " + ")
	switch {
	case coresMax >= 0 && (!known || coresMax < total):
		ex.TaskSlots = coresMax / taskCPUs
		ex.SlotsLoc = coresMaxLoc
		ex.SlotsExplain = fmt.Sprintf("spark.cores.max=%d (%s) caps the app at %d core(s)", coresMax, placeOf(coresMaxLoc), coresMax)
		if !known {
			ex.SlotsExplain += " at most"
		}
	case known && total > 0:
		ex.TaskSlots = total / taskCPUs
		ex.SlotsLoc = firstCoresLoc
		ex.SlotsExplain = fmt.Sprintf("%s = %d core(s)", sum, total)
	default:
		return
	}
	if taskCPUs > 1 {
		ex.SlotsExplain += fmt.Sprintf(" / spark.task.cpus %d", taskCPUs)
	}
	ex.SlotsExplain += fmt.Sprintf(" = %d task slot(s)", ex.TaskSlots)
}

func replicasText(n int) string {
	if n > 1 {
		return fmt.Sprintf(" x %d replicas", n)
	}
	return ""
}

// consumes lists the topics the app reads and what the brokers say of them.
func (s *state) consumes(a model.App, d *appDraft) []model.Consumption {
	out := []model.Consumption{}
	if d.job != nil && d.job.Kind == jobscan.KindDStream {
		// DStream: the topics of KafkaUtils.createDirectStream, on the
		// broker kafkaParams' bootstrap.servers names
		broker := s.brokerFor(a.KafkaParams["bootstrap.servers"].Value)
		seen := map[string]bool{}
		for _, ds := range d.job.KafkaDirectStreams {
			for _, topic := range ds.Topics {
				if topic = strings.TrimSpace(topic); topic != "" && !seen[topic] {
					seen[topic] = true
					c := s.consumption(topic, broker)
					c.Source = -1
					out = append(out, c)
				}
			}
		}
	}
	for i, src := range a.Sources {
		if src.Format != "kafka" {
			continue
		}
		sub, ok := src.Options["subscribe"]
		if !ok || sub.Unresolved {
			continue
		}
		broker := s.brokerFor(src.Options["kafka.bootstrap.servers"].Value)
		for _, topic := range strings.Split(sub.Value, ",") {
			topic = strings.TrimSpace(topic)
			if topic == "" {
				continue
			}
			c := s.consumption(topic, broker)
			c.Source = i
			out = append(out, c)
		}
	}
	return out
}

// consumption is what the broker (and a topic created in the project)
// says about a consumed topic.
func (s *state) consumption(topic string, broker *model.Broker) model.Consumption {
	c := model.Consumption{Topic: topic}
	if broker != nil {
		c.Broker = broker.Service
		c.Partitions = broker.Config["num.partitions"]
		c.RetentionBytes = broker.Config["log.retention.bytes"]
		c.RetentionMs = retentionMs(broker.Config)
	}
	for _, t := range s.p.Topics {
		if t.Name == topic && t.Partitions > 0 {
			c.Partitions = model.Value{Value: strconv.Itoa(t.Partitions), Source: t.Source, Loc: locPtr(t.PartitionsLoc), Num: ptr(float64(t.Partitions)), Set: true}
		}
	}
	return c
}

// retentionMs is the effective time retention: ms, else minutes, else hours.
func retentionMs(cfg map[string]model.Value) model.Value {
	for _, k := range []string{"log.retention.ms", "log.retention.minutes", "log.retention.hours"} {
		if v, ok := cfg[k]; ok && v.Ms != nil && (v.Set || v.Source == model.SourceBaseline) {
			return v
		}
	}
	return cfg["log.retention.hours"]
}

// brokerFor picks the broker an app's bootstrap servers name, else the
// only (or first) broker of the pipeline.
func (s *state) brokerFor(bootstrap string) *model.Broker {
	if len(s.p.Brokers) == 0 {
		return nil
	}
	for _, hp := range strings.Split(bootstrap, ",") {
		host := strings.TrimSpace(hp)
		if i := strings.LastIndex(host, ":"); i >= 0 {
			host = host[:i]
		}
		for i := range s.p.Brokers {
			b := &s.p.Brokers[i]
			if b.Service == host || s.containerName(b.Service) == host {
				return b
			}
		}
	}
	return &s.p.Brokers[0]
}

func (s *state) containerName(service string) string {
	if s.project == nil {
		return ""
	}
	for _, svc := range s.project.Services {
		if svc.Name == service {
			return svc.ContainerName
		}
	}
	return ""
}

func humanBytes(b float64) string {
	switch {
	case b >= 1<<30:
		return fmt.Sprintf("%.1f GiB", b/(1<<30))
	case b >= mib:
		return fmt.Sprintf("%.0f MiB", b/mib)
	}
	return fmt.Sprintf("%.0f B", b)
}

var (
	sparkTagRe     = regexp.MustCompile(`^(\d+\.\d+)`)
	kafkaPackageRe = regexp.MustCompile(`spark-(?:sql|streaming)-kafka-0-10_[0-9.]+:(\d+\.\d+)`)
)

// sparkVersion is the app's Spark version: the connector package's
// version (spark-submit --packages, else spark.jars.packages), else the
// spark-submit image's tag, else the tag the project's Spark master and
// worker images agree on, else the configured one.
func (s *state) sparkVersion(d *appDraft, a model.App) string {
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
		if v := sparkImageVersion(ss.svc.Image); v != "" {
			return v
		}
	}
	if s.project != nil {
		cluster := ""
		for _, svc := range s.project.Services {
			switch s.sparkRole(svc) {
			case "spark-master", "spark-worker":
				v := sparkImageVersion(svc.Image)
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
func (s *state) dstreamKafkaParams(job *jobscan.Job) map[string]model.Value {
	src, ok := s.res.Sources[s.abs(job.Path)]
	if !ok {
		return nil
	}
	text := string(src)
	out := map[string]model.Value{}
	for _, m := range kafkaParamRe.FindAllStringSubmatchIndex(text, -1) {
		key := text[m[2]:m[3]]
		if !kafkaClientKey(key) {
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
		line := strings.Count(text[:m[4]], "\n") + 1
		v.Loc = &model.Location{File: job.Path, Line: line, Column: utf8.RuneCountInString(text[lineStart:col]) + 1}
		out[key] = v
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// bootstrap lists the app's kafka.bootstrap.servers values, each address
// with the broker of the project it names.
func (s *state) bootstrap(a model.App) []model.Bootstrap {
	out := []model.Bootstrap{}
	add := func(v model.Value) {
		b := model.Bootstrap{Value: v, Entries: []model.BootstrapEntry{}}
		if !v.Unresolved && !strings.Contains(v.Value, "${") {
			for _, addr := range strings.Split(v.Value, ",") {
				if addr = strings.TrimSpace(addr); addr != "" {
					b.Entries = append(b.Entries, s.bootstrapEntry(addr))
				}
			}
		}
		out = append(out, b)
	}
	for _, list := range [][]model.Stream{a.Sources, a.Sinks} {
		for _, st := range list {
			if st.Format != "kafka" {
				continue
			}
			for k, v := range st.Options {
				if strings.EqualFold(k, "kafka.bootstrap.servers") {
					add(v)
				}
			}
		}
	}
	if v, ok := a.KafkaParams["bootstrap.servers"]; ok {
		add(v)
	}
	sort.SliceStable(out, func(i, j int) bool {
		li, lj := out[i].Value.Loc, out[j].Value.Loc
		return li != nil && lj != nil && li.Before(*lj)
	})
	return out
}

// bootstrapEntry finds the broker an address names: a broker service, its
// container_name or network alias, or a host:port one of its advertised
// listeners gives; then the listener the address reaches on that broker.
func (s *state) bootstrapEntry(addr string) model.BootstrapEntry {
	e := model.BootstrapEntry{Address: addr}
	hp := addr
	if i := strings.Index(hp, "://"); i >= 0 {
		hp = hp[i+3:]
	}
	e.Host = hp
	if i := strings.LastIndex(hp, ":"); i >= 0 && !strings.Contains(hp[i+1:], "]") {
		e.Host, e.Port = hp[:i], hp[i+1:]
	}
	e.Host = strings.Trim(e.Host, "[]")
	for i := range s.p.Brokers {
		b := &s.p.Brokers[i]
		switch {
		case strings.EqualFold(b.Service, e.Host):
			e.Broker, e.Via = b.Service, "service name"
		case s.containerName(b.Service) != "" && strings.EqualFold(s.containerName(b.Service), e.Host):
			e.Broker, e.Via = b.Service, "container_name"
		case s.hasAlias(b.Service, e.Host):
			e.Broker, e.Via = b.Service, "network alias"
		}
		if e.Broker != "" {
			s.reachedListener(&e, b, "")
			return e
		}
	}
	for i := range s.p.Brokers {
		b := &s.p.Brokers[i]
		for _, l := range brokerListeners(b.Config["advertised.listeners"].Value) {
			if l.host != "" && strings.EqualFold(l.host, e.Host) && (e.Port == "" || l.port == e.Port) {
				e.Broker, e.Via = b.Service, "advertised listener "+l.hostPort()
				s.reachedListener(&e, b, l.name)
				return e
			}
		}
	}
	return e
}

// hasAlias is true when the service has the network alias host.
func (s *state) hasAlias(service, host string) bool {
	if s.project == nil {
		return false
	}
	for _, svc := range s.project.Services {
		if svc.Name == service {
			for _, a := range svc.Aliases {
				if strings.EqualFold(a, host) {
					return true
				}
			}
		}
	}
	return false
}

// reachedListener fills in the broker listener an entry reaches: the one
// named (an advertised listener's name), else the one bound to the
// entry's port, with what it advertises and the broker's client ports.
func (s *state) reachedListener(e *model.BootstrapEntry, b *model.Broker, name string) {
	bound := brokerListeners(b.Config["listeners"].Value)
	if b.Config["listeners"].Unresolved {
		bound = nil
	}
	controllers := map[string]bool{}
	for _, n := range strings.Split(b.Config["controller.listener.names"].Value, ",") {
		controllers[strings.ToUpper(strings.TrimSpace(n))] = true
	}
	for _, l := range bound {
		if !controllers[l.name] && !slices.Contains(e.Ports, l.port) {
			e.Ports = append(e.Ports, l.port)
		}
		if name == "" && e.Port != "" && l.port == e.Port {
			e.Listener = l.name
		}
	}
	if name != "" {
		e.Listener = name
	}
	if e.Listener == "" {
		return
	}
	advertised := brokerListeners(b.Config["advertised.listeners"].Value)
	if b.Config["advertised.listeners"].Unresolved || !strings.Contains(b.Config["advertised.listeners"].Value, "://") {
		// Kafka advertises the listeners themselves when
		// advertised.listeners is unset
		advertised = bound
	}
	for _, l := range advertised {
		if l.name == e.Listener && l.host != "" {
			e.Advertised = l.hostPort()
		}
	}
}

// listenerAddr is one NAME://host:port item of a listeners value.
type listenerAddr struct{ name, host, port string }

func (l listenerAddr) hostPort() string { return l.host + ":" + l.port }

// brokerListeners parses a listeners or advertised.listeners value; the
// name is upper-cased as Kafka does, the host is "" when left out.
func brokerListeners(value string) []listenerAddr {
	var out []listenerAddr
	for _, item := range strings.Split(value, ",") {
		name, hp, ok := strings.Cut(strings.TrimSpace(item), "://")
		if !ok {
			continue
		}
		l := listenerAddr{name: strings.ToUpper(name), host: hp}
		if i := strings.LastIndex(hp, ":"); i >= 0 {
			l.host, l.port = hp[:i], hp[i+1:]
		}
		out = append(out, l)
	}
	return out
}
