# METADATA
# title: DStream app does not stop gracefully
# description: |
#   When the driver JVM is asked to stop (docker stop, a redeploy, SIGTERM),
#   Spark's shutdown hook stops the StreamingContext. With
#   spark.streaming.stopGracefullyOnShutdown false (the default) it stops at
#   once and abandons the batches in flight: what they had read is processed
#   again or lost, depending on how offsets are committed. With true, Spark
#   first finishes the received data, up to spark.streaming.gracefulStopTimeout
#   (default 10 x the batch interval); the container's stop_grace_period
#   (Docker's default 10 s) must leave it that time before SIGKILL.
# related_resources:
#   - ref: https://spark.apache.org/docs/latest/configuration.html#spark-streaming
#     description: Spark configuration, spark.streaming.stopGracefullyOnShutdown
#   - ref: https://spark.apache.org/docs/3.5.1/streaming-programming-guide.html#upgrading-application-code
#     description: Spark Streaming guide, shutting down gracefully when upgrading
# custom:
#   id: SPK014
#   severity: warning
#   remediation: |
#     Set spark.streaming.stopGracefullyOnShutdown=true (SparkConf, --conf or
#     spark-defaults.conf), and give the driver's container a
#     stop_grace_period longer than a batch (and than
#     spark.streaming.gracefulStopTimeout when set).
package streamlint.rules.SPK014

import data.streamlint.lib

_key := "spark.streaming.stopGracefullyOnShutdown"

deny contains f if {
	some app in input.apps
	lib.dstream(app)
	not app.settings[_key]
	msg := sprintf(
		"%s is a DStream job without %s (default false): on SIGTERM (docker stop, a redeploy) the StreamingContext stops at once and the batches in flight%s are abandoned, to be read again or lost; set %s=true and give the container a stop_grace_period longer than a batch",
		[lib.app_label(app), _key, _batch(app), _key],
	)
	f := lib.finding(rego.metadata.chain(), msg, app.main_loc)
}

deny contains f if {
	some app in input.apps
	lib.dstream(app)
	v := app.settings[_key]
	not v.unresolved
	v.bool == false # a value Spark cannot read is SPK006's
	msg := sprintf(
		"%s is a DStream job with %s=%s (%s, %s:%d): on SIGTERM the StreamingContext stops at once and the batches in flight%s are abandoned; set it to true",
		[lib.app_label(app), _key, v.value, v.source, v.loc.file, v.loc.line, _batch(app)],
	)
	f := lib.finding(rego.metadata.chain(), msg, v.loc)
}

_batch(app) := sprintf(" (%s s each, %s)", [app.batch_seconds.value, app.batch_seconds.source]) if {
	app.batch_seconds.set
} else := ""
