package streamlint.rules.KAF019_test

import data.streamlint.rules.KAF019

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

_zk(config) := _node("kafka", "confluent", "3.6", ["broker"], config)

_good_zk := {
	"listeners": object.union(_v("PLAINTEXT://0.0.0.0:29092,PLAINTEXT_HOST://0.0.0.0:9092", 7), {"listeners": [{"name": "PLAINTEXT", "host": "0.0.0.0", "port": "29092", "text": "PLAINTEXT://0.0.0.0:29092"}, {"name": "PLAINTEXT_HOST", "host": "0.0.0.0", "port": "9092", "text": "PLAINTEXT_HOST://0.0.0.0:9092"}]}),
	"advertised.listeners": object.union(_v("PLAINTEXT://kafka:29092,plaintext_host://localhost:9092", 8), {"listeners": [{"name": "PLAINTEXT", "host": "kafka", "port": "29092", "text": "PLAINTEXT://kafka:29092"}, {"name": "PLAINTEXT_HOST", "host": "localhost", "port": "9092", "text": "plaintext_host://localhost:9092"}]}),
	"listener.security.protocol.map": _v("PLAINTEXT:PLAINTEXT,PLAINTEXT_HOST:PLAINTEXT", 9),
}

_only(fs, text) if {
	count(fs) == 1
	some f in fs
	contains(f.message, text)
}

test_quiet_on_consistent_listeners_case_insensitive if {
	count(KAF019.deny) == 0 with input as _in([_zk(_good_zk)], [], [], [])
}

test_advertised_name_not_in_listeners if {
	c := object.union(_good_zk, {"advertised.listeners": object.union(_v("PLAINTEXT://kafka:29092,OTHER://kafka:9093", 8), {"listeners": [{"name": "PLAINTEXT", "host": "kafka", "port": "29092", "text": "PLAINTEXT://kafka:29092"}, {"name": "OTHER", "host": "kafka", "port": "9093", "text": "OTHER://kafka:9093"}]}), "listener.security.protocol.map": _v("PLAINTEXT:PLAINTEXT,PLAINTEXT_HOST:PLAINTEXT,OTHER:PLAINTEXT", 9)})
	fs := KAF019.deny with input as _in([_zk(c)], [], [], [])
	_only(fs, "names OTHER")
}

test_name_missing_from_explicit_map if {
	c := object.union(_good_zk, {"listener.security.protocol.map": _v("PLAINTEXT:PLAINTEXT", 9)})
	fs := KAF019.deny with input as _in([_zk(c)], [], [], [])
	_only(fs, "add PLAINTEXT_HOST:PLAINTEXT")
	some f in fs
	f.location == _loc(9)
}

test_name_missing_from_default_map if {
	c := object.remove(_good_zk, {"listener.security.protocol.map"})
	fs := KAF019.deny with input as _in([_zk(c)], [], [], [])
	_only(fs, "Kafka's default maps only")
}

test_quiet_default_map_on_bitnami if {
	c := object.remove(_good_zk, {"listener.security.protocol.map"})
	n := object.union(_zk(c), {"family": "bitnami", "kafka_version": "3.7", "kafka_release": [3, 7]})
	count(KAF019.deny) == 0 with input as _in([n], [], [], [])
}

test_kraft_default_map_covers_controller if {
	n := _node("kafka", "apache", "3.8", ["broker", "controller"], {
		"process.roles": _v("broker,controller", 4),
		"listeners": object.union(_v("PLAINTEXT://:9092,CONTROLLER://:9093", 5), {"listeners": [{"name": "PLAINTEXT", "host": "", "port": "9092", "text": "PLAINTEXT://:9092"}, {"name": "CONTROLLER", "host": "", "port": "9093", "text": "CONTROLLER://:9093"}]}),
		"advertised.listeners": object.union(_v("PLAINTEXT://kafka:9092", 6), {"listeners": [{"name": "PLAINTEXT", "host": "kafka", "port": "9092", "text": "PLAINTEXT://kafka:9092"}]}),
		"controller.listener.names": _v("CONTROLLER", 7),
	})
	count(KAF019.deny) == 0 with input as _in([n], [], [], [])
}

test_kraft_default_map_without_controller_when_ssl if {
	n := _node("kafka", "apache", "3.8", ["broker", "controller"], {
		"process.roles": _v("broker,controller", 4),
		"listeners": object.union(_v("SSL://:9092,CONTROLLER://:9093", 5), {"listeners": [{"name": "SSL", "host": "", "port": "9092", "text": "SSL://:9092"}, {"name": "CONTROLLER", "host": "", "port": "9093", "text": "CONTROLLER://:9093"}]}),
		"advertised.listeners": object.union(_v("SSL://kafka:9092", 6), {"listeners": [{"name": "SSL", "host": "kafka", "port": "9092", "text": "SSL://kafka:9092"}]}),
		"controller.listener.names": _v("CONTROLLER", 7),
		"security.inter.broker.protocol": _v("SSL", 8),
	})
	fs := KAF019.deny with input as _in([n], [], [], [])
	_only(fs, "CONTROLLER")
}

