# METADATA
# title: streamlint library
# description: |
#   Helpers shared by every rule. A rule builds each finding with
#   `finding` (or `finding_related`), passing `rego.metadata.chain()`, so
#   the rule id always comes from the rule's own METADATA.
package streamlint.lib

# finding is a finding of the rule whose metadata chain is given, at a
# location of the model (an object with file, line and column).
finding(chain, msg, loc) := {
	"rule_id": rule_id(chain),
	"message": msg,
	"location": _loc(loc),
	"related": [],
}

# finding_related is a finding with secondary locations; each item of
# related is an object with file, line, column and message (see related).
finding_related(chain, msg, loc, rel) := {
	"rule_id": rule_id(chain),
	"message": msg,
	"location": _loc(loc),
	"related": [r | some r in rel; _located(r)],
}

# _located: a related place with a line, or a kafka:// URI (no line).
_located(r) if r.line > 0

_located(r) if {
	not r.line > 0
	contains(r.file, "://")
}

# finding_severity is a finding with its own severity (error, warning or
# info) instead of the rule's default, for a rule whose conditions differ
# in gravity (KAF012). Profiles and the user's overrides still apply.
finding_severity(chain, msg, loc, sev) := object.union(finding(chain, msg, loc), {"severity": sev})

# finding_related_severity is finding_related with its own severity.
finding_related_severity(chain, msg, loc, rel, sev) := object.union(finding_related(chain, msg, loc, rel), {"severity": sev})

# related builds a secondary location.
related(loc, msg) := object.union(_loc(loc), {"message": msg})

# rule_id is the custom.id of the nearest annotation in a metadata chain.
rule_id(chain) := [id | some entry in chain; id := entry.annotations.custom.id][0]

_loc(loc) := {"file": loc.file, "line": loc.line, "column": loc.column}

# broker_by_service finds a broker of the pipeline by its service name.
broker_by_service(name) := _brokers_by_service[name]

# cluster_of finds the cluster a broker belongs to.
cluster_of(broker) := _clusters_by_id[broker.cluster]

# The lookups above and service_named read indexes built once per
# evaluation, so that a lookup costs the same with 3 brokers or 5,000 (a
# scan of the list per broker made rules quadratic). Service names are
# unique in a compose project, as are broker services and cluster ids.
_brokers_by_service := {b.service: b | some b in input.brokers}

_clusters_by_id := {c.id: c | some c in input.clusters}

_services_by_name := {s.name: s | some s in input.services}

# group_by turns [key, value] pairs (an array or a set) into {key: [values]},
# each key's values sorted, in O(n log n): sorting puts the pairs of a key
# next to each other. Group with it, not with a rule such as
# p[key] contains value, which OPA builds in time quadratic in its size.
group_by(pairs) := {s[b[0]][0]: [p[1] | some p in array.slice(s, b[0], b[1])] | some b in bounds} if {
	s := sort(pairs)
	starts := array.concat([0 | count(s) > 0], [i | some i, p in s; i > 0; p[0] != s[i - 1][0]])
	ends := array.concat(array.slice(starts, 1, count(starts)), [count(s)])
	bounds := [[starts[j], ends[j]] | some j, _ in starts]
}

# num is a setting's number, when it has one.
num(v) := v.num if v.num != null

# human formats a byte count in the largest binary unit that keeps it >= 1,
# with one decimal unless it is zero ("10 GiB", "434.4 MiB"). Go's
# model.HumanBytes is the same function for the texts Go writes
# (TestHumanBytesAgreesWithRego keeps them equal).
human(bytes) := sprintf("%s GiB", [_decimal(bytes / 1073741824)]) if bytes >= 1073741824

human(bytes) := sprintf("%s MiB", [_decimal(bytes / 1048576)]) if {
	bytes < 1073741824
	bytes >= 1048576
}

human(bytes) := sprintf("%s KiB", [_decimal(bytes / 1024)]) if {
	bytes < 1048576
	bytes >= 1024
}

