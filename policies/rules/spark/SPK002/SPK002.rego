# METADATA
# title: No rate limit on the Kafka source
# description: |
#   Without a rate limit the first batch after a backlog (a restart, a slow
#   hour, a new consumer starting from earliest) takes every available record
#   at once. A DStream job is limited by spark.streaming.kafka.maxRatePerPartition;
#   a Structured Streaming Kafka source by its maxOffsetsPerTrigger option. In
#   the incident one batch tried to take 3 million records (6 GB) and the
#   executors ran out of memory. A Kafka source given options the extractor
#   cannot read (.options(**opts), an option name held in a constant of
#   another file) may have the limit among them and is not reported. Nor is
#   a source that only continuous-trigger queries read: continuous
#   processing polls each partition record by record, has no micro-batch,
#   and never reads maxOffsetsPerTrigger. A source only trigger(once=True)
#   queries read is reported whether or not it sets the limit: Trigger.Once
#   ignores it and reads everything available in one batch
#   (trigger(availableNow=True) honours it).
# related_resources:
#   - ref: https://spark.apache.org/docs/latest/structured-streaming-kafka-integration.html
#     description: Structured Streaming + Kafka integration guide (maxOffsetsPerTrigger)
#   - ref: https://spark.apache.org/docs/latest/configuration.html#spark-streaming
#     description: Spark configuration, spark.streaming.kafka.maxRatePerPartition
# custom:
#   id: SPK002
#   severity: error
#   remediation: |
#     Structured Streaming: `.option("maxOffsetsPerTrigger", N)` on the Kafka
#     source, with N records fitting in executor memory. DStream:
#     spark.streaming.kafka.maxRatePerPartition (records per second per partition).
package streamlint.rules.SPK002

import data.streamlint.lib

deny contains f if {
	some app in input.apps
	some i, src in app.sources
	src in lib.kafka_sources(app)
	not lib.once_only(app, i)
	lib.stream_option_absent(src, "maxOffsetsPerTrigger")
	msg := sprintf("%s: the Kafka source has no maxOffsetsPerTrigger, so the first micro-batch after a backlog reads every retained record at once; add .option(\"maxOffsetsPerTrigger\", N) with N records that fit in executor memory (see CAP001)", [lib.app_label(app)])
	f := lib.finding(rego.metadata.chain(), msg, src.loc)
}

# Trigger.Once reads everything available in one batch whatever the limit:
# adding maxOffsetsPerTrigger does not help, availableNow does.
deny contains f if {
	some app in input.apps
	some i, src in app.sources
	src in lib.kafka_sources(app)
	lib.once_only(app, i)
	tr := lib.once_trigger(app, i)
	msg := sprintf("%s: the Kafka source is read only by trigger(once=True) queries (%s:%d), and Trigger.Once ignores the read limit%s (Spark logs \"The read limit ... is ignored when Trigger.Once is used\"): each run reads everything produced since the last checkpoint, on a first run every retained record, in one micro-batch; use .trigger(availableNow=True) with .option(\"maxOffsetsPerTrigger\", N), which splits that backlog into batches of N records", [lib.app_label(app), tr.loc.file, tr.loc.line, _ignored_limit(src)])
	f := lib.finding(rego.metadata.chain(), msg, tr.loc)
}

_ignored_limit(src) := sprintf(" (maxOffsetsPerTrigger=%s at %s:%d has no effect)", [v.value, v.loc.file, v.loc.line]) if {
	v := lib.stream_option(src, "maxOffsetsPerTrigger")
	v.loc
} else := ""

deny contains f if {
	some app in input.apps
	lib.dstream(app)
	_reads_kafka(app)
	not _rate_limited(app)
	msg := sprintf("%s is a DStream job without spark.streaming.kafka.maxRatePerPartition > 0: the first batch after a backlog reads everything; set a per-partition rate (records/s)", [lib.app_label(app)])
	f := lib.finding(rego.metadata.chain(), msg, app.main_loc)
}

# A DStream job reads Kafka when it calls KafkaUtils, passes kafkaParams or
# sets the Kafka DStream's own keys, and is taken to when it shows no input
# at all (a helper class of the project makes the stream). A job whose
# only inputs are sockets, files or custom receivers is limited by
# spark.streaming.receiver.maxRate or not at all, never by this key.
_reads_kafka(app) if app.kafka_dstream

_reads_kafka(app) if not app.other_dstream

_reads_kafka(app) if count(object.get(app, "kafka_params", {})) > 0

_reads_kafka(app) if {
	some k, _ in app.settings
	startswith(k, "spark.streaming.kafka.")
}

_rate_limited(app) if app.settings["spark.streaming.kafka.maxRatePerPartition"].num > 0

_rate_limited(app) if app.settings["spark.streaming.kafka.maxRatePerPartition"].unresolved
