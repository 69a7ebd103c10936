package kafka

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/streamlint/streamlint/checker/model"

	"github.com/streamlint/streamlint/internal/fuzzseed"
)

// env builds variables from "NAME=value" strings, each on its own line of
// docker-compose.yml (line i+1, column 7).
func env(pairs ...string) []EnvVar {
	out := make([]EnvVar, 0, len(pairs))
	for i, p := range pairs {
		name, value, _ := strings.Cut(p, "=")
		out = append(out, EnvVar{
			Name: name, Value: value,
			Loc: model.Location{File: "docker-compose.yml", Line: i + 1, Column: 7},
		})
	}
	return out
}

func settingsKV(ss []model.Setting) []string {
	out := make([]string, 0, len(ss))
	for _, s := range ss {
		out = append(out, s.Key+"="+s.Value)
	}
	return out
}

func envNames(vs []EnvVar) []string {
	out := make([]string, 0, len(vs))
	for _, v := range vs {
		out = append(out, v.Name)
	}
	return out
}

// ignoredDesc renders an Ignored entry as VAR>wouldBe>writes.
func ignoredDesc(igs []Ignored) []string {
	out := make([]string, 0, len(igs))
	for _, ig := range igs {
		out = append(out, ig.Var+">"+ig.WouldBe+">"+ig.Writes)
	}
	return out
}

func rejectedVars(igs []Ignored) []string {
	out := make([]string, 0, len(igs))
	for _, ig := range igs {
		out = append(out, ig.Var)
	}
	return out
}

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
	if ok, known := ParseImage("confluentinc/cp-kafka:8.0.0").KafkaAtLeast("4.0"); !ok || !known {
		t.Error("cp 8.0 is Kafka 4.0")
	}
	if ok, known := ParseImage("bitnami/kafka:latest").KafkaAtLeast("4.0"); ok || known {
		t.Error("latest: unknown version")
	}
	for f, want := range map[Family]bool{FamilyConfluent: true, FamilyUbuntu: true, FamilyRedpanda: false, FamilyUnknown: false} {
		if f.IsKafka() != want {
			t.Errorf("%q.IsKafka() = %v", f, !want)
		}
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
		{"roles without cluster id", env("KAFKA_PROCESS_ROLES=broker"), FamilyUnknown},
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

// translateCase is one Translate expectation. Lists are compared in order;
// a nil list means "empty".
type translateCase struct {
	name     string
	image    string
	env      []string
	props    []string // key=value
	leaked   []string // key=value
	helpers  []string // variable names
	ignored  []string // VAR>wouldBe>writes
	rejected []string // variable names
}

func runTranslateCases(t *testing.T, tests []translateCase) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			tr := Translate(ParseImage(tt.image), env(tt.env...))
			check := func(what string, got, want []string) {
				t.Helper()
				if len(got) == 0 && len(want) == 0 {
					return
				}
				if !slices.Equal(got, want) {
					t.Errorf("%s %v:\n got %s: %q\nwant %s: %q", tt.image, tt.env, what, got, what, want)
				}
			}
			check("properties", settingsKV(tr.Properties), tt.props)
			check("leaked", settingsKV(tr.Leaked), tt.leaked)
			check("helpers", envNames(tr.Helpers), tt.helpers)
			check("ignored", ignoredDesc(tr.Ignored), tt.ignored)
			check("rejected", rejectedVars(tr.Rejected), tt.rejected)
			for _, ig := range append(slices.Clone(tr.Ignored), tr.Rejected...) {
				if ig.Reason == "" {
					t.Errorf("%s: empty Reason", ig.Var)
				}
			}
		})
	}
}

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

