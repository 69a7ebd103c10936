package streamlint.rules.SPK009_test

import data.streamlint.rules.SPK009

_at(file, line) := {"file": file, "line": line, "column": 28}

_parts(n, line) := {"value": sprintf("%d", [n]), "var": "KAFKA_CFG_NUM_PARTITIONS", "num": n, "source": "env", "set": true, "loc": _at("compose.yaml", line)}

_consume(topic, parts, source) := {"topic": topic, "partitions": parts, "source": source}

_executors(slots, loc) := {"cluster": "standalone", "task_slots": slots, "slots_explain": sprintf("spark-worker 2 core(s) = %d task slot(s)", [slots]), "slots_loc": loc}

_app(executors, consumes) := {
	"id": "jobs/clicks.py", "kind": "structured", "settings": {},
	"main_loc": _at("jobs/clicks.py", 1),
	"sources": [{"loc": _at("jobs/clicks.py", 7), "format": "kafka", "streaming": true, "options": {}}],
	"executors": executors, "consumes": consumes,
}

test_fires_when_slots_below_partitions if {
	fs := SPK009.deny with input as {"apps": [_app(_executors(2, _at("compose.yaml", 30)), [_consume("clicks", _parts(3, 11), 0)])]}
	count(fs) == 1
	some f in fs
	f.location == _at("compose.yaml", 30)
	f.related[0].line == 11
	contains(f.message, "\"clicks\" with 3 partition(s) (KAFKA_CFG_NUM_PARTITIONS=3 at compose.yaml:11)")
	contains(f.message, "2 waves, 1 partition(s) waiting")
	contains(f.message, "at least 3 cores")
}

test_sums_the_topics_of_one_source if {
	fs := SPK009.deny with input as {"apps": [_app(_executors(4, _at("compose.yaml", 30)), [_consume("a", _parts(3, 11), 0), _consume("b", _parts(3, 11), 0)])]}
	count(fs) == 1
	some f in fs
	contains(f.message, ": 6 Kafka partition(s)")
}

test_separate_sources_are_judged_alone if {
	fs := SPK009.deny with input as {"apps": [_app(_executors(4, _at("compose.yaml", 30)), [_consume("a", _parts(3, 11), 0), _consume("b", _parts(3, 11), 1)])]}
	count(fs) == 0
}

test_local_mode_created_topic if {
	master := {"file": "jobs/clicks.py", "line": 3, "column": 40}
	ex := {"cluster": "local", "task_slots": 2, "slots_explain": "local[2] runs 2 task(s) at once (spark.master, jobs/clicks.py:3) = 2 task slot(s)", "slots_loc": master}
	parts := {"value": "6", "num": 6, "source": "kafka-topics", "set": true, "loc": _at("compose.yaml", 24)}
	fs := SPK009.deny with input as {"apps": [_app(ex, [_consume("clicks", parts, 0)])]}
	some f in fs
	f.location == master
	contains(f.message, "created by kafka-topics at compose.yaml:24")
	contains(f.message, "local[N]")
}

test_default_partitions_and_dstream_location if {
	ex := {"cluster": "local", "task_slots": 1, "slots_explain": "local runs 1 task(s) at once"}
	parts := {"value": "3", "num": 3, "source": "default", "set": false}
	app := object.union(_app(ex, [_consume("clicks", parts, -1)]), {"kind": "dstream", "main_loc": _at("jobs/clicks.py", 9)})
	fs := SPK009.deny with input as {"apps": [app]}
	some f in fs
	f.location == _at("jobs/clicks.py", 9)
	contains(f.message, "num.partitions=3, the default")
}

test_task_cpus_counted if {
	app := object.union(_app(_executors(2, _at("compose.yaml", 30)), [_consume("clicks", _parts(3, 11), 0)]), {"settings": {"spark.task.cpus": {"value": "2", "num": 2}}})
	fs := SPK009.deny with input as {"apps": [app]}
	some f in fs
	contains(f.message, "at least 6 cores")
}

test_quiet_when_enough_slots if {
	fs := SPK009.deny with input as {"apps": [_app(_executors(3, _at("compose.yaml", 30)), [_consume("clicks", _parts(3, 11), 0)])]}
	count(fs) == 0
}

test_quiet_when_slots_unknown if {
	fs := SPK009.deny with input as {"apps": [_app({"cluster": "local", "task_slots": 0}, [_consume("clicks", _parts(3, 11), 0)])]}
	count(fs) == 0
}

test_quiet_when_partitions_unknown if {
	fs := SPK009.deny with input as {"apps": [_app(_executors(1, _at("compose.yaml", 30)), [_consume("clicks", {"value": "", "source": "", "set": false}, 0)])]}
	count(fs) == 0
}
