# METADATA
# title: Broker property value of the wrong type or out of range
# description: |
#   Kafka parses every broker property at start-up and refuses to start
#   (ConfigException: Invalid value ... for configuration ...) when a value
#   does not fit the property's type or valid values: sizes are plain byte
#   counts (`10MB` and `1e6` are not integers), booleans are only true or
#   false, an int stops at 2147483647, enumerations are compared
#   case-sensitively (`GZIP` is not `gzip`), and every element of a list
#   must be valid. Compose's list form `- KEY="value"` keeps the quotes in
#   the value, as a properties file does, so `"3"` is not a number and `""`
#   is not an empty value.
# related_resources:
#   - ref: https://kafka.apache.org/documentation/#brokerconfigs
#     description: Kafka broker configurations (type and valid values of each key)
#   - ref: https://docs.docker.com/reference/compose-file/services/#environment
#     description: Compose environment, list syntax (quotes are kept)
# custom:
#   id: KAF011
#   severity: error
#   remediation: |
#     Write the value the way Kafka parses it: digits only for numbers
#     (`KAFKA_MESSAGE_MAX_BYTES: 10485760`, not `10MB` or `1e7`), `true` or
#     `false`, enumeration values in their documented case, and no quotes in
#     the list form (`- KAFKA_NUM_PARTITIONS=3`).
package streamlint.rules.KAF011

import data.streamlint.lib

# _cases are [location, message without the broker, service]; brokers that
# share the setting (a YAML anchor) share one finding.
_cases contains [p.loc, body, b.service] if {
	some b in input.brokers
	some p in b.properties
	p.known
	p.invalid
	p.invalid != ""
	not p.secret
	not p.removed_in
	body := sprintf("%s: %s; %s; %s", [_written(p), p.invalid, _effect(p), _fix(b, p)])
}

deny contains f if {
	some [loc, body], services in _services_at
	f := lib.finding(rego.metadata.chain(), sprintf("%s: %s", [lib.brokers_label(services), body]), loc)
}

# _services_at groups the cases by location and message, once.
_services_at := lib.group_by({[[loc, body], s] | some [loc, body, s] in _cases})

# _effect: a value Kafka cannot parse stops the broker; a quoted string
# (no parser to reject it) reaches Kafka with its quotes; NaN or Infinity
# for a double (accepted) is read as such.
_effect(p) := "Kafka receives the quotes as part of the value, so a listener, host, path or class name no longer parses or names something else" if {
	contains(p.invalid, "is quoted:")
} else := "the broker starts with it, and every comparison or computation with the setting misbehaves" if {
	p.accepted
} else := "Kafka rejects it at start-up (ConfigException: Invalid value) and the broker does not start"

_written(p) := sprintf("%s (%s)", [p.var, p.key]) if p.var

_written(p) := sprintf("%s in %s:%d", [p.key, p.loc.file, p.loc.line]) if not p.var

# _fix is what to write instead: the corrected value Go computed (a size
# or duration in plain bytes or ms, the value without quotes, a smaller
# unit for a fraction, ...), else its hint, else the key's type.
_fix(b, p) := sprintf("write %s%s", [_assign(b, p, p.fix.key, object.get(p.fix, "value", "")), object.get(p.fix, "note", "")]) if {
	p.fix.key
} else := p.fix.hint if {
	p.fix.hint
} else := sprintf("write a value that fits the type and valid values of %s", [p.key])

# _assign shows the corrected setting in the form the project writes it.
_assign(b, p, key, v) := sprintf("%s=%s", [lib.setting_name(b, key), v]) if p.var

_assign(_, p, key, v) := sprintf("%s=%s", [key, v]) if not p.var
