# METADATA
# title: Partition close to its retention.bytes
# description: |
#   On a running cluster (check --bootstrap-server), a partition's size on
#   disk (DescribeLogDirs) against the topic's effective retention.bytes,
#   which Kafka applies per partition: at live.retention_warning (70%) a
#   warning, at live.retention_error (90%) an error, the incident's health
#   thresholds. Near the cap, size and not time decides when records go:
#   Kafka deletes the oldest segment as soon as the partition exceeds it,
#   however young the records are, so a consumer that falls a little
#   behind loses data (LAG002), and a traffic burst shortens the time a
#   record is kept to minutes. Topics without a size bound
#   (retention.bytes=-1) are KAF002's.
# related_resources:
#   - ref: https://kafka.apache.org/documentation/#topicconfigs_retention.bytes
#     description: Kafka topic configuration, retention.bytes (per partition)
#   - ref: https://kafka.apache.org/documentation/#basic_ops_modify_topic
#     description: Kafka operations, modifying topics (kafka-configs)
# custom:
#   id: RET001
#   severity: warning
#   scope: cluster
#   remediation: |
#     Give the partitions room: raise retention.bytes (per partition) so
#     that time retention decides, e.g. `kafka-configs --bootstrap-server
#     HOST:PORT --alter --entity-type topics --entity-name TOPIC
#     --add-config retention.bytes=...` (budget the disk: partitions x
#     retention.bytes per replica), or add partitions to spread the data.
#     Check that every consumer group is well inside what is retained
#     (LAG001, LAG002).
package streamlint.rules.RET001

import data.streamlint.lib

_warn := input.params.live.retention_warning

_error := input.params.live.retention_error

deny contains f if {
	some t in input.topics
	rb := t.config["retention.bytes"]
	rb.num > 0
	sized := [p | some p in t.live.partitions; p.size_bytes >= 0]
	usage := [(p.size_bytes / rb.num) | some p in sized]
	top := max(usage)
	top >= _warn
	worst := [p | some p in sized; p.size_bytes / rb.num == top][0]
	above := count([u | some u in usage; u >= _warn])
	msg := sprintf(
		"topic %q: partition %d holds %s, %s of its retention.bytes=%d (%s per partition; %s)%s; %d of %d partition(s) are at or above %s. %s; give it room: raise retention.bytes (kafka-configs --alter --entity-type topics --entity-name %s --add-config retention.bytes=...) or add partitions",
		[
			t.name, worst.partition, lib.human(worst.size_bytes), lib.percent(top), rb.num, lib.human(rb.num), lib.origin(rb),
			_time(t), above, count(t.live.partitions), lib.percent(_warn), _impact(top), t.name,
		],
	)
	f := lib.finding_severity(rego.metadata.chain(), msg, t.loc, _severity(top))
}

_severity(u) := "error" if u >= _error

_severity(u) := "warning" if u < _error

_impact(u) := sprintf("At %s or more the size cap, not time, decides when records go: Kafka deletes the oldest segment as soon as the partition is over it, so a consumer that falls behind loses records", [lib.percent(_error)]) if u >= _error

_impact(u) := sprintf("Past %s retention by size is close: soon the size cap, not time, decides when records go", [lib.percent(_warn)]) if u < _error

_time(t) := sprintf(" while retention.ms=%s (%s) would keep %s", [v.value, lib.origin(v), lib.human_ms(v.ms)]) if {
	v := t.config["retention.ms"]
	is_number(v.ms)
} else := ""
