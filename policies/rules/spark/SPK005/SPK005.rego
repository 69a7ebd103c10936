# METADATA
# title: Removed or deprecated Spark setting
# description: |
#   A key Spark has removed is stored like any other and never read again, so
#   the behaviour it was meant to configure silently falls back to the
#   default: spark.streaming.kafka.maxRetries went away with the Kafka 0.8
#   DStream connector in Spark 3.0, and the kafka-0-10 connector never read
#   it. Some removed SQL settings even fail the session when set to anything
#   but their default. A deprecated key still works but logs a warning, and an
#   old alias name is ignored as soon as its new name is set too.
#
#   Versions: a key is reported as removed only when the app's Spark version
#   is the removing release or later, and as deprecated only from the
#   release that deprecated it (a key deprecated in 3.4 is fine on a 3.3
#   app). The version comes from the Spark image tag or the Kafka connector
#   package (an image tag without a patch number, such as bitnami/spark:3.5,
#   stands for the newest patch of that line). When neither says, the
#   version in `versions.spark` of .streamlint.yaml is used, and without one
#   a current Spark (the 4.1 catalog) is assumed, so removed keys are still
#   reported; the message then says so. The DStream API as a whole is
#   deprecated since Spark 3.4; its keys are not reported one by one.
# related_resources:
#   - ref: https://spark.apache.org/docs/latest/configuration.html
#     description: Spark configuration, the properties current Spark reads
#   - ref: https://issues.apache.org/jira/browse/SPARK-25705
#     description: SPARK-25705, removal of the Kafka 0.8 connector (and spark.streaming.kafka.maxRetries) in Spark 3.0
#   - ref: https://spark.apache.org/docs/latest/streaming-kafka-0-10-integration.html
#     description: Spark Streaming + Kafka 0.10 integration guide (the remaining DStream connector)
#   - ref: https://spark.apache.org/docs/latest/sql-migration-guide.html
#     description: Spark SQL migration guide, removed and deprecated SQL settings by release
# custom:
#   id: SPK005
#   severity: warning
#   remediation: |
#     Delete a removed key, or set the key the message names instead. For a
#     deprecated key, move its value to the new name (and delete the old
#     one). If the app really runs an older Spark than streamlint assumed, set
#     `versions.spark` in .streamlint.yaml.
package streamlint.rules.SPK005

import data.streamlint.lib

deny contains f if {
	some app in input.apps
	some k, v in app.settings
	v.removed
	_reached(app, object.get(v, "removed_in_release", []))
	some s in v.all
	msg := sprintf(
		"%s: %s is a removed Spark setting (%s) and %s: Spark stores it without a word and nothing reads it, so %s=%s has no effect%s. %s",
		[lib.app_label(app), k, v.hint, _version_text(app), k, s.value, _errors(v, s), _fix(app, k, v)],
	)
	f := lib.finding(rego.metadata.chain(), msg, s.loc)
}

deny contains f if {
	some app in input.apps
	some k, v in app.settings
	v.deprecated
	not v.removed
	_reached(app, object.get(v, "deprecated_since_release", []))
	some s in v.all
	msg := sprintf(
		"%s: %s is deprecated (%s) and %s: %s=%s %s. %s",
		[lib.app_label(app), k, v.hint, _version_text(app), k, s.value, _still(app, v), _fix(app, k, v)],
	)
	f := lib.finding(rego.metadata.chain(), msg, s.loc)
}

# _reached is true when the app's Spark is at or past the release ([]
# when the catalog gives none); an unknown version is taken as current.
_reached(_, [])

_reached(app, release) if {
	release != []
	not app.spark_release
}

_reached(app, release) if {
	release != []
	lib.spark_release_at_least(app.spark_release, release)
}

# _version is the app's Spark version when it is a plain version number.
_version(app) := app.spark_version if app.spark_release

_version_text(app) := sprintf("this app runs Spark %s", [_version(app)])

_version_text(app) := "the app's Spark version is not known (no Spark image tag, connector package or versions.spark setting), so a current Spark is assumed" if not _version(app)

_errors(v, s) := sprintf("; worse, Spark refuses to start the session when it is set to anything but its default (%s)", [v["default"]]) if {
	v.errors_if_set
	not _is_default(v, s)
} else := ""

_is_default(v, s) if lower(trim_space(s.value)) == lower(trim_space(v["default"]))

# _still says what a deprecated key does: an old alias is ignored once its
# new name is set too.
_still(app, v) := sprintf("is ignored, because its new name %s is also set (%s)", [_repl(v), lib.set_at(app.settings[_repl(v)])]) if {
	_repl(v) != ""
	app.settings[_repl(v)]
} else := "has no effect: Spark no longer reads it" if {
	contains(v.hint, "unused")
} else := "still works but logs a deprecation warning, and a later Spark drops it"

_repl(v) := object.get(v, "replacement", "")

_fix(_, _, v) := sprintf("Use %s instead", [_repl(v)]) if _repl(v) != ""

_fix(_, k, v) := sprintf("Delete %s", [k]) if _repl(v) == ""
