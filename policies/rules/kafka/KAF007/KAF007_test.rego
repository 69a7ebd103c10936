package streamlint.rules.KAF007_test

import data.streamlint.rules.KAF007

_loc := {"file": "compose.yaml", "line": 3, "column": 3}

_in(config, n) := {
	"clusters": [{"id": "c", "broker_count": n}],
	"brokers": [{"service": "kafka", "cluster": "c", "loc": _loc, "config": config, "env_names": {
		"offsets.topic.replication.factor": "KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR",
		"transaction.state.log.replication.factor": "KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR",
	}}],
}

_defaults := {
	"offsets.topic.replication.factor": {"value": "3", "num": 3, "source": "default"},
	"transaction.state.log.replication.factor": {"value": "3", "num": 3, "source": "default"},
	"default.replication.factor": {"value": "1", "num": 1, "source": "default"},
}

test_fires_once_for_defaults_on_single_broker if {
	fs := KAF007.deny with input as _in(_defaults, 1)
	count(fs) == 1
	some f in fs
	f.location == _loc
	contains(f.message, "KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR=1")
	contains(f.message, "KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR=1")
	contains(f.message, "(the default) exceed the 1 broker(s)")
}

test_fires_at_explicit_value if {
	vloc := {"file": "compose.yaml", "line": 9, "column": 45}
	config := object.union(_defaults, {
		"offsets.topic.replication.factor": {"value": "2", "num": 2, "source": "env", "set": true, "loc": vloc},
		"transaction.state.log.replication.factor": {"value": "1", "num": 1, "source": "env", "set": true, "loc": vloc},
	})
	fs := KAF007.deny with input as _in(config, 1)
	count(fs) == 1
	some f in fs
	f.location == vloc
}

test_quiet_on_three_brokers if {
	fs := KAF007.deny with input as _in(_defaults, 3)
	count(fs) == 0
}

test_quiet_when_set_to_one if {
	config := object.union(_defaults, {
		"offsets.topic.replication.factor": {"value": "1", "num": 1, "source": "image-baseline"},
		"transaction.state.log.replication.factor": {"value": "1", "num": 1, "source": "image-baseline"},
	})
	fs := KAF007.deny with input as _in(config, 1)
	count(fs) == 0
}

test_transactions_only_spares_consumer_groups if {
	config := object.union(_defaults, {"offsets.topic.replication.factor": {"value": "1", "num": 1, "source": "env", "set": true, "loc": {"file": "compose.yaml", "line": 7, "column": 45}}})
	fs := KAF007.deny with input as _in(config, 1)
	count(fs) == 1
	some f in fs
	contains(f.message, "transactions never start (consumer groups are not affected)")
	contains(f.message, "transaction.state.log.replication.factor=3 (the default) exceeds the 1 broker(s)")
	not contains(f.message, "no coordinator")
}

test_quiet_on_a_partial_cluster if {
	inp := json.patch(_in(_defaults, 1), [{"op": "add", "path": "/clusters/0/partial", "value": true}])
	count(KAF007.deny) == 0 with input as inp
}
