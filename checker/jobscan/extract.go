package jobscan

import (
	"fmt"
	"sort"
	"strings"

	"github.com/streamlint/streamlint/checker/model"
)

// roleKind is what the value of a chain (or a name bound to one) is, as
// far as the recogniser cares.
type roleKind uint8

const (
	roleNone        roleKind = iota
	roleBuilder              // SparkSession.builder
	roleConf                 // SparkConf()
	roleRuntimeConf          // spark.conf
	roleStream               // a DataStreamReader/Writer (or batch reader/writer)
)

// role is the state carried along a chain and through variables.
type role struct {
	kind   roleKind
	stream *Stream
	// closed is set once a reader was loaded or a writer started: later
	// links are DataFrame or StreamingQuery methods.
	closed bool
	// existing is, for a builder made after an earlier getOrCreate in the
	// same flow, where that getOrCreate is: its getOrCreate returns that
	// session.
	existing *model.Location
	// conf lists the settings a SparkConf's setters recorded, so that a
	// SparkContext given the conf can mark them.
	conf *confSettings
	// failed is, for a SparkContext constructed after the file's first
	// context in the same flow, where that one is made: the constructor
	// throws, and the conf it is given never applies.
	failed *model.Location
	// alts are the other writers the name may hold, bound in the other
	// arms of an if/else (alternatives.go); bound is where the name was
	// last bound.
	alts  []*Stream
	bound token
}

// confSettings are indexes in Job.Settings.
type confSettings struct{ idx []int }

// scanner walks the statements of one file and fills a Job.
type scanner struct {
	path    string
	src     []byte
	python  bool
	job     *Job
	consts  map[string][]binding
	vars    map[string]role
	streams []*Stream
	// linked are the streams some reader/writer method was called on.
	linked map[*Stream]bool
	// made maps the byte offset of a readStream/read/writeStream/write
	// token to the stream it starts; frames are the names bound to
	// DataFrames and the readers they come from; inputs are the readers
	// each writer's DataFrame comes from, when known (lineage.go).
	made    map[int]*Stream
	frames  map[string][]*Stream
	inputs  map[*Stream][]*Stream
	dstream bool
	structd bool
	// toks are the file's tokens; session is the first getOrCreate of a
	// builder, once seen.
	toks    []token
	session *token
	// sessionFlowEnd is the index of the first token outside the flow of
	// statements that holds session (see existingSession), computed once:
	// -1 until then.
	sessionFlowEnd int
	// arms are the file's if/else arms, found on first use (branch.go).
	arms []arm
	// confVars are the SparkConf variables, in binding order
	// (unusedconf.go).
	confVars []confVar
}

func newScanner(path string, src []byte, lang Language, job *Job, toks []token) *scanner {
	return &scanner{
		path: path, src: src, python: lang != Scala, job: job,
		consts: map[string][]binding{}, vars: map[string]role{}, linked: map[*Stream]bool{}, toks: toks, sessionFlowEnd: -1,
		made: map[int]*Stream{}, frames: map[string][]*Stream{}, inputs: map[*Stream][]*Stream{},
	}
}

func (s *scanner) loc(t token) model.Location {
	return model.Location{File: s.path, Line: t.line, Column: t.col}
}

func (s *scanner) note(line, col int, msg string) {
	s.job.Notes = append(s.job.Notes, Note{Loc: model.Location{File: s.path, Line: line, Column: col}, Message: msg})
}

func (s *scanner) notef(t token, format string, args ...any) {
	s.note(t.line, t.col, fmt.Sprintf(format, args...))
}

// maxNotes bounds the notes of one file; a broken file gets a summary.
const maxNotes = 20

// finishNotes sorts the notes by place and keeps the first maxNotes.
func (s *scanner) finishNotes() {
	notes := s.job.Notes
	sort.SliceStable(notes, func(a, b int) bool { return notes[a].Loc.Before(notes[b].Loc) })
	if len(notes) > maxNotes {
		rest := len(notes) - (maxNotes - 1)
		notes = append(notes[:maxNotes-1], Note{
			Loc:     notes[maxNotes-1].Loc,
			Message: fmt.Sprintf("%d more problems in this file are not listed", rest),
		})
	}
	s.job.Notes = notes
}

// run extracts everything from the parsed statements.
func (s *scanner) run(stmts []stmt) {
	s.collectBindings(stmts)
	s.sortBindings()
	s.statements(stmts)
	s.dropUnusedConfs()
	s.keepStreams()
	s.finishNotes()
	switch {
	case s.dstream:
		s.job.Kind = KindDStream
	case s.structd:
		s.job.Kind = KindStructured
	}
}

