package streamlint.rules.SPK002_test

import data.streamlint.rules.SPK002

_loc := {"file": "jobs/app.py", "line": 19, "column": 11}

_src(options) := {"format": "kafka", "streaming": true, "loc": _loc, "options": options}

test_fires_on_structured_without_limit if {
	fs := SPK002.deny with input as {"apps": [{"id": "a", "kind": "structured", "main_loc": _loc, "settings": {}, "sources": [_src({"subscribe": {"value": "t"}})]}]}
	count(fs) == 1
	some f in fs
	f.location == _loc
}

test_quiet_with_max_offsets if {
	fs := SPK002.deny with input as {"apps": [{"id": "a", "kind": "structured", "main_loc": _loc, "settings": {}, "sources": [_src({"maxOffsetsPerTrigger": {"value": "1000", "num": 1000}})]}]}
	count(fs) == 0
}

test_fires_on_dstream_without_rate if {
	fs := SPK002.deny with input as {"apps": [{"id": "a", "kind": "dstream", "kafka_dstream": true, "main_loc": _loc, "settings": {}, "sources": []}]}
	count(fs) == 1
}

test_quiet_on_dstream_with_rate if {
	fs := SPK002.deny with input as {"apps": [{"id": "a", "kind": "dstream", "main_loc": _loc, "sources": [], "settings": {"spark.streaming.kafka.maxRatePerPartition": {"value": "100", "num": 100}}}]}
	count(fs) == 0
}

test_quiet_on_batch_kafka_read if {
	fs := SPK002.deny with input as {"apps": [{"id": "a", "kind": "unknown", "main_loc": _loc, "settings": {}, "sources": [{"format": "kafka", "streaming": false, "loc": _loc, "options": {}}]}]}
	count(fs) == 0
}

# Spark matches source options case-insensitively.
test_quiet_on_option_in_other_case if {
	app := {
		"id": "jobs/app.py", "kind": "structured", "settings": {},
		"sources": [{"format": "kafka", "streaming": true, "loc": {"file": "jobs/app.py", "line": 3, "column": 1}, "options": {"MaxOffsetsPerTrigger": {"value": "1000", "num": 1000}}}],
	}
	count(SPK002.deny) == 0 with input as {"apps": [app]}
}

# a socket DStream (ssc.socketTextStream) reads no Kafka: its rate is
# spark.streaming.receiver.maxRate, and this rule has nothing to say
test_quiet_on_socket_dstream if {
	fs := SPK002.deny with input as {"apps": [{"id": "a", "kind": "dstream", "other_dstream": true, "main_loc": _loc, "sources": [], "settings": {"spark.streaming.receiver.maxRate": {"value": "1000", "num": 1000}}}]}
	count(fs) == 0
}

# a DStream job whose input is made by a class of the project (no
# KafkaUtils call, no socket in this file) is taken to read Kafka
test_fires_on_dstream_without_visible_input if {
	count(SPK002.deny) == 1 with input as {"apps": [{"id": "a", "kind": "dstream", "main_loc": _loc, "sources": [], "settings": {}}]}
}

# kafkaParams, or a spark.streaming.kafka.* key, say the DStream reads Kafka
# even when KafkaUtils is called in another file
test_fires_on_dstream_with_kafka_params if {
	params := {"bootstrap.servers": {"value": "kafka:9092"}}
	count(SPK002.deny) == 1 with input as {"apps": [{"id": "a", "kind": "dstream", "other_dstream": true, "main_loc": _loc, "sources": [], "settings": {}, "kafka_params": params}]}
	count(SPK002.deny) == 1 with input as {"apps": [{"id": "a", "kind": "dstream", "other_dstream": true, "main_loc": _loc, "sources": [], "settings": {"spark.streaming.kafka.consumer.poll.ms": {"value": "512"}}}]}
}

# .options(extraConfs) the extractor cannot follow may carry
# maxOffsetsPerTrigger (AbsaOSS/hyperdrive's KafkaStreamReader): unknown,
# not absent.
test_quiet_when_options_are_unknown if {
	src := object.union(_src({"subscribe": {"value": "t"}}), {"options_unknown": true})
	count(SPK002.deny) == 0 with input as {"apps": [{"id": "a", "kind": "structured", "main_loc": _loc, "settings": {}, "sources": [src]}]}
}

# Trigger.Once drops the source's read limit; AvailableNow keeps it.
_once_limit := {"value": "100000", "num": 100000, "loc": {"file": "jobs/app.py", "line": 7, "column": 39}}

_trigger_app(kind) := {"id": "a", "kind": "structured", "main_loc": _loc, "settings": {}, "sources": [_src({"maxOffsetsPerTrigger": _once_limit})], "sinks": [{
	"format": "parquet", "streaming": true, "loc": _loc, "inputs": [0],
	"trigger": {"kind": kind, "loc": {"file": "jobs/app.py", "line": 11, "column": 18}},
}]}

test_fires_on_limit_under_once_trigger if {
	fs := SPK002.deny with input as {"apps": [_trigger_app("once")]}
	count(fs) == 1
	some f in fs
	f.location.line == 7
	contains(f.message, "the query runs with a once trigger (jobs/app.py:11)")
	contains(f.message, "maxOffsetsPerTrigger=100000 bounds nothing")
	f.related[0].line == 11
}

test_quiet_on_limit_under_available_now if {
	count(SPK002.deny) == 0 with input as {"apps": [_trigger_app("availableNow")]}
	count(SPK002.deny) == 0 with input as {"apps": [_trigger_app("processingTime")]}
}
