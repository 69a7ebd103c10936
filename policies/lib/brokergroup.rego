# Broker-group helpers of the streamlint library: brokers that share a
# setting (a YAML anchor, an extends base, one mounted file) get one
# finding that names them all, instead of one finding per broker that the
# runner would then join message by message.
package streamlint.lib

# brokers_label names one or more broker services for messages:
# `broker "kafka"`, `brokers "kafka-1", "kafka-2"`.
brokers_label(services) := sprintf("broker %q", services) if count(services) == 1

brokers_label(services) := sprintf("brokers %s", [concat(", ", [sprintf("%q", [s]) | some s in sort(services)])]) if count(services) > 1