test_inter_broker_default_not_advertised if {
	c := {
		"listeners": object.union(_v("INTERNAL://0.0.0.0:29092,EXTERNAL://0.0.0.0:9092", 7), {"listeners": [{"name": "INTERNAL", "host": "0.0.0.0", "port": "29092", "text": "INTERNAL://0.0.0.0:29092"}, {"name": "EXTERNAL", "host": "0.0.0.0", "port": "9092", "text": "EXTERNAL://0.0.0.0:9092"}]}),
		"advertised.listeners": object.union(_v("INTERNAL://kafka:29092,EXTERNAL://localhost:9092", 8), {"listeners": [{"name": "INTERNAL", "host": "kafka", "port": "29092", "text": "INTERNAL://kafka:29092"}, {"name": "EXTERNAL", "host": "localhost", "port": "9092", "text": "EXTERNAL://localhost:9092"}]}),
		"listener.security.protocol.map": _v("INTERNAL:PLAINTEXT,EXTERNAL:PLAINTEXT", 9),
	}
	fs := KAF019.deny with input as _in([_zk(c)], [], [], [])
	_only(fs, "security.inter.broker.protocol=PLAINTEXT")
	some f in fs
	f.location == _loc(8)
}

test_quiet_inter_broker_set if {
	c := {
		"listeners": object.union(_v("INTERNAL://0.0.0.0:29092,EXTERNAL://0.0.0.0:9092", 7), {"listeners": [{"name": "INTERNAL", "host": "0.0.0.0", "port": "29092", "text": "INTERNAL://0.0.0.0:29092"}, {"name": "EXTERNAL", "host": "0.0.0.0", "port": "9092", "text": "EXTERNAL://0.0.0.0:9092"}]}),
		"advertised.listeners": object.union(_v("INTERNAL://kafka:29092,EXTERNAL://localhost:9092", 8), {"listeners": [{"name": "INTERNAL", "host": "kafka", "port": "29092", "text": "INTERNAL://kafka:29092"}, {"name": "EXTERNAL", "host": "localhost", "port": "9092", "text": "EXTERNAL://localhost:9092"}]}),
		"listener.security.protocol.map": _v("INTERNAL:PLAINTEXT,EXTERNAL:PLAINTEXT", 9),
		"inter.broker.listener.name": _v("internal", 10),
	}
	count(KAF019.deny) == 0 with input as _in([_zk(c)], [], [], [])
}

test_quiet_inter_broker_on_old_bitnami if {
	c := {
		"listeners": object.union(_v("INTERNAL://0.0.0.0:29092,EXTERNAL://0.0.0.0:9092", 7), {"listeners": [{"name": "INTERNAL", "host": "0.0.0.0", "port": "29092", "text": "INTERNAL://0.0.0.0:29092"}, {"name": "EXTERNAL", "host": "0.0.0.0", "port": "9092", "text": "EXTERNAL://0.0.0.0:9092"}]}),
		"advertised.listeners": object.union(_v("INTERNAL://kafka:29092,EXTERNAL://localhost:9092", 8), {"listeners": [{"name": "INTERNAL", "host": "kafka", "port": "29092", "text": "INTERNAL://kafka:29092"}, {"name": "EXTERNAL", "host": "localhost", "port": "9092", "text": "EXTERNAL://localhost:9092"}]}),
		"listener.security.protocol.map": _v("INTERNAL:PLAINTEXT,EXTERNAL:PLAINTEXT", 9),
	}
	n := object.union(_zk(c), {"family": "bitnami", "kafka_version": "3.3", "kafka_release": [3, 3]})
	count(KAF019.deny) == 0 with input as _in([n], [], [], [])
}

test_both_inter_broker_settings if {
	c := object.union(_good_zk, {"inter.broker.listener.name": _v("PLAINTEXT", 10), "security.inter.broker.protocol": _v("PLAINTEXT", 11)})
	fs := KAF019.deny with input as _in([_zk(c)], [], [], [])
	_only(fs, "Only one of")
	some f in fs
	f.location == _loc(11)
}

test_duplicate_port_derived if {
	c := {
		"listeners": {"value": "PLAINTEXT://0.0.0.0:9092,PLAINTEXT_HOST://0.0.0.0:9092", "listeners": [{"name": "PLAINTEXT", "host": "0.0.0.0", "port": "9092", "text": "PLAINTEXT://0.0.0.0:9092"}, {"name": "PLAINTEXT_HOST", "host": "0.0.0.0", "port": "9092", "text": "PLAINTEXT_HOST://0.0.0.0:9092"}], "source": "image-baseline", "set": false},
		"advertised.listeners": object.union(_v("PLAINTEXT://kafka:9092,PLAINTEXT_HOST://localhost:9092", 8), {"listeners": [{"name": "PLAINTEXT", "host": "kafka", "port": "9092", "text": "PLAINTEXT://kafka:9092"}, {"name": "PLAINTEXT_HOST", "host": "localhost", "port": "9092", "text": "PLAINTEXT_HOST://localhost:9092"}]}),
		"listener.security.protocol.map": _v("PLAINTEXT:PLAINTEXT,PLAINTEXT_HOST:PLAINTEXT", 9),
	}
	fs := KAF019.deny with input as _in([_zk(c)], [], [], [])
	_only(fs, "derived the listeners")
	some f in fs
	f.location == _loc(8)
}

