package streamlint.rules.KAF002_test

import data.streamlint.rules.KAF002

_loc := {"file": "compose.yaml", "line": 3, "column": 3}

test_fires_on_default if {
	fs := KAF002.deny with input as {"brokers": [{"service": "kafka", "loc": _loc, "env_names": {}, "config": {
		"log.retention.bytes": {"value": "-1", "num": -1, "source": "default", "set": false},
		"num.partitions": {"value": "3", "num": 3},
	}}]}
	count(fs) == 1
	some f in fs
	f.location == _loc
	contains(f.message, "per partition")
}

test_fires_on_explicit_minus_one if {
	vloc := {"file": "compose.yaml", "line": 9, "column": 34}
	fs := KAF002.deny with input as {"brokers": [{"service": "kafka", "loc": _loc, "env_names": {}, "config": {"log.retention.bytes": {"value": "-1", "num": -1, "source": "env", "set": true, "loc": vloc}}}]}
	some f in fs
	f.location == vloc
}

test_quiet_when_bounded if {
	fs := KAF002.deny with input as {"brokers": [{"service": "kafka", "loc": _loc, "env_names": {}, "config": {"log.retention.bytes": {"value": "1073741824", "num": 1073741824, "source": "env", "set": true}}}]}
	count(fs) == 0
}
