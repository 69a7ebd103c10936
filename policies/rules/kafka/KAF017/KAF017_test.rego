package streamlint.rules.KAF017_test

import data.streamlint.rules.KAF017

_bloc := {"file": "compose.yaml", "line": 3, "column": 3}

_ploc := {"file": "compose.yaml", "line": 11, "column": 35}

_rloc := {"file": "compose.yaml", "line": 8, "column": 28}

_kraft_config := {"process.roles": {"value": "broker,controller", "source": "env", "set": true, "var": "KAFKA_PROCESS_ROLES", "loc": _rloc}}

_broker(version, mode, config, props) := object.union(
	{
		"service": "kafka", "loc": _bloc, "image": "confluentinc/cp-kafka:7.6.1",
		"kafka_version": version, "mode": mode, "config": config, "properties": props,
		"env_names": {"advertised.listeners": "KAFKA_ADVERTISED_LISTENERS", "listeners": "KAFKA_LISTENERS"},
	},
	_release(version),
)

# _release is what Go reads from a version into kafka_release.
_release(ver) := {"kafka_release": [to_number(p) | some p in array.slice(split(ver, "."), 0, 2)]} if {
	regex.match(`^[0-9]+\.[0-9]+`, ver)
} else := {}

_in(version, mode, config, props) := {"brokers": [_broker(version, mode, config, props)]}

_ahn(extra) := object.union(
	{
		"key": "advertised.host.name", "value": "kafka", "var": "KAFKA_ADVERTISED_HOST_NAME", "loc": _ploc,
		"known": true, "zookeeper": true, "deprecated": true, "deprecated_since": "0.10",
		"status": "removed in 3.0 (deprecated since 0.10; use advertised.listeners)",
	},
	extra,
)

_zk_connect(extra) := object.union(
	{
		"key": "zookeeper.connect", "value": "zookeeper:2181", "var": "KAFKA_ZOOKEEPER_CONNECT", "loc": _ploc,
		"known": true, "zookeeper": true,
		"status": "removed in 4.0 (ZooKeeper mode removed; docs/zk2kraft.html)",
	},
	extra,
)

test_fires_on_removed_property if {
	fs := KAF017.deny with input as _in("3.6", "zookeeper", {}, [_ahn({"removed_in": "3.0"})])
	count(fs) == 1
	some f in fs
	f.location == _ploc
	contains(f.message, "KAFKA_ADVERTISED_HOST_NAME=kafka (advertised.host.name) at compose.yaml:11")
	contains(f.message, "was removed in Kafka 3.0 and this broker runs Kafka 3.6")
	contains(f.message, "ignores it")
	contains(f.message, "use advertised.listeners (KAFKA_ADVERTISED_LISTENERS) instead")
	not contains(f.message, "deprecated")
}

# Before 3.0 (wurstmeister's Kafka 2.8.1) the property works but is deprecated.
test_deprecated_reads_differently if {
	fs := KAF017.deny with input as _in("2.8", "zookeeper", {}, [_ahn({})])
	count(fs) == 1
	some f in fs
	contains(f.message, "is deprecated since Kafka 0.10 and removed in Kafka 3.0")
	contains(f.message, "Kafka 2.8")
	contains(f.message, "still accepts it")
	not contains(f.message, "was removed")
}

test_fires_on_zookeeper_key_on_kraft_node if {
	fs := KAF017.deny with input as _in("3.7", "kraft", _kraft_config, [_zk_connect({})])
	count(fs) == 1
	some f in fs
	contains(f.message, "ZooKeeper-mode setting, but this node runs in KRaft mode (process.roles=broker,controller at compose.yaml:8)")
	f.related[0].line == 8
}

# KRaft is known from process.roles even when the image tag names no version.
test_fires_on_zookeeper_key_on_kraft_node_without_version if {
	fs := KAF017.deny with input as _in("", "kraft", _kraft_config, [_zk_connect({})])
	count(fs) == 1
}

