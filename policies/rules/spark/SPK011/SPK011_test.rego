package streamlint.rules.SPK011_test

import data.streamlint.rules.SPK011

_l(line) := {"file": "jobs/app.py", "line": line, "column": 32}

_opt(value, line) := {"value": value, "source": "code", "loc": _l(line), "set": true}

_src(options) := {"format": "kafka", "streaming": true, "loc": _l(20), "options": options}

_consumes := [{
	"topic": "orders", "source": 0,
	"partitions": {"value": "3", "num": 3, "source": "env", "loc": {"file": "docker-compose.yml", "line": 27, "column": 29}},
	"retention_bytes": {"value": "1073741824", "num": 1073741824, "source": "env", "loc": {"file": "docker-compose.yml", "line": 25, "column": 34}},
	"retention_ms": {"value": "24", "ms": 86400000, "source": "env"},
}]

_structured(options) := {"id": "jobs/app.py", "kind": "structured", "settings": {}, "sources": [_src(options)], "consumes": _consumes}

test_earliest_without_limit if {
	fs := SPK011.deny with input as {"apps": [_structured({"subscribe": _opt("orders", 21), "startingOffsets": _opt("earliest", 22)})]}
	count(fs) == 1
	some f in fs
	f.location == _l(22)
	contains(f.message, "startingOffsets=earliest and no maxOffsetsPerTrigger")
	contains(f.message, `reads "orders" from the oldest retained offset`)
	contains(f.message, "log.retention.bytes=1 GiB (set at docker-compose.yml:25) x 3 partition(s) of \"orders\" (set at docker-compose.yml:27) = 3 GiB")
}

test_option_name_and_value_case_insensitive if {
	fs := SPK011.deny with input as {"apps": [_structured({"STARTINGOFFSETS": _opt("Earliest", 22)})]}
	count(fs) == 1
}

test_json_earliest_partition if {
	fs := SPK011.deny with input as {"apps": [_structured({"startingOffsets": _opt(`{"orders":{"0":-2,"1":-1}}`, 22)})]}
	count(fs) == 1
}

test_unbounded_retention_says_time if {
	app := object.union(_structured({"startingOffsets": _opt("earliest", 22)}), {"consumes": [{
		"topic": "orders", "source": 0,
		"partitions": {"value": "1", "num": 1, "source": "default"},
		"retention_bytes": {"value": "-1", "num": -1, "source": "default"},
		"retention_ms": {"value": "168", "ms": 604800000, "source": "default"},
	}]})
	fs := SPK011.deny with input as {"apps": [app]}
	count(fs) == 1
	some f in fs
	contains(f.message, `everything "orders" retains, 7 d of records`)
}

test_quiet_with_max_offsets if {
	fs := SPK011.deny with input as {"apps": [_structured({"startingOffsets": _opt("earliest", 22), "maxOffsetsPerTrigger": {"value": "50000", "num": 50000}})]}
	count(fs) == 0
}

test_quiet_with_max_offsets_other_case if {
	fs := SPK011.deny with input as {"apps": [_structured({"startingOffsets": _opt("earliest", 22), "maxoffsetspertrigger": {"value": "50000", "num": 50000}})]}
	count(fs) == 0
}

test_zero_max_offsets_is_no_limit if {
	fs := SPK011.deny with input as {"apps": [_structured({"startingOffsets": _opt("earliest", 22), "maxOffsetsPerTrigger": {"value": "0", "num": 0}})]}
	count(fs) == 1
}

test_quiet_on_latest if {
	fs := SPK011.deny with input as {"apps": [_structured({"startingOffsets": _opt("latest", 22)})]}
	count(fs) == 0
}

test_quiet_without_starting_offsets if {
	# the streaming default is latest
	fs := SPK011.deny with input as {"apps": [_structured({"subscribe": _opt("orders", 21)})]}
	count(fs) == 0
}

test_quiet_when_timestamp_wins if {
	fs := SPK011.deny with input as {"apps": [_structured({"startingOffsets": _opt("earliest", 22), "startingTimestamp": _opt("1700000000000", 23)})]}
	count(fs) == 0
}

