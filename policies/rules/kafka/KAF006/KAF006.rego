# METADATA
# title: Replication factor 1
# description: |
#   With default.replication.factor 1 (Kafka's default) every auto-created
#   topic (with auto.create.topics.enable=false, every topic created without
#   --replication-factor, as Kafka Connect and Streams do with -1) has a
#   single copy: losing that broker's disk or container volume
#   loses the data, and restarting it makes the partitions unavailable. Fine
#   for a laptop (the dev profile makes this info), a finding for production.
# related_resources:
#   - ref: https://kafka.apache.org/documentation/#brokerconfigs_default.replication.factor
#     description: Kafka broker configuration, default.replication.factor
# custom:
#   id: KAF006
#   severity: error
#   profiles:
#     dev: info
#   remediation: |
#     Run at least three brokers and set default.replication.factor to 3
#     (with min.insync.replicas 2), or create topics with --replication-factor 3.
package streamlint.rules.KAF006

import data.streamlint.lib

deny contains f if {
	some b in input.brokers
	v := b.config["default.replication.factor"]
	v.num == 1
	c := lib.cluster_of(b)
	msg := sprintf(
		"%s: default.replication.factor=1 (%s): %s keep%s one copy of each partition, so losing this broker loses their data; %s",
		[lib.broker_label(b), lib.origin(v), lib.default_takers(b, "replication_factor"), lib.verb_s(b, "replication_factor"), _cluster_fix(c.broker_count, lib.setting_name(b, "default.replication.factor"))],
	)
	f := lib.finding(rego.metadata.chain(), msg, lib.loc_or(v, b.loc))
}

# what to do depends on the brokers there are: a cluster of three only
# needs the setting (was "run 3 brokers" to a cluster of three)
_cluster_fix(n, name) := sprintf("the cluster has %d brokers: set %s=3", [n, name]) if n >= 3

_cluster_fix(n, name) := sprintf("the cluster has %d broker(s): run 3 brokers with %s=3", [n, name]) if n < 3

deny contains f if {
	some t in input.topics
	t.replication_factor == 1
	msg := sprintf("topic %q is created with replication factor 1 (%s): losing its broker loses its data; %s", [t.name, t.source, _fix(t)])
	f := lib.finding(rego.metadata.chain(), msg, t.loc)
}

_fix(t) := "give it 3 replicas with kafka-reassign-partitions (on a cluster of 3 brokers or more)" if t.live

_fix(t) := "create it with --replication-factor 3" if {
	not t.live
	not _small_cluster(t)
}

# on a cluster of fewer than 3 brokers kafka-topics refuses
# --replication-factor 3 (InvalidReplicationFactorException)
_fix(t) := sprintf("run 3 brokers (the cluster has %d) and create it with --replication-factor 3", [_brokers_of(t)]) if {
	not t.live
	_small_cluster(t)
}

_brokers_of(t) := c.broker_count if c := _clusters_by_id[object.get(t, "cluster", "")]

_brokers_of(t) := n if {
	not _clusters_by_id[object.get(t, "cluster", "")]
	count(input.clusters) == 1
	n := input.clusters[0].broker_count
}

_small_cluster(t) if _brokers_of(t) < 3

_clusters_by_id := {c.id: c | some c in object.get(input, "clusters", [])}
