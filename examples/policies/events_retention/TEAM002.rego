# METADATA
# title: Event topics keep between 12 and 72 hours
# description: |
#   Topics named *-events feed replayable consumers: they must keep at least
#   12 hours (a night's outage) and at most 72 hours (the disk budget of the
#   event brokers). The topic inherits the broker's effective time retention.
# related_resources:
#   - ref: https://wiki.example.com/platform/retention
#     description: Platform team retention budget
# custom:
#   id: TEAM002
#   severity: error
#   remediation: |
#     Set the broker's log.retention.hours between 12 and 72, or give the
#     topic its own retention.ms with kafka-configs.
package streamlint.rules.TEAM002

import data.streamlint.lib

_hour := 3600000

deny contains f if {
	some t in input.topics
	endswith(t.name, "-events")
	some b in input.brokers
	ms := lib.retention_ms(b)
	not _within(ms)
	f := lib.finding_for(
		rego.metadata.chain(),
		sprintf("topic %q keeps %v hours (broker %q's retention), outside the 12-72 hour budget for *-events topics", [t.name, ms / _hour, b.service]),
		t,
	)
}

_within(ms) if {
	ms >= 12 * _hour
	ms <= 72 * _hour
}
