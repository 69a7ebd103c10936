package streamlint.rules.LAG001_test

import data.streamlint.rules.LAG001

_loc := {"file": "kafka://k:9092/groups/g/topics/t", "line": 0, "column": 0}

_params := {"live": {"lag_alert": 1000}}

_group(lag, members, parts) := {"name": "g", "state": "Empty", "members": members, "topics": [{"topic": "t", "loc": _loc, "lag": lag, "partitions": parts}]}

_topics := [{"name": "t", "partitions": 3}]

test_fires_above_alert if {
	parts := [
		{"partition": 0, "committed": 100, "end": 4100, "lag": 4000, "log_start": 0, "deleted": 0},
		{"partition": 1, "committed": 0, "end": 1000, "lag": 1000, "log_start": 0, "deleted": 0},
	]
	fs := LAG001.deny with input as {"params": _params, "topics": _topics, "groups": [_group(5000, 0, parts)]}
	count(fs) == 1
	some f in fs
	f.location == _loc
	contains(f.message, "5000 records behind")
	contains(f.message, "worst partition is 0, 4000 behind (committed offset 100, end offset 4100)")
	contains(f.message, "no member")
}

test_fires_with_members_and_rates if {
	g := object.union(_group(1500, 2, [{"partition": 2, "committed": 0, "end": 1500, "lag": 1500, "log_start": 0, "deleted": 0}]), {"state": "Stable"})
	t := object.union(g.topics[0], {"consume_rate": 12.5, "lag_growth": -3})
	fs := LAG001.deny with input as {"params": _params, "topics": _topics, "groups": [object.union(g, {"topics": [t]})]}
	some f in fs
	contains(f.message, "add consumers (up to one per partition: the topic has 3)")
	contains(f.message, "consumed 12.5 records/s and its lag grew by -3.0 records/s")
}

test_quiet_at_threshold if {
	parts := [{"partition": 0, "committed": 0, "end": 1000, "lag": 1000, "log_start": 0, "deleted": 0}]
	fs := LAG001.deny with input as {"params": _params, "topics": _topics, "groups": [_group(1000, 1, parts)]}
	count(fs) == 0
}

test_param_respected if {
	parts := [{"partition": 0, "committed": 0, "end": 1000, "lag": 1000, "log_start": 0, "deleted": 0}]
	fs := LAG001.deny with input as {"params": {"live": {"lag_alert": 100}}, "topics": _topics, "groups": [_group(1000, 1, parts)]}
	count(fs) == 1
}

test_quiet_on_repository if {
	fs := LAG001.deny with input as {"params": _params, "topics": [], "brokers": []}
	count(fs) == 0
}
