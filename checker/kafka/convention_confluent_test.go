package kafka

import (
	"strings"
	"testing"
)

// TestTranslateConfluentExamples is section 1.6 of the conventions notes.
func TestTranslateConfluentExamples(t *testing.T) {
	t.Parallel()
	const cp = "confluentinc/cp-kafka:7.5.0"
	runTranslateCases(t, []translateCase{
		{name: "retention hours", image: cp, env: []string{"KAFKA_LOG_RETENTION_HOURS=24"}, props: []string{"log.retention.hours=24"}},
		{name: "offsets rf", image: cp, env: []string{"KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR=1"}, props: []string{"offsets.topic.replication.factor=1"}},
		{
			name: "protocol map value untouched", image: cp,
			env:   []string{"KAFKA_LISTENER_SECURITY_PROTOCOL_MAP=PLAINTEXT:PLAINTEXT,PLAINTEXT_HOST:PLAINTEXT"},
			props: []string{"listener.security.protocol.map=PLAINTEXT:PLAINTEXT,PLAINTEXT_HOST:PLAINTEXT"},
		},
		{
			name: "double underscore escape", image: cp,
			env:   []string{"KAFKA_LISTENER_NAME_SASL__SSL_PLAIN_SASL_JAAS_CONFIG=x"},
			props: []string{"listener.name.sasl_ssl.plain.sasl.jaas.config=x"},
		},
		{
			name: "triple underscore escape", image: cp,
			env:   []string{"KAFKA_LISTENER_NAME_CLIENT_SCRAM___SHA___256_SASL_JAAS_CONFIG=x"},
			props: []string{"listener.name.client.scram-sha-256.sasl.jaas.config=x"},
		},
		{
			name: "cnxn socket special case 7.5", image: cp,
			env:   []string{"KAFKA_ZOOKEEPER_CLIENT_CNXN_SOCKET=org.apache.zookeeper.ClientCnxnSocketNetty"},
			props: []string{"zookeeper.clientCnxnSocket=org.apache.zookeeper.ClientCnxnSocketNetty"},
		},
		{
			name: "cnxn socket special case 5.5", image: "confluentinc/cp-kafka:5.5.0",
			env: []string{"KAFKA_ZOOKEEPER_CLIENT_CNXN_SOCKET=n"}, props: []string{"zookeeper.clientCnxnSocket=n"},
		},
		{
			name: "cnxn socket generic in 5.4", image: "confluentinc/cp-kafka:5.4.1",
			env: []string{"KAFKA_ZOOKEEPER_CLIENT_CNXN_SOCKET=n"}, props: []string{"zookeeper.client.cnxn.socket=n"},
		},
		{
			name: "cnxn socket generic in 8.0", image: "confluentinc/cp-kafka:8.0.0",
			env: []string{"KAFKA_ZOOKEEPER_CLIENT_CNXN_SOCKET=n"}, props: []string{"zookeeper.client.cnxn.socket=n"},
		},
		{
			name: "cnxn socket unknown version is charitable", image: "confluentinc/cp-kafka:latest",
			env: []string{"KAFKA_ZOOKEEPER_CLIENT_CNXN_SOCKET=n"}, props: []string{"zookeeper.clientCnxnSocket=n"},
		},
		{name: "topic-level name", image: cp, env: []string{"KAFKA_MAX_MESSAGE_BYTES=5242880"}, props: []string{"max.message.bytes=5242880"}},
		{name: "typo", image: cp, env: []string{"KAFKA_REPLICA_FETCH_MAX_BYES=8388608"}, props: []string{"replica.fetch.max.byes=8388608"}},
		{name: "producer key", image: cp, env: []string{"KAFKA_MAX_REQUEST_SIZE=50000000"}, props: []string{"max.request.size=50000000"}},
		{
			name: "heap opts leak up to 8.0", image: cp, env: []string{"KAFKA_HEAP_OPTS=-Xmx1G -Xms1G"},
			helpers: []string{"KAFKA_HEAP_OPTS"}, leaked: []string{"heap.opts=-Xmx1G -Xms1G"},
		},
		{
			name: "heap opts leak in 8.0", image: "confluentinc/cp-server:8.0.1", env: []string{"KAFKA_HEAP_OPTS=-Xmx1G", "KAFKA_LOG4J_OPTS=-Dx"},
			helpers: []string{"KAFKA_HEAP_OPTS", "KAFKA_LOG4J_OPTS"}, leaked: []string{"heap.opts=-Xmx1G", "log4j.opts=-Dx"},
		},
		{
			name: "heap opts excluded from 8.1", image: "confluentinc/cp-kafka:8.1.0", env: []string{"KAFKA_HEAP_OPTS=-Xmx1G", "KAFKA_LOG4J_OPTS=-Dx"},
			helpers: []string{"KAFKA_HEAP_OPTS", "KAFKA_LOG4J_OPTS"},
		},
		{
			name: "confluent server key", image: "confluentinc/cp-server:7.5.0",
			env:   []string{"KAFKA_CONFLUENT_METADATA_SERVER_LISTENERS=http://localhost:18090"},
			props: []string{"confluent.metadata.server.listeners=http://localhost:18090"},
		},
	})
}

