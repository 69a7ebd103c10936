package streamlint.rules.SPK003_test

import data.streamlint.rules.SPK003

_l(line) := {"file": "jobs/app.py", "line": line, "column": 30}

_app(kind) := {
	"id": "jobs/app.py", "kind": kind, "main_loc": _l(1),
	"batch_seconds": {"value": "2", "num": 2},
	"consumes": [{"topic": "t", "partitions": {"value": "3", "num": 3}}],
	"settings": {
		"spark.streaming.kafka.maxRatePerPartition": {"value": "10000", "num": 10000, "source": "code", "loc": _l(15), "all": [
			{"value": "10000", "source": "code", "loc": _l(15)},
			{"value": "50000", "source": "spark-submit", "loc": {"file": "compose.yaml", "line": 72, "column": 14}},
		]},
		"spark.streaming.backpressure.enabled": {"value": "true", "source": "code", "loc": _l(16), "all": [{"value": "true", "source": "code", "loc": _l(16)}]},
		"spark.executor.memory": {"value": "1g", "source": "spark-defaults", "loc": _l(2), "all": [{"value": "1g", "source": "spark-defaults", "loc": _l(2)}]},
	},
}

test_fires_at_every_place if {
	fs := SPK003.deny with input as {"apps": [_app("structured")]}
	count(fs) == 3
	lines := {f.location.line | some f in fs}
	lines == {15, 16, 72}
}

test_suggests_max_offsets if {
	fs := SPK003.deny with input as {"apps": [_app("structured")]}
	some f in fs
	f.location.line == 15
	contains(f.message, "maxOffsetsPerTrigger\", 60000)")
}

test_quiet_on_dstream if {
	fs := SPK003.deny with input as {"apps": [_app("dstream")]}
	count(fs) == 0
}

# LearningJournal/Spark-Streaming-In-Python sets the DStream graceful-shutdown
# key on socket queries: the advice is about stopping the query, not about
# rate-limiting a Kafka source it does not have.
test_graceful_shutdown_key_gets_its_own_advice if {
	app := {"id": "wc.py", "kind": "structured", "settings": {"spark.streaming.stopGracefullyOnShutdown": {"value": "true", "source": "code", "loc": _l(4), "all": [{"value": "true", "source": "code", "loc": _l(4)}]}}}
	fs := SPK003.deny with input as {"apps": [app]}
	count(fs) == 1
	some f in fs
	contains(f.message, "query.stop()")
	not contains(f.message, "maxOffsetsPerTrigger")
}

_kafka010(k, v, line) := {"apps": [{
	"id": "jobs/app.scala", "kind": "structured", "main_loc": _l(1),
	"settings": {k: {"value": v, "source": "code", "loc": _l(line), "all": [{"value": v, "source": "code", "loc": _l(line)}]}},
}]}

# ArtemZiablov/SparkKsqlDbBenchmark: a Structured Streaming job sets
# spark.streaming.kafka.consumer.cache.enabled=false "for low latency"; only
# the DStream connector (kafka-0-10) reads it
test_dstream_kafka_consumer_cache if {
	fs := SPK003.deny with input as _kafka010("spark.streaming.kafka.consumer.cache.enabled", "false", 48)
	count(fs) == 1
	some f in fs
	f.location.line == 48
	contains(f.message, "spark.streaming.kafka.consumer.cache.enabled=false (code) drives the DStream API only")
	contains(f.message, "spark.kafka.consumer.cache.capacity")
}

test_dstream_kafka_poll_ms_points_to_the_option if {
	fs := SPK003.deny with input as _kafka010("spark.streaming.kafka.consumer.poll.ms", "512", 9)
	some f in fs
	contains(f.message, `.option("kafkaConsumer.pollTimeoutMs", N)`)
}

test_quiet_on_structured_kafka_consumer_cache if {
	fs := SPK003.deny with input as _kafka010("spark.kafka.consumer.cache.capacity", "128", 9)
	count(fs) == 0
}
