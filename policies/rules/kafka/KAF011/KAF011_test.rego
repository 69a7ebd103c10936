package streamlint.rules.KAF011_test

import data.streamlint.rules.KAF011

_svc := {"file": "compose.yaml", "line": 3, "column": 3}

_at(line) := {"file": "compose.yaml", "line": line, "column": 30}

_p(key, var, value, invalid) := {"key": key, "var": var, "value": value, "invalid": invalid, "loc": _at(9), "known": true, "topic_level": false, "client": false}

# _pf is a property with the fix Go computed for it (kafka.Property.Fix).
_pf(key, var, value, invalid, fix) := object.union(_p(key, var, value, invalid), {"fix": fix})

_in(props) := {"brokers": [{
	"service": "kafka", "image": "confluentinc/cp-kafka:7.6.1", "family": "confluent", "loc": _svc, "config": {},
	"env_names": {
		"message.max.bytes": "KAFKA_MESSAGE_MAX_BYTES", "num.partitions": "KAFKA_NUM_PARTITIONS",
		"log.retention.bytes": "KAFKA_LOG_RETENTION_BYTES", "log.retention.hours": "KAFKA_LOG_RETENTION_HOURS",
		"log.retention.minutes": "KAFKA_LOG_RETENTION_MINUTES", "log.roll.ms": "KAFKA_LOG_ROLL_MS",
		"auto.create.topics.enable": "KAFKA_AUTO_CREATE_TOPICS_ENABLE", "compression.type": "KAFKA_COMPRESSION_TYPE",
		"log.cleanup.policy": "KAFKA_LOG_CLEANUP_POLICY", "advertised.listeners": "KAFKA_ADVERTISED_LISTENERS",
		"log.roll.hours": "KAFKA_LOG_ROLL_HOURS", "log.dirs": "KAFKA_LOG_DIRS",
		"log.retention.check.interval.ms": "KAFKA_LOG_RETENTION_CHECK_INTERVAL_MS",
	},
	"properties": props,
}]}

_one(p) := f if {
	fs := KAF011.deny with input as _in([p])
	count(fs) == 1
	some f in fs
}

test_size_with_unit if {
	f := _one(_pf("message.max.bytes", "KAFKA_MESSAGE_MAX_BYTES", "10MB", `"10MB" is not an integer: Kafka values are plain numbers without units (MB)`, {"key": "message.max.bytes", "value": "10485760", "note": " (10 MiB)"}))
	f.location == _at(9)
	contains(f.message, `KAFKA_MESSAGE_MAX_BYTES (message.max.bytes): "10MB" is not an integer`)
	contains(f.message, "the broker does not start")
	endswith(f.message, "write KAFKA_MESSAGE_MAX_BYTES=10485760 (10 MiB)")
}

test_size_with_binary_unit if {
	f := _one(_pf("log.retention.bytes", "KAFKA_LOG_RETENTION_BYTES", "1GiB", `"1GiB" is not an integer: Kafka values are plain numbers without units (GiB)`, {"key": "log.retention.bytes", "value": "1073741824", "note": " (1 GiB)"}))
	endswith(f.message, "write KAFKA_LOG_RETENTION_BYTES=1073741824 (1 GiB)")
}

test_duration_with_unit_on_ms_key if {
	f := _one(_pf("log.retention.check.interval.ms", "KAFKA_LOG_RETENTION_CHECK_INTERVAL_MS", "5m", `"5m" is not an integer: Kafka values are plain numbers without units (m)`, {"key": "log.retention.check.interval.ms", "value": "300000", "note": " (5 min)"}))
	endswith(f.message, "write KAFKA_LOG_RETENTION_CHECK_INTERVAL_MS=300000 (5 min)")
}

test_exponent if {
	f := _one(_pf("log.retention.bytes", "KAFKA_LOG_RETENTION_BYTES", "1e6", `"1e6" is not an integer: Kafka does not accept exponent notation; write the digits out`, {"key": "log.retention.bytes", "value": "1000000"}))
	endswith(f.message, "write KAFKA_LOG_RETENTION_BYTES=1000000")
}

test_quotes_kept_by_list_form if {
	f := _one(_pf("num.partitions", "KAFKA_NUM_PARTITIONS", `"3"`, "`\"3\"` is not an integer: the quotes are part of the value (list-form `- KEY=\"value\"` keeps them)", {"key": "num.partitions", "value": "3", "note": ", without the quotes"}))
	contains(f.message, "the quotes are part of the value")
	endswith(f.message, "write KAFKA_NUM_PARTITIONS=3, without the quotes")
}

test_quoted_string_is_not_a_start_failure if {
	f := _one(_pf("advertised.listeners", "KAFKA_ADVERTISED_LISTENERS", `"PLAINTEXT://kafka:9092"`, "`\"PLAINTEXT://kafka:9092\"` is quoted: the quotes are part of the value", {"key": "advertised.listeners", "value": "PLAINTEXT://kafka:9092", "note": ", without the quotes"}))
	contains(f.message, "Kafka receives the quotes as part of the value")
	not contains(f.message, "does not start")
	endswith(f.message, "write KAFKA_ADVERTISED_LISTENERS=PLAINTEXT://kafka:9092, without the quotes")
}

test_boolean_spellings if {
	f := _one(_pf("auto.create.topics.enable", "KAFKA_AUTO_CREATE_TOPICS_ENABLE", "no", `"no" is not a boolean (Kafka accepts only true or false)`, {"key": "auto.create.topics.enable", "value": "false"}))
	endswith(f.message, "write KAFKA_AUTO_CREATE_TOPICS_ENABLE=false")
}

