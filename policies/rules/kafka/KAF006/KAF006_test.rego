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

# a cluster of three brokers (cp-enterprise-kafka kafka-1..3) needs only the
# setting; one broker needs more brokers
test_fix_follows_the_broker_count if {
	three := KAF006.deny with input as object.union(_in({"value": "1", "num": 1, "source": "default"}), {"clusters": [{"id": "c", "broker_count": 3}]})
	some t in three
	endswith(t.message, "the cluster has 3 brokers: set default.replication.factor=3")
	one := KAF006.deny with input as _in({"value": "1", "num": 1, "source": "default"})
	some o in one
	endswith(o.message, "the cluster has 1 broker(s): run 3 brokers with default.replication.factor=3")
}

# kafka-topics refuses --replication-factor 3 on a cluster of one broker:
# the fix says to run three; on a cluster of three it only names the flag
test_topic_fix_follows_the_cluster_size if {
	topic := {"name": "t", "replication_factor": 1, "source": "kafka-topics", "loc": _loc}
	small := KAF006.deny with input as {"brokers": [], "clusters": [{"id": "c", "broker_count": 1}], "topics": [topic]}
	some s in small
	contains(s.message, "run 3 brokers (the cluster has 1) and create it with --replication-factor 3")
}

test_topic_fix_on_three if {
	topic := {"name": "t", "replication_factor": 1, "source": "kafka-topics", "loc": _loc}
	big := KAF006.deny with input as {"brokers": [], "clusters": [{"id": "c", "broker_count": 3}], "topics": [object.union(topic, {"cluster": "c"})]}
	some b in big
	endswith(b.message, "; create it with --replication-factor 3")
}
