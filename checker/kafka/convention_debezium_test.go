package kafka

import "testing"

// TestTranslateDebezium is section 5 of the conventions notes.
func TestTranslateDebezium(t *testing.T) {
	t.Parallel()
	const dbz = "quay.io/debezium/kafka:2.7"
	runTranslateCases(t, []translateCase{
		{
			name: "strip and dots", image: dbz, env: []string{"KAFKA_LOG_RETENTION_HOURS=24", "KAFKA_LISTENER_NAME_SASL_SSL_X=1"},
			props: []string{"log.retention.hours=24", "listener.name.sasl.ssl.x=1"},
		},
		{
			name: "exclusions and leaks", image: dbz,
			env: []string{
				"KAFKA_VERSION=3.8", "KAFKA_HOME=/kafka", "KAFKA_LOG4J_OPTS=x", "KAFKA_JMX_OPTS=y",
				"KAFKA_HEAP_OPTS=-Xmx1G", "KAFKA_JMX_PORT=1", "KAFKA_DATA=/data",
			},
			helpers: []string{
				"KAFKA_VERSION", "KAFKA_HOME", "KAFKA_LOG4J_OPTS", "KAFKA_JMX_OPTS", "KAFKA_HEAP_OPTS", "KAFKA_JMX_PORT", "KAFKA_DATA",
			},
			leaked: []string{"heap.opts=-Xmx1G", "jmx.port=1", "data=/data"},
		},
		{
			name: "image settings", image: dbz,
			env: []string{
				"CLUSTER_ID=x", "NODE_ROLE=broker", "HEAP_OPTS=-Xmx1G", "HOST_NAME=h", "ADVERTISED_HOST_NAME=a", "PORT=9092",
				"ADVERTISED_PORT=9092", "CONTROLLER_PORT=9093", "KAFKA_ADVERTISED_HOST_NAME=kafka", "KAFKA_PORT=1",
			},
			helpers: []string{
				"CLUSTER_ID", "NODE_ROLE", "HEAP_OPTS", "HOST_NAME", "ADVERTISED_HOST_NAME", "PORT", "ADVERTISED_PORT",
				"CONTROLLER_PORT", "KAFKA_ADVERTISED_HOST_NAME", "KAFKA_PORT",
			},
		},
		{
			name: "node id", image: dbz, env: []string{"NODE_ID=2", "BROKER_ID=5", "KAFKA_NODE_ID=3", "KAFKA_LOG_DIRS=/x"},
			props:   []string{"node.id=2", "broker.id=2"},
			helpers: []string{"BROKER_ID"},
			ignored: []string{"KAFKA_NODE_ID>node.id>", "KAFKA_LOG_DIRS>log.dirs>"},
		},
		{name: "legacy broker id", image: dbz, env: []string{"BROKER_ID=5"}, props: []string{"node.id=5", "broker.id=5"}},
		{name: "zookeeper connect", image: dbz, env: []string{"ZOOKEEPER_CONNECT=zookeeper:2181"}, props: []string{"zookeeper.connect=zookeeper:2181"}},
		{
			name: "voters become bootstrap servers", image: dbz, env: []string{"KAFKA_CONTROLLER_QUORUM_VOTERS=1@[kafka-1]:9093,2@kafka-2:9093"},
			props: []string{"controller.quorum.bootstrap.servers=kafka-1:9093"},
		},
		{
			name: "voters kept with bootstrap servers", image: dbz,
			env:   []string{"KAFKA_CONTROLLER_QUORUM_VOTERS=1@k:9093", "KAFKA_CONTROLLER_QUORUM_BOOTSTRAP_SERVERS=k:9093"},
			props: []string{"controller.quorum.voters=1@k:9093", "controller.quorum.bootstrap.servers=k:9093"},
		},
		{
			name: "value with = in its first word", image: dbz, env: []string{"KAFKA_LOG4J_LOGGERS=kafka=WARN,state=INFO", "KAFKA_X_Y=a b=c"},
			props: []string{"log4j.loggers=kafka=warn,state=kafka=WARN,state=INFO", "x.y=a b=c"},
		},
		{
			name: "foreign conventions", image: dbz, env: []string{"KAFKA_CREATE_TOPICS=a:1:1", "KAFKA_CFG_X=1"},
			ignored: []string{"KAFKA_CREATE_TOPICS>>create.topics", "KAFKA_CFG_X>x>cfg.x"},
		},
	})
}
