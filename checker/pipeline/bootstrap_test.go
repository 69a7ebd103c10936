package pipeline

import (
	"reflect"
	"testing"

	"github.com/streamlint/streamlint/checker/model"
)

const bootstrapCompose = `services:
  zookeeper:
    image: confluentinc/cp-zookeeper:7.6.1
    environment:
      ZOOKEEPER_CLIENT_PORT: 2181
  kafka:
    image: confluentinc/cp-kafka:7.6.1
    container_name: kafka-broker
    networks:
      default:
        aliases: [broker]
    environment:
      KAFKA_BROKER_ID: 1
      KAFKA_ZOOKEEPER_CONNECT: zookeeper:2181
      KAFKA_LISTENERS: PLAINTEXT://0.0.0.0:29092,PLAINTEXT_HOST://0.0.0.0:9092
      KAFKA_ADVERTISED_LISTENERS: PLAINTEXT://kafka:29092,PLAINTEXT_HOST://localhost:9092
      KAFKA_LISTENER_SECURITY_PROTOCOL_MAP: PLAINTEXT:PLAINTEXT,PLAINTEXT_HOST:PLAINTEXT
      KAFKA_INTER_BROKER_LISTENER_NAME: PLAINTEXT
  spark:
    image: bitnami/spark:3.5
    network_mode: host
    volumes:
      - ./jobs:/opt/jobs
    command: ["spark-submit", "/opt/jobs/app.py"]
`

// TestBootstrapEntries checks how bootstrap addresses resolve to brokers,
// and to the listener (by port) they reach on them.
func TestBootstrapEntries(t *testing.T) {
	p := buildDir(t, map[string]string{
		"docker-compose.yml": bootstrapCompose,
		"jobs/app.py": `from pyspark.sql import SparkSession
spark = SparkSession.builder.getOrCreate()
df = (spark.readStream.format("kafka")
    .option("kafka.bootstrap.servers", "kafka:29092,kafka:9092,kafka-broker:9093,broker:29092,localhost:9092,zookeeper:2181,kafak:9092,kafka")
    .option("subscribe", "orders").load())
df.writeStream.format("console").start().awaitTermination()
`,
	})
	if len(p.Apps) != 1 || len(p.Apps[0].Bootstrap) != 1 {
		t.Fatalf("want one app with one bootstrap list, got %+v", p.Apps)
	}
	ports := []string{"29092", "9092"}
	want := []model.BootstrapEntry{
		{Address: "kafka:29092", Host: "kafka", Port: "29092", Broker: "kafka", Via: "service name", Listener: "PLAINTEXT", Advertised: "kafka:29092", AdvertisedHost: "kafka", Ports: ports},
		{Address: "kafka:9092", Host: "kafka", Port: "9092", Broker: "kafka", Via: "service name", Listener: "PLAINTEXT_HOST", Advertised: "localhost:9092", AdvertisedHost: "localhost", Ports: ports},
		// the host names the broker but no listener binds the port
		{Address: "kafka-broker:9093", Host: "kafka-broker", Port: "9093", Broker: "kafka", Via: "container_name", Ports: ports},
		{Address: "broker:29092", Host: "broker", Port: "29092", Broker: "kafka", Via: "network alias", Listener: "PLAINTEXT", Advertised: "kafka:29092", AdvertisedHost: "kafka", Ports: ports},
		{Address: "localhost:9092", Host: "localhost", Port: "9092", Broker: "kafka", Via: "advertised listener localhost:9092", Listener: "PLAINTEXT_HOST", Advertised: "localhost:9092", AdvertisedHost: "localhost", Ports: ports},
		{Address: "zookeeper:2181", Host: "zookeeper", Port: "2181"},
		{Address: "kafak:9092", Host: "kafak", Port: "9092"},
		{Address: "kafka", Host: "kafka", Broker: "kafka", Via: "service name", Ports: ports},
	}
	got := p.Apps[0].Bootstrap[0].Entries
	if len(got) != len(want) {
		t.Fatalf("got %d entries, want %d: %+v", len(got), len(want), got)
	}
	for i := range want {
		if !reflect.DeepEqual(got[i], want[i]) {
			t.Errorf("entry %d:\n got %+v\nwant %+v", i, got[i], want[i])
		}
	}
	for _, s := range p.Services {
		if s.Name == "spark" && s.NetworkMode != "host" {
			t.Errorf("spark network_mode = %q, want host", s.NetworkMode)
		}
	}
}

// TestBootstrapControllerListener checks that a KRaft controller listener
// is not a client port and that unset advertised.listeners falls back to
// the listeners themselves.
func TestBootstrapControllerListener(t *testing.T) {
	p := buildDir(t, map[string]string{
		"docker-compose.yml": `services:
  kafka:
    image: bitnami/kafka:3.7.0
    environment:
      - KAFKA_CFG_NODE_ID=0
      - KAFKA_CFG_PROCESS_ROLES=controller,broker
      - KAFKA_CFG_CONTROLLER_QUORUM_VOTERS=0@kafka:9093
      - KAFKA_CFG_LISTENERS=PLAINTEXT://kafka:9092,CONTROLLER://:9093
      - KAFKA_CFG_CONTROLLER_LISTENER_NAMES=CONTROLLER
  spark:
    image: bitnami/spark:3.5
    volumes:
      - ./jobs:/opt/jobs
    command: ["spark-submit", "/opt/jobs/app.py"]
`,
		"jobs/app.py": `from pyspark.sql import SparkSession
spark = SparkSession.builder.getOrCreate()
df = (spark.readStream.format("kafka")
    .option("kafka.bootstrap.servers", "kafka:9093,kafka:9092")
    .option("subscribe", "orders").load())
df.writeStream.format("console").start().awaitTermination()
`,
	})
	got := p.Apps[0].Bootstrap[0].Entries
	want := []model.BootstrapEntry{
		{Address: "kafka:9093", Host: "kafka", Port: "9093", Broker: "kafka", Via: "service name", Listener: "CONTROLLER", Ports: []string{"9092"}},
		{Address: "kafka:9092", Host: "kafka", Port: "9092", Broker: "kafka", Via: "service name", Listener: "PLAINTEXT", Advertised: "kafka:9092", AdvertisedHost: "kafka", Ports: []string{"9092"}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %+v\nwant %+v", got, want)
	}
}
