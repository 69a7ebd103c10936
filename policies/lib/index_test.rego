package streamlint.lib_test

import data.streamlint.lib

test_group_by if {
	lib.group_by([["b", 2], ["a", 3], ["b", 1], ["a", 3]]) == {"a": [3, 3], "b": [1, 2]}
	lib.group_by({[["x", 1], "s2"], [["x", 1], "s1"], [["y", 1], "s3"]}) == {["x", 1]: ["s1", "s2"], ["y", 1]: ["s3"]}
	lib.group_by([]) == {}
	lib.group_by([["only", "one"]]) == {"only": ["one"]}
}

test_lookups_by_key if {
	inp := {
		"brokers": [{"service": "kafka-1", "cluster": "c"}, {"service": "kafka-2", "cluster": "c"}],
		"clusters": [{"id": "c", "brokers": ["kafka-1", "kafka-2"]}],
		"services": [{"name": "kafka-1", "container_name": "Broker-One"}, {"name": "kafka-2"}],
	}
	lib.broker_by_service("kafka-2").service == "kafka-2" with input as inp
	lib.cluster_of({"cluster": "c"}).id == "c" with input as inp
	lib.service_named("kafka-1").container_name == "Broker-One" with input as inp
	lib.services_for_host("broker-one") == ["kafka-1"] with input as inp
	lib.services_for_host("KAFKA-2") == ["kafka-2"] with input as inp
	lib.services_for_host("elsewhere") == [] with input as inp
	lib.node_named("broker-one").service == "kafka-1" with input as inp
	not lib.broker_by_service("zookeeper") with input as inp
}
