package streamlint.rules.CAP004_test

import data.streamlint.rules.CAP004

_l(file, line) := {"file": file, "line": line, "column": 5}

_ports := ["29092", "9092"]

# the usual Confluent two-listener broker
_broker := {"service": "kafka", "loc": _l("compose.yaml", 6), "config": {
	"listeners": {"value": "PLAINTEXT://0.0.0.0:29092,PLAINTEXT_HOST://0.0.0.0:9092,CONTROLLER://0.0.0.0:9093", "listeners": [{"name": "PLAINTEXT", "host": "0.0.0.0", "port": "29092", "text": "PLAINTEXT://0.0.0.0:29092"}, {"name": "PLAINTEXT_HOST", "host": "0.0.0.0", "port": "9092", "text": "PLAINTEXT_HOST://0.0.0.0:9092"}, {"name": "CONTROLLER", "host": "0.0.0.0", "port": "9093", "text": "CONTROLLER://0.0.0.0:9093"}], "var": "KAFKA_LISTENERS", "source": "env", "set": true, "loc": _l("compose.yaml", 14)},
	"advertised.listeners": {"value": "PLAINTEXT://kafka:29092,PLAINTEXT_HOST://localhost:9092", "listeners": [{"name": "PLAINTEXT", "host": "kafka", "port": "29092", "text": "PLAINTEXT://kafka:29092"}, {"name": "PLAINTEXT_HOST", "host": "localhost", "port": "9092", "text": "PLAINTEXT_HOST://localhost:9092"}], "var": "KAFKA_ADVERTISED_LISTENERS", "source": "env", "set": true, "loc": _l("compose.yaml", 15)},
	"controller.listener.names": {"value": "CONTROLLER", "source": "env", "set": true},
}}

_services := [
	{"name": "zookeeper", "role": "zookeeper"},
	{"name": "kafka", "role": "broker"},
	{"name": "spark", "role": "spark-submit"},
	{"name": "spark-host", "role": "spark-submit", "network_mode": "host"},
]

_good := {"address": "kafka:29092", "host": "kafka", "port": "29092", "broker": "kafka", "via": "service name", "listener": "PLAINTEXT", "advertised": "kafka:29092", "advertised_host": "kafka", "ports": _ports}

_app(value, entries, services) := {
	"id": "jobs/app.py", "kind": "structured", "main_loc": _l("jobs/app.py", 1), "services": services,
	"bootstrap": [{"value": {"value": value, "source": "code", "loc": _l("jobs/app.py", 6)}, "entries": entries}],
}

_in(app, brokers) := {"apps": [app], "brokers": brokers, "services": _services}

_one(entries) := fs if {
	value := concat(",", [e.address | some e in entries])
	fs := CAP004.deny with input as _in(_app(value, entries, ["spark"]), [_broker])
}

test_fires_on_typo if {
	fs := _one([{"address": "kafak:9092", "host": "kafak", "port": "9092"}])
	count(fs) == 1
	some f in fs
	f.severity == "error"
	f.location.line == 6
	contains(f.message, `reaches no Kafka broker of the project: no service, container_name, network alias or advertised listener of the project is called "kafak". Use kafka:29092`)
	{r.line | some r in f.related} == {15}
}

test_fires_on_zookeeper if {
	fs := _one([{"address": "zookeeper:2181", "host": "zookeeper", "port": "2181"}])
	some f in fs
	contains(f.message, `"zookeeper:2181" is service "zookeeper", a ZooKeeper node, not a Kafka broker`)
}

test_fires_on_wrong_port if {
	fs := _one([{"address": "kafka:9094", "host": "kafka", "port": "9094", "broker": "kafka", "via": "service name", "ports": _ports}])
	some f in fs
	f.severity == "error"
	contains(f.message, `"kafka:9094" names broker "kafka" (service name) but no listener of it binds port 9094: it listens for clients on 29092, 9092 (KAFKA_LISTENERS=`)
	{r.line | some r in f.related} == {14}
}

test_quiet_on_port_when_listeners_unknown if {
	fs := _one([{"address": "kafka:9094", "host": "kafka", "port": "9094", "broker": "kafka", "via": "service name"}])
	count(fs) == 0
}

test_fires_on_controller_port if {
	fs := _one([{"address": "kafka:9093", "host": "kafka", "port": "9093", "broker": "kafka", "via": "service name", "listener": "CONTROLLER", "ports": _ports}])
	some f in fs
	contains(f.message, `reaches the CONTROLLER listener of broker "kafka", its KRaft controller listener`)
}

test_fires_on_listener_advertising_localhost if {
	fs := _one([{"address": "kafka:9092", "host": "kafka", "port": "9092", "broker": "kafka", "via": "service name", "listener": "PLAINTEXT_HOST", "advertised": "localhost:9092", "advertised_host": "localhost", "ports": _ports}])
	some f in fs
	contains(f.message, `"kafka:9092" reaches listener PLAINTEXT_HOST of broker "kafka", which advertises localhost:9092: the bootstrap works, then the client reconnects to localhost:9092`)
	contains(f.message, "the listener for the compose network is kafka:29092")
}

