# METADATA
# title: KRaft quorum inconsistent
# description: |
#   The nodes of a KRaft cluster must agree with each other: every node.id
#   is unique, controller.quorum.voters lists the controllers (id@host:port,
#   where id is that controller's node.id; a broker-only node is never a
#   voter, a controller is always one), every controller binds its
#   controller listener, and every node formats its storage with the same
#   cluster id. Otherwise nodes exit at startup, register over each other,
#   or never reach a quorum. Bitnami images generate a random cluster id
#   per container when KAFKA_KRAFT_CLUSTER_ID is unset. A cluster id that is
#   not a base64 UUID (22 characters of URL-safe base64, as
#   `kafka-storage random-uuid` prints) makes kafka-storage format fail up
#   to Kafka 3.6 (from 3.7 it takes any string).
# related_resources:
#   - ref: https://kafka.apache.org/documentation/#kraft_config
#     description: Kafka documentation, KRaft configuration
#   - ref: https://kafka.apache.org/documentation/#brokerconfigs_controller.quorum.voters
#     description: Kafka broker configuration, controller.quorum.voters
#   - ref: https://github.com/bitnami/containers/blob/main/bitnami/kafka/README.md
#     description: Bitnami Kafka image (KAFKA_KRAFT_CLUSTER_ID)
# custom:
#   id: KAF020
#   severity: error
#   scope: repository
#   remediation: |
#     Give every node its own KAFKA_NODE_ID, list exactly the controller
#     nodes in KAFKA_CONTROLLER_QUORUM_VOTERS as <node.id>@<service>:<controller
#     port> (the same string on every node), bind the controller listener on
#     each controller, and give every node the same CLUSTER_ID
#     (KAFKA_KRAFT_CLUSTER_ID on Bitnami; generate one with
#     `kafka-storage random-uuid`).
package streamlint.rules.KAF020

import data.streamlint.lib

# a cluster id that kafka-storage format refuses (Uuid.fromString)
deny contains f if {
	some c in input.clusters
	some n in _kraft_nodes(c)
	n.cluster_id.invalid
	msg := sprintf("%s: %s=%s: %s; generate one with kafka-storage random-uuid and give the same to every node", [_label(n), n.cluster_id["var"], n.cluster_id.value, n.cluster_id.invalid])
	f := lib.finding(rego.metadata.chain(), msg, lib.loc_or(n.cluster_id, n.loc))
}

# duplicate node.id within a cluster
deny contains f if {
	some c in input.clusters
	some n in _kraft_nodes(c)
	id := _node_id(n)
	same := _services_by_id[[c.id, id]]
	count(same) > 1
	v := n.config["node.id"]
	msg := sprintf(
		"%s: node.id=%d (%s) is also the node.id of %s: two nodes with one id replace each other's registration and quorum state, so the cluster never becomes stable; give every node its own %s",
		[_label(n), id, lib.origin(v), _others(same, n.service), lib.setting_name(n, "node.id")],
	)
	f := lib.finding(rego.metadata.chain(), msg, lib.loc_or(v, n.loc))
}

# _services_by_id groups each cluster's KRaft nodes by node.id
# ({[cluster, id]: services}), once: comparing every node with every other
# made this rule quadratic in the nodes.
_services_by_id := lib.group_by({[[c.id, id], n.service] |
	some c in input.clusters
	some n in _kraft_nodes(c)
	id := _node_id(n)
})

# _others names the services of same other than self, for a message: at
# most 10 of them, so that a thousand nodes with one id do not make a
# thousand findings of a thousand names each.
_others(same, self) := concat(", ", [sprintf("%q", [x]) | some x in same; x != self]) if {
	count(same) <= 11
} else := sprintf("%s and %d others", [
	concat(", ", [sprintf("%q", [x]) | some x in array.slice([y | some y in array.slice(same, 0, 11); y != self], 0, 10)]),
	count(same) - 11,
])

# one node.id for several replicas
deny contains f if {
	some c in input.clusters
	some n in _kraft_nodes(c)
	n.replicas > 1
	id := _node_id(n)
	v := n.config["node.id"]
	v.set
	msg := sprintf(
		"%s: deploy.replicas=%d but node.id=%d (%s) is one value for every replica: the replicas register with the same id and replace each other; run one service per node, each with its own %s",
		[_label(n), n.replicas, id, lib.origin(v), lib.setting_name(n, "node.id")],
	)
	f := lib.finding(rego.metadata.chain(), msg, lib.loc_or(v, n.loc))
}

