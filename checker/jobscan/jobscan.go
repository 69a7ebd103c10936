// Package jobscan extracts Spark configuration facts from PySpark (.py)
// and Scala (.scala) job sources without running or fully parsing them.
//
// A hand-written tokenizer per language understands string literals (all
// Python prefixes, triple quotes, f-strings; Scala interpolators, triple
// quotes, character literals), comments (Scala block comments nest),
// bracket nesting, Python backslash continuations and Scala leading-dot
// method chains. A small, forgiving parser turns the tokens into loose
// expression trees of call chains, and a recogniser walks them for:
//
//   - SparkSession.builder .config/.appName/.master, SparkConf .set/
//     .setMaster/.setAppName/.setAll, SparkContext(master, appName) and
//     runtime spark.conf.set: Job.Settings;
//   - spark.conf.get("k"), conf.get("k", default), sc.getConf().get("k")
//     and other literal reads of the configuration: Job.ConfReads;
//   - readStream/writeStream chains (and batch read/write chains with
//     format "kafka"): format, options, trigger and start: Job.Streams;
//   - StreamingContext(..., batch) and KafkaUtils.createDirectStream.
//
// A name used as a value is resolved through the file's simple
// assignments ("topic = 'x'", "val topic = \"x\"", at any nesting level):
// the last one before the use, else the only one in the file. Names
// assigned a builder, SparkConf or stream reader/writer carry that role
// into later statements, so a chain split over several statements (or
// "reader.option(...)" on a reader variable) still adds to the same
// builder or Stream.
//
// Scan never fails: what it cannot follow becomes a Note and is skipped.
package jobscan

import (
	"bytes"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/streamlint/streamlint/checker/model"
)

// Language is the source language of a job file.
type Language string

// Supported languages.
const (
	Python Language = "python"
	Scala  Language = "scala"
)

// Kind is the streaming API a job uses.
type Kind string

// Job kinds. A file that uses StreamingContext or KafkaUtils is a DStream
// job even if it also has readStream/writeStream: the DStream-only settings
// then do take effect, so treating it as structured would be wrong.
const (
	KindDStream    Kind = "dstream"
	KindStructured Kind = "structured"
	KindUnknown    Kind = "unknown"
)

// Job is what Scan found in one file.
type Job struct {
	Path     string
	Language Language
	// Kind is dstream when StreamingContext or KafkaUtils.createDirectStream/
	// createStream is used (imports do not count), or a method is called on
	// a name ssc or foreachRDD on anything; else structured when
	// readStream or writeStream is used, else unknown. Settings never
	// decide it: a base class that only builds a session with
	// spark.streaming.* keys is of unknown kind.
	Kind Kind
	// BuildsSession is true when the code builds a Spark entry point:
	// SparkSession.builder, SparkConf, SparkContext or StreamingContext.
	BuildsSession bool
	// Settings are Spark configuration keys set in code, in source order:
	// builder .config/.appName/.master, SparkConf .set/.setAll/.setMaster/
	// .setAppName, SparkContext(master, appName) and runtime
	// spark.conf.set. Loc is where the value is written (the literal a
	// name resolves to, if any); Value holds the raw argument text when
	// Unresolved. A builder setting written after an earlier getOrCreate
	// of the file, in the same flow, has ExistingSession set to it.
	Settings []model.Setting
	// Streams are readStream/writeStream chains and batch read/write
	// chains whose format is "kafka", in order of appearance. Only chains
	// that call a reader/writer method count (a bare df.writeStream handed
	// to a mock does not), and readStream/writeStream called with
	// arguments are a project's own methods, not Spark's.
	Streams []Stream
	// ConfReads are the keys the job reads back from the Spark
	// configuration, in source order: spark.conf.get("k"),
	// spark.conf.get("k", default), conf.get/getOption/getInt(...) on a
	// SparkConf, sc.getConf().get("k"), spark.sparkContext.getConf.get("k").
	// Only literal keys (or names that resolve to one) count.
	ConfReads          []ConfRead
	StreamingContexts  []StreamingContext
	KafkaDirectStreams []DirectStream
	// OtherInputDStream is true when the job creates an input DStream that
	// does not read Kafka (ssc.socketTextStream, textFileStream,
	// receiverStream, queueStream, ...).
	OtherInputDStream bool
	// ReceiverInputDStream is true when one of those is receiver-based
	// (socketTextStream, socketStream, rawSocketStream, receiverStream):
	// such a stream has a rate controller, as the direct Kafka stream
	// does; file and queue streams have none.
	ReceiverInputDStream bool
	// Notes are things the extractor could not follow, by position; a
	// file with very many gets the first ones and a count of the rest.
	Notes []Note
}

