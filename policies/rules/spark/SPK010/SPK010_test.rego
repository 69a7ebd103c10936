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

test_quiet_with_session_setting if {
	fs := SPK010.deny with input as _in([_sink("parquet", {}), _sink("console", {})], {"spark.sql.streaming.checkpointLocation": {"value": "/data/cp", "source": "spark-defaults", "loc": _loc(1)}})
	count(fs) == 0
}

test_quiet_on_batch_write if {
	fs := SPK010.deny with input as _in([object.union(_sink("parquet", {}), {"streaming": false})], {})
	count(fs) == 0
}
