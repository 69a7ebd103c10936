# METADATA
# title: Size retention is unbounded
# description: |
#   The effective log.retention.bytes is -1 (Kafka's default, also when written
#   explicitly), so nothing but time bounds how much a partition keeps. A
#   producer that outruns its consumers fills the disk before time retention
#   deletes anything. log.retention.bytes is a per-partition limit: a topic
#   holds up to partitions x log.retention.bytes (plus one open segment each).
# related_resources:
#   - ref: https://kafka.apache.org/documentation/#brokerconfigs_log.retention.bytes
#     description: Kafka broker configuration, log.retention.bytes
# custom:
#   id: KAF002
#   severity: warning
#   remediation: |
#     Set log.retention.bytes per partition from the disk budget:
#     budget / (partitions x topics), e.g. `KAFKA_LOG_RETENTION_BYTES: 1073741824`
#     for 1 GiB per partition.
package streamlint.rules.KAF002

import data.streamlint.lib

deny contains f if {
	some b in input.brokers
	v := b.config["log.retention.bytes"]
	v.num == -1
	parts := _partitions(b)
	msg := sprintf(
		"%s: log.retention.bytes is -1 (%s), so size never bounds retention; the limit is per partition, so a topic of num.partitions=%s would hold %s x the value you choose; set %s",
		[lib.broker_label(b), lib.origin(v), parts, parts, lib.setting_name(b, "log.retention.bytes")],
	)
	f := lib.finding(rego.metadata.chain(), msg, lib.loc_or(v, b.loc))
}

# A running topic (check --bootstrap-server) whose own config removes the
# size bound: retention.bytes=-1 set on the topic, whatever the brokers say.
deny contains f if {
	some t in input.topics
	v := t.config["retention.bytes"]
	v.num == -1
	v.source == "dynamic-topic-config"
	msg := sprintf(
		"topic %q: retention.bytes is -1 (%s), so size never bounds its retention, whatever the brokers' log.retention.bytes; each of its %d partition(s) grows until time retention deletes; set a per-partition bound with kafka-configs --alter --entity-type topics --entity-name %s --add-config retention.bytes=N, or remove the override (--delete-config retention.bytes) to use the brokers'",
		[t.name, lib.origin(v), t.partitions, t.name],
	)
	f := lib.finding(rego.metadata.chain(), msg, t.loc)
}

# _partitions is the broker's num.partitions as written, when Kafka can read
# it (KAF011 reports one it cannot), else N.
_partitions(b) := b.config["num.partitions"].value if {
	is_number(b.config["num.partitions"].num)
} else := "1" if {
	not b.config["num.partitions"]
} else := "N"
