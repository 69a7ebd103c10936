# METADATA
# title: Retention backlog cannot be drained before retention deletes it
# description: |
#   After an outage the app has to catch up on everything the topic retains.
#   That backlog is min(log.retention.bytes x partitions / record size,
#   produce rate x retention time) records (the second term only when the
#   capacity.produce_rate parameter is given), and the app reads it at most at
#   its rate limit: spark.streaming.kafka.maxRatePerPartition x partitions
#   (DStream) or maxOffsetsPerTrigger / trigger seconds (Structured
#   Streaming). When draining the backlog at that rate takes longer than the
#   time retention, the broker deletes the oldest records before the app
#   reaches them: data loss (a Structured query with failOnDataLoss=true
#   stops). Apps without a rate limit (SPK002), and topics whose retention is
#   unbounded in time or whose backlog is unbounded, are not judged. When
#   capacity.produce_rate is given this fires only on an app slower than the
#   producers, whose backlog never drains however long data is kept: the
#   message then asks for at least the produce rate.
# related_resources:
#   - ref: https://kafka.apache.org/documentation/#brokerconfigs_log.retention.bytes
#     description: Kafka broker configuration, log.retention.bytes
#   - ref: https://kafka.apache.org/documentation/#brokerconfigs_log.retention.hours
#     description: Kafka broker configuration, log.retention.hours
#   - ref: https://spark.apache.org/docs/latest/structured-streaming-kafka-integration.html
#     description: Structured Streaming + Kafka integration guide (maxOffsetsPerTrigger, failOnDataLoss)
# custom:
#   id: CAP002
#   severity: warning
#   remediation: |
#     Raise the app's rate limit so that it drains a full backlog within the
#     retention time (the message computes the smallest maxOffsetsPerTrigger or
#     maxRatePerPartition), keeping each batch within the executors' memory
#     (CAP001); or, when the size retention bounds the backlog, keep data
#     longer.
package streamlint.rules.CAP002

import data.streamlint.lib

_record := input.params.capacity.avg_record_bytes

_produce := input.params.capacity.produce_rate

# _terms are the bounds of the backlog a consumption can have, in records.
_terms(c) := array.concat(_size_term(c), _rate_term(c))

_size_term(c) := [{
	"records": ((c.retention_bytes.num * c.partitions.num) / _record),
	"why": sprintf(
		"log.retention.bytes=%s per partition (%s) x %d partition(s) (%s) / %d B per record = %s records (%s)",
		[
			c.retention_bytes.value, lib.origin(c.retention_bytes),
			c.partitions.num, lib.origin(c.partitions), _record,
			lib.amount(round((c.retention_bytes.num * c.partitions.num) / _record)),
			lib.human(c.retention_bytes.num * c.partitions.num),
		],
	),
	"kind": "size",
}] if {
	c.retention_bytes.num > 0
} else := []

_rate_term(c) := [{
	"records": (_produce * c.retention_ms.ms) / 1000,
	"why": sprintf(
		"capacity.produce_rate %s records/s x %s of retention = %s records",
		[lib.amount(_produce), lib.human_ms(c.retention_ms.ms), lib.amount(round((_produce * c.retention_ms.ms) / 1000))],
	),
	"kind": "rate",
}] if {
	_produce > 0
} else := []

# _retention_key is the broker setting the time retention comes from.
_retention_key(c) := k if {
	b := lib.broker_by_service(c.broker)
	some k in ["log.retention.ms", "log.retention.minutes", "log.retention.hours"]
	b.config[k] == c.retention_ms
} else := "log.retention.hours"

