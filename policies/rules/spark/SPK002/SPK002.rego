# METADATA
# title: No rate limit on the Kafka source
# description: |
#   Without a rate limit the first batch after a backlog (a restart, a slow
#   hour, a new consumer starting from earliest) takes every available record
#   at once. A DStream job is limited by spark.streaming.kafka.maxRatePerPartition;
#   a Structured Streaming Kafka source by its maxOffsetsPerTrigger option. In
#   the incident one batch tried to take 3 million records (6 GB) and the
#   executors ran out of memory. A query started with the once trigger
#   (Trigger.Once(), trigger(once=True)) ignores maxOffsetsPerTrigger and
#   reads everything in one batch; the availableNow trigger keeps the
#   limit. A Kafka source given options the extractor
#   cannot read (.options(**opts), an option name held in a constant of
#   another file) may have the limit among them and is not reported.
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
#     source, with N records fitting in executor memory (a query that should
#     read what is there and stop: the availableNow trigger, which keeps the
#     limit, not once, which drops it). DStream:
#     spark.streaming.kafka.maxRatePerPartition (records per second per partition).
package streamlint.rules.SPK002

import data.streamlint.lib

deny contains f if {
	some app in input.apps
	some src in lib.kafka_sources(app)
	lib.stream_option_absent(src, "maxOffsetsPerTrigger")
	msg := sprintf("%s: the Kafka source has no maxOffsetsPerTrigger, so the first micro-batch after a backlog reads every retained record at once; add .option(\"maxOffsetsPerTrigger\", N) with N records that fit in executor memory (see CAP001)", [lib.app_label(app)])
	f := lib.finding(rego.metadata.chain(), msg, src.loc)
}

deny contains f if {
	some app in input.apps
	lib.dstream(app)
	_reads_kafka(app)
	not _rate_limited(app)
	msg := sprintf("%s is a DStream job without spark.streaming.kafka.maxRatePerPartition > 0: the first batch after a backlog reads everything; set a per-partition rate (records/s)", [lib.app_label(app)])
	f := lib.finding(rego.metadata.chain(), msg, app.main_loc)
}

# Trigger.Once runs a single batch of everything available and drops the
# source's read limit (MicroBatchExecution: "The read limit ... is ignored
# when Trigger.Once is used"); Trigger.AvailableNow keeps it and runs as
# many batches as the limit needs.
deny contains f if {
	some app in input.apps
	some sink in app.sinks
	sink.trigger.kind == "once"
	some i in sink.inputs
	src := app.sources[i]
	src.format == "kafka"
	src.streaming
	limit := lib.stream_option(src, "maxOffsetsPerTrigger")
	msg := sprintf(
		"%s: the query runs with a once trigger (%s:%d), and Spark ignores the read limits of its sources then (it logs \"The read limit ... is ignored when Trigger.Once is used\"): maxOffsetsPerTrigger=%s bounds nothing, and the single batch reads every available record at once; use the availableNow trigger (Trigger.AvailableNow(), trigger(availableNow=True)), which stops the same way but keeps the limit and runs as many batches as it needs",
		[lib.app_label(app), sink.trigger.loc.file, sink.trigger.loc.line, limit.value],
	)
	f := lib.finding_related(rego.metadata.chain(), msg, limit.loc, [lib.related(sink.trigger.loc, "the once trigger")])
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
