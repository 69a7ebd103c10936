package streamlint.rules.CAP003_test

import data.streamlint.rules.CAP003

_l(file, line) := {"file": file, "line": line, "column": 5}

_params(rate) := {"capacity": {"avg_record_bytes": 2048, "batch_memory_fraction": 0.5, "produce_rate": rate}}

_structured(options) := {
	"id": "jobs/app.py", "kind": "structured", "main_loc": _l("jobs/app.py", 1),
	"batch_seconds": {"value": "10 seconds", "num": 10, "source": "trigger", "loc": _l("jobs/app.py", 14)},
	"settings": {},
	"sources": [{"format": "kafka", "streaming": true, "loc": _l("jobs/app.py", 5), "options": options}],
	"consumes": [{"topic": "orders", "broker": "kafka", "source": 0,
		"partitions": {"value": "3", "num": 3, "source": "env", "loc": _l("compose.yaml", 11)},
	}],
}

_dstream(rate) := {
	"id": "jobs/app.py", "kind": "dstream", "main_loc": _l("jobs/app.py", 1),
	"batch_seconds": {"value": "5", "num": 5, "source": "StreamingContext"},
	"settings": {"spark.streaming.kafka.maxRatePerPartition": {"value": sprintf("%d", [rate]), "num": rate, "source": "spark-defaults.conf", "loc": _l("conf/spark-defaults.conf", 4)}},
	"sources": [],
	"consumes": [{"topic": "orders", "broker": "kafka", "source": -1,
		"partitions": {"value": "3", "num": 3, "source": "env", "loc": _l("compose.yaml", 11)},
	}],
}

_max_offsets(n) := {"maxOffsetsPerTrigger": {"value": sprintf("%d", [n]), "num": n, "loc": _l("jobs/app.py", 8)}}

_in(app, rate) := {"params": _params(rate), "apps": [app]}

test_fires_when_structured_rate_is_below_produce_rate if {
	# 20000 records / 10 s = 2000 records/s < 5000 records/s
	fs := CAP003.deny with input as _in(_structured(_max_offsets(20000)), 5000)
	count(fs) == 1
	some f in fs
	f.location.line == 8
	contains(f.message, "at most at 2000 records/s")
	contains(f.message, "maxOffsetsPerTrigger=20000 (jobs/app.py:8) / 10 s per micro-batch (trigger)")
	contains(f.message, "Producers write 5000 records/s (parameter capacity.produce_rate)")
	contains(f.message, "grows by 3000 records/s (10800000 records, 20.6 GiB of 2048 B records, per hour)")
	contains(f.message, "maxOffsetsPerTrigger to at least 50000")
	{r.line | some r in f.related} == {14}
}

test_quiet_when_structured_rate_keeps_up if {
	fs := CAP003.deny with input as _in(_structured(_max_offsets(50000)), 5000)
	count(fs) == 0
}

test_quiet_when_produce_rate_is_unset if {
	fs := CAP003.deny with input as _in(_structured(_max_offsets(20000)), 0)
	count(fs) == 0
}

test_quiet_without_rate_limit if {
	# no limit at all: SPK002 says it, and there is no maximum to compare
	fs := CAP003.deny with input as _in(_structured({}), 5000)
	count(fs) == 0
}

test_fires_when_dstream_rate_is_below_produce_rate if {
	# 500 records/s/partition x 3 partitions = 1500 records/s < 5000
	fs := CAP003.deny with input as _in(_dstream(500), 5000)
	count(fs) == 1
	some f in fs
	f.location.file == "conf/spark-defaults.conf"
	f.location.line == 4
	contains(f.message, "spark.streaming.kafka.maxRatePerPartition=500 (spark-defaults.conf (conf/spark-defaults.conf:4)) x 3 partition(s) of \"orders\" (set at compose.yaml:11) = 1500 records/s")
	contains(f.message, "maxRatePerPartition to at least 1667 (= 5000 records/s / 3 partition(s))")
	{r.line | some r in f.related} == {11}
}

test_quiet_when_dstream_rate_equals_produce_rate if {
	# 5001/3 rounds up: 1667 x 3 = 5001 >= 5000
	fs := CAP003.deny with input as _in(_dstream(1667), 5001)
	count(fs) == 0
}

test_fractional_rates if {
	# 1000 records / 3 s = 333.3 records/s < 400
	app := json.patch(_structured(_max_offsets(1000)), [{"op": "replace", "path": "/batch_seconds", "value": {"value": "3 seconds", "num": 3, "source": "trigger"}}])
	fs := CAP003.deny with input as _in(app, 400)
	count(fs) == 1
	some f in fs
	contains(f.message, "at most at 333.3 records/s")
	contains(f.message, "at least 1200")
}
