package streamlint.rules.TEAM002_test

import data.streamlint.rules.TEAM002

_loc := {"file": "compose.yaml", "line": 12, "column": 30}

_in(hours) := {
	"topics": [{"name": "clicks-events", "loc": _loc}],
	"brokers": [{"service": "kafka", "config": {"log.retention.hours": {"value": sprintf("%d", [hours]), "ms": hours * 3600000}}}],
}

test_fires_on_a_week if {
	fs := TEAM002.deny with input as _in(168)
	count(fs) == 1
	some f in fs
	contains(f.message, "168 hours")
}

test_fires_on_too_short if {
	fs := TEAM002.deny with input as _in(6)
	count(fs) == 1
}

test_quiet_within_budget if {
	fs := TEAM002.deny with input as _in(24)
	count(fs) == 0
}

test_quiet_on_other_topics if {
	fs := TEAM002.deny with input as object.union(_in(168), {"topics": [{"name": "clicks", "loc": _loc}]})
	count(fs) == 0
}
