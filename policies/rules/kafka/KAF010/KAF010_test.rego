package streamlint.rules.KAF010_test

import data.streamlint.rules.KAF010

_svc := {"file": "compose.yaml", "line": 3, "column": 3}

_at(line) := {"file": "compose.yaml", "line": line, "column": 30}

_prop(key, var, line) := {"key": key, "value": "24", "var": var, "loc": _at(line), "known": false, "topic_level": false, "client": false}

_broker(name, props, ignored, rejected) := {
	"service": name, "image": "confluentinc/cp-kafka:7.6.1", "family": "confluent", "loc": _svc,
	"config": {"log.retention.hours": {"value": "168", "num": 168, "source": "default", "set": false}},
	"env_names": {"log.retention.hours": "KAFKA_LOG_RETENTION_HOURS", "num.partitions": "KAFKA_NUM_PARTITIONS", "replica.fetch.max.bytes": "KAFKA_REPLICA_FETCH_MAX_BYTES"},
	"properties": props, "ignored": ignored, "rejected": rejected,
}

_in(props, ignored, rejected) := {"brokers": [_broker("kafka", props, ignored, rejected)]}

test_typo_gets_did_you_mean_with_the_variable if {
	p := object.union(_prop("log.retention.hour", "KAFKA_LOG_RETENTION_HOUR", 9), {"suggestion": "log.retention.hours"})
	fs := KAF010.deny with input as _in([p], [], [])
	count(fs) == 1
	some f in fs
	f.location == _at(9)
	contains(f.message, "KAFKA_LOG_RETENTION_HOUR becomes log.retention.hour on confluentinc/cp-kafka:7.6.1, which is not a Kafka broker property")
	contains(f.message, "did you mean log.retention.hours (KAFKA_LOG_RETENTION_HOURS)?")
	contains(f.message, "the broker uses log.retention.hours=168 (the default)")
}

test_suggestion_without_effective_value if {
	p := object.union(_prop("replica.fetch.max.byes", "KAFKA_REPLICA_FETCH_MAX_BYES", 9), {"suggestion": "replica.fetch.max.bytes"})
	fs := KAF010.deny with input as _in([p], [], [])
	some f in fs
	endswith(f.message, "did you mean replica.fetch.max.bytes (KAFKA_REPLICA_FETCH_MAX_BYTES)?")
}

test_no_close_key if {
	fs := KAF010.deny with input as _in([_prop("foo.bar.baz", "KAFKA_FOO_BAR_BAZ", 9)], [], [])
	some f in fs
	contains(f.message, "check the spelling")
	not contains(f.message, "did you mean")
}

test_mounted_file_key_names_the_file if {
	p := {"key": "num.partition", "value": "3", "loc": {"file": "server.properties", "line": 4, "column": 1}, "known": false, "topic_level": false, "client": false, "suggestion": "num.partitions"}
	fs := KAF010.deny with input as _in([p], [], [])
	some f in fs
	f.location.file == "server.properties"
	contains(f.message, "num.partition (server.properties:4) is not a Kafka broker property")
	contains(f.message, "did you mean num.partitions (KAFKA_NUM_PARTITIONS)?")
}

test_value_is_never_printed if {
	p := object.union(_prop("ssl.keystore.pasword", "KAFKA_SSL_KEYSTORE_PASWORD", 9), {"value": "<redacted>", "secret": "literal", "suggestion": "ssl.keystore.password"})
	fs := KAF010.deny with input as _in([p], [], [])
	count(fs) == 1
	some f in fs
	not contains(f.message, "redacted")
}

test_quiet_on_known_topic_level_and_client_keys if {
	props := [
		object.union(_prop("log.retention.hours", "KAFKA_LOG_RETENTION_HOURS", 9), {"known": true}),
		object.union(_prop("max.message.bytes", "KAFKA_MAX_MESSAGE_BYTES", 10), {"topic_level": true, "broker_name": "message.max.bytes"}),
		object.union(_prop("max.request.size", "KAFKA_MAX_REQUEST_SIZE", 11), {"client": true}),
	]
	fs := KAF010.deny with input as _in(props, [], [])
	count(fs) == 0
}

test_other_convention_is_explained_with_the_right_variable if {
	ig := {
		"var": "KAFKA_CFG_NUM_PARTITIONS", "loc": _at(12), "would_be": "num.partitions",
		"reason": "KAFKA_CFG_* is the bitnami convention; confluentinc/cp-kafka does not strip KAFKA_CFG_ and writes \"cfg.num.partitions\", which the broker ignores",
	}
	fs := KAF010.deny with input as _in([], [ig], [])
	count(fs) == 1
	some f in fs
	f.location == _at(12)
	contains(f.message, "KAFKA_CFG_NUM_PARTITIONS does nothing: KAFKA_CFG_* is the bitnami convention")
	endswith(f.message, "; use KAFKA_NUM_PARTITIONS")
}

