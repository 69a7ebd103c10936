package streamlint.rules.CAP001_test

import data.streamlint.rules.CAP001

_l(file, line) := {"file": file, "line": line, "column": 5}

_params := {"capacity": {"avg_record_bytes": 2048, "batch_memory_fraction": 0.5}}

_gib := 1073741824

_app(options) := {
	"id": "jobs/app.py", "kind": "structured", "main_loc": _l("jobs/app.py", 1),
	"batch_seconds": {"value": "5", "num": 5, "source": "trigger"},
	"settings": {"spark.executor.memory": {"value": "1g", "num": _gib, "loc": _l("conf/spark-defaults.conf", 3)}},
	"sources": [{"format": "kafka", "streaming": true, "loc": _l("jobs/app.py", 19), "options": options}],
	"consumes": [{"topic": "transactions", "broker": "kafka",
		"partitions": {"value": "1", "num": 1, "source": "default"},
		"retention_bytes": {"value": "10737418240", "num": 10737418240, "source": "env", "loc": _l("compose.yaml", 25)},
	}],
	"executors": {"count": 2, "heap_bytes": _gib, "memory_fraction": 0.6, "reserved_bytes": 314572800, "unified_bytes": (2 * (_gib - 314572800)) * 0.6, "workers": ["w1"], "explain": "2 executors"},
}

_in(app) := {"params": _params, "apps": [app], "workers": [{"service": "w1", "memory": {"value": "2560m", "loc": _l("compose.yaml", 44)}}]}

test_fires_on_backlog_without_limit if {
	fs := CAP001.deny with input as _in(_app({}))
	count(fs) == 1
	some f in fs
	f.location.line == 19
	contains(f.message, "10 GiB")
	contains(f.message, "434.4 MiB")
	contains(f.message, "at most 222412")
	{r.line | some r in f.related} == {25, 3, 44}
}

test_fires_on_large_max_offsets if {
	fs := CAP001.deny with input as _in(_app({"maxOffsetsPerTrigger": {"value": "1000000", "num": 1000000, "loc": _l("jobs/app.py", 22)}}))
	count(fs) == 1
	some f in fs
	f.location.line == 22
}

test_quiet_on_small_max_offsets if {
	fs := CAP001.deny with input as _in(_app({"maxOffsetsPerTrigger": {"value": "100000", "num": 100000, "loc": _l("jobs/app.py", 22)}}))
	count(fs) == 0
}

test_quiet_when_retention_unbounded if {
	app := json.patch(_app({}), [{"op": "replace", "path": "/consumes/0/retention_bytes", "value": {"value": "-1", "num": -1, "source": "default"}}])
	fs := CAP001.deny with input as _in(app)
	count(fs) == 0
}

test_fires_on_dstream_rate if {
	app := object.union(_app({}), {
		"kind": "dstream",
		"settings": {"spark.streaming.kafka.maxRatePerPartition": {"value": "100000", "num": 100000, "source": "code", "loc": _l("jobs/app.py", 9)}},
	})
	fs := CAP001.deny with input as _in(app)
	count(fs) == 1
	some f in fs
	f.location.line == 9
	contains(f.message, "maxRatePerPartition to at most 44482")
}

# A topic the project creates says so, instead of naming num.partitions.
test_partitions_of_a_created_topic if {
	created := {"value": "2", "num": 2, "source": "KAFKA_CREATE_TOPICS", "set": true, "loc": _l("compose.yaml", 9)}
	app := json.patch(_app({}), [{"op": "replace", "path": "/consumes/0/partitions", "value": created}])
	fs := CAP001.deny with input as _in(app)
	count(fs) == 1
	some f in fs
	contains(f.message, "x 2 partition(s) (created by KAFKA_CREATE_TOPICS at compose.yaml:9)")
	not contains(f.message, "num.partitions")
	"partitions (KAFKA_CREATE_TOPICS)" in {r.message | some r in f.related}
}

# A Kafka source whose options could not all be read may have
# maxOffsetsPerTrigger: its batch is not taken to be the whole backlog.
test_quiet_on_backlog_when_options_are_unknown if {
	app := json.patch(_app({}), [{"op": "add", "path": "/sources/0/options_unknown", "value": true}])
	count(CAP001.deny) == 0 with input as _in(app)
}

# The once trigger drops maxOffsetsPerTrigger: the one batch is the whole
# 10 GiB backlog, not 1000 records; availableNow keeps the limit.
_triggered(kind) := object.union(_app({"maxOffsetsPerTrigger": {"value": "1000", "num": 1000, "loc": _l("jobs/app.py", 22)}}), {"sinks": [{
	"format": "parquet", "streaming": true, "loc": _l("jobs/app.py", 30), "inputs": [0],
	"trigger": {"kind": kind, "loc": _l("jobs/app.py", 33)},
}]})

test_once_trigger_reads_the_backlog if {
	fs := CAP001.deny with input as _in(_triggered("once"))
	count(fs) == 1
	some f in fs
	f.location.line == 22
	contains(f.message, "one micro-batch can hold 10 GiB")
	contains(f.message, "maxOffsetsPerTrigger=1000 (jobs/app.py:22) is ignored under the once trigger")
	contains(f.message, "Run the query with the availableNow trigger")
}

test_quiet_with_limit_under_available_now if {
	count(CAP001.deny) == 0 with input as _in(_triggered("availableNow"))
}
