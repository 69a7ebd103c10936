package streamlint.rules.KAF006_test

import data.streamlint.rules.KAF006

_loc := {"file": "compose.yaml", "line": 3, "column": 3}

_in(v) := {
	"topics": [],
	"clusters": [{"id": "c", "broker_count": 1}],
	"brokers": [{"service": "kafka", "cluster": "c", "loc": _loc, "env_names": {}, "config": {"default.replication.factor": v}}],
}

test_fires_on_default if {
	fs := KAF006.deny with input as _in({"value": "1", "num": 1, "source": "default"})
	count(fs) == 1
}

test_fires_on_topic if {
	fs := KAF006.deny with input as {"brokers": [], "clusters": [], "topics": [{"name": "t", "replication_factor": 1, "source": "kafka-topics", "loc": _loc}]}
	count(fs) == 1
}

test_quiet_on_three if {
	fs := KAF006.deny with input as _in({"value": "3", "num": 3, "source": "env", "set": true, "loc": _loc})
	count(fs) == 0
}
