package kafka

import "testing"

// TestTranslateBitnami is section 3 of the conventions notes.
func TestTranslateBitnami(t *testing.T) {
	t.Parallel()
	const bn = "bitnami/kafka:3.7.0-debian-12-r3"
	runTranslateCases(t, []translateCase{
		// 3.5 examples
		{name: "cfg", image: bn, env: []string{"KAFKA_CFG_AUTO_CREATE_TOPICS_ENABLE=true"}, props: []string{"auto.create.topics.enable=true"}},
		{
			name: "sasl_ssl listener name", image: bn, env: []string{"KAFKA_CFG_LISTENER_NAME_SASL_SSL_PLAIN_SASL_JAAS_CONFIG=x"},
			props: []string{"listener.name.sasl_ssl.plain.sasl.jaas.config=x"},
		},
		{
			name: "sasl_plaintext listener name", image: bn, env: []string{"KAFKA_CFG_LISTENER_NAME_SASL_PLAINTEXT_SCRAM_SHA_256_SASL_JAAS_CONFIG=x"},
			props: []string{"listener.name.sasl_plaintext.scram.sha.256.sasl.jaas.config=x"},
		},
		{name: "cfg retention", image: bn, env: []string{"KAFKA_CFG_LOG_RETENTION_HOURS=24"}, props: []string{"log.retention.hours=24"}},
		{name: "alias retention", image: bn, env: []string{"KAFKA_LOG_RETENTION_HOURS=24"}, props: []string{"log.retention.hours=24"}},
		{
			name: "plain non-alias ignored", image: bn, env: []string{"KAFKA_LOG_RETENTION_MS=3600000", "KAFKA_MIN_INSYNC_REPLICAS=2"},
			ignored: []string{"KAFKA_LOG_RETENTION_MS>log.retention.ms>", "KAFKA_MIN_INSYNC_REPLICAS>min.insync.replicas>"},
		},
		// JVM options and a plural of bitnami's own setting name no
		// broker property: nothing to suggest as KAFKA_CFG_*
		{
			name: "jvm opts and a near setting", image: bn, env: []string{"KAFKA_JVM_OPTS=-XX:+UseG1GC", "KAFKA_CLIENT_SASL_MECHANISMS=PLAIN"},
			ignored: []string{"KAFKA_JVM_OPTS>>", "KAFKA_CLIENT_SASL_MECHANISMS>>"},
		},
		{name: "max message bytes alias", image: bn, env: []string{"KAFKA_MAX_MESSAGE_BYTES=5242880"}, props: []string{"message.max.bytes=5242880"}},
		{name: "heap opts", image: bn, env: []string{`KAFKA_HEAP_OPTS="-Xmx1g -Xms1g"`}, helpers: []string{"KAFKA_HEAP_OPTS"}},
		// 3.2 name rule
		{name: "no escapes", image: bn, env: []string{"KAFKA_CFG_ABC__DEF=1"}, props: []string{"abc..def=1"}},
		{
			name: "camel case", image: bn, env: []string{"KAFKA_CFG_ZOOKEEPER_CLIENTCNXNSOCKET=n"},
			props: []string{"zookeeper.clientCnxnSocket=n"},
		},
		{
			name: "renames", image: bn,
			env: []string{
				"KAFKA_LOGS_DIRS=/d", "KAFKA_SEGMENT_BYTES=1", "KAFKA_ZOOKEEPER_CONNECT_TIMEOUT_MS=2",
				"KAFKA_AUTO_CREATE_TOPICS_ENABLE=false", "KAFKA_BROKER_USER=u", "KAFKA_BROKER_PASSWORD=p", "KAFKA_CLIENT_LISTENER=C",
			},
			props: []string{
				"log.dirs=/d", "log.segment.bytes=1", "zookeeper.connection.timeout.ms=2", "auto.create.topics.enable=false",
			},
			helpers: []string{"KAFKA_BROKER_USER", "KAFKA_BROKER_PASSWORD", "KAFKA_CLIENT_LISTENER"},
		},
		{
			name: "alias with the sic typo", image: bn, env: []string{"KAFKA_LOG_RETENTION_CHECK_INTERVALS_MS=1", "KAFKA_LOG_RETENTION_CHECK_INTERVAL_MS=2"},
			props:   []string{"log.retention.check.intervals.ms=1"},
			ignored: []string{"KAFKA_LOG_RETENTION_CHECK_INTERVAL_MS>log.retention.check.interval.ms>"},
		},
		{
			name: "alias overrides cfg", image: bn, env: []string{"KAFKA_NUM_PARTITIONS=1", "KAFKA_CFG_NUM_PARTITIONS=3"},
			props: []string{"num.partitions=3", "num.partitions=1"},
		},
		{
			name: "image settings", image: bn,
			env: []string{
				"KAFKA_CLUSTER_ID=abc", "KAFKA_KRAFT_CLUSTER_ID=abc", "KAFKA_CLIENT_USERS=u", "KAFKA_CLIENT_PASSWORDS=p",
				"KAFKA_CLIENT_PASSWORDS_FILE=/run/secrets/p", "KAFKA_TLS_CLIENT_CLIENT_AUTH=none",
				"KAFKA_ZOOKEEPER_TLS_VERIFY_HOSTNAME=false", "ALLOW_PLAINTEXT_LISTENER=yes", "KAFKA_ENABLE_KRAFT=yes",
				"BITNAMI_DEBUG=true", "KAFKA_JMX_PORT=9101", "KAFKA_OPTS=x", "JAVA_TOOL_OPTIONS=y",
				"KAFKA_CFG_SASL_ENABLED_MECHANISMS_FILE=/run/secrets/m",
			},
			helpers: []string{
				"KAFKA_CLUSTER_ID", "KAFKA_KRAFT_CLUSTER_ID", "KAFKA_CLIENT_USERS", "KAFKA_CLIENT_PASSWORDS",
				"KAFKA_CLIENT_PASSWORDS_FILE", "KAFKA_TLS_CLIENT_CLIENT_AUTH", "KAFKA_ZOOKEEPER_TLS_VERIFY_HOSTNAME",
				"ALLOW_PLAINTEXT_LISTENER", "KAFKA_ENABLE_KRAFT", "BITNAMI_DEBUG", "KAFKA_JMX_PORT", "KAFKA_OPTS",
				"JAVA_TOOL_OPTIONS", "KAFKA_CFG_SASL_ENABLED_MECHANISMS_FILE",
			},
		},
		{
			name: "sasl mechanisms is a property", image: bn, env: []string{"KAFKA_CFG_SASL_ENABLED_MECHANISMS=PLAIN"},
			props: []string{"sasl.enabled.mechanisms=PLAIN"},
		},
		{
			name: "create topics on bitnami", image: bn, env: []string{"KAFKA_CREATE_TOPICS=a:1:1"},
			ignored: []string{"KAFKA_CREATE_TOPICS>>"},
		},
		{name: "empty cfg name", image: bn, env: []string{"KAFKA_CFG_=x"}, ignored: []string{"KAFKA_CFG_>>"}},
		{
			name: "not a shell name", image: bn, env: []string{"KAFKA_CFG_SCRAM-SHA-256=x", "KAFKA_LOG.DIRS=y", "my-var=z"},
			ignored: []string{"KAFKA_CFG_SCRAM-SHA-256>>", "KAFKA_LOG.DIRS>>"},
		},
	})
}

