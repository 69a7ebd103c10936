# METADATA
# title: One batch does not fit in executor memory
# description: |
#   Records per batch x average record size exceeds the share of executor
#   memory a batch may use (capacity.batch_memory_fraction of the executors'
#   unified memory). Records per batch are maxRatePerPartition x partitions x
#   batch seconds for a DStream job, maxOffsetsPerTrigger for a Structured
#   Streaming Kafka source, and with no rate limit at all the whole retained
#   backlog (log.retention.bytes x partitions), which is also what a query
#   with the once trigger reads, as Spark drops its source's limit then.
#   That backlog is the incident: 6 GB of
#   backlog read as one batch by executors with far less memory. Executor
#   memory is the sum over the executors the cluster can run of
#   (heap - 300 MiB reserved) x spark.memory.fraction (0.6). When retention is
#   unbounded too, SPK002 and KAF002 already say it and this rule stays quiet.
# related_resources:
#   - ref: https://spark.apache.org/docs/latest/tuning.html#memory-management-overview
#     description: Spark tuning guide, memory management
#   - ref: https://spark.apache.org/docs/latest/structured-streaming-kafka-integration.html
#     description: Structured Streaming + Kafka integration guide (maxOffsetsPerTrigger)
# custom:
#   id: CAP001
#   severity: error
#   remediation: |
#     Bound each batch so that records x record size fits the budget: set
#     maxOffsetsPerTrigger (Structured) or maxRatePerPartition (DStream) to at
#     most the number the message computes, or give the executors more memory
#     (spark.executor.memory, SPARK_WORKER_MEMORY).
package streamlint.rules.CAP001

import data.streamlint.lib

_memory(app) := app.executors.unified_bytes

_budget(app) := input.params.capacity.batch_memory_fraction * _memory(app)

_record := input.params.capacity.avg_record_bytes

# Structured Streaming with maxOffsetsPerTrigger.
_batches contains b if {
	some app in input.apps
	app.kind != "dstream"
	some src in lib.kafka_sources(app)
	limit := lib.stream_option(src, "maxOffsetsPerTrigger")
	limit.num > 0
	not lib.once_trigger(app, src)
	b := {
		"app": app, "records": limit.num, "loc": limit.loc,
		"why": sprintf("maxOffsetsPerTrigger=%s (%s:%d) records", [limit.value, limit.loc.file, limit.loc.line]),
		"fix": "maxOffsetsPerTrigger", "related": [],
	}
}

# Structured Streaming without a limit: the whole retained backlog.
_batches contains b if {
	some app in input.apps
	app.kind != "dstream"
	some src in lib.kafka_sources(app)
	lib.stream_option_absent(src, "maxOffsetsPerTrigger")
	some c in app.consumes
	b := _backlog(app, c, src.loc, "no maxOffsetsPerTrigger on the Kafka source", "maxOffsetsPerTrigger")
}

# Structured Streaming under the once trigger: Spark ignores the limit,
# and the one batch is the whole retained backlog.
_batches contains b if {
	some app in input.apps
	app.kind != "dstream"
	some src in lib.kafka_sources(app)
	limit := lib.stream_option(src, "maxOffsetsPerTrigger")
	lib.once_trigger(app, src)
	some c in app.consumes
	reason := sprintf("maxOffsetsPerTrigger=%s (%s:%d) is ignored under the once trigger", [limit.value, limit.loc.file, limit.loc.line])
	b := _backlog(app, c, limit.loc, reason, "availableNow")
}

# DStream with a per-partition rate.
_batches contains b if {
	some app in input.apps
	lib.dstream(app)
	rate := app.settings["spark.streaming.kafka.maxRatePerPartition"]
	rate.num > 0
	some c in app.consumes
	parts := c.partitions.num
	secs := app.batch_seconds.num
	b := {
		"app": app, "records": (rate.num * parts) * secs, "loc": rate.loc,
		"why": sprintf("maxRatePerPartition=%s (%s) x %d partition(s) of %q (%s) x %v s batches (%s) = %d records", [rate.value, lib.set_at(rate), parts, c.topic, lib.origin(c.partitions), secs, app.batch_seconds.source, round((rate.num * parts) * secs)]),
		"fix": "spark.streaming.kafka.maxRatePerPartition", "parts": parts, "secs": secs,
		"related": [lib.related(c.partitions.loc, "partitions") | c.partitions.loc],
	}
}