// TestTranslateWurstmeister is section 4 of the conventions notes.
func TestTranslateWurstmeister(t *testing.T) {
	t.Parallel()
	const wm = "wurstmeister/kafka:2.13-2.8.1"
	runTranslateCases(t, []translateCase{
		{name: "advertised host name", image: wm, env: []string{"KAFKA_ADVERTISED_HOST_NAME=192.168.99.100"}, props: []string{"advertised.host.name=192.168.99.100"}},
		{name: "message max bytes", image: wm, env: []string{"KAFKA_MESSAGE_MAX_BYTES=2000000"}, props: []string{"message.max.bytes=2000000"}},
		{name: "auto create", image: wm, env: []string{"KAFKA_AUTO_CREATE_TOPICS_ENABLE=false"}, props: []string{"auto.create.topics.enable=false"}},
		{name: "topic-level name", image: wm, env: []string{"KAFKA_MAX_MESSAGE_BYTES=1"}, props: []string{"max.message.bytes=1"}},
		{name: "no escapes", image: wm, env: []string{"KAFKA_LISTENER_NAME_SASL_SSL_X=1", "KAFKA_A__B=2"}, props: []string{"listener.name.sasl.ssl.x=1", "a..b=2"}},
		{
			name: "exclusions", image: wm,
			env: []string{
				"KAFKA_VERSION=2.8.1", "KAFKA_HOME=/opt/kafka", "KAFKA_DEBUG=y", "KAFKA_GC_LOG_OPTS=x", "KAFKA_HEAP_OPTS=-Xmx1G",
				"KAFKA_JMX_OPTS=x", "KAFKA_JVM_PERFORMANCE_OPTS=x", "KAFKA_LOG=x", "KAFKA_OPTS=x",
			},
			helpers: []string{
				"KAFKA_VERSION", "KAFKA_HOME", "KAFKA_DEBUG", "KAFKA_GC_LOG_OPTS", "KAFKA_HEAP_OPTS", "KAFKA_JMX_OPTS",
				"KAFKA_JVM_PERFORMANCE_OPTS", "KAFKA_LOG", "KAFKA_OPTS",
			},
		},
		{
			name: "helpers and leaks", image: wm,
			env: []string{
				"KAFKA_LOG4J_OPTS=-Dx", "KAFKA_JMX_PORT=1099", "KAFKA_CREATE_TOPICS_SEPARATOR=;", "KAFKA_CREATE_TOPICS=a:1:1",
				"HOSTNAME_COMMAND=hostname -i", "PORT_COMMAND=x", "BROKER_ID_COMMAND=x", "RACK_COMMAND=x", "CUSTOM_INIT_SCRIPT=x",
				"LOG4J_LOGGER_KAFKA_AUTHORIZER_LOGGER=DEBUG",
			},
			helpers: []string{
				"KAFKA_LOG4J_OPTS", "KAFKA_JMX_PORT", "KAFKA_CREATE_TOPICS_SEPARATOR", "KAFKA_CREATE_TOPICS",
				"HOSTNAME_COMMAND", "PORT_COMMAND", "BROKER_ID_COMMAND", "RACK_COMMAND", "CUSTOM_INIT_SCRIPT",
				"LOG4J_LOGGER_KAFKA_AUTHORIZER_LOGGER",
			},
			leaked: []string{"log4j.opts=-Dx", "jmx.port=1099", "create.topics.separator=;"},
		},
		{
			name: "bitnami convention on wurstmeister", image: wm, env: []string{"KAFKA_CFG_NUM_PARTITIONS=3"},
			ignored: []string{"KAFKA_CFG_NUM_PARTITIONS>num.partitions>cfg.num.partitions"},
		},
	})
}

func TestTopics(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		image string
		env   []string
		want  []string // name/partitions/replicas/cleanup
	}{
		{"wurstmeister", "wurstmeister/kafka", []string{"KAFKA_CREATE_TOPICS=Topic1:1:3,Topic2:1:1:compact"}, []string{"Topic1/1/3/", "Topic2/1/1/compact"}},
		{"spaces", "wurstmeister/kafka", []string{"KAFKA_CREATE_TOPICS= a:3:1 , b:2:1 ,,"}, []string{"a/3/1/", "b/2/1/"}},
		{"separator", "wurstmeister/kafka", []string{"KAFKA_CREATE_TOPICS=a:1:1;b:2:1", "KAFKA_CREATE_TOPICS_SEPARATOR=;"}, []string{"a/1/1/", "b/2/1/"}},
		{"newline separator", "wurstmeister/kafka", []string{"KAFKA_CREATE_TOPICS=a:1:1\nb:2:1\n", `KAFKA_CREATE_TOPICS_SEPARATOR=$'\n'`}, []string{"a/1/1/", "b/2/1/"}},
		{"missing fields", "wurstmeister/kafka", []string{"KAFKA_CREATE_TOPICS=a,b:x:1"}, []string{"a/-1/-1/", "b/-1/1/"}},
		{"debezium", "debezium/kafka:2.7", []string{"CREATE_TOPICS=orders:3:1"}, []string{"orders/3/1/"}},
		{"not on confluent", "confluentinc/cp-kafka:7.5.0", []string{"KAFKA_CREATE_TOPICS=a:1:1"}, nil},
	}
	for _, tt := range tests {
		tr := Translate(ParseImage(tt.image), env(tt.env...))
		var got []string
		for _, tp := range tr.Topics {
			got = append(got, fmt.Sprintf("%s/%d/%d/%s", tp.Name, tp.Partitions, tp.ReplicationFactor, tp.CleanupPolicy))
			if tp.Loc.Line != 1 || tp.Source == "" || tp.Raw == "" {
				t.Errorf("%s: topic %+v lacks location, source or raw text", tt.name, tp)
			}
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s: topics %q, want %q", tt.name, got, tt.want)
		}
	}
	unresolved := []EnvVar{{Name: "KAFKA_CREATE_TOPICS", Value: "${TOPICS}", Unresolved: true}}
	if tr := Translate(ParseImage("wurstmeister/kafka"), unresolved); len(tr.Topics) != 0 || len(tr.Helpers) != 1 {
		t.Errorf("unresolved topics: %+v", tr)
	}
}

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

