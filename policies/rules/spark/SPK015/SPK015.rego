# METADATA
# title: Executors exceed the worker container's memory limit
# description: |
#   An executor JVM uses more than its heap: the memory overhead (off-heap
#   buffers, thread stacks, metaspace, native libraries) is
#   spark.executor.memoryOverhead, by default max(10% of the heap, 384 MiB),
#   plus spark.memory.offHeap.size when off-heap memory is enabled and
#   spark.executor.pyspark.memory for Python workers. The standalone master
#   counts only the heap against SPARK_WORKER_MEMORY, so it happily starts
#   executors whose real footprint exceeds the worker container's memory
#   limit (mem_limit, deploy.resources.limits.memory). When they grow, the
#   kernel OOM-kills the container (exit code 137), the executors are lost,
#   and the batch is retried on the next one in a loop. Several executors of
#   the app can land on one worker (when spark.executor.cores leaves room for
#   more than one); each needs heap + overhead. The worker daemon's own JVM
#   (SPARK_DAEMON_MEMORY, 1g heap by default) shares the container as well.
# related_resources:
#   - ref: https://spark.apache.org/docs/latest/configuration.html#application-properties
#     description: Spark configuration, spark.executor.memory and spark.executor.memoryOverhead
#   - ref: https://spark.apache.org/docs/latest/spark-standalone.html#cluster-launch-scripts
#     description: Spark standalone mode, SPARK_WORKER_MEMORY and SPARK_DAEMON_MEMORY
#   - ref: https://docs.docker.com/reference/compose-file/services/#mem_limit
#     description: Compose file reference, mem_limit
# custom:
#   id: SPK015
#   severity: warning
#   remediation: |
#     Raise the worker container's memory limit to the executors' heap +
#     overhead plus room for the worker daemon, or lower spark.executor.memory
#     (or run fewer executors per worker with a larger spark.executor.cores),
#     and keep SPARK_WORKER_MEMORY below the container limit.
package streamlint.rules.SPK015

import data.streamlint.lib

_gib := 1073741824

deny contains f if {
	some app in input.apps
	app.executors.cluster == "standalone"
	_heap_known(app)
	some pw in app.executors.per_worker
	pw.executors > 0
	some w in input.workers
	w.service == pw.worker
	limit := _limit(w)
	heap := app.executors.heap_bytes
	overhead := app.executors.overhead.num
	extra := sum([e.bytes | some e in _extras(app)])
	per := (heap + overhead) + extra
	need := pw.executors * per
	need > limit
	msg := sprintf(
		"%s: each executor needs %s heap (%s) + %s overhead (%s)%s = %s, and %s runs %d of them%s: %d x %s = %s, above the container's memory limit of %s (%s:%d). The standalone master counts only the heap against SPARK_WORKER_MEMORY, so nothing stops this: the kernel OOM-kills the container (exit 137) and the executors are lost. The worker daemon's own JVM (SPARK_DAEMON_MEMORY, 1g heap by default) shares the container too. Raise the limit to at least %s (%s for the executors + 1024 MiB for the daemon), or lower spark.executor.memory",
		[
			lib.app_label(app), _mib(heap), _heap_text(app), _mib(overhead), _overhead_text(app.executors.overhead), _extras_text(app),
			_mib(per), w.service, pw.executors, _replicas(w), pw.executors, _mib(per), _mib(need),
			_mib(limit), w.mem_limit.loc.file, w.mem_limit.loc.line, _mib(need + _gib), _mib(need),
		],
	)
	f := lib.finding_related(rego.metadata.chain(), msg, w.mem_limit.loc, _related(app, w))
}

_limit(w) := w.mem_limit.num if {
	w.mem_limit.loc
	not w.mem_limit.unresolved
	w.mem_limit.num > 0
}

# The heap is known: spark.executor.memory unset (1g) or a usable value.
_heap_known(app) if not app.settings["spark.executor.memory"]

_heap_known(app) if {
	v := app.settings["spark.executor.memory"]
	not v.unresolved
	not v.invalid
	v.num > 0
}

_heap_text(app) := _written(app.settings["spark.executor.memory"], "spark.executor.memory")

_heap_text(app) := "spark.executor.memory unset: Spark's default 1g" if not app.settings["spark.executor.memory"]

_overhead_text(o) := _written(o, "spark.executor.memoryOverhead") if o.set

_overhead_text(o) := o.value if not o.set

_written(v, key) := sprintf("%s at %s:%d", [_as_written(v, key), v.loc.file, v.loc.line]) if v.loc

_written(v, key) := _as_written(v, key) if not v.loc

_as_written(v, key) := sprintf("--conf %s=%s", [key, v.value]) if object.get(v, "var", "") == "--conf"

_as_written(v, _) := sprintf("%s %s", [v.var, v.value]) if {
	startswith(object.get(v, "var", ""), "--")
	v.var != "--conf"
}

_as_written(v, key) := sprintf("%s=%s", [key, v.value]) if not startswith(object.get(v, "var", ""), "--")

# Memory an executor uses beyond heap and overhead, when configured.
_extras(app) := array.concat(
	[{"bytes": v.num, "text": _written(v, "spark.memory.offHeap.size")} |
		v := app.settings["spark.memory.offHeap.size"]
		v.num > 0
		app.settings["spark.memory.offHeap.enabled"].bool == true
	],
	[{"bytes": v.num, "text": _written(v, "spark.executor.pyspark.memory")} |
		v := app.settings["spark.executor.pyspark.memory"]
		v.num > 0
	],
)

_extras_text(app) := concat("", [sprintf(" + %s (%s)", [_mib(e.bytes), e.text]) | some e in _extras(app)])

# _mib shows bytes in MiB, the unit Spark sizes executors in, so the sums
# in the message add up exactly.
_mib(bytes) := sprintf("%s MiB", [lib.amount(bytes / 1048576)])

_replicas(w) := " on each of its replicas" if w.replicas > 1

_replicas(w) := "" if not w.replicas > 1

_related(app, w) := array.concat(
	array.concat(
		[lib.related(v.loc, "spark.executor.memory") | v := app.settings["spark.executor.memory"]; v.loc],
		[lib.related(o.loc, "spark.executor.memoryOverhead") | o := app.executors.overhead; o.set; o.loc],
	),
	[lib.related(w.memory.loc, sprintf("%s of %q", [object.get(w.memory, "var", "worker memory"), w.service])) | w.memory.set; w.memory.loc],
)
