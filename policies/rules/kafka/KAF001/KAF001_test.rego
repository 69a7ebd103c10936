package streamlint.rules.KAF001_test

import data.streamlint.rules.KAF001

_loc := {"file": "docker-compose.yml", "line": 3, "column": 3}

_broker(config) := {"service": "kafka", "loc": _loc, "config": config, "env_names": {"log.retention.hours": "KAFKA_LOG_RETENTION_HOURS"}}

test_fires_when_only_default if {
	fs := KAF001.deny with input as {"brokers": [_broker({"log.retention.hours": {"value": "168", "source": "default", "set": false}})]}
	count(fs) == 1
	some f in fs
	f.rule_id == "KAF001"
	f.location.line == 3
	contains(f.message, "KAFKA_LOG_RETENTION_HOURS")
}

test_fires_when_only_baseline if {
	fs := KAF001.deny with input as {"brokers": [_broker({"log.retention.hours": {"value": "168", "source": "image-baseline", "set": false}})]}
	count(fs) == 1
}

test_quiet_when_hours_set if {
	fs := KAF001.deny with input as {"brokers": [_broker({"log.retention.hours": {"value": "24", "source": "env", "set": true, "loc": _loc}})]}
	count(fs) == 0
}

test_quiet_when_ms_set if {
	fs := KAF001.deny with input as {"brokers": [_broker({
		"log.retention.hours": {"value": "168", "source": "default", "set": false},
		"log.retention.ms": {"value": "3600000", "source": "env", "set": true, "loc": _loc},
	})]}
	count(fs) == 0
}
