# METADATA
# title: Internal topic replication factor exceeds the brokers
# description: |
#   offsets.topic.replication.factor and transaction.state.log.replication.factor
#   default to 3. On a cluster with fewer brokers Kafka cannot create
#   __consumer_offsets or __transaction_state: consumer groups never get a
#   coordinator and transactions never start. The same holds for a
#   default.replication.factor above the broker count (auto-created topics
#   fail). Images differ: Bitnami, wurstmeister and confluent-local set 1 for
#   you; cp-kafka, cp-server and apache/kafka with any KAFKA_* variable do not.
# related_resources:
#   - ref: https://kafka.apache.org/documentation/#brokerconfigs_offsets.topic.replication.factor
#     description: Kafka broker configuration, offsets.topic.replication.factor
# custom:
#   id: KAF007
#   severity: error
#   remediation: |
#     Either run as many brokers as the replication factor, or (single-broker
#     development) set `KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR: 1` and
#     `KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR: 1`.
package streamlint.rules.KAF007

import data.streamlint.lib

_keys := ["offsets.topic.replication.factor", "transaction.state.log.replication.factor", "default.replication.factor"]

# _too_high[b.service] is the set of [key, value] above the broker count.
# A partial cluster (the project is one of several files used together)
# may have more brokers in the other files: its count is a lower bound.
_too_high(b, c) := {[k, v] |
	not c.partial
	some k in _keys
	v := b.config[k]
	v.num > c.broker_count
}

# settings written in the project: one finding at each value
deny contains f if {
	some b in input.brokers
	c := lib.cluster_of(b)
	some [k, v] in _too_high(b, c)
	v.loc
	msg := sprintf(
		"%s: %s=%s (%s) but the cluster has %d broker(s): Kafka cannot place %s replicas, so %s; lower it to %d or add brokers",
		[lib.broker_label(b), k, v.value, lib.origin(v), c.broker_count, v.value, _impact(k), c.broker_count],
	)
	f := lib.finding(rego.metadata.chain(), msg, v.loc)
}

# defaults and image baselines: one finding at the broker naming them all
deny contains f if {
	some b in input.brokers
	c := lib.cluster_of(b)
	unset := [sprintf("%s=%s (%s)", [k, v.value, lib.origin(v)]) | some [k, v] in _too_high(b, c); not v.loc]
	count(unset) > 0
	fixes := [sprintf("%s=%d", [lib.setting_name(b, k), c.broker_count]) | some [k, v] in _too_high(b, c); not v.loc]
	keys := {k | some [k, v] in _too_high(b, c); not v.loc}
	impacts := [_short_impact(k, keys) | some k in _keys; k in keys]
	msg := sprintf(
		"%s: %s %s the %d broker(s) of its cluster: %s; set %s or add brokers",
		[lib.broker_label(b), concat(", ", sort(unset)), _exceed(count(unset)), c.broker_count, concat("; ", impacts), concat(" and ", sort(fixes))],
	)
	f := lib.finding(rego.metadata.chain(), msg, b.loc)
}

_exceed(1) := "exceeds"

_exceed(n) := "exceed" if n > 1

_short_impact("offsets.topic.replication.factor", _) := "consumer groups get no coordinator"

_short_impact("transaction.state.log.replication.factor", keys) := "transactions never start" if "offsets.topic.replication.factor" in keys

_short_impact("transaction.state.log.replication.factor", keys) := "transactions never start (consumer groups are not affected)" if not "offsets.topic.replication.factor" in keys

_short_impact("default.replication.factor", _) := "auto-created topics cannot be created"

_impact("offsets.topic.replication.factor") := "__consumer_offsets is never created and consumer groups never get a coordinator"

_impact("transaction.state.log.replication.factor") := "__transaction_state is never created and transactions never start (consumer groups are not affected)"

_impact("default.replication.factor") := "auto-created topics cannot be created"
