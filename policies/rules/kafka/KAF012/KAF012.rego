# METADATA
# title: Message size limits do not line up
# description: |
#   A record batch as large as the broker's message.max.bytes has to travel
#   through three more limits. socket.request.max.bytes bounds every
#   request the broker reads: a produce request above it is refused and
#   the connection closed, so message.max.bytes above it is an error.
#   replica.fetch.max.bytes is what a follower asks for per partition, and
#   a consumer's max.partition.fetch.bytes (a Spark source's
#   kafka.max.partition.fetch.bytes) what it reads per partition. Since
#   KIP-74 (Kafka 0.10.1) a fetch still returns one batch larger than the
#   limit, so nothing gets stuck, but such batches come one per fetch:
#   replication and consumption of large messages slow down (info).
# related_resources:
#   - ref: https://kafka.apache.org/documentation/#brokerconfigs_message.max.bytes
#     description: Kafka broker configuration, message.max.bytes
#   - ref: https://kafka.apache.org/documentation/#brokerconfigs_replica.fetch.max.bytes
#     description: Kafka broker configuration, replica.fetch.max.bytes
#   - ref: https://kafka.apache.org/documentation/#brokerconfigs_socket.request.max.bytes
#     description: Kafka broker configuration, socket.request.max.bytes
#   - ref: https://cwiki.apache.org/confluence/display/KAFKA/KIP-74%3A+Add+Fetch+Response+Size+Limit+in+Bytes
#     description: KIP-74, fetches return at least one batch
#   - ref: https://spark.apache.org/docs/latest/structured-streaming-kafka-integration.html#kafka-specific-configurations
#     description: Spark Kafka source, kafka.-prefixed consumer settings
# custom:
#   id: KAF012
#   severity: info
#   remediation: |
#     Keep message.max.bytes <= socket.request.max.bytes, and raise
#     replica.fetch.max.bytes (`KAFKA_REPLICA_FETCH_MAX_BYTES`) and every
#     consumer's max.partition.fetch.bytes (Spark:
#     `.option("kafka.max.partition.fetch.bytes", ...)`) to at least
#     message.max.bytes when you raise it.
package streamlint.rules.KAF012

import data.streamlint.lib

# Kafka's defaults: message.max.bytes is 1 MiB + the 12-byte log overhead
# of a batch, the fetch sizes 1 MiB; a fetch size that many bytes short of
# message.max.bytes still holds the batch's records.
_log_overhead := 12

_consumer_default := 1048576

# ---- broker: message.max.bytes > socket.request.max.bytes (error)

_cases contains [loc, body, b.service, rel, "error", "broker"] if {
	some b in input.brokers
	m := b.config["message.max.bytes"]
	s := b.config["socket.request.max.bytes"]
	m.num > s.num
	loc := _socket_loc(b)
	body := sprintf(
		"message.max.bytes=%s (%s) is larger than socket.request.max.bytes=%s (%s): the broker refuses any request above %s and closes the connection, so a producer that sends a batch of up to message.max.bytes fails instead of being told the batch is too large; raise %s to at least %s (%s, plus room for the request header) or lower %s",
		[
			m.value, lib.origin(m), s.value, lib.origin(s), lib.human(s.num),
			lib.setting_name(b, "socket.request.max.bytes"), m.value, lib.human(m.num), lib.setting_name(b, "message.max.bytes"),
		],
	)
	rel := _related_set([["message.max.bytes", m], ["socket.request.max.bytes", s]], loc)
}

# ---- broker: message.max.bytes > replica.fetch.max.bytes (info)

_cases contains [loc, body, b.service, rel, "info", "broker"] if {
	some b in input.brokers
	m := b.config["message.max.bytes"]
	r := b.config["replica.fetch.max.bytes"]
	m.num > r.num + _log_overhead
	_some_set([m, r])
	loc := _loc_of_set([r, m], b.loc)
	not _socket_error_at(b, loc) # the error comes first; one finding per place
	body := sprintf(
		"message.max.bytes=%s (%s) is larger than replica.fetch.max.bytes=%s (%s): followers still copy a bigger batch (KIP-74) but one per fetch, so replication of large batches slows and followers can drop out of the ISR%s; set %s=%s",
		[m.value, lib.origin(m), r.value, lib.origin(r), _single(b), lib.setting_name(b, "replica.fetch.max.bytes"), m.value],
	)
	rel := _related_set([["message.max.bytes", m], ["replica.fetch.max.bytes", r]], loc)
}

# _socket_loc is where message.max.bytes > socket.request.max.bytes is
# reported: the socket limit if the project sets it, else message.max.bytes.
_socket_loc(b) := _loc_of_set([b.config["socket.request.max.bytes"], b.config["message.max.bytes"]], b.loc)

