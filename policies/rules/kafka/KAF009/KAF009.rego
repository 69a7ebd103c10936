# METADATA
# title: Topic-level or client setting given to the broker
# description: |
#   Some names look like broker settings but are not: max.message.bytes is the
#   topic-level name of the broker's message.max.bytes, and producer or
#   consumer keys (max.request.size, max.partition.fetch.bytes, acks, ...)
#   mean nothing to a broker. The Confluent, Apache and wurstmeister images
#   turn KAFKA_MAX_MESSAGE_BYTES into max.message.bytes; the broker logs it as
#   unused and keeps its default. (Bitnami maps that variable to
#   message.max.bytes, so it is fine there.)
# related_resources:
#   - ref: https://kafka.apache.org/documentation/#brokerconfigs_message.max.bytes
#     description: Kafka broker configuration, message.max.bytes
#   - ref: https://kafka.apache.org/documentation/#topicconfigs_max.message.bytes
#     description: Kafka topic configuration, max.message.bytes
# custom:
#   id: KAF009
#   severity: error
#   remediation: |
#     Use the broker name (KAFKA_MESSAGE_MAX_BYTES for message.max.bytes), set
#     topic-level values per topic with kafka-configs, and give client settings
#     to the clients (for Spark, as kafka.-prefixed source options).
package streamlint.rules.KAF009

import data.streamlint.lib

deny contains f if {
	some b in input.brokers
	some p in b.properties
	p.topic_level
	p.broker_name != ""
	msg := sprintf(
		"%s: %s becomes %s on the %s image, the topic-level name; the broker setting is %s (%s), so the broker ignores this and keeps its default",
		[lib.broker_label(b), _written(p), p.key, b.family, p.broker_name, lib.setting_name(b, p.broker_name)],
	)
	f := lib.finding(rego.metadata.chain(), msg, p.loc)
}

deny contains f if {
	some b in input.brokers
	some p in b.properties
	p.topic_level
	not p.broker_name
	msg := sprintf("%s: %s is a topic-level setting with no broker-wide equivalent; the broker ignores it; set it per topic with kafka-configs --alter", [lib.broker_label(b), _written(p)])
	f := lib.finding(rego.metadata.chain(), msg, p.loc)
}

deny contains f if {
	some b in input.brokers
	some p in b.properties
	p.client
	msg := sprintf("%s: %s is a producer/consumer setting, unknown to the broker, which ignores it; configure it on the clients", [lib.broker_label(b), _written(p)])
	f := lib.finding(rego.metadata.chain(), msg, p.loc)
}

_written(p) := sprintf("%s (%s)", [p.var, p.key]) if p.var

_written(p) := p.key if not p.var