test_fires_on_zookeeper_key_on_kafka_4 if {
	fs := KAF017.deny with input as _in("4.0", "zookeeper", {}, [_zk_connect({"removed_in": "4.0"})])
	count(fs) == 1
	some f in fs
	contains(f.message, "runs Kafka 4.0")
	contains(f.message, "no ZooKeeper mode (removed in 4.0)")
}

# A zookeeper.* key the catalog does not know, on Kafka 4.
test_fires_on_unknown_zookeeper_key_on_kafka_4 if {
	p := {"key": "zookeeper.foo", "value": "1", "var": "KAFKA_ZOOKEEPER_FOO", "loc": _ploc, "known": false, "zookeeper": true}
	fs := KAF017.deny with input as _in("4.1", "kraft", _kraft_config, [p])
	count(fs) == 1
	some f in fs
	contains(f.message, "no ZooKeeper mode")
}

test_quiet_on_zookeeper_key_in_zookeeper_mode if {
	fs := KAF017.deny with input as _in("3.6", "zookeeper", {}, [_zk_connect({})])
	count(fs) == 0
}

test_quiet_during_migration if {
	cfg := object.union(_kraft_config, {"zookeeper.metadata.migration.enable": {"value": "true", "bool": true, "source": "env", "set": true}})
	mig := {"key": "zookeeper.metadata.migration.enable", "value": "true", "loc": _ploc, "known": true, "zookeeper": true}
	fs := KAF017.deny with input as _in("3.7", "kraft", cfg, [_zk_connect({}), mig])
	count(fs) == 0
}

# Unknown version (latest, build:): the model gives no removed_in, and a
# deprecation is not reported either.
test_quiet_on_deprecated_without_version if {
	fs := KAF017.deny with input as _in("", "zookeeper", {}, [_ahn({})])
	count(fs) == 0
}

test_quiet_on_current_property if {
	p := {"key": "advertised.listeners", "value": "PLAINTEXT://kafka:9092", "var": "KAFKA_ADVERTISED_LISTENERS", "loc": _ploc, "known": true}
	fs := KAF017.deny with input as _in("3.6", "kraft", _kraft_config, [p])
	count(fs) == 0
}

test_never_prints_a_secret if {
	p := {
		"key": "zookeeper.ssl.keystore.password", "value": "<redacted>", "secret": "literal",
		"var": "KAFKA_ZOOKEEPER_SSL_KEYSTORE_PASSWORD", "loc": _ploc, "known": true, "zookeeper": true,
	}
	fs := KAF017.deny with input as _in("3.7", "kraft", _kraft_config, [p])
	count(fs) == 1
	some f in fs
	not contains(f.message, "redacted")
	contains(f.message, "KAFKA_ZOOKEEPER_SSL_KEYSTORE_PASSWORD (zookeeper.ssl.keystore.password)")
}

# A successor is only named when the catalog gives a property.
test_no_successor_for_prose if {
	p := {
		"key": "quota.producer.default", "value": "1048576", "var": "KAFKA_QUOTA_PRODUCER_DEFAULT", "loc": _ploc,
		"known": true, "zookeeper": true, "removed_in": "3.0",
		"status": "removed in 3.0 (KAFKA-12591; use dynamic quota defaults)",
	}
	fs := KAF017.deny with input as _in("3.6", "zookeeper", {}, [p])
	some f in fs
	contains(f.message, "; remove it")
}

# A property removed before 4.0 keeps its own removal message on Kafka 4.
test_removed_before_4_on_kafka_4 if {
	fs := KAF017.deny with input as _in("4.0", "kraft", _kraft_config, [_ahn({"removed_in": "3.0"})])
	count(fs) == 1
	some f in fs
	contains(f.message, "was removed in Kafka 3.0 and this broker runs Kafka 4.0")
}

