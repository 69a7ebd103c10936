package corpus

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Brokers writes one pipeline under dir whose compose file runs a KRaft
// cluster of three controllers and n brokers, with a Spark job reading from
// it: the input that shows whether a stage's cost grows faster than the
// number of brokers (rules that compare every broker with every other, a
// lookup that scans all services per broker). The brokers share their
// common settings through a YAML anchor, as large compose files do, and
// carry mistakes (auto-created topics, replication factor 1 on a
// cluster), some in the anchor, so that findings are built for all of
// them and merged where they share a location.
func Brokers(dir string, n int) error { return brokers(dir, n, false) }

// BrokersWithSecrets is Brokers whose brokers carry secrets: a truststore
// password in the shared anchor, and per broker a SASL JAAS configuration
// with its own password and keystore and key passwords of its own. It
// shows whether judging and masking secrets grows faster than the brokers
// (every distinct password is masked wherever it appears, and SEC001
// groups the values services share).
func BrokersWithSecrets(dir string, n int) error { return brokers(dir, n, true) }

func brokers(dir string, n int, secrets bool) error {
	var b strings.Builder
	b.WriteString(`# Generated: a KRaft cluster of 3 controllers and ` + fmt.Sprint(n) + ` brokers.
x-broker-env: &broker-env
  KAFKA_PROCESS_ROLES: broker
  KAFKA_CONTROLLER_QUORUM_VOTERS: 1@controller-1:9093,2@controller-2:9093,3@controller-3:9093
  KAFKA_CONTROLLER_LISTENER_NAMES: CONTROLLER
  KAFKA_LISTENER_SECURITY_PROTOCOL_MAP: CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT,PLAINTEXT_HOST:PLAINTEXT
  KAFKA_INTER_BROKER_LISTENER_NAME: PLAINTEXT
  KAFKA_LOG_RETENTION_HOURS: 168
  KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR: 1
  KAFKA_AUTO_CREATE_TOPICS_ENABLE: "true"
  CLUSTER_ID: MkU3OEVBNTcwNTJENDM2Qk
`)
	if secrets {
		b.WriteString(`  KAFKA_SSL_TRUSTSTORE_PASSWORD: Tru5tStore-shared-9f3a
`)
	}
	b.WriteString(`
services:
`)
	for i := 1; i <= 3; i++ {
		fmt.Fprintf(&b, `  controller-%[1]d:
    image: confluentinc/cp-kafka:7.6.1
    environment:
      KAFKA_NODE_ID: %[1]d
      KAFKA_PROCESS_ROLES: controller
      KAFKA_CONTROLLER_QUORUM_VOTERS: 1@controller-1:9093,2@controller-2:9093,3@controller-3:9093
      KAFKA_CONTROLLER_LISTENER_NAMES: CONTROLLER
      KAFKA_LISTENERS: CONTROLLER://0.0.0.0:9093
      KAFKA_LISTENER_SECURITY_PROTOCOL_MAP: CONTROLLER:PLAINTEXT
      CLUSTER_ID: MkU3OEVBNTcwNTJENDM2Qk
`, i)
	}
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, `  kafka-%[1]d:
    image: confluentinc/cp-kafka:7.6.1
    hostname: kafka-%[1]d
    environment:
      <<: *broker-env
      KAFKA_NODE_ID: %[2]d
      KAFKA_LISTENERS: PLAINTEXT://0.0.0.0:29092,PLAINTEXT_HOST://0.0.0.0:9092
      KAFKA_ADVERTISED_LISTENERS: PLAINTEXT://kafka-%[1]d:29092,PLAINTEXT_HOST://localhost:%[3]d
      KAFKA_NUM_PARTITIONS: %[4]d
      KAFKA_LOG_SEGMENT_BYTES: %[5]d
`, i, 100+i, 10000+i, 1+i%6, 104857600+i)
		if secrets {
			fmt.Fprintf(&b, `      KAFKA_SASL_JAAS_CONFIG: org.apache.kafka.common.security.scram.ScramLoginModule required username="broker-%[1]d" password="Br0ker-%[1]d-s3cret";
      KAFKA_SSL_KEYSTORE_PASSWORD: Ks-%[1]d-pa55word
      KAFKA_SSL_KEY_PASSWORD: Key-%[1]d-pa55word
`, i)
		}
	}
	b.WriteString(`  stream-job:
    image: bitnami/spark:3.5
    volumes:
      - ./jobs:/opt/jobs
    command: spark-submit --master local[2] --packages org.apache.spark:spark-sql-kafka-0-10_2.12:3.5.1 /opt/jobs/stream.py
`)
	files := map[string]string{
		"docker-compose.yml": b.String(),
		"jobs/stream.py":     brokersJob,
	}
	for name, body := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return fmt.Errorf("create %s: %w", filepath.Dir(path), err)
		}
		if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
			return fmt.Errorf("write %s: %w", path, err)
		}
	}
	return nil
}

const brokersJob = `from pyspark.sql import SparkSession

spark = SparkSession.builder.appName("many-brokers").getOrCreate()
events = (
    spark.readStream.format("kafka")
    .option("kafka.bootstrap.servers", "kafka-1:29092,kafka-2:29092,kafka-3:9092,localhost:10001")
    .option("subscribe", "events")
    .option("maxOffsetsPerTrigger", 10000)
    .load()
)
events.writeStream.format("console").start().awaitTermination()
`
