# METADATA
# title: Kafka data not on a volume
# description: |
#   The broker's effective log directory (log.dirs, else log.dir; each image
#   has its own default: /var/lib/kafka/data on cp-kafka, /bitnami/kafka/data
#   on bitnami, /tmp/kraft-combined-logs on apache/kafka,
#   /kafka/kafka-logs-$HOSTNAME on wurstmeister, Kafka's own /tmp/kafka-logs
#   otherwise) is not under a named volume or a bind mount of the service.
#   The partitions, the consumer groups' committed offsets and, in KRaft
#   mode, the cluster metadata then live in the container's writable layer
#   or in an anonymous volume, and `docker compose down`, `docker rm` or a
#   new container start from an empty broker: every topic and offset is
#   gone. A directory named after the container's hostname (wurstmeister)
#   changes with every new container unless the service sets `hostname:`.
# related_resources:
#   - ref: https://kafka.apache.org/documentation/#brokerconfigs_log.dirs
#     description: Kafka broker configuration, log.dirs
#   - ref: https://docs.docker.com/reference/compose-file/volumes/
#     description: Compose file reference, volumes (named volumes survive containers)
#   - ref: https://docs.confluent.io/platform/current/installation/docker/operations/external-volumes.html
#     description: Confluent Docker, mounting external volumes for Kafka data
# custom:
#   id: KAF018
#   severity: warning
#   remediation: |
#     Mount a named volume (or a host directory) at the broker's log
#     directory, e.g. `volumes: [kafka-data:/var/lib/kafka/data]` with a
#     top-level `volumes: {kafka-data: {}}`, or point log.dirs at a path that
#     is mounted (`KAFKA_LOG_DIRS`, `KAFKA_CFG_LOG_DIRS` on bitnami).
package streamlint.rules.KAF018

import data.streamlint.lib

deny contains f if {
	some b in input.brokers
	[key, v] := _log_dirs(b)
	svc := lib.service_named(b.service)
	lost := [d | some d in _dirs(v.value); not _persisted(svc, d)]
	count(lost) > 0
	msg := sprintf(
		"%s: the log directory %s (%s) is not on a volume%s: %s live in the container, so `docker compose down` or a new container starts an empty broker and every topic is gone; %s",
		[
			lib.broker_label(b), concat(", ", lost), _origin(b, key, v), _why(b, svc, lost),
			_contents(b), _fix(b, svc, lost[0]),
		],
	)
	f := lib.finding(rego.metadata.chain(), msg, lib.loc_or(v, b.loc))
}

# A wurstmeister-style directory named after the hostname is mounted, but
# the hostname is the container id: the next container writes elsewhere.
deny contains f if {
	some b in input.brokers
	[key, v] := _log_dirs(b)
	svc := lib.service_named(b.service)
	not svc.hostname
	moving := [d | some d in _dirs(v.value); _persisted(svc, d); contains(d, "$HOSTNAME")]
	count(moving) > 0
	msg := sprintf(
		"%s: the log directory %s (%s) is named after the container's hostname, and the service sets no `hostname:`, so it is the container id: a new container writes to a new, empty directory on the volume and the old topics and offsets are no longer read; set `hostname: %s` on the service, or set %s to a fixed path on the volume",
		[lib.broker_label(b), concat(", ", moving), _origin(b, key, v), b.service, lib.setting_name(b, "log.dirs")],
	)
	f := lib.finding(rego.metadata.chain(), msg, lib.loc_or(v, b.loc))
}

# _log_dirs is the setting Kafka reads its log directories from: log.dirs,
# else log.dir (whose default, /tmp/kafka-logs, always applies); nothing
# when log.dirs is an unset ${VAR}.
_log_dirs(b) := ["log.dirs", v] if {
	v := lib.configured(b, "log.dirs")
} else := ["log.dir", v] if {
	not b.config["log.dirs"].unresolved
	v := lib.configured(b, "log.dir")
}

_dirs(value) := [d | some part in split(value, ","); d := trim_space(part); d != ""]

# _persisted: a named volume or a bind mount at the directory or a parent.
_persisted(svc, dir) if {
	some vol in svc.volumes
	vol.type in {"volume", "bind"}
	vol.source != ""
	_covers(vol.target, dir)
}