// Stream is one DataStreamReader/Writer (or batch Kafka reader/writer)
// chain.
type Stream struct {
	Direction string         // "read" or "write"
	Streaming bool           // readStream/writeStream (true) or batch read/write (false)
	Loc       model.Location // the readStream/writeStream (read/write) token
	// Format is the source or sink format: format("kafka"|"parquet"|
	// "console"|"delta"|...), or from the shortcut methods: .parquet()/
	// .csv()/.json()/... give that name, .toTable()/.table()/.saveAsTable()
	// give "table" (whatever format() said), .foreach()/.foreachBatch()
	// give "foreach"/"foreachBatch". "" if unknown.
	Format    string
	FormatLoc model.Location // the format literal or the sink method
	// Options are .option(k, v) and .options(...) entries; Key is the
	// option name exactly as written.
	Options []model.Setting
	// OptionsUnknown is true when the chain sets options the scanner could
	// not read: an option name that is not a literal, or an options map
	// (.options(**m), start(**m)) it cannot follow. Any option may then be
	// set, so one missing from Options is unknown rather than absent.
	OptionsUnknown bool
	// Inputs are, for a writer, the indexes in Job.Streams of the readers
	// its DataFrame comes from (through the names it was assigned to,
	// unions and joins); nil when it cannot be followed back to one.
	Inputs []int
	// QueryName is a writer's .queryName(name) (or start(queryName=...)),
	// nil when not given: under spark.sql.streaming.checkpointLocation a
	// query checkpoints in a sub-directory of that name, else of a random
	// UUID.
	QueryName *model.Setting
	Trigger   *Trigger       // writers only
	StartLoc  model.Location // .start(...)/.toTable(...) (batch: .save/.parquet/...)
}

// Trigger is a writeStream .trigger(...).
type Trigger struct {
	Kind  string // "processingTime", "once", "availableNow", "continuous"; "" if not understood (noted)
	Value string // the interval as written ("5 seconds"; "5000" for a Scala long in ms)
	// Seconds is the parsed interval, 0 when unknown or invalid.
	Seconds float64
	// Invalid is true when Value is a literal Spark's interval parser
	// rejects (such as "10s" or "10 secs").
	Invalid bool
	Loc     model.Location // the interval value, else the trigger call
}

// ConfRead is one read of a Spark configuration key by the job.
type ConfRead struct {
	Key string
	Loc model.Location // the getter (get, getOption, ...)
}

// StreamingContext is one StreamingContext construction.
type StreamingContext struct {
	Loc          model.Location // the StreamingContext token
	BatchSeconds float64        // 0 if unknown
	BatchLoc     model.Location // the batch interval argument (or the literal it resolves to)
}

// DirectStream is one KafkaUtils.createDirectStream/createStream call.
type DirectStream struct {
	Loc    model.Location // the KafkaUtils token
	Topics []string       // literal topics, if they could be found
}

// Note is something the extractor could not follow.
type Note struct {
	Loc     model.Location
	Message string
}

// LanguageOf returns the language for a file name by its extension, or ""
// when the file is not a job source.
func LanguageOf(path string) Language {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".py":
		return Python
	case ".scala":
		return Scala
	}
	return ""
}

// tokenize runs the lexer of lang; an unknown language gets Python's.
func tokenize(src []byte, lang Language) ([]token, []lexIssue) {
	if lang == Scala {
		return lexScala(src)
	}
	return lexPython(src)
}

// Scan extracts the Spark facts of one file. lang is chosen by the caller
// (see LanguageOf); anything but Scala is read as Python. Scan never
// panics and never fails: code it cannot follow is noted and skipped.
// Lines and columns are 1-based; columns count Unicode code points.
func Scan(path string, src []byte, lang Language) *Job {
	if lang != Scala {
		lang = Python
	}
	job := &Job{Path: path, Language: lang, Kind: KindUnknown}
	src = crLineEnds(src)
	toks, lexIssues := tokenize(src, lang)
	stmts, parseIssues := parse(toks, lang)
	s := newScanner(path, src, lang, job, toks)
	if !utf8.Valid(src) {
		s.note(1, 1, "file is not valid UTF-8; each invalid byte counts as one column")
	}
	for _, is := range lexIssues {
		s.note(is.line, is.col, is.msg)
	}
	for _, is := range parseIssues {
		s.note(is.tok.line, is.tok.col, is.msg)
	}
	s.run(stmts)
	return job
}

// crLineEnds turns each CR that ends a line on its own (old Mac line
// ends, which Python and Scala read as line breaks like LF and CR LF)
// into LF, byte for byte, so that offsets and columns hold; src is
// returned as it is when it has none. The lexers take a lone CR for a
// space: a job written with CR line ends was one line of nothing.
func crLineEnds(src []byte) []byte {
	i := bytes.IndexByte(src, '\r')
	for i >= 0 && i+1 < len(src) && src[i+1] == '\n' {
		j := bytes.IndexByte(src[i+1:], '\r')
		if j < 0 {
			return src
		}
		i += 1 + j
	}
	if i < 0 {
		return src
	}
	out := bytes.Clone(src)
	for k := i; k < len(out); k++ {
		if out[k] == '\r' && (k+1 == len(out) || out[k+1] != '\n') {
			out[k] = '\n'
		}
	}
	return out
}
