package streamlint.rules.KAF012_test

import data.streamlint.rules.KAF012

_svc := {"file": "compose.yaml", "line": 3, "column": 3}

_at(line) := {"file": "compose.yaml", "line": line, "column": 34}

_env(var, n, line) := {"value": format_int(n, 10), "num": n, "var": var, "source": "env", "set": true, "loc": _at(line)}

_def(n) := {"value": format_int(n, 10), "num": n, "source": "default", "set": false}

_defaults := {
	"message.max.bytes": _def(1048588),
	"replica.fetch.max.bytes": _def(1048576),
	"socket.request.max.bytes": _def(104857600),
}

_names := {
	"message.max.bytes": "KAFKA_MESSAGE_MAX_BYTES",
	"replica.fetch.max.bytes": "KAFKA_REPLICA_FETCH_MAX_BYTES",
	"socket.request.max.bytes": "KAFKA_SOCKET_REQUEST_MAX_BYTES",
}

_broker(config) := {"service": "kafka", "cluster": "c", "loc": _svc, "env_names": _names, "config": object.union(_defaults, config)}

_in(config, brokers) := {"clusters": [{"id": "c", "broker_count": brokers}], "brokers": [_broker(config)], "apps": []}

_job(line) := {"file": "jobs/app.py", "line": line, "column": 5}

_app(options, kafka_params, consumes) := {
	"id": "jobs/app.py", "loc": _job(1),
	"sources": [{"format": "kafka", "streaming": true, "loc": _job(5), "options": options}],
	"kafka_params": kafka_params, "consumes": consumes,
}

test_replica_fetch_below_message_max_is_info if {
	fs := KAF012.deny with input as _in({"message.max.bytes": _env("KAFKA_MESSAGE_MAX_BYTES", 16777216, 9)}, 3)
	count(fs) == 1
	some f in fs
	f.severity == "info"
	f.location == _at(9)
	contains(f.message, "message.max.bytes=16777216 (set at compose.yaml:9) is larger than replica.fetch.max.bytes=1048576 (the default)")
	endswith(f.message, "set KAFKA_REPLICA_FETCH_MAX_BYTES=16777216")
	not contains(f.message, "single broker")
}

test_replica_fetch_lowered_is_reported_where_it_is_set if {
	fs := KAF012.deny with input as _in({"replica.fetch.max.bytes": _env("KAFKA_REPLICA_FETCH_MAX_BYTES", 524288, 10)}, 1)
	count(fs) == 1
	some f in fs
	f.location == _at(10)
	contains(f.message, "single broker")
}

test_socket_limit_below_message_max_is_error if {
	fs := KAF012.deny with input as _in({
		"message.max.bytes": _env("KAFKA_MESSAGE_MAX_BYTES", 16777216, 9),
		"replica.fetch.max.bytes": _env("KAFKA_REPLICA_FETCH_MAX_BYTES", 16777216, 10),
		"socket.request.max.bytes": _env("KAFKA_SOCKET_REQUEST_MAX_BYTES", 10485760, 11),
	}, 3)
	count(fs) == 1
	some f in fs
	f.severity == "error"
	f.location == _at(11)
	f.related[0].line == 9
	contains(f.message, "the broker refuses any request above 10 MiB")
	contains(f.message, "raise KAFKA_SOCKET_REQUEST_MAX_BYTES to at least 16777216 (16 MiB")
}

test_socket_error_and_replica_info_at_different_places if {
	fs := KAF012.deny with input as _in({
		"message.max.bytes": _env("KAFKA_MESSAGE_MAX_BYTES", 16777216, 9),
		"socket.request.max.bytes": _env("KAFKA_SOCKET_REQUEST_MAX_BYTES", 10485760, 11),
	}, 3)
	{[f.location.line, f.severity] | some f in fs} == {[9, "info"], [11, "error"]}
}

test_socket_error_hides_replica_info_at_the_same_place if {
	# only message.max.bytes is set: both conditions would point at it
	fs := KAF012.deny with input as _in({"message.max.bytes": _env("KAFKA_MESSAGE_MAX_BYTES", 209715200, 9)}, 3)
	count(fs) == 1
	some f in fs
	f.severity == "error"
}

test_quiet_on_kafka_defaults if {
	# 1048588 = 1 MiB + the 12-byte batch overhead: Kafka's own pairing
	fs := KAF012.deny with input as _in({}, 3)
	count(fs) == 0
}

test_quiet_when_limits_raised_together if {
	fs := KAF012.deny with input as _in({
		"message.max.bytes": _env("KAFKA_MESSAGE_MAX_BYTES", 16777216, 9),
		"replica.fetch.max.bytes": _env("KAFKA_REPLICA_FETCH_MAX_BYTES", 16777216, 10),
	}, 3)
	count(fs) == 0
}

