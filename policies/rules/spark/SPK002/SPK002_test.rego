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

# A Kafka source only continuous-trigger queries read has no micro-batch:
# KafkaContinuousStream polls record by record and never reads
# maxOffsetsPerTrigger. A micro-batch query beside it (or a sink whose
# inputs were not followed) keeps the finding.
_sink(kind, inputs) := object.union({"format": "kafka", "streaming": true, "loc": _loc, "options": {}, "inputs": inputs}, {"trigger": {"kind": kind, "value": "1 second", "seconds": 1}})

test_quiet_on_source_read_only_in_continuous_mode if {
	app := {"id": "a", "kind": "structured", "main_loc": _loc, "settings": {}, "sources": [_src({})], "sinks": [_sink("continuous", [0])]}
	count(SPK002.deny) == 0 with input as {"apps": [app]}
	unfollowed := object.union(app, {"sinks": [_sink("continuous", [])]})
	count(SPK002.deny) == 0 with input as {"apps": [unfollowed]}
}

test_fires_on_source_a_micro_batch_query_also_reads if {
	app := {"id": "a", "kind": "structured", "main_loc": _loc, "settings": {}, "sources": [_src({})], "sinks": [_sink("continuous", [0]), _sink("processingTime", [0])]}
	count(SPK002.deny) == 1 with input as {"apps": [app]}
	unfollowed := object.union(app, {"sinks": [_sink("continuous", [0]), {"format": "console", "streaming": true, "loc": _loc, "options": {}}]})
	count(SPK002.deny) == 1 with input as {"apps": [unfollowed]}
}

# trigger(once=True) reads everything available in one batch and ignores
# maxOffsetsPerTrigger (MicroBatchExecution: "The read limit ... is ignored
# when Trigger.Once is used"): reported with or without the limit, at the
# trigger, with availableNow as the fix; availableNow honours the limit.
_once_sink(kind) := {"format": "parquet", "streaming": true, "loc": _loc, "options": {}, "inputs": [0], "trigger": {"kind": kind, "value": "", "seconds": 0, "loc": {"file": "jobs/app.py", "line": 30, "column": 9}}}

test_once_trigger_ignores_the_limit if {
	limited := {"id": "a", "kind": "structured", "main_loc": _loc, "settings": {}, "sources": [_src({"maxOffsetsPerTrigger": {"value": "1000", "num": 1000, "loc": {"file": "jobs/app.py", "line": 22, "column": 40}}})], "sinks": [_once_sink("once")]}
	fs := SPK002.deny with input as {"apps": [limited]}
	count(fs) == 1
	some f in fs
	f.location.line == 30
	contains(f.message, "maxOffsetsPerTrigger=1000 at jobs/app.py:22 has no effect")
	contains(f.message, "use .trigger(availableNow=True)")
	unlimited := object.union(limited, {"sources": [_src({})]})
	gs := SPK002.deny with input as {"apps": [unlimited]}
	count(gs) == 1
	some g in gs
	not contains(g.message, "has no effect")
	contains(g.message, "Trigger.Once ignores the read limit")
	available := object.union(limited, {"sinks": [_once_sink("availableNow")]})
	count(SPK002.deny) == 0 with input as {"apps": [available]}
}