// TestTranslateConfluentConventions covers the exclusion list, the leaking
// helpers, the other prefixes and the variables that stop the container.
func TestTranslateConfluentConventions(t *testing.T) {
	t.Parallel()
	const cp = "confluentinc/cp-kafka:7.5.0"
	excluded := []string{
		"KAFKA_VERSION=7.5.0", "KAFKA_OPTS=-Djava.security.auth.login.config=/etc/kafka/jaas.conf",
		"KAFKA_JMX_OPTS=-Dcom.sun.management.jmxremote", "KAFKA_JVM_PERFORMANCE_OPTS=-XX:+UseG1GC",
		"KAFKA_GC_LOG_OPTS=-Xlog:gc", "KAFKA_LOG4J_ROOT_LOGLEVEL=WARN", "KAFKA_LOG4J_LOGGERS=kafka=WARN",
		"KAFKA_TOOLS_LOG4J_LOGLEVEL=ERROR",
	}
	leaking := []string{
		"KAFKA_JMX_PORT=9101", "KAFKA_JMX_HOSTNAME=localhost", "KAFKA_SSL_KEYSTORE_FILENAME=k.jks",
		"KAFKA_SSL_KEY_CREDENTIALS=kc", "KAFKA_SSL_KEYSTORE_CREDENTIALS=ksc", "KAFKA_SSL_TRUSTSTORE_FILENAME=t.jks",
		"KAFKA_SSL_TRUSTSTORE_CREDENTIALS=tc", "KAFKA_DATA_DIRS=/d", "KAFKA_CUB_ZK_TIMEOUT=60",
	}
	names := func(pairs []string) []string {
		var out []string
		for _, p := range pairs {
			n, _, _ := strings.Cut(p, "=")
			out = append(out, n)
		}
		return out
	}
	runTranslateCases(t, []translateCase{
		{name: "exclusions", image: cp, env: excluded, helpers: names(excluded)},
		{
			name: "leaking helpers", image: cp, env: leaking, helpers: names(leaking),
			leaked: []string{
				"jmx.port=9101", "jmx.hostname=localhost", "ssl.keystore.filename=k.jks", "ssl.key.credentials=kc",
				"ssl.keystore.credentials=ksc", "ssl.truststore.filename=t.jks", "ssl.truststore.credentials=tc",
				"data.dirs=/d", "cub.zk.timeout=60",
			},
		},
		{
			name: "cluster id and foreign variables", image: cp,
			env:     []string{"CLUSTER_ID=MkU3OEVBNTcwNTJENDM2Qk", "TZ=UTC", "JAVA_HOME=/opt/java", "kafka_num_partitions=3"},
			helpers: []string{"CLUSTER_ID"},
		},
		{
			name: "support prefix", image: cp, env: []string{"CONFLUENT_SUPPORT_METRICS_ENABLE=false", "CONFLUENT_METRICS_REPORTER_TOPIC_REPLICAS=1"},
			props: []string{"confluent.support.metrics.enable=false"},
		},
		{
			name: "metrics prefix on cp-server", image: "confluentinc/cp-server:7.5.0",
			env:   []string{"CONFLUENT_METRICS_REPORTER_BOOTSTRAP_SERVERS=kafka:29092", "CONFLUENT_SUPPORT_CUSTOMER_ID=anonymous"},
			props: []string{"confluent.metrics.reporter.bootstrap.servers=kafka:29092", "confluent.support.customer.id=anonymous"},
		},
		{
			name: "bitnami convention on confluent", image: cp,
			env:     []string{"KAFKA_CFG_LOG_RETENTION_HOURS=24"},
			ignored: []string{"KAFKA_CFG_LOG_RETENTION_HOURS>log.retention.hours>cfg.log.retention.hours"},
		},
		{
			name: "wurstmeister topics on confluent", image: cp,
			env:     []string{"KAFKA_CREATE_TOPICS=transactions:3:1", "KAFKA_CREATE_TOPICS_SEPARATOR=;"},
			ignored: []string{"KAFKA_CREATE_TOPICS>>create.topics", "KAFKA_CREATE_TOPICS_SEPARATOR>>create.topics.separator"},
		},
		{
			name: "wurstmeister host name is just a removed key", image: cp,
			env: []string{"KAFKA_ADVERTISED_HOST_NAME=kafka"}, props: []string{"advertised.host.name=kafka"},
		},
		{
			name: "deprecated host and port exit", image: cp,
			env:      []string{"KAFKA_PORT=9092", "KAFKA_HOST=kafka", "KAFKA_ADVERTISED_PORT=9092", "KAFKA_ADVERTISED_HOST=kafka"},
			rejected: []string{"KAFKA_PORT", "KAFKA_HOST", "KAFKA_ADVERTISED_PORT", "KAFKA_ADVERTISED_HOST"},
		},
		{name: "empty port does not exit", image: cp, env: []string{"KAFKA_PORT="}, props: []string{"port="}},
		{
			name: "controller-only with advertised listeners exits", image: cp,
			env:      []string{"KAFKA_PROCESS_ROLES=controller", "KAFKA_ADVERTISED_LISTENERS=CONTROLLER://c:9093"},
			props:    []string{"process.roles=controller"},
			rejected: []string{"KAFKA_ADVERTISED_LISTENERS"},
		},
		{
			name: "combined node keeps advertised listeners", image: cp,
			env:   []string{"KAFKA_PROCESS_ROLES=broker,controller", "KAFKA_ADVERTISED_LISTENERS=PLAINTEXT://k:9092"},
			props: []string{"process.roles=broker,controller", "advertised.listeners=PLAINTEXT://k:9092"},
		},
		{
			name: "pre-KRaft scripts do not check roles", image: "confluentinc/cp-kafka:7.3.0",
			env:   []string{"KAFKA_PROCESS_ROLES=controller", "KAFKA_ADVERTISED_LISTENERS=CONTROLLER://c:9093"},
			props: []string{"process.roles=controller", "advertised.listeners=CONTROLLER://c:9093"},
		},
		{
			name: "escape edge cases", image: cp,
			env: []string{"KAFKA_A_B_C=1", "KAFKA__LEADING=1", "KAFKA_TRAILING_=1", "KAFKA_FOUR____X=1", "KAFKA_=1"},
			props: []string{
				"a.b.c=1", "_leading=1", "trailing_=1", "four-_x=1",
			},
			ignored: []string{"KAFKA_>>"},
		},
		{
			name: "confluent-local", image: "confluentinc/confluent-local:7.6.0",
			env: []string{
				"KAFKA_HEAP_OPTS=-Xmx512m", "KAFKA_LOG4J_OPTS=-Dx", "KAFKA_HEAP_OPT=y", "KAFKA_REST_HOST_NAME=rest-proxy",
				"CONFLUENT_METRICS_ENABLE=false", "KAFKA_ZOOKEEPER_CLIENT_CNXN_SOCKET=n", "KAFKA_PORT=9092",
				"CLUSTER_ID=x", "KAFKA_NUM_PARTITIONS=3",
			},
			props:    []string{"confluent.metrics.enable=false", "zookeeper.client.cnxn.socket=n", "num.partitions=3"},
			helpers:  []string{"KAFKA_HEAP_OPTS", "KAFKA_LOG4J_OPTS", "KAFKA_HEAP_OPT", "KAFKA_REST_HOST_NAME", "CLUSTER_ID"},
			leaked:   []string{"heap.opts=-Xmx512m"},
			rejected: []string{"KAFKA_PORT"},
		},
	})
}

