# METADATA
# title: Invalid Spark size, duration or number
# description: |
#   Spark parses typed settings strictly. Sizes are digits and an optional
#   binary suffix with no space and no fraction (2g, 512m, 1536m; not 2 GB or
#   1.5g); durations are an integer and one of us, ms, s, m (minutes), min, h
#   or d (30s, 5min; not 10sec or 1.5s); integers take no suffix or
#   separator; booleans are true or false only. A value that does not parse
#   makes Spark fail when it reads the setting (INVALID_CONF_VALUE.TYPE_MISMATCH),
#   often only after the job was submitted.
#
#   A memory value without a unit is worse: it parses, but not as intended.
#   spark.executor.memory=2048 is read as MiB when YARN or Kubernetes size the
#   executor, but as 2048 bytes by the executor's memory manager (which then
#   refuses to start) and as 0 MiB by a standalone master; a client-mode
#   spark.driver.memory=2048 becomes -Xmx2048, a 2 KB heap. The standalone
#   worker reads SPARK_WORKER_MEMORY=2048 as bytes and exits ("Memory is below
#   1MB, or missing a M/G at the end of the memory specification?"), and
#   SPARK_WORKER_CORES must be a whole number.
# related_resources:
#   - ref: https://spark.apache.org/docs/latest/configuration.html#spark-properties
#     description: Spark configuration, Spark properties (size and time formats)
#   - ref: https://spark.apache.org/docs/latest/spark-standalone.html#cluster-launch-scripts
#     description: Spark standalone mode, SPARK_WORKER_MEMORY and SPARK_WORKER_CORES
#   - ref: https://issues.apache.org/jira/browse/SPARK-25261
#     description: SPARK-25261, memory settings read as bytes or MiB depending on the code path
# custom:
#   id: SPK006
#   severity: error
#   remediation: |
#     Write sizes as digits and a unit with no space (`2g`, `512m`; `1536m`
#     instead of `1.5g`), durations as an integer and a unit (`30s`, `5min`,
#     `1500ms`), integers as plain digits, booleans as true or false; always
#     give memory settings a unit (`spark.executor.memory=2g`,
#     `SPARK_WORKER_MEMORY=2g`).
package streamlint.rules.SPK006

import data.streamlint.lib

deny contains f if {
	some app in input.apps
	some k, v in app.settings
	some s in v.all
	s.invalid
	msg := sprintf(
		"%s: %s=%s (%s): %s%s%s",
		[lib.app_label(app), k, s.value, s.source, s.invalid, _consequence(s), _default(v)],
	)
	f := lib.finding(rego.metadata.chain(), msg, s.loc)
}

deny contains f if {
	some w in input.workers
	some what, v in {"memory": w.memory, "cores": w.cores}
	v.invalid
	msg := sprintf(
		"worker %q: %s=%s (%s): %s%s",
		[w.service, v.var, v.value, lib.origin(v), v.invalid, _worker_fix(what)],
	)
	f := lib.finding(rego.metadata.chain(), msg, v.loc)
}

# a value Spark cannot parse fails when the setting is read; a bare
# memory number parses, and its text says what it means
_consequence(s) := "; Spark fails with INVALID_CONF_VALUE.TYPE_MISMATCH when it reads this setting" if {
	startswith(s.invalid, "invalid value")
} else := ""

_default(v) := sprintf(" (Spark's default: %s)", [v["default"]]) if {
	d := object.get(v, "default", "")
	d != ""
	not startswith(d, "<")
} else := ""

_worker_fix("memory") := "" # the explanation names the fix

_worker_fix("cores") := "; write the number of cores, e.g. SPARK_WORKER_CORES=2"
