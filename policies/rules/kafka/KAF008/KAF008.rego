# METADATA
# title: Minimum in-sync replicas above the replication factor or the brokers
# description: |
#   A write with acks=all succeeds only when at least min.insync.replicas
#   replicas of the partition are in sync. When that minimum is larger than
#   the partition's replication factor, or than the brokers of the cluster,
#   it can never be met: acks=all producers (the default since Kafka 3.0)
#   get NOT_ENOUGH_REPLICAS on every write. The broker default also applies
#   to __consumer_offsets, whose writes use acks=all, so offset commits fail
#   too. transaction.state.log.min.isr (default 2) does the same for
#   __transaction_state: a single broker that lowers
#   transaction.state.log.replication.factor to 1 but keeps the default
#   minimum never completes a transaction. This is Kafka up to 3.6: from
#   3.7 the leader requires min(min.insync.replicas, the partition's
#   replicas) (KAFKA-15583), so the rule judges only brokers whose Kafka
#   version is known to be older.
# related_resources:
#   - ref: https://kafka.apache.org/documentation/#brokerconfigs_min.insync.replicas
#     description: Kafka broker configuration, min.insync.replicas
#   - ref: https://kafka.apache.org/documentation/#brokerconfigs_transaction.state.log.min.isr
#     description: Kafka broker configuration, transaction.state.log.min.isr
#   - ref: https://kafka.apache.org/documentation/#design_ha
#     description: Kafka design, availability and durability guarantees
#   - ref: https://github.com/apache/kafka/pull/14594
#     description: "KAFKA-15583 (Kafka 3.7): the effective minimum is capped at the replica count"
# custom:
#   id: KAF008
#   severity: error
#   remediation: |
#     Keep each minimum at or below the replication factor it guards and the
#     broker count: on a single development broker set
#     `KAFKA_MIN_INSYNC_REPLICAS: 1` and `KAFKA_TRANSACTION_STATE_LOG_MIN_ISR: 1`
#     with the replication factors at 1; in production use three brokers,
#     replication factor 3 and a minimum of 2.
package streamlint.rules.KAF008

import data.streamlint.lib

_keys := ["min.insync.replicas", "transaction.state.log.min.isr"]

# _cases are [location, message without the broker, related, service]:
# brokers that share the setting (a YAML anchor) share one finding.
_cases contains [lib.loc_or(v, b.loc), body, rel, b.service] if {
	some b in input.brokers
	lib.kafka_before(b, 3, 7)
	c := lib.cluster_of(b)
	some key in _keys
	v := b.config[key]
	is_number(v.num)
	exceeded := [l | some l in _limits(b, c, key); l.n < v.num]
	count(exceeded) > 0
	low := min({l.n | some l in exceeded})
	body := sprintf(
		"%s=%s (%s) is more than %s, so acks=all writes fail with NOT_ENOUGH_REPLICAS: %s; set %s=%d (Kafka's default is %s), %s",
		[
			key, v.value, lib.origin(v), concat(" and ", [l.what | some l in exceeded]),
			concat("; ", {l.impact | some l in exceeded}), lib.setting_name(b, key), low, _default(key), _or(v, exceeded),
		],
	)
	rel := [lib.related(l.loc, sprintf("%s is %d here", [l.name, l.n])) | some l in exceeded; l.loc]
}

deny contains f if {
	some [loc, body, rel], services in _services_at
	msg := sprintf("%s: %s", [lib.brokers_label(services), body])
	f := lib.finding_related(rego.metadata.chain(), msg, loc, rel)
}

# _services_at groups the cases by location, message and related
# locations, in one pass.
_services_at := lib.group_by({[[loc, body, rel], s] | some [loc, body, rel, s] in _cases})

# _limits(b, c, key) are the replication factors (and the broker count) the
# minimum called key must not exceed: objects with n, what and impact (for
# messages), name and, where the project writes it, loc.
_limits(b, c, "min.insync.replicas") := array.concat(
	[l |
		some [k, impact] in [
			["default.replication.factor", _default_rf_impact(b)],
			["offsets.topic.replication.factor", "consumer offset commits to __consumer_offsets fail"],
		]
		l := _setting_limit(b, k, impact)
	],
	array.concat(_topic_limits(b), _brokers_limits(c, "no partition can ever have that many in-sync replicas")),
)

_default_rf_impact(b) := "producers cannot write to auto-created topics" if not lib.auto_create_off(b)

_default_rf_impact(b) := "producers cannot write to topics created without --replication-factor (auto.create.topics.enable is false, but kafka-topics, Kafka Connect and Streams with -1 take the default)" if lib.auto_create_off(b)

_limits(b, c, "transaction.state.log.min.isr") := array.concat(
	[l | l := _setting_limit(b, "transaction.state.log.replication.factor", "transactions never complete (__transaction_state)")],
	_brokers_limits(c, "transactions never complete (__transaction_state)"),
) if not _kaf007_covers_transactions(b, c)

# When transaction.state.log.replication.factor already exceeds the
# brokers, KAF007 reports that __transaction_state cannot be created; the
# minimum ISR of a topic that cannot exist is not reported again.
_limits(b, c, "transaction.state.log.min.isr") := [] if _kaf007_covers_transactions(b, c)

_kaf007_covers_transactions(b, c) if {
	not c.partial
	b.config["transaction.state.log.replication.factor"].num > c.broker_count
}

# _brokers_limits is the broker count as a limit, none for a partial
# cluster (the project is one of several files used together: other files
# may add brokers).
_brokers_limits(c, _) := [] if c.partial

_brokers_limits(c, impact) := [_brokers_limit(c, impact)] if not c.partial

_setting_limit(b, key, impact) := object.union(
	{"what": sprintf("%s=%s (%s)", [key, v.value, lib.origin(v)]), "n": v.num, "name": key, "impact": impact},
	_loc_of(v),
) if {
	v := b.config[key]
	is_number(v.num)
}

_loc_of(v) := {"loc": v.loc} if v.loc

_loc_of(v) := {} if not v.loc

_brokers_limit(c, impact) := {
	"what": sprintf("the %d broker(s) of the cluster", [c.broker_count]),
	"n": c.broker_count, "name": "the broker count", "impact": impact, "brokers": true,
}

# _topic_limits are the topics the project creates on the broker's cluster
# with an explicit replication factor (0 or -1: the broker's default, which
# default.replication.factor covers).
_topic_limits(b) := [l |
	some t in input.topics
	t.replication_factor > 0
	_on_cluster(t, b)
	l := {
		"what": sprintf("the replication factor %d of topic %q (%s at %s)", [t.replication_factor, t.name, t.source, lib.at(t.loc)]),
		"n": t.replication_factor, "name": sprintf("topic %q's replication factor", [t.name]), "loc": t.loc,
		"impact": sprintf("producers cannot write to topic %q", [t.name]),
	}
]

_on_cluster(t, b) if t.cluster == b.cluster

_on_cluster(t, _) if {
	object.get(t, "cluster", "") == ""
	count(input.clusters) == 1
}

_default("min.insync.replicas") := "1"

_default("transaction.state.log.min.isr") := "2"

# _or is the other way out: more replicas, and more brokers when the
# cluster is too small for them.
_or(v, exceeded) := sprintf("or run at least %s brokers with replication factors of at least %s", [v.value, v.value]) if {
	some l in exceeded
	l.brokers
} else := sprintf("or raise the replication factor to at least %s", [v.value])
