package streamlint.rules.KAF013_test

import data.streamlint.rules.KAF013

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

_cp(adv, host, port) := _cp_with(adv, [{"name": "PLAINTEXT", "host": host, "port": port, "text": adv}])

_cp_with(adv, ls) := _node("kafka", "confluent", "3.6", ["broker"], {"advertised.listeners": object.union(_v(adv, 9), {"listeners": ls}), "listeners": {"value": "PLAINTEXT://0.0.0.0:9092", "listeners": [{"name": "PLAINTEXT", "host": "0.0.0.0", "port": "9092", "text": "PLAINTEXT://0.0.0.0:9092"}], "source": "image-baseline", "set": false}})

_client(env) := {"name": "app", "loc": _loc(20), "env": {"KAFKA_BOOTSTRAP_SERVERS": _v(env, 22)}}

test_zero_advertised if {
	fs := KAF013.deny with input as _in([_cp("PLAINTEXT://0.0.0.0:9092", "0.0.0.0", "9092")], [], [], [])
	count(fs) == 1
	some f in fs
	f.location == _loc(9)
	contains(f.message, "0.0.0.0")
	contains(f.message, "KAFKA_ADVERTISED_LISTENERS=PLAINTEXT://kafka:9092")
}

test_zero_through_listeners_fallback_on_apache if {
	n := _node("kafka", "apache", "3.8", ["broker", "controller"], {
		"process.roles": _v("broker,controller", 5),
		"controller.listener.names": _v("CONTROLLER", 6),
		"listeners": object.union(_v("PLAINTEXT://0.0.0.0:9092,CONTROLLER://0.0.0.0:9093", 7), {"listeners": [{"name": "PLAINTEXT", "host": "0.0.0.0", "port": "9092", "text": "PLAINTEXT://0.0.0.0:9092"}, {"name": "CONTROLLER", "host": "0.0.0.0", "port": "9093", "text": "CONTROLLER://0.0.0.0:9093"}]}),
	})
	fs := KAF013.deny with input as _in([n], [], [], [])
	count(fs) == 1
	some f in fs
	f.location == _loc(7)
	contains(f.message, "advertised.listeners is unset")
	not contains(f.message, "CONTROLLER://kafka")
}

test_quiet_fallback_on_cp_and_old_bitnami if {
	cp := _node("kafka", "confluent", "3.6", ["broker"], {"listeners": object.union(_v("PLAINTEXT://0.0.0.0:9092", 7), {"listeners": [{"name": "PLAINTEXT", "host": "0.0.0.0", "port": "9092", "text": "PLAINTEXT://0.0.0.0:9092"}]})})
	bn := _node("kafka", "bitnami", "3.3", ["broker"], {"listeners": object.union(_v("PLAINTEXT://0.0.0.0:9092", 7), {"listeners": [{"name": "PLAINTEXT", "host": "0.0.0.0", "port": "9092", "text": "PLAINTEXT://0.0.0.0:9092"}]})})
	count(KAF013.deny) == 0 with input as _in([cp], [], [], [])
	count(KAF013.deny) == 0 with input as _in([bn], [], [], [])
}

test_loopback_with_client_by_service_name if {
	fs := KAF013.deny with input as _in([_cp("PLAINTEXT://localhost:9092", "localhost", "9092")], [], [_client("PLAINTEXT://kafka:9092")], [])
	count(fs) == 1
	some f in fs
	f.location == _loc(9)
	f.related[0].line == 22
	contains(f.message, "service \"app\"")
	contains(f.message, "reaches it by service name")
}

test_loopback_with_spark_app if {
	app := {"id": "jobs/x.py", "services": ["job"], "bootstrap": [{"value": _v("kafka:9092", 30), "entries": [{"address": "kafka:9092", "host": "kafka", "port": "9092", "broker": "kafka", "via": "service name"}]}]}
	fs := KAF013.deny with input as _in([_cp("PLAINTEXT://127.0.0.1:9092", "127.0.0.1", "9092")], [], [{"name": "job", "loc": _loc(25)}], [app])
	count(fs) == 1
	some f in fs
	contains(f.message, "app jobs/x.py")
	contains(f.message, "reaches it by service name")
}

