# Helpers for the listener and quorum rules (KAF013, KAF019, KAF020,
# KAF021): listener names as Kafka normalises them, the effective
# security protocol map, advertised listeners with Kafka's fallback, and
# which values the image may still fill in (where rules stay quiet).
package streamlint.lib

# name_set is the upper-cased names of a comma list (listener names are
# case-insensitive: Kafka normalises them with ListenerName.normalised).
name_set(value) := {upper(trim_space(n)) | some n in split(value, ","); trim_space(n) != ""}

# controller_names are a node's controller.listener.names, upper-cased
# (empty when unset).
controller_names(node) := name_set(v.value) if {
	v := configured(node, "controller.listener.names")
} else := set()

# has_role is true when a node has the KRaft role ("broker" or
# "controller"); ZooKeeper brokers have the role "broker".
has_role(node, role) if role in object.get(node, "roles", [])

# kraft is true for KRaft nodes.
kraft(node) if node.mode == "kraft"

# kafka_before is true when the node's Kafka version is known and older
# than major.minor (kafka_before(n, 3, 9) for 3.8.x and older); Go reads
# the version's numbers into kafka_release ([3, 8]).
kafka_before(node, major, minor) if node.kafka_release < [major, minor]

# image_may_fill_listeners is true for images whose entrypoint may supply
# listener settings the project leaves unset (older bitnami images default
# KAFKA_CFG_LISTENERS / KAFKA_CFG_ADVERTISED_LISTENERS in kafka-env.sh;
# debezium derives its listeners; heuristically recognised builds): an
# unset value there is not Kafka's default, so rules stay quiet.
image_may_fill_listeners(node) if node.family == "bitnami"

image_may_fill_listeners(node) if node.family == "debezium"

image_may_fill_listeners(node) if node.family == ""

image_may_fill_listeners(node) if node.image_guessed

# old_bitnami is a bitnami image older than 3.4 (or of unknown version),
# whose kafka-env.sh still gave listener defaults.
old_bitnami(node) if {
	node.family == "bitnami"
	not _bitnami_new(node)
}

_bitnami_new(node) if node.kafka_release >= [3, 4]

# listeners_value is a node's effective `listeners` when it is known: what
# the project or the image baseline sets (cp-kafka derives it from the
# advertised listeners), or Kafka's default on images that add nothing
# (cp-kafka, apache/kafka without its packaged file).
listeners_value(node) := v if {
	v := node.config.listeners
	not v.unresolved
	v.source != "default"
	contains(v.value, "://")
}

listeners_value(node) := v if {
	v := node.config.listeners
	not v.unresolved
	v.source == "default"
	node.family in {"confluent", "apache"}
	contains(v.value, "://")
}

# advertised_value is a node's advertised.listeners as written (project or
# image baseline), when set.
advertised_value(node) := v if {
	v := node.config["advertised.listeners"]
	not v.unresolved
	contains(v.value, "://")
}

# effective_advertised is what a broker advertises: advertised.listeners,
# else (Kafka's fallback) its listeners. {"list": [...], "value": the
# value it comes from, "fallback": bool}. Undefined when unknown or when
# the image may fill advertised.listeners in itself.
effective_advertised(node) := {"list": object.get(v, "listeners", []), "value": v, "fallback": false} if {
	v := advertised_value(node)
}

effective_advertised(node) := {"list": object.get(v, "listeners", []), "value": v, "fallback": true} if {
	not advertised_value(node)
	not _advertised_unresolved(node)
	_fallback_known(node)
	v := listeners_value(node)
}

_advertised_unresolved(node) if node.config["advertised.listeners"].unresolved

# Kafka's fallback to listeners is certain on apache/kafka (no packaged
# file in use) and on bitnami 3.4+; cp-kafka refuses to start without
# KAFKA_ADVERTISED_LISTENERS anyway.
_fallback_known(node) if node.family == "apache"

_fallback_known(node) if {
	node.family == "bitnami"
	not old_bitnami(node)
}

# broker_advertised are the advertised listeners that are not controller
# listeners.
broker_advertised(node, adv) := [l | some l in adv.list; not l.name in controller_names(node)]

# inter_broker_name is the listener brokers talk to each other on:
# inter.broker.listener.name, else the listener named after
# security.inter.broker.protocol (PLAINTEXT by default). {"name", "value"
# (the setting it comes from, absent for the default), "explicit"}.
inter_broker_name(node) := {"name": upper(trim_space(v.value)), "value": v, "explicit": true} if {
	v := configured(node, "inter.broker.listener.name")
}

inter_broker_name(node) := {"name": upper(trim_space(v.value)), "value": v, "explicit": false} if {
	absent(node, "inter.broker.listener.name")
	not old_bitnami(node)
	v := configured(node, "security.inter.broker.protocol")
}

