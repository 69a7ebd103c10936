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
	some [loc, body] in {[l, bd] | some [l, bd, _] in _cases}
	services := [s | some [l2, b2, s] in _cases; l2 == loc; b2 == body]
	f := lib.finding(rego.metadata.chain(), sprintf("%s: %s", [lib.brokers_label(services), body]), loc)
}

# _effect: a value Kafka cannot parse stops the broker; a quoted string
# (no parser to reject it) reaches Kafka with its quotes.
_effect(p) := "Kafka receives the quotes as part of the value, so a listener, host, path or class name no longer parses or names something else" if {
	contains(p.invalid, "is quoted:")
} else := "Kafka rejects it at start-up (ConfigException: Invalid value) and the broker does not start"

_written(p) := sprintf("%s (%s)", [p.var, p.key]) if p.var

_written(p) := sprintf("%s in %s:%d", [p.key, p.loc.file, p.loc.line]) if not p.var

# _fix proposes the value Kafka would accept, where it can be computed.
_fix(b, p) := sprintf("write %s", [_assign(b, p, p.key, v)]) if {
	v := _fixed(p, trim_space(p.value))
} else := sprintf("write %s instead (%s takes whole numbers)", [_assign(b, p, k, v), p.key]) if {
	[k, v] := _smaller_unit(p.key, trim_space(p.value))
} else := sprintf("write a value of at most %s", [m[1]]) if {
	m := regex.find_all_string_submatch_n(`at most ([0-9]+)`, p.invalid, 1)[0]
} else := sprintf("use only %s", [m[1]]) if {
	m := regex.find_all_string_submatch_n(`\(one of ([^)]*)\)`, p.invalid, 1)[0]
} else := sprintf("write a value in %s", [m[1]]) if {
	m := regex.find_all_string_submatch_n(`valid values of [^:]+: (.+)$`, p.invalid, 1)[0]
} else := sprintf("write a value that fits the type and valid values of %s", [p.key])

# _assign shows the corrected setting in the form the project writes it.
_assign(b, p, key, v) := sprintf("%s=%s", [lib.setting_name(b, key), v]) if p.var

_assign(_, p, key, v) := sprintf("%s=%s", [key, v]) if not p.var

# _fixed is the corrected value of a value Kafka cannot parse.

# quotes kept by the list form or a properties file
_fixed(_, value) := sprintf("%s, without the quotes", [inner]) if {
	_quoted(value)
	inner := substring(value, 1, count(value) - 2)
	inner != ""
}

_fixed(_, value) := " (nothing after the =) for an empty value" if value in {`""`, `''`}

# sizes with a unit: 10MB, 512k, 1GiB (binary multiples)
_fixed(p, value) := sprintf("%s (%s)", [format_int(bytes, 10), lib.human(bytes)]) if {
	contains(p.key, "bytes")
	m := regex.find_all_string_submatch_n(`^([0-9]+)\s*([kKmMgGtT])(?:i?[bB])?$`, value, 1)[0]
	bytes := to_number(m[1]) * _bytes_unit[lower(m[2])]
}

# durations with a unit on a millisecond key: 30s, 10m, 2h, 7d
_fixed(p, value) := sprintf("%s (%s)", [format_int(ms, 10), lib.human_ms(ms)]) if {
	endswith(p.key, ".ms")
	m := regex.find_all_string_submatch_n(`^([0-9]+)\s*(ms|s|m|min|h|d)$`, value, 1)[0]
	ms := to_number(m[1]) * _ms_unit[m[2]]
}

# exponent notation that is a whole number: 1e6
_fixed(_, value) := format_int(n, 10) if {
	regex.match(`^[+]?[0-9.]+[eE][+]?[0-9]+$`, value)
	n := to_number(value)
	n == floor(n)
}

# booleans in other spellings
_fixed(p, value) := "true" if {
	contains(p.invalid, "not a boolean")
	lower(value) in {"yes", "y", "on", "1", "enabled"}
}

_fixed(p, value) := "false" if {
	contains(p.invalid, "not a boolean")
	lower(value) in {"no", "n", "off", "0", "disabled"}
}

# enumeration values in the wrong case: their documented spelling
_fixed(p, value) := concat(",", [_valid_case(e, valid) | some e in split(value, ",")]) if {
	not _quoted(value)
	valid := _valid_values(p.invalid)
	every e in split(value, ",") {
		_valid_case(e, valid)
	}
}

# _smaller_unit turns a fraction of hours or minutes into a whole number
# of a smaller unit (log.retention.hours=1.5 -> log.retention.minutes=90,
# log.roll.hours=0.5 -> log.roll.ms=1800000).
_smaller_unit("log.retention.hours", value) := ["log.retention.minutes", format_int(n * 60, 10)] if {
	n := to_number(value)
	n != floor(n)
	n * 60 == floor(n * 60)
} else := ["log.retention.ms", format_int(round(n * 3600000), 10)] if {
	n := to_number(value)
	n != floor(n)
}

_smaller_unit(key, value) := [concat("", [trim_suffix(key, "hours"), "ms"]), format_int(round(n * 3600000), 10)] if {
	key in {"log.roll.hours", "log.roll.jitter.hours"}
	n := to_number(value)
	n != floor(n)
}

_smaller_unit("log.retention.minutes", value) := ["log.retention.ms", format_int(round(n * 60000), 10)] if {
	n := to_number(value)
	n != floor(n)
}

_bytes_unit := {"k": 1024, "m": 1048576, "g": 1073741824, "t": 1099511627776}

_ms_unit := {"ms": 1, "s": 1000, "m": 60000, "min": 60000, "h": 3600000, "d": 86400000}

_quoted(value) if {
	count(value) >= 2
	first := substring(value, 0, 1)
	first in {`"`, "'"}
	endswith(value, first)
}

# _valid_values reads the valid values the explanation lists
# ("... (one of uncompressed, zstd, lz4, snappy, gzip, producer)").
_valid_values(invalid) := [trim_space(v) | some v in split(m[1], ",")] if {
	m := regex.find_all_string_submatch_n(`\(one of ([^)]*)\)`, invalid, 1)[0]
}

_valid_case(e, valid) := v if {
	some v in valid
	lower(trim_space(e)) == lower(v)
}
