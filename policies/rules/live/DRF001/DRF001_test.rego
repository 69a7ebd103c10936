package streamlint.rules.DRF001_test

import data.streamlint.rules.DRF001

_np_loc := {"file": "docker-compose.yml", "line": 27, "column": 29}

_ret_loc := {"file": "docker-compose.yml", "line": 24, "column": 34}

_topic_loc := {"file": "docker-compose.yml", "line": 40, "column": 9}

_b_loc := {"file": "docker-compose.yml", "line": 10, "column": 3}

_repo_broker := {
	"service": "kafka", "loc": _b_loc, "cluster": "zk", "env_names": {},
	"config": {
		"num.partitions": {"value": "3", "num": 3, "source": "env", "var": "KAFKA_NUM_PARTITIONS", "loc": _np_loc, "set": true},
		"log.retention.hours": {"value": "24", "num": 24, "ms": 86400000, "source": "env", "var": "KAFKA_LOG_RETENTION_HOURS", "loc": _ret_loc, "set": true},
		"broker.id": {"value": "1", "num": 1, "source": "env", "loc": _b_loc, "set": true},
		"auto.create.topics.enable": {"value": "TRUE", "source": "env", "loc": _b_loc, "set": true},
		"sasl.jaas.config": {"value": "<redacted>", "source": "env", "loc": _b_loc, "set": true, "secret": "literal"},
		"log.retention.bytes": {"value": "-1", "num": -1, "source": "default", "set": false},
	},
}

_running_broker(np, ms) := {
	"service": "0", "loc": {"file": "kafka://k:9092/brokers/0", "line": 0, "column": 0}, "live": {"node_id": 0},
	"config": {
		"num.partitions": {"value": sprintf("%d", [np]), "num": np, "source": "dynamic-broker-config", "set": true},
		"log.retention.ms": {"value": sprintf("%d", [ms]), "num": ms, "ms": ms, "source": "default", "set": false},
		"broker.id": {"value": "0", "num": 0, "source": "static-broker-config", "set": true},
		"auto.create.topics.enable": {"value": "true", "source": "default", "set": false},
		"sasl.jaas.config": {"value": "<redacted>", "source": "static-broker-config", "secret": "sensitive", "set": true},
		"log.retention.bytes": {"value": "1000", "num": 1000, "source": "default", "set": false},
	},
}

_running_topic(parts, rf) := {"name": "transactions", "partitions": parts, "replication_factor": rf, "loc": {"file": "kafka://k:9092/topics/transactions", "line": 0, "column": 0}}

_input(np, ms, topics) := {
	"clusters": [{"id": "zk", "brokers": ["kafka"], "broker_count": 1}],
	"brokers": [_repo_broker],
	"topics": [{"name": "transactions", "partitions": 6, "replication_factor": 1, "loc": _topic_loc, "partitions_loc": _topic_loc, "source": "kafka-topics --create", "cluster": "zk"}],
	"running": {
		"uri": "kafka://k:9092", "cluster": "zk", "via": "the only cluster on each side",
		"brokers": [_running_broker(np, ms)], "topics": topics, "pairs": [{"service": "kafka", "node": 0}],
	},
}

test_fires_on_num_partitions if {
	fs := DRF001.deny with input as _input(1, 86400000, [_running_topic(6, 1)])
	count(fs) == 1
	some f in fs
	f.location == _np_loc
	contains(f.message, "num.partitions is 3 here (KAFKA_NUM_PARTITIONS=3 (num.partitions))")
	contains(f.message, "broker 0: num.partitions=1 (a dynamic config of the running broker")
	f.related[0].file == "kafka://k:9092/brokers/0"
}

test_fires_on_retention_as_duration if {
	fs := DRF001.deny with input as _input(3, 604800000, [_running_topic(6, 1)])
	count(fs) == 1
	some f in fs
	f.location == _ret_loc
	contains(f.message, "log retention is 1 d here (KAFKA_LOG_RETENTION_HOURS=24 (log.retention.hours))")
	contains(f.message, "broker 0: 7 d")
}

test_fires_on_topic_partitions if {
	fs := DRF001.deny with input as _input(3, 86400000, [_running_topic(1, 1)])
	count(fs) == 1
	some f in fs
	f.location == _topic_loc
	contains(f.message, "created with 6 partition(s) here (kafka-topics --create) but has 1")
	contains(f.message, "--alter --topic transactions --partitions 6")
}

test_fires_on_missing_topic if {
	fs := DRF001.deny with input as _input(3, 86400000, [])
	count(fs) == 1
	some f in fs
	contains(f.message, "does not exist on the running cluster")
}

test_quiet_when_equal if {
	# same values (24 h written as hours here, as ms there; TRUE vs true),
	# identity keys and secrets differ, unset settings are not compared
	fs := DRF001.deny with input as _input(3, 86400000, [_running_topic(6, 1)])
	count(fs) == 0
}

test_quiet_without_running_cluster if {
	inp := json.remove(_input(1, 1, []), ["running"])
	fs := DRF001.deny with input as inp
	count(fs) == 0
}
