package streamlint.rules.KAF021_test

import data.streamlint.rules.KAF021

_loc(line) := {"file": "compose.yaml", "line": line, "column": 7}

_svc_loc := {"file": "compose.yaml", "line": 2, "column": 3}

_v(val, line) := {"value": val, "source": "env", "set": true, "var": "KAFKA_X", "loc": _loc(line)}

_dflt(val) := {"value": val, "source": "default", "set": false}

_node(svc, family, ver, roles, config) := object.union(
	{
		"service": svc, "loc": _svc_loc, "image": "img", "family": family, "kafka_version": ver,
		"roles": roles, "mode": _mode(roles, config), "cluster": "c", "replicas": 1,
		"config": object.union({"listener.security.protocol.map": _dflt("PLAINTEXT:PLAINTEXT,SSL:SSL,SASL_PLAINTEXT:SASL_PLAINTEXT,SASL_SSL:SASL_SSL"), "security.inter.broker.protocol": _dflt("PLAINTEXT"), "listeners": object.union(_dflt("PLAINTEXT://:9092"), {"listeners": [{"name": "PLAINTEXT", "host": "", "port": "9092", "text": "PLAINTEXT://:9092"}]})}, config),
		"env_names": {"advertised.listeners": "KAFKA_ADVERTISED_LISTENERS", "listeners": "KAFKA_LISTENERS", "listener.security.protocol.map": "KAFKA_LISTENER_SECURITY_PROTOCOL_MAP", "node.id": "KAFKA_NODE_ID", "controller.quorum.voters": "KAFKA_CONTROLLER_QUORUM_VOTERS", "controller.listener.names": "KAFKA_CONTROLLER_LISTENER_NAMES", "process.roles": "KAFKA_PROCESS_ROLES", "inter.broker.listener.name": "KAFKA_INTER_BROKER_LISTENER_NAME", "security.inter.broker.protocol": "KAFKA_SECURITY_INTER_BROKER_PROTOCOL"},
		"properties": [], "cluster_id": {"value": "", "source": "default", "set": false}, "cluster_id_default": "", "packaged_defaults_dropped": false,
	},
	_release(ver),
)

# _release is what Go reads from a version into kafka_release.
_release(ver) := {"kafka_release": [to_number(p) | some p in array.slice(split(ver, "."), 0, 2)]} if {
	regex.match(`^[0-9]+\.[0-9]+`, ver)
} else := {}

_mode(_, config) := "kraft" if config["process.roles"]

_mode(_, config) := "zookeeper" if not config["process.roles"]

_in(brokers, controllers, services, apps) := {
	"brokers": brokers,
	"clusters": [{"id": "c", "brokers": [b.service | some b in brokers], "broker_count": count(brokers), "controllers": controllers}],
	"services": services,
	"apps": apps,
}

_props := [
	{"key": "log.retention.hours", "value": "24", "var": "KAFKA_LOG_RETENTION_HOURS", "loc": _loc(8)},
	{"key": "num.partitions", "value": "3", "var": "KAFKA_NUM_PARTITIONS", "loc": _loc(7)},
]

_apache(config, dropped) := object.union(_node("kafka", "apache", "3.8", ["broker"], config), {"packaged_defaults_dropped": dropped, "properties": _props})

test_fires_when_defaults_dropped if {
	fs := KAF021.deny with input as _in([_apache({}, true)], [], [], [])
	count(fs) == 1
	some f in fs
	f.location == _svc_loc
	contains(f.message, "KAFKA_NUM_PARTITIONS, KAFKA_LOG_RETENTION_HOURS are set")
	contains(f.message, "process.roles, node.id, controller.quorum.voters, listeners, controller.listener.names are missing")
	contains(f.message, "KAFKA_PROCESS_ROLES=broker,controller")
	count(f.related) == 2
}

test_quiet_with_packaged_defaults if {
	count(KAF021.deny) == 0 with input as _in([_apache({}, false)], [], [], [])
}

_full := {
	"process.roles": _v("broker,controller", 3),
	"node.id": _v("1", 4),
	"controller.quorum.voters": _v("1@kafka:9093", 5),
	"listeners": object.union(_v("PLAINTEXT://:9092,CONTROLLER://:9093", 6), {"listeners": [{"name": "PLAINTEXT", "host": "", "port": "9092", "text": "PLAINTEXT://:9092"}, {"name": "CONTROLLER", "host": "", "port": "9093", "text": "CONTROLLER://:9093"}]}),
	"controller.listener.names": _v("CONTROLLER", 9),
}

test_quiet_with_full_kraft_config if {
	n := object.union(_apache(_full, true), {"roles": ["broker", "controller"]})
	count(KAF021.deny) == 0 with input as _in([n], [], [], [])
}

test_bootstrap_servers_replace_voters if {
	c := object.union(json.remove({"c": _full}, ["c/controller.quorum.voters"]).c, {"controller.quorum.bootstrap.servers": _v("kafka:9093", 5)})
	n := object.union(_apache(c, true), {"roles": ["broker", "controller"], "kafka_version": "4.0", "kafka_release": [4, 0]})
	count(KAF021.deny) == 0 with input as _in([n], [], [], [])
}

test_controller_without_listeners if {
	c := json.remove({"c": _full}, ["c/listeners"]).c
	n := object.union(_apache(c, true), {"roles": ["broker", "controller"]})
	fs := KAF021.deny with input as _in([n], [], [], [])
	count(fs) == 1
	some f in fs
	contains(f.message, "so listeners is missing")
}

test_broker_only_needs_no_listeners if {
	c := object.union(json.remove({"c": _full}, ["c/listeners"]).c, {"process.roles": _v("broker", 3)})
	n := _apache(c, true)
	count(KAF021.deny) == 0 with input as _in([n], [], [], [])
}

test_quiet_on_other_images if {
	n := object.union(_apache({}, true), {"family": "confluent"})
	count(KAF021.deny) == 0 with input as _in([n], [], [], [])
}