_socket_error_at(b, loc) if {
	b.config["message.max.bytes"].num > b.config["socket.request.max.bytes"].num
	_socket_loc(b) == loc
}

_single(b) := "; this cluster has a single broker, so it matters once topics have replicas" if {
	lib.cluster_of(b).broker_count == 1
} else := ""

# ---- Spark: a Kafka source's fetch size below the broker's message.max.bytes (info)

_cases contains [loc, body, app.id, rel, "info", "app"] if {
	some app in input.apps
	some [loc, f, broker] in _fetch_sizes(app)
	b := lib.broker_by_service(broker)
	m := b.config["message.max.bytes"]
	f.num + _log_overhead < m.num
	_some_set([m, f])
	topics := sort({c.topic | some c in app.consumes; c.broker == broker; _reads_at(app, c) == loc})
	body := sprintf(
		"%s reads %s from %s with kafka.max.partition.fetch.bytes=%s (%s) below the broker's message.max.bytes=%s (%s): the consumer still receives a bigger batch (KIP-74) but one per fetch, so large messages are read slowly; %s",
		[
			lib.app_label(app), concat(", ", [sprintf("%q", [t]) | some t in topics]), lib.broker_label(b), f.value, _fetch_origin(f),
			m.value, lib.origin(m), _fetch_fix(app, loc, m),
		],
	)
	rel := [lib.related(m.loc, "message.max.bytes is set here") | m.loc]
}

# _fetch_sizes are [location, fetch size, broker] per Kafka source (or
# DStream kafkaParams) of the app and broker it reads from.
_fetch_sizes(app) := {[loc, f, c.broker] |
	some c in app.consumes
	c.broker
	c.broker != ""
	loc := _reads_at(app, c)
	f := _fetch_size(app, c)
}

# _reads_at is where the fetch size is, or would be, written: the option,
# else the source's readStream call; for a DStream the kafkaParams entry,
# else the StreamingContext call.
_reads_at(app, c) := lib.loc_or(_fetch_size(app, c), app.sources[c.source].loc) if c.source >= 0

_reads_at(app, c) := lib.loc_or(_fetch_size(app, c), _dstream_loc(app)) if c.source < 0

_dstream_loc(app) := app.streaming_context.loc if app.streaming_context

_dstream_loc(app) := app.loc if not app.streaming_context

# a written fetch size counts when Go could read its number (num)
_fetch_size(app, c) := v if {
	v := _written_fetch_size(app, c)
	is_number(v.num)
} else := {"value": format_int(_consumer_default, 10), "num": _consumer_default, "source": "default"} if {
	not _written_fetch_size(app, c)
}

_written_fetch_size(app, c) := lib.stream_option(app.sources[c.source], "kafka.max.partition.fetch.bytes") if c.source >= 0

_written_fetch_size(app, c) := app.kafka_params["max.partition.fetch.bytes"] if c.source < 0

_fetch_origin(f) := sprintf("set at %s:%d", [f.loc.file, f.loc.line]) if f.loc

_fetch_origin(f) := "the Kafka consumer default" if not f.loc

_fetch_fix(app, loc, m) := sprintf("set .option(\"kafka.max.partition.fetch.bytes\", \"%s\") on the source", [m.value]) if {
	some s in app.sources
	s.format == "kafka"
	_near(s, loc)
} else := sprintf("set \"max.partition.fetch.bytes\" -> \"%s\" in the kafkaParams", [m.value])

_near(s, loc) if s.loc == loc

_near(s, loc) if {
	some _, v in s.options
	v.loc == loc
}

# ---- helpers

_some_set(vs) if {
	some v in vs
	v.set
}

# _loc_of_set is where the first value the project sets is written, else
# the broker (both are defaults or baselines).
_loc_of_set(vs, _) := [v.loc | some v in vs; v.loc][0]

_loc_of_set(vs, fallback) := fallback if {
	every v in vs {
		not v.loc
	}
}

_related_set(kvs, primary) := [lib.related(v.loc, sprintf("%s is set here", [k])) | some [k, v] in kvs; v.loc; v.loc != primary]

# One finding per location and message, naming every broker or app
# concerned, with the severity of its condition. An app's message names
# the app itself.
deny contains f if {
	some [loc, body, rel, sev, kind], who in _who_at
	f := lib.finding_related_severity(rego.metadata.chain(), _message(kind, who, body), loc, rel, sev)
}

# _who_at groups the cases, once.
_who_at := lib.group_by({[[loc, body, rel, sev, kind], w] | some [loc, body, w, rel, sev, kind] in _cases})

_message("broker", who, body) := sprintf("%s: %s", [lib.brokers_label(who), body])

_message("app", _, body) := body
