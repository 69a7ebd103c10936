package streamlint.rules.KAF004_test

import data.streamlint.rules.KAF004

_svc := {"file": "compose.yaml", "line": 3, "column": 3}

_at(line) := {"file": "compose.yaml", "line": line, "column": 34}

_v(var, value, ms, line) := {"value": value, "var": var, "ms": ms, "num": ms, "source": "env", "set": true, "loc": _at(line)}

_default(value, ms) := {"value": value, "ms": ms, "source": "default", "set": false}

_in(config) := {"brokers": [{"service": "kafka", "loc": _svc, "env_names": {}, "config": config}]}

test_fires_on_hours_shadowed_by_ms if {
	fs := KAF004.deny with input as _in({
		"log.retention.ms": _v("KAFKA_LOG_RETENTION_MS", "604800000", 604800000, 9),
		"log.retention.hours": _v("KAFKA_LOG_RETENTION_HOURS", "24", 86400000, 10),
	})
	count(fs) == 1
	some f in fs
	f.location == _at(10)
	f.related[0].line == 9
	contains(f.message, "KAFKA_LOG_RETENTION_HOURS=24 (log.retention.hours) is ignored")
	contains(f.message, "uses 7 d, not 1 d")
}

test_fires_on_roll_units if {
	fs := KAF004.deny with input as _in({
		"log.roll.ms": _v("KAFKA_LOG_ROLL_MS", "3600000", 3600000, 9),
		"log.roll.hours": _v("KAFKA_LOG_ROLL_HOURS", "24", 86400000, 10),
	})
	count(fs) == 1
}

test_fires_on_minutes_and_hours_without_ms if {
	fs := KAF004.deny with input as _in({
		"log.retention.ms": _default("null", null),
		"log.retention.minutes": _v("KAFKA_LOG_RETENTION_MINUTES", "90", 5400000, 9),
		"log.retention.hours": _v("KAFKA_LOG_RETENTION_HOURS", "1", 3600000, 10),
	})
	some f in fs
	contains(f.message, "uses 90 min, not 1 h")
}

test_quiet_when_units_agree if {
	fs := KAF004.deny with input as _in({
		"log.retention.ms": _v("KAFKA_LOG_RETENTION_MS", "86400000", 86400000, 9),
		"log.retention.hours": _v("KAFKA_LOG_RETENTION_HOURS", "24", 86400000, 10),
	})
	count(fs) == 0
}

test_quiet_when_other_unit_is_only_a_default if {
	fs := KAF004.deny with input as _in({
		"log.retention.ms": _v("KAFKA_LOG_RETENTION_MS", "3600000", 3600000, 9),
		"log.retention.hours": {"value": "168", "ms": 604800000, "source": "image-baseline", "set": false},
	})
	count(fs) == 0
}