# a voter that names a node of the project which is not that controller
deny contains f if {
	some c in input.clusters
	some n in _kraft_nodes(c)
	vv := lib.configured(n, "controller.quorum.voters")
	writers := _same_place(c, vv)
	writers[0] == n.service
	some voter in object.get(vv, "voters", [])
	m := _node_by_host(c, voter.host)
	problem := _voter_problem(voter, m)
	msg := sprintf(
		"%s: %s lists %s, but %s; %s",
		[_writers(writers), lib.shown(vv, "controller.quorum.voters"), voter.text, problem, _voter_fix(n, voter, m)],
	)
	f := lib.finding(rego.metadata.chain(), msg, lib.loc_or(vv, n.loc))
}

# one finding per place the voters are written (an anchor shared by every
# node is one place), naming the nodes that use it; the places are indexed
# in one pass ({cluster: {location: services}})
_same_place(c, vv) := _voter_writers[[c.id, vv.loc]]

_voter_writers := lib.group_by({[[c.id, loc], n.service] |
	some c in input.clusters
	some n in _kraft_nodes(c)
	loc := n.config["controller.quorum.voters"].loc
})

_writers(writers) := sprintf("node %q", [writers[0]]) if count(writers) == 1

_writers(writers) := sprintf("nodes %s", [concat(", ", [sprintf("%q", [x]) | some x in writers])]) if count(writers) > 1

_voter_problem(_, m) := sprintf("%q is a broker-only node (process.roles=%s): only controllers vote, so the quorum waits for a vote that never comes", [m.service, concat(",", m.roles)]) if {
	not lib.has_role(m, "controller")
}

_voter_problem(voter, m) := sprintf("%q has node.id=%d: a voter's id must be the node.id of the controller at that address, so the controllers reject each other's votes", [m.service, _node_id(m)]) if {
	lib.has_role(m, "controller")
	_node_id(m) != voter.id
}

_voter_fix(n, _, m) := sprintf("list only the controllers in %s", [lib.setting_name(n, "controller.quorum.voters")]) if not lib.has_role(m, "controller")

_voter_fix(n, voter, m) := sprintf("write %d@%s:%s in %s", [_node_id(m), voter.host, voter.port, lib.setting_name(n, "controller.quorum.voters")]) if lib.has_role(m, "controller")

# a controller that is not a voter, a broker-only node that is one
deny contains f if {
	some c in input.clusters
	some n in _kraft_nodes(c)
	vv := lib.configured(n, "controller.quorum.voters")
	ids := {v.id | some v in object.get(vv, "voters", [])}
	count(ids) > 0
	id := _node_id(n)
	problem := _membership(n, id, ids)
	v := n.config["node.id"]
	msg := sprintf("%s: node.id=%d (%s) %s controller.quorum.voters=%s (%s); %s", [_label(n), id, lib.origin(v), problem.what, vv.value, lib.origin(vv), problem.fix])
	f := lib.finding(rego.metadata.chain(), msg, lib.loc_or(v, n.loc))
}

_membership(n, id, ids) := {
	"what": sprintf("has the controller role (process.roles=%s) but is not among the voters of", [concat(",", n.roles)]),
	"fix": "Kafka exits with \"If process.roles contains the 'controller' role, the node id must be included in the set of voters\"; add it to the voters or fix the node.id",
} if {
	lib.has_role(n, "controller")
	not id in ids
}

_membership(n, id, ids) := {
	"what": "is a broker-only node (process.roles=broker) but is listed as a voter in",
	"fix": "Kafka exits with \"If process.roles contains just the 'broker' role, the node id must not be included in the set of voters\"; give the broker a node.id that is not a voter's",
} if {
	not lib.has_role(n, "controller")
	id in ids
}

# a controller that does not bind its controller listener
deny contains f if {
	some c in input.clusters
	some n in _kraft_nodes(c)
	lib.has_role(n, "controller")
	ctl := lib.controller_names(n)
	count(ctl) > 0
	lv := lib.listeners_value(n)
	not _kaf021(n, lv)
	bound := {l.name | some l in object.get(lv, "listeners", [])}
	missing := {x | some x in ctl; not x in bound}
	count(missing) > 0
	msg := sprintf(
		"%s: controller.listener.names=%s but the listeners, %s, do not bind %s: a controller serves the quorum on its controller listener, so Kafka exits (\"controller.listener.names must only contain values appearing in the 'listeners' configuration when running the KRaft controller role\")%s; add e.g. %s://0.0.0.0:9093 to %s",
		[_label(n), _names(ctl), lib.shown(lv, "listeners"), _names(missing), _derived(n, lv), sort([x | some x in missing])[0], lib.setting_name(n, "listeners")],
	)
	f := lib.finding(rego.metadata.chain(), msg, lib.loc_or(lv, n.loc))
}

