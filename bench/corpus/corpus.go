// Package corpus generates corpora of streaming pipelines for benchmarks:
// N directories, each with a docker-compose.yml (a KRaft Kafka broker, a
// Spark master, a worker and a spark-submit service), a
// conf/spark-defaults.conf and a PySpark job, so 3 files per pipeline.
// Values vary with the pipeline's number, and one pipeline in four
// carries the incident's mistakes, so that the linter builds, evaluates
// and reports for real.
package corpus

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// FilesPerPipeline is how many files Generate writes per pipeline.
const FilesPerPipeline = 3

// Generate writes n pipelines under dir, which must be empty or absent.

func Generate(dir string, n int) error {
	if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 {
		return fmt.Errorf("%s is not empty", dir)
	}
	for i := range n {
		if err := writePipeline(filepath.Join(dir, fmt.Sprintf("p%05d", i)), i); err != nil {
			return err
		}
	}
	return nil
}

func writePipeline(dir string, i int) error {
	files := map[string]string{
		"docker-compose.yml":           composeFile(i),
		"conf/spark-defaults.conf":     sparkDefaults(i),
		"jobs/stream_" + id(i) + ".py": job(i),
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

func id(i int) string { return fmt.Sprintf("%05d", i) }

// faulty pipelines carry the incident's mistakes.
func faulty(i int) bool { return i%4 == 3 }

func composeFile(i int) string {
	retention := "KAFKA_LOG_RETENTION_HOURS: 24\n      KAFKA_LOG_RETENTION_BYTES: 1073741824\n      KAFKA_LOG_SEGMENT_BYTES: 104857600"
	partitions := 3 + i%6
	if faulty(i) {
		retention = "KAFKA_LOG_RETENTION_HOURS: 168"
		partitions = 1
	}
	r := strings.NewReplacer(
		"{{ID}}", id(i),
		"{{RETENTION}}", retention,
		"{{PARTITIONS}}", fmt.Sprint(partitions),
		"{{CORES}}", fmt.Sprint(1+i%4),
		"{{MEM}}", fmt.Sprintf("%dm", 2048+256*(i%5)),
	)
	return r.Replace(composeTemplate)
}

const composeTemplate = `# Generated benchmark pipeline {{ID}}.
services:
  kafka:
    image: confluentinc/cp-kafka:7.6.1
    hostname: kafka
    ports:
      - "9092:9092"
    environment:
      KAFKA_NODE_ID: 1
      KAFKA_PROCESS_ROLES: broker,controller
      KAFKA_CONTROLLER_QUORUM_VOTERS: 1@kafka:29093
      KAFKA_LISTENERS: PLAINTEXT://0.0.0.0:29092,CONTROLLER://0.0.0.0:29093,PLAINTEXT_HOST://0.0.0.0:9092
      KAFKA_ADVERTISED_LISTENERS: PLAINTEXT://kafka:29092,PLAINTEXT_HOST://localhost:9092
      KAFKA_LISTENER_SECURITY_PROTOCOL_MAP: CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT,PLAINTEXT_HOST:PLAINTEXT
      KAFKA_CONTROLLER_LISTENER_NAMES: CONTROLLER
      KAFKA_INTER_BROKER_LISTENER_NAME: PLAINTEXT
      CLUSTER_ID: MkU3OEVBNTcwNTJENDM2Qk
      {{RETENTION}}
      KAFKA_NUM_PARTITIONS: {{PARTITIONS}}
      KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR: 1
      KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR: 1
      KAFKA_TRANSACTION_STATE_LOG_MIN_ISR: 1
      KAFKA_DEFAULT_REPLICATION_FACTOR: 1
    volumes:
      - kafka-data:/var/lib/kafka/data

  spark-master:
    image: bitnami/spark:3.5
    environment:
      - SPARK_MODE=master
    ports:
      - "8080:8080"

  spark-worker:
    image: bitnami/spark:3.5
    depends_on: [spark-master]
    environment:
      - SPARK_MODE=worker
      - SPARK_MASTER_URL=spark://spark-master:7077
      - SPARK_WORKER_MEMORY={{MEM}}
      - SPARK_WORKER_CORES={{CORES}}

  stream-job:
    image: bitnami/spark:3.5
    depends_on: [kafka, spark-master]
    volumes:
      - ./jobs:/opt/jobs
      - ./conf/spark-defaults.conf:/opt/bitnami/spark/conf/spark-defaults.conf
    command: >
      spark-submit --master spark://spark-master:7077
      --conf spark.sql.shuffle.partitions=12
      --packages org.apache.spark:spark-sql-kafka-0-10_2.12:3.5.1
      /opt/jobs/stream_{{ID}}.py

volumes:
  kafka-data:
`

func sparkDefaults(i int) string {
	return fmt.Sprintf(`# Spark defaults of pipeline %s.
spark.master                 spark://spark-master:7077
spark.executor.memory        %dm
spark.executor.cores         1
spark.sql.streaming.checkpointLocation /data/checkpoints/%s
spark.serializer             org.apache.spark.serializer.KryoSerializer
`, id(i), 1024+128*(i%4), id(i))
}

func job(i int) string {
	limit := fmt.Sprintf("\n    .option(\"maxOffsetsPerTrigger\", %d)", 20000+1000*(i%10))
	extra := ""
	if faulty(i) {
		limit = ""
		extra = "\n    .config(\"spark.streaming.kafka.maxRatePerPartition\", \"10000\")"
	}
	return fmt.Sprintf(`"""Streaming job %[1]s: reads events from Kafka, writes parquet."""
from pyspark.sql import SparkSession
from pyspark.sql.functions import col, from_json
from pyspark.sql.types import DoubleType, StringType, StructField, StructType

SCHEMA = StructType([
    StructField("event_id", StringType()),
    StructField("amount", DoubleType()),
])

spark = (
    SparkSession.builder
    .appName("stream_%[1]s")%[2]s
    .getOrCreate()
)

events = (
    spark.readStream.format("kafka")
    .option("kafka.bootstrap.servers", "kafka:29092")
    .option("subscribe", "events_%[1]s")
    .option("startingOffsets", "latest")%[3]s
    .load()
    .select(from_json(col("value").cast("string"), SCHEMA).alias("e"))
    .select("e.*")
)

query = (
    events.writeStream.format("parquet")
    .option("path", "/data/out/%[1]s")
    .option("checkpointLocation", "/data/checkpoints/%[1]s")
    .trigger(processingTime="%[4]d seconds")
    .start()
)
query.awaitTermination()
`, id(i), extra, limit, 2+i%5)
}
