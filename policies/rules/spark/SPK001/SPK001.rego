# METADATA
# title: DStream app without backpressure
# description: |
#   A DStream job pulls from Kafka at a fixed rate unless
#   spark.streaming.backpressure.enabled is true (default false). Without it,
#   when processing slows down, batches queue up and each one takes as much
#   as the rate limit allows (or everything, with no limit). Backpressure
#   drives the rate controller of the direct Kafka stream and of
#   receiver-based streams (socketTextStream, receiverStream); file and queue
#   streams (textFileStream, queueStream) have none, so a job whose only
#   inputs are those is not reported.
# related_resources:
#   - ref: https://spark.apache.org/docs/latest/configuration.html#spark-streaming
#     description: Spark configuration, Spark Streaming
# custom:
#   id: SPK001
#   severity: error
#   remediation: |
#     Set spark.streaming.backpressure.enabled=true (and a
#     spark.streaming.kafka.maxRatePerPartition as the upper bound).
package streamlint.rules.SPK001

import data.streamlint.lib

deny contains f if {
	some app in input.apps
	lib.dstream(app)
	_rate_controlled(app)
	not app.settings["spark.streaming.backpressure.enabled"]
	msg := sprintf("%s is a DStream job without spark.streaming.backpressure.enabled (default false): the ingestion rate never adapts to processing time, so a slow batch makes the next ones pile up; set it to true", [lib.app_label(app)])
	f := lib.finding(rego.metadata.chain(), msg, app.main_loc)
}

deny contains f if {
	some app in input.apps
	lib.dstream(app)
	_rate_controlled(app)
	v := app.settings["spark.streaming.backpressure.enabled"]
	v.bool == false # a value Spark cannot read is SPK006's
	msg := sprintf("%s is a DStream job with spark.streaming.backpressure.enabled=%s (%s): the ingestion rate never adapts to processing time; set it to true", [lib.app_label(app), v.value, v.source])
	f := lib.finding(rego.metadata.chain(), msg, v.loc)
}

# _rate_controlled: the job has an input DStream with a rate controller,
# which is what backpressure adjusts: the direct Kafka stream or a
# receiver-based one. InputDStream.rateController is None for the file and
# queue streams. A job that shows no input at all (a class of the project
# makes it), or reads Kafka through kafkaParams or spark.streaming.kafka.*
# keys, is taken to have one.
_rate_controlled(app) if app.kafka_dstream

_rate_controlled(app) if app.receiver_dstream

_rate_controlled(app) if not app.other_dstream

_rate_controlled(app) if count(object.get(app, "kafka_params", {})) > 0

_rate_controlled(app) if {
	some k, _ in app.settings
	startswith(k, "spark.streaming.kafka.")
}