func TestTranslateUnmapped(t *testing.T) {
	t.Parallel()
	for _, ref := range []string{"ubuntu/kafka:3.1-22.04_beta", "redpandadata/redpanda:v24.1.1", "myorg/kafka:dev"} {
		tr := Translate(ParseImage(ref), env("KAFKA_NUM_PARTITIONS=3", "KAFKA_CFG_X=1", "CLUSTER_ID=x"))
		if tr.WritesConfig() || len(tr.Helpers)+len(tr.Ignored)+len(tr.Rejected)+len(tr.Topics) != 0 {
			t.Errorf("%s: want an empty translation, got %+v", ref, tr)
		}
	}
}

func TestTranslateLocationsAndUnresolved(t *testing.T) {
	t.Parallel()
	vars := []EnvVar{
		{Name: "KAFKA_NUM_PARTITIONS", Value: "${PARTITIONS}", Unresolved: true, Loc: model.Location{File: "c.yml", Line: 9, Column: 29}},
		{Name: "KAFKA_HEAP_OPTS", Value: "-Xmx1g", Loc: model.Location{File: "c.yml", Line: 10, Column: 24}},
	}
	tr := Translate(ParseImage("confluentinc/cp-kafka:7.5.0"), vars)
	p, ok := tr.Property("num.partitions")
	want := model.Setting{Key: "num.partitions", Value: "${PARTITIONS}", Source: model.SourceEnv, Loc: vars[0].Loc, Var: "KAFKA_NUM_PARTITIONS", Unresolved: true}
	if !ok || p != want {
		t.Errorf("Property = %+v, want %+v", p, want)
	}
	if l := tr.Leaked[0]; l.Loc != vars[1].Loc || l.Source != model.SourceEnv || l.Var != "KAFKA_HEAP_OPTS" {
		t.Errorf("leaked = %+v", l)
	}
	if h, ok := tr.Helper("KAFKA_HEAP_OPTS"); !ok || h != vars[1] {
		t.Errorf("Helper = %+v", h)
	}
}

