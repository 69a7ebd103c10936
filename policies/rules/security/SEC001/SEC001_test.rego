package streamlint.rules.SEC001_test

import data.streamlint.rules.SEC001

_l(line) := {"file": "compose.yaml", "line": line, "column": 30}

test_fires_on_literal_env if {
	fs := SEC001.deny with input as {"brokers": [], "apps": [], "services": [{"name": "kafka", "secrets": [{"name": "KAFKA_SSL_KEYSTORE_PASSWORD", "loc": _l(9), "secret": "literal"}]}]}
	count(fs) == 1
	some f in fs
	f.location.line == 9
	not contains(f.message, "<redacted>")
}

test_fires_once_for_a_broker_property_from_env if {
	fs := SEC001.deny with input as {
		"apps": [],
		"services": [{"name": "kafka", "secrets": [{"name": "KAFKA_SASL_JAAS_CONFIG", "loc": _l(9), "secret": "literal"}]}],
		"brokers": [{"service": "kafka", "properties": [{"key": "sasl.jaas.config", "loc": _l(9), "secret": "literal"}]}],
	}
	count(fs) == 1
}

test_fires_on_spark_option if {
	fs := SEC001.deny with input as {"services": [], "brokers": [], "apps": [{"id": "a", "settings": {}, "sinks": [], "sources": [{"options": {"kafka.sasl.jaas.config": {"value": "<redacted>", "secret": "literal", "loc": _l(20)}}}]}]}
	count(fs) == 1
}

test_quiet_on_variables_and_files if {
	fs := SEC001.deny with input as {"brokers": [], "apps": [], "services": [{"name": "kafka", "secrets": [
		{"name": "A_PASSWORD", "loc": _l(9), "secret": "variable"},
		{"name": "B_PASSWORD", "loc": _l(10), "secret": "file"},
	]}]}
	count(fs) == 0
}
