package streamlint.rules.CAP002_test

import data.streamlint.rules.CAP002

_l(file, line) := {"file": file, "line": line, "column": 5}

_gib := 1073741824

_hours(h) := {"value": sprintf("%d", [h]), "var": "KAFKA_CFG_LOG_RETENTION_HOURS", "num": h, "ms": (h * 3600) * 1000, "source": "env", "loc": _l("compose.yaml", 12)}

_bytes(n) := {"value": sprintf("%d", [n]), "var": "KAFKA_CFG_LOG_RETENTION_BYTES", "num": n, "source": "env", "loc": _l("compose.yaml", 13)}

_consumes(retention_bytes, retention_ms) := [{
	"topic": "orders", "broker": "kafka", "source": 0,
	"partitions": {"value": "3", "num": 3, "var": "KAFKA_CFG_NUM_PARTITIONS", "source": "env", "loc": _l("compose.yaml", 11)},
	"retention_bytes": retention_bytes, "retention_ms": retention_ms,
}]

# 1000 records / 10 s = 100 records/s
_structured(consumes, options) := {
	"id": "jobs/app.py", "kind": "structured", "main_loc": _l("jobs/app.py", 1),
	"batch_seconds": {"value": "10 seconds", "num": 10, "source": "trigger", "loc": _l("jobs/app.py", 14)},
	"settings": {},
	"sources": [{"format": "kafka", "streaming": true, "loc": _l("jobs/app.py", 5), "options": options}],
	"consumes": consumes,
}

_limit := {"maxOffsetsPerTrigger": {"value": "1000", "num": 1000, "loc": _l("jobs/app.py", 8)}}

_broker(retention_ms) := {"service": "kafka", "env_names": {"log.retention.hours": "KAFKA_CFG_LOG_RETENTION_HOURS"}, "config": {
	"log.retention.ms": {"value": "null", "source": "default"},
	"log.retention.minutes": {"value": "null", "source": "default"},
	"log.retention.hours": retention_ms,
}}

_in(app, produce) := {
	"params": {"capacity": {"avg_record_bytes": 2048, "batch_memory_fraction": 0.5, "produce_rate": produce}},
	"apps": [app], "brokers": [_broker(app.consumes[0].retention_ms)],
}

test_fires_when_size_backlog_outlasts_retention if {
	# 1 GiB x 3 / 2048 B = 1572864 records at 100 records/s = 4.4 h > 1 h
	fs := CAP002.deny with input as _in(_structured(_consumes(_bytes(_gib), _hours(1)), _limit), 0)
	count(fs) == 1
	some f in fs
	f.location.line == 8
	contains(f.message, "the backlog is 1572864 records (log.retention.bytes=1073741824 per partition (set at compose.yaml:13) x 3 partition(s) (set at compose.yaml:11) / 2048 B per record = 1572864 records (3 GiB))")
	contains(f.message, "at most 100 records/s (maxOffsetsPerTrigger=1000 (jobs/app.py:8) / 10 s per micro-batch (trigger) = 100 records/s)")
	contains(f.message, "catching up takes 4.4 h, longer than the time retention log.retention.hours=1 (set at compose.yaml:12) = 1 h")
	contains(f.message, "maxOffsetsPerTrigger to at least 4370 (= 436.9 records/s x 10 s per micro-batch)")
	contains(f.message, "or keep data at least 4.4 h (KAFKA_CFG_LOG_RETENTION_HOURS=5)")
	{r.line | some r in f.related} == {14, 13, 12, 11}
}

test_quiet_when_backlog_drains_within_retention if {
	# 4.4 h < 24 h
	fs := CAP002.deny with input as _in(_structured(_consumes(_bytes(_gib), _hours(24)), _limit), 0)
	count(fs) == 0
}

test_produce_rate_bounds_the_backlog if {
	# min(1572864, 50 records/s x 1 h = 180000) = 180000 records: 30 min < 1 h
	fs := CAP002.deny with input as _in(_structured(_consumes(_bytes(_gib), _hours(1)), _limit), 50)
	count(fs) == 0
}

test_fires_when_producers_outpace_the_app if {
	# min(1572864, 150 x 3600 = 540000) = 540000 records at 100 records/s = 1.5 h > 1 h
	fs := CAP002.deny with input as _in(_structured(_consumes(_bytes(_gib), _hours(1)), _limit), 150)
	count(fs) == 1
	some f in fs
	contains(f.message, "the backlog is 540000 records (the smaller of ")
	contains(f.message, "capacity.produce_rate 150 records/s x 1 h of retention = 540000 records")
	contains(f.message, "maxOffsetsPerTrigger to at least 1500 (= 150 records/s x 10 s per micro-batch)")
	contains(f.message, "never catches up")
	contains(f.message, "see CAP003")
	not contains(f.message, "keep data at least")
}

