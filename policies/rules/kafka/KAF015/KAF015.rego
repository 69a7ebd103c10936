# METADATA
# title: Topics are created automatically
# description: |
#   With auto.create.topics.enable true (Kafka's default, and the value of
#   every image that does not set it) the broker creates a topic the first
#   time a producer writes to it or a consumer asks for its metadata. A
#   typo in a topic name, an old job still running, or a test client
#   pointed at the wrong cluster silently creates a new topic, with the
#   broker's num.partitions and default.replication.factor (1 and 1 unless
#   set), instead of failing. The data goes where nobody reads it, and the
#   topics you meant to create get whatever defaults the broker has.
#   Convenient on a laptop (the dev profile turns this rule off), a finding
#   for production.
# related_resources:
#   - ref: https://kafka.apache.org/documentation/#brokerconfigs_auto.create.topics.enable
#     description: Kafka broker configuration, auto.create.topics.enable
#   - ref: https://kafka.apache.org/documentation/#basic_ops_add_topic
#     description: Kafka operations, Adding and removing topics
# custom:
#   id: KAF015
#   severity: warning
#   profiles:
#     dev: "off"
#   remediation: |
#     Set auto.create.topics.enable to false (`KAFKA_AUTO_CREATE_TOPICS_ENABLE: "false"`,
#     `KAFKA_CFG_AUTO_CREATE_TOPICS_ENABLE` on bitnami) and create every topic
#     explicitly with its partitions and replication factor, e.g. an init
#     service running `kafka-topics --create --if-not-exists --topic T
#     --partitions 6 --replication-factor 3`.
package streamlint.rules.KAF015

import data.streamlint.lib

deny contains f if {
	some b in input.brokers
	v := lib.configured(b, "auto.create.topics.enable")
	v.bool == true
	msg := sprintf(
		"%s: auto.create.topics.enable is true (%s): a producer or consumer that names a topic that does not exist (a typo, an old name) silently creates it, with %s and %s, instead of failing; set %s=false and create topics explicitly (kafka-topics --create)",
		[
			lib.broker_label(b), _where(v),
			_effective(b, "num.partitions", "1"), _effective(b, "default.replication.factor", "1"),
			lib.setting_name(b, "auto.create.topics.enable"),
		],
	)
	f := lib.finding(rego.metadata.chain(), msg, lib.loc_or(v, b.loc))
}

_where(v) := sprintf("%s=%s at %s:%d", [v.var, v.value, v.loc.file, v.loc.line]) if {
	v.loc
	v.var
}

_where(v) := sprintf("set at %s:%d", [v.loc.file, v.loc.line]) if {
	v.loc
	not v.var
}

_where(v) := "Kafka's default" if {
	not v.loc
	v.source == "default"
}

_where(v) := lib.origin(v) if {
	not v.loc
	v.source != "default"
}

# _effective describes the value an auto-created topic would get.
_effective(b, key, _) := sprintf("%s=%s (%s)", [key, v.value, lib.origin(v)]) if v := lib.configured(b, key)

# an unset ${VAR}: its value is unknown
_effective(b, key, _) := sprintf("%s from %s (%s, unknown here)", [key, v.value, lib.origin(v)]) if {
	v := b.config[key]
	v.unresolved
	not startswith(v.value, "<unknown: ")
}

# what the image, an unread env_file or the compose file a service
# overrides may set: the model's value says which
_effective(b, key, _) := sprintf("%s unknown here (%s)", [key, trim_suffix(trim_prefix(v.value, "<unknown: "), ">")]) if {
	v := b.config[key]
	v.unresolved
	startswith(v.value, "<unknown: ")
}

_effective(b, key, def) := sprintf("%s=%s (the default)", [key, def]) if {
	not lib.configured(b, key)
	not b.config[key].unresolved
}
