package streamlint.rules.RET001_test

import data.streamlint.rules.RET001

_loc := {"file": "kafka://k:9092/topics/t", "line": 0, "column": 0}

_params := {"live": {"retention_warning": 0.7, "retention_error": 0.9}}

_topic(rb, sizes) := {
	"name": "t", "loc": _loc, "partitions": count(sizes),
	"config": {
		"retention.bytes": {"value": sprintf("%d", [rb]), "num": rb, "source": "dynamic-topic-config"},
		"retention.ms": {"value": "86400000", "num": 86400000, "ms": 86400000, "source": "default"},
	},
	"live": {"partitions": [{"partition": i, "size_bytes": s} | some i, s in sizes]},
}

test_error_at_95_percent if {
	fs := RET001.deny with input as {"params": _params, "topics": [_topic(1000, [950, 100])]}
	count(fs) == 1
	some f in fs
	f.severity == "error"
	f.location == _loc
	contains(f.message, "partition 0 holds 950 B, 95% of its retention.bytes=1000")
	contains(f.message, "the topic's own config")
	contains(f.message, "1 of 2 partition(s)")
	contains(f.message, "retention.ms=86400000 (the default) would keep 1 d")
}

test_warning_at_75_percent if {
	fs := RET001.deny with input as {"params": _params, "topics": [_topic(1000, [750, 720])]}
	some f in fs
	f.severity == "warning"
	contains(f.message, "2 of 2 partition(s) are at or above 70%")
}

test_quiet_below_70_percent if {
	fs := RET001.deny with input as {"params": _params, "topics": [_topic(1000, [690, 10])]}
	count(fs) == 0
}

test_quiet_when_unbounded if {
	fs := RET001.deny with input as {"params": _params, "topics": [_topic(-1, [10000000])]}
	count(fs) == 0
}

test_quiet_when_size_unknown if {
	fs := RET001.deny with input as {"params": _params, "topics": [_topic(1000, [-1])]}
	count(fs) == 0
}

test_quiet_on_repository_topic if {
	fs := RET001.deny with input as {"params": _params, "topics": [{"name": "t", "partitions": 1, "loc": _loc}]}
	count(fs) == 0
}
