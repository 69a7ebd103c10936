package streamlint.rules.SPK001_test

import data.streamlint.rules.SPK001

_loc := {"file": "jobs/app.py", "line": 7, "column": 7}

test_fires_on_dstream_without_backpressure if {
	fs := SPK001.deny with input as {"apps": [{"id": "jobs/app.py", "kind": "dstream", "main_loc": _loc, "settings": {}}]}
	count(fs) == 1
	some f in fs
	f.location == _loc
}

test_fires_on_false if {
	vloc := {"file": "conf/spark-defaults.conf", "line": 2, "column": 40}
	fs := SPK001.deny with input as {"apps": [{"id": "a", "kind": "dstream", "main_loc": _loc, "settings": {"spark.streaming.backpressure.enabled": {"value": "false", "bool": false, "source": "spark-defaults", "loc": vloc}}}]}
	some f in fs
	f.location == vloc
}

# Only a StreamingContext or KafkaUtils makes a DStream job (the job
# scanner's kind), not the spark.streaming.* keys a session sets.
test_quiet_on_unknown_kind_with_streaming_keys if {
	fs := SPK001.deny with input as {"apps": [{"id": "a", "kind": "unknown", "main_loc": _loc, "settings": {"spark.streaming.kafka.maxRatePerPartition": {"value": "100", "source": "code", "loc": _loc}}}]}
	count(fs) == 0
}

test_quiet_on_structured if {
	fs := SPK001.deny with input as {"apps": [{"id": "a", "kind": "structured", "main_loc": _loc, "settings": {}}]}
	count(fs) == 0
}

test_quiet_when_enabled if {
	fs := SPK001.deny with input as {"apps": [{"id": "a", "kind": "dstream", "main_loc": _loc, "settings": {"spark.streaming.backpressure.enabled": {"value": "true", "bool": true, "source": "code", "loc": _loc}}}]}
	count(fs) == 0
}

test_quiet_on_a_value_spark_cannot_read if {
	# SPK006 reports it; Spark fails before backpressure matters
	fs := SPK001.deny with input as {"apps": [{"id": "a", "kind": "dstream", "main_loc": _loc, "settings": {"spark.streaming.backpressure.enabled": {"value": "yes", "invalid": "not a boolean", "source": "code", "loc": _loc}}}]}
	count(fs) == 0
}

# Spark's HdfsWordCount and QueueStream examples: file and queue streams
# have no rate controller, so backpressure changes nothing there. A socket
# (receiver) or Kafka direct stream beside them still counts.
test_quiet_on_file_and_queue_streams_only if {
	files := {"id": "a", "kind": "dstream", "other_dstream": true, "main_loc": _loc, "settings": {}}
	count(SPK001.deny) == 0 with input as {"apps": [files]}
	count(SPK001.deny) == 1 with input as {"apps": [object.union(files, {"receiver_dstream": true})]}
	count(SPK001.deny) == 1 with input as {"apps": [object.union(files, {"kafka_dstream": true})]}
	false_loc := {"file": "conf/spark-defaults.conf", "line": 2, "column": 40}
	off := {"spark.streaming.backpressure.enabled": {"value": "false", "bool": false, "source": "spark-defaults", "loc": false_loc}}
	count(SPK001.deny) == 0 with input as {"apps": [object.union(files, {"settings": off})]}
}
