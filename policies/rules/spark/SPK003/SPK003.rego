# METADATA
# title: DStream-only setting in a Structured Streaming app
# description: |
#   spark.streaming.backpressure.*, spark.streaming.kafka.maxRatePerPartition,
#   spark.streaming.receiver.maxRate and the other spark.streaming.* rate
#   settings drive the old DStream API only. A Structured Streaming query
#   (readStream/writeStream) ignores them, so a job that sets them believes it
#   is rate-limited and is not. This is what the incident's fix did.
# related_resources:
#   - ref: https://spark.apache.org/docs/latest/structured-streaming-kafka-integration.html
#     description: Structured Streaming + Kafka integration guide (maxOffsetsPerTrigger)
# custom:
#   id: SPK003
#   severity: error
#   remediation: |
#     Remove the DStream settings. For the rate settings, rate-limit the Kafka
#     source instead with `.option("maxOffsetsPerTrigger", rate x partitions x
#     trigger seconds)`; for spark.streaming.stopGracefullyOnShutdown, stop
#     the query with query.stop() (Structured Streaming has no such setting).
package streamlint.rules.SPK003

import data.streamlint.lib

_dstream_only(k) if startswith(k, "spark.streaming.backpressure.")

_dstream_only(k) if k in {
	"spark.streaming.kafka.maxRatePerPartition",
	"spark.streaming.kafka.minRatePerPartition",
	"spark.streaming.receiver.maxRate",
	"spark.streaming.blockInterval",
	"spark.streaming.stopGracefullyOnShutdown",
	"spark.streaming.unpersist",
}

# the DStream Kafka connector's (kafka-0-10) consumer keys; the Structured
# Streaming source (kafka-0-10-sql) reads its own
_dstream_only(k) if startswith(k, "spark.streaming.kafka.consumer.")

_dstream_only("spark.streaming.kafka.allowNonConsecutiveOffsets")

deny contains f if {
	some app in input.apps
	app.kind == "structured"
	some k, v in app.settings
	_dstream_only(k)
	some s in v.all
	msg := sprintf("%s is a Structured Streaming job: %s=%s (%s) drives the DStream API only and is ignored here%s", [lib.app_label(app), k, s.value, s.source, _suggestion(app, k)])
	f := lib.finding(rego.metadata.chain(), msg, s.loc)
}

_suggestion(app, "spark.streaming.kafka.maxRatePerPartition") := msg if {
	rate := app.settings["spark.streaming.kafka.maxRatePerPartition"].num
	some c in app.consumes
	parts := c.partitions.num
	secs := app.batch_seconds.num
	msg := sprintf("; the rate limit it was meant to be is .option(\"maxOffsetsPerTrigger\", %d) on the Kafka source (%v records/s x %d partitions x %v s trigger)", [round((rate * parts) * secs), rate, parts, secs])
} else := "; use .option(\"maxOffsetsPerTrigger\", N) on the Kafka source instead"

_suggestion(_, k) := "; use .option(\"maxOffsetsPerTrigger\", N) on the Kafka source to bound each batch" if {
	k != "spark.streaming.kafka.maxRatePerPartition"
	startswith(k, "spark.streaming.backpressure.")
}

_suggestion(_, "spark.streaming.stopGracefullyOnShutdown") := "; remove it: a query stops when query.stop() is called (from a shutdown hook, say), and Structured Streaming has no graceful-shutdown setting"

_suggestion(_, k) := "; the Kafka source pools its consumers by spark.kafka.consumer.cache.capacity and spark.kafka.consumer.cache.timeout instead (the pool cannot be turned off)" if {
	startswith(k, "spark.streaming.kafka.consumer.cache.")
}

_suggestion(_, "spark.streaming.kafka.consumer.poll.ms") := "; the Kafka source's poll timeout is .option(\"kafkaConsumer.pollTimeoutMs\", N)"

_suggestion(_, k) := "; remove it" if {
	not k in {"spark.streaming.kafka.maxRatePerPartition", "spark.streaming.stopGracefullyOnShutdown", "spark.streaming.kafka.consumer.poll.ms"}
	not startswith(k, "spark.streaming.backpressure.")
	not startswith(k, "spark.streaming.kafka.consumer.cache.")
}
