package streamlint.rules.TEAM001_test

import data.streamlint.rules.TEAM001

_loc := {"file": "compose.yaml", "line": 12, "column": 30}

test_fires_on_bad_created_topic if {
	fs := TEAM001.deny with input as {"apps": [], "topics": [{"name": "Transactions", "loc": _loc}]}
	count(fs) == 1
	some f in fs
	f.rule_id == "TEAM001"
	f.location == _loc
}

test_fires_on_bad_subscription if {
	fs := TEAM001.deny with input as {"topics": [], "apps": [{"id": "jobs/a.py", "sources": [{"format": "kafka", "options": {"subscribe": {"value": "payments.tx,orders", "loc": _loc}}}]}]}
	count(fs) == 1
}

test_quiet_on_good_names if {
	fs := TEAM001.deny with input as {"topics": [{"name": "payments.transactions", "loc": _loc}], "apps": [{"id": "a", "sources": [{"format": "kafka", "options": {"subscribe": {"value": "fraud.alerts-v2", "loc": _loc}}}]}]}
	count(fs) == 0
}
