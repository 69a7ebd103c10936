package streamlint.rules.KAF008_test

import data.streamlint.rules.KAF008

_svc := {"file": "compose.yaml", "line": 3, "column": 3}

_at(line) := {"file": "compose.yaml", "line": line, "column": 40}

_env(var, n, line) := {"value": sprintf("%d", [n]), "num": n, "var": var, "source": "env", "set": true, "loc": _at(line)}

_def(n) := {"value": sprintf("%d", [n]), "num": n, "source": "default", "set": false}

# Kafka's defaults, as the model gives them for cp-kafka.
_defaults := {
	"min.insync.replicas": _def(1),
	"default.replication.factor": _def(1),
	"offsets.topic.replication.factor": _def(3),
	"transaction.state.log.replication.factor": _def(3),
	"transaction.state.log.min.isr": _def(2),
}

_names := {
	"min.insync.replicas": "KAFKA_MIN_INSYNC_REPLICAS",
	"transaction.state.log.min.isr": "KAFKA_TRANSACTION_STATE_LOG_MIN_ISR",
}

_in(config, brokers, topics) := {
	"clusters": [{"id": "c", "broker_count": brokers}],
	"topics": topics,
	"brokers": [{"service": "kafka", "cluster": "c", "loc": _svc, "env_names": _names, "kafka_release": [3, 6], "config": object.union(_defaults, config)}],
}

# From Kafka 3.7 the leader caps the minimum at the partition's replicas
# (KAFKA-15583): the single-broker case of the first test is not judged
# there, nor where the version is unknown.
test_quiet_from_kafka_3_7_and_on_unknown_versions if {
	config := {
		"offsets.topic.replication.factor": _env("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", 1, 8),
		"transaction.state.log.replication.factor": _env("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", 1, 9),
		"min.insync.replicas": _env("KAFKA_MIN_INSYNC_REPLICAS", 2, 10),
	}
	newer := json.patch(_in(config, 1, []), [{"op": "replace", "path": "/brokers/0/kafka_release", "value": [3, 7]}])
	count(KAF008.deny) == 0 with input as newer
	unknown := json.patch(_in(config, 1, []), [{"op": "remove", "path": "/brokers/0/kafka_release"}])
	count(KAF008.deny) == 0 with input as unknown
	count(KAF008.deny) > 0 with input as _in(config, 1, [])
}

# The single-broker setup that lowers the transaction log's replication
# factor but keeps its default minimum of 2.
test_fires_on_default_txn_min_isr_above_lowered_rf if {
	fs := KAF008.deny with input as _in({
		"offsets.topic.replication.factor": _env("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", 1, 8),
		"transaction.state.log.replication.factor": _env("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", 1, 9),
	}, 1, [])
	count(fs) == 1
	some f in fs
	f.location == _svc
	f.related[0].line == 9
	contains(f.message, "transaction.state.log.min.isr=2 (the default) is more than transaction.state.log.replication.factor=1 (set at compose.yaml:9)")
	contains(f.message, "transactions never complete")
	contains(f.message, "set KAFKA_TRANSACTION_STATE_LOG_MIN_ISR=1 (Kafka's default is 2)")
}

test_fires_at_min_insync_above_default_rf if {
	fs := KAF008.deny with input as _in({
		"min.insync.replicas": _env("KAFKA_MIN_INSYNC_REPLICAS", 2, 10),
		"default.replication.factor": _env("KAFKA_DEFAULT_REPLICATION_FACTOR", 1, 11),
		"offsets.topic.replication.factor": _env("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", 3, 12),
		"transaction.state.log.min.isr": _env("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", 2, 13),
	}, 3, [])
	count(fs) == 1
	some f in fs
	f.location == _at(10)
	contains(f.message, "min.insync.replicas=2 (set at compose.yaml:10) is more than default.replication.factor=1 (set at compose.yaml:11)")
	contains(f.message, "producers cannot write to auto-created topics")
	contains(f.message, "set KAFKA_MIN_INSYNC_REPLICAS=1")
	contains(f.message, "or raise the replication factor to at least 2")
}

