package streamlint.rules.KAF002_test

import data.streamlint.rules.KAF002

_loc := {"file": "compose.yaml", "line": 3, "column": 3}

test_fires_on_default if {
	fs := KAF002.deny with input as {"brokers": [{"service": "kafka", "loc": _loc, "env_names": {}, "config": {
		"log.retention.bytes": {"value": "-1", "num": -1, "source": "default", "set": false},
		"num.partitions": {"value": "3", "num": 3},
	}}]}
	count(fs) == 1
	some f in fs
	f.location == _loc
	contains(f.message, "per partition")
}

test_fires_on_explicit_minus_one if {
	vloc := {"file": "compose.yaml", "line": 9, "column": 34}
	fs := KAF002.deny with input as {"brokers": [{"service": "kafka", "loc": _loc, "env_names": {}, "config": {"log.retention.bytes": {"value": "-1", "num": -1, "source": "env", "set": true, "loc": vloc}}}]}
	some f in fs
	f.location == vloc
}

test_quiet_when_bounded if {
	fs := KAF002.deny with input as {"brokers": [{"service": "kafka", "loc": _loc, "env_names": {}, "config": {"log.retention.bytes": {"value": "1073741824", "num": 1073741824, "source": "env", "set": true}}}]}
	count(fs) == 0
}

_running_topic(rb, source) := {"name": "events", "partitions": 2, "loc": {"file": "kafka://k:9092/topics/events", "line": 0, "column": 0}, "live": {"partitions": []}, "config": {"retention.bytes": {"value": sprintf("%d", [rb]), "num": rb, "source": source}}}

test_fires_on_running_topic_override if {
	fs := KAF002.deny with input as {"brokers": [], "topics": [_running_topic(-1, "dynamic-topic-config")]}
	count(fs) == 1
	some f in fs
	f.location.file == "kafka://k:9092/topics/events"
	contains(f.message, "the topic's own config")
}

test_quiet_on_running_topic_inheriting if {
	# -1 inherited from the brokers is reported once, at the brokers
	fs := KAF002.deny with input as {"brokers": [], "topics": [_running_topic(-1, "default")]}
	count(fs) == 0
}

test_partitions_kafka_cannot_read_are_not_quoted if {
	inp := {"brokers": [{
		"service": "kafka", "loc": {"file": "c.yml", "line": 2, "column": 3},
		"config": {
			"log.retention.bytes": {"value": "-1", "num": -1, "source": "default"},
			"num.partitions": {"value": "abc", "invalid": "\"abc\" is not an integer", "source": "env", "set": true},
		},
	}]}
	fs := KAF002.deny with input as inp
	some f in fs
	contains(f.message, "num.partitions=N would hold N x")
}