// TestIncident is the incident's "after" broker: the Confluent image with
// KAFKA_MAX_MESSAGE_BYTES, which the broker ignores.
func TestIncident(t *testing.T) {
	t.Parallel()
	img := ParseImage("confluentinc/cp-kafka:7.5.0")
	if img.Family != FamilyConfluent || img.KafkaVersion != "3.5" {
		t.Fatalf("ParseImage = %+v", img)
	}
	tr := Translate(img, env(
		"KAFKA_BROKER_ID=1",
		"KAFKA_ZOOKEEPER_CONNECT=zookeeper:2181",
		"KAFKA_ADVERTISED_LISTENERS=PLAINTEXT://kafka:29092,PLAINTEXT_HOST://localhost:9092",
		"KAFKA_LISTENER_SECURITY_PROTOCOL_MAP=PLAINTEXT:PLAINTEXT,PLAINTEXT_HOST:PLAINTEXT",
		"KAFKA_INTER_BROKER_LISTENER_NAME=PLAINTEXT",
		"KAFKA_LOG_RETENTION_HOURS=168",
		"KAFKA_LOG_RETENTION_BYTES=1073741824",
		"KAFKA_LOG_SEGMENT_BYTES=104857600",
		"KAFKA_NUM_PARTITIONS=3",
		"KAFKA_DEFAULT_REPLICATION_FACTOR=1",
		"KAFKA_MAX_MESSAGE_BYTES=16777216",
	))
	wantProps := []string{
		"broker.id=1", "zookeeper.connect=zookeeper:2181",
		"advertised.listeners=PLAINTEXT://kafka:29092,PLAINTEXT_HOST://localhost:9092",
		"listener.security.protocol.map=PLAINTEXT:PLAINTEXT,PLAINTEXT_HOST:PLAINTEXT",
		"inter.broker.listener.name=PLAINTEXT", "log.retention.hours=168", "log.retention.bytes=1073741824",
		"log.segment.bytes=104857600", "num.partitions=3", "default.replication.factor=1", "max.message.bytes=16777216",
	}
	if got := settingsKV(tr.Properties); !slices.Equal(got, wantProps) {
		t.Fatalf("properties\n got %q\nwant %q", got, wantProps)
	}
	if len(tr.Helpers)+len(tr.Ignored)+len(tr.Rejected)+len(tr.Leaked) != 0 {
		t.Errorf("unexpected extras: %+v", tr)
	}
	retention, _ := tr.Property("log.retention.hours")
	if retention.Var != "KAFKA_LOG_RETENTION_HOURS" || retention.Loc.Line != 6 || retention.Source != model.SourceEnv {
		t.Errorf("log.retention.hours = %+v", retention)
	}
	if ms, ok := DurationMS(retention.Key, retention.Value); !ok || ms != 168*3_600_000 {
		t.Errorf("DurationMS = %d, %v", ms, ok)
	}

	cat := MustLoadCatalog()
	mmb, _ := tr.Property("max.message.bytes")
	if cat.KnownBroker(mmb.Key) || !cat.TopicOnly(mmb.Key) {
		t.Errorf("max.message.bytes must be a topic-only key")
	}
	if got := cat.BrokerSynonymOfTopic(mmb.Key); got != "message.max.bytes" {
		t.Errorf("BrokerSynonymOfTopic = %q", got)
	}
	if got := EnvNameFor(img.Family, cat.BrokerSynonymOfTopic(mmb.Key)); got != "KAFKA_MESSAGE_MAX_BYTES" {
		t.Errorf("remediation variable = %q", got)
	}
	for _, p := range tr.Properties {
		if p.Key != "max.message.bytes" && !cat.KnownBroker(p.Key) {
			t.Errorf("%s unknown to the catalog", p.Key)
		}
	}

	// cp-kafka ships no RF baseline: offsets RF stays Kafka's default 3.
	base := Baseline(img, tr, false)
	for _, b := range base {
		if b.Key == "offsets.topic.replication.factor" || b.Key == "num.partitions" {
			t.Errorf("cp-kafka baseline has %s", b.Key)
		}
	}
	if got := settingsKV(base); !slices.Equal(got, []string{"log.dirs=/var/lib/kafka/data", "listeners=PLAINTEXT://0.0.0.0:29092,PLAINTEXT_HOST://0.0.0.0:9092"}) {
		t.Errorf("baseline = %q", got)
	}
	offsets, _ := cat.Broker("offsets.topic.replication.factor")
	if offsets.DefaultIn(img.KafkaVersion) != "3" {
		t.Errorf("offsets RF default = %q", offsets.DefaultIn(img.KafkaVersion))
	}

	// The same variable on bitnami is an alias for the broker key.
	bn := Translate(ParseImage("bitnami/kafka:3.5"), env("KAFKA_MAX_MESSAGE_BYTES=16777216"))
	if got := settingsKV(bn.Properties); !slices.Equal(got, []string{"message.max.bytes=16777216"}) {
		t.Errorf("bitnami: %q", got)
	}
}

