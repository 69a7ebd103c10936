package streamlint.rules.KAF018_test

import data.streamlint.rules.KAF018

_bloc := {"file": "compose.yaml", "line": 3, "column": 3}

_vloc := {"file": "compose.yaml", "line": 9, "column": 23}

_log_dir_default := {"value": "/tmp/kafka-logs", "source": "default", "set": false}

_dirs_null := {"value": "null", "source": "default", "set": false}

_baseline(path) := {"value": path, "source": "image-baseline", "set": false}

_in(family, mode, config, svc) := {
	"brokers": [{
		"service": "kafka", "loc": _bloc, "image": "img:1", "family": family, "mode": mode,
		"config": object.union({"log.dir": _log_dir_default, "log.dirs": _dirs_null}, config),
		"env_names": {"log.dirs": "KAFKA_LOG_DIRS"},
	}],
	"services": [object.union({"name": "kafka", "loc": _bloc, "volumes": []}, svc)],
}

_vol(type, source, target) := {"type": type, "source": source, "target": target, "loc": _vloc}

# cp-kafka: /var/lib/kafka/data (image VOLUME, anonymous) with nothing mounted.
test_fires_on_confluent_default_without_volume if {
	fs := KAF018.deny with input as _in("confluent", "kraft", {"log.dirs": _baseline("/var/lib/kafka/data")}, {})
	count(fs) == 1
	some f in fs
	f.location == _bloc
	contains(f.message, "/var/lib/kafka/data")
	contains(f.message, "anonymous VOLUME")
	contains(f.message, "KRaft cluster metadata")
	contains(f.message, "kafka-data:/var/lib/kafka/data")
}

# apache/kafka with KAFKA_* variables: no packaged file, Kafka's log.dir.
test_fires_on_kafka_default_log_dir if {
	fs := KAF018.deny with input as _in("apache", "kraft", {}, {"volumes": [_vol("volume", "kafka-data", "/var/lib/kafka/data")]})
	count(fs) == 1
	some f in fs
	contains(f.message, "/tmp/kafka-logs")
	contains(f.message, "log.dirs is unset")
	contains(f.message, "set KAFKA_LOG_DIRS=/var/lib/kafka/data so the broker writes to the volume kafka-data")
}

# apache/kafka's packaged file writes /tmp/kraft-combined-logs, not the data volume.
test_fires_on_apache_packaged_path_with_volume_elsewhere if {
	fs := KAF018.deny with input as _in("apache", "kraft", {"log.dirs": _baseline("/tmp/kraft-combined-logs")}, {"volumes": [_vol("volume", "kafka-data", "/var/lib/kafka/data")]})
	count(fs) == 1
}

test_fires_at_written_log_dirs if {
	v := {"value": "/data/kafka", "source": "env", "set": true, "var": "KAFKA_LOG_DIRS", "loc": _vloc}
	fs := KAF018.deny with input as _in("confluent", "zookeeper", {"log.dirs": v}, {"volumes": [_vol("volume", "kafka-data", "/var/lib/kafka/data")]})
	count(fs) == 1
	some f in fs
	f.location == _vloc
	contains(f.message, "KAFKA_LOG_DIRS=/data/kafka at compose.yaml:9")
	not contains(f.message, "KRaft")
}

# Every directory of a list must be mounted.
test_fires_on_one_unmounted_dir_of_a_list if {
	v := {"value": "/data/d1, /data/d2", "source": "env", "set": true, "var": "KAFKA_LOG_DIRS", "loc": _vloc}
	fs := KAF018.deny with input as _in("confluent", "kraft", {"log.dirs": v}, {"volumes": [_vol("bind", "d1", "/data/d1")]})
	count(fs) == 1
	some f in fs
	contains(f.message, "/data/d2")
	contains(f.message, "log directory /data/d2 (")
}