# DStream without a rate: the backlog.
_batches contains b if {
	some app in input.apps
	lib.dstream(app)
	not app.settings["spark.streaming.kafka.maxRatePerPartition"]
	some c in app.consumes
	b := _backlog(app, c, app.main_loc, "no spark.streaming.kafka.maxRatePerPartition", "spark.streaming.kafka.maxRatePerPartition")
}

_backlog(app, c, loc, reason, fix) := b if {
	ret := c.retention_bytes
	ret.num > 0
	parts := c.partitions.num
	bytes := ret.num * parts
	b := {
		"app": app, "records": bytes / _record, "loc": loc,
		"why": sprintf(
			"%s, so after a backlog one batch is the whole retained log of %q: log.retention.bytes=%s (%s) x %d partition(s) (%s) = %s = %d records of %d B",
			[reason, c.topic, ret.value, lib.origin(ret), parts, lib.partitions_origin(c.partitions), lib.human(bytes), round(bytes / _record), _record],
		),
		"fix": fix, "parts": parts, "secs": app.batch_seconds.num,
		"related": array.concat(
			[lib.related(ret.loc, "log.retention.bytes (per partition)") | ret.loc],
			[lib.related(c.partitions.loc, lib.partitions_label(c.partitions)) | c.partitions.loc],
		),
	}
}

deny contains f if {
	some b in _batches
	app := b.app
	app.executors.count > 0
	bytes := b.records * _record
	budget := _budget(app)
	bytes > budget
	max_records := floor(budget / _record)
	msg := sprintf(
		"%s: one micro-batch can hold %s but the executors have %s for it. Batch: %s. Memory: %s%s: %d x (%s heap - %d MiB reserved) x spark.memory.fraction %v = %s, of which capacity.batch_memory_fraction %v = %s. %s",
		[
			lib.app_label(app), lib.human(bytes), lib.human(budget), b.why,
			app.executors.explain, _limit(app), app.executors.count, lib.human(app.executors.heap_bytes), app.executors.reserved_bytes / 1048576, app.executors.memory_fraction,
			lib.human(_memory(app)), input.params.capacity.batch_memory_fraction, lib.human(budget),
			_fix(b, max_records),
		],
	)
	f := lib.finding_related(rego.metadata.chain(), msg, b.loc, array.concat(b.related, _memory_related(app)))
}

_fix(b, n) := sprintf("Set maxOffsetsPerTrigger to at most %d (records of %d B), or give the executors more memory", [n, _record]) if b.fix == "maxOffsetsPerTrigger"

_fix(b, n) := sprintf("Run the query with the availableNow trigger, which keeps maxOffsetsPerTrigger, and set it to at most %d (records of %d B), or give the executors more memory", [n, _record]) if b.fix == "availableNow"

_fix(b, n) := sprintf("Set spark.streaming.kafka.maxRatePerPartition to at most %d (= %d records / %d partitions / %v s), or give the executors more memory", [floor((n / b.parts) / b.secs), n, b.parts, b.secs]) if b.fix == "spark.streaming.kafka.maxRatePerPartition"

# _limit says what bounds the executor count, when capacity knows.
_limit(app) := sprintf(" (%s)", [app.executors.limit]) if app.executors.limit

_limit(app) := "" if not app.executors.limit

_memory_related(app) := array.concat(array.concat(
	[lib.related(m.loc, "spark.executor.memory") | m := app.settings["spark.executor.memory"]; m.loc],
	[lib.related(l, "what bounds the executors") | l := app.executors.limit_loc; not _related_already(app, l)],
),
	[lib.related(w.memory.loc, sprintf("%s of %q", [object.get(w.memory, "var", "worker memory"), w.service])) |
		some w in input.workers
		w.service in app.executors.workers
		w.memory.loc
	],
)

# _related_already: the executor memory and the workers' memory are
# related anyway.
_related_already(app, l) if _same_loc(l, app.settings["spark.executor.memory"].loc)

_related_already(app, l) if {
	some w in input.workers
	w.service in app.executors.workers
	_same_loc(l, w.memory.loc)
}

_same_loc(a, b) if {
	a.file == b.file
	a.line == b.line
}
