# METADATA
# title: Reading from the earliest offset without a rate limit
# description: |
#   startingOffsets=earliest (or -2 for a partition in the JSON form) makes a
#   Structured Streaming query that starts without a checkpoint (the first
#   deployment, or after the checkpoint was deleted to "fix" a stuck query)
#   begin at the oldest record Kafka still retains. auto.offset.reset=earliest
#   in a DStream's kafkaParams does the same whenever the consumer group has no
#   committed offset (a new group.id, or offsets expired). Without a rate
#   limit that first batch is the whole retained log of the topic at once:
#   the incident's out-of-memory batch. startingOffsets is ignored when
#   startingTimestamp or startingOffsetsByTimestamp is set, and then this
#   rule stays quiet. So it does for a source only continuous-trigger
#   queries read: continuous processing polls record by record, with no
#   batch to bound and no maxOffsetsPerTrigger; nor for one only
#   trigger(once=True) queries read, which ignores the limit (SPK002 says
#   so).
# related_resources:
#   - ref: https://spark.apache.org/docs/latest/structured-streaming-kafka-integration.html#creating-a-kafka-source-for-streaming-queries
#     description: Structured Streaming + Kafka, startingOffsets and maxOffsetsPerTrigger
#   - ref: https://spark.apache.org/docs/latest/streaming-kafka-0-10-integration.html
#     description: Spark Streaming + Kafka 0.10 integration guide (kafkaParams, auto.offset.reset)
#   - ref: https://spark.apache.org/docs/latest/configuration.html#spark-streaming
#     description: Spark configuration, spark.streaming.kafka.maxRatePerPartition
#   - ref: https://kafka.apache.org/documentation/#consumerconfigs_auto.offset.reset
#     description: Kafka consumer configuration, auto.offset.reset
# custom:
#   id: SPK011
#   severity: warning
#   remediation: |
#     Keep earliest if the backlog must be processed, but bound each batch:
#     `.option("maxOffsetsPerTrigger", N)` on a Structured Streaming Kafka
#     source, spark.streaming.kafka.maxRatePerPartition for a DStream job. Or
#     start from latest when old records are not needed.
package streamlint.rules.SPK011

import data.streamlint.lib

deny contains f if {
	some app in input.apps
	some i, src in app.sources
	src.format == "kafka"
	src.streaming
	not lib.continuous_only(app, i)
	not lib.once_only(app, i) # SPK002 says it: maxOffsetsPerTrigger would not help
	so := lib.stream_option(src, "startingOffsets")
	_earliest(so)
	not _timestamp_start(src)
	not _limited(src)
	msg := sprintf(
		"%s: startingOffsets=%s and no maxOffsetsPerTrigger on the Kafka source: whenever the query starts without a checkpoint (first deployment, or the checkpoint was deleted) it reads %s from the oldest retained offset in one micro-batch%s. Add .option(\"maxOffsetsPerTrigger\", N) with N records that fit in executor memory (see CAP001), or start from latest",
		[lib.app_label(app), so.value, _topics(app, i), _backlog(app, i)],
	)
	f := lib.finding(rego.metadata.chain(), msg, so.loc)
}

deny contains f if {
	some app in input.apps
	reset := object.get(app, "kafka_params", {})["auto.offset.reset"]
	lower(trim_space(reset.value)) == "earliest"
	not reset.unresolved
	not _dstream_limited(app)
	msg := sprintf(
		"%s: auto.offset.reset=earliest in the kafkaParams and no spark.streaming.kafka.maxRatePerPartition: whenever the consumer group has no committed offset (a new group.id, or its offsets expired) the first batch reads %s from the oldest retained offset at once%s. Set spark.streaming.kafka.maxRatePerPartition (records/s per partition), or use auto.offset.reset=latest",
		[lib.app_label(app), _topics(app, -1), _backlog(app, -1)],
	)
	f := lib.finding(rego.metadata.chain(), msg, reset.loc)
}

# _earliest is startingOffsets=earliest, or a JSON offset of -2 (earliest)
# for some partition.
_earliest(so) if {
	not so.unresolved
	lower(trim_space(so.value)) == "earliest"
}

_earliest(so) if {
	not so.unresolved
	startswith(trim_space(so.value), "{")
	regex.match(`:\s*-2\s*[,}]`, so.value)
}

# a start timestamp wins over startingOffsets (KafkaSourceProvider.getKafkaOffsetRangeLimit)
_timestamp_start(src) if lib.stream_option(src, "startingTimestamp")

_timestamp_start(src) if lib.stream_option(src, "startingOffsetsByTimestamp")

# a maxOffsetsPerTrigger whose number is unknown (a variable) or invalid
# (SPK013 reports it) counts as a limit
_limited(src) if {
	o := lib.stream_option(src, "maxOffsetsPerTrigger")
	not _non_positive(o)
}

_non_positive(o) if o.num <= 0

# options the extractor could not read (.options(**opts)) may hold a limit
_limited(src) if src.options_unknown

_dstream_limited(app) if app.settings["spark.streaming.kafka.maxRatePerPartition"].num > 0

_dstream_limited(app) if app.settings["spark.streaming.kafka.maxRatePerPartition"].unresolved

_topics(app, i) := concat(", ", [sprintf("%q", [c.topic]) | some c in app.consumes; c.source == i]) if {
	some c in app.consumes
	c.source == i
} else := "every topic it reads"

# _backlog is what the oldest retained offset means for each topic the
# source reads, when the broker's retention is known: bounded
# log.retention.bytes x partitions, else the retention time.
_backlog(app, i) := sprintf(": %s", [concat("; ", parts)]) if {
	parts := [p | some c in app.consumes; c.source == i; p := _held(c)]
	count(parts) > 0
} else := ""

_held(c) := sprintf("log.retention.bytes=%s (%s) x %d partition(s) of %q (%s) = %s", [
	lib.human(c.retention_bytes.num), lib.origin(c.retention_bytes), c.partitions.num, c.topic,
	lib.origin(c.partitions), lib.human(c.retention_bytes.num * c.partitions.num),
]) if {
	c.retention_bytes.num > 0
	c.partitions.num > 0
} else := sprintf("everything %q retains, %s of records (log.retention.bytes is unbounded)", [c.topic, lib.human_ms(c.retention_ms.ms)]) if {
	c.retention_ms.ms > 0
}
