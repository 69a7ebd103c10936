package streamlint.rules.SPK007_test

import data.streamlint.rules.SPK007

_l(file, line) := {"file": file, "line": line, "column": 10}

test_fires_on_different_values if {
	fs := SPK007.deny with input as {"apps": [{"id": "a", "settings": {"spark.streaming.kafka.maxRatePerPartition": {"value": "10000", "all": [
		{"value": "10000", "source": "code", "loc": _l("jobs/a.py", 15)},
		{"value": "50000", "source": "spark-submit", "loc": _l("compose.yaml", 72)},
	]}}}]}
	count(fs) == 1
	some f in fs
	f.location.line == 72
	f.related[0].line == 15
}

test_quiet_on_same_value if {
	fs := SPK007.deny with input as {"apps": [{"id": "a", "settings": {"spark.executor.memory": {"value": "1g", "all": [
		{"value": "1g", "source": "code", "loc": _l("jobs/a.py", 15)},
		{"value": " 1g", "source": "spark-defaults", "loc": _l("conf/spark-defaults.conf", 2)},
	]}}}]}
	count(fs) == 0
}

# spark-defaults.conf shared by two apps: one overrides the checkpoint
# base, the other takes it; the default is live, not dead configuration.
# When every app overrides it, each is told.
test_shared_default_live_in_another_app if {
	defaults := {"value": "/data/checkpoints", "source": "spark-defaults", "loc": _l("conf/spark-defaults.conf", 3)}
	overrides := {"id": "a", "settings": {"spark.sql.streaming.checkpointLocation": {"value": "/data/checkpoints/a", "all": [
		{"value": "/data/checkpoints/a", "source": "code", "loc": _l("jobs/a.py", 9)},
		defaults,
	]}}}
	takes := {"id": "b", "settings": {"spark.sql.streaming.checkpointLocation": {"value": "/data/checkpoints", "all": [defaults]}}}
	count(SPK007.deny) == 0 with input as {"apps": [overrides, takes]}
	also := {"id": "b", "settings": {"spark.sql.streaming.checkpointLocation": {"value": "/data/checkpoints/b", "all": [
		{"value": "/data/checkpoints/b", "source": "code", "loc": _l("jobs/b.py", 9)},
		defaults,
	]}}}
	count(SPK007.deny) == 2 with input as {"apps": [overrides, also]}
}

# job.py: SparkSession.builder.config("spark.executor.memory", "1g")
# .getOrCreate() at line 3, then another builder with "2g" at line 7: the
# second getOrCreate returns the first session, 1g stays.
test_later_builder_value_is_ignored_not_winning if {
	fs := SPK007.deny with input as {"apps": [{"id": "job.py", "settings": {"spark.executor.memory": {"value": "1g", "all": [
		{"value": "1g", "source": "code", "loc": _l("job.py", 3)},
		{"value": "2g", "source": "code", "loc": _l("job.py", 7), "existing_session": _l("job.py", 3)},
	]}}}]}
	count(fs) == 1
	some f in fs
	f.location.line == 7
	contains(f.message, "2g here is ignored, because its getOrCreate returns the session that already exists (made at job.py:3)")
	contains(f.message, "spark.executor.memory=1g from code (job.py:3) stays in force")
	contains(f.message, "Set it on the first builder, or call spark.stop()")
	not contains(f.message, "wins")
	[r.line | some r in f.related] == [3, 3]
}

test_quiet_on_later_builder_with_same_value if {
	fs := SPK007.deny with input as {"apps": [{"id": "job.py", "settings": {"spark.executor.memory": {"value": "1g", "all": [
		{"value": "1g", "source": "code", "loc": _l("job.py", 3)},
		{"value": "1g", "source": "code", "loc": _l("job.py", 7), "existing_session": _l("job.py", 3)},
	]}}}]}
	count(fs) == 0
}

# a value the job computes (CONFIG["UI_PORT"]) is unknown: it may equal
# the other, so "different values" is not claimed
test_quiet_when_a_value_is_unresolved if {
	fs := SPK007.deny with input as {"apps": [{"id": "a", "settings": {"spark.ui.port": {"value": "CONFIG[\"UI_PORT\"]", "all": [
		{"value": "CONFIG[\"UI_PORT\"]", "source": "code", "loc": _l("jobs/a.py", 15), "unresolved": true},
		{"value": "4040", "source": "spark-defaults", "loc": _l("conf/spark-defaults.conf", 1)},
	]}}}]}
	count(fs) == 0
}

# One builder per branch of an if/else (LucaCanali/sparkMeasure: a jar per
# Scala version): only one branch runs. A value after the if/else, or in a
# plain if before it, still overrides.
test_quiet_on_values_of_two_branches if {
	if_loc := _l("job.py", 4)
	local := {"value": "4", "source": "code", "loc": _l("job.py", 6), "branches": [{"if": if_loc, "arm": 0}]}
	other := {"value": "200", "source": "code", "loc": _l("job.py", 10), "branches": [{"if": if_loc, "arm": 1}]}
	after := {"value": "8", "source": "code", "loc": _l("job.py", 12)}
	branches := {"apps": [{"id": "a", "settings": {"spark.sql.shuffle.partitions": {"value": "200", "all": [other, local]}}}]}
	count(SPK007.deny) == 0 with input as branches
	later := {"apps": [{"id": "a", "settings": {"spark.sql.shuffle.partitions": {"value": "8", "all": [after, other, local]}}}]}
	count(SPK007.deny) == 2 with input as later
	nested_if := {"value": "200", "source": "code", "loc": _l("job.py", 10), "branches": [{"if": _l("job.py", 9), "arm": 0}]}
	plain := {"apps": [{"id": "a", "settings": {"spark.sql.shuffle.partitions": {"value": "200", "all": [nested_if, local]}}}]}
	count(SPK007.deny) == 1 with input as plain
}

