# METADATA
# title: Streaming query without a checkpoint location
# description: |
#   A Structured Streaming query keeps its progress (the Kafka offsets it has
#   read, its state) in its checkpoint location: the sink's
#   checkpointLocation option, else a directory under
#   spark.sql.streaming.checkpointLocation. With neither, start() fails for a
#   file, Kafka or table sink ("checkpointLocation must be specified either
#   through option("checkpointLocation", ...) or SQLConf.set(...)"). The
#   console, memory, foreach, foreachBatch and noop sinks start anyway with a
#   temporary checkpoint that is deleted when the query stops: after a
#   restart the query starts again from startingOffsets (latest by default),
#   so the records produced while it was down are skipped, or (earliest)
#   everything retained is read again. A query that reads only a socket or
#   generated rows (rate) has nothing to resume, so such a sink is not
#   reported for it. A query's sources are those its DataFrame comes from
#   when the extractor can follow it back to its readStream calls, else
#   every source of the job. Spark compares the format name
#   exactly: format("Console") is not the console sink. A writeStream without
#   format() uses spark.sql.sources.default, parquet. An option whose name the
#   extractor cannot read (a constant defined in another file) or an options
#   map it cannot follow (.options(**opts)) may set checkpointLocation: such a
#   query is not reported. Nor is a query of a job that builds no session of
#   its own (it calls a helper such as get_spark()) when another file of the
#   pipeline builds a session with spark.sql.streaming.checkpointLocation.
#   Under spark.sql.streaming.checkpointLocation a query checkpoints in the
#   sub-directory its queryName names; a query without a name gets a new
#   random one on every start and never resumes (a warning).
# related_resources:
#   - ref: https://spark.apache.org/docs/3.5.1/structured-streaming-programming-guide.html#recovering-from-failures-with-checkpointing
#     description: Structured Streaming guide, recovering from failures with checkpointing
#   - ref: https://spark.apache.org/docs/latest/configuration.html#runtime-sql-configuration
#     description: Spark SQL configuration, spark.sql.streaming.checkpointLocation
# custom:
#   id: SPK010
#   severity: error
#   remediation: |
#     Give every streaming query its own durable checkpoint directory:
#     `.option("checkpointLocation", "/data/checkpoints/<query>")` on the
#     writeStream (on a volume, or shared storage when executors run in other
#     containers), or set spark.sql.streaming.checkpointLocation and let Spark
#     add a sub-directory per query.
package streamlint.rules.SPK010

import data.streamlint.lib

# Sinks that Spark lets start with a temporary checkpoint
# (DataStreamWriter.SOURCES_ALLOW_ONE_TIME_QUERY, compared exactly).
_temporary := {"console", "memory", "foreach", "foreachBatch", "noop"}

deny contains f if {
	some app in input.apps
	not _session_checkpoint(app)
	some sink in app.sinks
	sink.streaming
	not _has_checkpoint(sink)
	sources := _query_sources(app, sink)
	not _nothing_to_resume(sources, sink.format)
	sev := _severity(sink.format)
	msg := sprintf("%s: %s has no checkpointLocation option and spark.sql.streaming.checkpointLocation is not set (no default): %s. %s", [lib.app_label(app), _what(sink), _effect(sources, sink.format), _fix])
	f := lib.finding_severity(rego.metadata.chain(), msg, sink.loc, sev)
}

# Sources that cannot resume from a checkpoint: a socket (documented as
# for testing, not fault-tolerant) or generated rows. A query reading
# only those into a sink that may start with a temporary checkpoint
# loses nothing without one.
_unreplayable := {"socket", "rate", "rate-micro-batch", "memory"}

_nothing_to_resume(sources, format) if {
	format in _temporary
	_unreplayable_only(sources)
}

_unreplayable_only(sources) if {
	streaming := [s | some s in sources; s.streaming]
	count(streaming) > 0
	every s in streaming {
		lower(s.format) in _unreplayable
	}
}

# With spark.sql.streaming.checkpointLocation set and no checkpointLocation
# option, Spark checkpoints a query in <dir>/<queryName>, or, when the query
# has no name, in <dir>/<a random UUID> (ResolveWriteToStream): a new, empty
# directory on every start, so the query never resumes.
deny contains f if {
	some app in input.apps
	dir := _session_dir(app)
	some sink in app.sinks
	sink.streaming
	not _has_checkpoint(sink)
	not sink.query_name
	sources := _query_sources(app, sink)
	not _unreplayable_only(sources)
	msg := sprintf(
		"%s: %s has no checkpointLocation option and no queryName, so under spark.sql.streaming.checkpointLocation=%s (%s) Spark checkpoints it in a new sub-directory named by a random UUID on every start: after a restart it %s. Name the query with .queryName(\"<query>\") (its checkpoint is then %s/<query>), or give it its own checkpointLocation option",
		[lib.app_label(app), _what(sink), dir.value, lib.set_at(dir), _restart(sources), trim_right(dir.value, "/")],
	)
	f := lib.finding_severity(rego.metadata.chain(), msg, sink.loc, "warning")
}

