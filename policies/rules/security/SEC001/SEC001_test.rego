package streamlint.rules.SEC001_test

import data.streamlint.rules.SEC001

_l(line) := {"file": "compose.yaml", "line": line, "column": 30}

_kafka(secrets) := {"name": "kafka", "role": "broker", "image": "confluentinc/cp-kafka:7.5.0", "loc": _l(3), "secrets": secrets}

_in(services) := {"brokers": [], "apps": [], "config_files": [], "services": services}

test_fires_on_literal_env if {
	fs := SEC001.deny with input as _in([_kafka([{"name": "KAFKA_SSL_KEYSTORE_PASSWORD", "loc": _l(9), "secret": "literal"}])])
	count(fs) == 1
	some f in fs
	f.location.line == 9
	f.message == `service "kafka": KAFKA_SSL_KEYSTORE_PASSWORD is a secret written literally in this file; the value is not repeated here`
}

test_fires_once_for_a_broker_property_from_env if {
	fs := SEC001.deny with input as {
		"apps": [], "config_files": [],
		"services": [_kafka([{"name": "KAFKA_SASL_JAAS_CONFIG", "loc": _l(9), "secret": "literal"}])],
		"brokers": [{"service": "kafka", "loc": _l(3), "properties": [{"key": "sasl.jaas.config", "loc": _l(9), "secret": "literal"}]}],
	}
	count(fs) == 1
	some f in fs
	contains(f.message, "KAFKA_SASL_JAAS_CONFIG")
}

test_names_the_part_of_a_url if {
	fs := SEC001.deny with input as _in([_kafka([{"name": "KAFKA_ADVERTISED_LISTENERS", "loc": _l(9), "secret": "literal", "part": "the password of a URL"}])])
	some f in fs
	contains(f.message, "KAFKA_ADVERTISED_LISTENERS holds a secret (the password of a URL) written literally")
}

test_fires_on_spark_option if {
	fs := SEC001.deny with input as {"services": [], "brokers": [], "config_files": [], "apps": [{"id": "a", "loc": _l(1), "settings": {}, "sinks": [], "sources": [{"options": {"kafka.sasl.jaas.config": {"value": "<redacted>", "secret": "literal", "loc": _l(20)}}}]}]}
	count(fs) == 1
	some f in fs
	f.message == "app a: option kafka.sasl.jaas.config is a secret written literally in this file; the value is not repeated here"
}

_defaults_setting := {"value": "<redacted>", "secret": "literal", "source": "spark-defaults", "loc": {"file": "spark-defaults.conf", "line": 2, "column": 20}}

_app(id) := {"id": id, "loc": _l(1), "settings": {"spark.ssl.keyStorePassword": {"all": [_defaults_setting]}}, "sources": [], "sinks": []}

test_fires_once_on_spark_defaults_shared_by_apps if {
	fs := SEC001.deny with input as {
		"services": [], "brokers": [], "apps": [_app("a.py"), _app("b.py")],
		"config_files": [{"file": "spark-defaults.conf", "kind": "spark-defaults", "services": [], "secrets": [{"name": "spark.ssl.keyStorePassword", "loc": _defaults_setting.loc, "secret": "literal"}]}],
	}
	count(fs) == 1
	some f in fs
	startswith(f.message, "apps a.py, b.py: spark.ssl.keyStorePassword is a secret")
}

_jaas(services) := {
	"file": "kafka_server_jaas.conf", "kind": "jaas", "services": services,
	"secrets": [{"name": "KafkaServer user_alice", "loc": {"file": "kafka_server_jaas.conf", "line": 5, "column": 17}, "secret": "literal", "part": "the JAAS option user_alice"}],
}

# the services that mount the file are related places, not part of the
# message: the projects that mount one file each report it, and their
# findings merge into one (one message, each place once)
test_fires_on_a_jaas_file_mounted_into_a_broker if {
	fs := SEC001.deny with input as {"services": [_kafka([])], "brokers": [], "apps": [], "config_files": [_jaas(["kafka"])]}
	count(fs) == 1
	some f in fs
	f.message == `KafkaServer user_alice holds a secret (the JAAS option user_alice) written literally in this file; the value is not repeated here`
	f.related == [{"file": "compose.yaml", "line": 3, "column": 30, "message": `service "kafka" mounts this file`}]
}

test_a_jaas_file_mounted_into_two_services if {
	fs := SEC001.deny with input as {"services": [_kafka([]), _with("kafka-client", "confluentinc/cp-kafka:7.5.0")], "brokers": [], "apps": [], "config_files": [_jaas(["kafka", "x"])]}
	some f in fs
	not contains(f.message, "mounted")
	[r.message | some r in f.related] == [`service "kafka" mounts this file`, `service "x" mounts this file`]
}

_airflow(name, line) := {"name": name, "role": "other", "image": "apache/airflow:2.9.0", "loc": _l(line), "secrets": [{"name": "AIRFLOW__WEBSERVER__SECRET_KEY", "loc": _l(5), "secret": "literal"}]}