func TestBaseline(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		image   string
		env     []string
		mounted bool
		has     []string // key=value that must be present
		hasNot  []string // keys that must be absent
		empty   bool
	}{
		{name: "cp none", image: "confluentinc/cp-kafka:7.5.0", env: []string{"KAFKA_LISTENERS=PLAINTEXT://:9092"}, has: []string{"log.dirs=/var/lib/kafka/data"}, hasNot: []string{"listeners", "offsets.topic.replication.factor"}},
		{name: "cp controller derives nothing", image: "confluentinc/cp-kafka:7.6.0", env: []string{"KAFKA_PROCESS_ROLES=controller", "KAFKA_ADVERTISED_LISTENERS=C://c:9093"}, hasNot: []string{"listeners"}},
		{
			name: "confluent-local", image: "confluentinc/confluent-local:7.6.0",
			has: []string{
				"offsets.topic.replication.factor=1", "transaction.state.log.replication.factor=1", "transaction.state.log.min.isr=1",
				"process.roles=broker,controller", "node.id=1", "controller.listener.names=CONTROLLER",
				"listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT,PLAINTEXT_HOST:PLAINTEXT",
				"log.dirs=/tmp/kraft-combined-logs", "group.initial.rebalance.delay.ms=0",
			},
		},
		{
			name: "apache packaged 3.8", image: "apache/kafka:3.8.0", env: []string{"CLUSTER_ID=x", "KAFKA_HEAP_OPTS=-Xmx1G"},
			has: []string{
				"process.roles=broker,controller", "node.id=1", "controller.quorum.voters=1@localhost:9093",
				"advertised.listeners=PLAINTEXT://localhost:9092", "offsets.topic.replication.factor=1", "num.partitions=1",
				"log.dirs=/tmp/kraft-combined-logs",
			},
			hasNot: []string{"share.coordinator.state.topic.replication.factor", "controller.quorum.bootstrap.servers"},
		},
		{name: "apache packaged 3.9", image: "apache/kafka:3.9.0", has: []string{"advertised.listeners=PLAINTEXT://localhost:9092,CONTROLLER://localhost:9093", "controller.quorum.voters=1@localhost:9093"}},
		{
			name: "apache packaged 4.x", image: "apache/kafka:4.0.0",
			has:    []string{"controller.quorum.bootstrap.servers=localhost:9093", "share.coordinator.state.topic.replication.factor=1"},
			hasNot: []string{"controller.quorum.voters"},
		},
		{name: "apache one property drops defaults", image: "apache/kafka:3.8.0", env: []string{"KAFKA_NUM_PARTITIONS=3"}, empty: true},
		{name: "apache leaking helper drops defaults", image: "apache/kafka:3.8.0", env: []string{"KAFKA_JMX_PORT=9101"}, empty: true},
		{name: "apache 3.7.0 heap drops defaults", image: "apache/kafka:3.7.0", env: []string{"KAFKA_HEAP_OPTS=-Xmx1G"}, empty: true},
		{name: "apache 3.7.1 heap keeps defaults", image: "apache/kafka:3.7.1", env: []string{"KAFKA_HEAP_OPTS=-Xmx1G"}, has: []string{"offsets.topic.replication.factor=1"}},
		{name: "apache junk cfg drops defaults", image: "apache/kafka:3.8.0", env: []string{"KAFKA_CFG_NUM_PARTITIONS=3"}, empty: true},
		{name: "apache mounted", image: "apache/kafka:3.8.0", mounted: true, empty: true},
		{
			name: "apache derived listeners", image: "apache/kafka:3.8.0", env: []string{"KAFKA_ADVERTISED_LISTENERS=PLAINTEXT://broker:9092,PLAINTEXT_HOST://localhost:29092"},
			has: []string{"listeners=PLAINTEXT://0.0.0.0:9092,PLAINTEXT_HOST://0.0.0.0:29092"}, hasNot: []string{"offsets.topic.replication.factor"},
		},
		{
			name: "bitnami", image: "bitnami/kafka:3.7.0", env: []string{"KAFKA_CFG_NUM_PARTITIONS=3"},
			has: []string{
				"offsets.topic.replication.factor=1", "num.partitions=1", "transaction.state.log.replication.factor=1",
				"transaction.state.log.min.isr=1", "log.retention.hours=168", "log.segment.bytes=1073741824",
				"log.dirs=/bitnami/kafka/data",
			},
			hasNot: []string{"share.coordinator.state.topic.replication.factor", "listeners", "group.initial.rebalance.delay.ms", "zookeeper.connect"},
		},
		{name: "bitnami 4", image: "bitnamilegacy/kafka:4.0.0", has: []string{"share.coordinator.state.topic.replication.factor=1"}},
		{name: "bitnami mounted", image: "bitnami/kafka:3.7.0", mounted: true, empty: true},
		{
			name: "wurstmeister", image: "wurstmeister/kafka:2.13-2.8.1",
			has: []string{
				"offsets.topic.replication.factor=1", "num.partitions=1", "log.retention.hours=168", "port=9092", "broker.id=-1",
				"log.dirs=/kafka/kafka-logs-$HOSTNAME", "group.initial.rebalance.delay.ms=0",
			},
		},
		{name: "wurstmeister mounted", image: "wurstmeister/kafka", mounted: true, has: []string{"port=9092"}, hasNot: []string{"offsets.topic.replication.factor"}},
		{
			name: "debezium", image: "debezium/kafka:2.7",
			has: []string{"node.id=1", "broker.id=1", "log.dirs=/kafka/data/1", "process.roles=broker,controller", "offsets.topic.replication.factor=1"},
		},
		{
			name: "debezium node id", image: "debezium/kafka:2.7", env: []string{"NODE_ID=3", "NODE_ROLE=controller", "KAFKA_DATA=/d"},
			has: []string{"log.dirs=/d/3", "process.roles=controller"}, hasNot: []string{"node.id", "offsets.topic.replication.factor"},
		},
		{name: "ubuntu", image: "ubuntu/kafka", empty: true},
		{name: "redpanda", image: "redpandadata/redpanda", empty: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			img := ParseImage(tt.image)
			base := Baseline(img, Translate(img, env(tt.env...)), tt.mounted)
			if tt.empty && len(base) != 0 {
				t.Errorf("want no baseline, got %q", settingsKV(base))
			}
			got := settingsKV(base)
			for _, h := range tt.has {
				if !slices.Contains(got, h) {
					t.Errorf("baseline lacks %s: %q", h, got)
				}
			}
			keys := map[string]int{}
			for _, b := range base {
				keys[b.Key]++
				if b.Source != model.SourceBaseline || !b.Loc.IsZero() || b.Var != "" {
					t.Errorf("baseline entry %+v: want Source baseline, zero Loc, no Var", b)
				}
			}
			for _, k := range tt.hasNot {
				if keys[k] > 0 {
					t.Errorf("baseline has %s: %q", k, got)
				}
			}
			for k, n := range keys {
				if n > 1 {
					t.Errorf("baseline repeats %s", k)
				}
			}
		})
	}
	if !SkipsEnvWhenMounted(FamilyBitnami) || SkipsEnvWhenMounted(FamilyApache) {
		t.Error("SkipsEnvWhenMounted: bitnami only")
	}
}

