# METADATA
# title: Unknown Spark setting
# description: |
#   Spark stores any spark.* key it is given (SparkConf.set, the session
#   builder's config, spark-submit --conf, spark-defaults.conf,
#   spark.conf.set) without a word, and nothing ever reads a key Spark does
#   not define. A typo or an invented key therefore leaves the default in
#   force while the configuration claims otherwise. Keys of Spark's dynamic
#   namespaces (spark.hadoop., spark.executorEnv., spark.sql.catalog.,
#   spark.kubernetes., ...), of known third-party connectors
#   (spark.cassandra., spark.delta., ...) and of any namespace Spark itself
#   never uses (spark.redis.host: libraries read their own keys from the
#   Spark configuration) are never reported, unless the namespace is one
#   edit from Spark's (spark.exector.). Nor is a key a job of the pipeline
#   reads back itself (spark.conf.get("spark.app.kafka_topic"),
#   sc.getConf().get(...)): it is the application's own setting. Some invented
#   keys are common in public code: spark.streaming.kafka.metadata.max.age.ms
#   looks like a Spark setting, but the Kafka consumer's metadata.max.age.ms
#   reaches the source only as the kafka.metadata.max.age.ms option (or in a
#   DStream's kafkaParams). Likewise a Kafka source option written as a
#   key (spark.sql.streaming.kafka.maxOffsetsPerTrigger): the message gives
#   the .option(...) it has to be. A key without the spark. prefix in
#   spark-defaults.conf, a --properties-file or --conf is dropped by
#   spark-submit ("Ignoring non-Spark config property"): a Hadoop key there
#   must be written spark.hadoop.<key>.
# related_resources:
#   - ref: https://spark.apache.org/docs/latest/configuration.html
#     description: Spark configuration, every property Spark reads
#   - ref: https://spark.apache.org/docs/latest/structured-streaming-kafka-integration.html#kafka-specific-configurations
#     description: Structured Streaming + Kafka, Kafka-specific configurations (kafka.-prefixed options)
# custom:
#   id: SPK004
#   severity: warning
#   remediation: |
#     Correct the key to the one the message suggests, move Kafka client
#     settings to the Kafka source (`.option("kafka.<property>", value)`) or
#     the DStream's kafkaParams, or delete the line.
package streamlint.rules.SPK004

import data.streamlint.lib

deny contains f if {
	some app in input.apps
	some k, v in app.settings
	startswith(k, "spark.")
	not v.known
	not v.dynamic
	some s in v.all
	msg := sprintf(
		"%s: %s is not a Spark setting%s: Spark stores it without a warning and nothing reads it, so %s=%s has no effect. %s",
		[lib.app_label(app), k, _never(v), k, s.value, _fix(app, k, v, s)],
	)
	f := lib.finding(rego.metadata.chain(), msg, s.loc)
}

# A key without the spark. prefix in spark-defaults.conf, a
# --properties-file or --conf: spark-submit drops it
# (SparkSubmitArguments.ignoreNonSparkProperties), so it reaches neither
# Spark nor Hadoop. In code, SparkConf keeps any key (libraries such as
# es-hadoop read their own), so code is not judged.
deny contains f if {
	some app in input.apps
	some k, v in app.settings
	not startswith(k, "spark.")
	some s in v.all
	s.source in {"spark-defaults", "properties-file", "spark-submit"}
	not _semicolon(k, s)
	msg := sprintf(
		"%s: %s is not a spark.* key: spark-submit drops it from %s with \"Ignoring non-Spark config property\", so it reaches neither Spark nor Hadoop. %s",
		[lib.app_label(app), k, _where_written(s.source), _prefix_fix(k, v)],
	)
	f := lib.finding(rego.metadata.chain(), msg, s.loc)
}

