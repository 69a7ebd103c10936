# METADATA
# title: Too few partitions
# description: |
#   A topic's partitions are its unit of parallelism: a consumer group (or a
#   Spark Kafka source) reads a partition with one task at a time. With fewer
#   partitions than kafka.min_partitions (default 3) a backlog can only be
#   drained by one or two readers, however many Spark cores there are. This
#   fires on the broker's effective num.partitions (used by auto-created
#   topics, and with auto.create.topics.enable=false by topics created
#   without --partitions, which the message names; Kafka's default is 1)
#   and on topics the project creates.
# related_resources:
#   - ref: https://kafka.apache.org/documentation/#brokerconfigs_num.partitions
#     description: Kafka broker configuration, num.partitions
# custom:
#   id: KAF005
#   severity: error
#   remediation: |
#     Set num.partitions (e.g. `KAFKA_NUM_PARTITIONS: 3`) or create the topics
#     with `--partitions` at least the number of consumer tasks you need.
package streamlint.rules.KAF005

import data.streamlint.lib

_min := input.params.kafka.min_partitions

deny contains f if {
	some b in input.brokers
	v := b.config["num.partitions"]
	v.num < _min
	msg := sprintf(
		"%s: num.partitions=%s (%s) is below %d: %s get%s %s partition(s), so at most %s consumer task(s) can read each topic in parallel; set %s to at least %d",
		[lib.broker_label(b), v.value, lib.origin(v), _min, lib.default_takers(b, "partitions"), lib.verb_s(b, "partitions"), v.value, v.value, lib.setting_name(b, "num.partitions"), _min],
	)
	f := lib.finding(rego.metadata.chain(), msg, lib.loc_or(v, b.loc))
}

deny contains f if {
	some t in input.topics
	t.partitions > 0
	t.partitions < _min
	msg := sprintf(
		"topic %q is created with %d partition(s) (%s), below %d: at most %d consumer task(s) can read it in parallel; %s",
		[t.name, t.partitions, t.source, _min, t.partitions, _fix(t)],
	)
	f := lib.finding(rego.metadata.chain(), msg, t.partitions_loc)
}

_fix(t) := sprintf("add partitions with kafka-topics --alter --topic %s --partitions %d (keys then map to other partitions)", [t.name, _min]) if t.live

_fix(t) := sprintf("create it with --partitions %d or more", [_min]) if not t.live