test_unbounded_size_uses_the_produce_rate if {
	fs := CAP002.deny with input as _in(_structured(_consumes({"value": "-1", "num": -1, "source": "default"}, _hours(1)), _limit), 150)
	count(fs) == 1
	some f in fs
	contains(f.message, "the backlog is 540000 records (capacity.produce_rate 150 records/s")
	{r.line | some r in f.related} == {14, 12, 11}
}

test_quiet_when_backlog_is_unbounded if {
	# no size retention and no produce rate: nothing to compute
	fs := CAP002.deny with input as _in(_structured(_consumes({"value": "-1", "num": -1, "source": "default"}, _hours(1)), _limit), 0)
	count(fs) == 0
}

test_quiet_when_time_retention_is_unbounded if {
	ms := {"value": "-1", "var": "KAFKA_CFG_LOG_RETENTION_MS", "num": -1, "ms": -1, "source": "env", "loc": _l("compose.yaml", 12)}
	fs := CAP002.deny with input as _in(_structured(_consumes(_bytes(_gib), ms), _limit), 0)
	count(fs) == 0
}

test_quiet_without_rate_limit if {
	# SPK002 and CAP001 say it: there is no maximum rate to compare
	fs := CAP002.deny with input as _in(_structured(_consumes(_bytes(_gib), _hours(1)), {}), 0)
	count(fs) == 0
}

test_default_retention_is_named if {
	default_hours := {"value": "168", "num": 168, "ms": 604800000, "source": "default"}
	# 1 GiB x 3 / 2048 at 1 record/s = 18.2 d > 7 d
	limit := {"maxOffsetsPerTrigger": {"value": "10", "num": 10, "loc": _l("jobs/app.py", 8)}}
	fs := CAP002.deny with input as _in(_structured(_consumes(_bytes(_gib), default_hours), limit), 0)
	count(fs) == 1
	some f in fs
	contains(f.message, "longer than the time retention log.retention.hours=168 (the default) = 7 d")
	contains(f.message, "keep data at least 436.9 h (KAFKA_CFG_LOG_RETENTION_HOURS=437)")
}

test_fires_on_dstream if {
	# 10 records/s/partition x 3 = 30 records/s: 1572864 records take 14.6 h > 12 h
	app := {
		"id": "jobs/app.py", "kind": "dstream", "main_loc": _l("jobs/app.py", 1),
		"batch_seconds": {"value": "5", "num": 5, "source": "StreamingContext"},
		"settings": {"spark.streaming.kafka.maxRatePerPartition": {"value": "10", "num": 10, "source": "spark-defaults.conf", "loc": _l("conf/spark-defaults.conf", 4)}},
		"sources": [],
		"consumes": _consumes(_bytes(_gib), _hours(12)),
	}
	fs := CAP002.deny with input as _in(app, 0)
	count(fs) == 1
	some f in fs
	f.location.file == "conf/spark-defaults.conf"
	contains(f.message, "catching up takes 14.6 h")
	contains(f.message, "maxRatePerPartition to at least 13 (= 36.4 records/s / 3 partition(s))")
	{r.line | some r in f.related} == {11, 13, 12}
}

test_size_backlog_with_producers_asks_for_the_produce_rate if {
	# 1572864 records (size-bounded: 20 records/s x 24 h = 1728000 is more)
	# at 10 records/s take 43.7 h > 24 h; the producers add 20 records/s,
	# so the app never catches up: it needs at least 20 records/s (200 per
	# 10 s trigger, as CAP003 says), not 1572864 / 24 h = 18.2 records/s,
	# and keeping data longer does not help.
	limit := {"maxOffsetsPerTrigger": {"value": "100", "num": 100, "loc": _l("jobs/app.py", 8)}}
	fs := CAP002.deny with input as _in(_structured(_consumes(_bytes(_gib), _hours(24)), limit), 20)
	count(fs) == 1
	some f in fs
	contains(f.message, "catching up takes 43.7 h, longer than the time retention log.retention.hours=24 (set at compose.yaml:12) = 1 d, even if the producers paused; and they add 20 records/s (capacity.produce_rate), more than it reads, so it never catches up; the oldest")
	contains(f.message, "maxOffsetsPerTrigger to at least 200 (= 20 records/s x 10 s per micro-batch)")
	contains(f.message, "see CAP003")
	not contains(f.message, "keep data at least")
}
