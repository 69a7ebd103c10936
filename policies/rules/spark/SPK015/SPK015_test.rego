package streamlint.rules.SPK015_test

import data.streamlint.rules.SPK015

_mib := 1048576

_gib := 1073741824

_at(line) := {"file": "compose.yaml", "line": line, "column": 16}

_default_overhead := {"value": "max(10% x 2 GiB heap, 384 MiB) = 384 MiB", "source": "default", "num": 384 * _mib, "set": false}

_heap(value, num) := {"spark.executor.memory": {"value": value, "var": "--executor-memory", "num": num, "source": "spark-submit", "set": true, "loc": _at(40)}}

_app(settings, heap, overhead, per_worker) := {
	"id": "jobs/events.py", "kind": "structured", "settings": settings, "main_loc": _at(1),
	"executors": {"cluster": "standalone", "heap_bytes": heap, "overhead": overhead, "per_worker": per_worker},
}

_worker(name, limit) := {
	"service": name, "loc": _at(5), "replicas": 1,
	"memory": {"value": "2g", "var": "SPARK_WORKER_MEMORY", "num": 2 * _gib, "set": true, "source": "env", "loc": _at(12)},
	"cores": {"value": "2", "num": 2, "set": true, "source": "env", "loc": _at(13)},
	"mem_limit": {"value": sprintf("%d", [limit]), "num": limit, "set": true, "source": "env", "loc": _at(8)},
}

test_fires_when_heap_plus_overhead_exceeds_limit if {
	app := _app(_heap("2g", 2 * _gib), 2 * _gib, _default_overhead, [{"worker": "spark-worker", "executors": 1}])
	fs := SPK015.deny with input as {"apps": [app], "workers": [_worker("spark-worker", 2 * _gib)]}
	count(fs) == 1
	some f in fs
	f.location == _at(8)
	contains(f.message, "2048 MiB heap (--executor-memory 2g at compose.yaml:40) + 384 MiB overhead (max(10% x 2 GiB heap, 384 MiB) = 384 MiB) = 2432 MiB")
	contains(f.message, "1 x 2432 MiB = 2432 MiB, above the container's memory limit of 2048 MiB (compose.yaml:8)")
	contains(f.message, "at least 3456 MiB")
	count(f.related) == 2
}

test_counts_every_executor_on_the_worker if {
	app := _app(_heap("1g", _gib), _gib, object.union(_default_overhead, {"value": "max(10% x 1 GiB heap, 384 MiB) = 384 MiB"}), [{"worker": "spark-worker", "executors": 2}])
	fs := SPK015.deny with input as {"apps": [app], "workers": [_worker("spark-worker", 2560 * _mib)]}
	some f in fs
	contains(f.message, "runs 2 of them: 2 x 1408 MiB = 2816 MiB, above the container's memory limit of 2560 MiB")
}

test_explicit_overhead_and_extras if {
	settings := object.union(_heap("2g", 2 * _gib), {
		"spark.memory.offHeap.enabled": {"value": "true", "bool": true, "source": "spark-defaults", "loc": _at(50)},
		"spark.memory.offHeap.size": {"value": "512m", "num": 512 * _mib, "source": "spark-defaults", "loc": _at(51)},
		"spark.executor.pyspark.memory": {"value": "256m", "num": 256 * _mib, "source": "spark-defaults", "loc": _at(52)},
	})
	overhead := {"value": "1g", "var": "spark.executor.memoryOverhead", "num": _gib, "source": "spark-defaults", "set": true, "loc": _at(53)}
	app := _app(settings, 2 * _gib, overhead, [{"worker": "spark-worker", "executors": 1}])
	fs := SPK015.deny with input as {"apps": [app], "workers": [_worker("spark-worker", 3 * _gib)]}
	some f in fs
	contains(f.message, "+ 1024 MiB overhead (spark.executor.memoryOverhead=1g at compose.yaml:53) + 512 MiB (spark.memory.offHeap.size=512m at compose.yaml:51) + 256 MiB (spark.executor.pyspark.memory=256m at compose.yaml:52) = 3840 MiB")
}

test_off_heap_size_ignored_when_disabled if {
	settings := object.union(_heap("1536m", 1536 * _mib), {"spark.memory.offHeap.size": {"value": "1g", "num": _gib, "source": "spark-defaults", "loc": _at(51)}})
	app := _app(settings, 1536 * _mib, _default_overhead, [{"worker": "spark-worker", "executors": 1}])
	fs := SPK015.deny with input as {"apps": [app], "workers": [_worker("spark-worker", 2 * _gib)]}
	count(fs) == 0
}

test_quiet_when_it_fits if {
	app := _app(_heap("1536m", 1536 * _mib), 1536 * _mib, _default_overhead, [{"worker": "spark-worker", "executors": 1}])
	fs := SPK015.deny with input as {"apps": [app], "workers": [_worker("spark-worker", 2 * _gib)]}
	count(fs) == 0
}

test_quiet_without_limit if {
	app := _app(_heap("2g", 2 * _gib), 2 * _gib, _default_overhead, [{"worker": "spark-worker", "executors": 1}])
	fs := SPK015.deny with input as {"apps": [app], "workers": [object.remove(_worker("spark-worker", 0), ["mem_limit"])]}
	count(fs) == 0
}

test_quiet_on_workers_without_executors if {
	app := _app(_heap("2g", 2 * _gib), 2 * _gib, _default_overhead, [{"worker": "spark-worker", "executors": 0}])
	fs := SPK015.deny with input as {"apps": [app], "workers": [_worker("spark-worker", _gib)]}
	count(fs) == 0
}

test_quiet_when_heap_unresolved if {
	settings := {"spark.executor.memory": {"value": "${EXECUTOR_MEMORY}", "unresolved": true, "source": "spark-submit", "loc": _at(40)}}
	app := _app(settings, _gib, _default_overhead, [{"worker": "spark-worker", "executors": 1}])
	fs := SPK015.deny with input as {"apps": [app], "workers": [_worker("spark-worker", _gib)]}
	count(fs) == 0
}

test_quiet_in_local_mode if {
	app := object.union(_app({}, _gib, _default_overhead, [{"worker": "spark-worker", "executors": 1}]), {"executors": {"cluster": "local"}})
	fs := SPK015.deny with input as {"apps": [app], "workers": [_worker("spark-worker", _gib)]}
	count(fs) == 0
}

# an extra given with spark-submit --conf is written as the user wrote it:
# --conf key=value (was "--conf 512m")
test_extra_from_submit_conf if {
	settings := object.union(_heap("2g", 2 * _gib), {"spark.executor.pyspark.memory": {"value": "512m", "var": "--conf", "num": 512 * _mib, "source": "spark-submit", "loc": _at(41)}})
	app := _app(settings, 2 * _gib, _default_overhead, [{"worker": "spark-worker", "executors": 1}])
	fs := SPK015.deny with input as {"apps": [app], "workers": [_worker("spark-worker", 2 * _gib)]}
	some f in fs
	contains(f.message, "+ 512 MiB (--conf spark.executor.pyspark.memory=512m at compose.yaml:41)")
	contains(f.message, "(--executor-memory 2g at compose.yaml:40)")
}
