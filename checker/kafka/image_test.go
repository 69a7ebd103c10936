package kafka

import (
	"strings"
	"testing"
)

func TestParseImage(t *testing.T) {
	t.Parallel()
	tests := []struct {
		ref     string
		repo    string
		tag     string
		family  Family
		version string
	}{
		{"confluentinc/cp-kafka:7.5.0", "confluentinc/cp-kafka", "7.5.0", FamilyConfluent, "3.5"},
		{"confluentinc/cp-kafka:7.0.1", "confluentinc/cp-kafka", "7.0.1", FamilyConfluent, "3.0"},
		{"confluentinc/cp-kafka:7.9.0-1-ubi8", "confluentinc/cp-kafka", "7.9.0-1-ubi8", FamilyConfluent, "3.9"},
		{"confluentinc/cp-kafka:8.0.0", "confluentinc/cp-kafka", "8.0.0", FamilyConfluent, "4.0"},
		{"confluentinc/cp-kafka:8.1.1", "confluentinc/cp-kafka", "8.1.1", FamilyConfluent, "4.1"},
		{"confluentinc/cp-kafka:5.4.3", "confluentinc/cp-kafka", "5.4.3", FamilyConfluent, "2.4"},
		{"confluentinc/cp-kafka:5.5.0", "confluentinc/cp-kafka", "5.5.0", FamilyConfluent, "2.5"},
		{"confluentinc/cp-kafka:6.0.0", "confluentinc/cp-kafka", "6.0.0", FamilyConfluent, "2.6"},
		{"confluentinc/cp-kafka:6.1.2", "confluentinc/cp-kafka", "6.1.2", FamilyConfluent, "2.7"},
		{"confluentinc/cp-kafka:6.2.15", "confluentinc/cp-kafka", "6.2.15", FamilyConfluent, "2.8"},
		{"confluentinc/cp-kafka:4.1.0", "confluentinc/cp-kafka", "4.1.0", FamilyConfluent, "1.1"},
		{"confluentinc/cp-kafka:3.3.1", "confluentinc/cp-kafka", "3.3.1", FamilyConfluent, "0.11"},
		{"confluentinc/cp-kafka:latest", "confluentinc/cp-kafka", "latest", FamilyConfluent, ""},
		{"confluentinc/cp-kafka", "confluentinc/cp-kafka", "", FamilyConfluent, ""},
		{"confluentinc/cp-kafka@sha256:0123abcd", "confluentinc/cp-kafka", "", FamilyConfluent, ""},
		{"confluentinc/cp-kafka:7.4.0@sha256:0123abcd", "confluentinc/cp-kafka", "7.4.0", FamilyConfluent, "3.4"},
		{"confluentinc/cp-server:7.9.1", "confluentinc/cp-server", "7.9.1", FamilyConfluent, "3.9"},
		{"confluentinc/cp-enterprise-kafka:5.3.1", "confluentinc/cp-enterprise-kafka", "5.3.1", FamilyConfluent, "2.3"},
		{"confluentinc/confluent-local:7.6.0", "confluentinc/confluent-local", "7.6.0", FamilyConfluentLocal, "3.6"},
		{"registry.example.com/mirror/confluentinc/cp-kafka:7.4.0", "mirror/confluentinc/cp-kafka", "7.4.0", FamilyConfluent, "3.4"},
		{"apache/kafka:3.7.0", "apache/kafka", "3.7.0", FamilyApache, "3.7"},
		{"apache/kafka:4.0.0", "apache/kafka", "4.0.0", FamilyApache, "4.0"},
		{"apache/kafka-native:3.8.0", "apache/kafka-native", "3.8.0", FamilyApache, "3.8"},
		{"apache/kafka:latest", "apache/kafka", "latest", FamilyApache, ""},
		{"docker.io/apache/kafka:3.9.1", "apache/kafka", "3.9.1", FamilyApache, "3.9"},
		{"bitnami/kafka:3.7.0-debian-12-r3", "bitnami/kafka", "3.7.0-debian-12-r3", FamilyBitnami, "3.7"},
		{"docker.io/bitnami/kafka:3.4", "bitnami/kafka", "3.4", FamilyBitnami, "3.4"},
		{"bitnamilegacy/kafka:4.0.0", "bitnamilegacy/kafka", "4.0.0", FamilyBitnami, "4.0"},
		{"public.ecr.aws/bitnami/kafka:3.6.1", "bitnami/kafka", "3.6.1", FamilyBitnami, "3.6"},
		{"localhost:5000/bitnami/kafka:3.5", "bitnami/kafka", "3.5", FamilyBitnami, "3.5"},
		{"bitnami/kafka:3", "bitnami/kafka", "3", FamilyBitnami, ""},
		{"bitnami/kafka", "bitnami/kafka", "", FamilyBitnami, ""},
		{"wurstmeister/kafka:2.13-2.8.1", "wurstmeister/kafka", "2.13-2.8.1", FamilyWurstmeister, "2.8"},
		{"wurstmeister/kafka:2.12-2.5.0", "wurstmeister/kafka", "2.12-2.5.0", FamilyWurstmeister, "2.5"},
		{"wurstmeister/kafka:0.10.2.1", "wurstmeister/kafka", "0.10.2.1", FamilyWurstmeister, "0.10"},
		{"wurstmeister/kafka", "wurstmeister/kafka", "", FamilyWurstmeister, "2.8"},
		{"wurstmeister/kafka:latest", "wurstmeister/kafka", "latest", FamilyWurstmeister, "2.8"},
		{"debezium/kafka:2.7", "debezium/kafka", "2.7", FamilyDebezium, ""},
		{"quay.io/debezium/kafka:3.0.0.Final", "debezium/kafka", "3.0.0.Final", FamilyDebezium, ""},
		{"ubuntu/kafka:3.1-22.04_beta", "ubuntu/kafka", "3.1-22.04_beta", FamilyUbuntu, "3.1"},
		{"redpandadata/redpanda:v24.1.1", "redpandadata/redpanda", "v24.1.1", FamilyRedpanda, ""},
		{"docker.redpanda.com/redpandadata/redpanda:latest", "redpandadata/redpanda", "latest", FamilyRedpanda, ""},
		{"docker.vectorized.io/vectorized/redpanda:v21.11.1", "vectorized/redpanda", "v21.11.1", FamilyRedpanda, ""},
		// Not Kafka brokers, or of unknown provenance.
		{"kafka:3.7.0", "kafka", "3.7.0", FamilyUnknown, ""},
		{"myorg/kafka:dev", "myorg/kafka", "dev", FamilyUnknown, ""},
		{"bitnami/kafka-exporter:1.7.0", "bitnami/kafka-exporter", "1.7.0", FamilyUnknown, ""},
		{"confluentinc/cp-kafka-connect:7.5.0", "confluentinc/cp-kafka-connect", "7.5.0", FamilyUnknown, ""},
		{"confluentinc/cp-zookeeper:7.5.0", "confluentinc/cp-zookeeper", "7.5.0", FamilyUnknown, ""},
		{"notapache/kafka:3.7.0", "notapache/kafka", "3.7.0", FamilyUnknown, ""},
		{"", "", "", FamilyUnknown, ""},
	}
	for _, tt := range tests {
		t.Run(tt.ref, func(t *testing.T) {
			t.Parallel()
			img := ParseImage(tt.ref)
			if img.Ref != tt.ref || img.Repo != tt.repo || img.Tag != tt.tag || img.Family != tt.family || img.KafkaVersion != tt.version || img.Heuristic {
				t.Errorf("ParseImage(%q) = %+v, want repo %q tag %q family %q version %q", tt.ref, img, tt.repo, tt.tag, tt.family, tt.version)
			}
		})
	}
}

