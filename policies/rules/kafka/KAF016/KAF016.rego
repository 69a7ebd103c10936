# METADATA
# title: Unclean leader election enabled
# description: |
#   With unclean.leader.election.enable=true, when every in-sync replica of
#   a partition is down Kafka may elect a replica that is not in sync as
#   leader. The partition comes back sooner, but the messages that replica
#   never received are gone for good, including writes already acknowledged
#   with acks=all, and consumers may see offsets go backwards. Kafka's
#   default has been false since 0.11; turning it on trades durability for
#   availability, which a pipeline that must not lose records cannot afford.
# related_resources:
#   - ref: https://kafka.apache.org/documentation/#brokerconfigs_unclean.leader.election.enable
#     description: Kafka broker configuration, unclean.leader.election.enable
#   - ref: https://kafka.apache.org/documentation/#design_uncleanleader
#     description: Kafka design, Unclean leader election (what happens if they all die)
# custom:
#   id: KAF016
#   severity: warning
#   remediation: |
#     Remove the setting (Kafka's default is false) or set it to false, e.g.
#     `KAFKA_UNCLEAN_LEADER_ELECTION_ENABLE: "false"`; if a topic really prefers
#     availability over durability, enable it on that topic only with
#     `kafka-configs --alter --entity-type topics --add-config unclean.leader.election.enable=true`.
package streamlint.rules.KAF016

import data.streamlint.lib

deny contains f if {
	some b in input.brokers
	v := lib.configured(b, "unclean.leader.election.enable")
	v.bool == true
	msg := sprintf(
		"%s: unclean.leader.election.enable is true (%s): when every in-sync replica of a partition is down, a replica that is not in sync may become leader and the messages it lacks are lost, even writes acknowledged with acks=all; Kafka's default is false (since 0.11); remove %s or set it to false",
		[lib.broker_label(b), _where(v), lib.setting_name(b, "unclean.leader.election.enable")],
	)
	f := lib.finding(rego.metadata.chain(), msg, lib.loc_or(v, b.loc))
}

_where(v) := sprintf("%s at %s:%d", [_text(v), v.loc.file, v.loc.line]) if v.loc

_where(v) := lib.origin(v) if not v.loc

_text(v) := sprintf("%s=%s", [v.var, v.value]) if v.var

_text(v) := sprintf("unclean.leader.election.enable=%s", [v.value]) if not v.var
