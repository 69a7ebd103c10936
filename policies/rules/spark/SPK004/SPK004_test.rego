package streamlint.rules.SPK004_test

import data.streamlint.rules.SPK004

_l(line) := {"file": "jobs/app.py", "line": line, "column": 10}

_app(kind, settings) := {"id": "jobs/app.py", "kind": kind, "settings": settings}

_set(value, line, facts) := object.union(
	{"value": value, "source": "code", "loc": _l(line), "all": [{"value": value, "source": "code", "loc": _l(line)}]},
	facts,
)

test_typo_gets_did_you_mean if {
	fs := SPK004.deny with input as {"apps": [_app("structured", {"spark.executor.memroy": _set("4g", 7, {"known": false, "suggestion": "spark.executor.memory"})})]}
	count(fs) == 1
	some f in fs
	f.location == _l(7)
	contains(f.message, "spark.executor.memroy is not a Spark setting")
	contains(f.message, "spark.executor.memroy=4g has no effect")
	contains(f.message, "Did you mean spark.executor.memory?")
}

test_catalog_misspelling_uses_replacement if {
	fs := SPK004.deny with input as {"apps": [_app("dstream", {"spark.streaming.kafka.maxRatePerParititon": _set("1000", 8, {
		"known": false, "never_existed": true, "hint": "misspelling of spark.streaming.kafka.maxRatePerPartition",
		"replacement": "spark.streaming.kafka.maxRatePerPartition", "suggestion": "spark.streaming.kafka.maxRatePerPartition",
	})})]}
	count(fs) == 1
	some f in fs
	contains(f.message, "and never was (misspelling of spark.streaming.kafka.maxRatePerPartition)")
	contains(f.message, "Did you mean spark.streaming.kafka.maxRatePerPartition?")
}

_metadata := {
	"known": false, "never_existed": true, "replacement": "kafka.metadata.max.age.ms",
	"hint": "not read anywhere in Spark; Kafka client setting metadata.max.age.ms belongs in kafkaParams (DStream) or option kafka.metadata.max.age.ms (Structured Streaming)",
}

test_kafka_setting_structured_points_to_option if {
	fs := SPK004.deny with input as {"apps": [_app("structured", {"spark.streaming.kafka.metadata.max.age.ms": _set("30000", 19, _metadata)})]}
	count(fs) == 1
	some f in fs
	contains(f.message, `.option("kafka.metadata.max.age.ms", "30000")`)
}

test_kafka_setting_dstream_points_to_kafka_params if {
	fs := SPK004.deny with input as {"apps": [_app("dstream", {"spark.streaming.kafka.metadata.max.age.ms": _set("30000", 19, _metadata)})]}
	count(fs) == 1
	some f in fs
	contains(f.message, `"metadata.max.age.ms" -> "30000" in the kafkaParams`)
}

test_kafka_setting_unknown_kind_names_both if {
	fs := SPK004.deny with input as {"apps": [_app("unknown", {"spark.streaming.kafka.metadata.max.age.ms": _set("30000", 19, _metadata)})]}
	count(fs) == 1
	some f in fs
	contains(f.message, "on a Structured Streaming Kafka source, or \"metadata.max.age.ms\" in a DStream's kafkaParams")
}

test_no_close_key if {
	fs := SPK004.deny with input as {"apps": [_app("structured", {"spark.stream.kafka.time.interval": _set("5", 9, {"known": false, "never_existed": true, "hint": "not read anywhere in Spark"})})]}
	count(fs) == 1
	some f in fs
	contains(f.message, "No Spark key is close to it")
}

test_every_place_is_reported if {
	setting := {"value": "4g", "known": false, "suggestion": "spark.executor.memory", "all": [
		{"value": "4g", "source": "code", "loc": _l(3)},
		{"value": "2g", "source": "spark-defaults", "loc": {"file": "conf/spark-defaults.conf", "line": 2, "column": 27}},
	]}
	fs := SPK004.deny with input as {"apps": [_app("structured", {"spark.executor.memroy": setting})]}
	count(fs) == 2
}

test_quiet_on_known_key if {
	fs := SPK004.deny with input as {"apps": [_app("structured", {"spark.executor.memory": _set("4g", 7, {"known": true})})]}
	count(fs) == 0
}

test_quiet_on_removed_key if {
	# removed and deprecated keys are known: SPK005 reports them
	fs := SPK004.deny with input as {"apps": [_app("dstream", {"spark.streaming.kafka.maxRetries": _set("3", 7, {"known": true, "removed": true, "removed_in": "3.0.0"})})]}
	count(fs) == 0
}