test_quiet_on_batch_read if {
	app := object.union(_structured({}), {"sources": [{"format": "kafka", "streaming": false, "loc": _l(20), "options": {"startingOffsets": _opt("earliest", 22)}}]})
	fs := SPK011.deny with input as {"apps": [app]}
	count(fs) == 0
}

test_quiet_on_unresolved_value if {
	fs := SPK011.deny with input as {"apps": [_structured({"startingOffsets": {"value": "start", "unresolved": true, "loc": _l(22)}})]}
	count(fs) == 0
}

_dstream(params, settings) := {
	"id": "jobs/Clicks.scala", "kind": "dstream", "settings": settings, "sources": [], "kafka_params": params,
	"consumes": [object.union(_consumes[0], {"source": -1})],
}

_reset(value) := {"auto.offset.reset": {"value": value, "source": "code", "var": "kafkaParams", "loc": {"file": "jobs/Clicks.scala", "line": 19, "column": 30}}}

test_dstream_earliest_without_rate if {
	fs := SPK011.deny with input as {"apps": [_dstream(_reset("earliest"), {})]}
	count(fs) == 1
	some f in fs
	f.location.line == 19
	contains(f.message, "auto.offset.reset=earliest in the kafkaParams and no spark.streaming.kafka.maxRatePerPartition")
	contains(f.message, `reads "orders"`)
}

test_quiet_on_dstream_with_rate if {
	fs := SPK011.deny with input as {"apps": [_dstream(_reset("earliest"), {"spark.streaming.kafka.maxRatePerPartition": {"value": "1000", "num": 1000}})]}
	count(fs) == 0
}

test_dstream_zero_rate_is_no_limit if {
	fs := SPK011.deny with input as {"apps": [_dstream(_reset("earliest"), {"spark.streaming.kafka.maxRatePerPartition": {"value": "0", "num": 0}})]}
	count(fs) == 1
}

test_quiet_on_dstream_latest if {
	fs := SPK011.deny with input as {"apps": [_dstream(_reset("latest"), {})]}
	count(fs) == 0
}

# options the extractor could not read may hold maxOffsetsPerTrigger
test_quiet_when_options_are_unknown if {
	app := _structured({"startingOffsets": _opt("earliest", 22)})
	unknown := object.union(app, {"sources": [object.union(_src({"startingOffsets": _opt("earliest", 22)}), {"options_unknown": true})]})
	count(SPK011.deny) == 0 with input as {"apps": [unknown]}
}

# Continuous processing reads record by record: no first micro-batch to
# bound, and maxOffsetsPerTrigger is never read.
test_quiet_on_source_read_only_in_continuous_mode if {
	app := object.union(_structured({"subscribe": _opt("orders", 21), "startingOffsets": _opt("earliest", 22)}), {"sinks": [{"format": "kafka", "streaming": true, "loc": _l(30), "options": {}, "inputs": [0], "trigger": {"kind": "continuous", "value": "1 second", "seconds": 1}}]})
	count(SPK011.deny) == 0 with input as {"apps": [app]}
	mixed := object.union(app, {"sinks": array.concat(app.sinks, [{"format": "console", "streaming": true, "loc": _l(31), "options": {}, "inputs": [0]}])})
	count(SPK011.deny) == 1 with input as {"apps": [mixed]}
}

# A source only trigger(once=True) queries read: SPK002 reports it (the
# limit SPK011 would advise is ignored).
test_quiet_on_source_read_only_by_once if {
	app := object.union(_structured({"subscribe": _opt("orders", 21), "startingOffsets": _opt("earliest", 22)}), {"sinks": [{"format": "parquet", "streaming": true, "loc": _l(30), "options": {}, "inputs": [0], "trigger": {"kind": "once", "value": "", "seconds": 0, "loc": _l(31)}}]})
	count(SPK011.deny) == 0 with input as {"apps": [app]}
}
