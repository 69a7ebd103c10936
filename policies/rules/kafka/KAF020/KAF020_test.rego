package streamlint.rules.KAF020_test

import data.streamlint.rules.KAF020

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

_voters := "1@ctl-1:9093,2@ctl-2:9093"

# _vv is a controller.quorum.voters value with the voters Go reads from it.
_vv(text, line) := object.union(_v(text, line), {"voters": [{"id": to_number(p[0]), "host": split(p[1], ":")[0], "port": split(p[1], ":")[1], "text": e} |
	some e in split(text, ",")
	p := split(e, "@")
]})

_ctl(name, id, extra) := object.union(
	_node(name, "confluent", "3.6", ["controller"], {
		"process.roles": _v("controller", 4),
		"node.id": object.union(_v(id, 5), {"num": to_number(id)}),
		"listeners": object.union(_v(sprintf("CONTROLLER://%s:9093", [name]), 6), {"listeners": [{"name": "CONTROLLER", "host": name, "port": "9093", "text": sprintf("CONTROLLER://%s:9093", [name])}]}),
		"controller.listener.names": _v("CONTROLLER", 7),
		"controller.quorum.voters": _vv(_voters, 1),
	}),
	extra,
)

_brk(name, id, extra) := object.union(
	_node(name, "confluent", "3.6", ["broker"], {
		"process.roles": _v("broker", 14),
		"node.id": object.union(_v(id, 15), {"num": to_number(id)}),
		"listeners": object.union(_v("PLAINTEXT://0.0.0.0:9092", 16), {"listeners": [{"name": "PLAINTEXT", "host": "0.0.0.0", "port": "9092", "text": "PLAINTEXT://0.0.0.0:9092"}]}),
		"advertised.listeners": object.union(_v(sprintf("PLAINTEXT://%s:9092", [name]), 17), {"listeners": [{"name": "PLAINTEXT", "host": name, "port": "9092", "text": sprintf("PLAINTEXT://%s:9092", [name])}]}),
		"controller.listener.names": _v("CONTROLLER", 18),
		"controller.quorum.voters": _vv(_voters, 1),
	}),
	extra,
)

_id(x, line) := {"cluster_id": {"value": x, "source": "env", "set": true, "var": "CLUSTER_ID", "loc": _loc(line)}}

_good := _in([_brk("kafka", "3", _id("abc", 19))], [_ctl("ctl-1", "1", _id("abc", 8)), _ctl("ctl-2", "2", _id("abc", 9))], [], [])

test_quiet_on_consistent_cluster if {
	count(KAF020.deny) == 0 with input as _good
}

test_duplicate_node_id if {
	fs := KAF020.deny with input as _in([_brk("kafka", "2", _id("abc", 19))], [_ctl("ctl-1", "1", _id("abc", 8)), _ctl("ctl-2", "2", _id("abc", 9))], [], [])

	# the duplicate, and the broker id listed as a voter
	count([f | some f in fs; contains(f.message, "is also the node.id of")]) == 2
	count([f | some f in fs; contains(f.message, "listed as a voter")]) == 1
}

test_replicas_share_node_id if {
	b := object.union(_brk("kafka", "3", _id("abc", 19)), {"replicas": 3})
	fs := KAF020.deny with input as _in([b], [_ctl("ctl-1", "1", _id("abc", 8)), _ctl("ctl-2", "2", _id("abc", 9))], [], [])
	count(fs) == 1
	some f in fs
	contains(f.message, "deploy.replicas=3")
}

test_voter_names_broker if {
	vs := {"config": {"controller.quorum.voters": _vv("1@ctl-1:9093,3@kafka:9093", 1)}}
	fs := KAF020.deny with input as _in([_brk("kafka", "3", object.union(_id("abc", 19), vs))], [_ctl("ctl-1", "1", object.union(_id("abc", 8), vs))], [], [])
	count([f | some f in fs; contains(f.message, "broker-only node (process.roles=broker): only controllers vote")]) == 1
	count([f | some f in fs; contains(f.message, "listed as a voter")]) == 1
}

test_voter_id_mismatch if {
	fs := KAF020.deny with input as _in([], [_ctl("ctl-1", "1", _id("abc", 8)), _ctl("ctl-2", "7", _id("abc", 9))], [], [])
	count([f | some f in fs; contains(f.message, "has node.id=7")]) == 1
	count([f | some f in fs; contains(f.message, "not among the voters")]) == 1
}

test_quiet_voter_host_outside_project if {
	vs := {"config": {"controller.quorum.voters": _vv("1@ctl-1:9093,2@10.0.0.5:9093", 1)}}
	count(KAF020.deny) == 0 with input as _in([], [_ctl("ctl-1", "1", object.union(_id("abc", 8), vs))], [], [])
}

