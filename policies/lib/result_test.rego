package streamlint.lib_test

import data.streamlint.lib

_env := {"num.partitions": "KAFKA_NUM_PARTITIONS"}

test_setting_name_is_the_variable_of_the_image if {
	lib.setting_name({"family": "confluent", "config": {}, "env_names": _env}, "num.partitions") == "KAFKA_NUM_PARTITIONS"
	lib.setting_name({"family": "confluent", "config": {}, "env_names": {}}, "num.partitions") == "num.partitions"
}

test_setting_name_in_a_mounted_file_is_the_property if {
	b := {"family": "apache", "env_names": _env, "config": {"num.partitions": {"value": "1", "source": "mounted-file", "loc": {"file": "server.properties", "line": 3}}}}
	lib.setting_name(b, "num.partitions") == "num.partitions"
}

test_setting_name_on_bitnami_with_a_mounted_file_is_the_property if {
	b := {"family": "bitnami", "mounted_config_found": true, "env_names": {"num.partitions": "KAFKA_CFG_NUM_PARTITIONS"}, "config": {}}
	lib.setting_name(b, "num.partitions") == "num.partitions"
}

test_human_bytes if {
	lib.human(10737418240) == "10 GiB"
	lib.human(455501414.4) == "434.4 MiB"
	lib.human(512) == "512 B"
}
