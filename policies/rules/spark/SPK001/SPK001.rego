# METADATA
# title: DStream app without backpressure
# description: |
#   A DStream job pulls from Kafka at a fixed rate unless
#   spark.streaming.backpressure.enabled is true (default false). Without it,
#   when processing slows down, batches queue up and each one takes as much
#   as the rate limit allows (or everything, with no limit).
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
	not app.settings["spark.streaming.backpressure.enabled"]
	msg := sprintf("%s is a DStream job without spark.streaming.backpressure.enabled (default false): the ingestion rate never adapts to processing time, so a slow batch makes the next ones pile up; set it to true", [lib.app_label(app)])
	f := lib.finding(rego.metadata.chain(), msg, app.main_loc)
}

deny contains f if {
	some app in input.apps
	lib.dstream(app)
	v := app.settings["spark.streaming.backpressure.enabled"]
	v.bool == false # a value Spark cannot read is SPK006's
	msg := sprintf("%s is a DStream job with spark.streaming.backpressure.enabled=%s (%s): the ingestion rate never adapts to processing time; set it to true", [lib.app_label(app), v.value, v.source])
	f := lib.finding(rego.metadata.chain(), msg, v.loc)
}
