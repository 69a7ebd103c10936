package streamlint.rules.LAG002_test

import data.streamlint.rules.LAG002

_loc := {"file": "kafka://k:9092/groups/g/topics/t", "line": 0, "column": 0}

_params := {"live": {"retention_risk": 0.1}}

_topic := {"name": "t", "partitions": 2, "config": {"retention.ms": {"value": "604800000", "source": "default"}, "retention.bytes": {"value": "-1", "source": "default"}}}

_input(parts) := {"params": _params, "topics": [_topic], "groups": [{"name": "g", "state": "Empty", "members": 0, "topics": [{"topic": "t", "loc": _loc, "lag": 5000, "partitions": parts}]}]}

test_fires_when_log_start_passed_the_group if {
	fs := LAG002.deny with input as _input([{"partition": 0, "committed": 1000, "log_start": 2000, "end": 6000, "lag": 5000, "deleted": 1000}])
	count(fs) == 1
	some f in fs
	f.location == _loc
	contains(f.message, "lost 1000 record(s)")
	contains(f.message, "partition 0: committed 1000, log start 2000")
	contains(f.message, "retention.ms=604800000 (the default)")
}

test_fires_in_oldest_share if {
	# 5000 retained, the group 100 past the log start: 2% < 10%
	fs := LAG002.deny with input as _input([{"partition": 1, "committed": 2100, "log_start": 2000, "end": 7000, "lag": 4900, "deleted": 0}])
	count(fs) == 1
	some f in fs
	contains(f.message, "partition 1 at offset 2100 is 100 record(s) past the log start 2000 of 5000 retained (2%)")
}

test_quiet_past_oldest_share if {
	# 600 past the log start of 5000 retained: 12% >= 10%
	fs := LAG002.deny with input as _input([{"partition": 1, "committed": 2600, "log_start": 2000, "end": 7000, "lag": 4400, "deleted": 0}])
	count(fs) == 0
}

test_quiet_before_retention_trims if {
	# nothing deleted yet (log start 0): the oldest share is not at risk
	fs := LAG002.deny with input as _input([{"partition": 0, "committed": 10, "log_start": 0, "end": 7000, "lag": 6990, "deleted": 0}])
	count(fs) == 0
}

test_quiet_when_caught_up if {
	fs := LAG002.deny with input as _input([{"partition": 0, "committed": 7000, "log_start": 6990, "end": 7000, "lag": 0, "deleted": 0}])
	count(fs) == 0
}

test_param_respected if {
	fs := LAG002.deny with input as object.union(_input([{"partition": 1, "committed": 2600, "log_start": 2000, "end": 7000, "lag": 4400, "deleted": 0}]), {"params": {"live": {"retention_risk": 0.2}}})
	count(fs) == 1
}