test_fires_on_offsets_topic_rf if {
	fs := KAF008.deny with input as _in({
		"min.insync.replicas": _env("KAFKA_MIN_INSYNC_REPLICAS", 2, 10),
		"default.replication.factor": _env("KAFKA_DEFAULT_REPLICATION_FACTOR", 3, 11),
		"offsets.topic.replication.factor": _env("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", 1, 12),
		"transaction.state.log.min.isr": _env("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", 1, 13),
		"transaction.state.log.replication.factor": _env("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", 3, 14),
	}, 3, [])
	count(fs) == 1
	some f in fs
	contains(f.message, "consumer offset commits to __consumer_offsets fail")
}

test_fires_on_created_topic_rf if {
	topic := {"name": "orders", "partitions": 6, "replication_factor": 2, "source": "kafka-topics", "loc": {"file": "compose.yaml", "line": 30, "column": 60}}
	fs := KAF008.deny with input as _in({
		"min.insync.replicas": _env("KAFKA_MIN_INSYNC_REPLICAS", 3, 10),
		"default.replication.factor": _env("KAFKA_DEFAULT_REPLICATION_FACTOR", 3, 11),
		"transaction.state.log.min.isr": _env("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", 2, 13),
	}, 3, [topic])
	count(fs) == 1
	some f in fs
	contains(f.message, `the replication factor 2 of topic "orders" (kafka-topics at compose.yaml:30)`)
	contains(f.message, `producers cannot write to topic "orders"`)
	f.related[0].line == 30
}

test_fires_above_broker_count if {
	fs := KAF008.deny with input as _in({
		"min.insync.replicas": _env("KAFKA_MIN_INSYNC_REPLICAS", 2, 10),
		"default.replication.factor": _env("KAFKA_DEFAULT_REPLICATION_FACTOR", 3, 11),
		"offsets.topic.replication.factor": _env("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", 3, 12),
		"transaction.state.log.min.isr": _env("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", 1, 13),
	}, 1, [])
	count(fs) == 1
	some f in fs
	f.location == _at(10)
	contains(f.message, "is more than the 1 broker(s) of the cluster")
	contains(f.message, "or run at least 2 brokers")
}

test_quiet_on_defaults_with_one_broker if {
	# cp-kafka untouched: transaction.state.log.min.isr 2 > 1 broker, but
	# the replication factor of 3 already exceeds the broker, which KAF007
	# reports: __transaction_state cannot be created at all
	count(KAF008.deny) == 0 with input as _in({}, 1, [])
}

test_fires_on_default_minimum_above_a_lowered_factor if {
	# the factor lowered to 1 for one broker, the minimum left at 2
	fs := KAF008.deny with input as _in({"transaction.state.log.replication.factor": _env("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", 1, 9)}, 1, [])
	count(fs) == 1
	some f in fs
	f.location == _svc
	contains(f.message, "transaction.state.log.min.isr=2 (the default) is more than transaction.state.log.replication.factor=1")
}

test_quiet_on_single_broker_with_minimums_of_one if {
	fs := KAF008.deny with input as _in({
		"offsets.topic.replication.factor": _env("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", 1, 8),
		"transaction.state.log.replication.factor": _env("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", 1, 9),
		"transaction.state.log.min.isr": _env("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", 1, 10),
	}, 1, [])
	count(fs) == 0
}

test_quiet_when_minimum_equals_rf if {
	# min.insync.replicas == RF is risky (one broker down blocks writes)
	# but satisfiable: not this rule's error.
	fs := KAF008.deny with input as _in({
		"min.insync.replicas": _env("KAFKA_MIN_INSYNC_REPLICAS", 3, 10),
		"default.replication.factor": _env("KAFKA_DEFAULT_REPLICATION_FACTOR", 3, 11),
		"offsets.topic.replication.factor": _env("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", 3, 12),
	}, 3, [])
	count(fs) == 0
}

test_quiet_on_topic_without_explicit_rf if {
	topic := {"name": "orders", "partitions": 6, "replication_factor": -1, "source": "KAFKA_CREATE_TOPICS", "loc": _at(20)}
	fs := KAF008.deny with input as _in({
		"min.insync.replicas": _env("KAFKA_MIN_INSYNC_REPLICAS", 2, 10),
		"default.replication.factor": _env("KAFKA_DEFAULT_REPLICATION_FACTOR", 3, 11),
	}, 3, [topic])
	count(fs) == 0
}

