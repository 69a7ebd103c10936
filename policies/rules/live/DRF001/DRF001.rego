# METADATA
# title: Repository and running cluster disagree
# description: |
#   With check --bootstrap-server and PATHs, the repository's Kafka cluster
#   is matched to the running one (by an advertised listener or bootstrap
#   address they share, or because each side has exactly one), and every
#   broker setting the repository writes is compared with the value the
#   running brokers report, as are the topics the repository creates
#   (partitions, replication factor, existence). They drift when topics are
#   created by hand, when `kafka-topics --create --if-not-exists` finds the
#   topic already auto-created with one partition, when a broker was
#   changed with kafka-configs, or when the compose file changed but the
#   container was never recreated. Then the rules that read the repository
#   judge a cluster that is not the one running. Per-node identity settings
#   (node.id, broker.id, listeners, advertised.listeners, quorum voters,
#   zookeeper.connect) are not compared; the retention and roll durations
#   are compared as durations, however they are written.
# related_resources:
#   - ref: https://kafka.apache.org/documentation/#dynamicbrokerconfigs
#     description: Kafka, updating broker configs (kafka-configs, dynamic and static configs)
#   - ref: https://kafka.apache.org/documentation/#basic_ops_modify_topic
#     description: Kafka operations, modifying topics
# custom:
#   id: DRF001
#   severity: warning
#   scope: repository
#   remediation: |
#     Decide which side is right. To make the cluster match the file, apply
#     the value (`kafka-configs --bootstrap-server HOST:PORT --alter
#     --entity-type brokers --entity-default --add-config KEY=VALUE` for a
#     dynamic setting; for a static one, recreate the broker container from
#     the compose file) or fix the topic (`kafka-topics --alter --topic T
#     --partitions N`; partitions can only grow). To make the file match the
#     cluster, change the value here.
package streamlint.rules.DRF001

import data.streamlint.lib

_run := input.running

# per-node settings that legitimately differ between the file's view (in
# the compose network) and the running brokers
_identity := {
	"broker.id", "node.id", "broker.rack", "listeners", "advertised.listeners", "advertised.host.name",
	"advertised.port", "host.name", "port", "controller.quorum.voters", "controller.quorum.bootstrap.servers",
	"zookeeper.connect",
}

_retention_keys := {"log.retention.ms", "log.retention.minutes", "log.retention.hours"}

_roll_keys := {"log.roll.ms", "log.roll.hours"}

# _pairs are [repository broker, running broker] to compare.
_pairs contains [b, lb] if {
	some pair in _run.pairs
	some b in input.brokers
	b.service == pair.service
	b.cluster == _run.cluster
	some lb in _run.brokers
	lb.live.node_id == pair.node
}

# _diffs are [repository broker, key, repository value, running broker,
# running value] for plain settings.
_diffs contains [b, k, v, lb, lv] if {
	some [b, lb] in _pairs
	some k, v in b.config
	v.set
	not v.unresolved
	not v.secret
	not k in _identity
	not k in _retention_keys
	not k in _roll_keys
	lv := lb.config[k]
	not lv.secret
	_differs(v, lv)
}

deny contains f if {
	some [b, k, v] in {[b, k, v] | some [b, k, v, _, _] in _diffs}
	running := [[lb, lv] | some [b2, k2, _, lb, lv] in _diffs; b2.service == b.service; k2 == k]
	msg := sprintf(
		"%s: %s is %s here (%s) but the running cluster %s has %s (matched by %s): the rules that read this file judge a cluster that is not the one running; %s",
		[lib.broker_label(b), k, v.value, lib.written(v, k), _run.uri, _values(k, running), _run.via, _fix(k, v)],
	)
	f := lib.finding_related(rego.metadata.chain(), msg, lib.loc_or(v, b.loc), [_rel(lb, k, lv) | some [lb, lv] in running])
}

# durations: compared as Kafka resolves them (ms, else minutes, else hours)
deny contains f if {
	some [name, keys, fn] in [["log retention", _retention_keys, "retention"], ["segment roll", _roll_keys, "roll"]]
	some [b, _] in _pairs
	v := _deciding(b, keys)
	mine := _duration(b, fn)
	running := [[lb, ms] | some [b2, lb] in _pairs; b2.service == b.service; ms := _duration(lb, fn); ms != mine]
	count(running) > 0
	msg := sprintf(
		"%s: %s is %s here (%s) but %s on the running cluster %s (matched by %s): %s; apply the file's value to the brokers or change it here",
		[lib.broker_label(b), name, lib.human_ms(mine), lib.written(v.value, v.key), concat(", ", [sprintf("broker %s: %s", [lb.service, lib.human_ms(ms)]) | some [lb, ms] in running]), _run.uri, _run.via, _duration_impact(fn)],
	)
	f := lib.finding_related(rego.metadata.chain(), msg, lib.loc_or(v.value, b.loc), [lib.related(lb.loc, sprintf("running broker %s: %s is %s", [lb.service, name, lib.human_ms(ms)])) | some [lb, ms] in running])
}