func TestDeriveListeners(t *testing.T) {
	t.Parallel()
	tests := map[string]string{
		"PLAINTEXT://kafka:29092,PLAINTEXT_HOST://localhost:9092": "PLAINTEXT://0.0.0.0:29092,PLAINTEXT_HOST://0.0.0.0:9092",
		"PLAINTEXT://:9092":         "PLAINTEXT://0.0.0.0:9092",
		"SSL://broker-1.local:9093": "SSL://0.0.0.0:9093",
		"PLAINTEXT://kafka":         "PLAINTEXT://kafka",
		"A://h,B://k:1":             "A://0.0.0.0://k:1", // sed's greedy [^:]* crosses the comma
		"":                          "",
	}
	for in, want := range tests {
		if got := DeriveListeners(in); got != want {
			t.Errorf("DeriveListeners(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestEnvNameFor(t *testing.T) {
	t.Parallel()
	tests := []struct {
		family Family
		prop   string
		want   string
	}{
		{FamilyConfluent, "num.partitions", "KAFKA_NUM_PARTITIONS"},
		{FamilyConfluent, "message.max.bytes", "KAFKA_MESSAGE_MAX_BYTES"},
		{FamilyConfluent, "listener.name.sasl_ssl.plain.sasl.jaas.config", "KAFKA_LISTENER_NAME_SASL__SSL_PLAIN_SASL_JAAS_CONFIG"},
		{FamilyConfluent, "listener.name.client.scram-sha-256.sasl.jaas.config", "KAFKA_LISTENER_NAME_CLIENT_SCRAM___SHA___256_SASL_JAAS_CONFIG"},
		{FamilyConfluent, "zookeeper.clientCnxnSocket", "KAFKA_ZOOKEEPER_CLIENT_CNXN_SOCKET"},
		{FamilyConfluent, "port", ""}, // cp-kafka exits on KAFKA_PORT
		{FamilyConfluentLocal, "zookeeper.clientCnxnSocket", ""},
		{FamilyApache, "num.partitions", "KAFKA_NUM_PARTITIONS"},
		{FamilyApache, "kafka.metrics.reporters", "KAFKA_KAFKA_METRICS_REPORTERS"},
		{FamilyApache, "zookeeper.clientCnxnSocket", ""},
		{FamilyApache, "heap.opts", ""},
		{FamilyBitnami, "num.partitions", "KAFKA_CFG_NUM_PARTITIONS"},
		{FamilyBitnami, "listener.name.sasl_ssl.plain.sasl.jaas.config", "KAFKA_CFG_LISTENER_NAME_SASL_SSL_PLAIN_SASL_JAAS_CONFIG"},
		{FamilyBitnami, "listener.name.client.scram-sha-256.sasl.jaas.config", ""},
		{FamilyBitnami, "zookeeper.clientCnxnSocket", "KAFKA_CFG_ZOOKEEPER_CLIENTCNXNSOCKET"},
		{FamilyBitnami, "sasl.enabled.mechanisms", "KAFKA_CFG_SASL_ENABLED_MECHANISMS"},
		{FamilyWurstmeister, "advertised.host.name", "KAFKA_ADVERTISED_HOST_NAME"},
		{FamilyWurstmeister, "listener.name.sasl_ssl.plain.sasl.jaas.config", ""},
		{FamilyWurstmeister, "log", ""},
		{FamilyDebezium, "node.id", "NODE_ID"},
		{FamilyDebezium, "log.dirs", ""},
		{FamilyDebezium, "num.partitions", "KAFKA_NUM_PARTITIONS"},
		{FamilyUbuntu, "num.partitions", ""},
		{FamilyRedpanda, "num.partitions", ""},
		{FamilyUnknown, "num.partitions", ""},
		{FamilyConfluent, "", ""},
	}
	for _, tt := range tests {
		if got := EnvNameFor(tt.family, tt.prop); got != tt.want {
			t.Errorf("EnvNameFor(%q, %q) = %q, want %q", tt.family, tt.prop, got, tt.want)
		}
	}
	if got := EnvNameForImage(ParseImage("apache/kafka:3.9.0"), "kafka.metrics.reporters"); got != "" {
		t.Errorf("apache 3.9 cannot express kafka.*, got %q", got)
	}
	if got := EnvNameForImage(ParseImage("confluentinc/cp-kafka:8.0.0"), "zookeeper.clientCnxnSocket"); got != "" {
		t.Errorf("cp 8.0 has no camelCase special case, got %q", got)
	}
}

// TestEnvNameRoundTrip: for every broker key of the catalog that is still
// accepted, the variable EnvNameFor suggests translates back to that key,
// and the key is expressible wherever the family's convention allows.
func TestEnvNameRoundTrip(t *testing.T) {
	t.Parallel()
	cat := MustLoadCatalog()
	families := []struct {
		img         Image
		expressible func(p string) bool
	}{
		{ParseImage("confluentinc/cp-kafka:7.5.0"), func(p string) bool { return p == strings.ToLower(p) || p == "zookeeper.clientCnxnSocket" }},
		{ParseImage("confluentinc/cp-kafka:latest"), func(p string) bool { return p == strings.ToLower(p) || p == "zookeeper.clientCnxnSocket" }},
		{ParseImage("confluentinc/confluent-local:7.6.0"), func(p string) bool { return p == strings.ToLower(p) }},
		{ParseImage("apache/kafka:4.0.0"), func(p string) bool { return p == strings.ToLower(p) }},
		{ParseImage("apache/kafka:3.8.0"), func(p string) bool { return p == strings.ToLower(p) && !strings.Contains(p, "kafka") }},
		{ParseImage("bitnami/kafka:3.7.0"), func(p string) bool {
			return !strings.ContainsAny(p, "_-") && (p == strings.ToLower(p) || p == "zookeeper.clientCnxnSocket")
		}},
		{ParseImage("wurstmeister/kafka:2.13-2.8.1"), func(p string) bool { return !strings.ContainsAny(p, "_-") && p == strings.ToLower(p) }},
		{ParseImage("debezium/kafka:2.7"), func(p string) bool {
			// log.dirs is derived from KAFKA_DATA; KAFKA_CONTROLLER_QUORUM_VOTERS
			// becomes controller.quorum.bootstrap.servers.
			return !strings.ContainsAny(p, "_-") && p == strings.ToLower(p) && p != "log.dirs" && p != "controller.quorum.voters"
		}},
	}
	for _, f := range families {
		checked := 0
		for _, name := range cat.BrokerNames() {
			p, _ := cat.Broker(name)
			if p.Removed != "" {
				continue
			}
			envName := EnvNameForImage(f.img, name)
			if envName == "" {
				if f.expressible(name) {
					t.Errorf("%s: %s should be expressible", f.img.Ref, name)
				}
				continue
			}
			checked++
			tr := Translate(f.img, []EnvVar{{Name: envName, Value: "v"}})
			got, ok := tr.Property(name)
			if !ok || got.Var != envName || got.Value != "v" {
				t.Errorf("%s: %s -> %s -> %v", f.img.Ref, name, envName, settingsKV(tr.Properties))
			}
		}
		if checked < 100 {
			t.Errorf("%s: only %d keys round-tripped", f.img.Ref, checked)
		}
	}
}

// FuzzTranslate checks invariants of Translate for arbitrary variables on
// every family: no panic; every property and leaked key carries its
// variable's location and name; keys are lower-case except the documented
// camelCase zookeeper.clientCnxnSocket and never empty; ignored, rejected
// and topic entries point at their variable too.
func FuzzTranslate(f *testing.F) {
	seeds := [][2]string{
		{"KAFKA_LOG_RETENTION_HOURS", "168"}, {"KAFKA_CFG_LISTENER_NAME_SASL_SSL_PLAIN_SASL_JAAS_CONFIG", "x"},
		{"KAFKA_LISTENER_NAME_CLIENT_SCRAM___SHA___256_SASL_JAAS_CONFIG", "y"}, {"KAFKA_KAFKA_METRICS_REPORTERS", "z"},
		{"KAFKA_ZOOKEEPER_CLIENT_CNXN_SOCKET", "n"}, {"KAFKA_CREATE_TOPICS", "a:1:1,b:2:3:compact"},
		{"KAFKA_HEAP_OPTS", "-Xmx1g"}, {"KAFKA_", ""}, {"KAFKA_X", "a=b c=d"}, {"NODE_ID", "2"},
		{"KAFKA_CONTROLLER_QUORUM_VOTERS", "1@[::1]:9093"}, {"CONFLUENT_METRICS_X", "1"}, {"KAFKA_ÄÖ_ß", "İ"},
	}
	for i, s := range seeds {
		f.Add(s[0], s[1], "KAFKA_PROCESS_ROLES", "controller", uint8(i))
	}
	images := []Image{
		ParseImage("confluentinc/cp-kafka:7.5.0"), ParseImage("confluentinc/cp-server:8.1.0"),
		ParseImage("confluentinc/cp-kafka:5.4.0"), ParseImage("confluentinc/confluent-local:7.6.0"),
		ParseImage("apache/kafka:3.7.0"), ParseImage("apache/kafka:4.0.0"), ParseImage("bitnami/kafka:3.7.0"),
		ParseImage("wurstmeister/kafka"), ParseImage("debezium/kafka:2.7"), ParseImage("ubuntu/kafka"),
	}
	f.Fuzz(func(t *testing.T, name1, value1, name2, value2 string, pick uint8) {
		fuzzseed.Count()
		img := images[int(pick)%len(images)]
		vars := []EnvVar{
			{Name: name1, Value: value1, Loc: model.Location{File: "a.yml", Line: 1, Column: 1}},
			{Name: name2, Value: value2, Loc: model.Location{File: "a.yml", Line: 2, Column: 1}, Unresolved: pick&0x80 != 0},
		}
		tr := Translate(img, vars)
		locOf := func(name string) (model.Location, bool) {
			for _, v := range vars {
				if v.Name == name {
					return v.Loc, true
				}
			}
			return model.Location{}, false
		}
		for _, list := range [][]model.Setting{tr.Properties, tr.Leaked} {
			for _, p := range list {
				loc, ok := locOf(p.Var)
				if !ok || (p.Loc != loc && name1 != name2) {
					t.Fatalf("%s: %+v does not carry its variable's location", img.Ref, p)
				}
				if p.Source != model.SourceEnv {
					t.Fatalf("%+v: source %q", p, p.Source)
				}
				if p.Key != strings.ToLower(p.Key) && p.Key != "zookeeper.clientCnxnSocket" {
					t.Fatalf("%s: key %q is not lower-case", img.Ref, p.Key)
				}
				if p.Key == "" {
					t.Fatalf("%s: empty key from %s", img.Ref, p.Var)
				}
			}
		}
		for _, ig := range append(slices.Clone(tr.Ignored), tr.Rejected...) {
			if loc, ok := locOf(ig.Var); !ok || (ig.Loc != loc && name1 != name2) || ig.Reason == "" {
				t.Fatalf("%s: bad ignored entry %+v", img.Ref, ig)
			}
		}
		for _, tp := range tr.Topics {
			if loc, ok := locOf(tp.Source); !ok || (tp.Loc != loc && name1 != name2) {
				t.Fatalf("%s: topic %+v does not carry its variable's location", img.Ref, tp)
			}
		}
		_ = Baseline(img, tr, pick&0x40 != 0)
	})
}