human(bytes) := sprintf("%d B", [round(bytes)]) if bytes < 1024

# decimal1 formats a non-negative number with one decimal (sprintf's %f
# does not accept numbers that happen to be integers).
decimal1(x) := sprintf("%d.%d", [floor(t / 10), t % 10]) if t := round(x * 10)

# _decimal is decimal1 without a trailing ".0".
_decimal(x) := sprintf("%d", [t / 10]) if {
	t := round(x * 10)
	t % 10 == 0
} else := decimal1(x)

# where says where a value came from, for messages.
where(v) := sprintf("%s (%s:%d)", [_what(v), v.loc.file, v.loc.line]) if {
	v.loc
	not v.derived
}

where(v) := _what(v) if {
	not v.loc
	not v.derived
}

where(v) := sprintf("%s (derived from %s)", [v.value, v.derived]) if v.derived

_what(v) := sprintf("%s=%s", [v.var, v.value]) if v.var != ""

_what(v) := sprintf("%s", [v.value]) if not v.var

_what(v) := sprintf("%s", [v.value]) if v.var == ""

# origin names a value's source for messages: "set in ...", "the image
# baseline", "the Kafka default".
origin(v) := sprintf("set at %s:%d", [v.loc.file, v.loc.line]) if {
	v.loc
	not v.derived
}

origin(v) := sprintf("derived from %s", [v.derived]) if v.derived

origin(v) := "the image's packaged configuration" if {
	not v.loc
	v.source == "image-baseline"
}

origin(v) := "the default" if {
	not v.loc
	v.source == "default"
}

# setting_name is how a broker property is set on the broker's image:
# the property itself where the project sets it in a mounted properties
# file (the finding is at that line; an environment variable would not be
# the place to change it), and on bitnami once a server.properties is
# mounted (bitnami then ignores the environment); else the environment
# variable (KAFKA_NUM_PARTITIONS); else the property.
setting_name(b, key) := key if {
	b.config[key].source == "mounted-file"
} else := key if {
	b.family == "bitnami"
	b.mounted_config_found
} else := b.env_names[key] if {
	b.env_names[key]
} else := key

# loc_or is a value's location, or fallback when it is a default.
loc_or(v, _) := v.loc if v.loc

loc_or(v, fallback) := fallback if not v.loc

# broker_label names a broker for messages.
broker_label(b) := sprintf("broker %q", [b.service])

# dstream is true for DStream apps: the job uses StreamingContext or
# KafkaUtils (the job scanner decides). Settings are no evidence: the
# spark.streaming.* keys are as often set, to no effect, on a session a
# Structured Streaming job (or its base class) builds.
dstream(app) if app.kind == "dstream"

# kafka_sources are an app's Structured Streaming Kafka sources that a
# micro-batch query reads (continuous_only).
kafka_sources(app) := [s | some i, s in app.sources; s.format == "kafka"; s.streaming; not continuous_only(app, i)]

# continuous_only is true for the source at index i of an app when every
# query reading it runs with a continuous trigger: Spark's
# KafkaContinuousStream polls each partition record by record, with no
# micro-batch to bound and no maxOffsetsPerTrigger (it never reads the
# option). A sink whose inputs were not followed may read any source.
continuous_only(app, i) if {
	readers := [k | some k in app.sinks; k.streaming; _reads_source(k, i)]
	count(readers) > 0
	every k in readers {
		k.trigger.kind == "continuous"
	}
}

# once_only is true for the source at index i of an app when every query
# reading it runs with trigger(once=True): Spark reads everything available
# in one batch (ReadLimit.allAvailable), logging "The read limit ... is
# ignored when Trigger.Once is used" (MicroBatchExecution).
once_only(app, i) if {
	readers := [k | some k in app.sinks; k.streaming; _reads_source(k, i)]
	count(readers) > 0
	every k in readers {
		k.trigger.kind == "once"
	}
}

