# METADATA
# title: Records at risk, deleted before the group read them
# description: |
#   On a running cluster (check --bootstrap-server), a consumer group's
#   committed offset on a partition is below the partition's log-start
#   offset: retention (or DeleteRecords) removed records the group had not
#   read yet, and they are gone. Or the group is still ahead of the log
#   start but its position lies in the oldest live.retention_risk share
#   (default 10%) of what the partition retains, on a partition retention
#   is already trimming (log-start offset above 0): the next retention pass
#   deletes the segment the group is reading. This is how the incident lost
#   data: Kafka deleted old messages when retention was reached while the
#   consumer was millions of records behind. A consumer that resumes below
#   the log start jumps to it (auto.offset.reset) or fails (Spark's
#   failOnDataLoss=true), either way without the deleted records.
# related_resources:
#   - ref: https://kafka.apache.org/documentation/#topicconfigs_retention.ms
#     description: Kafka topic configuration, retention.ms and retention.bytes
#   - ref: https://kafka.apache.org/documentation/#consumerconfigs_auto.offset.reset
#     description: Kafka consumer configuration, auto.offset.reset
#   - ref: https://spark.apache.org/docs/latest/structured-streaming-kafka-integration.html
#     description: Spark Kafka source, failOnDataLoss
# custom:
#   id: LAG002
#   severity: error
#   scope: cluster
#   remediation: |
#     Buy time first: raise the topic's retention above the longest outage
#     the consumer must survive (`kafka-configs --bootstrap-server HOST:PORT
#     --alter --entity-type topics --entity-name TOPIC --add-config
#     retention.ms=...,retention.bytes=...`; retention.bytes is per
#     partition). Then make the group catch up (LAG001). Records already
#     deleted cannot be read from Kafka: replay them from their source.
package streamlint.rules.LAG002

import data.streamlint.lib

_risk := input.params.live.retention_risk

deny contains f if {
	some g in input.groups
	some t in g.topics
	lost := [p | some p in t.partitions; p.deleted > 0]
	risky := [p | some p in t.partitions; _at_risk(p)]
	count(lost) + count(risky) > 0
	msg := concat("; ", array.concat(_lost_text(g, t, lost), _risk_text(t, risky)))
	f := lib.finding(rego.metadata.chain(), sprintf("%s; %s", [msg, _fix(t.topic)]), t.loc)
}

# _at_risk: the group is behind, not yet below the log start, in the
# oldest share of what a partition that retention is trimming retains.
_at_risk(p) if {
	p.deleted == 0
	p.committed >= p.log_start
	p.committed < p.end
	p.log_start > 0
	retained := p.end - p.log_start
	retained > 0
	(p.committed - p.log_start) < _risk * retained
}

_lost_text(_, _, lost) := [] if count(lost) == 0

_lost_text(g, t, lost) := [sprintf(
	"consumer group %q lost %d record(s) of topic %q: its committed offset is below the log start, so the records in between were deleted before it read them (%s)%s",
	[g.name, sum([p.deleted | some p in lost]), t.topic, concat(", ", [_lost_part(p) | some p in lost]), _retention(t.topic)],
)] if count(lost) > 0

_lost_part(p) := sprintf("partition %d: committed %d, log start %d", [p.partition, p.committed, p.log_start])

_risk_text(_, risky) := [] if count(risky) == 0

_risk_text(t, risky) := [sprintf(
	"on topic %q the group's position is in the oldest %s of what the partition retains, where the next retention pass deletes: %s",
	[t.topic, lib.percent(_risk), concat(", ", [_risk_part(p) | some p in risky])],
)] if count(risky) > 0

_risk_part(p) := sprintf("partition %d at offset %d is %d record(s) past the log start %d of %d retained (%s)", [p.partition, p.committed, p.committed - p.log_start, p.log_start, p.end - p.log_start, lib.percent((p.committed - p.log_start) / (p.end - p.log_start))])

_retention(name) := sprintf("; the topic keeps %s", [concat(" and ", parts)]) if {
	t := lib.topic_named(name)
	parts := [sprintf("%s=%s (%s)", [k, v.value, lib.origin(v)]) | some k in ["retention.ms", "retention.bytes"]; v := t.config[k]]
	count(parts) > 0
} else := ""

_fix(topic) := sprintf("raise the topic's retention above the longest consumer outage (kafka-configs --alter --entity-type topics --entity-name %s --add-config retention.ms=...) and make the group catch up; deleted records must be replayed from their source", [topic])