func TestImageHelpers(t *testing.T) {
	t.Parallel()
	if !ParseImage("confluentinc/cp-server:7.5.0").ConfluentServer() || !ParseImage("confluentinc/cp-enterprise-kafka:5.3.0").ConfluentServer() {
		t.Error("cp-server and cp-enterprise-kafka are Confluent Server")
	}
	if ParseImage("confluentinc/cp-kafka:7.5.0").ConfluentServer() {
		t.Error("cp-kafka is not Confluent Server")
	}
	if !ParseImage("apache/kafka-native:3.8.0").Native() || ParseImage("apache/kafka:3.8.0").Native() {
		t.Error("Native: only apache/kafka-native")
	}
	if got := ParseImage("confluentinc/cp-kafka:8.0.0").KafkaVersion; got != "4.0" {
		t.Errorf("cp 8.0 runs Kafka %q, want 4.0", got)
	}
	if got := ParseImage("bitnami/kafka:latest").KafkaVersion; got != "" {
		t.Errorf("latest: Kafka version %q, want unknown", got)
	}
}

func TestCompareVersions(t *testing.T) {
	t.Parallel()
	tests := []struct {
		a, b string
		want int
	}{
		{"3.5", "3.5", 0}, {"3.10", "3.9", 1}, {"3.9", "4.0", -1}, {"4", "4.0", 0}, {"2.8.1", "2.8", 1},
		{"0.10", "0.9", 1}, {"3.7.0-rc1", "3.7.0", 0}, {"", "0", 0},
	}
	for _, tt := range tests {
		if got := CompareVersions(tt.a, tt.b); got != tt.want {
			t.Errorf("CompareVersions(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestGuessFamily(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		env  []EnvVar
		want Family
	}{
		{"bitnami cfg", env("KAFKA_CFG_NODE_ID=1", "KAFKA_ADVERTISED_HOST_NAME=x"), FamilyBitnami},
		{"wurstmeister host name", env("KAFKA_ADVERTISED_HOST_NAME=192.168.99.100", "KAFKA_ZOOKEEPER_CONNECT=zk:2181"), FamilyWurstmeister},
		{"wurstmeister topics", env("KAFKA_CREATE_TOPICS=t:1:1"), FamilyWurstmeister},
		{"kraft confluent style", env("CLUSTER_ID=abc", "KAFKA_PROCESS_ROLES=broker,controller"), FamilyConfluent},
		{"zookeeper", env("KAFKA_ZOOKEEPER_CONNECT=zk:2181"), FamilyConfluent},
		{"advertised", env("KAFKA_ADVERTISED_LISTENERS=PLAINTEXT://kafka:9092"), FamilyConfluent},
		// a broker setting, whatever the image: the KAFKA_X_Y convention
		{"roles without cluster id", env("KAFKA_PROCESS_ROLES=broker"), FamilyConfluent},
		{"node id", env("KAFKA_NODE_ID=1"), FamilyConfluent},
		{"broker id", env("KAFKA_BROKER_ID=1", "KAFKA_LOG_RETENTION_HOURS=1"), FamilyConfluent},
		{"kafka ui", env("KAFKA_CLUSTERS_0_NAME=local", "KAFKA_CLUSTERS_0_BOOTSTRAPSERVERS=kafka:9092"), FamilyUnknown},
		{"client only", env("KAFKA_BOOTSTRAP_SERVERS=kafka:9092", "SPARK_MASTER=spark://m:7077"), FamilyUnknown},
		{"nothing", nil, FamilyUnknown},
	}
	for _, tt := range tests {
		if got := GuessFamily(tt.env); got != tt.want {
			t.Errorf("%s: GuessFamily = %q, want %q", tt.name, got, tt.want)
		}
	}
	img := GuessImage("", env("KAFKA_CFG_PROCESS_ROLES=broker"))
	if img.Family != FamilyBitnami || !img.Heuristic {
		t.Errorf("GuessImage(build) = %+v, want heuristic bitnami", img)
	}
	img = GuessImage("apache/kafka:3.8.0", env("KAFKA_CFG_PROCESS_ROLES=broker"))
	if img.Family != FamilyApache || img.Heuristic {
		t.Errorf("GuessImage(recognised) = %+v, want apache, not heuristic", img)
	}
	img = GuessImage("myorg/kafka:dev", env("TZ=UTC"))
	if img.Family != FamilyUnknown || img.Heuristic {
		t.Errorf("GuessImage(no signal) = %+v", img)
	}
}

func TestParseImageVariableRegistry(t *testing.T) {
	t.Parallel()
	tests := []struct {
		ref     string
		family  Family
		version string
	}{
		{"$REPOSITORY/cp-server:$CONFLUENT_DOCKER_TAG", FamilyConfluent, ""},
		{"$REGISTRY/confluentinc/cp-kafka:7.6.1", FamilyConfluent, "3.6"},
		{"registry.example.com/confluentinc/cp-kafka:7.6.1", FamilyConfluent, "3.6"},
		{"$REPO/kafka:3.8.0", FamilyUnknown, ""}, // "kafka" alone says nothing
		{"apache/kafka:$VERSION", FamilyApache, ""},
		{"localbuild/cp-server-tc:$TAG", FamilyUnknown, ""},
	}
	for _, tt := range tests {
		img := ParseImage(tt.ref)
		if img.Family != tt.family || img.KafkaVersion != tt.version {
			t.Errorf("ParseImage(%q) = %s %q, want %s %q", tt.ref, img.Family, img.KafkaVersion, tt.family, tt.version)
		}
	}
}

// TestGuessImageConfluentDerived: a re-tag of cp-server or cp-kafka with
// a suffix of its own (confluentinc/examples' localbuild/cp-server-tc,
// built FROM cp-server) is Confluent's packaging, versioned by its tag;
// Confluent's Connect and REST images are not brokers' packaging, and an
// unknown name stays a guess.
func TestGuessImageConfluentDerived(t *testing.T) {
	env := []EnvVar{{Name: "KAFKA_NODE_ID", Value: "1"}, {Name: "KAFKA_PROCESS_ROLES", Value: "broker"}, {Name: "CLUSTER_ID", Value: "x"}}
	for _, tt := range []struct {
		ref       string
		heuristic bool
		version   string
	}{
		{"localbuild/cp-server-tc:7.6.0", false, "3.6"},
		{"registry.example.com/team/cp-kafka-custom:7.7.1", false, "3.7"},
		{"example/cp-kafka-connect-custom:7.6.0", true, ""},
		{"example/kafka:1", true, ""},
	} {
		img := GuessImage(tt.ref, env)
		if img.Family != FamilyConfluent || img.Heuristic != tt.heuristic || !strings.HasPrefix(img.KafkaVersion, tt.version) {
			t.Errorf("GuessImage(%q) = family %s, heuristic %v, version %q; want confluent, %v, %q", tt.ref, img.Family, img.Heuristic, img.KafkaVersion, tt.heuristic, tt.version)
		}
	}
}