test_spark_source_fetch_size_below_message_max if {
	opt := {"value": "1048576", "num": 1048576, "source": "code", "set": true, "loc": _job(8)}
	app := _app({"kafka.max.partition.fetch.bytes": opt}, {}, [{"topic": "documents", "broker": "kafka", "source": 0}])
	inp := object.union(_in({
		"message.max.bytes": _env("KAFKA_MESSAGE_MAX_BYTES", 16777216, 9),
		"replica.fetch.max.bytes": _env("KAFKA_REPLICA_FETCH_MAX_BYTES", 16777216, 10),
	}, 3), {"apps": [app]})
	fs := KAF012.deny with input as inp
	count(fs) == 1
	some f in fs
	f.severity == "info"
	f.location == _job(8)
	f.related[0].line == 9
	startswith(f.message, `app jobs/app.py reads "documents" from broker "kafka" with kafka.max.partition.fetch.bytes=1048576 (set at jobs/app.py:8) below the broker's message.max.bytes=16777216`)
	endswith(f.message, `set .option("kafka.max.partition.fetch.bytes", "16777216") on the source`)
}

test_spark_source_default_fetch_size_points_at_the_source if {
	app := _app({}, {}, [{"topic": "documents", "broker": "kafka", "source": 0}, {"topic": "images", "broker": "kafka", "source": 0}])
	inp := object.union(_in({
		"message.max.bytes": _env("KAFKA_MESSAGE_MAX_BYTES", 16777216, 9),
		"replica.fetch.max.bytes": _env("KAFKA_REPLICA_FETCH_MAX_BYTES", 16777216, 10),
	}, 3), {"apps": [app]})
	fs := KAF012.deny with input as inp
	count(fs) == 1
	some f in fs
	f.location == _job(5)
	contains(f.message, `reads "documents", "images" from broker "kafka"`)
	contains(f.message, "(the Kafka consumer default)")
}

test_dstream_kafka_params if {
	app := object.union(_app({}, {"max.partition.fetch.bytes": {"value": "2097152", "num": 2097152, "source": "code", "set": true, "loc": _job(12)}}, [{"topic": "documents", "broker": "kafka", "source": -1}]), {"sources": []})
	inp := object.union(_in({
		"message.max.bytes": _env("KAFKA_MESSAGE_MAX_BYTES", 16777216, 9),
		"replica.fetch.max.bytes": _env("KAFKA_REPLICA_FETCH_MAX_BYTES", 16777216, 10),
	}, 3), {"apps": [app]})
	fs := KAF012.deny with input as inp
	count(fs) == 1
	some f in fs
	f.location == _job(12)
	endswith(f.message, `set "max.partition.fetch.bytes" -> "16777216" in the kafkaParams`)
}

test_quiet_on_spark_defaults_and_large_fetch if {
	big := {"value": "16777216", "num": 16777216, "source": "code", "set": true, "loc": _job(8)}
	apps := [
		_app({}, {}, [{"topic": "documents", "broker": "kafka", "source": 0}]), # consumer and broker defaults
		_app({"kafka.max.partition.fetch.bytes": big}, {}, [{"topic": "documents", "broker": "kafka", "source": 0}]),
		_app({"kafka.max.partition.fetch.bytes": {"value": "${FETCH}", "source": "code", "set": true, "unresolved": true, "loc": _job(8)}}, {}, [{"topic": "documents", "broker": "kafka", "source": 0}]),
		_app({}, {}, [{"topic": "documents", "broker": "", "source": 0}]), # no broker of the project
	]
	fs := KAF012.deny with input as object.union(_in({}, 3), {"apps": apps})
	count(fs) == 0
}

test_quiet_on_unresolved_option_even_with_large_messages if {
	app := _app({"kafka.max.partition.fetch.bytes": {"value": "${FETCH}", "source": "code", "set": true, "unresolved": true, "loc": _job(8)}}, {}, [{"topic": "documents", "broker": "kafka", "source": 0}])
	inp := object.union(_in({
		"message.max.bytes": _env("KAFKA_MESSAGE_MAX_BYTES", 16777216, 9),
		"replica.fetch.max.bytes": _env("KAFKA_REPLICA_FETCH_MAX_BYTES", 16777216, 10),
	}, 3), {"apps": [app]})
	fs := KAF012.deny with input as inp
	count(fs) == 0
}

test_quiet_on_a_fetch_size_that_is_no_number if {
	bad := {"value": "24h", "source": "code", "set": true, "loc": _job(12)}
	app := object.union(_app({}, {"max.partition.fetch.bytes": bad}, [{"topic": "documents", "broker": "kafka", "source": -1}]), {"sources": []})
	inp := object.union(_in({
		"message.max.bytes": _env("KAFKA_MESSAGE_MAX_BYTES", 16777216, 9),
		"replica.fetch.max.bytes": _env("KAFKA_REPLICA_FETCH_MAX_BYTES", 16777216, 10),
	}, 3), {"apps": [app]})
	fs := KAF012.deny with input as inp
	count(fs) == 0
}
