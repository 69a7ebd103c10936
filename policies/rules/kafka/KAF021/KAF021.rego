# METADATA
# title: apache/kafka packaged defaults dropped, KRaft key missing
# description: |
#   The apache/kafka image starts a single combined KRaft node from its
#   packaged server.properties only when no KAFKA_* property variable is
#   set and no file is mounted at /mnt/shared/config. As soon as one
#   variable is set (even KAFKA_NUM_PARTITIONS or a helper like
#   KAFKA_JMX_PORT), the image writes a server.properties from the
#   variables alone: process.roles, node.id, the quorum, listeners and
#   controller.listener.names of the packaged file are gone, and a node
#   missing any of them exits at startup.
# related_resources:
#   - ref: https://github.com/apache/kafka/blob/trunk/docker/examples/README.md
#     description: apache/kafka Docker examples ("default configs will be replaced")
#   - ref: https://issues.apache.org/jira/browse/KAFKA-17953
#     description: KAFKA-17953, environment variables replace the packaged configuration
#   - ref: https://kafka.apache.org/documentation/#kraft_config
#     description: Kafka documentation, KRaft configuration
# custom:
#   id: KAF021
#   severity: error
#   scope: repository
#   remediation: |
#     Give the full KRaft configuration in variables, e.g. for one combined
#     node: `KAFKA_PROCESS_ROLES: broker,controller`, `KAFKA_NODE_ID: 1`,
#     `KAFKA_CONTROLLER_QUORUM_VOTERS: 1@kafka:9093`,
#     `KAFKA_LISTENERS: PLAINTEXT://:9092,CONTROLLER://:9093`,
#     `KAFKA_ADVERTISED_LISTENERS: PLAINTEXT://kafka:9092`,
#     `KAFKA_CONTROLLER_LISTENER_NAMES: CONTROLLER`,
#     `KAFKA_LISTENER_SECURITY_PROTOCOL_MAP: CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT`;
#     or mount a complete server.properties at /mnt/shared/config.
package streamlint.rules.KAF021

import data.streamlint.lib

deny contains f if {
	some n in lib.nodes
	n.family == "apache"
	n.packaged_defaults_dropped
	missing := [k | some k in _required(n); _missing(n, k)]
	count(missing) > 0
	vars := _vars(n)
	msg := sprintf(
		"%s (%s): %s; without a file mounted at /mnt/shared/config the image then writes server.properties from the KAFKA_* variables alone and drops its packaged KRaft defaults, so %s %s missing and the node exits at startup; set %s (or mount a complete server.properties at /mnt/shared/config)",
		[_label(n), n.image, _trigger(vars), concat(", ", missing), _verb(missing), concat(", ", [_fix(n, k) | some k in missing])],
	)
	f := lib.finding_related(rego.metadata.chain(), msg, n.loc, [lib.related(p.loc, sprintf("%s drops the packaged defaults", [p.var])) | some p in vars])
}

_trigger(vars) := sprintf("%s %s set", [concat(", ", [p.var | some p in vars]), _is(vars)]) if count(vars) > 0

_trigger(vars) := "its KAFKA_* property variables are set" if count(vars) == 0

_is(vars) := "is" if count(vars) == 1

_is(vars) := "are" if count(vars) > 1

_verb(missing) := "is" if count(missing) == 1

_verb(missing) := "are" if count(missing) > 1

# the variables that write properties (first three, by position)
_vars(n) := array.slice(sorted, 0, 3) if {
	sorted := _sort_by_loc([p | some p in object.get(n, "properties", []); object.get(p, "var", "") != ""; p.loc])
}

_sort_by_loc(ps) := [p |
	some k in sort([[p.loc.line, p.loc.column, i] | some i, p in ps])
	p := ps[k[2]]
]

# _required are the keys a KRaft node cannot start without (listeners
# only matters on a controller: a broker-only node can use Kafka's default
# PLAINTEXT://:9092).
_required(n) := ["process.roles", "node.id", "controller.quorum.voters", "controller.listener.names"] if {
	not _needs_listeners(n)
}

_required(n) := ["process.roles", "node.id", "controller.quorum.voters", "listeners", "controller.listener.names"] if {
	_needs_listeners(n)
}

_needs_listeners(n) if lib.has_role(n, "controller")

_needs_listeners(n) if lib.absent(n, "process.roles")

_missing(n, "controller.quorum.voters") if {
	lib.absent(n, "controller.quorum.voters")
	lib.absent(n, "controller.quorum.bootstrap.servers")
}

_missing(n, k) if {
	k != "controller.quorum.voters"
	lib.absent(n, k)
}

_missing(n, "listeners") if {
	_needs_listeners(n)
	not lib.absent(n, "listeners")
	n.config.listeners.source == "default"
}

_fix(n, "process.roles") := sprintf("%s=broker,controller", [lib.setting_name(n, "process.roles")])

_fix(n, "node.id") := sprintf("%s=1", [lib.setting_name(n, "node.id")])

_fix(n, "controller.quorum.voters") := sprintf("%s=1@%s:9093", [lib.setting_name(n, "controller.quorum.voters"), n.service])

_fix(n, "listeners") := sprintf("%s=PLAINTEXT://:9092,CONTROLLER://:9093", [lib.setting_name(n, "listeners")])

_fix(n, "controller.listener.names") := sprintf("%s=CONTROLLER", [lib.setting_name(n, "controller.listener.names")])

_label(n) := lib.broker_label(n) if lib.has_role(n, "broker")

_label(n) := sprintf("controller %q", [n.service]) if not lib.has_role(n, "broker")