test_fires_on_anonymous_volume if {
	fs := KAF018.deny with input as _in("bitnami", "kraft", {"log.dirs": _baseline("/bitnami/kafka/data")}, {"volumes": [_vol("volume", "", "/bitnami/kafka")]})
	count(fs) == 1
	some f in fs
	contains(f.message, "only an anonymous volume")
}

test_fires_on_tmpfs if {
	fs := KAF018.deny with input as _in("bitnami", "kraft", {"log.dirs": _baseline("/bitnami/kafka/data")}, {"volumes": [_vol("tmpfs", "", "/bitnami/kafka/data")]})
	count(fs) == 1
	some f in fs
	contains(f.message, "tmpfs")
}

# A volume whose path merely starts with the same characters is not a parent.
test_fires_on_sibling_prefix if {
	fs := KAF018.deny with input as _in("bitnami", "kraft", {"log.dirs": _baseline("/bitnami/kafka/data")}, {"volumes": [_vol("volume", "v", "/bitnami/kafka/da")]})
	count(fs) == 1
}

test_wurstmeister_suggests_parent_and_hostname if {
	fs := KAF018.deny with input as _in("wurstmeister", "zookeeper", {"log.dirs": _baseline("/kafka/kafka-logs-$HOSTNAME")}, {})
	count(fs) == 1
	some f in fs
	contains(f.message, "kafka-data:/kafka`")
	contains(f.message, "hostname: kafka")
}

test_fires_on_wurstmeister_volume_without_hostname if {
	fs := KAF018.deny with input as _in("wurstmeister", "zookeeper", {"log.dirs": _baseline("/kafka/kafka-logs-$HOSTNAME")}, {"volumes": [_vol("volume", "kafka-data", "/kafka")]})
	count(fs) == 1
	some f in fs
	contains(f.message, "container id")
}

test_quiet_on_wurstmeister_volume_with_hostname if {
	fs := KAF018.deny with input as _in("wurstmeister", "zookeeper", {"log.dirs": _baseline("/kafka/kafka-logs-$HOSTNAME")}, {"hostname": "kafka", "volumes": [_vol("volume", "kafka-data", "/kafka")]})
	count(fs) == 0
}

test_quiet_on_named_volume_at_dir if {
	fs := KAF018.deny with input as _in("confluent", "kraft", {"log.dirs": _baseline("/var/lib/kafka/data")}, {"volumes": [_vol("volume", "kafka-data", "/var/lib/kafka/data/")]})
	count(fs) == 0
}

test_quiet_on_bind_mount_of_parent if {
	fs := KAF018.deny with input as _in("bitnami", "kraft", {"log.dirs": _baseline("/bitnami/kafka/data")}, {"volumes": [_vol("bind", "data/kafka", "/bitnami/kafka")]})
	count(fs) == 0
}

test_quiet_on_unresolved_log_dirs if {
	v := {"value": "", "source": "env", "set": true, "var": "KAFKA_LOG_DIRS", "loc": _vloc, "unresolved": true}
	fs := KAF018.deny with input as _in("confluent", "kraft", {"log.dirs": v}, {})
	count(fs) == 0
}

# wurstmeister writes /kafka/kafka-logs-$HOSTNAME; a volume at the Confluent
# images' /var/lib/kafka/data (meant as persistence) is named as the one
# that is in the wrong place; without such a volume nothing is added
test_names_a_kafka_volume_in_the_wrong_place if {
	fs := KAF018.deny with input as _in("wurstmeister", "zookeeper", {"log.dirs": _baseline("/kafka/kafka-logs-$HOSTNAME")}, {"volumes": [_vol("bind", "/srv/volumes/kafka", "/var/lib/kafka/data")]})
	some f in fs
	contains(f.message, "is not on a volume (the volume at /var/lib/kafka/data is not where this broker writes)")
	bare := KAF018.deny with input as _in("wurstmeister", "zookeeper", {"log.dirs": _baseline("/kafka/kafka-logs-$HOSTNAME")}, {"volumes": [_vol("bind", "/srv/app", "/opt/app")]})
	some g in bare
	contains(g.message, "is not on a volume: ")
}
