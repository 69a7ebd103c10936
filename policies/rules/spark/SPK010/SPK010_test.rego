package streamlint.rules.SPK010_test

import data.streamlint.rules.SPK010

_loc(line) := {"file": "jobs/q.py", "line": line, "column": 5}

_sink(format, options) := {"loc": _loc(10), "format": format, "format_loc": _loc(10), "streaming": true, "options": options}

_opt(value) := {"value": value, "source": "code", "loc": _loc(11), "set": true}

_in(sinks, settings) := {"apps": [{"id": "jobs/q.py", "kind": "structured", "settings": settings, "sinks": sinks}]}

test_error_for_file_sink if {
	fs := SPK010.deny with input as _in([_sink("parquet", {"path": _opt("/data/out")})], {})
	count(fs) == 1
	some f in fs
	f.severity == "error"
	f.location == _loc(10)
	contains(f.message, "start() fails")
}

test_error_for_kafka_and_table_sinks if {
	fs := SPK010.deny with input as _in([_sink("kafka", {"topic": _opt("out")}), _sink("table", {})], {})
	count(fs) == 2
	every f in fs {
		f.severity == "error"
	}
}

test_error_for_default_format if {
	fs := SPK010.deny with input as _in([_sink("", {"path": _opt("/data/out")})], {})
	some f in fs
	f.severity == "error"
	contains(f.message, "parquet")
	contains(f.message, "/data/out")
}

test_warning_for_temporary_sinks if {
	fs := SPK010.deny with input as _in([_sink("console", {}), _sink("foreachBatch", {}), _sink("foreach", {}), _sink("memory", {}), _sink("noop", {})], {})
	count(fs) == 5
	every f in fs {
		f.severity == "warning"
		contains(f.message, "temporary checkpoint")
	}
}

test_case_variant_is_not_the_console_sink if {
	fs := SPK010.deny with input as _in([_sink("Console", {})], {})
	some f in fs
	f.severity == "error"
	contains(f.message, "compares sink names exactly")
}

test_quiet_with_option_any_case if {
	fs := SPK010.deny with input as _in([_sink("parquet", {"CheckpointLocation": _opt("/data/cp")})], {})
	count(fs) == 0
}

test_quiet_with_unresolved_option if {
	fs := SPK010.deny with input as _in([_sink("kafka", {"checkpointLocation": {"value": "cp_dir", "unresolved": true, "source": "code", "loc": _loc(11)}})], {})
	count(fs) == 0
}

test_fires_with_empty_option if {
	fs := SPK010.deny with input as _in([_sink("kafka", {"checkpointLocation": _opt("")})], {})
	count(fs) == 1
}

_named(sink) := object.union(sink, {"query_name": {"value": "q", "source": "code", "loc": _loc(12)}})

test_quiet_with_session_setting if {
	fs := SPK010.deny with input as _in([_named(_sink("parquet", {})), _named(_sink("console", {}))], {"spark.sql.streaming.checkpointLocation": {"value": "/data/cp", "source": "spark-defaults", "loc": _loc(1)}})
	count(fs) == 0
}

# Under spark.sql.streaming.checkpointLocation a query without a queryName
# checkpoints in a new random sub-directory on every start: it never
# resumes (a warning, as start() succeeds). Its own checkpointLocation
# option, or a socket source with nothing to resume, keeps it quiet.
test_session_setting_without_query_name if {
	session := {"spark.sql.streaming.checkpointLocation": {"value": "/data/cp/", "source": "spark-defaults", "loc": _loc(1)}}
	fs := SPK010.deny with input as _in([_sink("parquet", {"path": _opt("/data/out")})], session)
	count(fs) == 1
	some f in fs
	f.severity == "warning"
	contains(f.message, "no queryName, so under spark.sql.streaming.checkpointLocation=/data/cp/ (spark-defaults (jobs/q.py:1))")
	contains(f.message, "its checkpoint is then /data/cp/<query>")
	count(SPK010.deny) == 0 with input as _in([_sink("parquet", {"checkpointLocation": _opt("/chk/q")})], session)
	socket := {"loc": _loc(4), "format": "socket", "format_loc": _loc(4), "streaming": true, "options": {}}
	count(SPK010.deny) == 0 with input as {"apps": [{"id": "jobs/q.py", "kind": "structured", "settings": session, "sources": [socket], "sinks": [_sink("console", {})]}]}
}

test_quiet_on_batch_write if {
	fs := SPK010.deny with input as _in([object.union(_sink("parquet", {}), {"streaming": false})], {})
	count(fs) == 0
}

_with_source(starting) := {"apps": [{"id": "jobs/q.py", "kind": "structured", "settings": {}, "sinks": [_sink("console", {})], "sources": [{"format": "kafka", "streaming": true, "options": starting}]}]}

test_restart_with_the_jobs_own_starting_offsets if {
	earliest := SPK010.deny with input as _with_source({"startingOffsets": {"value": "earliest", "source": "code", "loc": _loc(4), "set": true}})
	some e in earliest
	contains(e.message, "reads the topic again from the earliest retained offset (startingOffsets=earliest, jobs/q.py:4)")
	latest := SPK010.deny with input as _with_source({"startingoffsets": {"value": "latest", "source": "code", "loc": _loc(4), "set": true}})
	some l in latest
	contains(l.message, "starts from the latest offset (startingOffsets=latest, jobs/q.py:4)")
	unset := SPK010.deny with input as _with_source({})
	some u in unset
	contains(u.message, "begins again from startingOffsets (default latest)")
}

_src(value, line) := {"format": "kafka", "streaming": true, "options": {"startingOffsets": {"value": value, "source": "code", "loc": _loc(line), "set": true}}}