test_create_topics_outside_wurstmeister if {
	ig := {"var": "KAFKA_CREATE_TOPICS", "loc": _at(13), "reason": "KAFKA_CREATE_TOPICS is the wurstmeister convention; confluentinc/cp-kafka creates no topics from it"}
	fs := KAF010.deny with input as _in([], [ig], [])
	some f in fs
	contains(f.message, "wurstmeister convention")
	contains(f.message, "kafka-topics --create")
}

test_bitnami_plain_name_reason_already_names_the_fix if {
	ig := {
		"var": "KAFKA_LOG_RETENTION_MS", "loc": _at(7), "would_be": "log.retention.ms",
		"reason": "bitnami only reads KAFKA_CFG_* and a fixed list of plain aliases, so KAFKA_LOG_RETENTION_MS is ignored; use KAFKA_CFG_LOG_RETENTION_MS",
	}
	b := object.union(_broker("kafka", [], [ig], []), {"env_names": {"log.retention.ms": "KAFKA_CFG_LOG_RETENTION_MS"}})
	fs := KAF010.deny with input as {"brokers": [b]}
	some f in fs
	endswith(f.message, "use KAFKA_CFG_LOG_RETENTION_MS")
	not contains(f.message, "; use KAFKA_CFG_LOG_RETENTION_MS; use")
}

test_rejected_variable if {
	r := {"var": "KAFKA_PORT", "loc": _at(14), "reason": "KAFKA_PORT makes confluentinc/cp-kafka exit at start-up (port is deprecated; use KAFKA_ADVERTISED_LISTENERS)"}
	fs := KAF010.deny with input as _in([], [], [r])
	some f in fs
	f.location == _at(14)
	contains(f.message, "exit at start-up")
	contains(f.message, "never starts")
}

test_ignored_explanation_replaces_the_unknown_key if {
	# apache/kafka 3.x: KAFKA_KAFKA_FOO becomes "foo" and is also ignored.
	p := _prop("foo", "KAFKA_KAFKA_FOO", 6)
	ig := {"var": "KAFKA_KAFKA_FOO", "loc": _at(6), "would_be": "kafka.foo", "reason": "apache/kafka before 4.0 removes every \"KAFKA_\" from the name, so KAFKA_KAFKA_FOO sets \"foo\", not \"kafka.foo\""}
	fs := KAF010.deny with input as _in([p], [ig], [])
	count(fs) == 1
	some f in fs
	contains(f.message, "before 4.0")
}

test_brokers_sharing_an_anchor_share_one_finding if {
	p := object.union(_prop("log.retention.hour", "KAFKA_LOG_RETENTION_HOUR", 9), {"suggestion": "log.retention.hours"})
	fs := KAF010.deny with input as {"brokers": [_broker("kafka-2", [p], [], []), _broker("kafka-1", [p], [], [])]}
	count(fs) == 1
	some f in fs
	startswith(f.message, `brokers "kafka-1", "kafka-2": KAFKA_LOG_RETENTION_HOUR`)
}

# An image whose convention is guessed from its names (obsidiandynamics/
# kafka) reads variables of its own: they are not judged; a property
# written in a mounted file still is.
test_guessed_image_variables_are_its_own if {
	b := object.union(_broker("kafka", [_prop("restart.attempts", "KAFKA_RESTART_ATTEMPTS", 9), object.remove(_prop("foo.bar.baz", "", 10), ["var"])], [], []), {"image_guessed": true, "image": "obsidiandynamics/kafka"})
	fs := KAF010.deny with input as {"brokers": [b]}
	count(fs) == 1
	some f in fs
	f.location == _at(10)
}

# A key a third-party plugin the broker loads reads (OPA's OpaAuthorizer
# reads opa.authorizer.url, which Kafka hands it with the whole broker
# configuration) is not unknown; a misspelt key beside it still is.
test_plugin_key_is_not_unknown if {
	p := object.union(_prop("opa.authorizer.url", "KAFKA_OPA_AUTHORIZER_URL", 9), {"plugin": "org.openpolicyagent.kafka.OpaAuthorizer"})
	count(KAF010.deny) == 0 with input as _in([p], [], [])
	typo := _prop("log.retention.hour", "KAFKA_LOG_RETENTION_HOUR", 10)
	count(KAF010.deny) == 1 with input as _in([p, typo], [], [])
}