test_controller_listener_missing if {
	c := _ctl("ctl-2", "2", object.union(_id("abc", 9), {"config": {"listeners": object.union(_v("PLAINTEXT://ctl-2:9092", 6), {"listeners": [{"name": "PLAINTEXT", "host": "ctl-2", "port": "9092", "text": "PLAINTEXT://ctl-2:9092"}]})}}))
	fs := KAF020.deny with input as _in([], [_ctl("ctl-1", "1", _id("abc", 8)), c], [], [])
	count(fs) == 1
	some f in fs
	contains(f.message, "do not bind CONTROLLER")
	f.location == _loc(6)
}

test_quiet_controller_listener_case_insensitive if {
	c := _ctl("ctl-2", "2", object.union(_id("abc", 9), {"config": {"listeners": object.union(_v("controller://ctl-2:9093", 6), {"listeners": [{"name": "CONTROLLER", "host": "ctl-2", "port": "9093", "text": "controller://ctl-2:9093"}]})}}))
	count(KAF020.deny) == 0 with input as _in([], [_ctl("ctl-1", "1", _id("abc", 8)), c], [], [])
}

test_different_cluster_ids if {
	fs := KAF020.deny with input as _in([_brk("kafka", "3", _id("xyz", 19))], [_ctl("ctl-1", "1", _id("abc", 8)), _ctl("ctl-2", "2", _id("abc", 9))], [], [])
	count(fs) == 1
	some f in fs
	f.location == _loc(19)
	f.related[0].line == 8
}

test_apache_default_id_differs_from_explicit if {
	a := object.union(_ctl("ctl-2", "2", {}), {"family": "apache", "cluster_id_default": "5L6g3nShT-eMCtK--X86sw"})
	fs := KAF020.deny with input as _in([], [_ctl("ctl-1", "1", _id("abc", 8)), a], [], [])
	count(fs) == 1
}

test_bitnami_random_ids if {
	a := object.union(_ctl("ctl-1", "1", {}), {"family": "bitnami", "cluster_id_default": "random"})
	b := object.union(_ctl("ctl-2", "2", {}), {"family": "bitnami", "cluster_id_default": "random"})
	fs := KAF020.deny with input as _in([], [a, b], [], [])
	count(fs) == 2
}

test_quiet_bitnami_single_node if {
	a := object.union(_ctl("ctl-1", "1", {"config": {"controller.quorum.voters": _v("1@ctl-1:9093", 1)}}), {"family": "bitnami", "cluster_id_default": "random"})
	count(KAF020.deny) == 0 with input as _in([], [a], [], [])
}

test_quiet_cp_without_cluster_id if {
	count(KAF020.deny) == 0 with input as _in([_brk("kafka", "3", {})], [_ctl("ctl-1", "1", {}), _ctl("ctl-2", "2", {})], [], [])
}

test_quiet_zookeeper_brokers_same_id if {
	z1 := _node("kafka-1", "confluent", "3.6", ["broker"], {"node.id": _v("1", 5)})
	z2 := _node("kafka-2", "confluent", "3.6", ["broker"], {"node.id": _v("1", 6)})
	count(KAF020.deny) == 0 with input as _in([z1, z2], [], [], [])
}

test_quiet_on_node_id_and_voters_go_could_not_read if {
	# node.id "abc" has no num, a voter entry without an id is not parsed
	b := _brk("kafka", "3", _id("abc", 19))
	bad := json.patch(b, [
		{"op": "replace", "path": "/config/node.id", "value": _v("abc", 15)},
		{"op": "replace", "path": "/config/controller.quorum.voters", "value": object.union(_v("x@ctl-1:9093", 1), {"voters": []})},
	])
	count(KAF020.deny) == 0 with input as _in([bad], [], [], [])
}

# CLUSTER_ID=kraft-cluster: Go marks it invalid (not a base64 UUID), and
# the rule reports it at the variable; a valid id is quiet
test_invalid_cluster_id if {
	bad := {"value": "kraft-cluster", "source": "env", "set": true, "var": "CLUSTER_ID", "loc": _loc(12), "invalid": "\"kraft-cluster\" is not a Kafka cluster id"}
	node := _node("kafka", "apache", "3.8", ["broker", "controller"], {"process.roles": _v("broker,controller", 5)})
	n := json.patch(node, [{"op": "replace", "path": "/cluster_id", "value": bad}])
	found := KAF020.deny with input as {"clusters": [{"id": "c", "broker_count": 1}], "brokers": [n]}
	fs := [f | some f in found; contains(f.message, "not a Kafka cluster id")]
	count(fs) == 1
	fs[0].location == _loc(12)
	contains(fs[0].message, "CLUSTER_ID=kraft-cluster: \"kraft-cluster\" is not a Kafka cluster id")
	good := json.patch(node, [{"op": "replace", "path": "/cluster_id", "value": {"value": "MkU3OEVBNTcwNTJENDM2Qk", "source": "env", "set": true, "var": "CLUSTER_ID", "loc": _loc(12)}}])
	others := KAF020.deny with input as {"clusters": [{"id": "c", "broker_count": 1}], "brokers": [good]}
	quiet := [f | some f in others; contains(f.message, "not a Kafka cluster id")]
	count(quiet) == 0
}
