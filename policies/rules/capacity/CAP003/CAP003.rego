# METADATA
# title: Consumption rate below the produce rate
# description: |
#   The app's rate limit caps how many records it can read per second:
#   spark.streaming.kafka.maxRatePerPartition x partitions for a DStream
#   job, maxOffsetsPerTrigger / trigger seconds for a Structured Streaming
#   Kafka source. When that maximum is below the rate producers write at
#   (the capacity.produce_rate parameter, records/s, unset by default), the
#   consumer lag grows without bound however fast the cluster is, until
#   retention deletes records that were never read. The rule only runs when
#   capacity.produce_rate is given (config file `params` or
#   `--param capacity.produce_rate=N`).
# related_resources:
#   - ref: https://spark.apache.org/docs/latest/structured-streaming-kafka-integration.html
#     description: Structured Streaming + Kafka integration guide (maxOffsetsPerTrigger)
#   - ref: https://spark.apache.org/docs/latest/configuration.html#spark-streaming
#     description: Spark configuration, spark.streaming.kafka.maxRatePerPartition
# custom:
#   id: CAP003
#   severity: warning
#   remediation: |
#     Raise the rate limit to at least the produce rate (the message computes
#     maxOffsetsPerTrigger or maxRatePerPartition), keeping each batch within
#     the executors' memory (CAP001); if the batches then take longer than
#     the trigger interval, add partitions and executors.
package streamlint.rules.CAP003

import data.streamlint.lib

_produce := input.params.capacity.produce_rate

deny contains f if {
	_produce > 0
	some r in lib.consumption_rates
	r.rate < _produce
	gap := _produce - r.rate
	record := input.params.capacity.avg_record_bytes
	msg := sprintf(
		"%s reads topic %q at most at %s records/s: %s. Producers write %s records/s (parameter capacity.produce_rate), so the consumer lag grows by %s records/s (%s records, %s of %d B records, per hour) and never shrinks, until retention deletes records that were never read. %s",
		[
			lib.app_label(r.app), r.consumption.topic, lib.amount(r.rate), r.how,
			lib.amount(_produce), lib.amount(gap), lib.amount(gap * 3600), lib.human((gap * 3600) * record), record,
			_fix(r),
		],
	)
	f := lib.finding_related(rego.metadata.chain(), msg, r.loc, r.related)
}

_fix(r) := sprintf(
	"Set spark.streaming.kafka.maxRatePerPartition to at least %d (= %s records/s / %d partition(s)), and check that the batches still fit the executors' memory (CAP001)",
	[ceil(_produce / r.consumption.partitions.num), lib.amount(_produce), r.consumption.partitions.num],
) if lib.dstream(r.app)

_fix(r) := sprintf(
	"Set maxOffsetsPerTrigger to at least %d (= %s records/s x %v s per micro-batch), and check that the batches still fit the executors' memory (CAP001)",
	[ceil(_produce * r.app.batch_seconds.num), lib.amount(_produce), r.app.batch_seconds.num],
) if not lib.dstream(r.app)