deny contains f if {
	some r in lib.consumption_rates
	c := r.consumption
	c.retention_ms.ms > 0
	c.partitions.num > 0
	terms := _terms(c)
	count(terms) > 0
	backlog := min([t.records | some t in terms])
	bound := [t | some t in terms; t.records == backlog][0]
	retention_s := c.retention_ms.ms / 1000
	drain_s := backlog / r.rate
	drain_s > retention_s
	needed := max([backlog / retention_s, _produce])
	msg := sprintf(
		"%s cannot drain a full retention backlog of topic %q before retention deletes it: the backlog is %s records (%s), the app reads at most %s records/s (%s), so catching up takes %s, longer than the time retention %s (%s) = %s%s; the oldest records are deleted before the app reaches them (data loss). %s",
		[
			lib.app_label(r.app), c.topic, lib.amount(round(backlog)), _backlog_why(terms),
			lib.amount(r.rate), r.how, lib.duration_text(drain_s * 1000),
			sprintf("%s=%s", [_retention_key(c), c.retention_ms.value]), lib.origin(c.retention_ms), lib.human_ms(c.retention_ms.ms), _while_producing(r),
			_fix(r, c, needed, bound, backlog),
		],
	)
	f := lib.finding_related(rego.metadata.chain(), msg, r.loc, array.concat(r.related, _related(r, c)))
}

# With producers writing at capacity.produce_rate the rule fires only when
# the app reads slower than they write (a backlog of produce rate x
# retention takes longer than the retention only then, and a size-bounded
# backlog is smaller still): the backlog then never drains at all, and the
# rate to ask for is at least the produce rate (the same as CAP003's).
_while_producing(_) := "" if _produce <= 0

_while_producing(_) := sprintf(
	", even if the producers paused; and they add %s records/s (capacity.produce_rate), more than it reads, so it never catches up",
	[lib.amount(_produce)],
) if _produce > 0

_backlog_why(terms) := concat("", ["the smaller of ", concat(" and ", [t.why | some t in terms])]) if count(terms) > 1

_backlog_why(terms) := terms[0].why if count(terms) == 1

_fix(r, c, needed, bound, backlog) := concat("", [_raise(r, needed), _longer(r, c, bound, backlog)])

_raise(r, needed) := sprintf(
	"Set spark.streaming.kafka.maxRatePerPartition to at least %d (= %s records/s / %d partition(s))",
	[ceil(needed / r.consumption.partitions.num), lib.amount(needed), r.consumption.partitions.num],
) if lib.dstream(r.app)

_raise(r, needed) := sprintf(
	"Set maxOffsetsPerTrigger to at least %d (= %s records/s x %v s per micro-batch)",
	[ceil(needed * r.app.batch_seconds.num), lib.amount(needed), r.app.batch_seconds.num],
) if not lib.dstream(r.app)

# Keeping data longer helps only when the size retention bounds the
# backlog and nothing is known of the producers; a backlog of produce rate
# x retention time grows with it, and producers faster than the app push
# a size-bounded backlog out however long the time retention is.
_longer(r, c, bound, backlog) := sprintf(
	", or keep data at least %s (%s), checking that the batches still fit the executors' memory (CAP001)",
	[lib.duration_text(ceil(backlog / r.rate) * 1000), _longer_setting(c, ceil(backlog / r.rate) * 1000)],
) if {
	bound.kind == "size"
	_produce <= 0
}

# the setting that holds the time retention now, in its own unit
_longer_setting(c, ms) := sprintf("%s=%d", [_retention_name(c, k), ceil(ms / _unit[k])]) if {
	k := _retention_key(c)
}

_unit := {"log.retention.ms": 1, "log.retention.minutes": 60000, "log.retention.hours": 3600000}

_retention_name(c, k) := lib.setting_name(b, k) if {
	b := lib.broker_by_service(c.broker)
} else := k

_longer(_, _, _, _) := " (the producers outpace the app: see CAP003), checking that the batches still fit the executors' memory (CAP001)" if _produce > 0

_related(r, c) := array.concat(
	array.concat(
		[lib.related(c.retention_bytes.loc, "log.retention.bytes (per partition)") | c.retention_bytes.num > 0; c.retention_bytes.loc],
		[lib.related(c.retention_ms.loc, sprintf("%s (time retention)", [_retention_key(c)])) | c.retention_ms.loc],
	),
	# the DStream rate's related locations already name the partitions
	[lib.related(c.partitions.loc, "partitions") | not lib.dstream(r.app); c.partitions.loc],
)
