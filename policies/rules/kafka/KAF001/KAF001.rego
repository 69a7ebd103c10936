# METADATA
# title: Broker has no explicit time retention
# description: |
#   None of log.retention.ms, log.retention.minutes or log.retention.hours is
#   set in the project's own configuration, so Kafka silently keeps data for
#   its default of 168 hours (7 days). A value chosen by the image's packaged
#   configuration does not count: it changes with the image. Without a
#   deliberate retention, a backlog grows for a week and then Kafka deletes
#   unconsumed data without warning, which is what happened in the incident.
# related_resources:
#   - ref: https://kafka.apache.org/documentation/#brokerconfigs_log.retention.hours
#     description: Kafka broker configuration, log.retention.hours
# custom:
#   id: KAF001
#   severity: error
#   scope: repository
#   remediation: |
#     Set the retention explicitly on every broker, sized to how long consumers
#     may be down plus a margin, e.g. `KAFKA_LOG_RETENTION_HOURS: 24` (Confluent
#     and Apache images) or `KAFKA_CFG_LOG_RETENTION_HOURS: 24` (Bitnami).
package streamlint.rules.KAF001

import data.streamlint.lib

_keys := ["log.retention.ms", "log.retention.minutes", "log.retention.hours"]

_set(b) if {
	some k in _keys
	b.config[k].set
}

deny contains f if {
	some b in input.brokers
	not _set(b)
	hours := object.get(b.config, "log.retention.hours", {"value": "168", "source": "default"})
	msg := sprintf(
		"%s sets no log.retention.ms/minutes/hours: Kafka keeps data for log.retention.hours=%s (%s) and then deletes it whether or not consumers have read it; set %s deliberately",
		[lib.broker_label(b), hours.value, lib.origin(hours), lib.setting_name(b, "log.retention.hours")],
	)
	f := lib.finding(rego.metadata.chain(), msg, b.loc)
}