# Two spark-defaults.conf files of two containers (apache/gravitino-playground:
# init/spark and init/jupyter): Spark reads one, so a value of one is not
# overridden by the other's; within a file the later line wins.
test_two_defaults_files_are_judged_each_on_its_own if {
	spark := {"value": "Iceberg", "source": "spark-defaults", "loc": _l("spark/spark-defaults.conf", 1)}
	jupyter1 := {"value": "Iceberg", "source": "spark-defaults", "loc": _l("jupyter/spark-defaults.conf", 1)}
	jupyter2 := {"value": "Ranger", "source": "spark-defaults", "loc": _l("jupyter/spark-defaults.conf", 2)}
	fs := SPK007.deny with input as {"apps": [{"id": "a", "settings": {"spark.sql.extensions": {"value": "Iceberg", "all": [spark, jupyter2, jupyter1]}}}]}
	count(fs) == 1
	some f in fs
	f.location == jupyter1.loc
	contains(f.message, "Iceberg here is overridden by Ranger from spark-defaults (jupyter/spark-defaults.conf:2)")
	f.related[0].line == 2
}

# spark-examples/spark-scala-examples SparkContextOld: a second SparkContext
# throws, so its app name is not the one that wins.
test_second_spark_context_fails if {
	first := {"value": "first", "source": "code", "loc": _l("job.py", 3)}
	second := {"value": "second", "source": "code", "loc": _l("job.py", 4), "failed_context": {"file": "job.py", "line": 3, "column": 6}}
	fs := SPK007.deny with input as {"apps": [{"id": "a", "settings": {"spark.app.name": {"value": "first", "all": [first, second]}}}]}
	count(fs) == 1
	some f in fs
	f.location == second.loc
	contains(f.message, "for a second SparkContext: second here never applies")
	contains(f.message, "spark.app.name=first from code (job.py:3) stays in force")
	not contains(f.message, "overridden")
}

# spark-submit starts the driver JVM with --driver-memory 2g; the code's 4g
# comes too late: 2g is in force and the message says so (not "code wins").
test_driver_option_in_submitted_code if {
	submit := _l("compose.yaml", 30)
	fs := SPK007.deny with input as {"apps": [{"id": "a", "settings": {"spark.driver.memory": {"value": "2g", "all": [
		{"value": "2g", "source": "spark-submit", "var": "--driver-memory", "loc": _l("compose.yaml", 31)},
		{"value": "4g", "source": "code", "loc": _l("jobs/a.py", 5), "launched_driver": submit},
	]}}}]}
	count(fs) == 1
	some f in fs
	f.location.line == 5
	contains(f.message, "sets spark.driver.memory in its code: 4g here never applies, because spark-submit (compose.yaml:30) uses spark.driver.memory=2g from spark-submit (compose.yaml:31) before the code runs")
	not contains(f.message, "which wins (code")
	{r.line | some r in f.related} == {31, 30}
}

# spark.conf.set changes the session's configuration when it runs: a value
# set at runtime and later set again applied to what ran in between
# (set true, create the container, set false), so neither is dead. A value
# written twice on the session's builder still is.
test_quiet_on_runtime_toggle if {
	fs := SPK007.deny with input as {"apps": [{"id": "a", "settings": {"fs.azure.createRemoteFileSystemDuringInitialization": {"value": "false", "all": [
		{"value": "false", "source": "code", "loc": _l("nb.scala", 50), "runtime": true},
		{"value": "true", "source": "code", "loc": _l("nb.scala", 48), "runtime": true},
	]}}}]}
	count(fs) == 0
	builder := SPK007.deny with input as {"apps": [{"id": "a", "settings": {"spark.sql.shuffle.partitions": {"value": "400", "all": [
		{"value": "400", "source": "code", "loc": _l("job.py", 5)},
		{"value": "8", "source": "code", "loc": _l("job.py", 4)},
	]}}}]}
	count(builder) == 1
}

# a key without the spark. prefix in spark-defaults.conf is dropped by
# spark-submit whatever its value (SPK004 says so): here the key ";" of
# lines "commented out" with ';'
test_quiet_on_key_spark_submit_drops if {
	fs := SPK007.deny with input as {"apps": [{"id": "a", "settings": {";": {"value": "spark.sql.warehouse.dir /lakehouse", "all": [
		{"value": "spark.sql.warehouse.dir /lakehouse", "source": "spark-defaults", "loc": _l("conf/spark-defaults.conf", 21)},
		{"value": "spark.sql.catalog.spark_catalog.uri jdbc:postgresql://db/iceberg", "source": "spark-defaults", "loc": _l("conf/spark-defaults.conf", 18)},
	]}}}]}
	count(fs) == 0
}

# in code SparkConf keeps any key, so a non-spark key set there and in
# --conf still has two values
test_fires_on_non_spark_key_code_overrides if {
	fs := SPK007.deny with input as {"apps": [{"id": "a", "settings": {"es.nodes": {"value": "es1", "all": [
		{"value": "es1", "source": "code", "loc": _l("jobs/a.py", 15)},
		{"value": "es2", "source": "spark-submit", "loc": _l("compose.yaml", 72)},
	]}}}]}
	count(fs) == 1
}