test_quiet_on_dynamic_namespace if {
	fs := SPK004.deny with input as {"apps": [_app("structured", {"spark.hadoop.fs.s3a.endpoint": _set("http://minio:9000", 7, {"known": true, "dynamic": true})})]}
	count(fs) == 0
}

# --conf spark.app.kafka_topic=orders read back by the job with
# spark.conf.get("spark.app.kafka_topic"): Go marks it known, with read_at.
test_quiet_on_key_the_job_reads if {
	fs := SPK004.deny with input as {"apps": [_app("structured", {"spark.app.kafka_topic": _set("orders", 7, {"known": true, "read_at": _l(4)})})]}
	count(fs) == 0
}

test_quiet_on_non_spark_key if {
	fs := SPK004.deny with input as {"apps": [_app("structured", {"fs.s3a.endpoint": _set("http://minio:9000", 7, {"known": false})})]}
	count(fs) == 0
}

_conf(value, line, source) := {"value": value, "source": source, "loc": _l(line), "all": [{"value": value, "source": source, "loc": _l(line)}]}

test_non_spark_key_in_spark_defaults if {
	fs := SPK004.deny with input as {"apps": [_app("structured", {"fs.s3a.connection.ssl.enabled": _conf("false", 12, "spark-defaults")})]}
	count(fs) == 1
	some f in fs
	f.location == _l(12)
	contains(f.message, "fs.s3a.connection.ssl.enabled is not a spark.* key: spark-submit drops it from spark-defaults.conf")
	contains(f.message, "spark.hadoop.fs.s3a.connection.ssl.enabled")
}

test_quiet_on_non_spark_key_in_code if {
	# SparkConf keeps any key set in code; es-hadoop reads es.* from it
	count(SPK004.deny) == 0 with input as {"apps": [_app("structured", {"es.nodes": _conf("elastic", 5, "code")})]}
}

# no key is close, but the namespace has keys: name them, not the key again
test_names_the_keys_beside_it if {
	v := {"value": "8", "known": false, "nearby": ["spark.sql.shuffle.partitions"], "all": [{"value": "8", "source": "spark-defaults", "loc": {"file": "spark-defaults.conf", "line": 1, "column": 31}}]}
	fs := SPK004.deny with input as {"apps": [{"id": "a", "settings": {"spark.sql.shuffle.parallelism": v}}]}
	count(fs) == 1
	some f in fs
	contains(f.message, "Spark's keys beside it include spark.sql.shuffle.partitions")
	not contains(f.message, "check spark.sql.shuffle.parallelism against")
}

# spark-master (DataTalksClub/data-engineering-zoomcamp) is spark.master
# misspelt: the fix names it instead of suggesting spark.spark-master.
test_non_spark_key_close_to_a_spark_key if {
	v := object.union(_conf("yarn", 1, "spark-defaults"), {"suggestion": "spark.master"})
	fs := SPK004.deny with input as {"apps": [_app("structured", {"spark-master": v})]}
	some f in fs
	contains(f.message, "spark-master is not a spark.* key")
	contains(f.message, "Did you mean spark.master?")
	not contains(f.message, "spark.spark-master")
}

# maxOffsetsPerTrigger written as a Spark key: the message says where it goes.
test_source_option_as_setting if {
	v := {"value": "100000", "known": false, "source_option": "maxOffsetsPerTrigger", "nearby": ["spark.sql.streaming.ui.enabled"], "all": [{"value": "100000", "source": "spark-submit", "loc": {"file": "compose.yaml", "line": 44, "column": 5}}]}
	fs := SPK004.deny with input as {"apps": [{"id": "a", "kind": "structured", "settings": {"spark.sql.streaming.kafka.maxOffsetsPerTrigger": v}}]}
	count(fs) == 1
	some f in fs
	contains(f.message, "maxOffsetsPerTrigger is an option of the Kafka source, not a Spark setting: set it on the reader, .option(\"maxOffsetsPerTrigger\", \"100000\")")
	not contains(f.message, "No Spark key is close")
}

# iomete/iomete-marketplace-jobs: lines "commented out" with ';' are the
# key ";" to java.util.Properties; the finding says so, and tells to use #,
# instead of suggesting "spark.;"
test_semicolon_line_is_not_a_comment if {
	fs := SPK004.deny with input as {"apps": [_app("structured", {";": _conf("spark.sql.warehouse.dir /lakehouse", 21, "spark-defaults")})]}
	count(fs) == 1
	some f in fs
	f.location == _l(21)
	contains(f.message, "this line starts with ';', which does not start a comment in spark-defaults.conf")
	contains(f.message, "Start it with # to comment it out")
	not contains(f.message, "Write spark.")
}
