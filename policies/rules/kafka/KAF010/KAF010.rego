# METADATA
# title: Unknown broker property
# description: |
#   Each Kafka image turns environment variables into broker properties by
#   its own convention (KAFKA_LOG_RETENTION_HOURS on Confluent, Apache and
#   wurstmeister images; KAFKA_CFG_LOG_RETENTION_HOURS on Bitnami). A typo
#   in the name, or a variable of another image's convention, yields a
#   property the broker does not have: Kafka logs it as unused once at
#   start-up and keeps its default, so the setting silently does nothing.
#   Image helper variables (KAFKA_HEAP_OPTS, KAFKA_JMX_PORT, KAFKA_OPTS,
#   CLUSTER_ID, ...) are not properties and are not reported; topic-level
#   and client keys are KAF009's.
# related_resources:
#   - ref: https://kafka.apache.org/documentation/#brokerconfigs
#     description: Kafka broker configurations (every key a broker accepts)
#   - ref: https://docs.confluent.io/platform/current/installation/docker/config-reference.html
#     description: Confluent Docker images, how KAFKA_* variables become properties
#   - ref: https://github.com/bitnami/containers/tree/main/bitnami/kafka#configuration
#     description: Bitnami Kafka image, KAFKA_CFG_* variables
# custom:
#   id: KAF010
#   severity: warning
#   remediation: |
#     Rename the variable to the property you meant in the image's convention
#     (the message names it, e.g. `KAFKA_REPLICA_FETCH_MAX_BYTES` on
#     cp-kafka, `KAFKA_CFG_LOG_RETENTION_HOURS` on Bitnami), or remove it.
#     Create topics with an init service running `kafka-topics --create`
#     rather than KAFKA_CREATE_TOPICS outside wurstmeister.
package streamlint.rules.KAF010

import data.streamlint.lib

# _cases are [location, message without the broker, service]; brokers that
# share the setting share one finding.

# A property that is neither a broker key, a topic-level key nor a client
# key (KAF009 judges those two) after the image's mapping. Its value is
# never printed (it may be a secret).
_cases contains [p.loc, body, b.service] if {
	some b in input.brokers
	some p in b.properties
	_unknown(p)
	not _explained(b, p)
	body := sprintf("%s is not a Kafka broker property: the broker logs it as unused and ignores it; %s", [_written(b, p), _fix(b, p)])
}

# A variable the image ignores or misreads: another image's convention
# (KAFKA_CFG_* on Confluent or Apache images, KAFKA_CREATE_TOPICS outside
# wurstmeister), a plain KAFKA_* name Bitnami does not alias, ...
_cases contains [ig.loc, body, b.service] if {
	some b in input.brokers
	some ig in b.ignored
	body := sprintf("%s does nothing: %s%s", [ig.var, ig.reason, _instead(b, ig)])
}

# A variable that makes the image's entrypoint exit before Kafka starts
# (cp-kafka's KAFKA_PORT, KAFKA_HOST, KAFKA_ADVERTISED_HOST/PORT, the
# wurstmeister-era names).
_cases contains [r.loc, body, b.service] if {
	some b in input.brokers
	some r in b.rejected
	body := sprintf("%s, so the broker never starts; remove it", [r.reason])
}

deny contains f if {
	some [loc, body], services in _services_at
	f := lib.finding(rego.metadata.chain(), sprintf("%s: %s", [lib.brokers_label(services), body]), loc)
}

# _services_at groups the cases by location and message, once.
_services_at := lib.group_by({[[loc, body], s] | some [loc, body, s] in _cases})

_unknown(p) if {
	not p.known
	not p.topic_level
	not p.client
	not p.plugin
}

# _explained: the variable is also an ignored one (apache/kafka before 4.0
# turns KAFKA_KAFKA_X into x), whose explanation says more.
_explained(b, p) if {
	some ig in b.ignored
	ig.var == p.var
	ig.loc == p.loc
}

# An image whose convention is guessed from its variable names may read
# variables of its own (obsidiandynamics/kafka's KAFKA_RESTART_ATTEMPTS):
# a variable it translates to no Kafka property is not judged.
_explained(b, p) if {
	b.image_guessed
	p.var
}

_written(b, p) := sprintf("%s becomes %s on %s, which", [p.var, p.key, b.image]) if p.var

_written(_, p) := sprintf("%s (%s:%d)", [p.key, p.loc.file, p.loc.line]) if not p.var

_fix(b, p) := sprintf("did you mean %s (%s)?%s", [p.suggestion, lib.setting_name(b, p.suggestion), _meant_value(b, p.suggestion)]) if {
	p.suggestion
	p.suggestion != ""
} else := "check the spelling against the broker configuration reference, or remove it"

# _meant_value says what the suggested property is meanwhile, when the
# model carries its effective value.
_meant_value(b, key) := sprintf(" Until then the broker uses %s=%s (%s)", [key, v.value, lib.origin(v)]) if {
	v := b.config[key]
	not v.secret
} else := ""

_instead(b, ig) := sprintf("; use %s", [name]) if {
	ig.would_be
	name := b.env_names[ig.would_be]
	name != ig.var
	not contains(ig.reason, name)
} else := "; create topics with an init service running kafka-topics --create" if {
	startswith(ig.var, "KAFKA_CREATE_TOPICS")
} else := ""