inter_broker_name(node) := {"name": "PLAINTEXT", "explicit": false} if {
	absent(node, "inter.broker.listener.name")
	absent(node, "security.inter.broker.protocol")
	not old_bitnami(node)
}

# absent is true when a node's setting is unset (missing, empty or null);
# an unresolved ${VAR} is not absent (its value is unknown).
absent(node, key) if not node.config[key]

absent(node, key) if {
	v := node.config[key]
	not v.unresolved
	_no_value(trim_space(v.value))
}

# default_protocol_names are the listener names Kafka's default
# listener.security.protocol.map maps (each security protocol to itself).
default_protocol_names := {"PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL"}

# protocol_map_names is the set of listener names a node's effective
# listener.security.protocol.map maps, when known: the value written, or
# Kafka's default, to which a KRaft node adds its controller listeners as
# PLAINTEXT when no listener or controller listener is SSL or SASL_*
# (KafkaConfig.effectiveListenerSecurityProtocolMap).
protocol_map_names(node) := {upper(trim_space(split(e, ":")[0])) | some e in split(v.value, ","); contains(e, ":")} if {
	v := node.config["listener.security.protocol.map"]
	v.source != "default"
	not v.unresolved
}

protocol_map_names(node) := default_protocol_names | _kraft_default_mapped(node) if {
	v := node.config["listener.security.protocol.map"]
	v.source == "default"
	not image_may_fill_listeners(node)
}

_kraft_default_mapped(node) := controller_names(node) if {
	kraft(node)
	not _uses_ssl_or_sasl(node)
} else := set()

_uses_ssl_or_sasl(node) if {
	some n in controller_names(node)
	n in {"SSL", "SASL_SSL", "SASL_PLAINTEXT"}
}

_uses_ssl_or_sasl(node) if {
	some l in object.get(node.config.listeners, "listeners", [])
	l.name in {"SSL", "SASL_SSL", "SASL_PLAINTEXT"}
}

# address_host is the host of a bootstrap address ("PLAINTEXT://kafka:9092",
# "kafka:9092", "kafka").
address_host(addr) := h if {
	t := trim_space(addr)
	parts := split(t, "://")
	hp := parts[count(parts) - 1]
	h := _strip_port(hp)
}

_strip_port(hp) := substring(hp, 0, i) if {
	not startswith(hp, "[")
	i := indexof(hp, ":")
	i >= 0
} else := trim(hp, "[]") if {
	startswith(hp, "[")
} else := hp

# names_service is true when host names a compose service: its name,
# container_name, hostname or a network alias (case-insensitive, as DNS
# is), or one of its static addresses.
names_service(host, name) if lower(host) == lower(name)

names_service(host, name) if {
	s := service_named(name)
	some other in array.concat([object.get(s, "container_name", ""), object.get(s, "hostname", "")], object.get(s, "aliases", []))
	other != ""
	lower(host) == lower(other)
}

names_service(host, name) if {
	s := service_named(name)
	host in object.get(s, "addresses", [])
}

# node_named finds a Kafka node (broker or controller) by a host that
# names its service.
node_named(host) := n if {
	some name in services_for_host(host)
	n := _nodes_by_service[name]
}

# services_for_host are the names of the compose services a host names,
# as names_service says: by service name, container_name, hostname or
# network alias (case-insensitively), or a static address (usually one
# name, none for a host outside the project, several when two services
# share a name).
services_for_host(host) := array.concat(
	object.get(_services_by_host, lower(host), []),
	object.get(_services_by_address, host, []),
)

# _services_by_host and _services_by_address index the services (and
# Kafka nodes) by the hosts that name them, built once per evaluation.
_services_by_host := group_by({[lower(h), s.name] |
	some s in input.services
	some h in array.concat([s.name, object.get(s, "container_name", ""), object.get(s, "hostname", "")], object.get(s, "aliases", []))
	h != ""
} | {[lower(n.service), n.service] | some n in nodes})

_services_by_address := group_by({[a, s.name] | some s in input.services; some a in object.get(s, "addresses", [])})

_nodes_by_service := {n.service: n | some n in nodes}

# shown is how a listener setting is written, with where, for messages:
# "KAFKA_LISTENERS=PLAINTEXT://:9092 (compose.yaml:12)", or
# "listeners=... (derived by the image)" / "(Kafka's default)".
shown(v, _) := where(v) if {
	v.loc
	not v.derived
}

shown(v, key) := sprintf("%s=%s (%s)", [key, v.value, _unwritten_origin(v)]) if {
	not v.loc
	not v.derived
}

shown(v, key) := sprintf("%s=%s (derived from %s)", [key, v.value, v.derived]) if v.derived

_unwritten_origin(v) := "supplied by the image" if v.source == "image-baseline"

_unwritten_origin(v) := "Kafka's default" if v.source == "default"

_unwritten_origin(v) := v.source if not v.source in {"image-baseline", "default"}
