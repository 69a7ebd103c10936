# METADATA
# title: Same Spark setting with different values
# description: |
#   One app sets a key in several places (code, spark-submit --conf, a
#   properties file, spark-defaults.conf) with different values. Only one
#   wins (code > spark-submit > --properties-file > spark-defaults.conf >
#   SPARK_* environment), so the others are dead configuration that misleads
#   whoever reads them, as the incident's two rates 10000 and 50000 did. A
#   value in a shared file (spark-defaults.conf) that another app of the
#   pipeline takes is live, and not reported where one app overrides it.
#   A second SparkSession.builder in the same process does not win either:
#   its getOrCreate returns the session that exists, and Spark applies only
#   its runtime SQL settings (spark.sql.shuffle.partitions), logging "Using
#   an existing Spark session; only runtime SQL configurations will take
#   effect". spark.executor.memory, spark.app.name, spark.master and the
#   static SQL confs keep the first session's values. A second SparkContext
#   constructed while one runs throws, so the conf given to it never applies.
#   Nor does a driver JVM option (spark.driver.memory,
#   spark.driver.extraJavaOptions, the driver's class and library paths) or
#   a package setting (spark.jars.packages, its repositories and exclusions)
#   set in the code of a job spark-submit starts: the driver JVM already runs
#   with the value spark-submit gave it (--driver-memory, --packages, --conf,
#   spark-defaults.conf, else Spark's default). Values set in
#   different branches of one if/else (a builder per environment) are
#   alternatives: only one branch runs, and none is reported. So are the
#   values of two spark-defaults.conf files (of two containers): Spark reads
#   one; duplicates within each file are judged, the later line winning.
#   A value that a later spark.conf.set changes at runtime is not dead
#   either: it applied to what ran before that line (set a flag, act, set
#   it back).
# related_resources:
#   - ref: https://spark.apache.org/docs/latest/configuration.html#dynamically-loading-spark-properties
#     description: Spark configuration, precedence of properties
# custom:
#   id: SPK007
#   severity: warning
#   remediation: |
#     Keep each setting in one place (usually spark-submit --conf or
#     spark-defaults.conf, so it can change without a code change) and delete
#     the others.
package streamlint.rules.SPK007

import data.streamlint.lib

deny contains f if {
	some app in input.apps
	some k, v in app.settings
	some i, s in v.all
	i > 0
	not s.existing_session
	not s.failed_context
	not s.launched_driver
	over := _overrider(v.all, i)
	not over.runtime
	_differ(s, over)
	not _wins_elsewhere(app, k, s)
	not _dropped_by_submit(k, over)
	msg := sprintf(
		"%s sets %s in several places with different values: %s here is overridden by %s from %s, which wins (code > spark-submit > --properties-file > spark-defaults.conf); keep one",
		[lib.app_label(app), k, s.value, over.value, lib.set_at(over)],
	)
	f := lib.finding_related(rego.metadata.chain(), msg, s.loc, [lib.related(over.loc, sprintf("%s=%s wins here", [k, over.value]))])
}

# _overrider is what overrides place i of a key: the first place before it
# in precedence order that is not an alternative of it. Undefined when every
# place before it is one: nothing then overrides it.
_overrider(all, i) := all[j] if {
	js := [x | some x in numbers.range(0, i - 1); not _alternatives(all[x], all[i])]
	j := js[0]
}

# A shared file (spark-defaults.conf, a --properties-file) that one app
# overrides is not dead while another app of the pipeline takes the value
# from it: a default that some jobs override is what defaults are for.
_wins_elsewhere(app, k, s) if {
	some other in input.apps
	other.id != app.id
	other.settings[k].all[0].loc == s.loc
}

# A key without the spark. prefix that spark-submit reads from
# spark-defaults.conf, a --properties-file or --conf is dropped whatever
# its value ("Ignoring non-Spark config property", SPK004): which of its
# values wins makes no difference.
_dropped_by_submit(k, over) if {
	not startswith(k, "spark.")
	over.source in {"spark-defaults", "properties-file", "spark-submit"}
}

