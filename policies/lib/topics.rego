# Helpers about the topics a broker's defaults reach.
package streamlint.lib

# auto_create_off holds for a broker that does not create topics on first
# use (auto.create.topics.enable=false).
auto_create_off(b) if b.config["auto.create.topics.enable"].bool == false

# topics_without are the names, sorted, of the topics the project creates
# without a value for field ("partitions", "replication_factor"): they take
# the broker's default. Topics of a running cluster are not created here.
topics_without(field) := sort([t.name |
	some t in input.topics
	not t.live
	object.get(t, field, 0) == 0
])

# default_takers says which topics take a broker's default for field
# ("partitions", "replication_factor"), as the subject of a sentence
# whose verb follows it ("get", "keep"), with verb_s ("s" when the
# subject is one topic): auto-created topics, or with auto-creation off,
# the topics created without the option (named when the project creates
# them; kafka-topics without it, Kafka Connect and Streams with -1 take
# it too).
default_takers(b, _) := "auto-created topics" if not auto_create_off(b)

default_takers(b, field) := sprintf("topic %q, created without %s,", [names[0], _option[field]]) if {
	auto_create_off(b)
	names := topics_without(field)
	count(names) == 1
}

default_takers(b, field) := sprintf("topics %s, created without %s,", [concat(", ", [sprintf("%q", [n]) | some n in names]), _option[field]]) if {
	auto_create_off(b)
	names := topics_without(field)
	count(names) > 1
}

default_takers(b, field) := sprintf("auto.create.topics.enable is false, but topics created without %s (%s)", [_option[field], _default_creators[field]]) if {
	auto_create_off(b)
	count(topics_without(field)) == 0
}

verb_s(b, field) := "s" if {
	auto_create_off(b)
	count(topics_without(field)) == 1
} else := ""

_option := {"partitions": "--partitions", "replication_factor": "--replication-factor"}

# _default_creators are the tools that leave a topic's partitions or
# replication factor to the broker: Kafka Connect's
# topic.creation.default.* of -1 does both; Kafka Streams names the
# partitions of its internal topics itself but leaves their replication
# factor to the broker (replication.factor -1, the default from 3.0).
_default_creators := {
	"partitions": "kafka-topics, or Kafka Connect with -1",
	"replication_factor": "kafka-topics, or Kafka Connect and Streams with -1",
}