# the wording follows how the clients name the broker: a job that
# bootstraps with the broker's static address does not use its name
test_loopback_with_spark_app_by_static_address if {
	broker_svc := {"name": "kafka", "loc": _svc_loc, "addresses": ["172.18.0.4"]}
	app := {"id": "jobs/x.py", "services": ["job"], "bootstrap": [{"value": _v("172.18.0.4:9092", 30), "entries": [{"address": "172.18.0.4:9092", "host": "172.18.0.4", "port": "9092", "broker": "kafka", "via": "static address"}]}]}
	fs := KAF013.deny with input as _in([_cp("PLAINTEXT://127.0.0.1:9092", "127.0.0.1", "9092")], [], [broker_svc, {"name": "job", "loc": _loc(25)}], [app])
	count(fs) == 1
	some f in fs
	contains(f.message, "reaches it by its static address")
	not contains(f.message, "service name,")
}

test_loopback_with_several_brokers if {
	b2 := object.union(_cp("PLAINTEXT://localhost:9093", "localhost", "9093"), {"service": "kafka-2"})
	fs := KAF013.deny with input as _in([_cp("PLAINTEXT://localhost:9092", "localhost", "9092"), b2], [], [], [])
	count(fs) == 2
}

test_quiet_loopback_alone if {
	count(KAF013.deny) == 0 with input as _in([_cp("PLAINTEXT://localhost:9092", "localhost", "9092")], [], [], [])
}

test_quiet_client_on_localhost if {
	count(KAF013.deny) == 0 with input as _in([_cp("PLAINTEXT://localhost:9092", "localhost", "9092")], [], [_client("localhost:9092")], [])
}

test_quiet_client_sharing_network if {
	c := object.union(_client("kafka:9092"), {"network_mode": "service:kafka"})
	count(KAF013.deny) == 0 with input as _in([_cp("PLAINTEXT://localhost:9092", "localhost", "9092")], [], [c], [])
}

test_quiet_with_internal_listener if {
	count(KAF013.deny) == 0 with input as _in([_cp_with("PLAINTEXT://kafka:29092,PLAINTEXT_HOST://localhost:9092", [{"name": "PLAINTEXT", "host": "kafka", "port": "29092", "text": "PLAINTEXT://kafka:29092"}, {"name": "PLAINTEXT_HOST", "host": "localhost", "port": "9092", "text": "PLAINTEXT_HOST://localhost:9092"}])], [], [_client("kafka:29092")], [])
}

test_quiet_empty_host if {
	count(KAF013.deny) == 0 with input as _in([_cp("PLAINTEXT://:9092", "", "9092")], [], [_client("kafka:9092")], [])
}

test_quiet_unresolved if {
	n := _node("kafka", "confluent", "3.6", ["broker"], {"advertised.listeners": {"value": "", "listeners": [], "unresolved": true, "source": "env", "set": true, "loc": _loc(9)}})
	count(KAF013.deny) == 0 with input as _in([n], [], [_client("kafka:9092")], [])
}

test_loopback_with_client_by_static_address if {
	broker_svc := {"name": "kafka", "loc": _svc_loc, "addresses": ["172.18.0.4"], "hostname": "broker-1"}
	fs := KAF013.deny with input as _in([_cp("PLAINTEXT://127.0.0.1:9092", "127.0.0.1", "9092")], [], [broker_svc, _client("172.18.0.4:9092")], [])
	count(fs) == 1
	some f in fs
	contains(f.message, "reaches it by its static address")
	fs2 := KAF013.deny with input as _in([_cp("PLAINTEXT://127.0.0.1:9092", "127.0.0.1", "9092")], [], [broker_svc, _client("broker-1:9092")], [])
	count(fs2) == 1
}

test_quiet_with_client_by_another_address if {
	broker_svc := {"name": "kafka", "loc": _svc_loc, "addresses": ["172.18.0.4"]}
	count(KAF013.deny) == 0 with input as _in([_cp("PLAINTEXT://127.0.0.1:9092", "127.0.0.1", "9092")], [], [broker_svc, _client("172.18.0.9:9092")], [])
}