test_quiet_dual_stack_same_port if {
	c := object.union(_good_zk, {
		"listeners": object.union(_v("PLAINTEXT://0.0.0.0:9092,PLAINTEXT_HOST://[::1]:9092", 7), {"listeners": [{"name": "PLAINTEXT", "host": "0.0.0.0", "port": "9092", "text": "PLAINTEXT://0.0.0.0:9092"}, {"name": "PLAINTEXT_HOST", "host": "[::1]", "port": "9092", "text": "PLAINTEXT_HOST://[::1]:9092"}]}),
		"advertised.listeners": object.union(_v("PLAINTEXT://kafka:9092,PLAINTEXT_HOST://localhost:9092", 8), {"listeners": [{"name": "PLAINTEXT", "host": "kafka", "port": "9092", "text": "PLAINTEXT://kafka:9092"}, {"name": "PLAINTEXT_HOST", "host": "localhost", "port": "9092", "text": "PLAINTEXT_HOST://localhost:9092"}]}),
	})
	count(KAF019.deny) == 0 with input as _in([_zk(c)], [], [], [])
}

_kraft_broker(config) := _node("broker", "confluent", "3.6", ["broker"], object.union(
	{
		"process.roles": _v("broker", 4),
		"listeners": object.union(_v("PLAINTEXT://0.0.0.0:9092", 5), {"listeners": [{"name": "PLAINTEXT", "host": "0.0.0.0", "port": "9092", "text": "PLAINTEXT://0.0.0.0:9092"}]}),
		"advertised.listeners": object.union(_v("PLAINTEXT://broker:9092", 6), {"listeners": [{"name": "PLAINTEXT", "host": "broker", "port": "9092", "text": "PLAINTEXT://broker:9092"}]}),
		"controller.listener.names": _v("CONTROLLER", 7),
		"listener.security.protocol.map": _v("CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT", 8),
		"controller.quorum.voters": _v("1@controller:9093", 9),
	},
	config,
))

test_quiet_kraft_broker if {
	count(KAF019.deny) == 0 with input as _in([_kraft_broker({})], [], [], [])
}

test_kraft_controller_names_missing if {
	n := json.remove(_kraft_broker({}), ["config/controller.listener.names"])
	fs := KAF019.deny with input as _in([n], [], [], [])
	_only(fs, "without controller.listener.names")
	some f in fs
	f.location == _svc_loc
}

test_quiet_controller_names_missing_on_dropped_apache if {
	b := _kraft_broker({})
	n := object.union(json.remove(b, ["config/controller.listener.names"]), {"family": "apache", "packaged_defaults_dropped": true})
	count(KAF019.deny) == 0 with input as _in([n], [], [], [])
}

test_broker_only_binds_controller_listener if {
	n := _kraft_broker({"listeners": object.union(_v("PLAINTEXT://0.0.0.0:9092,CONTROLLER://0.0.0.0:9093", 5), {"listeners": [{"name": "PLAINTEXT", "host": "0.0.0.0", "port": "9092", "text": "PLAINTEXT://0.0.0.0:9092"}, {"name": "CONTROLLER", "host": "0.0.0.0", "port": "9093", "text": "CONTROLLER://0.0.0.0:9093"}]})})
	fs := KAF019.deny with input as _in([n], [], [], [])
	_only(fs, "binds its controller listener")
}

test_broker_advertises_controller_before_3_9 if {
	n := _kraft_broker({"advertised.listeners": object.union(_v("PLAINTEXT://broker:9092,CONTROLLER://broker:9093", 6), {"listeners": [{"name": "PLAINTEXT", "host": "broker", "port": "9092", "text": "PLAINTEXT://broker:9092"}, {"name": "CONTROLLER", "host": "broker", "port": "9093", "text": "CONTROLLER://broker:9093"}]})})
	fs := KAF019.deny with input as _in([n], [], [], [])
	_only(fs, "allowed from 3.9")
	n39 := object.union(n, {"kafka_version": "3.9", "kafka_release": [3, 9]})
	count(KAF019.deny) == 0 with input as _in([n39], [], [], [])
	nv := object.remove(object.union(n, {"kafka_version": ""}), ["kafka_release"])
	count(KAF019.deny) == 0 with input as _in([nv], [], [], [])
}

# An image whose convention is guessed from its names may fill in the
# listener settings the project leaves unset, as cp-kafka derives
# listeners from the advertised ones: nothing is judged on what it may
# supply.
test_quiet_controller_names_missing_on_guessed_image if {
	n := object.union(json.remove(_kraft_broker({}), ["config/controller.listener.names"]), {"image_guessed": true})
	count(KAF019.deny) == 0 with input as _in([n], [], [], [])
}