// TestTranslateApache is section 2 of the conventions notes.
func TestTranslateApache(t *testing.T) {
	t.Parallel()
	excluded := []string{
		"KAFKA_VERSION=1", "KAFKA_HEAP_OPTS=-Xmx1G", "KAFKA_LOG4J_OPTS=x", "KAFKA_OPTS=x", "KAFKA_JMX_OPTS=x",
		"KAFKA_JVM_PERFORMANCE_OPTS=x", "KAFKA_GC_LOG_OPTS=x", "KAFKA_LOG4J_ROOT_LOGLEVEL=WARN",
		"KAFKA_LOG4J_LOGGERS=kafka=WARN", "KAFKA_TOOLS_LOG4J_LOGLEVEL=ERROR", "KAFKA_JMX_HOSTNAME=h",
	}
	var excludedNames []string
	for _, p := range excluded {
		n, _, _ := strings.Cut(p, "=")
		excludedNames = append(excludedNames, n)
	}
	runTranslateCases(t, []translateCase{
		// 2.5 examples
		{name: "num partitions", image: "apache/kafka:3.8.0", env: []string{"KAFKA_NUM_PARTITIONS=3"}, props: []string{"num.partitions=3"}},
		{name: "dash escape", image: "apache/kafka:3.8.0", env: []string{"KAFKA_ABC___DEF=1"}, props: []string{"abc-def=1"}},
		{name: "underscore escape", image: "apache/kafka:3.8.0", env: []string{"KAFKA_ABC__DEF=1"}, props: []string{"abc_def=1"}},
		{
			name: "voters", image: "apache/kafka:3.8.0", env: []string{"KAFKA_CONTROLLER_QUORUM_VOTERS=1@broker:29093"},
			props: []string{"controller.quorum.voters=1@broker:29093"},
		},
		{
			name: "double prefix up to 3.9", image: "apache/kafka:3.9.0", env: []string{"KAFKA_KAFKA_METRICS_REPORTERS=x"},
			props:   []string{"metrics.reporters=x"},
			ignored: []string{"KAFKA_KAFKA_METRICS_REPORTERS>kafka.metrics.reporters>metrics.reporters"},
		},
		{
			name: "double prefix from 4.0", image: "apache/kafka:4.0.0", env: []string{"KAFKA_KAFKA_METRICS_REPORTERS=x"},
			props: []string{"kafka.metrics.reporters=x"},
		},
		{
			name: "double prefix latest", image: "apache/kafka:latest", env: []string{"KAFKA_KAFKA_METRICS_POLLING_INTERVAL_SECS=5"},
			props: []string{"kafka.metrics.polling.interval.secs=5"},
		},
		{
			name: "escapes", image: "apache/kafka-native:3.9.0",
			env: []string{
				"KAFKA_LISTENER_NAME_SASL__SSL_PLAIN_SASL_JAAS_CONFIG=x",
				"KAFKA_LISTENER_NAME_CLIENT_SCRAM___SHA___256_SASL_JAAS_CONFIG=y",
			},
			props: []string{"listener.name.sasl_ssl.plain.sasl.jaas.config=x", "listener.name.client.scram-sha-256.sasl.jaas.config=y"},
		},
		// 2.3 exclusions and helpers
		{name: "exclusions", image: "apache/kafka:3.8.0", env: excluded, helpers: excludedNames},
		{
			name: "3.7.0 heap typo", image: "apache/kafka:3.7.0", env: []string{"KAFKA_HEAP_OPTS=-Xmx1G", "KAFKA_HEAP_OPT=y"},
			helpers: []string{"KAFKA_HEAP_OPTS", "KAFKA_HEAP_OPT"}, leaked: []string{"heap.opts=-Xmx1G"},
		},
		{name: "3.7.1 heap fixed", image: "apache/kafka:3.7.1", env: []string{"KAFKA_HEAP_OPTS=-Xmx1G"}, helpers: []string{"KAFKA_HEAP_OPTS"}},
		{
			name: "leaking helpers", image: "apache/kafka:3.8.0",
			env: []string{
				"KAFKA_JMX_PORT=9101", "KAFKA_SSL_KEYSTORE_FILENAME=k", "KAFKA_SSL_KEY_CREDENTIALS=c",
				"KAFKA_SSL_KEYSTORE_CREDENTIALS=c", "KAFKA_SSL_TRUSTSTORE_FILENAME=t", "KAFKA_SSL_TRUSTSTORE_CREDENTIALS=c",
				"CLUSTER_ID=abc",
			},
			helpers: []string{
				"KAFKA_JMX_PORT", "KAFKA_SSL_KEYSTORE_FILENAME", "KAFKA_SSL_KEY_CREDENTIALS",
				"KAFKA_SSL_KEYSTORE_CREDENTIALS", "KAFKA_SSL_TRUSTSTORE_FILENAME", "KAFKA_SSL_TRUSTSTORE_CREDENTIALS", "CLUSTER_ID",
			},
			leaked: []string{
				"jmx.port=9101", "ssl.keystore.filename=k", "ssl.key.credentials=c", "ssl.keystore.credentials=c",
				"ssl.truststore.filename=t", "ssl.truststore.credentials=c",
			},
		},
		{
			name: "bitnami convention on apache", image: "apache/kafka:3.8.0", env: []string{"KAFKA_CFG_NUM_PARTITIONS=3"},
			ignored: []string{"KAFKA_CFG_NUM_PARTITIONS>num.partitions>cfg.num.partitions"},
		},
		{
			name: "create topics on apache", image: "apache/kafka:3.8.0", env: []string{"KAFKA_CREATE_TOPICS=a:1:1"},
			ignored: []string{"KAFKA_CREATE_TOPICS>>create.topics"},
		},
		{
			name: "port is just a removed key", image: "apache/kafka:3.8.0", env: []string{"KAFKA_PORT=9092"},
			props: []string{"port=9092"},
		},
		{
			name: "controller-only with advertised exits", image: "apache/kafka:3.8.0",
			env:      []string{"KAFKA_PROCESS_ROLES=controller", "KAFKA_ADVERTISED_LISTENERS=C://c:9093"},
			props:    []string{"process.roles=controller"},
			rejected: []string{"KAFKA_ADVERTISED_LISTENERS"},
		},
	})
}
