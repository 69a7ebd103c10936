package streamlint.rules.KAF014_test

import data.streamlint.rules.KAF014

_bloc := {"file": "compose.yaml", "line": 3, "column": 3}

_hloc := {"file": "compose.yaml", "line": 8, "column": 24}

_mloc := {"file": "compose.yaml", "line": 5, "column": 16}

_gib := 1073741824

_default_heap := {"value": "-Xmx1G", "source": "default", "num": _gib, "set": false}

_heap(text, n) := {"value": text, "source": "env", "var": "KAFKA_HEAP_OPTS", "num": n, "set": true, "loc": _hloc}

_limit(n) := {"value": sprintf("%d", [n]), "source": "env", "num": n, "set": true, "loc": _mloc}

_in(heap, svc_extra) := {
	"brokers": [{"service": "kafka", "loc": _bloc, "heap": heap, "config": {}, "env_names": {}}],
	"services": [object.union({"name": "kafka", "loc": _bloc, "role": "broker"}, svc_extra)],
}

test_fires_on_default_heap_equal_to_limit if {
	fs := KAF014.deny with input as _in(_default_heap, {"mem_limit": _limit(_gib)})
	count(fs) == 1
	some f in fs
	f.location == _mloc
	contains(f.message, "1 GiB")
	contains(f.message, "equals")
	contains(f.message, "image's default -Xmx1G")
	contains(f.message, "-Xmx512m -Xms512m")
	contains(f.message, "2 GiB")
}

test_fires_on_default_heap_above_limit if {
	fs := KAF014.deny with input as _in(_default_heap, {"mem_limit": _limit(512 * 1048576)})
	count(fs) == 1
	some f in fs
	contains(f.message, "exceeds")
	contains(f.message, "-Xmx256m")
}

test_fires_on_explicit_heap_at_heap_with_limit_related if {
	fs := KAF014.deny with input as _in(_heap("-Xmx2g -Xms2g", 2 * _gib), {"mem_limit": _limit(2 * _gib)})
	count(fs) == 1
	some f in fs
	f.location == _hloc
	f.related[0].line == 5
	contains(f.message, "KAFKA_HEAP_OPTS=-Xmx2g -Xms2g at compose.yaml:8")
}

test_quiet_on_heap_below_limit if {
	fs := KAF014.deny with input as _in(_heap("-Xmx1g", _gib), {"mem_limit": _limit(2 * _gib)})
	count(fs) == 0
}

test_quiet_without_limit if {
	fs := KAF014.deny with input as _in(_default_heap, {})
	count(fs) == 0
}

# KAFKA_HEAP_OPTS without -Xmx (or ${VAR}): no number, the JVM sizes the heap itself.
test_quiet_on_unknown_heap if {
	fs := KAF014.deny with input as _in({"value": "-Xms512m", "source": "env", "var": "KAFKA_HEAP_OPTS", "set": true, "loc": _hloc}, {"mem_limit": _limit(_gib)})
	count(fs) == 0
}

test_quiet_on_native_image if {
	inp := _in(_default_heap, {"mem_limit": _limit(_gib)})
	fs := KAF014.deny with input as object.union(inp, {"brokers": [object.union(inp.brokers[0], {"native": true})]})
	count(fs) == 0
}