// keepStreams fills Job.Streams: the streaming chains and the batch Kafka
// ones, with each writer's inputs as indexes among them.
func (s *scanner) keepStreams() {
	index := map[*Stream]int{}
	for _, st := range s.streams {
		if !s.linked[st] {
			// A bare df.writeStream that nothing configures, starts or
			// loads (Mockito's when(df.writeStream).thenReturn(w)) makes
			// no query. A configured writer that is not started here is
			// kept: a function may return it for its caller to start.
			continue
		}
		if st.Streaming || strings.EqualFold(st.Format, "kafka") {
			index[st] = len(s.job.Streams)
			s.job.Streams = append(s.job.Streams, *st)
		}
	}
	for st, i := range index {
		for _, in := range s.inputs[st] {
			if j, ok := index[in]; ok {
				s.job.Streams[i].Inputs = append(s.job.Streams[i].Inputs, j)
			}
		}
	}
}

// statements visits statements in order, binding assigned names to the
// role of their value so later statements can continue a chain.
func (s *scanner) statements(stmts []stmt) {
	for _, st := range stmts {
		for _, e := range st.exprs {
			s.visit(e)
		}
		if st.value == nil {
			continue
		}
		r := s.visit(st.value)
		s.bindFrames(st.targets, st.value)
		for _, t := range st.targets {
			if r.kind == roleConf {
				s.confVars = append(s.confVars, confVar{name: t.text, start: t.start, conf: r.conf})
			}
			if r.kind != roleNone && !r.closed {
				s.vars[t.text] = s.withAlternatives(t, r)
			} else {
				delete(s.vars, t.text)
			}
		}
	}
}

// visit recognises e and everything below it and returns e's role.
func (s *scanner) visit(e *expr) role {
	if e == nil {
		return role{}
	}
	switch e.kind {
	case eChain:
		return s.chain(e)
	case eBlock:
		s.statements(e.stmts)
	default:
		for _, it := range e.items {
			s.visit(it)
		}
	}
	return role{}
}

// chain walks the links of a call chain left to right.
func (s *scanner) chain(e *expr) role {
	var r role
	var alts []role
	if e.base != nil {
		r = s.visit(e.base)
	}
	for i := range e.segs {
		seg := &e.segs[i]
		if i == 0 && e.base == nil && len(seg.groups) == 0 {
			if v, ok := s.vars[seg.name.text]; ok {
				r = v
				r.closed = false
				alts = altRoles(v)
				continue
			}
		}
		r = s.link(r, e, i)
		alts = s.linkAlts(alts, e, i)
		for _, g := range seg.groups {
			for _, a := range g.args {
				ar := s.visitArg(a)
				if r.failed != nil && ar.conf != nil {
					s.markFailed(ar.conf.idx, r.failed)
				}
			}
		}
	}
	r.alts = openAlts(alts)
	return r
}

// visitArg visits a call argument and returns its role; a keyword
// argument's is its value's (SparkContext(conf=conf)).
func (s *scanner) visitArg(a *expr) role {
	if a.kind == eKwarg && len(a.items) == 1 {
		return s.visit(a.items[0])
	}
	return s.visit(a)
}

// markFailed marks settings as given to a SparkContext whose constructor
// fails because the context made at first exists.
func (s *scanner) markFailed(idx []int, first *model.Location) {
	for _, i := range idx {
		s.job.Settings[i].FailedContext = first
	}
}

// otherInputDStreams are the StreamingContext methods that create an
// input DStream reading something other than Kafka; true for those that
// make a ReceiverInputDStream, whose rate controller backpressure drives
// (InputDStream.rateController is None for the file and queue streams).
var otherInputDStreams = map[string]bool{
	"socketTextStream": true, "socketStream": true, "rawSocketStream": true, "receiverStream": true,
	"textFileStream": false, "binaryRecordsStream": false, "fileStream": false, "queueStream": false,
}

func isOtherInputDStream(name string) bool {
	_, ok := otherInputDStreams[name]
	return ok
}

// connectorUtils are the helper objects of Spark's (and Apache Bahir's)
// other DStream connectors; their createStream/createPollingStream make
// a receiver-based input DStream (TwitterInputDStream, FlumeInputDStream,
// KinesisInputDStream, ... extend ReceiverInputDStream) that reads no
// Kafka.
var connectorUtils = map[string]bool{
	"TwitterUtils": true, "FlumeUtils": true, "KinesisUtils": true, "MQTTUtils": true,
	"ZeroMQUtils": true, "PubsubUtils": true, "AkkaUtils": true,
}

func isConnectorStream(prev, name string) bool {
	return connectorUtils[prev] && (name == "createStream" || name == "createPollingStream")
}