_covers(target, dir) if trim_right(dir, "/") == trim_right(target, "/")

_covers(target, dir) if startswith(dir, concat("", [trim_right(target, "/"), "/"]))

_origin(_, key, v) := sprintf("%s at %s:%d", [_text(key, v), v.loc.file, v.loc.line]) if v.loc

_origin(b, "log.dirs", v) := sprintf("log.dirs, %s's default", [_image(b)]) if {
	not v.loc
	v.source != "default"
}

_origin(_, "log.dir", v) := "Kafka's default log.dir, as log.dirs is unset" if not v.loc

_origin(_, "log.dirs", v) := "Kafka's default log.dirs" if {
	not v.loc
	v.source == "default"
}

_text(_, v) := sprintf("%s=%s", [v.var, v.value]) if v.var

_text(key, v) := sprintf("%s=%s", [key, v.value]) if not v.var

_image(b) := sprintf("the %s image", [b.image]) if b.image != ""

_image(b) := "the image" if b.image == ""

# _why adds what the directory is on instead, when it is not the plain
# container filesystem.
_why(b, svc, lost) := " (only an anonymous volume, which a new container does not reuse)" if {
	some d in lost
	_anonymous(svc, d)
} else := " (a tmpfs mount, which lives in memory)" if {
	some d in lost
	_tmpfs(svc, d)
} else := " (the image declares it an anonymous VOLUME, which a new container does not reuse)" if {
	b.family in {"confluent", "apache"}
	some d in lost
	d == "/var/lib/kafka/data"
} else := sprintf(" (the volume at %s is not where this broker writes)", [t]) if {
	t := _elsewhere(svc)
} else := ""

# _elsewhere is the target of a volume meant for Kafka's data that the
# broker does not write to (/var/lib/kafka/data, the Confluent images'
# directory, on a wurstmeister broker that writes /kafka/kafka-logs-*).
_elsewhere(svc) := min({t |
	some vol in svc.volumes
	vol.type in {"volume", "bind"}
	vol.source != ""
	t := vol.target
	contains(lower(t), "kafka")
	regex.match(`(?i)(data|logs?)/?$`, t)
})

_anonymous(svc, dir) if {
	some vol in svc.volumes
	vol.type == "volume"
	vol.source == ""
	_covers(vol.target, dir)
}

_tmpfs(svc, dir) if {
	some vol in svc.volumes
	vol.type == "tmpfs"
	_covers(vol.target, dir)
}

_contents(b) := "the partitions, the committed consumer offsets and the KRaft cluster metadata" if b.mode == "kraft"

_contents(b) := "the partitions and the committed consumer offsets" if object.get(b, "mode", "") != "kraft"

# _fix suggests a mount; a path with $HOSTNAME is mounted at its parent.
# When the service already mounts a named volume somewhere else (the
# apache/kafka mistake: a volume at /var/lib/kafka/data, data in
# /tmp/kafka-logs), pointing log.dirs at it comes first.
_fix(b, svc, dir) := sprintf("set %s=%s so the broker writes to the volume %s mounted there, or mount a named volume at the log directory", [lib.setting_name(b, "log.dirs"), vol.target, vol.source]) if {
	vol := _named_volumes(svc)[0]
} else := sprintf("mount a named volume at %s (`- %s-data:%s` under the service's volumes and `%s-data:` under the top-level volumes) and set `hostname: %s`, or set %s to a mounted path", [p, b.service, p, b.service, b.service, lib.setting_name(b, "log.dirs")]) if {
	contains(dir, "$")
	p := _parent(dir)
} else := sprintf("mount a named volume there (`- %s-data:%s` under the service's volumes and `%s-data:` under the top-level volumes), or set %s to a mounted path", [b.service, dir, b.service, lib.setting_name(b, "log.dirs")])

_named_volumes(svc) := [vol | some vol in svc.volumes; vol.type == "volume"; vol.source != ""]

_parent(dir) := concat("/", array.slice(parts, 0, count(parts) - 1)) if {
	parts := split(dir, "/")
	count(parts) > 2
} else := "/"