# A line of spark-defaults.conf or a --properties-file starting with ';'
# (an INI comment): java.util.Properties comments start only with # or !,
# so it is the key ";" (or ";spark...") with the rest as its value, and
# spark-submit drops it: the line has no effect, as its author meant, but
# it is not a comment.
deny contains f if {
	some app in input.apps
	some k, v in app.settings
	some s in v.all
	_semicolon(k, s)
	msg := sprintf(
		"%s: this line starts with ';', which does not start a comment in %s (java.util.Properties comments start with # or !): it sets the key %s, which spark-submit drops with \"Ignoring non-Spark config property\", so the line has no effect. Start it with # to comment it out",
		[lib.app_label(app), _where_written(s.source), k],
	)
	f := lib.finding(rego.metadata.chain(), msg, s.loc)
}

_semicolon(k, s) if {
	startswith(k, ";")
	s.source in {"spark-defaults", "properties-file"}
}

_where_written("spark-defaults") := "spark-defaults.conf"

_where_written("properties-file") := "the --properties-file"

_where_written("spark-submit") := "--conf"

_hadoop_prefixes := ["fs.", "dfs.", "hadoop.", "mapreduce.", "yarn.", "hive.", "io.", "ipc."]

_prefix_fix(k, v) := sprintf("Did you mean %s?", [_suggestion(v)]) if {
	_suggestion(v) != ""
} else := sprintf("Hadoop reads it as spark.hadoop.%s", [k]) if {
	some p in _hadoop_prefixes
	startswith(k, p)
} else := sprintf("Write spark.%s if a library reads it from the Spark configuration, or remove it", [k])

_never(v) := sprintf(" and never was (%s)", [v.hint]) if {
	v.never_existed
	v.hint
} else := ""

# _replacement and _suggestion are the catalog's facts, "" when absent.
_replacement(v) := object.get(v, "replacement", "")

_suggestion(v) := object.get(v, "suggestion", "")

_kafka(v) if startswith(_replacement(v), "kafka.")

# a Kafka client setting dressed as a Spark key
_fix(app, _, v, s) := sprintf("Set it on the Kafka source instead: .option(\"%s\", \"%s\")", [_replacement(v), s.value]) if {
	_kafka(v)
	app.kind == "structured"
}

_fix(app, _, v, s) := sprintf("Pass it to the Kafka consumer instead: \"%s\" -> \"%s\" in the kafkaParams of KafkaUtils.createDirectStream", [substring(_replacement(v), 6, -1), s.value]) if {
	_kafka(v)
	app.kind == "dstream"
}

_fix(app, _, v, s) := sprintf("Pass it to the Kafka client instead: .option(\"%s\", \"%s\") on a Structured Streaming Kafka source, or \"%s\" in a DStream's kafkaParams", [_replacement(v), s.value, substring(_replacement(v), 6, -1)]) if {
	_kafka(v)
	not app.kind in {"structured", "dstream"}
}

# a misspelling the catalog knows, or the closest real key
_fix(_, _, v, _) := sprintf("Did you mean %s?", [_meant(v)]) if {
	not _kafka(v)
	_meant(v) != ""
}

# an option of the Kafka source dressed as a Spark key
_fix(_, _, v, s) := sprintf("%s is an option of the Kafka source, not a Spark setting: set it on the reader, .option(\"%s\", \"%s\") after .format(\"kafka\")", [v.source_option, v.source_option, s.value]) if {
	not _kafka(v)
	_meant(v) == ""
	_source_option(v)
}

_fix(_, k, v, _) := sprintf("No Spark key is close to it: check %s against the Spark configuration page, or delete it", [k]) if {
	not _kafka(v)
	_meant(v) == ""
	not _source_option(v)
	count(object.get(v, "nearby", [])) == 0
}

_fix(_, _, v, _) := sprintf("No Spark key is close to it; Spark's keys beside it include %s: check the Spark configuration page for the one you meant, or delete it", [concat(", ", v.nearby)]) if {
	not _kafka(v)
	_meant(v) == ""
	not _source_option(v)
	count(v.nearby) > 0
}

_source_option(v) if object.get(v, "source_option", "") != ""

_meant(v) := _replacement(v) if _replacement(v) != ""

_meant(v) := _suggestion(v) if _replacement(v) == ""
