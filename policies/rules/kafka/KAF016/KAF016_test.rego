package streamlint.rules.KAF016_test

import data.streamlint.rules.KAF016

_bloc := {"file": "compose.yaml", "line": 3, "column": 3}

_vloc := {"file": "compose.yaml", "line": 9, "column": 45}

_in(config) := {"brokers": [{
	"service": "kafka", "loc": _bloc, "config": config,
	"env_names": {"unclean.leader.election.enable": "KAFKA_UNCLEAN_LEADER_ELECTION_ENABLE"},
}]}

_set(value) := {"unclean.leader.election.enable": object.union(
	{
		"value": value, "source": "env", "set": true, "loc": _vloc,
		"var": "KAFKA_UNCLEAN_LEADER_ELECTION_ENABLE",
	},
	_bool(value),
)}

# _bool is the boolean Go reads from a value (true or false in any case,
# trimmed), absent for anything else.
_bool(value) := {"bool": lower(trim_space(value)) == "true"} if {
	lower(trim_space(value)) in {"true", "false"}
} else := {}


test_fires_on_true if {
	fs := KAF016.deny with input as _in(_set("true"))
	count(fs) == 1
	some f in fs
	f.location == _vloc
	contains(f.message, "KAFKA_UNCLEAN_LEADER_ELECTION_ENABLE=true")
	contains(f.message, "compose.yaml:9")
	contains(f.message, "default is false")
}

# Kafka parses booleans case-insensitively and trims them.
test_fires_on_upper_case if {
	fs := KAF016.deny with input as _in(_set(" TRUE"))
	count(fs) == 1
}

test_fires_in_mounted_file if {
	cfg := {"unclean.leader.election.enable": {"value": "true", "bool": true, "source": "mounted-file", "set": true, "loc": _vloc}}
	fs := KAF016.deny with input as _in(cfg)
	count(fs) == 1
	some f in fs
	contains(f.message, "unclean.leader.election.enable=true")
}

test_quiet_on_default if {
	fs := KAF016.deny with input as _in({"unclean.leader.election.enable": {"value": "false", "bool": false, "source": "default", "set": false}})
	count(fs) == 0
}

test_quiet_on_explicit_false if {
	fs := KAF016.deny with input as _in(_set("false"))
	count(fs) == 0
}

test_quiet_on_unresolved if {
	cfg := {"unclean.leader.election.enable": {"value": "", "source": "env", "set": true, "unresolved": true, "loc": _vloc}}
	fs := KAF016.deny with input as _in(cfg)
	count(fs) == 0
}

test_quiet_on_a_value_kafka_cannot_read if {
	# "yes" is no boolean: KAF011 reports it
	fs := KAF016.deny with input as _in(_set("yes"))
	count(fs) == 0
}