# topics the repository creates
_topics contains t if {
	some t in input.topics
	_on_cluster(t)
}

_on_cluster(t) if t.cluster == _run.cluster

_on_cluster(t) if {
	object.get(t, "cluster", "") == ""
	count(input.clusters) == 1
}

_running_topic(name) := rt if {
	some rt in _run.topics
	rt.name == name
}

deny contains f if {
	some t in _topics
	t.partitions > 0
	rt := _running_topic(t.name)
	rt.partitions != t.partitions
	msg := sprintf(
		"topic %q is created with %d partition(s) here (%s) but has %d on the running cluster %s (matched by %s): the creation here never ran or found the topic already there (auto-created, or created by hand); %s",
		[t.name, t.partitions, t.source, rt.partitions, _run.uri, _run.via, _partitions_fix(t, rt)],
	)
	f := lib.finding_related(rego.metadata.chain(), msg, t.partitions_loc, [lib.related(rt.loc, sprintf("running topic %q: %d partition(s)", [rt.name, rt.partitions]))])
}

deny contains f if {
	some t in _topics
	t.replication_factor > 0
	rt := _running_topic(t.name)
	rt.replication_factor != t.replication_factor
	msg := sprintf(
		"topic %q is created with replication factor %d here (%s) but has %d on the running cluster %s (matched by %s); change it with kafka-reassign-partitions, or change the file to %d",
		[t.name, t.replication_factor, t.source, rt.replication_factor, _run.uri, _run.via, rt.replication_factor],
	)
	f := lib.finding_related(rego.metadata.chain(), msg, t.loc, [lib.related(rt.loc, sprintf("running topic %q: replication factor %d", [rt.name, rt.replication_factor]))])
}

deny contains f if {
	some t in _topics
	not _running_topic(t.name)
	msg := sprintf(
		"topic %q is created here (%s) but does not exist on the running cluster %s (matched by %s): the creation never ran there, and a producer or consumer that names it either fails or auto-creates it with the broker defaults; run the creation (kafka-topics --bootstrap-server %s --create --topic %s --partitions %d ...)",
		[t.name, t.source, _run.uri, _run.via, trim_prefix(_run.uri, "kafka://"), t.name, t.partitions],
	)
	f := lib.finding(rego.metadata.chain(), msg, t.loc)
}

_differs(a, b) if {
	is_number(a.num)
	is_number(b.num)
	a.num != b.num
}

_differs(a, b) if {
	not _both_numbers(a, b)
	_norm(a.value) != _norm(b.value)
}

_both_numbers(a, b) if {
	is_number(a.num)
	is_number(b.num)
}

# _norm compares lists in any order and booleans in any case.
_norm(s) := sort([lower(trim_space(x)) | some x in split(trim_space(s), ",")])

_values(k, running) := concat(", ", [sprintf("broker %s: %s=%s (%s)", [lb.service, k, lv.value, lib.origin(lv)]) | some [lb, lv] in running])

_rel(lb, k, lv) := lib.related(lb.loc, sprintf("running broker %s: %s=%s (%s)", [lb.service, k, lv.value, lib.origin(lv)]))

_fix(k, v) := sprintf("make the cluster match (kafka-configs --bootstrap-server %s --alter --entity-type brokers --entity-default --add-config %s=%s if it is dynamic; else recreate the broker from this file) or change the value here", [trim_prefix(_run.uri, "kafka://"), k, v.value])

# _deciding is the retention (roll) setting of the file that decides:
# {key, value}; only settings the file writes.
_deciding(b, keys) := {"key": k, "value": v} if {
	order := [k | some k in ["log.retention.ms", "log.retention.minutes", "log.retention.hours", "log.roll.ms", "log.roll.hours"]; k in keys]
	set := [k | some k in order; b.config[k].set; not b.config[k].unresolved; is_number(b.config[k].ms)]
	count(set) > 0
	k := set[0]
	v := b.config[k]
}

_duration(b, "retention") := lib.retention_ms(b)

_duration(b, "roll") := b.config["log.roll.ms"].ms if is_number(b.config["log.roll.ms"].ms)

_duration(b, "roll") := b.config["log.roll.hours"].ms if {
	not is_number(b.config["log.roll.ms"].ms)
	is_number(b.config["log.roll.hours"].ms)
}

_duration_impact("retention") := "consumers have a different window than the file promises before unread records are deleted"

_duration_impact("roll") := "segments close, and become deletable, at a different pace than the file says"

_partitions_fix(t, rt) := sprintf("add partitions to match (kafka-topics --bootstrap-server %s --alter --topic %s --partitions %d; keys then map to other partitions), or change the file to %d", [trim_prefix(_run.uri, "kafka://"), t.name, t.partitions, rt.partitions]) if rt.partitions < t.partitions

_partitions_fix(t, rt) := sprintf("partitions cannot be removed: change the file to %d", [rt.partitions]) if rt.partitions > t.partitions