test_deprecated_repeats_when_ignored if {
	p := {
		"key": "log.message.format.version", "value": "2.8", "var": "KAFKA_LOG_MESSAGE_FORMAT_VERSION", "loc": _ploc,
		"known": true, "deprecated": true, "deprecated_since": "3.0",
		"status": "deprecated in 3.0 (KIP-724; ignored when inter.broker.protocol.version>=3.0); removed in 4.0",
	}
	fs := KAF017.deny with input as _in("3.6", "kraft", _kraft_config, [p])
	count(fs) == 1
	some f in fs
	contains(f.message, "deprecated since Kafka 3.0 and removed in Kafka 4.0 (KIP-724; ignored when inter.broker.protocol.version>=3.0)")
}

test_names_a_configured_version if {
	b := object.union(_broker("3.9", "kraft", _kraft_config, [_ahn({"removed_in": "3.0"})]), {"image": "apache/kafka:latest", "kafka_version_from": "config"})
	fs := KAF017.deny with input as {"brokers": [b]}
	some f in fs
	contains(f.message, "runs Kafka 3.9 (versions: kafka in the configuration file, as the tag of apache/kafka:latest names none)")
}

# cp-server 8 (Kafka 4) still configured for ZooKeeper, without
# process.roles: the broker does not start (process.roles and node.id are
# required from 4.0); an error whose fix is KRaft. With process.roles the
# ZooKeeper setting is only ignored (a warning).
test_kafka_4_broker_without_roles_does_not_start if {
	b := object.union(_broker("4.2", "zookeeper", {}, [_zk_connect({"removed_in": "4.0"})]), {"family": "confluent", "image": "confluentinc/cp-server:8.2.0"})
	fs := KAF017.deny with input as {"brokers": [b]}
	count(fs) == 1
	some f in fs
	f.severity == "error"
	contains(f.message, "the broker does not start; configure KRaft")
	k := object.union(_broker("4.2", "kraft", _kraft_config, [_zk_connect({"removed_in": "4.0"})]), {"family": "confluent"})
	ks := KAF017.deny with input as {"brokers": [k]}
	some kf in ks
	not kf.severity
	contains(kf.message, "the setting has no effect; remove it")
}

# wurstmeister's Kafka 2.8 with KAFKA_ADVERTISED_LISTENERS set too: the
# deprecated property is already ignored (advertised.listeners wins), so
# the advice is to remove it, not to plan for an upgrade.
test_deprecated_superseded_by_its_successor if {
	config := {"advertised.listeners": {"value": "PLAINTEXT://kafka:9092", "source": "env", "set": true, "var": "KAFKA_ADVERTISED_LISTENERS", "loc": _rloc}}
	b := object.union(_broker("2.8.1", "zookeeper", config, [_ahn({})]), {"env_names": {"advertised.listeners": "KAFKA_ADVERTISED_LISTENERS"}})
	fs := KAF017.deny with input as {"brokers": [b]}
	count(fs) == 1
	some f in fs
	contains(f.message, "the broker already uses advertised.listeners (KAFKA_ADVERTISED_LISTENERS) instead, which is set: Kafka 2.8.1")
	endswith(f.message, "ignores this one; remove it")
	not contains(f.message, "upgrade")
}

# wurstmeister's Kafka 2.8 with KAFKA_ADVERTISED_HOST_NAME alone
# (repl/kafka-spark-mongodb): advertised.listeners is only what Kafka
# derives from it, so Kafka uses the deprecated property; it is not
# "ignored" and removing it changes what the broker advertises.
test_deprecated_not_superseded_by_a_value_derived_from_it if {
	config := {"advertised.listeners": {"value": "PLAINTEXT://127.0.0.1:9092", "source": "derived", "set": false, "derived": "advertised.host.name=127.0.0.1 and port=9092", "loc": _rloc}}
	b := object.union(_broker("2.8.1", "zookeeper", config, [_ahn({})]), {"env_names": {"advertised.listeners": "KAFKA_ADVERTISED_LISTENERS"}})
	fs := KAF017.deny with input as {"brokers": [b]}
	count(fs) == 1
	some f in fs
	not contains(f.message, "already uses")
	contains(f.message, "still accepts it, but an upgrade of the image will silently drop it")
}
