package streamlint.rules.SPK005_test

import data.streamlint.rules.SPK005

_l(line) := {"file": "jobs/app.py", "line": line, "column": 10}

_set(value, line, facts) := object.union(
	{"value": value, "source": "code", "loc": _l(line), "all": [{"value": value, "source": "code", "loc": _l(line)}]},
	_releases(facts),
)

# _releases adds the release numbers Go reads from removed_in and
# deprecated_since.
_releases(facts) := object.union(
	object.union(facts, _numbers("removed_in_release", object.get(facts, "removed_in", ""))),
	_numbers("deprecated_since_release", object.get(facts, "deprecated_since", "")),
)

_numbers(key, version) := {key: [to_number(p) | some p in split(version, ".")]} if {
	regex.match(`^[0-9]+(\.[0-9]+)*$`, version)
} else := {}

_max_retries := {
	"known": true, "removed": true, "removed_in": "3.0.0", "type": "int", "default": "1",
	"hint": "removed in 3.0.0 with the Kafka 0.8 DStream connector (SPARK-25705, PR #22703); kafka-0-10 never reads it",
}

_app(version, settings) := object.union(
	{"id": "jobs/app.py", "kind": "structured", "spark_version": version, "settings": settings},
	_numbers("spark_release", version),
)

test_removed_key_on_newer_spark if {
	fs := SPK005.deny with input as {"apps": [_app("3.5.0", {"spark.streaming.kafka.maxRetries": _set("3", 18, _max_retries)})]}
	count(fs) == 1
	some f in fs
	f.location == _l(18)
	contains(f.message, "spark.streaming.kafka.maxRetries is a removed Spark setting (removed in 3.0.0")
	contains(f.message, "this app runs Spark 3.5.0")
	contains(f.message, "spark.streaming.kafka.maxRetries=3 has no effect")
	contains(f.message, "Delete spark.streaming.kafka.maxRetries")
}

test_removed_key_on_the_removing_release if {
	fs := SPK005.deny with input as {"apps": [_app("3.0", {"spark.streaming.kafka.maxRetries": _set("3", 18, _max_retries)})]}
	count(fs) == 1
}

test_quiet_on_release_before_removal if {
	fs := SPK005.deny with input as {"apps": [_app("2.4.8", {"spark.streaming.kafka.maxRetries": _set("3", 18, _max_retries)})]}
	count(fs) == 0
}

test_unknown_version_assumes_current if {
	app := {"id": "conf", "kind": "unknown", "settings": {"spark.streaming.kafka.maxRetries": _set("3", 18, _max_retries)}}
	fs := SPK005.deny with input as {"apps": [app]}
	count(fs) == 1
	some f in fs
	contains(f.message, "Spark version is not known")
}

test_unparsable_version_assumes_current if {
	fs := SPK005.deny with input as {"apps": [_app("latest", {"spark.streaming.kafka.maxRetries": _set("3", 18, _max_retries)})]}
	count(fs) == 1
}

test_removed_sql_conf_that_fails_when_set if {
	facts := {"known": true, "removed": true, "removed_in": "3.0.0", "errors_if_set": true, "default": "false", "hint": "removed in 3.0.0; setting a non-default value raises an error"}
	fs := SPK005.deny with input as {"apps": [_app("3.5", {"spark.sql.fromJsonForceNullableSchema": _set("true", 4, facts)})]}
	count(fs) == 1
	some f in fs
	contains(f.message, "refuses to start the session when it is set to anything but its default (false)")
}

test_removed_sql_conf_at_default_does_not_claim_failure if {
	facts := {"known": true, "removed": true, "removed_in": "3.0.0", "errors_if_set": true, "default": "false", "hint": "removed in 3.0.0; setting a non-default value raises an error"}
	fs := SPK005.deny with input as {"apps": [_app("3.5", {"spark.sql.fromJsonForceNullableSchema": _set("false", 4, facts)})]}
	count(fs) == 1
	some f in fs
	not contains(f.message, "refuses to start")
}

