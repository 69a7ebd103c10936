package streamlint.rules.KAF009_test

import data.streamlint.rules.KAF009

_loc := {"file": "compose.yaml", "line": 9, "column": 32}

_in(props) := {"brokers": [{"service": "kafka", "family": "confluent", "loc": _loc, "config": {}, "env_names": {"message.max.bytes": "KAFKA_MESSAGE_MAX_BYTES"}, "properties": props}]}

test_fires_on_max_message_bytes if {
	fs := KAF009.deny with input as _in([{"key": "max.message.bytes", "var": "KAFKA_MAX_MESSAGE_BYTES", "value": "16777216", "loc": _loc, "topic_level": true, "broker_name": "message.max.bytes", "known": false, "client": false}])
	count(fs) == 1
	some f in fs
	f.location == _loc
	contains(f.message, "KAFKA_MESSAGE_MAX_BYTES")
}

test_fires_on_client_key if {
	fs := KAF009.deny with input as _in([{"key": "max.request.size", "var": "KAFKA_MAX_REQUEST_SIZE", "value": "1", "loc": _loc, "topic_level": false, "known": false, "client": true}])
	count(fs) == 1
}

test_quiet_on_broker_key if {
	fs := KAF009.deny with input as _in([{"key": "message.max.bytes", "var": "KAFKA_MESSAGE_MAX_BYTES", "value": "1", "loc": _loc, "topic_level": false, "known": true, "client": false}])
	count(fs) == 0
}
