package streamlint.rules.SPK012_test

import data.streamlint.rules.SPK012

_l(line) := {"file": "jobs/app.py", "line": line, "column": 31}

_opt(value, line) := object.union({"value": value, "source": "code", "loc": _l(line), "set": true}, _bool(value))

# _bool is the boolean Go reads from a value (true or false in any case,
# not trimmed: the source reads options as they are), absent for anything else.
_bool(value) := {"bool": lower(value) == "true"} if {
	lower(value) in {"true", "false"}
} else := {}


_consumes := [{
	"topic": "payments", "source": 0,
	"partitions": {"value": "3", "num": 3, "source": "env"},
	"retention_bytes": {"value": "1073741824", "num": 1073741824, "source": "env", "loc": {"file": "docker-compose.yml", "line": 25, "column": 34}},
	"retention_ms": {"value": "24", "ms": 86400000, "source": "env", "loc": {"file": "docker-compose.yml", "line": 24, "column": 34}},
}]

_app(streaming, options) := {"id": "jobs/app.py", "kind": "structured", "settings": {}, "consumes": _consumes, "sources": [{"format": "kafka", "streaming": streaming, "loc": _l(20), "options": options}]}

test_fires_on_false if {
	fs := SPK012.deny with input as {"apps": [_app(true, {"failOnDataLoss": _opt("false", 24)})]}
	count(fs) == 1
	some f in fs
	f.location == _l(24)
	contains(f.message, `failOnDataLoss=false on the Kafka source reading "payments"`)
	contains(f.message, `"payments" keeps records for 1 d (set at docker-compose.yml:24) and at most 1 GiB per partition (log.retention.bytes, set at docker-compose.yml:25)`)
}

test_name_and_value_case_insensitive if {
	fs := SPK012.deny with input as {"apps": [_app(true, {"failondataloss": _opt("False", 24)})]}
	count(fs) == 1
}

test_fires_on_batch_read if {
	fs := SPK012.deny with input as {"apps": [_app(false, {"failOnDataLoss": _opt("false", 24)})]}
	count(fs) == 1
}

test_without_retention_facts if {
	app := object.union(_app(true, {"failOnDataLoss": _opt("false", 24)}), {"consumes": []})
	fs := SPK012.deny with input as {"apps": [app]}
	count(fs) == 1
	some f in fs
	contains(f.message, "failOnDataLoss=false on the Kafka source: when")
}

test_quiet_on_true if {
	fs := SPK012.deny with input as {"apps": [_app(true, {"failOnDataLoss": _opt("true", 24)})]}
	count(fs) == 0
}

test_quiet_without_option if {
	fs := SPK012.deny with input as {"apps": [_app(true, {"subscribe": _opt("payments", 22)})]}
	count(fs) == 0
}

test_quiet_on_unresolved if {
	fs := SPK012.deny with input as {"apps": [_app(true, {"failOnDataLoss": {"value": "fail_on_loss", "unresolved": true, "loc": _l(24)}})]}
	count(fs) == 0
}

test_quiet_on_other_format if {
	app := {"id": "a", "kind": "structured", "settings": {}, "consumes": [], "sources": [{"format": "delta", "streaming": true, "loc": _l(20), "options": {"failOnDataLoss": _opt("false", 24)}}]}
	fs := SPK012.deny with input as {"apps": [app]}
	count(fs) == 0
}
