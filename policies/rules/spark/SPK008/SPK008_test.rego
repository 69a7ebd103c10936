package streamlint.rules.SPK008_test

import data.streamlint.rules.SPK008

_gib := 1073741824

_mib := 1048576

_at(file, line) := {"file": file, "line": line, "column": 20}

_submit(key, var, value, num) := {key: {"value": value, "var": var, "num": num, "source": "spark-submit", "set": true, "loc": _at("compose.yaml", 30)}}

_worker(name, line, mem, mem_num, cores) := {
	"service": name, "loc": _at("compose.yaml", line), "replicas": 1,
	"memory": {"value": mem, "var": "SPARK_WORKER_MEMORY", "num": mem_num, "source": "env", "set": true, "loc": _at("compose.yaml", line + 4)},
	"cores": {"value": sprintf("%d", [cores]), "var": "SPARK_WORKER_CORES", "num": cores, "source": "env", "set": true, "loc": _at("compose.yaml", line + 5)},
}

# A worker whose memory and cores are left to the image: the machine's.
_unset_worker(name) := {
	"service": name, "loc": _at("compose.yaml", 20), "replicas": 1,
	"memory": {"value": "1g", "num": _gib, "source": "default", "set": false},
	"cores": {"value": "1", "num": 1, "source": "default", "set": false},
}

_app(settings) := {"id": "jobs/events.py", "kind": "structured", "main_loc": _at("jobs/events.py", 1), "settings": settings, "executors": {"cluster": "standalone"}}

_in(settings, workers) := {"apps": [_app(settings)], "workers": workers}

test_fires_when_heap_exceeds_every_worker if {
	fs := SPK008.deny with input as _in(_submit("spark.executor.memory", "--executor-memory", "3g", 3 * _gib), [_worker("w1", 5, "2g", 2 * _gib, 2), _worker("w2", 12, "2560m", 2560 * _mib, 2)])
	count(fs) == 1
	some f in fs
	f.location == _at("compose.yaml", 30)
	contains(f.message, "w1 has SPARK_WORKER_MEMORY=2g (2 GiB < 3 GiB)")
	contains(f.message, "w2 has SPARK_WORKER_MEMORY=2560m (2.5 GiB < 3 GiB)")
	contains(f.message, "--executor-memory 3g (spark.executor.memory) at compose.yaml:30")
	contains(f.message, "w1: 2048m, 2 core(s); w2: 2560m, 2 core(s)")
	count(f.related) == 2
}

test_fires_on_default_heap_with_small_workers if {
	fs := SPK008.deny with input as _in({}, [_worker("w1", 5, "512m", 512 * _mib, 2)])
	some f in fs
	f.location == _at("compose.yaml", 9)
	contains(f.message, "Spark's default 1g")
}

test_fires_when_cores_exceed_every_worker if {
	fs := SPK008.deny with input as _in(_submit("spark.executor.cores", "--executor-cores", "4", 4), [_worker("w1", 5, "4g", 4 * _gib, 2), _worker("w2", 12, "4g", 4 * _gib, 2)])
	count(fs) == 1
	some f in fs
	f.location == _at("compose.yaml", 30)
	contains(f.message, "w1 has SPARK_WORKER_CORES=2 (2 < 4 cores)")
	contains(f.message, "SPARK_WORKER_CORES >= 4")
}

test_fires_when_each_worker_lacks_something if {
	settings := object.union(
		_submit("spark.executor.memory", "--executor-memory", "3g", 3 * _gib),
		{"spark.executor.cores": {"value": "2", "num": 2, "source": "spark-defaults", "set": true, "loc": _at("spark-defaults.conf", 3)}},
	)
	fs := SPK008.deny with input as _in(settings, [_worker("small", 5, "2g", 2 * _gib, 4), _worker("narrow", 12, "8g", 8 * _gib, 1)])
	count(fs) == 1
	some f in fs
	contains(f.message, "small has SPARK_WORKER_MEMORY=2g")
	contains(f.message, "narrow has SPARK_WORKER_CORES=1 (1 < 2 cores)")
}

test_quiet_when_one_worker_fits if {
	fs := SPK008.deny with input as _in(_submit("spark.executor.memory", "--executor-memory", "3g", 3 * _gib), [_worker("w1", 5, "2g", 2 * _gib, 2), _worker("w2", 12, "4g", 4 * _gib, 2)])
	count(fs) == 0
}

test_quiet_when_equal if {
	fs := SPK008.deny with input as _in(_submit("spark.executor.memory", "--executor-memory", "2g", 2 * _gib), [_worker("w1", 5, "2g", 2 * _gib, 1)])
	count(fs) == 0
}

test_quiet_when_worker_memory_unset if {
	fs := SPK008.deny with input as _in(_submit("spark.executor.memory", "--executor-memory", "3g", 3 * _gib), [_worker("w1", 5, "2g", 2 * _gib, 2), _unset_worker("w2")])
	count(fs) == 0
}

test_quiet_when_executor_memory_unresolved if {
	fs := SPK008.deny with input as _in({"spark.executor.memory": {"value": "${EXECUTOR_MEMORY}", "unresolved": true, "source": "spark-submit", "loc": _at("compose.yaml", 30)}}, [_worker("w1", 5, "512m", 512 * _mib, 2)])
	count(fs) == 0
}

test_quiet_in_local_mode if {
	app := object.union(_app(_submit("spark.executor.memory", "--executor-memory", "3g", 3 * _gib)), {"executors": {"cluster": "local"}})
	fs := SPK008.deny with input as {"apps": [app], "workers": [_worker("w1", 5, "2g", 2 * _gib, 2)]}
	count(fs) == 0
}

test_quiet_without_workers if {
	fs := SPK008.deny with input as _in(_submit("spark.executor.memory", "--executor-memory", "3g", 3 * _gib), [])
	count(fs) == 0
}

test_cores_case_relates_only_the_cores if {
	settings := object.union(
		_submit("spark.executor.cores", "--executor-cores", "4", 4),
		{"spark.executor.memory": {"value": "1g", "var": "--executor-memory", "num": _gib, "source": "spark-submit", "set": true, "loc": _at("compose.yaml", 29)}},
	)
	fs := SPK008.deny with input as _in(settings, [_worker("w1", 5, "4g", 4 * _gib, 2)])
	some f in fs
	f.location == _at("compose.yaml", 30)
	[r.message | some r in f.related] == ["worker w1 cores"]
	not contains(f.message, "SPARK_WORKER_MEMORY >=")
}

test_conf_written_as_key_and_value if {
	fs := SPK008.deny with input as _in(_submit("spark.executor.memory", "--conf", "1536M", 1536 * _mib), [_worker("w1", 5, "1g", _gib, 2)])
	some f in fs
	contains(f.message, "(--conf spark.executor.memory=1536M at compose.yaml:30)")
}
