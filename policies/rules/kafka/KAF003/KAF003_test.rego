package streamlint.rules.KAF003_test

import data.streamlint.rules.KAF003

_loc := {"file": "compose.yaml", "line": 3, "column": 3}

_b(seg, ret) := {"service": "kafka", "loc": _loc, "env_names": {}, "config": {
	"log.segment.bytes": {"value": sprintf("%d", [seg]), "num": seg, "source": "default"},
	"log.retention.bytes": {"value": sprintf("%d", [ret]), "num": ret, "source": "env", "set": true, "loc": {"file": "compose.yaml", "line": 8, "column": 34}},
}}

test_fires_when_segment_default_above_retention if {
	fs := KAF003.deny with input as {"brokers": [_b(1073741824, 104857600)]}
	count(fs) == 1
	some f in fs
	f.location.line == 8
	contains(f.message, "1.1 GiB")
}

test_quiet_when_segment_smaller if {
	fs := KAF003.deny with input as {"brokers": [_b(104857600, 1073741824)]}
	count(fs) == 0
}

test_quiet_when_retention_unbounded if {
	fs := KAF003.deny with input as {"brokers": [_b(1073741824, -1)]}
	count(fs) == 0
}