// link interprets segment i of chain e given the role so far.
func (s *scanner) link(r role, e *expr, i int) role {
	seg := &e.segs[i]
	name := seg.name.text
	call := seg.call()
	prev := ""
	if i > 0 {
		prev = e.segs[i-1].name.text
	}
	receiver := i > 0 || e.base != nil
	switch {
	case name == "builder" && prev == "SparkSession":
		s.job.BuildsSession = true
		return role{kind: roleBuilder, existing: s.existingSession(seg.name)}
	case name == "SparkConf" && call != nil:
		s.job.BuildsSession = true
		return role{kind: roleConf, conf: &confSettings{}}
	case name == "SparkContext" && (call != nil || i+1 < len(e.segs)):
		s.job.BuildsSession = true
		if call == nil {
			return role{}
		}
		return s.newSparkContext(seg, call)
	case name == "StreamingContext" && (call != nil || i+1 < len(e.segs)):
		s.job.BuildsSession = true
		s.dstream = true
		if call != nil {
			s.streamingContext(seg, call)
			s.sessionMade(seg.name)
		}
		return role{}
	case prev == "KafkaUtils" && (name == "createDirectStream" || name == "createStream") && call != nil:
		s.dstream = true
		s.directStream(e.segs[i-1].name, name, call)
		return role{}
	case isOtherInputDStream(name) && receiver && call != nil:
		s.dstream = true
		s.job.OtherInputDStream = true
		s.job.ReceiverInputDStream = s.job.ReceiverInputDStream || otherInputDStreams[name]
		return role{}
	case isConnectorStream(prev, name) && call != nil:
		s.dstream = true
		s.job.OtherInputDStream = true
		s.job.ReceiverInputDStream = true
		return role{}
	case name == "ssc" && i+1 < len(e.segs) && e.segs[i+1].call() != nil,
		name == "foreachRDD" && receiver && call != nil:
		// A StreamingContext made elsewhere (ssc.start(), self.ssc.
		// awaitTermination()) or an RDD per batch: only DStreams have them.
		s.dstream = true
		return role{}
	case (name == "readStream" || name == "writeStream") && receiver:
		s.structd = true
		return s.structuredStream(e, i)
	case (name == "read" || name == "write") && receiver && len(seg.groups) == 0:
		return s.newStream(seg, name == "read", false)
	case name == "conf" && receiver && len(seg.groups) == 0:
		return role{kind: roleRuntimeConf}
	}

	if r.kind != roleNone {
		return s.receiverLink(r, seg, call)
	}
	s.looseLink(seg, call, prev)
	return role{}
}

// looseLink interprets a segment outside a known receiver: it accepts the
// unambiguous spellings only.
func (s *scanner) looseLink(seg *segment, call *group, prev string) {
	name := seg.name.text
	if confGetters[name] && confLike(prev) {
		s.confRead(seg, call)
		return
	}
	switch name {
	case "config":
		s.builderConfig(call, false)
	case "setMaster", "setAppName":
		s.confMethod(name, call, false)
	case "set":
		if key, _, ok := s.stringLit(call.arg(0, "key")); ok && strings.HasPrefix(key, "spark.") {
			s.keyValue(call, false)
		}
	}
}

// newSparkContext records a SparkContext construction. There is one
// SparkContext per JVM: a second constructor in the flow of the first
// context throws ("Only one SparkContext should be running in this JVM"),
// so what it is given is marked (role.failed).
func (s *scanner) newSparkContext(seg *segment, call *group) role {
	failed := s.existingSession(seg.name)
	n := len(s.job.Settings)
	s.sparkContext(call)
	s.sessionMade(seg.name)
	if failed != nil {
		s.markFailed(settingRange(n, len(s.job.Settings)), failed)
	}
	return role{failed: failed}
}

// structuredStream starts a reader or writer at link i of e, a
// readStream or writeStream.
func (s *scanner) structuredStream(e *expr, i int) role {
	seg := &e.segs[i]
	if seg.call() != nil {
		// Spark's readStream/writeStream take no arguments (a Scala
		// parameterless def, a PySpark property): ElasticSink.
		// writeStream(df) is a method of the project's, which makes its
		// query elsewhere. The name still says the job streams.
		return role{}
	}
	read := seg.name.text == "readStream"
	r := s.newStream(seg, read, true)
	if !read {
		s.inputs[r.stream] = s.writerInputs(e, i)
	}
	return r
}

// settingRange is the indexes from, ..., to-1.
func settingRange(from, to int) []int {
	out := make([]int, 0, to-from)
	for i := from; i < to; i++ {
		out = append(out, i)
	}
	return out
}