# _query_sources are the sources the sink's query reads, when the extractor
# followed its DataFrame back to them (inputs), else every source of the app
# (a DataFrame passed in from elsewhere may be any of them).
_query_sources(app, sink) := [app.sources[i] | some i in sink.inputs] if {
	count(object.get(sink, "inputs", [])) > 0
} else := object.get(app, "sources", [])

_session_checkpoint(app) if _session_dir(app)

# _session_dir is the app's spark.sql.streaming.checkpointLocation. A job
# that builds no session runs in one made elsewhere: a session another file
# of the pipeline builds with the key may be it.
_session_dir(app) := v if {
	v := app.settings["spark.sql.streaming.checkpointLocation"]
	_given(v)
} else := v if {
	v := object.get(app, "helper_settings", {})["spark.sql.streaming.checkpointLocation"]
	_given(v)
}

_has_checkpoint(sink) if {
	v := lib.stream_option(sink, "checkpointLocation")
	_given(v)
}

# An option name or options map the extractor could not read may set it.
_has_checkpoint(sink) if sink.options_unknown

# A value written as a variable the extractor cannot follow counts as given.
_given(v) if v.unresolved

_given(v) if trim_space(v.value) != ""

_severity(format) := "warning" if format in _temporary

_severity(format) := "error" if not format in _temporary

_what(sink) := sprintf("the writeStream with the default format (spark.sql.sources.default, parquet) or a format the extractor could not read, writing to %s", [p.value]) if {
	sink.format == ""
	p := lib.stream_option(sink, "path")
} else := "the writeStream with the default format (spark.sql.sources.default, parquet) or a format the extractor could not read" if {
	sink.format == ""
} else := sprintf("the %s sink", [sink.format]) if {
	sink.format in _temporary
} else := sprintf("the table sink (%s:%d)", [sink.format_loc.file, sink.format_loc.line]) if {
	sink.format == "table"
} else := sprintf("the %q sink", [sink.format])

_effect(sources, format) := sprintf("Spark starts it with a temporary checkpoint that is deleted when the query stops, so after a restart it %s", [_restart(sources)]) if format in _temporary

_effect(_, format) := sprintf("start() fails with \"checkpointLocation must be specified\"%s", [_case_hint(format)]) if not format in _temporary

_case_hint(format) := sprintf(" (Spark compares sink names exactly: %q is not the %s sink, which would start with a temporary checkpoint)", [format, t]) if {
	some t in _temporary
	lower(format) == lower(t)
	format != t
} else := ""

# _restart is what the query does after a restart without its checkpoint,
# from its Kafka sources' own startingOffsets.
_restart(sources) := sprintf("reads the topic again from the earliest retained offset (startingOffsets=earliest, %s:%d): every retained record is processed again", [v.loc.file, v.loc.line]) if {
	v := _starting(sources)
	lower(trim_space(v.value)) == "earliest"
} else := sprintf("starts from the latest offset (startingOffsets=latest, %s:%d): records produced while it was down are skipped", [v.loc.file, v.loc.line]) if {
	v := _starting(sources)
	lower(trim_space(v.value)) == "latest"
} else := sprintf("starts again from the offsets startingOffsets names (%s:%d), whatever it had processed", [v.loc.file, v.loc.line]) if {
	v := _starting(sources)
} else := sprintf("starts again from its Kafka source's startingOffsets, whatever it had processed (the job's sources name %s)", [concat(", ", _each_starting(sources))]) if {
	count(_startings(sources)) > 1
} else := "begins again from startingOffsets (default latest): records produced while it was down are skipped" if {
	some src in sources
	src.format == "kafka"
} else := "begins again from its sources' starting position: what it had processed is not remembered"

# _starting is the startingOffsets of the query's streaming Kafka sources when
# they all name the same offsets (a job with several readStream calls, or a
# helper called for several topics, has one per source; the first by location
# is cited). Sources that disagree leave it undefined: each is then cited,
# since which of them the query reads is not known when its DataFrame could
# not be followed back (or it reads them all).
_starting(sources) := v if {
	vs := _startings(sources)
	count({lower(trim_space(x.value)) | some x in vs}) == 1
	v := sort(vs)[0]
}

_each_starting(sources) := sort([sprintf("%s at %s:%d", [trim_space(v.value), v.loc.file, v.loc.line]) | some v in _startings(sources)])

_startings(sources) := {v |
	some src in sources
	src.format == "kafka"
	src.streaming
	some k, v in src.options
	lower(k) == "startingoffsets"
	v.loc
}

_fix := "Add .option(\"checkpointLocation\", \"/data/checkpoints/<query>\") on a durable volume, or set spark.sql.streaming.checkpointLocation"
