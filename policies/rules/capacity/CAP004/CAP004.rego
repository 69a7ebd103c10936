# METADATA
# title: Bootstrap servers name no broker of the project
# description: |
#   An address of the Spark app's kafka.bootstrap.servers (bootstrap.servers
#   of a DStream job's kafkaParams) must reach a broker of the project: its
#   service name, container_name or network alias with the port of one of
#   its client listeners, or one of its advertised listeners. Reported: a
#   name that is no service of the project (a typo), a service that is not a
#   broker (zookeeper:2181, a KRaft controller-only node), localhost when no
#   broker advertises it or when the app runs in a container of its own
#   (localhost is then the Spark container), a port no listener of the broker
#   binds or its KRaft controller listener, a port whose listener advertises
#   only localhost while the broker has a listener for the compose network
#   (kafka:9092 instead of kafka:29092: the bootstrap works, then the client
#   reconnects to localhost), and an address without a port, which Kafka
#   clients reject. Not judged: values written as ${VAR}, projects without a
#   broker (an external cluster), and host names with a dot or IP addresses
#   that are no name of the project (an external cluster or the Docker host),
#   and services of a Kafka-compatible broker streamlint does not model
#   (Redpanda).
#   Error when no address of the list works; a warning when some do.
# related_resources:
#   - ref: https://spark.apache.org/docs/latest/structured-streaming-kafka-integration.html
#     description: Structured Streaming + Kafka integration guide (kafka.bootstrap.servers)
#   - ref: https://kafka.apache.org/documentation/#consumerconfigs_bootstrap.servers
#     description: Kafka consumer configuration, bootstrap.servers
#   - ref: https://kafka.apache.org/documentation/#brokerconfigs_advertised.listeners
#     description: Kafka broker configuration, advertised.listeners
# custom:
#   id: CAP004
#   severity: error
#   remediation: |
#     Point kafka.bootstrap.servers at an address a broker advertises for the
#     network the app runs in: inside compose, the broker's service name and
#     the port of its internal listener (kafka:29092 with the usual two-listener
#     setup); on the Docker host, the published localhost listener.
package streamlint.rules.CAP004

import data.streamlint.lib

deny contains f if {
	count(input.brokers) > 0
	some app in input.apps
	some bs in object.get(app, "bootstrap", [])
	not bs.value.unresolved
	problems := [p | some e in bs.entries; p := _problem(app, e)]
	count(problems) > 0
	bad := {e.address | some e in bs.entries; _problem(app, e)}
	good := [e.address | some e in bs.entries; not e.address in bad]
	msg := sprintf("%s: kafka.bootstrap.servers=%q (%s) %s: %s. %s", [
		lib.app_label(app), bs.value.value, _where(bs.value),
		_summary(good, problems), concat("; ", [p.text | some p in problems]), _fix(app, good),
	])
	rel := [r | some p in problems; some r in p.related]
	f := lib.finding_related_severity(rego.metadata.chain(), msg, lib.loc_or(bs.value, app.main_loc), _dedup(rel), _severity(good, problems))
}

_where(v) := sprintf("%s:%d", [v.loc.file, v.loc.line]) if v.loc

_where(v) := v.source if not v.loc

_summary(good, _) := "reaches no Kafka broker of the project" if count(good) == 0

_summary(good, _) := sprintf("has addresses that reach no broker listener (only %s does)", [concat(", ", good)]) if count(good) > 0

_severity(good, _) := "error" if count(good) == 0

_severity(good, problems) := "error" if {
	count(good) > 0
	some p in problems
	p.fatal
}

_severity(good, problems) := "warning" if {
	count(good) > 0
	not _any_fatal(problems)
}

_any_fatal(problems) if {
	some p in problems
	p.fatal
}

_dedup(rel) := [r | some i, r in rel; not _seen_before(rel, i, r)]

_seen_before(rel, i, r) if {
	some j, q in rel
	j < i
	q == r
}

# --- the problems of one address ---------------------------------------------

