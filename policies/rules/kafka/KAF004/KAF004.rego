# METADATA
# title: Conflicting retention or roll units
# description: |
#   Kafka reads a broker's time retention from log.retention.ms, else
#   log.retention.minutes, else log.retention.hours, and its segment roll
#   time from log.roll.ms, else log.roll.hours. When the project sets more
#   than one of a group to different durations, only the most precise one is
#   used and the others are silently ignored. This is how a retention
#   lowered with KAFKA_LOG_RETENTION_HOURS never takes effect: an older
#   KAFKA_LOG_RETENTION_MS (or a line of a mounted server.properties) still
#   wins, and the broker keeps data for as long as that one says.
# related_resources:
#   - ref: https://kafka.apache.org/documentation/#brokerconfigs_log.retention.ms
#     description: Kafka broker configuration, log.retention.ms (takes precedence over minutes and hours)
#   - ref: https://kafka.apache.org/documentation/#brokerconfigs_log.roll.ms
#     description: Kafka broker configuration, log.roll.ms (takes precedence over log.roll.hours)
# custom:
#   id: KAF004
#   severity: warning
#   remediation: |
#     Set each duration once, in one unit: keep the value you mean and delete
#     the others (e.g. keep `KAFKA_LOG_RETENTION_HOURS: 24` and remove
#     `KAFKA_LOG_RETENTION_MS`).
package streamlint.rules.KAF004

import data.streamlint.lib

# Each group lists its keys in Kafka's order of precedence.
_groups := [
	["log.retention.ms", "log.retention.minutes", "log.retention.hours"],
	["log.roll.ms", "log.roll.hours"],
]

# _set(b, keys) are the keys of a group the project sets to a duration, in
# order of precedence.
_set(b, keys) := [[k, v] |
	some k in keys
	v := b.config[k]
	v.set
	is_number(v.ms)
]

deny contains f if {
	some b in input.brokers
	some keys in _groups
	set := _set(b, keys)
	count(set) > 1
	[wk, wv] := set[0]
	some i, [k, v] in set
	i > 0
	v.ms != wv.ms
	msg := sprintf(
		"%s: %s is ignored because %s, %s, takes precedence (%s), so the broker uses %s, not %s; set the duration once: keep the one you mean and remove the other",
		[
			lib.broker_label(b), lib.written(v, k), lib.written(wv, wk), lib.origin(wv),
			concat(" > ", keys), lib.human_ms(wv.ms), lib.human_ms(v.ms),
		],
	)
	f := lib.finding_related(rego.metadata.chain(), msg, lib.loc_or(v, b.loc), [lib.related(wv.loc, sprintf("%s wins here", [wk])) | wv.loc])
}
