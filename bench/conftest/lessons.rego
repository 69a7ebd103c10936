# The incident's lessons as a conftest policy on raw compose YAML: the
# yardstick bench/run.sh times beside streamlint. It knows nothing of
# images, defaults or Spark jobs: only the environment a compose file
# writes, in either of compose's two forms (a map, or a list of K=V).
package main

import rego.v1

services := object.get(input, "services", {})

# env is a service's environment as an object, whichever form it has.
env(svc) := e if {
	is_object(svc.environment)
	e := {k: sprintf("%v", [v]) | some k, v in svc.environment}
}

env(svc) := e if {
	is_array(svc.environment)
	e := {k: v | some item in svc.environment; [k, v] := split_kv(item)}
}

env(svc) := {} if not svc.environment

split_kv(item) := [k, v] if {
	i := indexof(item, "=")
	i > 0
	k := substring(item, 0, i)
	v := substring(item, i + 1, -1)
}

is_broker(svc) if contains(object.get(svc, "image", ""), "kafka")

is_broker(svc) if env(svc).KAFKA_BROKER_ID

is_broker(svc) if env(svc).KAFKA_NODE_ID

brokers := {name | some name, svc in services; is_broker(svc); env(svc).KAFKA_LISTENERS}

broker_count := count(brokers)

setting(name, key) := env(services[name])[key]

num(name, key, default_value) := to_number(setting(name, key))

num(name, key, default_value) := default_value if not setting(name, key)

# Lesson 1: size retention must be bounded (the disk filled).
deny contains msg if {
	some b in brokers
	not setting(b, "KAFKA_LOG_RETENTION_BYTES")
	msg := sprintf("%s: KAFKA_LOG_RETENTION_BYTES is not set: only time bounds retention", [b])
}

# Lesson 2: enough partitions for parallel consumers.
deny contains msg if {
	some b in brokers
	n := num(b, "KAFKA_NUM_PARTITIONS", 1)
	n < 3
	msg := sprintf("%s: KAFKA_NUM_PARTITIONS is %v, below 3", [b, n])
}

# Lesson 3: internal topics' replication must fit the brokers.
deny contains msg if {
	some b in brokers
	some key in ["KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR"]
	rf := num(b, key, 3)
	rf > broker_count
	msg := sprintf("%s: %s=%v exceeds the %d broker(s)", [b, key, rf, broker_count])
}

# Lesson 4: one copy of the data is not durable.
warn contains msg if {
	some b in brokers
	rf := num(b, "KAFKA_DEFAULT_REPLICATION_FACTOR", 1)
	rf < 3
	msg := sprintf("%s: KAFKA_DEFAULT_REPLICATION_FACTOR is %v, below 3", [b, rf])
}

# Lesson 5: a listener that clients inside the network cannot reach.
warn contains msg if {
	some b in brokers
	some l in split(object.get(env(services[b]), "KAFKA_ADVERTISED_LISTENERS", ""), ",")
	contains(l, "localhost")
	startswith(l, "PLAINTEXT:")
	msg := sprintf("%s: the inter-broker listener advertises localhost (%s)", [b, l])
}

# Lesson 6: a worker without a memory limit takes the machine's.
warn contains msg if {
	some name, svc in services
	env(svc).SPARK_MODE == "worker"
	not env(svc).SPARK_WORKER_MEMORY
	msg := sprintf("%s: SPARK_WORKER_MEMORY is not set", [name])
}