# An address without a port: Kafka clients reject the whole list.
_problem(_, e) := {
	"text": sprintf("%q has no port, and Kafka clients reject the whole list (ConfigException: Invalid url in bootstrap.servers)", [e.address]),
	"fatal": true, "related": [],
} if {
	object.get(e, "port", "") == ""
	not _external(e.host)
}

# A name of no broker.
_problem(app, e) := {"text": _unknown_text(app, e), "fatal": false, "related": _advertised_related} if {
	object.get(e, "port", "") != ""
	object.get(e, "broker", "") == ""
	not _external(e.host)
	not _kafka_compatible(e.host)
}

# The broker's name with a port no client listener binds.
_problem(_, e) := {
	"text": sprintf("%q names broker %q (%s) but no listener of it binds port %s: it listens for clients on %s (%s)", [e.address, e.broker, e.via, e.port, concat(", ", e.ports), _listeners_text(b)]),
	"fatal": false, "related": _listeners_related(b),
} if {
	object.get(e, "port", "") != ""
	_by_name(e)
	count(object.get(e, "ports", [])) > 0
	object.get(e, "listener", "") == ""
	b := lib.broker_by_service(e.broker)
	_listeners_known(b)
}

# The broker's KRaft controller listener.
_problem(_, e) := {
	"text": sprintf("%q reaches the %s listener of broker %q, its KRaft controller listener, which serves the quorum and not clients; its client listeners are on %s (%s)", [e.address, e.listener, e.broker, concat(", ", object.get(e, "ports", [])), _listeners_text(b)]),
	"fatal": false, "related": _listeners_related(b),
} if {
	object.get(e, "port", "") != ""
	b := lib.broker_by_service(e.broker)
	_listeners_known(b)
	_controller_listener(b, e.listener)
}

# A listener that advertises only localhost, reached by the broker's name.
_problem(_, e) := {
	"text": sprintf("%q reaches listener %s of broker %q, which advertises %s: the bootstrap works, then the client reconnects to %s, which is its own container, not the broker; the listener for the compose network is %s", [e.address, e.listener, e.broker, e.advertised, e.advertised, concat(", ", _network_addresses(b))]),
	"fatal": false, "related": _advertised_of(b),
} if {
	object.get(e, "port", "") != ""
	_by_name(e)
	b := lib.broker_by_service(e.broker)
	not _controller_listener(b, e.listener)
	lib.loopback(object.get(e, "advertised_host", ""))
	# with only loopback listeners advertised, KAF013 reports the broker
	count(_network_addresses(b)) > 0
}

# localhost from inside a container of its own.
_problem(app, e) := {
	"text": sprintf("%q is broker %q's %s, for clients on the Docker host, but the app runs in service %s, where localhost is the Spark container itself", [e.address, e.broker, e.via, concat(", ", [sprintf("%q", [s]) | some s in _isolated_services(app)])]),
	"fatal": false, "related": _advertised_of(lib.broker_by_service(e.broker)),
} if {
	object.get(e, "port", "") != ""
	object.get(e, "broker", "") != ""
	startswith(object.get(e, "via", ""), "advertised listener")
	lib.loopback(e.host)
	count(_isolated_services(app)) > 0
}

_unknown_text(_, e) := sprintf("%q is service %q%s, not a Kafka broker", [e.address, s.name, _role_clause(s.role)]) if {
	s := _service_called(e.host)
}

_unknown_text(app, e) := sprintf("%q matches no advertised listener of the brokers (%s)%s", [e.address, concat(", ", _all_advertised), _in_container(app)]) if {
	not _service_called(e.host)
	lib.loopback(e.host)
}

_unknown_text(_, e) := sprintf("no service, container_name, network alias or advertised listener of the project is called %q", [e.host]) if {
	not _service_called(e.host)
	not lib.loopback(e.host)
}

_in_container(app) := sprintf(", and inside service %s localhost is the Spark container itself", [concat(", ", [sprintf("%q", [s]) | some s in _isolated_services(app)])]) if {
	count(_isolated_services(app)) > 0
} else := ""

_role_text("zookeeper") := "ZooKeeper node"

_role_text("controller") := "KRaft controller-only node, which serves no clients"

