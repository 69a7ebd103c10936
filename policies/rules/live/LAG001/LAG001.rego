# METADATA
# title: Consumer group lag above the alert threshold
# description: |
#   On a running cluster (check --bootstrap-server), a consumer group's lag
#   on a topic, summed over the partitions it has committed offsets for
#   (log end offset minus committed offset), is above live.lag_alert
#   (default 1000 records, the incident's alert threshold; the team calls
#   100 or less healthy). Lag that stays high means the group reads slower
#   than producers write, or has stopped: the backlog grows until retention
#   deletes records the group has not read (LAG002), and the first batch
#   after a restart tries to take all of it, which is how the incident's
#   Spark job ran out of memory. A group that keeps its position elsewhere
#   (Spark Structured Streaming keeps offsets in its checkpoint) is not
#   seen here.
# related_resources:
#   - ref: https://kafka.apache.org/documentation/#basic_ops_consumer_lag
#     description: Kafka operations, checking consumer position (kafka-consumer-groups --describe)
#   - ref: https://spark.apache.org/docs/latest/structured-streaming-kafka-integration.html
#     description: Spark Kafka source, maxOffsetsPerTrigger
# custom:
#   id: LAG001
#   severity: warning
#   scope: cluster
#   remediation: |
#     Find out why the group is behind: with no member, start the consumer;
#     otherwise give it more throughput (more consumers, up to one per
#     partition; more partitions for more consumers; a higher rate limit
#     such as Spark's maxOffsetsPerTrigger if the executors have the memory
#     for it). Watch `kafka-consumer-groups --bootstrap-server HOST:PORT
#     --describe --group GROUP` until the lag is back under the threshold.
#     Raise live.lag_alert only if this topic's consumers are expected to
#     run that far behind.
package streamlint.rules.LAG001

import data.streamlint.lib

_alert := input.params.live.lag_alert

deny contains f if {
	some g in input.groups
	some t in g.topics
	t.lag > _alert
	worst := _worst(t)
	msg := sprintf(
		"consumer group %q is %d records behind on topic %q, above live.lag_alert=%d (the incident's alert threshold; 100 or less is healthy): the worst partition is %d, %d behind (committed offset %d, end offset %d), over %d partition(s) with committed offsets%s; %s",
		[g.name, t.lag, t.topic, _alert, worst.partition, worst.lag, worst.committed, worst.end, count(t.partitions), _rates(t), _why(g, t)],
	)
	f := lib.finding(rego.metadata.chain(), msg, t.loc)
}

# _worst is the partition with the largest lag (the lowest number among equals).
_worst(t) := p if {
	top := max({gp.lag | some gp in t.partitions})
	p := [gp | some gp in t.partitions; gp.lag == top][0]
}

_rates(t) := sprintf(" (during the sample the group consumed %s records/s and its lag grew by %s records/s)", [lib.decimal1(t.consume_rate), _signed(t.lag_growth)]) if {
	is_number(t.consume_rate)
	is_number(t.lag_growth)
} else := ""

_signed(x) := lib.decimal1(x) if x >= 0

_signed(x) := sprintf("-%s", [lib.decimal1(0 - x)]) if x < 0

_why(g, _) := sprintf("the group has no member (state %s): nothing is consuming; start the consumer (or delete the group if it is retired)", [g.state]) if g.members == 0

_why(g, t) := sprintf("its %d member(s) read slower than producers write: add consumers (up to one per partition: the topic has %d), raise the consumer's rate limit (Spark: maxOffsetsPerTrigger) if it has the memory, or speed up processing", [g.members, _partitions(t.topic)]) if g.members > 0

_partitions(name) := lib.topic_named(name).partitions

_partitions(name) := 0 if not lib.topic_named(name)
