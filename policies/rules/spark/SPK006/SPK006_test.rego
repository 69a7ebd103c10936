package streamlint.rules.SPK006_test

import data.streamlint.rules.SPK006

_conf(line) := {"file": "conf/spark-defaults.conf", "line": line, "column": 34}

_place(value, line, invalid) := {"value": value, "source": "spark-defaults", "loc": _conf(line), "invalid": invalid}

_setting(typ, dflt, places) := {"value": places[0].value, "type": typ, "default": dflt, "known": true, "all": places}

_app(settings) := {"id": "jobs/app.py", "kind": "structured", "settings": settings}

test_size_with_space if {
	inv := `invalid value "2 GB": not a size: want digits and an optional unit b, k, m, g, t or p, with no space (e.g. 2g or 512m)`
	fs := SPK006.deny with input as {"apps": [_app({"spark.driver.maxResultSize": _setting("bytes", "1g", [_place("2 GB", 4, inv)])})]}
	count(fs) == 1
	some f in fs
	f.location == _conf(4)
	contains(f.message, "spark.driver.maxResultSize=2 GB (spark-defaults): invalid value")
	contains(f.message, "not a size")
	contains(f.message, "INVALID_CONF_VALUE.TYPE_MISMATCH")
	contains(f.message, "(Spark's default: 1g)")
}

test_fraction_and_bad_time_suffix if {
	frac := `invalid value "1.5g": fractional values are not supported (use a smaller unit, e.g. 1536m instead of 1.5g)`
	sec := `invalid value "10sec": invalid suffix "sec": want us, ms, s, m (minutes), min, h or d`
	fs := SPK006.deny with input as {"apps": [_app({
		"spark.executor.memory": _setting("bytes", "1g", [_place("1.5g", 3, frac)]),
		"spark.network.timeout": _setting("time", "120s", [_place("10sec", 5, sec)]),
	})]}
	count(fs) == 2
}

test_memory_without_unit if {
	inv := `"2048" has no unit: Spark reads this number in different units on different paths: as MiB (2 GiB) when sizing YARN and Kubernetes executors, but as 2048 bytes in the executor's memory manager, which needs at least 450 MiB and fails to start, and as 0 MiB (bytes truncated to MiB) for a standalone executor; write the unit (2048m for 2 GiB)`
	fs := SPK006.deny with input as {"apps": [_app({"spark.executor.memory": _setting("bytes", "1g", [_place("2048", 3, inv)])})]}
	count(fs) == 1
	some f in fs
	contains(f.message, "has no unit")
	not contains(f.message, "TYPE_MISMATCH")
}

test_every_invalid_place_is_reported if {
	inv := `invalid value "yes": not a boolean: Spark accepts only true or false`
	places := [
		{"value": "true", "source": "code", "loc": {"file": "jobs/app.py", "line": 9, "column": 40}},
		_place("yes", 6, inv),
	]
	fs := SPK006.deny with input as {"apps": [_app({"spark.sql.adaptive.enabled": _setting("boolean", "true", places)})]}
	count(fs) == 1
	some f in fs
	f.location == _conf(6)
}

test_no_default_for_placeholders if {
	inv := `invalid value "5k": not an integer (no unit, separator or exponent)`
	fs := SPK006.deny with input as {"apps": [_app({"spark.streaming.backpressure.initialRate": _setting("long", "<fallback:spark.streaming.receiver.maxRate>", [_place("5k", 3, inv)])})]}
	count(fs) == 1
	some f in fs
	not contains(f.message, "Spark's default")
}

_compose(line) := {"file": "docker-compose.yml", "line": line, "column": 9}

_worker(memory, cores) := {"service": "spark-worker", "memory": memory, "cores": cores}

_ok_cores := {"value": "2", "var": "SPARK_WORKER_CORES", "num": 2, "source": "env", "loc": _compose(19)}

test_worker_memory_without_unit if {
	mem := {"value": "2048", "var": "SPARK_WORKER_MEMORY", "source": "env", "loc": _compose(18), "invalid": `invalid value "2048": memory is below 1 MiB: a number without a unit is read as bytes (write e.g. 2g or 2560m)`}
	fs := SPK006.deny with input as {"apps": [], "workers": [_worker(mem, _ok_cores)]}
	count(fs) == 1
	some f in fs
	f.location == _compose(18)
	contains(f.message, `worker "spark-worker": SPARK_WORKER_MEMORY=2048 (set at docker-compose.yml:18)`)
	contains(f.message, "read as bytes")
}

test_worker_cores_not_a_number if {
	mem := {"value": "2g", "var": "SPARK_WORKER_MEMORY", "num": 2147483648, "source": "env", "loc": _compose(18)}
	cores := {"value": "two", "var": "SPARK_WORKER_CORES", "source": "env", "loc": _compose(19), "invalid": `"two" is not a positive whole number of cores`}
	fs := SPK006.deny with input as {"apps": [], "workers": [_worker(mem, cores)]}
	count(fs) == 1
	some f in fs
	f.location == _compose(19)
	contains(f.message, "SPARK_WORKER_CORES=2")
}

test_quiet_on_valid_values if {
	mem := {"value": "2g", "var": "SPARK_WORKER_MEMORY", "num": 2147483648, "source": "env", "loc": _compose(18)}
	app := _app({"spark.executor.memory": _setting("bytes", "1g", [{"value": "2g", "source": "spark-defaults", "loc": _conf(3)}])})
	fs := SPK006.deny with input as {"apps": [app], "workers": [_worker(mem, _ok_cores)]}
	count(fs) == 0
}

test_quiet_on_default_worker_memory if {
	mem := {"value": "1g", "source": "default", "num": 1073741824}
	cores := {"value": "1", "source": "default", "num": 1}
	fs := SPK006.deny with input as {"apps": [], "workers": [_worker(mem, cores)]}
	count(fs) == 0
}