_old_overhead := {
	"known": true, "deprecated": true, "deprecated_since": "2.3", "replacement": "spark.executor.memoryOverhead",
	"hint": "deprecated since 2.3; alias of spark.executor.memoryOverhead (value still honoured, warning logged)",
}

test_deprecated_alias_names_new_key if {
	fs := SPK005.deny with input as {"apps": [_app("3.5", {"spark.yarn.executor.memoryOverhead": _set("512m", 6, _old_overhead)})]}
	count(fs) == 1
	some f in fs
	contains(f.message, "is deprecated (deprecated since 2.3")
	contains(f.message, "still works but logs a deprecation warning")
	contains(f.message, "Use spark.executor.memoryOverhead instead")
}

test_deprecated_alias_ignored_when_new_name_set if {
	settings := {
		"spark.yarn.executor.memoryOverhead": _set("512m", 6, _old_overhead),
		"spark.executor.memoryOverhead": _set("1g", 7, {"known": true}),
	}
	fs := SPK005.deny with input as {"apps": [_app("3.5", settings)]}
	count(fs) == 1
	some f in fs
	contains(f.message, "is ignored, because its new name spark.executor.memoryOverhead is also set (code (jobs/app.py:7))")
}

_nio := {"known": true, "deprecated": true, "deprecated_since": "3.5.2", "hint": "deprecated since 3.5.2; deprecated"}

test_quiet_before_deprecation if {
	# deprecated since 3.4 on a 3.3 app is not deprecated
	facts := object.union(_nio, {"deprecated_since": "3.4.0"})
	fs := SPK005.deny with input as {"apps": [_app("3.3.2", {"spark.network.remoteReadNioBufferConversion": _set("true", 3, facts)})]}
	count(fs) == 0
}

test_deprecated_patch_release_with_floating_tag if {
	# an image tag 3.5 is the newest 3.5 patch, past 3.5.2
	fs := SPK005.deny with input as {"apps": [_app("3.5", {"spark.network.remoteReadNioBufferConversion": _set("true", 3, _nio)})]}
	count(fs) == 1
	some f in fs
	contains(f.message, "Delete spark.network.remoteReadNioBufferConversion")
}

test_quiet_on_earlier_patch if {
	fs := SPK005.deny with input as {"apps": [_app("3.5.1", {"spark.network.remoteReadNioBufferConversion": _set("true", 3, _nio)})]}
	count(fs) == 0
}

test_deprecated_without_release_always_reported if {
	facts := {"known": true, "deprecated": true, "hint": "deprecated; unused"}
	fs := SPK005.deny with input as {"apps": [_app("2.0.0", {"spark.some.old.key": _set("1", 3, facts)})]}
	count(fs) == 1
}

test_every_place_is_reported if {
	setting := object.union(_releases(_max_retries), {"value": "3", "all": [
		{"value": "3", "source": "code", "loc": _l(18)},
		{"value": "5", "source": "spark-defaults", "loc": {"file": "conf/spark-defaults.conf", "line": 4, "column": 34}},
	]})
	fs := SPK005.deny with input as {"apps": [_app("3.5", {"spark.streaming.kafka.maxRetries": setting})]}
	count(fs) == 2
}

test_quiet_on_current_key if {
	fs := SPK005.deny with input as {"apps": [_app("3.5", {"spark.streaming.kafka.maxRatePerPartition": _set("1000", 3, {"known": true, "type": "long"})})]}
	count(fs) == 0
}

test_deprecated_unused_key_has_no_effect if {
	facts := {"known": true, "deprecated": true, "deprecated_since": "1.6", "hint": "deprecated since 1.6; unused"}
	fs := SPK005.deny with input as {"apps": [_app("3.5", {"spark.shuffle.spill": _set("true", 3, facts)})]}
	count(fs) == 1
	some f in fs
	contains(f.message, "spark.shuffle.spill=true has no effect: Spark no longer reads it")
}