// TestBitnamiAliasList pins every alias of
// kafka_create_alias_environment_variables.
func TestBitnamiAliasList(t *testing.T) {
	t.Parallel()
	suffixes := []string{
		"ADVERTISED_LISTENERS", "BROKER_ID", "NODE_ID", "CONTROLLER_QUORUM_VOTERS", "PROCESS_ROLES",
		"DEFAULT_REPLICATION_FACTOR", "DELETE_TOPIC_ENABLE", "INTER_BROKER_LISTENER_NAME", "LISTENERS",
		"LISTENER_SECURITY_PROTOCOL_MAP", "LOG_DIRS", "LOG_FLUSH_INTERVAL_MESSAGES", "LOG_FLUSH_INTERVAL_MS",
		"LOG_MESSAGE_FORMAT_VERSION", "LOG_RETENTION_BYTES", "LOG_RETENTION_CHECK_INTERVALS_MS",
		"LOG_RETENTION_HOURS", "LOG_SEGMENT_BYTES", "MESSAGE_MAX_BYTES", "NUM_IO_THREADS", "NUM_NETWORK_THREADS",
		"NUM_PARTITIONS", "NUM_RECOVERY_THREADS_PER_DATA_DIR", "OFFSETS_TOPIC_REPLICATION_FACTOR",
		"SOCKET_RECEIVE_BUFFER_BYTES", "SOCKET_REQUEST_MAX_BYTES", "SOCKET_SEND_BUFFER_BYTES",
		"SSL_ENDPOINT_IDENTIFICATION_ALGORITHM", "TRANSACTION_STATE_LOG_MIN_ISR",
		"TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "ZOOKEEPER_CONNECT", "ZOOKEEPER_CONNECTION_TIMEOUT_MS",
	}
	img := ParseImage("bitnami/kafka:3.6")
	for _, s := range suffixes {
		plain := Translate(img, env("KAFKA_"+s+"=v"))
		cfg := Translate(img, env("KAFKA_CFG_"+s+"=v"))
		if len(plain.Properties) != 1 || len(cfg.Properties) != 1 || plain.Properties[0].Key != cfg.Properties[0].Key {
			t.Errorf("KAFKA_%s: plain %v, cfg %v", s, settingsKV(plain.Properties), settingsKV(cfg.Properties))
		}
	}
}
