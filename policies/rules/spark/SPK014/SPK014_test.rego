package streamlint.rules.SPK014_test

import data.streamlint.rules.SPK014

_ssc := {"file": "jobs/clicks.py", "line": 6, "column": 7}

_vloc := {"file": "conf/spark-defaults.conf", "line": 3, "column": 42}

_batch := {"value": "5", "source": "StreamingContext", "set": true, "num": 5}

_app(kind, settings) := {"id": "jobs/clicks.py", "kind": kind, "main_loc": _ssc, "settings": settings, "batch_seconds": _batch}

_graceful(value) := {"spark.streaming.stopGracefullyOnShutdown": object.union({"value": value, "source": "spark-defaults", "loc": _vloc, "set": true}, _bool(value))}

# _bool is the boolean Go reads from a value (true or false in any case,
# trimmed), absent for anything else.
_bool(value) := {"bool": lower(trim_space(value)) == "true"} if {
	lower(trim_space(value)) in {"true", "false"}
} else := {}


test_fires_when_unset if {
	fs := SPK014.deny with input as {"apps": [_app("dstream", {})]}
	count(fs) == 1
	some f in fs
	f.location == _ssc
	contains(f.message, "(5 s each, StreamingContext)")
}

test_fires_when_false_at_the_setting if {
	fs := SPK014.deny with input as {"apps": [_app("dstream", _graceful("false"))]}
	count(fs) == 1
	some f in fs
	f.location == _vloc
	contains(f.message, "=false (spark-defaults, conf/spark-defaults.conf:3)")
}

# A session-only base class (SparkSession.builder with spark.streaming.*
# keys, no StreamingContext or KafkaUtils) whose subclasses use
# readStream: the keys are no evidence of a DStream job.
test_quiet_on_unknown_kind_with_streaming_keys if {
	fs := SPK014.deny with input as {"apps": [_app("unknown", {"spark.streaming.backpressure.enabled": {"value": "true", "source": "code", "loc": _ssc}})]}
	count(fs) == 0
}

test_quiet_when_true_any_case if {
	fs := SPK014.deny with input as {"apps": [_app("dstream", _graceful(" True"))]}
	count(fs) == 0
}

test_quiet_when_unresolved if {
	fs := SPK014.deny with input as {"apps": [_app("dstream", {"spark.streaming.stopGracefullyOnShutdown": {"value": "${GRACEFUL}", "unresolved": true, "source": "spark-submit", "loc": _vloc}})]}
	count(fs) == 0
}

test_quiet_on_structured if {
	fs := SPK014.deny with input as {"apps": [_app("structured", {})]}
	count(fs) == 0
}
