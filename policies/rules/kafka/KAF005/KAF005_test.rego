package streamlint.rules.KAF005_test

import data.streamlint.rules.KAF005

_loc := {"file": "compose.yaml", "line": 3, "column": 3}

_params := {"kafka": {"min_partitions": 3}}

test_fires_on_default_one if {
	fs := KAF005.deny with input as {"params": _params, "topics": [], "brokers": [{"service": "kafka", "loc": _loc, "env_names": {"num.partitions": "KAFKA_NUM_PARTITIONS"}, "config": {"num.partitions": {"value": "1", "num": 1, "source": "default"}}}]}
	count(fs) == 1
	some f in fs
	f.location == _loc
	contains(f.message, "KAFKA_NUM_PARTITIONS")
}

test_fires_on_created_topic if {
	tloc := {"file": "compose.yaml", "line": 20, "column": 30}
	fs := KAF005.deny with input as {"params": _params, "brokers": [], "topics": [{"name": "events", "partitions": 1, "replication_factor": 1, "source": "KAFKA_CREATE_TOPICS", "loc": tloc, "partitions_loc": tloc}]}
	some f in fs
	f.location == tloc
}

test_quiet_at_minimum if {
	fs := KAF005.deny with input as {"params": _params, "topics": [{"name": "t", "partitions": 3, "partitions_loc": _loc, "source": "x"}], "brokers": [{"service": "kafka", "loc": _loc, "env_names": {}, "config": {"num.partitions": {"value": "3", "num": 3, "source": "env", "set": true, "loc": _loc}}}]}
	count(fs) == 0
}

test_param_respected if {
	fs := KAF005.deny with input as {"params": {"kafka": {"min_partitions": 1}}, "topics": [], "brokers": [{"service": "kafka", "loc": _loc, "env_names": {}, "config": {"num.partitions": {"value": "1", "num": 1, "source": "default"}}}]}
	count(fs) == 0
}

test_running_topic_gets_the_alter_fix if {
	tloc := {"file": "kafka://k:9092/topics/transactions", "line": 0, "column": 0}
	fs := KAF005.deny with input as {"params": _params, "brokers": [], "topics": [{"name": "transactions", "partitions": 1, "replication_factor": 1, "source": "running cluster", "loc": tloc, "partitions_loc": tloc, "live": {"partitions": []}}]}
	some f in fs
	f.location == tloc
	contains(f.message, "kafka-topics --alter --topic transactions --partitions 3")
}

_no_auto_create := {"service": "kafka", "loc": _loc, "env_names": {"num.partitions": "KAFKA_NUM_PARTITIONS"}, "config": {
	"num.partitions": {"value": "1", "num": 1, "source": "default"},
	"auto.create.topics.enable": {"value": "false", "bool": false, "source": "env", "set": true, "loc": _loc},
}}

test_without_auto_create_says_which_topics_take_the_default if {
	fs := KAF005.deny with input as {"params": _params, "brokers": [_no_auto_create], "topics": [{"name": "orders", "partitions": 6, "partitions_loc": _loc, "source": "KAFKA_CREATE_TOPICS"}]}
	count(fs) == 1
	some f in fs
	contains(f.message, "auto.create.topics.enable is false, but topics created without --partitions (kafka-topics, or Kafka Connect with -1) get 1 partition(s)")
	not contains(f.message, "auto-created")
}

test_without_auto_create_names_topics_without_partitions if {
	fs := KAF005.deny with input as {"params": _params, "brokers": [_no_auto_create], "topics": [
		{"name": "orders", "partitions": 6, "partitions_loc": _loc, "source": "kafka-topics"},
		{"name": "audit", "partitions": 0, "partitions_loc": _loc, "source": "kafka-topics"},
	]}
	some f in fs
	contains(f.message, `topic "audit", created without --partitions, gets 1 partition(s)`)
}
