# METADATA
# title: Broker heap does not fit the container
# description: |
#   The broker's JVM heap (-Xmx in KAFKA_HEAP_OPTS, else the start script's
#   default of 1 GiB) is as large as or larger than the container's memory
#   limit (mem_limit or deploy.resources.limits.memory). A JVM needs memory
#   beyond its heap (metaspace, thread stacks, direct buffers for network
#   and disk I/O), and Kafka relies on the operating system's page cache for
#   its logs, so once the heap fills up the kernel kills the container
#   (OOMKilled, exit code 137) and the broker restarts in a loop under load.
#   apache/kafka-native runs without a JVM and is not checked.
# related_resources:
#   - ref: https://kafka.apache.org/documentation/#java
#     description: Kafka operations, Java version and JVM settings (heap sizing)
#   - ref: https://docs.docker.com/reference/compose-file/deploy/#resources
#     description: Compose Deploy Specification, resources limits memory
#   - ref: https://docs.confluent.io/platform/current/installation/docker/config-reference.html
#     description: Confluent Docker configuration reference (KAFKA_HEAP_OPTS)
# custom:
#   id: KAF014
#   severity: error
#   remediation: |
#     Keep the heap well below the limit: about half of it, leaving the rest
#     to the JVM's other memory and the page cache, e.g. with
#     `mem_limit: 2g` set `KAFKA_HEAP_OPTS: "-Xmx1g -Xms1g"`; or raise the
#     limit to at least twice the heap.
package streamlint.rules.KAF014

import data.streamlint.lib

deny contains f if {
	some b in input.brokers
	not b.native
	heap := b.heap.num
	svc := lib.service_named(b.service)
	limit := svc.mem_limit.num
	heap >= limit
	msg := sprintf(
		"%s: JVM heap %s (%s) %s the container memory limit %s (%s): the JVM needs memory beyond its heap (metaspace, threads, direct buffers) and Kafka relies on the page cache, so the container is OOM-killed (exit 137) once the heap fills; set %s=\"-Xmx%dm -Xms%dm\" (half the limit) or raise the limit to at least %s (twice the heap)",
		[
			lib.broker_label(b), lib.human(heap), _heap_where(b), _cmp(heap, limit), lib.human(limit), lib.origin(svc.mem_limit),
			_heap_var(b), _half_mib(limit), _half_mib(limit), lib.human(2 * heap),
		],
	)
	f := lib.finding_related(rego.metadata.chain(), msg, _primary(b, svc), _related(b, svc))
}

_cmp(heap, limit) := "equals" if heap == limit

_cmp(heap, limit) := "exceeds" if heap > limit

# Half the limit in MiB, rounded down.
_half_mib(limit) := floor((limit / 2) / 1048576)

_heap_var(b) := b.heap.var if b.heap.var

_heap_var(b) := "HEAP_OPTS" if {
	not b.heap.var
	b.family == "debezium"
}

_heap_var(b) := "KAFKA_HEAP_OPTS" if {
	not b.heap.var
	object.get(b, "family", "") != "debezium"
}

_heap_where(b) := sprintf("%s=%s at %s:%d", [b.heap.var, b.heap.value, b.heap.loc.file, b.heap.loc.line]) if b.heap.loc

_heap_where(b) := sprintf("%s unset, so the image's default %s", [_heap_var(b), b.heap.value]) if not b.heap.loc

# The heap is the setting to change when the project writes it; otherwise
# the limit is the only place written.
_primary(b, _) := b.heap.loc if b.heap.loc

_primary(b, svc) := lib.loc_or(svc.mem_limit, b.loc) if not b.heap.loc

_related(b, svc) := [lib.related(svc.mem_limit.loc, "container memory limit")] if {
	b.heap.loc
	svc.mem_limit.loc
}

_related(b, _) := [] if not b.heap.loc

_related(b, svc) := [] if {
	b.heap.loc
	not svc.mem_limit.loc
}
