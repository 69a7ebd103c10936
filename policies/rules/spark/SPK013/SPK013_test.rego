package streamlint.rules.SPK013_test

import data.streamlint.rules.SPK013

_l(line) := {"file": "jobs/app.py", "line": line, "column": 30}

_opt(value, line) := {"value": value, "source": "code", "loc": _l(line), "set": true}

_bad(value, line, invalid) := object.union(_opt(value, line), {"invalid": invalid})

_app(options) := {"id": "jobs/app.py", "kind": "structured", "settings": {}, "sinks": [], "sources": [{"format": "kafka", "streaming": true, "loc": _l(20), "options": options}]}

test_auto_offset_reset_points_to_starting_offsets if {
	inv := "the Kafka source rejects kafka.auto.offset.reset (the query fails to start): REJECTED: IllegalArgumentException; use startingOffsets"
	fs := SPK013.deny with input as {"apps": [_app({"kafka.auto.offset.reset": _bad("earliest", 23, inv)})]}
	count(fs) == 1
	some f in fs
	f.location == _l(23)
	contains(f.message, `.option("kafka.auto.offset.reset", "earliest") on the Kafka source: the Kafka source rejects`)
	contains(f.message, `Use .option("startingOffsets", "earliest") instead`)
}

test_deserializer if {
	inv := "the Kafka source rejects kafka.value.deserializer (the query fails to start): REJECTED: values are always byte arrays"
	fs := SPK013.deny with input as {"apps": [_app({"kafka.value.deserializer": _bad("org.apache.kafka.common.serialization.StringDeserializer", 23, inv)})]}
	count(fs) == 1
	some f in fs
	contains(f.message, "CAST(value AS STRING)")
}

test_enable_auto_commit if {
	inv := "the Kafka source rejects kafka.enable.auto.commit (the query fails to start): REJECTED: source never commits offsets to Kafka"
	fs := SPK013.deny with input as {"apps": [_app({"kafka.enable.auto.commit": _bad("true", 23, inv)})]}
	count(fs) == 1
	some f in fs
	contains(f.message, "tracks its offsets in the checkpoint")
}

test_non_integer_max_offsets if {
	inv := `invalid value "10k": not an integer (no unit, separator or exponent)`
	fs := SPK013.deny with input as {"apps": [_app({"maxOffsetsPerTrigger": _bad("10k", 24, inv)})]}
	count(fs) == 1
	some f in fs
	contains(f.message, `.option("maxOffsetsPerTrigger", "10k")`)
	contains(f.message, "the query fails (NumberFormatException")
}

test_client_setting_without_prefix if {
	inv := "bootstrap.servers is a Kafka client setting: Spark passes only kafka.-prefixed options to the Kafka consumer, so this one is ignored; write kafka.bootstrap.servers"
	fs := SPK013.deny with input as {"apps": [_app({"bootstrap.servers": _bad("kafka:9092", 22, inv)})]}
	count(fs) == 1
	some f in fs
	contains(f.message, "write kafka.bootstrap.servers")
	not contains(f.message, "NumberFormatException")
}

test_sink_serializer if {
	inv := "the Kafka sink rejects kafka.value.serializer: REJECTED (sink)"
	app := {"id": "jobs/app.py", "kind": "structured", "settings": {}, "sources": [], "sinks": [{"format": "kafka", "streaming": true, "loc": _l(40), "options": {"kafka.value.serializer": _bad("org.apache.kafka.common.serialization.StringSerializer", 42, inv)}}]}
	fs := SPK013.deny with input as {"apps": [app]}
	count(fs) == 1
	some f in fs
	contains(f.message, "on the Kafka sink")
	contains(f.message, "the sink writes the key and value columns as bytes")
}

test_every_invalid_option if {
	fs := SPK013.deny with input as {"apps": [_app({
		"kafka.auto.offset.reset": _bad("earliest", 23, "the Kafka source rejects kafka.auto.offset.reset"),
		"minPartitions": _bad("0", 24, `invalid value "0": minPartitions must be positive`),
		"subscribe": _opt("orders", 22),
	})]}
	count(fs) == 2
}

test_min_above_max if {
	fs := SPK013.deny with input as {"apps": [_app({
		"minOffsetsPerTrigger": {"value": "50000", "num": 50000, "loc": _l(25)},
		"maxOffsetsPerTrigger": {"value": "10000", "num": 10000, "loc": _l(24)},
	})]}
	count(fs) == 1
	some f in fs
	f.location == _l(25)
	f.related[0].line == 24
	contains(f.message, "minOffsetsPerTrigger=50000 is above maxOffsetsPerTrigger=10000 (jobs/app.py:24)")
}

test_quiet_on_min_below_max if {
	fs := SPK013.deny with input as {"apps": [_app({
		"minoffsetspertrigger": {"value": "5000", "num": 5000, "loc": _l(25)},
		"MaxOffsetsPerTrigger": {"value": "10000", "num": 10000, "loc": _l(24)},
	})]}
	count(fs) == 0
}

test_quiet_on_valid_options if {
	fs := SPK013.deny with input as {"apps": [_app({
		"kafka.bootstrap.servers": _opt("kafka:9092", 21),
		"subscribe": _opt("orders", 22),
		"kafka.group.id": _opt("orders-reader", 23),
		"maxOffsetsPerTrigger": {"value": "10000", "num": 10000, "loc": _l(24)},
	})]}
	count(fs) == 0
}

test_quiet_on_other_formats if {
	app := {"id": "a", "kind": "structured", "settings": {}, "sinks": [], "sources": [{"format": "json", "streaming": true, "loc": _l(20), "options": {"maxFilesPerTrigger": _bad("x", 22, "invalid")}}]}
	fs := SPK013.deny with input as {"apps": [app]}
	count(fs) == 0
}

# a value the job computes (self.config.kafka.group_id) is shown as the
# expression it is, not as a quoted literal
test_unresolved_value_is_shown_as_written if {
	inv := "group.id is a Kafka client setting: Spark passes only kafka.-prefixed options to the Kafka consumer, so this one is ignored; write kafka.group.id"
	o := object.union(_bad("self.config.kafka.group_id", 23, inv), {"unresolved": true})
	fs := SPK013.deny with input as {"apps": [_app({"group.id": o})]}
	count(fs) == 1
	some f in fs
	contains(f.message, `.option("group.id", self.config.kafka.group_id) on the Kafka source`)
}

test_unresolved_auto_offset_reset_keeps_the_expression if {
	inv := "the Kafka source rejects kafka.auto.offset.reset (the query fails to start): REJECTED: IllegalArgumentException; use startingOffsets"
	o := object.union(_bad("cfg.offset_reset", 23, inv), {"unresolved": true})
	fs := SPK013.deny with input as {"apps": [_app({"kafka.auto.offset.reset": o})]}
	count(fs) == 1
	some f in fs
	contains(f.message, `.option("kafka.auto.offset.reset", cfg.offset_reset) on the Kafka source`)
	contains(f.message, `Use .option("startingOffsets", cfg.offset_reset) instead`)
}