# once_trigger is the trigger(once=True) of a query reading source i.
once_trigger(app, i) := k.trigger if {
	some k in app.sinks
	k.streaming
	_reads_source(k, i)
	k.trigger.kind == "once"
}

_reads_source(sink, i) if i in object.get(sink, "inputs", [])

_reads_source(sink, _) if count(object.get(sink, "inputs", [])) == 0

# once_trigger is true when a query reading the source runs with the once
# trigger (Trigger.Once(), trigger(once=True)): Spark then drops the
# source's read limit and reads everything available in one batch
# (MicroBatchExecution maps it to ReadLimit.allAvailable). Only queries the
# extractor followed back to the source (a sink's inputs) count.
once_trigger(app, src) if {
	some i, s in app.sources
	s == src
	some sink in object.get(app, "sinks", [])
	sink.trigger.kind == "once"
	i in object.get(sink, "inputs", [])
}

# app_label names an app for messages.
app_label(app) := sprintf("app %s", [app.id])

# set_at lists where a Spark setting is written: "code (jobs/x.py:12)".
set_at(s) := sprintf("%s (%s:%d)", [s.source, s.loc.file, s.loc.line])

# finding_for is a finding located at a model node: any object of the
# input that has a loc (a broker, a topic, a service, an app, a setting's
# value). Policy authors never compute lines.
finding_for(chain, msg, node) := finding(chain, msg, node.loc)

# retention_ms is a broker's effective time retention in milliseconds:
# log.retention.ms, else minutes, else hours, as Kafka reads them.
retention_ms(b) := b.config["log.retention.ms"].ms if b.config["log.retention.ms"].ms

retention_ms(b) := b.config["log.retention.minutes"].ms if {
	not b.config["log.retention.ms"].ms
	b.config["log.retention.minutes"].ms
}

retention_ms(b) := b.config["log.retention.hours"].ms if {
	not b.config["log.retention.ms"].ms
	not b.config["log.retention.minutes"].ms
}

# configured is a broker setting's effective value when it has one: not
# Kafka's null default, not empty, and known (not an unset ${VAR}).
configured(b, key) := v if {
	v := b.config[key]
	not v.unresolved
	not _no_value(trim_space(v.value))
}

_no_value("null")

_no_value("")

_no_value(`""`)

# loopback is true for hosts that only the container itself can reach.
loopback(host) if lower(host) in {"localhost", "127.0.0.1", "[::1]", "::1"}

# nodes are every Kafka node of the pipeline: the brokers and the KRaft
# controller-only nodes of each cluster.
nodes := array.concat(input.brokers, [c | some cl in input.clusters; some c in object.get(cl, "controllers", [])])

# service_named finds a compose service by name.
service_named(name) := _services_by_name[name]

# human_ms formats a duration in milliseconds in the largest unit that
# divides it ("7 d", "24 h", "90 min"); negative means no limit.
human_ms(ms) := "no time limit" if ms < 0

human_ms(ms) := sprintf("%d d", [ms / 86400000]) if {
	ms > 0
	ms % 86400000 == 0
}

human_ms(ms) := sprintf("%d h", [ms / 3600000]) if {
	ms > 0
	ms % 86400000 != 0
	ms % 3600000 == 0
}

human_ms(ms) := sprintf("%d min", [ms / 60000]) if {
	ms > 0
	ms % 3600000 != 0
	ms % 60000 == 0
}

human_ms(ms) := sprintf("%d ms", [ms]) if {
	ms >= 0
	ms % 60000 != 0
}

human_ms(0) := "0 ms"

# written names how a broker setting is written: its variable and key
# (KAFKA_LOG_RETENTION_HOURS=24 / log.retention.hours), or key=value in a
# mounted file.
written(v, key) := sprintf("%s=%s (%s)", [v.var, v.value, key]) if v.var

written(v, key) := sprintf("%s=%s", [key, v.value]) if not v.var