// receiverLink interprets a segment on a known receiver: a session builder,
// a SparkConf, the runtime conf or a stream reader/writer.
func (s *scanner) receiverLink(r role, seg *segment, call *group) role {
	name := seg.name.text
	switch r.kind {
	case roleBuilder:
		n := len(s.job.Settings)
		switch name {
		case "config":
			s.builderConfig(call, true)
		case "appName":
			s.keyed("spark.app.name", call.arg(0, "name"))
		case "master":
			s.keyed("spark.master", call.arg(0, "master"))
		case "getOrCreate":
			s.sessionMade(seg.name)
			return role{}
		case "create":
			return role{}
		}
		for i := n; r.existing != nil && i < len(s.job.Settings); i++ {
			s.job.Settings[i].ExistingSession = r.existing
		}
		return r
	case roleConf:
		if confGetters[name] {
			s.confRead(seg, call)
			return role{}
		}
		n := len(s.job.Settings)
		s.confMethod(name, call, true)
		if r.conf != nil {
			r.conf.idx = append(r.conf.idx, settingRange(n, len(s.job.Settings))...)
		}
		return r
	case roleRuntimeConf:
		switch {
		case name == "set":
			n := len(s.job.Settings)
			s.keyValue(call, true)
			for i := n; i < len(s.job.Settings); i++ {
				s.job.Settings[i].Runtime = true
			}
		case confGetters[name]:
			s.confRead(seg, call)
		}
		return role{}
	case roleStream:
		return s.streamLink(r, seg, call)
	}
	return role{}
}

// sparkContext reads SparkContext(master, appName, ...) or its keywords.
// A lone positional argument is a SparkConf in Scala and the master in
// Python.
func (s *scanner) sparkContext(call *group) {
	pos := call.positional()
	master, app := call.kwarg("master"), call.kwarg("appName")
	if len(pos) >= 2 {
		if master == nil {
			master = pos[0]
		}
		if app == nil {
			app = pos[1]
		}
	} else if len(pos) == 1 && s.python && master == nil {
		if _, _, ok := s.stringLit(pos[0]); ok {
			master = pos[0]
		}
	}
	s.keyed("spark.master", master)
	s.keyed("spark.app.name", app)
}

// streamingContext records a StreamingContext construction and its batch
// interval: Python (sc, seconds) or batchDuration=; Scala (sc|conf,
// Seconds(n)) or (master, appName, duration).
func (s *scanner) streamingContext(seg *segment, call *group) {
	sc := StreamingContext{Loc: s.loc(seg.name)}
	if s.python {
		if arg := call.arg(1, "batchDuration"); arg != nil {
			if n, tok, ok := s.numeric(arg); ok {
				sc.BatchSeconds, sc.BatchLoc = n, s.loc(tok)
			} else {
				sc.BatchLoc = s.loc(arg.tok)
			}
		}
	} else {
		pos := call.positional()
		for j := 1; j < len(pos); j++ {
			if secs, at, ok := s.duration(pos[j]); ok {
				sc.BatchSeconds, sc.BatchLoc = secs, s.loc(at)
				break
			}
		}
	}
	s.job.StreamingContexts = append(s.job.StreamingContexts, sc)
}

// directStream records KafkaUtils.createDirectStream/createStream and the
// topics when they are literal.
func (s *scanner) directStream(head token, method string, call *group) {
	ds := DirectStream{Loc: s.loc(head)}
	switch {
	case s.python && method == "createStream":
		ds.Topics, _ = s.stringList(call.arg(3, "topics"))
	case s.python:
		ds.Topics, _ = s.stringList(call.arg(1, "topics"))
	default:
		ds.Topics = s.scalaTopics(call)
	}
	s.job.KafkaDirectStreams = append(s.job.KafkaDirectStreams, ds)
}

// scalaTopics finds the topics of a Scala direct stream: the first
// argument of Subscribe[...](topics, params) (kafka-0-10), else a literal
// collection argument (the 0.8 API's topic set).
func (s *scanner) scalaTopics(call *group) []string {
	pos := call.positional()
	for _, a := range pos {
		c := s.resolve(a)
		if c.kind != eChain {
			continue
		}
		for _, seg := range c.segs {
			if g := seg.call(); seg.name.text == "Subscribe" && g != nil {
				topics, _ := s.stringList(g.arg(0, "topics"))
				return topics
			}
		}
	}
	for j := 1; j < len(pos); j++ {
		if topics, ok := s.stringList(pos[j]); ok {
			return topics
		}
	}
	return nil
}

// newStream starts a reader or writer at seg.
func (s *scanner) newStream(seg *segment, read, streaming bool) role {
	st := &Stream{Direction: "write", Streaming: streaming, Loc: s.loc(seg.name)}
	if read {
		st.Direction = "read"
	}
	s.streams = append(s.streams, st)
	s.made[seg.name.start] = st
	return role{kind: roleStream, stream: st}
}