_with_sources(sources) := {"apps": [{"id": "jobs/q.py", "kind": "structured", "settings": {}, "sinks": [_sink("console", {})], "sources": sources}]}

# A helper that reads a topic, called for several topics, gives the app one
# Kafka source per call: one finding (was a conflict error that lost the
# rule's findings), citing the first source when the sources agree and
# each of them when they do not (which one the query reads is not known).
test_restart_with_several_kafka_sources if {
	same := SPK010.deny with input as _with_sources([_src("latest", 9), _src("latest", 4)])
	count(same) == 1
	some s in same
	contains(s.message, "starts from the latest offset (startingOffsets=latest, jobs/q.py:4)")
	differ := SPK010.deny with input as _with_sources([_src("latest", 9), _src("earliest", 4)])
	count(differ) == 1
	some d in differ
	contains(d.message, "startingOffsets, whatever it had processed (the job's sources name earliest at jobs/q.py:4, latest at jobs/q.py:9)")
	one := SPK010.deny with input as _with_sources([_src(`{"t":{"0":23}}`, 6)])
	some o in one
	contains(o.message, "starts again from the offsets startingOffsets names (jobs/q.py:6)")
}

# A batch read (spark.read) of Kafka in the same app does not decide where
# the streaming query restarts.
test_restart_ignores_a_batch_kafka_read if {
	fs := SPK010.deny with input as _with_sources([object.union(_src("earliest", 4), {"streaming": false}), _src("latest", 9)])
	some f in fs
	contains(f.message, "startingOffsets=latest, jobs/q.py:9")
}

# A socket (or rate) source cannot resume from a checkpoint: a console
# sink without one loses nothing. A file sink still fails to start, and a
# Kafka source beside the socket still has offsets to lose.
test_socket_source_into_temporary_sink if {
	socket := {"loc": _loc(4), "format": "socket", "format_loc": _loc(4), "streaming": true, "options": {}}
	kafka := {"loc": _loc(5), "format": "kafka", "format_loc": _loc(5), "streaming": true, "options": {}}
	count(SPK010.deny) == 0 with input as _sources_sinks([socket], [_sink("console", {})])
	count(SPK010.deny) == 1 with input as _sources_sinks([socket], [_sink("parquet", {"path": _opt("/data/out")})])
	count(SPK010.deny) == 1 with input as _sources_sinks([socket, kafka], [_sink("console", {})])
}

_sources_sinks(sources, sinks) := {"apps": [{"id": "jobs/q.py", "kind": "structured", "settings": {}, "sources": sources, "sinks": sinks}]}

# An option whose name the extractor cannot read (a constant of another
# file, as in AbsaOSS/hyperdrive's writers) or an options map it cannot
# follow may set checkpointLocation: not reported. Options that are all
# read, without checkpointLocation, still are.
test_quiet_with_unknown_options if {
	unknown := object.union(_sink("kafka", {"topic": _opt("out")}), {"options_unknown": true})
	count(SPK010.deny) == 0 with input as _in([unknown], {})
	count(SPK010.deny) == 1 with input as _in([_sink("kafka", {"topic": _opt("out")})], {})
}

# A job that gets its session from a helper of the pipeline
# (polomarcus/Spark-Structured-Streaming-Examples' SparkHelper) runs in a
# session that sets the key: not reported. Without such a helper setting,
# or with a helper that sets other keys only, it still is.
test_quiet_with_session_helper_setting if {
	helper := {"spark.sql.streaming.checkpointLocation": {"value": "/data/cp", "source": "code", "loc": {"file": "jobs/helper.py", "line": 6, "column": 21}, "set": true}}
	count(SPK010.deny) == 0 with input as {"apps": [_helped(helper)]}
	other := {"spark.app.name": {"value": "songs", "source": "code", "loc": {"file": "jobs/helper.py", "line": 5, "column": 21}, "set": true}}
	count(SPK010.deny) == 1 with input as {"apps": [_helped(other)]}
}

_helped(helper) := {"id": "jobs/q.py", "kind": "structured", "settings": {}, "sinks": [_named(_sink("kafka", {"topic": _opt("out")}))], "helper_settings": helper}

# A socket query beside a query of another source (rockthejvm/spark-streaming
# StreamingDataFrames): each query is judged by its own sources when the
# extractor followed its DataFrame back (inputs). Without inputs, every source
# of the app counts.
test_socket_query_judged_by_its_own_source if {
	socket := {"loc": _loc(4), "format": "socket", "format_loc": _loc(4), "streaming": true, "options": {}}
	csv := {"loc": _loc(8), "format": "csv", "format_loc": _loc(8), "streaming": true, "options": {}}
	console := object.union(_sink("console", {}), {"inputs": [0]})
	count(SPK010.deny) == 0 with input as _sources_sinks([socket, csv], [console])
	count(SPK010.deny) == 1 with input as _sources_sinks([socket, csv], [_sink("console", {})])
	of_csv := object.union(_sink("console", {}), {"inputs": [1]})
	count(SPK010.deny) == 1 with input as _sources_sinks([socket, csv], [of_csv])
}

# The restart is cited from the query's own Kafka source.
test_restart_from_the_querys_own_source if {
	fs := SPK010.deny with input as _with_sources_sink([_src("latest", 9), _src("earliest", 4)], object.union(_sink("console", {}), {"inputs": [0]}))
	some f in fs
	contains(f.message, "starts from the latest offset (startingOffsets=latest, jobs/q.py:9)")
}

_with_sources_sink(sources, sink) := {"apps": [{"id": "jobs/q.py", "kind": "structured", "settings": {}, "sinks": [sink], "sources": sources}]}