# apache/kafka without its packaged file and without KAFKA_LISTENERS:
# KAF021 reports the missing listeners
_kaf021(n, lv) if {
	n.family == "apache"
	n.packaged_defaults_dropped
	lv.source == "default"
}

_derived(n, lv) := sprintf("; %s is unset, and the image derives it from %s, which has no controller listener", [lib.setting_name(n, "listeners"), lib.setting_name(n, "advertised.listeners")]) if {
	lv.source == "image-baseline"
	n.family in {"confluent", "apache"}
} else := ""

# nodes of one cluster formatted with different cluster ids
deny contains f if {
	some c in input.clusters
	ns := _kraft_nodes(c)
	ids := {_cluster_id(n) | some n in ns; _cluster_id(n) != "random"}
	count(ids) > 1
	first := sort([n.service | some n in ns; _cluster_id(n) != "random"])[0]
	ref := _kraft_by_service(c)[first]
	some n in ns
	n.service != first
	_cluster_id(n) != _cluster_id(ref)
	msg := sprintf(
		"%s formats its storage with cluster id %s (%s) but %q uses %s (%s): nodes with different cluster ids refuse each other, so the cluster never forms; give every node the same %s",
		[_label(n), _cluster_id(n), _id_origin(n), ref.service, _cluster_id(ref), _id_origin(ref), _id_var(n)],
	)
	f := lib.finding_related(rego.metadata.chain(), msg, lib.loc_or(n.cluster_id, n.loc), [lib.related(lib.loc_or(ref.cluster_id, ref.loc), sprintf("cluster id of %q", [ref.service]))])
}

# bitnami nodes without a cluster id in a multi-node cluster: each
# container generates its own
deny contains f if {
	some c in input.clusters
	ns := _kraft_nodes(c)
	total := sum([max([m.replicas, 1]) | some m in ns])
	total > 1
	some n in ns
	_cluster_id(n) == "random"
	msg := sprintf(
		"%s: no cluster id is set (KAFKA_KRAFT_CLUSTER_ID), so the Bitnami image generates a random one in each container (\"If using multiple nodes then you must use the same Cluster ID for each one\"); the %d nodes of this cluster then never form one cluster; set the same KAFKA_KRAFT_CLUSTER_ID on every node (generate one with kafka-storage.sh random-uuid)",
		[_label(n), total],
	)
	f := lib.finding(rego.metadata.chain(), msg, n.loc)
}

# _cluster_id is the id a node formats its storage with: the variable the
# project sets, else the image's fixed default, "random" on bitnami.
_cluster_id(n) := n.cluster_id.value if {
	n.cluster_id.set
	not n.cluster_id.unresolved
	n.cluster_id.value != ""
}

_cluster_id(n) := d if {
	not n.cluster_id.set
	d := object.get(n, "cluster_id_default", "")
	d != ""
}

_id_origin(n) := lib.origin(n.cluster_id) if n.cluster_id.set

_id_origin(n) := sprintf("the %s image's default", [n.family]) if not n.cluster_id.set

_id_var(n) := "KAFKA_KRAFT_CLUSTER_ID" if n.family == "bitnami"

_id_var(n) := "CLUSTER_ID" if n.family != "bitnami"

_kraft_nodes(c) := [n | some n in lib.nodes; n.cluster == c.id; lib.kraft(n)]

_kraft_by_service(c) := {n.service: n | some n in _kraft_nodes(c)}

# _node_id is a node's node.id, as Go read it (num: absent when Kafka
# would not take the value).
_node_id(n) := lib.configured(n, "node.id").num

_node_by_host(c, host) := m if {
	some name in lib.services_for_host(host)
	m := _kraft_by_service(c)[name]
	m.replicas <= 1
}

_label(n) := lib.broker_label(n) if lib.has_role(n, "broker")

_label(n) := sprintf("controller %q", [n.service]) if not lib.has_role(n, "broker")

_names(s) := concat(", ", sort([x | some x in s]))
