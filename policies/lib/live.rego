# Helpers for the rules that judge a running cluster (check
# --bootstrap-server): the input then has `live`, `groups` and topics with
# `live` partitions, and values whose source is what Kafka's
# DescribeConfigs reports.
package streamlint.lib

# live is true when the input is a running cluster, not a repository.
live if input.live

# origin of a running cluster's value, by the source Kafka reports.
origin(v) := "the running broker's server.properties, a static broker config" if {
	not v.loc
	v.source == "static-broker-config"
}

origin(v) := "a dynamic config of the running broker, set with kafka-configs --entity-type brokers --entity-name N" if {
	not v.loc
	v.source == "dynamic-broker-config"
}

origin(v) := "the running cluster's dynamic default, set with kafka-configs --entity-type brokers --entity-default" if {
	not v.loc
	v.source == "dynamic-default-broker-config"
}

origin(v) := "the topic's own config, set with kafka-configs --entity-type topics" if {
	not v.loc
	v.source == "dynamic-topic-config"
}

origin(v) := "the running cluster" if {
	not v.loc
	v.source == "cluster"
}

# at names a location for messages: file:line, or a kafka:// URI as is.
at(loc) := sprintf("%s:%d", [loc.file, loc.line]) if loc.line > 0

at(loc) := loc.file if not loc.line > 0

# percent formats a share as a whole percentage ("95%").
percent(x) := sprintf("%d%%", [floor((x * 100) + 0.5)])

# topic_named is a running topic of the input by name.
topic_named(name) := t if {
	some t in input.topics
	t.name == name
}

# topic_config is a topic's effective value of key (retention.bytes ...).
topic_config(t, key) := t.config[key]
