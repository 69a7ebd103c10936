# METADATA
# title: Kafka source option Spark rejects or ignores
# description: |
#   The Kafka source of Structured Streaming validates its options when the
#   query starts (KafkaSourceProvider, option names case-insensitive) and
#   fails with IllegalArgumentException on Kafka client settings it manages
#   itself: kafka.auto.offset.reset (use startingOffsets),
#   kafka.enable.auto.commit (offsets live in the checkpoint),
#   kafka.key.deserializer and kafka.value.deserializer (keys and values are
#   always byte arrays), kafka.interceptor.classes; the sink likewise rejects
#   kafka.key.serializer and kafka.value.serializer. A streaming query also
#   rejects endingOffsets and endingOffsetsByTimestamp, a batch read rejects
#   startingOffsets=latest and endingOffsets=earliest, and
#   minOffsetsPerTrigger may not exceed maxOffsetsPerTrigger. Numeric and
#   boolean options are parsed with plain toLong, toInt and toBoolean, without
#   trimming: maxOffsetsPerTrigger="10k", "1e6" or " 1000" fail, and
#   minPartitions must be positive. A Kafka client setting written without
#   the kafka. prefix (bootstrap.servers, group.id, max.poll.records) is not
#   an option at all: the source never passes it to the Kafka client and
#   silently ignores it. A misspelt option (maxOffsetPerTrigger,
#   startingOffset) is ignored just as silently, so the rate limit or the
#   starting point it meant to set never applies. So is a rate limit of
#   other sources (maxBytesPerTrigger, maxFilesPerTrigger: file sources and
#   Delta) written on a Kafka source, which has only maxOffsetsPerTrigger:
#   its batches stay unbounded. kafka.group.id is accepted
#   (with a warning) and is not reported.
# related_resources:
#   - ref: https://spark.apache.org/docs/latest/structured-streaming-kafka-integration.html#kafka-specific-configurations
#     description: Structured Streaming + Kafka, Kafka-specific configurations (the options that are not supported)
#   - ref: https://github.com/apache/spark/blob/master/connector/kafka-0-10-sql/src/main/scala/org/apache/spark/sql/kafka010/KafkaSourceProvider.scala
#     description: KafkaSourceProvider.scala (validateGeneralOptions, validateStreamOptions, validateBatchOptions, kafkaParamsForProducer)
# custom:
#   id: SPK013
#   severity: error
#   remediation: |
#     Use the source's own options instead of Kafka client settings
#     (startingOffsets instead of kafka.auto.offset.reset; nothing for offset
#     commits or deserializers: cast the key and value columns), prefix real
#     client settings with `kafka.` (`kafka.bootstrap.servers`), correct
#     misspelt option names to the one the message suggests, and write
#     numeric options as plain integers (`maxOffsetsPerTrigger`, "10000").
package streamlint.rules.SPK013

import data.streamlint.lib

deny contains f if {
	some app in input.apps
	some role, streams in {"source": app.sources, "sink": app.sinks}
	some st in streams
	st.format == "kafka"
	some k, o in st.options
	o.invalid
	msg := sprintf(
		"%s: .option(\"%s\", %s) on the Kafka %s: %s%s%s",
		[lib.app_label(app), k, _shown(o), role, o.invalid, _parse_failure(o), _fix(k, o)],
	)
	f := lib.finding(rego.metadata.chain(), msg, o.loc)
}

deny contains f if {
	some app in input.apps
	some src in app.sources
	src.format == "kafka"
	least := lib.stream_option(src, "minOffsetsPerTrigger")
	most := lib.stream_option(src, "maxOffsetsPerTrigger")
	least.num > most.num
	msg := sprintf(
		"%s: minOffsetsPerTrigger=%s is above maxOffsetsPerTrigger=%s (%s:%d) on the Kafka source: the source rejects it (IllegalArgumentException) and the query fails to start; make minOffsetsPerTrigger at most maxOffsetsPerTrigger",
		[lib.app_label(app), least.value, most.value, most.loc.file, most.loc.line],
	)
	f := lib.finding_related(rego.metadata.chain(), msg, least.loc, [lib.related(most.loc, "maxOffsetsPerTrigger")])
}

# the value as written: a literal quoted, an expression the job computes
# (a variable, a config lookup) as its source text
_shown(o) := o.value if o.unresolved
else := sprintf("\"%s\"", [o.value])

# a value toLong/toInt/toBoolean cannot parse fails the query at start
_parse_failure(o) := "; the source parses it when the query starts and the query fails (NumberFormatException or IllegalArgumentException)" if {
	startswith(o.invalid, "invalid value")
} else := ""

_fix(k, o) := sprintf(". Use .option(\"startingOffsets\", %s) instead (it applies when the query starts without a checkpoint)", [_start_shown(o)]) if {
	lower(k) == "kafka.auto.offset.reset"
}

_start_shown(o) := o.value if o.unresolved
else := sprintf("\"%s\"", [_start(o)])

_fix(k, _) := ". Delete it and turn the binary key and value columns into what you need in the query (CAST(value AS STRING), from_json, from_avro)" if {
	lower(k) in {"kafka.key.deserializer", "kafka.value.deserializer"}
}

_fix(k, _) := ". Delete it: the sink writes the key and value columns as bytes; cast them to string or binary in the query" if {
	lower(k) in {"kafka.key.serializer", "kafka.value.serializer"}
}

_fix(k, _) := ". Delete it: the source tracks its offsets in the checkpoint and never commits them to Kafka (watch progress with the query's progress events or a listener)" if {
	lower(k) == "kafka.enable.auto.commit"
}

_fix(k, _) := "" if {
	not lower(k) in {
		"kafka.auto.offset.reset", "kafka.key.deserializer", "kafka.value.deserializer",
		"kafka.key.serializer", "kafka.value.serializer", "kafka.enable.auto.commit",
	}
}

_start(o) := lower(trim_space(o.value)) if lower(trim_space(o.value)) in {"earliest", "latest"}

_start(o) := "latest" if not lower(trim_space(o.value)) in {"earliest", "latest"}