test_quiet_on_topic_of_another_cluster if {
	topic := {"name": "orders", "partitions": 6, "replication_factor": 1, "cluster": "other", "source": "kafka-topics", "loc": _at(20)}
	fs := KAF008.deny with input as _in({
		"min.insync.replicas": _env("KAFKA_MIN_INSYNC_REPLICAS", 2, 10),
		"default.replication.factor": _env("KAFKA_DEFAULT_REPLICATION_FACTOR", 3, 11),
	}, 3, [topic])
	count(fs) == 0
}

test_quiet_on_unresolved_minimum if {
	fs := KAF008.deny with input as _in({
		"min.insync.replicas": {"value": "${MIN_ISR}", "source": "env", "set": true, "unresolved": true, "loc": _at(10)},
		"transaction.state.log.min.isr": _env("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", 1, 13),
	}, 1, [])
	count(fs) == 0
}

test_brokers_sharing_an_anchor_share_one_finding if {
	config := object.union(_defaults, {
		"min.insync.replicas": _env("KAFKA_MIN_INSYNC_REPLICAS", 2, 10),
		"default.replication.factor": _env("KAFKA_DEFAULT_REPLICATION_FACTOR", 1, 11),
		"transaction.state.log.min.isr": _env("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", 1, 13),
		"transaction.state.log.replication.factor": _env("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", 1, 14),
		"offsets.topic.replication.factor": _env("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", 2, 15),
	})
	brokers := [{"service": s, "cluster": "c", "loc": _svc, "env_names": _names, "kafka_release": [3, 6], "config": config} | some s in ["kafka-2", "kafka-1"]]
	fs := KAF008.deny with input as {"clusters": [{"id": "c", "broker_count": 2}], "topics": [], "brokers": brokers}
	count(fs) == 1
	some f in fs
	startswith(f.message, `brokers "kafka-1", "kafka-2": min.insync.replicas=2`)
}

test_quiet_above_the_broker_count_of_a_partial_cluster if {
	inp := json.patch(_in({
		"min.insync.replicas": _env("KAFKA_MIN_INSYNC_REPLICAS", 2, 10),
		"default.replication.factor": _env("KAFKA_DEFAULT_REPLICATION_FACTOR", 3, 11),
		"offsets.topic.replication.factor": _env("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", 3, 12),
		"transaction.state.log.min.isr": _env("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", 1, 13),
	}, 1, []), [{"op": "add", "path": "/clusters/0/partial", "value": true}])
	count(KAF008.deny) == 0 with input as inp
}

test_running_topic_named_by_its_uri if {
	uri := {"file": "kafka://k:9092/topics/t", "line": 0, "column": 0}
	b := {"service": "1", "loc": {"file": "kafka://k:9092/brokers/1", "line": 0, "column": 0}, "cluster": "c", "env_names": {}, "kafka_release": [3, 6], "config": {"min.insync.replicas": {"value": "2", "num": 2, "source": "dynamic-default-broker-config"}}}
	fs := KAF008.deny with input as {"brokers": [b], "clusters": [{"id": "c", "brokers": ["1"], "broker_count": 3}], "topics": [{"name": "t", "replication_factor": 1, "cluster": "c", "source": "running cluster", "loc": uri}]}
	some f in fs
	contains(f.message, `the replication factor 1 of topic "t" (running cluster at kafka://k:9092/topics/t)`)
	f.related[0].file == "kafka://k:9092/topics/t"
}

test_default_rf_impact_without_auto_create if {
	fs := KAF008.deny with input as _in({
		"min.insync.replicas": _env("KAFKA_MIN_INSYNC_REPLICAS", 2, 7),
		"offsets.topic.replication.factor": _def(1),
		"auto.create.topics.enable": {"value": "false", "bool": false, "source": "env", "set": true},
	}, 3, [])
	some f in fs
	contains(f.message, "producers cannot write to topics created without --replication-factor")
	not contains(f.message, "auto-created")
}