test_quiet_when_only_localhost_is_advertised if {
	# KAF013 reports the broker itself
	b := json.patch(_broker, [{"op": "replace", "path": "/config/advertised.listeners/value", "value": "PLAINTEXT://localhost:9092"}, {"op": "replace", "path": "/config/advertised.listeners/listeners", "value": [{"name": "PLAINTEXT", "host": "localhost", "port": "9092", "text": "PLAINTEXT://localhost:9092"}]}])
	e := {"address": "kafka:9092", "host": "kafka", "port": "9092", "broker": "kafka", "via": "service name", "listener": "PLAINTEXT", "advertised": "localhost:9092", "advertised_host": "localhost", "ports": ["9092"]}
	fs := CAP004.deny with input as _in(_app("kafka:9092", [e], ["spark"]), [b])
	count(fs) == 0
}

_localhost := {"address": "localhost:9092", "host": "localhost", "port": "9092", "broker": "kafka", "via": "advertised listener localhost:9092", "listener": "PLAINTEXT_HOST", "advertised": "localhost:9092", "advertised_host": "localhost", "ports": _ports}

test_fires_on_localhost_inside_a_container if {
	fs := _one([_localhost])
	some f in fs
	contains(f.message, `the app runs in service "spark", where localhost is the Spark container itself`)
}

test_quiet_on_localhost_with_host_network if {
	fs := CAP004.deny with input as _in(_app("localhost:9092", [_localhost], ["spark-host"]), [_broker])
	count(fs) == 0
}

test_quiet_on_localhost_from_the_docker_host if {
	# no service runs the app: it is submitted from the host
	fs := CAP004.deny with input as _in(_app("localhost:9092", [_localhost], []), [_broker])
	count(fs) == 0
}

test_fires_on_localhost_not_advertised if {
	fs := CAP004.deny with input as _in(_app("localhost:9999", [{"address": "localhost:9999", "host": "localhost", "port": "9999"}], []), [_broker])
	some f in fs
	contains(f.message, `"localhost:9999" matches no advertised listener of the brokers (kafka:29092, localhost:9092)`)
	contains(f.message, "Use kafka:29092, localhost:9092")
}

test_missing_port_is_an_error_even_with_good_addresses if {
	fs := _one([_good, {"address": "kafka", "host": "kafka", "broker": "kafka", "via": "service name", "ports": _ports}])
	some f in fs
	f.severity == "error"
	contains(f.message, `"kafka" has no port, and Kafka clients reject the whole list`)
}

test_warning_when_some_addresses_work if {
	fs := _one([_good, {"address": "kafak:9092", "host": "kafak", "port": "9092"}])
	count(fs) == 1
	some f in fs
	f.severity == "warning"
	contains(f.message, "has addresses that reach no broker listener (only kafka:29092 does)")
}

test_quiet_on_good_address if {
	fs := _one([_good])
	count(fs) == 0
}

test_quiet_on_external_hosts if {
	fs := _one([
		{"address": "b-1.msk.eu-west-1.amazonaws.com:9092", "host": "b-1.msk.eu-west-1.amazonaws.com", "port": "9092"},
		{"address": "10.0.0.5:9092", "host": "10.0.0.5", "port": "9092"},
		{"address": "[fd00::5]:9092", "host": "fd00::5", "port": "9092"},
	])
	count(fs) == 0
}

test_quiet_on_unresolved_value if {
	app := json.patch(_app("${KAFKA_BOOTSTRAP}", [], ["spark"]), [{"op": "add", "path": "/bootstrap/0/value/unresolved", "value": true}])
	fs := CAP004.deny with input as _in(app, [_broker])
	count(fs) == 0
}

test_quiet_without_brokers if {
	# an external cluster: nothing of the project to compare with
	fs := CAP004.deny with input as _in(_app("kafka:9092", [{"address": "kafka:9092", "host": "kafka", "port": "9092"}], ["spark"]), [])
	count(fs) == 0
}

test_quiet_on_port_when_listeners_are_kafkas_default if {
	# the image may fill listeners in itself: the default proves nothing
	b := json.patch(_broker, [{"op": "replace", "path": "/config/listeners", "value": {"value": "PLAINTEXT://:9092", "source": "default", "listeners": [{"name": "PLAINTEXT", "host": "", "port": "9092", "text": "PLAINTEXT://:9092"}]}}])
	e := {"address": "kafka:9094", "host": "kafka", "port": "9094", "broker": "kafka", "via": "service name", "ports": ["9092"]}
	fs := CAP004.deny with input as _in(_app("kafka:9094", [e], ["spark"]), [b])
	count(fs) == 0
}

# Redpanda speaks the Kafka protocol but is not modelled as a broker: an
# app of a project that also runs a Kafka broker may read from it.
test_quiet_on_redpanda_service if {
	services := array.concat(_services, [{"name": "redpanda", "role": "other", "image": "docker.redpanda.com/redpandadata/redpanda:v24.1.1"}])
	e := {"address": "redpanda:9092", "host": "redpanda", "port": "9092"}
	count(CAP004.deny) == 0 with input as {"apps": [_app("redpanda:9092", [e], ["spark"])], "brokers": [_broker], "services": services}
}

# Redpanda Console is no broker: still reported, in plain words.
test_fires_on_redpanda_console if {
	services := array.concat(_services, [{"name": "console", "role": "other", "image": "redpandadata/console:v2.4.5"}])
	e := {"address": "console:8080", "host": "console", "port": "8080"}
	fs := CAP004.deny with input as {"apps": [_app("console:8080", [e], ["spark"])], "brokers": [_broker], "services": services}
	some f in fs
	contains(f.message, `"console:8080" is service "console", not a Kafka broker`)
}
