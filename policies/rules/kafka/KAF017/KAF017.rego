# METADATA
# title: Removed or deprecated broker property
# description: |
#   The project sets a broker property that the image's Kafka version no
#   longer has, or has deprecated. Kafka does not fail on a removed
#   property: it logs it as an unknown configuration and ignores it, so the
#   setting silently does nothing. The classic case is
#   KAFKA_ADVERTISED_HOST_NAME copied from an old wurstmeister example onto
#   a Kafka 3 image: advertised.host.name was removed in 3.0 and the broker
#   advertises something else. ZooKeeper settings are ignored by a KRaft
#   node (one with process.roles set) and no longer exist at all in Kafka 4,
#   which has no ZooKeeper mode: a Kafka 4 cp-kafka or bitnami broker still
#   configured for ZooKeeper, without process.roles, does not start at all
#   (an error: process.roles and node.id are required from 4.0). A deprecated property still works on this
#   version but goes away in a later release. The version comes from the
#   image tag; for tags that do not name one (latest, build:) set
#   `versions: kafka:` in the configuration file, otherwise only the
#   version-independent ZooKeeper-on-KRaft case is reported.
# related_resources:
#   - ref: https://kafka.apache.org/documentation/#upgrade
#     description: Kafka upgrade notes (removed and deprecated configurations per release)
#   - ref: https://kafka.apache.org/40/getting-started/zk2kraft
#     description: Kafka 4.0, differences between KRaft mode and ZooKeeper mode (removed ZooKeeper configurations)
#   - ref: https://kafka.apache.org/documentation/#brokerconfigs_advertised.listeners
#     description: Kafka broker configuration, advertised.listeners (replaces advertised.host.name and advertised.port)
# custom:
#   id: KAF017
#   severity: warning
#   remediation: |
#     Replace the property by its successor (advertised.host.name and
#     advertised.port by advertised.listeners, host.name and port by
#     listeners, log.message.timestamp.difference.max.ms by
#     log.message.timestamp.before.max.ms/after.max.ms), or remove it;
#     remove ZooKeeper settings from KRaft nodes and from every Kafka 4 broker.
package streamlint.rules.KAF017

import data.streamlint.lib

deny contains f if {
	some b in input.brokers
	some p in b.properties
	_flagged(p)
	kind := _kind(b, p)
	kind != "kafka4-no-roles"
	msg := _message(kind, b, p)
	f := lib.finding_related(rego.metadata.chain(), msg, p.loc, _related(kind, b))
}

# A Kafka 4 node configured for ZooKeeper, without process.roles, does not
# start at all (process.roles and node.id are required from 4.0,
# KAFKA-18331): an error, whose fix is KRaft, not removing the setting.
# apache/kafka's case is KAF021's (its packaged KRaft defaults dropped).
deny contains f if {
	some b in input.brokers
	some p in b.properties
	p.zookeeper
	_kind(b, p) == "kafka4-no-roles"
	msg := sprintf(
		"%s: %s is a ZooKeeper-mode setting and this broker runs Kafka %s (%s), which has no ZooKeeper mode (removed in 4.0) and requires process.roles and node.id: with no %s the broker does not start; configure KRaft (%s, %s, %s and CLUSTER_ID) and remove the ZooKeeper settings",
		[lib.broker_label(b), _written(p), b.kafka_version, _version_from(b), lib.setting_name(b, "process.roles"), lib.setting_name(b, "process.roles"), lib.setting_name(b, "node.id"), lib.setting_name(b, "controller.quorum.voters")],
	)
	f := lib.finding_related_severity(rego.metadata.chain(), msg, p.loc, [], "error")
}

# _flagged: a property _kind may classify (the others, most of a broker's,
# are passed over before the classification is tried).
_flagged(p) if p.zookeeper

_flagged(p) if p.removed_in

_flagged(p) if p.deprecated

# _kind classifies a property; the first that applies wins.
_kind(b, p) := "kafka4-no-roles" if {
	p.zookeeper
	b.kafka_release[0] >= 4
	b.mode != "kraft"
	b.family in {"confluent", "bitnami"}
	not b.image_guessed
	not b.config["process.roles"].unresolved
} else := "kafka4" if {
	p.zookeeper
	b.kafka_release[0] >= 4
	object.get(p, "removed_in", "4.0") in {"", "4.0"}
} else := "removed" if {
	p.removed_in
} else := "kraft" if {
	p.zookeeper
	b.mode == "kraft"
	not _migrating(b)
	not startswith(p.key, "zookeeper.metadata.migration.")
} else := "superseded" if {
	p.deprecated
	b.kafka_version != ""
	v := lib.configured(b, _successor(p))
	not _derived(v)
} else := "deprecated" if {
	p.deprecated
	b.kafka_version != ""
}

# _successor is the property the catalog names as the replacement ("use
# advertised.listeners").
_successor(p) := m[0][1] if {
	m := regex.find_all_string_submatch_n(`use ([a-z0-9._/]+)(?:[);]|$)`, object.get(p, "status", ""), 1)
	count(m) == 1
}

