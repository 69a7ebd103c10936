# METADATA
# title: Executor does not fit any worker
# description: |
#   On a standalone cluster the master starts an executor only on a worker
#   with enough free memory for the executor's heap (spark.executor.memory,
#   default 1g; the overhead is not counted here) and enough free cores
#   (spark.executor.cores; when unset, one core is enough and the executor
#   takes all the worker's cores). A worker offers SPARK_WORKER_MEMORY and
#   SPARK_WORKER_CORES. When no worker is big enough the application is
#   registered but never gets an executor: the driver logs "Initial job has
#   not accepted any resources; check your cluster UI to ensure that workers
#   are registered and have sufficient resources" forever and no batch runs.
#   Workers whose memory or cores are not set offer the machine's (all cores,
#   total memory minus 1 GiB), which the compose file does not tell, so they
#   are assumed to fit.
# related_resources:
#   - ref: https://spark.apache.org/docs/latest/spark-standalone.html#cluster-launch-scripts
#     description: Spark standalone mode, SPARK_WORKER_MEMORY and SPARK_WORKER_CORES
#   - ref: https://spark.apache.org/docs/latest/configuration.html#application-properties
#     description: Spark configuration, spark.executor.memory and spark.executor.cores
# custom:
#   id: SPK008
#   severity: error
#   remediation: |
#     Make the executor fit a worker: lower spark.executor.memory (or
#     --executor-memory) to at most SPARK_WORKER_MEMORY and spark.executor.cores
#     to at most SPARK_WORKER_CORES, or give the workers more (and raise the
#     container's mem_limit with SPARK_WORKER_MEMORY).
package streamlint.rules.SPK008

import data.streamlint.lib

deny contains f if {
	some app in input.apps
	app.executors.cluster == "standalone"
	heap := _heap(app)
	cores := _cores(app)
	workers := [w | some w in input.workers; object.get(w, "replicas", 1) != 0]
	count(workers) > 0
	every w in workers {
		not _fits(w, heap, cores)
	}
	reasons := [_reason(w, heap, cores) | some w in workers]
	msg := sprintf(
		"%s never gets an executor: it asks for executors of %s heap (%s)%s, and no worker offers that: %s. The standalone master starts an executor only on a worker with enough free memory and cores, so the driver waits forever (\"Initial job has not accepted any resources\"). %s",
		[lib.app_label(app), lib.human(heap), _memory_text(app), _cores_text(app), concat("; ", reasons), _fix(workers, heap, cores)],
	)
	loc := _primary(app, workers, heap, cores)
	rel := [r | some r in _related(app, workers, heap, cores); not _same(r, loc)]
	f := lib.finding_related(rego.metadata.chain(), msg, loc, rel)
}

# The executor's heap: spark.executor.memory, else Spark's 1g. Quiet when
# the setting is written but its value is not known.
_heap(app) := 1073741824 if not app.settings["spark.executor.memory"]

_heap(app) := v.num if {
	v := app.settings["spark.executor.memory"]
	not v.unresolved
	not v.invalid
	v.num > 0
}

# The cores one executor needs: spark.executor.cores, else 1 (the executor
# then takes whatever the worker has).
_cores(app) := 1 if not app.settings["spark.executor.cores"]

_cores(app) := v.num if {
	v := app.settings["spark.executor.cores"]
	not v.unresolved
	not v.invalid
	v.num > 0
}

_exec_cores_set(app) if app.settings["spark.executor.cores"]

# A worker's memory or cores when the project sets them to a usable value.
_known(v) := v.num if {
	v.set
	not v.unresolved
	not v.invalid
	v.num > 0
}

_memory_short(w, heap) if _known(w.memory) < heap

_cores_short(w, cores) if _known(w.cores) < cores

_fits(w, heap, cores) if {
	not _memory_short(w, heap)
	not _cores_short(w, cores)
}

_reason(w, heap, cores) := sprintf("%s has %s=%s (%s < %s) and %s=%s (%d < %d cores)", [w.service, w.memory.var, w.memory.value, lib.human(w.memory.num), lib.human(heap), w.cores.var, w.cores.value, w.cores.num, cores]) if {
	_memory_short(w, heap)
	_cores_short(w, cores)
} else := sprintf("%s has %s=%s (%s < %s)", [w.service, w.memory.var, w.memory.value, lib.human(w.memory.num), lib.human(heap)]) if {
	_memory_short(w, heap)
} else := sprintf("%s has %s=%s (%d < %d cores)", [w.service, w.cores.var, w.cores.value, w.cores.num, cores])

