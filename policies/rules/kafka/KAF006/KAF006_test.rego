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

test_running_topic_gets_the_reassign_fix if {
	tloc := {"file": "kafka://k:9092/topics/t", "line": 0, "column": 0}
	fs := KAF006.deny with input as {"brokers": [], "topics": [{"name": "t", "partitions": 1, "replication_factor": 1, "source": "running cluster", "loc": tloc, "live": {"partitions": []}}]}
	some f in fs
	contains(f.message, "kafka-reassign-partitions")
}