_role_text("kafka-client") := "Kafka client (it runs a tool)"

_role_text(role) := sprintf("%s service", [role]) if not role in {"zookeeper", "controller", "kafka-client"}

# _role_clause names the service's role after its name ("" for a service
# of no Kafka or Spark role).
_role_clause("other") := ""

_role_clause(role) := sprintf(", a %s", [_role_text(role)]) if role != "other"

# --- facts --------------------------------------------------------------------

# _external hosts are outside the project: a name with a dot or an IP
# address that is no service or container of the project.
_external(host) if {
	not lib.loopback(host)
	not _service_called(host)
	regex.match(`[.:]`, host)
}

# _kafka_compatible hosts are services of a Kafka-compatible broker
# streamlint does not model (Redpanda speaks the Kafka protocol but is
# configured by its own flags and files): their listeners are unknown, so
# an address naming one is not judged, as for an external cluster.
_kafka_compatible(host) if {
	s := _service_called(host)
	regex.match(`(^|/)(redpandadata|vectorized)/redpanda([:@]|$)`, lower(object.get(s, "image", "")))
}

_service_called(host) := s if {
	some name in lib.services_for_host(host)
	lower(name) == lower(host)
	s := lib.service_named(name)
} else := s if {
	some name in lib.services_for_host(host)
	s := lib.service_named(name)
	lower(object.get(s, "container_name", "")) == lower(host)
}

# _listeners_known: the broker's listeners are written by the project or
# the image's baseline (cp-kafka derives them from the advertised
# listeners). Kafka's own default is not trusted: some images (older
# bitnami, debezium) fill listeners in at start-up.
_listeners_known(b) if {
	v := b.config.listeners
	v.source != "default"
	not v.unresolved
}

_by_name(e) if object.get(e, "via", "") in {"service name", "container_name", "hostname", "network alias", "static address"}

_controller_listener(b, name) if {
	name != ""
	some n in split(object.get(b.config, "controller.listener.names", {"value": ""}).value, ",")
	upper(trim_space(n)) == name
}

# _network_addresses are the broker's advertised listeners other containers
# of the project can reach (not loopback, not the controller listener).
_network_addresses(b) := [sprintf("%s:%s", [l.host, l.port]) |
	some l in object.get(object.get(b.config, "advertised.listeners", {}), "listeners", [])
	l.host != ""
	not lib.loopback(l.host)
	not _controller_listener(b, l.name)
]

_all_advertised := [sprintf("%s:%s", [l.host, l.port]) |
	some b in input.brokers
	some l in object.get(object.get(b.config, "advertised.listeners", {}), "listeners", [])
]

# _isolated_services are the compose services that run the app in a
# network namespace of their own (no network_mode).
_isolated_services(app) := [name |
	some name in object.get(app, "services", [])
	s := lib.service_named(name)
	object.get(s, "network_mode", "") == ""
]

_listeners_text(b) := lib.written(v, "listeners") if {
	v := b.config.listeners
	v.set
} else := sprintf("listeners=%s, %s", [b.config.listeners.value, lib.origin(b.config.listeners)])

_listeners_related(b) := [lib.related(lib.loc_or(b.config.listeners, b.loc), sprintf("listeners of broker %q", [b.service]))]

_advertised_of(b) := [lib.related(lib.loc_or(object.get(b.config, "advertised.listeners", {}), b.loc), sprintf("advertised listeners of broker %q", [b.service]))]

_advertised_related := [r | some b in input.brokers; some r in _advertised_of(b)]

# --- the fix ------------------------------------------------------------------

_fix(app, _) := sprintf("Use %s", [concat(", ", _suggestions(app))]) if count(_suggestions(app)) > 0

_fix(app, _) := "Point it at a broker's advertised listener" if count(_suggestions(app)) == 0

# Inside compose: the brokers' network addresses; on the Docker host:
# every advertised listener.
_suggestions(app) := [a | some b in input.brokers; some a in _network_addresses(b)] if {
	count(object.get(app, "services", [])) > 0
} else := _all_advertised