# A value the model derives (advertised.listeners from advertised.host.name
# and port, as Kafka before 3.0 does) is not written: the deprecated
# property is what sets it, not something the successor overrides.
_derived(v) if v.source == "derived"

# A KRaft controller migrating from ZooKeeper needs zookeeper.connect.
_migrating(b) if b.config["zookeeper.metadata.migration.enable"].bool == true

_message("removed", b, p) := sprintf(
	"%s: %s was removed in Kafka %s and this broker runs Kafka %s (%s): Kafka only logs it as an unknown config and ignores it, so the setting has no effect; %s",
	[lib.broker_label(b), _written(p), p.removed_in, b.kafka_version, _version_from(b), _advice(b, p, "remove it")],
)

_message("kafka4", b, p) := sprintf(
	"%s: %s is a ZooKeeper-mode setting and this broker runs Kafka %s (%s), which has no ZooKeeper mode (removed in 4.0): the setting has no effect; remove it",
	[lib.broker_label(b), _written(p), b.kafka_version, _version_from(b)],
)

_message("kraft", b, p) := sprintf(
	"%s: %s is a ZooKeeper-mode setting, but this node runs in KRaft mode (%s): it keeps its metadata in the controller quorum and never reads the setting; %s (ZooKeeper settings matter on a KRaft node only during a migration, with zookeeper.metadata.migration.enable=true)",
	[lib.broker_label(b), _written(p), _roles(b), _advice(b, p, "remove it")],
)

_message("superseded", b, p) := sprintf(
	"%s: %s is deprecated%s%s, and the broker already uses %s instead, which is set: Kafka %s (%s) ignores this one; remove it",
	[lib.broker_label(b), _written(p), _since(p), _removed_later(p), _name(b, _successor(p)), b.kafka_version, _version_from(b)],
)

_message("deprecated", b, p) := sprintf(
	"%s: %s is deprecated%s%s%s: Kafka %s (%s) still accepts it, but an upgrade of the image will silently drop it; %s",
	[lib.broker_label(b), _written(p), _since(p), _removed_later(p), _ignored(p), b.kafka_version, _version_from(b), _advice(b, p, "plan to remove it")],
)

# The process.roles setting is the other place of a ZooKeeper-on-KRaft finding.
_related("kraft", b) := [lib.related(v.loc, "process.roles makes this node a KRaft node")] if {
	v := b.config["process.roles"]
	v.loc
} else := []

_related(kind, _) := [] if kind != "kraft"

# _written names the setting as the project writes it, never a secret value.
_written(p) := sprintf("%s (%s) at %s:%d", [p.var, p.key, p.loc.file, p.loc.line]) if {
	p.var
	_secret(p)
}

_written(p) := sprintf("%s=%s (%s) at %s:%d", [p.var, p.value, p.key, p.loc.file, p.loc.line]) if {
	p.var
	not _secret(p)
}

_written(p) := sprintf("%s at %s:%d", [p.key, p.loc.file, p.loc.line]) if {
	not p.var
	_secret(p)
}

_written(p) := sprintf("%s=%s at %s:%d", [p.key, p.value, p.loc.file, p.loc.line]) if {
	not p.var
	not _secret(p)
}

_secret(p) if p.secret

_version_from(b) := sprintf("versions: kafka in the configuration file, as the tag of %s names none", [b.image]) if {
	b.kafka_version_from == "config"
} else := sprintf("image %s", [b.image]) if {
	b.image
} else := "the configured version"

_roles(b) := sprintf("process.roles=%s at %s:%d", [v.value, v.loc.file, v.loc.line]) if {
	v := b.config["process.roles"]
	v.loc
} else := sprintf("process.roles=%s", [b.config["process.roles"].value]) if {
	b.config["process.roles"]
} else := "process.roles is set"

_since(p) := sprintf(" since Kafka %s", [p.deprecated_since]) if p.deprecated_since

_since(p) := "" if not p.deprecated_since

# _ignored repeats the catalog's note when a deprecated property is
# already ignored in some circumstances (log.message.format.version).
_ignored(p) := sprintf(" (%s)", [m[0][1]]) if {
	m := regex.find_all_string_submatch_n(`\(([^()]*ignored[^()]*)\)`, object.get(p, "status", ""), 1)
	count(m) == 1
} else := ""

# _removed_later: the release the catalog says removes it, if any.
_removed_later(p) := sprintf(" and removed in Kafka %s", [m[0][1]]) if {
	m := regex.find_all_string_submatch_n(`removed in ([0-9]+\.[0-9]+)`, object.get(p, "status", ""), 1)
	count(m) == 1
} else := ""

# _advice names the successor the catalog gives ("use advertised.listeners"),
# with the variable that sets it on this image.
_advice(b, p, fallback) := sprintf("use %s instead", [_name(b, r)]) if {
	m := regex.find_all_string_submatch_n(`use ([a-z0-9._/]+)(?:[);]|$)`, object.get(p, "status", ""), 1)
	count(m) == 1
	r := m[0][1]
} else := fallback

_name(b, key) := sprintf("%s (%s)", [key, b.env_names[key]]) if b.env_names[key]

_name(b, key) := key if not b.env_names[key]
