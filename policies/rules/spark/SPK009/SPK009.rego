# METADATA
# title: Fewer task slots than Kafka partitions
# description: |
#   Each micro-batch reads every partition of the consumed topic in its own
#   task (one task per Kafka partition, for Structured Streaming and for a
#   DStream direct stream). An app that can run fewer tasks at once than
#   there are partitions runs each batch in several waves, so a batch takes
#   at least ceil(partitions / slots) times as long as one partition's share,
#   and the extra partitions add no throughput. Task slots are the cores the
#   app gets: on a standalone cluster the workers' SPARK_WORKER_CORES (of the
#   workers an executor fits on), capped by spark.cores.max, divided by
#   spark.task.cpus; N for local[N]. Unknown slot counts (local[*], workers
#   whose cores are not set) are not judged.
# related_resources:
#   - ref: https://spark.apache.org/docs/latest/spark-standalone.html#resource-scheduling
#     description: Spark standalone mode, resource scheduling (spark.cores.max)
#   - ref: https://spark.apache.org/docs/latest/structured-streaming-kafka-integration.html
#     description: Structured Streaming + Kafka integration guide (one task per Kafka partition, minPartitions)
# custom:
#   id: SPK009
#   severity: warning
#   remediation: |
#     Give the app at least one core per partition of the topic it reads:
#     raise SPARK_WORKER_CORES or add workers, raise spark.cores.max, or use
#     local[N] with N >= partitions; or create the topic with fewer
#     partitions if the throughput does not need them.
package streamlint.rules.SPK009

import data.streamlint.lib

deny contains f if {
	some app in input.apps
	slots := app.executors.task_slots
	slots > 0
	some g in _groups(app)
	g.partitions > slots
	waves := ceil(g.partitions / slots)
	msg := sprintf(
		"%s reads %s: %d Kafka partition(s), one task each per batch, but can run only %d task(s) at once (%s). Every batch runs in %d waves, %d partition(s) waiting for a free core. Give the app at least %d cores (%s), or use fewer partitions",
		[lib.app_label(app), g.what, g.partitions, slots, app.executors.slots_explain, waves, g.partitions - slots, g.partitions * _task_cpus(app), _how(app)],
	)
	loc := _loc(app, g)
	f := lib.finding_related(rego.metadata.chain(), msg, loc, [r | some r in g.related; not _same(r, loc)])
}

# The topics one stream reads, with their partitions summed: a Kafka
# source's subscribe list, or a DStream's KafkaUtils streams (source -1).
_groups(app) := {g |
	some i in {c.source | some c in app.consumes}
	cs := [c | some c in app.consumes; c.source == i; c.partitions.num > 0]
	count(cs) > 0
	count(cs) == count([c | some c in app.consumes; c.source == i])
	g := {
		"source": i,
		"partitions": sum([c.partitions.num | some c in cs]),
		"what": concat(" and ", [sprintf("%q with %d partition(s) (%s)", [c.topic, c.partitions.num, lib.partitions_origin(c.partitions)]) | some c in cs]),
		"related": [lib.related(c.partitions.loc, sprintf("partitions of %q", [c.topic])) | some c in cs; c.partitions.loc],
	}
}

_task_cpus(app) := app.settings["spark.task.cpus"].num if _task_cpus_set(app)

_task_cpus(app) := 1 if not _task_cpus_set(app)

_task_cpus_set(app) if app.settings["spark.task.cpus"].num >= 1

_how(app) := "local[N] in spark.master" if app.executors.cluster == "local"

_how(app) := "SPARK_WORKER_CORES, more workers, spark.cores.max" if app.executors.cluster != "local"

# The setting that bounds the slots, else the source reading the topic.
_loc(app, _) := app.executors.slots_loc if app.executors.slots_loc

_loc(app, g) := app.sources[g.source].loc if {
	not app.executors.slots_loc
	g.source >= 0
}

_loc(app, g) := app.main_loc if {
	not app.executors.slots_loc
	g.source < 0
}

_same(r, loc) if {
	r.file == loc.file
	r.line == loc.line
	r.column == loc.column
}
