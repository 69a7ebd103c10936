# METADATA
# title: failOnDataLoss=false hides lost records
# description: |
#   With failOnDataLoss=false the Kafka source carries on when the offsets it
#   needs are gone: records that retention deleted before the query read them
#   (a backlog older than log.retention.hours, or bigger than
#   log.retention.bytes per partition), or a topic deleted and recreated. The
#   gap is skipped with a log warning and the query keeps running, so the loss
#   is noticed only downstream, if ever. In the incident Kafka deleted
#   unconsumed data while Spark was stuck; with failOnDataLoss=false that
#   would not even have stopped the job. The default (true) fails the query,
#   which is what alerting needs.
# related_resources:
#   - ref: https://spark.apache.org/docs/latest/structured-streaming-kafka-integration.html#creating-a-kafka-source-for-streaming-queries
#     description: Structured Streaming + Kafka, the failOnDataLoss option
#   - ref: https://kafka.apache.org/documentation/#brokerconfigs_log.retention.hours
#     description: Kafka broker configuration, log.retention.hours (and log.retention.bytes)
# custom:
#   id: SPK012
#   severity: warning
#   remediation: |
#     Remove the option (the default, true, fails the query when data is lost)
#     and make retention long and large enough for the worst backlog (see
#     CAP002). Keep false only for data you can afford to lose, and then
#     monitor the source's dataLoss metric.
package streamlint.rules.SPK012

import data.streamlint.lib

deny contains f if {
	some app in input.apps
	some i, src in app.sources
	src.format == "kafka"
	o := lib.stream_option(src, "failOnDataLoss")
	not o.unresolved
	o.bool == false
	msg := sprintf(
		"%s: failOnDataLoss=%s on the Kafka source%s: when the records it needs next are gone (deleted by retention before the query read them, or the topic was recreated), %s, so the loss goes unnoticed%s. Remove the option (the default is true: the %s fails) and size retention for the worst backlog (see CAP002)",
		[lib.app_label(app), o.value, _topics(app, i), _skips(src), _retention(app, i), _job(src)],
	)
	f := lib.finding(rego.metadata.chain(), msg, o.loc)
}

_skips(src) := "the query skips the gap with only a log warning and keeps running" if src.streaming

_skips(src) := "the batch read skips the missing offsets with only a log warning" if not src.streaming

_job(src) := "query" if src.streaming

_job(src) := "read" if not src.streaming

_topics(app, i) := sprintf(" reading %s", [concat(", ", [sprintf("%q", [c.topic]) | some c in app.consumes; c.source == i])]) if {
	some c in app.consumes
	c.source == i
} else := ""

# _retention says how long and how much each topic keeps, when known.
_retention(app, i) := sprintf("; %s", [concat("; ", parts)]) if {
	parts := [p | some c in app.consumes; c.source == i; p := _kept(c)]
	count(parts) > 0
} else := ""

_kept(c) := sprintf("%q keeps records for %s (%s)%s", [c.topic, lib.human_ms(c.retention_ms.ms), lib.origin(c.retention_ms), _bytes(c)]) if {
	c.retention_ms.ms > 0
}

_bytes(c) := sprintf(" and at most %s per partition (log.retention.bytes, %s)", [lib.human(c.retention_bytes.num), lib.origin(c.retention_bytes)]) if {
	c.retention_bytes.num > 0
} else := ""