# a value shared by several services through an anchor: one finding where
# it is written, each service related
test_anchor_shared_by_services_is_one_finding if {
	fs := SEC001.deny with input as _in([_kafka([]), _airflow("scheduler", 20), _airflow("webserver", 30), _airflow("worker", 40)])
	count(fs) == 1
	some f in fs
	f.location.line == 5
	f.message == `AIRFLOW__WEBSERVER__SECRET_KEY is a secret written literally in this file, shared by services "scheduler", "webserver", "worker"; the value is not repeated here`
	[r.line | some r in f.related] == [20, 30, 40]
}

test_quiet_on_variables_and_files if {
	fs := SEC001.deny with input as _in([_kafka([
		{"name": "A_PASSWORD", "loc": _l(9), "secret": "variable"},
		{"name": "B_PASSWORD", "loc": _l(10), "secret": "file"},
	])])
	count(fs) == 0
}

# a compose project with no Kafka or Spark is not ours
test_quiet_on_a_project_without_kafka_or_spark if {
	fs := SEC001.deny with input as _in([
		{"name": "trino", "role": "other", "image": "trinodb/trino:450", "loc": _l(3), "secrets": []},
		{"name": "minio", "role": "other", "image": "minio/minio", "loc": _l(10), "secrets": [{"name": "MINIO_ROOT_PASSWORD", "loc": _l(12), "secret": "literal"}]},
		{"name": "postgres", "role": "other", "image": "postgres:16", "loc": _l(20), "secrets": [{"name": "POSTGRES_PASSWORD", "loc": _l(22), "secret": "literal"}]},
	])
	count(fs) == 0
}

# the CDC source database of a Debezium stack is part of the pipeline
test_fires_on_every_service_of_a_streaming_project if {
	fs := SEC001.deny with input as _in([
		{"name": "connect", "role": "other", "image": "debezium/connect:2.7", "loc": _l(3), "secrets": []},
		{"name": "postgres", "role": "other", "image": "postgres:16", "loc": _l(20), "secrets": [{"name": "POSTGRES_PASSWORD", "loc": _l(22), "secret": "literal"}]},
	])
	count(fs) == 1
}

# one finding per service and value: the same value under another key of
# the service is related, not reported again
test_one_finding_per_service_and_value if {
	fs := SEC001.deny with input as _in([_kafka([
		{"name": "KAFKA_SSL_KEYSTORE_PASSWORD", "loc": _l(9), "secret": "literal", "value_id": 1},
		{"name": "KAFKA_SSL_KEY_PASSWORD", "loc": _l(10), "secret": "literal", "value_id": 1},
		{"name": "KAFKA_SSL_TRUSTSTORE_PASSWORD", "loc": _l(11), "secret": "literal", "value_id": 2},
	])])
	count(fs) == 2
	some f in fs
	f.location.line == 9
	f.message == `service "kafka": KAFKA_SSL_KEYSTORE_PASSWORD is a secret written literally in this file, and again as KAFKA_SSL_KEY_PASSWORD; the value is not repeated here`
	[r.line | some r in f.related] == [10]
}

# the same value in two services: one finding each (each is a place to fix)
test_same_value_in_two_services if {
	fs := SEC001.deny with input as _in([
		_kafka([{"name": "KAFKA_SSL_KEY_PASSWORD", "loc": _l(9), "secret": "literal", "value_id": 1}]),
		{"name": "connect", "role": "kafka-client", "image": "confluentinc/cp-kafka-connect:7.5.0", "loc": _l(20), "secrets": [{"name": "CONNECT_SSL_KEY_PASSWORD", "loc": _l(25), "secret": "literal", "value_id": 1}]},
	])
	count(fs) == 2
}

_postgres := {"name": "postgres", "role": "other", "image": "postgres:16", "loc": _l(20), "secrets": [{"name": "POSTGRES_PASSWORD", "loc": _l(22), "secret": "literal"}]}

_with(role, image) := {"name": "x", "role": role, "image": image, "loc": _l(3), "secrets": []}

# images of Kafka and Spark components the roles do not name make a
# streaming project
test_fires_in_a_project_of_a_streaming_component if {
	every image in {
		"quay.io/debezium/server:2.7", "debezium/connect-base:2.7", "debezium/debezium-ui:2.5",
		"confluentinc/cp-server-connect:7.6.1", "confluentinc/cp-kcat:7.6.1",
		"redpandadata/redpanda:v24.1.1", "strimzi/kafka:0.20.0-kafka-2.6.0", "apache/spark:3.5.1",
	} {
		count(SEC001.deny) == 1 with input as _in([_with("other", image), _postgres])
	}
}

# Debezium's example databases (Postgres with logical decoding, MySQL
# with the binlog) and a ZooKeeper that serves something else (Druid) are
# no Kafka: a project of them alone is not checked
test_quiet_without_a_streaming_component if {
	every image in {"quay.io/debezium/example-postgres:2.1", "debezium/example-mysql:2.7", "quay.io/debezium/postgres:16"} {
		count(SEC001.deny) == 0 with input as _in([_with("other", image), _postgres])
	}
	every image in {"confluentinc/cp-zookeeper:7.5.0", "debezium/zookeeper:2.7", "bitnami/zookeeper:3.9"} {
		count(SEC001.deny) == 0 with input as _in([_with("zookeeper", image), _postgres])
	}
}
