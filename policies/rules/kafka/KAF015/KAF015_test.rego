package streamlint.rules.KAF015_test

import data.streamlint.rules.KAF015

_bloc := {"file": "compose.yaml", "line": 3, "column": 3}

_vloc := {"file": "compose.yaml", "line": 12, "column": 40}

_in(config) := {"brokers": [{
	"service": "kafka", "loc": _bloc,
	"config": object.union(
		{
			"num.partitions": {"value": "1", "source": "default", "set": false},
			"default.replication.factor": {"value": "1", "source": "default", "set": false},
		},
		config,
	),
	"env_names": {"auto.create.topics.enable": "KAFKA_AUTO_CREATE_TOPICS_ENABLE"},
}]}

# Kafka's default (cp-kafka, apache/kafka): located at the broker.
test_fires_on_default if {
	fs := KAF015.deny with input as _in({"auto.create.topics.enable": {"value": "true", "bool": true, "source": "default", "set": false}})
	count(fs) == 1
	some f in fs
	f.location == _bloc
	contains(f.message, "Kafka's default")
	contains(f.message, "num.partitions=1 (the default)")
	contains(f.message, "KAFKA_AUTO_CREATE_TOPICS_ENABLE=false")
}

test_fires_when_written_true if {
	v := {"value": "true", "bool": true, "source": "env", "set": true, "loc": _vloc, "var": "KAFKA_AUTO_CREATE_TOPICS_ENABLE"}
	fs := KAF015.deny with input as _in({"auto.create.topics.enable": v})
	count(fs) == 1
	some f in fs
	f.location == _vloc
	contains(f.message, "KAFKA_AUTO_CREATE_TOPICS_ENABLE=true at compose.yaml:12")
}

test_message_shows_effective_partitions if {
	cfg := {
		"auto.create.topics.enable": {"value": "TRUE", "bool": true, "source": "default", "set": false},
		"num.partitions": {"value": "6", "source": "env", "set": true, "loc": _vloc},
	}
	fs := KAF015.deny with input as _in(cfg)
	some f in fs
	contains(f.message, "num.partitions=6 (set at compose.yaml:12)")
}

test_quiet_when_disabled if {
	v := {"value": "false", "bool": false, "source": "env", "set": true, "loc": _vloc, "var": "KAFKA_AUTO_CREATE_TOPICS_ENABLE"}
	fs := KAF015.deny with input as _in({"auto.create.topics.enable": v})
	count(fs) == 0
}

test_quiet_when_unresolved if {
	v := {"value": "", "source": "env", "set": true, "unresolved": true, "loc": _vloc, "var": "KAFKA_AUTO_CREATE_TOPICS_ENABLE"}
	fs := KAF015.deny with input as _in({"auto.create.topics.enable": v})
	count(fs) == 0
}

# num.partitions from an unset ${VAR}: unknown, not "1 (the default)"
test_message_shows_unknown_partitions if {
	parts := {"value": "${PARTS}", "source": "env", "set": true, "unresolved": true, "loc": {"file": "compose.yaml", "line": 5, "column": 33}}
	fs := KAF015.deny with input as _in({
		"auto.create.topics.enable": {"value": "true", "bool": true, "source": "default", "set": false},
		"num.partitions": parts,
	})
	count(fs) == 1
	some f in fs
	contains(f.message, "num.partitions from ${PARTS} (set at compose.yaml:5, unknown here)")
	not contains(f.message, "num.partitions=1")
}

# num.partitions that the image (or an unread env_file) may set: the
# model's placeholder is explained, not quoted
test_message_explains_unknown_image_default if {
	parts := {"value": "<unknown: the image's own default>", "source": "image-baseline", "set": true, "unresolved": true, "loc": {"file": "compose.yaml", "line": 2, "column": 12}}
	fs := KAF015.deny with input as _in({
		"auto.create.topics.enable": {"value": "true", "bool": true, "source": "default", "set": false},
		"num.partitions": parts,
	})
	some f in fs
	contains(f.message, "num.partitions unknown here (the image's own default)")
	not contains(f.message, "<unknown")
}