test_enum_case if {
	f := _one(_pf("compression.type", "KAFKA_COMPRESSION_TYPE", "GZIP", `"GZIP" is not a valid value of compression.type (one of uncompressed, zstd, lz4, snappy, gzip, producer); Kafka compares these case-sensitively`, {"key": "compression.type", "value": "gzip"}))
	endswith(f.message, "write KAFKA_COMPRESSION_TYPE=gzip")
}

test_list_with_unknown_element if {
	f := _one(_pf("log.cleanup.policy", "KAFKA_LOG_CLEANUP_POLICY", "compact,deleted", `"compact,deleted" contains "deleted", which is not a valid value of log.cleanup.policy (one of compact, delete)`, {"hint": "use only compact, delete"}))
	endswith(f.message, "use only compact, delete")
}

test_int_out_of_range if {
	f := _one(_pf("message.max.bytes", "KAFKA_MESSAGE_MAX_BYTES", "4294967296", `"4294967296" is out of range for message.max.bytes (an int: at most 2147483647)`, {"hint": "write a value of at most 2147483647"}))
	endswith(f.message, "write a value of at most 2147483647")
}

test_range_of_valid_values if {
	f := _one(_pf("num.partitions", "KAFKA_NUM_PARTITIONS", "0", `"0" is outside the valid values of num.partitions: [1,...]`, {"hint": "write a value in [1,...]"}))
	endswith(f.message, "write a value in [1,...]")
}

test_fraction_of_hours if {
	f := _one(_pf("log.retention.hours", "KAFKA_LOG_RETENTION_HOURS", "1.5", `"1.5" is not an integer: Kafka expects a whole number`, {"key": "log.retention.minutes", "value": "90", "note": " instead (log.retention.hours takes whole numbers)"}))
	endswith(f.message, "write KAFKA_LOG_RETENTION_MINUTES=90 instead (log.retention.hours takes whole numbers)")
}

test_fraction_of_roll_hours if {
	f := _one(_pf("log.roll.hours", "KAFKA_LOG_ROLL_HOURS", "0.5", `"0.5" is not an integer: Kafka expects a whole number`, {"key": "log.roll.ms", "value": "1800000", "note": " instead (log.roll.hours takes whole numbers)"}))
	endswith(f.message, "write KAFKA_LOG_ROLL_MS=1800000 instead (log.roll.hours takes whole numbers)")
}

test_mounted_file_value if {
	p := object.union(_p("num.partitions", "", "three", `"three" is not an integer`), {"loc": {"file": "config/server.properties", "line": 7, "column": 16}})
	f := _one(object.remove(p, ["var"]))
	f.location.file == "config/server.properties"
	startswith(f.message, `broker "kafka": num.partitions in config/server.properties:7: "three" is not an integer`)
}

test_quiet_on_valid_unknown_secret_and_removed if {
	props := [
		{"key": "num.partitions", "var": "KAFKA_NUM_PARTITIONS", "value": "3", "loc": _at(9), "known": true},
		{"key": "log.retention.hour", "var": "KAFKA_LOG_RETENTION_HOUR", "value": "1.5", "loc": _at(10), "known": false},
		{"key": "ssl.keystore.password", "var": "KAFKA_SSL_KEYSTORE_PASSWORD", "value": "<redacted>", "secret": "literal", "loc": _at(11), "known": true},
		object.union(_p("log.message.format.version", "KAFKA_LOG_MESSAGE_FORMAT_VERSION", "x", "bad"), {"removed_in": "4.0"}),
		{"key": "message.max.bytes", "var": "KAFKA_MESSAGE_MAX_BYTES", "value": "${MAX}", "unresolved": true, "loc": _at(12), "known": true},
	]
	fs := KAF011.deny with input as _in(props)
	count(fs) == 0
}

test_brokers_sharing_an_anchor_share_one_finding if {
	p := _p("num.partitions", "KAFKA_NUM_PARTITIONS", `"3"`, "`\"3\"` is not an integer: the quotes are part of the value")
	b := _in([p]).brokers[0]
	fs := KAF011.deny with input as {"brokers": [object.union(b, {"service": "kafka-2"}), object.union(b, {"service": "kafka-1"})]}
	count(fs) == 1
	some f in fs
	startswith(f.message, `brokers "kafka-1", "kafka-2": KAFKA_NUM_PARTITIONS`)
}

test_empty_quotes if {
	f := _one(_pf("log.dirs", "KAFKA_LOG_DIRS", `""`, "`\"\"` is quoted: the quotes are part of the value; for an empty value write nothing after the =", {"key": "log.dirs", "note": " (nothing after the =) for an empty value"}))
	endswith(f.message, "write KAFKA_LOG_DIRS= (nothing after the =) for an empty value")
}

test_without_fix_names_the_type if {
	f := _one(_p("num.partitions", "KAFKA_NUM_PARTITIONS", "abc", `"abc" is not an integer`))
	endswith(f.message, "write a value that fits the type and valid values of num.partitions")
}

test_accepted_non_finite_double if {
	p := object.union(_p("log.cleaner.min.cleanable.ratio", "KAFKA_LOG_CLEANER_MIN_CLEANABLE_RATIO", "NaN", `"NaN" is not a finite number`), {"accepted": true})
	f := _one(p)
	contains(f.message, "the broker starts with it")
	not contains(f.message, "does not start")
}