# A later builder's value: getOrCreate returns the session that exists,
# and Spark drops it (the pipeline marks only settings Spark drops).
deny contains f if {
	some app in input.apps
	some k, v in app.settings
	winner := v.all[0]
	some i, s in v.all
	i > 0
	s.existing_session
	_differ(s, winner)
	msg := sprintf(
		"%s sets %s on a later SparkSession.builder: %s here is ignored, because its getOrCreate returns the session that already exists (made at %s:%d) and Spark then applies only runtime SQL settings; %s=%s from %s stays in force. Set it on the first builder, or call spark.stop() before building the new session",
		[lib.app_label(app), k, s.value, s.existing_session.file, s.existing_session.line, k, winner.value, lib.set_at(winner)],
	)
	f := lib.finding_related(rego.metadata.chain(), msg, s.loc, [
		lib.related(winner.loc, sprintf("%s=%s is in force", [k, winner.value])),
		lib.related(s.existing_session, "the session is made here"),
	])
}

# A second SparkContext's value: its constructor throws while the first
# context runs, so nothing it is given applies.
deny contains f if {
	some app in input.apps
	some k, v in app.settings
	winner := v.all[0]
	some i, s in v.all
	i > 0
	s.failed_context
	_differ(s, winner)
	msg := sprintf(
		"%s sets %s for a second SparkContext: %s here never applies, because that constructor fails while the context made at %s:%d runs (\"Only one SparkContext should be running in this JVM\"; PySpark: \"Cannot run multiple SparkContexts at once\"); %s=%s from %s stays in force. Stop the first context (sc.stop()) before making another, or use SparkContext.getOrCreate",
		[lib.app_label(app), k, s.value, s.failed_context.file, s.failed_context.line, k, winner.value, lib.set_at(winner)],
	)
	f := lib.finding_related(rego.metadata.chain(), msg, s.loc, [
		lib.related(winner.loc, sprintf("%s=%s is in force", [k, winner.value])),
		lib.related(s.failed_context, "the first context is made here"),
	])
}

# A driver JVM option set in the code of a job spark-submit starts: the
# JVM already runs with the value spark-submit gave it.
deny contains f if {
	some app in input.apps
	some k, v in app.settings
	winner := v.all[0]
	some i, s in v.all
	i > 0
	s.launched_driver
	_differ(s, winner)
	msg := sprintf(
		"%s sets %s in its code: %s here never applies, because spark-submit (%s:%d) uses %s=%s from %s before the code runs (it starts the driver JVM with it, or resolves the packages the driver is given), and the driver keeps it; set it in one place, on the spark-submit command line (--conf, --driver-memory, --packages) or in spark-defaults.conf, and delete it from the code",
		[lib.app_label(app), k, s.value, s.launched_driver.file, s.launched_driver.line, k, winner.value, lib.set_at(winner)],
	)
	f := lib.finding_related(rego.metadata.chain(), msg, s.loc, [
		lib.related(winner.loc, sprintf("%s=%s is in force", [k, winner.value])),
		lib.related(s.launched_driver, "spark-submit starts the driver JVM here"),
	])
}

# Values written in different arms of one if/else chain are alternatives:
# only one arm runs, so neither overrides the other.
_alternatives(a, b) if {
	some x in object.get(a, "branches", [])
	some y in object.get(b, "branches", [])
	x["if"] == y["if"]
	x.arm != y.arm
}

# So are the values of two spark-defaults.conf files: Spark reads the one
# file in its configuration directory (apache/gravitino-playground gives its
# spark and jupyter containers one each), never both.
_alternatives(a, b) if {
	a.source == "spark-defaults"
	b.source == "spark-defaults"
	a.loc.file != b.loc.file
}

# Two values differ when both are known and not equal: a value the job
# computes (CONFIG["UI_PORT"], a variable) may well be the same.
_differ(a, b) if {
	not a.unresolved
	not b.unresolved
	trim_space(a.value) != trim_space(b.value)
}
