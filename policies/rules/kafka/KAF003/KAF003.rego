# METADATA
# title: Segment size is not below the size retention
# description: |
#   Kafka deletes only closed segments. When log.segment.bytes is at least the
#   bounded log.retention.bytes, the active segment alone can reach the cap and
#   is never deleted until it rolls, so a partition holds up to retention +
#   segment bytes, about twice the intended cap.
# related_resources:
#   - ref: https://kafka.apache.org/documentation/#brokerconfigs_log.segment.bytes
#     description: Kafka broker configuration, log.segment.bytes
# custom:
#   id: KAF003
#   severity: warning
#   remediation: |
#     Make log.segment.bytes a fraction of log.retention.bytes (a tenth is
#     common), e.g. 104857600 (100 MiB) for a 1 GiB per-partition retention.
package streamlint.rules.KAF003

import data.streamlint.lib

deny contains f if {
	some b in input.brokers
	ret := b.config["log.retention.bytes"]
	seg := b.config["log.segment.bytes"]
	ret.num > 0
	seg.num >= ret.num
	msg := sprintf(
		"%s: log.segment.bytes=%s (%s) >= log.retention.bytes=%s (%s): only closed segments are deleted, so a partition holds up to %s, not %s; use a segment size of about a tenth of the retention (%d)",
		[
			lib.broker_label(b), seg.value, lib.origin(seg), ret.value, lib.origin(ret),
			lib.human(ret.num + seg.num), lib.human(ret.num), round(ret.num / 10),
		],
	)
	f := lib.finding_related(rego.metadata.chain(), msg, lib.loc_or(seg, lib.loc_or(ret, b.loc)), [lib.related(ret.loc, "log.retention.bytes is set here") | ret.loc])
}
