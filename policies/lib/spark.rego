# Spark helpers of the streamlint library, shared by the Spark (SPK) and
# capacity (CAP) rules: option lookup as Spark does it, version comparison,
# and the consumption rate an app's rate limit allows.
package streamlint.lib

# stream_option is a stream's option by name, matched case-insensitively as
# Spark's DataStreamReader/Writer options are.
stream_option(stream, name) := v if {
	some k, v in stream.options
	lower(k) == lower(name)
}

# stream_option_absent is true when a stream has no option by that name and
# the extractor read every option of its chain. An option name that is not a
# literal, or an options map it cannot follow (.options(**opts)), may set
# any option: options_unknown then makes the option unknown, not absent.
stream_option_absent(stream, name) if {
	not stream_option(stream, name)
	not stream.options_unknown
}

# spark_release_at_least is true when a release (an app's spark_release,
# [3, 5]) has reached min ([3, 0, 0]), comparing as many numbers as the
# release has: an image tag 3.5 is the newest 3.5 patch, so it has reached
# every 3.5.x release. Go reads versions into these arrays; Rego compares
# arrays element by element.
spark_release_at_least(release, min) if release >= array.slice(min, 0, count(release))

# consumption_rates are the most records per second each topic an app
# reads can be consumed at, as its rate limit allows: maxRatePerPartition x
# partitions for a DStream app, maxOffsetsPerTrigger / trigger seconds for
# a Structured Streaming Kafka source. Apps without a limit have none.
# Each item: app, consumption, rate (records/s), loc (the limit's
# setting), how (the arithmetic) and related locations.
consumption_rates contains r if {
	some app in input.apps
	dstream(app)
	limit := app.settings["spark.streaming.kafka.maxRatePerPartition"]
	limit.num > 0
	some c in app.consumes
	parts := c.partitions.num
	parts > 0
	rate := limit.num * parts
	r := {
		"app": app, "consumption": c, "rate": rate, "loc": limit.loc,
		"how": sprintf("spark.streaming.kafka.maxRatePerPartition=%s (%s) x %d partition(s) of %q (%s) = %s records/s", [limit.value, set_at(limit), parts, c.topic, origin(c.partitions), amount(rate)]),
		"related": [related(c.partitions.loc, "partitions") | c.partitions.loc],
	}
}

consumption_rates contains r if {
	some app in input.apps
	not dstream(app)
	some i, src in app.sources
	src.format == "kafka"
	src.streaming
	not continuous_only(app, i)
	limit := stream_option(src, "maxOffsetsPerTrigger")
	limit.num > 0
	secs := app.batch_seconds.num
	secs > 0
	some c in app.consumes
	c.source == i
	rate := limit.num / secs
	r := {
		"app": app, "consumption": c, "rate": rate, "loc": limit.loc,
		"how": sprintf("maxOffsetsPerTrigger=%s (%s:%d) / %v s per micro-batch (%s) = %s records/s", [limit.value, limit.loc.file, limit.loc.line, secs, app.batch_seconds.source, amount(rate)]),
		"related": [related(app.batch_seconds.loc, "trigger interval") | app.batch_seconds.loc],
	}
}

# amount formats a non-negative count for messages: whole numbers as
# integers, others with one decimal.
amount(x) := sprintf("%d", [round(x)]) if round(x) == x

amount(x) := decimal1(x) if round(x) != x

# duration_text formats milliseconds as the largest whole unit or with one
# decimal of hours.
duration_text(ms) := sprintf("%s h", [decimal1(ms / 3600000)]) if ms >= 3600000

duration_text(ms) := sprintf("%s min", [decimal1(ms / 60000)]) if {
	ms < 3600000
	ms >= 60000
}

duration_text(ms) := sprintf("%s s", [decimal1(ms / 1000)]) if ms < 60000

# partitions_origin says where the partition count of a consumed topic
# comes from: the variable that sets num.partitions, the command that
# creates the topic (KAFKA_CREATE_TOPICS, kafka-topics --create), or the
# broker's effective num.partitions and its origin.
partitions_origin(v) := sprintf("%s=%s at %s:%d", [v.var, v.value, v.loc.file, v.loc.line]) if {
	v.var
	v.loc
}

partitions_origin(v) := sprintf("created by %s at %s:%d", [v.source, v.loc.file, v.loc.line]) if {
	not v.var
	v.loc
	not v.source in _partition_broker_sources
}

partitions_origin(v) := sprintf("num.partitions=%s at %s:%d", [v.value, v.loc.file, v.loc.line]) if {
	not v.var
	v.loc
	v.source in _partition_broker_sources
}

_partition_broker_sources := {"env", "mounted-file", "image-baseline", "default"}

partitions_origin(v) := sprintf("num.partitions=%s, %s", [v.value, origin(v)]) if not v.loc

# partitions_label names a consumed topic's partition count for a related
# location: num.partitions, or the topic's creation.
partitions_label(v) := "num.partitions" if v.source in _partition_broker_sources

partitions_label(v) := sprintf("partitions (%s)", [v.source]) if not v.source in _partition_broker_sources