_memory_text(app) := _written(app.settings["spark.executor.memory"], "spark.executor.memory")

_memory_text(app) := "spark.executor.memory unset: Spark's default 1g" if not app.settings["spark.executor.memory"]

_cores_text(app) := sprintf(" and %d core(s) each (%s)", [app.settings["spark.executor.cores"].num, _written(app.settings["spark.executor.cores"], "spark.executor.cores")]) if _exec_cores_set(app)

_cores_text(app) := "" if not _exec_cores_set(app)

_written(v, key) := sprintf("%s at %s:%d", [_as_written(v, key), v.loc.file, v.loc.line]) if v.loc

_written(v, key) := _as_written(v, key) if not v.loc

_as_written(v, key) := sprintf("--conf %s=%s", [key, v.value]) if v.var == "--conf"

_as_written(v, key) := sprintf("%s %s (%s)", [v.var, v.value, key]) if {
	startswith(v.var, "--")
	v.var != "--conf"
}

_as_written(v, key) := sprintf("%s=%s (%s)", [v.var, v.value, key]) if {
	v.var
	not startswith(v.var, "--")
}

_as_written(v, key) := sprintf("%s=%s in %s", [key, v.value, v.source]) if not v.var

# The fix lists what each worker can take.
_fix(workers, heap, cores) := sprintf("Make the executor fit one worker: spark.executor.memory and spark.executor.cores at most what it offers (%s), or give a worker more (%s)", [concat("; ", [_offer(w) | some w in workers]), _grow(workers, heap, cores)])

_grow(workers, heap, cores) := concat(", ", array.concat(
	[sprintf("SPARK_WORKER_MEMORY >= %dm, with a container mem_limit above it for the executor's overhead and the worker daemon", [ceil(heap / 1048576)]) | _any_memory_short(workers, heap)],
	[sprintf("SPARK_WORKER_CORES >= %d", [cores]) | _any_cores_short(workers, cores)],
))

_offer(w) := sprintf("%s: %s, %s", [w.service, _offer_mem(w), _offer_cores(w)])

_offer_mem(w) := sprintf("%dm", [floor(m / 1048576)]) if m := _known(w.memory)

_offer_mem(w) := "its machine's memory" if not _known(w.memory)

_offer_cores(w) := sprintf("%d core(s)", [c]) if c := _known(w.cores)

_offer_cores(w) := "all its cores" if not _known(w.cores)

# The primary location is the setting to change: the executor's memory or
# cores when written, else the first worker's SPARK_WORKER_MEMORY.
_primary(app, workers, heap, _) := v.loc if {
	v := app.settings["spark.executor.memory"]
	v.loc
	some w in workers
	_memory_short(w, heap)
} else := v.loc if {
	v := app.settings["spark.executor.cores"]
	v.loc
} else := w.memory.loc if {
	some w in workers
	_memory_short(w, heap)
	w.memory.loc
} else := app.main_loc

_any_memory_short(workers, heap) if {
	some w in workers
	_memory_short(w, heap)
}

_any_cores_short(workers, cores) if {
	some w in workers
	_cores_short(w, cores)
}

_same(r, loc) if {
	r.file == loc.file
	r.line == loc.line
	r.column == loc.column
}

_related(app, workers, heap, cores) := array.concat(
	array.concat(
		[lib.related(v.loc, "spark.executor.memory") | v := app.settings["spark.executor.memory"]; v.loc; _any_memory_short(workers, heap)],
		[lib.related(v.loc, "spark.executor.cores") | v := app.settings["spark.executor.cores"]; v.loc; _any_cores_short(workers, cores)],
	),
	array.concat(
		[lib.related(w.memory.loc, sprintf("%s of %q", [object.get(w.memory, "var", "worker memory"), w.service])) | some w in workers; _memory_short(w, heap); w.memory.loc],
		[lib.related(w.cores.loc, sprintf("worker %s cores", [w.service])) | some w in workers; _cores_short(w, cores); w.cores.loc],
	),
)
