package pipeline

import (
	"strings"
	"testing"
)

// TestRoles: a service is a broker by what it is (image on any registry,
// or broker settings in its environment), not by a list of image names;
// the ecosystem's applications are clients; Spark roles come from what
// the images read and run.
func TestRoles(t *testing.T) {
	t.Parallel()
	p := buildDir(t, map[string]string{"docker-compose.yml": `
services:
  mirror:
    image: registry.example.com/confluentinc/cp-kafka:7.6.1
    environment: {KAFKA_BROKER_ID: 1, KAFKA_ZOOKEEPER_CONNECT: zk:2181}
  varreg:
    image: ${REPOSITORY}/cp-server:${TAG}
    environment: {KAFKA_NODE_ID: 2, KAFKA_PROCESS_ROLES: "broker,controller", CLUSTER_ID: abc}
  local:
    image: localbuild/cp-server-tc:${TAG}
    environment: {KAFKA_BROKER_ID: 3, KAFKA_ZOOKEEPER_CONNECT: zk:2181}
  unset:
    image: ${IMAGE}
    environment: {KAFKA_NODE_ID: 4, KAFKA_PROCESS_ROLES: broker, KAFKA_CONTROLLER_QUORUM_VOTERS: "9@ctl:9093"}
  digest:
    image: bitnami/kafka@sha256:0000000000000000000000000000000000000000000000000000000000000000
    environment: {KAFKA_CFG_NODE_ID: 5, KAFKA_CFG_PROCESS_ROLES: broker}
  shell:
    image: confluentinc/cp-kafka:7.6.1
    command: bash
  sleeper:
    image: confluentinc/cp-kafka:7.6.1
    environment: {KAFKA_BROKER_ID: 6}
    command: sleep infinity
  init:
    image: confluentinc/cp-kafka:7.6.1
    command: ["bash", "-c", "kafka-topics --create --topic t --partitions 3 --replication-factor 1 --bootstrap-server mirror:9092"]
  connect:
    image: confluentinc/cp-kafka-connect:7.6.1
    environment: {CONNECT_BOOTSTRAP_SERVERS: mirror:9092}
  mm2:
    image: confluentinc/cp-kafka:7.6.1
    command: connect-mirror-maker /etc/kafka/mm2.properties
  zk-on-kafka:
    image: bitnami/kafka:2.8.1
    command: ["/opt/bitnami/kafka/bin/zookeeper-server-start.sh", "/opt/bitnami/kafka/config/zookeeper.properties"]
  run-class:
    image: apache/kafka:3.8.0
    command: ["/opt/kafka/bin/kafka-run-class.sh", "kafka.Kafka", "/opt/kafka/config/server.properties"]
  perf:
    image: apache/kafka:3.8.0
    command: /opt/kafka/bin/kafka-producer-perf-test.sh --topic t --num-records 10 --record-size 100 --throughput -1 --producer-props bootstrap.servers=mirror:9092
  registry:
    image: confluentinc/cp-schema-registry:7.6.1
  ui:
    image: provectuslabs/kafka-ui
    environment: {KAFKA_CLUSTERS_0_BOOTSTRAPSERVERS: mirror:9092}
  bde-worker:
    image: bde2020/spark-worker:3.3.0-hadoop3.3
    environment: {SPARK_MASTER: "spark://bde-master:7077"}
  bde-master:
    image: bde2020/spark-master:3.3.0-hadoop3.3
  workload:
    image: myorg/spark:3.5
    environment: {SPARK_WORKLOAD: worker, SPARK_WORKER_MEMORY: 2g, SPARK_WORKER_CORES: "2"}
  custom-worker:
    image: spark-worker
    environment: {SPARK_WORKER_MEMORY: 4g}
  apache-worker:
    image: apache/spark:3.5.1
    command: ["/opt/spark/bin/spark-class", "org.apache.spark.deploy.worker.Worker", "spark://m:7077"]
  notebook:
    image: jupyter/pyspark-notebook
  zk:
    image: confluentinc/cp-zookeeper:7.6.1
  db:
    image: postgres:16
`})
	want := map[string]string{
		"mirror": "broker", "varreg": "broker", "local": "broker", "unset": "broker", "digest": "broker",
		"shell": "kafka-client", "sleeper": "kafka-client", "init": "kafka-client",
		"connect": "kafka-client", "registry": "kafka-client", "ui": "kafka-client",
		"mm2": "kafka-client", "zk-on-kafka": "kafka-client", "run-class": "broker", "perf": "kafka-client",
		"bde-worker": "spark-worker", "bde-master": "spark-master", "workload": "spark-worker",
		"custom-worker": "spark-worker", "apache-worker": "spark-worker", "notebook": "spark-driver",
		"zk": "zookeeper", "db": "other",
	}
	for _, s := range p.Services {
		if s.Role != want[s.Name] {
			t.Errorf("service %s: role %q, want %q", s.Name, s.Role, want[s.Name])
		}
		delete(want, s.Name)
	}
	if len(want) > 0 {
		t.Errorf("services not modelled: %v", want)
	}
	families := map[string]string{}
	for _, b := range p.Brokers {
		families[b.Service] = b.Family
	}
	for svc, fam := range map[string]string{"mirror": "confluent", "varreg": "confluent", "local": "confluent", "unset": "confluent", "digest": "bitnami"} {
		if families[svc] != fam {
			t.Errorf("broker %s: family %q, want %q", svc, families[svc], fam)
		}
	}
	memory := map[string]float64{}
	for _, w := range p.Workers {
		if w.MemoryBytes.Num != nil {
			memory[w.Service] = *w.MemoryBytes.Num
		}
	}
	if memory["workload"] != 2<<30 || memory["custom-worker"] != 4<<30 {
		t.Errorf("worker memory read from SPARK_WORKER_MEMORY: %v", memory)
	}
}

// TestLegacyListenersDerived: before Kafka 3.0 the broker derives
// advertised.listeners from advertised.host.name (else host.name) and
// advertised.port (else port), and listeners from host.name and port.
func TestLegacyListenersDerived(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, env, listeners, advertised string
	}{
		{"wurstmeister host name", "KAFKA_ADVERTISED_HOST_NAME: localhost", "", "PLAINTEXT://localhost:9092"},
		{"advertised port", "KAFKA_ADVERTISED_HOST_NAME: kafka\n      KAFKA_ADVERTISED_PORT: 29092", "", "PLAINTEXT://kafka:29092"},
		{"host name and port", "KAFKA_HOST_NAME: kafka\n      KAFKA_PORT: 9093", "PLAINTEXT://kafka:9093", "PLAINTEXT://kafka:9093"},
		{"new settings win", "KAFKA_ADVERTISED_HOST_NAME: localhost\n      KAFKA_ADVERTISED_LISTENERS: PLAINTEXT://kafka:9092", "", "PLAINTEXT://kafka:9092"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			p := buildDir(t, map[string]string{"docker-compose.yml": "services:\n  kafka:\n    image: wurstmeister/kafka:2.13-2.8.1\n    environment:\n      KAFKA_ZOOKEEPER_CONNECT: zk:2181\n      " + tt.env + "\n"})
			b := p.Brokers[0]
			adv := b.Config["advertised.listeners"]
			if adv.Value != tt.advertised {
				t.Errorf("advertised.listeners %q, want %q", adv.Value, tt.advertised)
			}
			if tt.name != "new settings win" && (adv.Source != "derived" || !strings.Contains(adv.Derived, "Kafka before 3.0") || adv.Loc == nil || len(adv.Listeners) != 1) {
				t.Errorf("advertised.listeners %+v: want derived, located at the setting it comes from, parsed", adv)
			}
			if tt.listeners != "" && b.Config["listeners"].Value != tt.listeners {
				t.Errorf("listeners %q, want %q", b.Config["listeners"].Value, tt.listeners)
			}
		})
	}
	// Kafka 3.0 removed the old settings: nothing is derived
	p := buildDir(t, map[string]string{"docker-compose.yml": "services:\n  kafka:\n    image: bitnami/kafka:3.7\n    environment:\n      KAFKA_CFG_ADVERTISED_HOST_NAME: localhost\n"})
	if v := p.Brokers[0].Config["advertised.listeners"]; v.Source == "derived" {
		t.Errorf("Kafka 3.7 derived %+v", v)
	}
}

// A Spark cluster of local images: spark-base built FROM apache/spark, the
// master and workers built FROM spark-base with an entrypoint script run
// by CMD ["worker"], and tagged spark-master:latest and spark-worker:latest
// by compose. The tag names the role (they were not recognised: the base
// image, spark-base, says nothing); the base service is not a worker.
func TestBuiltSparkClusterRoles(t *testing.T) {
	t.Parallel()
	r, _ := buildResult(t, map[string]string{
		"docker-compose.yml": "services:\n  spark-base:\n    build: {context: ., dockerfile: spark/Dockerfile.base}\n    image: spark-base:latest\n" +
			"  spark-master1:\n    build: {context: ., dockerfile: spark/Dockerfile.master}\n    image: spark-master:latest\n" +
			"  spark-worker1:\n    build: {context: ., dockerfile: spark/Dockerfile.worker}\n    image: spark-worker:latest\n    mem_limit: 6g\n",
		"spark/Dockerfile.base":   "FROM apache/spark:3.5.1\nCMD [\"tail\", \"-f\", \"/dev/null\"]\n",
		"spark/Dockerfile.master": "FROM spark-base:latest\nCMD [\"master\"]\nENTRYPOINT [\"/opt/entrypoint.sh\"]\n",
		"spark/Dockerfile.worker": "FROM spark-base:latest\nCMD [\"worker\"]\nENTRYPOINT [\"/opt/entrypoint.sh\"]\n",
	})
	roles := map[string]string{}
	for _, svc := range r.Pipeline.Services {
		roles[svc.Name] = svc.Role
	}
	want := map[string]string{"spark-base": "other", "spark-master1": "spark-master", "spark-worker1": "spark-worker"}
	for name, role := range want {
		if roles[name] != role {
			t.Errorf("%s: role %q, want %q", name, roles[name], role)
		}
	}
	if len(r.Pipeline.Workers) != 1 || r.Pipeline.Workers[0].Service != "spark-worker1" {
		t.Errorf("workers %+v", r.Pipeline.Workers)
	}
}

// KRaft nodes built FROM apache/kafka whose ENTRYPOINT is the repository's
// entrypoint.sh (format the storage, then exec kafka-server-start.sh with
// the COPY'd server.properties) are brokers (they were taken for clients,
// a .sh command); the image's own entrypoint does not run, so KAFKA_* are
// not written into the configuration (KAFKA_CLUSTER_ID is the script's).
// A script that only creates topics still makes a client.
func TestScriptStartedBroker(t *testing.T) {
	t.Parallel()
	r, _ := buildResult(t, map[string]string{
		"docker-compose.yml": "services:\n  kafka2:\n    build: {context: ., dockerfile: kafka/Dockerfile.kafka2}\n    environment:\n      KAFKA_CLUSTER_ID: 123e4567-e89b-12d3-a456-426614174001\n      KAFKA_HEAP_OPTS: -Xmx2G\n" +
			"  topics:\n    build: {context: ., dockerfile: kafka/Dockerfile.topics}\n",
		"kafka/Dockerfile.kafka2": "FROM apache/kafka:3.8.0\nCOPY /kafka/server2.properties /opt/kafka/config/server.properties\nCOPY /kafka/entrypoint.sh /opt/kafka/config/entrypoint.sh\nENTRYPOINT [\"/opt/kafka/config/entrypoint.sh\"]\n",
		"kafka/Dockerfile.topics": "FROM apache/kafka:3.8.0\nCOPY kafka/topics.sh /opt/topics.sh\nCMD [\"/opt/topics.sh\"]\n",
		"kafka/entrypoint.sh":     "#!/bin/bash\n/opt/kafka/bin/kafka-storage.sh format -t \"$KAFKA_CLUSTER_ID\" -c /opt/kafka/config/server.properties --ignore-formatted\nexec /opt/kafka/bin/kafka-server-start.sh /opt/kafka/config/server.properties\n",
		"kafka/topics.sh":         "#!/bin/bash\n/opt/kafka/bin/kafka-topics.sh --bootstrap-server kafka2:9092 --create --topic t\n",
		"kafka/server2.properties": "process.roles=broker,controller\nnode.id=2\ncontroller.quorum.voters=2@kafka2:9091\nlisteners=INTERNAL://0.0.0.0:9092,CONTROLLER://0.0.0.0:9091\n" +
			"controller.listener.names=CONTROLLER\nlistener.security.protocol.map=INTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT\ninter.broker.listener.name=INTERNAL\nnum.partitions=3\n",
	})
	roles := map[string]string{}
	for _, svc := range r.Pipeline.Services {
		roles[svc.Name] = svc.Role
	}
	if roles["kafka2"] != "broker" || roles["topics"] != "kafka-client" {
		t.Fatalf("roles %v", roles)
	}
	b := r.Pipeline.Brokers[0]
	if b.Image != "apache/kafka:3.8.0" {
		t.Errorf("image %q, want the build's base", b.Image)
	}
	if v := b.Config["num.partitions"]; v.Value != "3" {
		t.Errorf("num.partitions %+v, want the copied file's 3", v)
	}
	if _, ok := b.Config["cluster.id"]; ok {
		t.Errorf("KAFKA_CLUSTER_ID written into the configuration by an entrypoint that does not run")
	}
	if len(b.EnvNames) != 0 {
		t.Errorf("fixes would name variables the script ignores: %v", b.EnvNames)
	}
}

// A mounted helper run before the image's own start (cp-kafka's
// `bash -c '/tmp/prepare.sh && /etc/confluent/docker/run'`) leaves the
// KAFKA_* translation in place, even if the helper mentions
// kafka-server-start.
func TestHelperBeforeImageRunKeepsEnvironment(t *testing.T) {
	t.Parallel()
	r, _ := buildResult(t, map[string]string{
		"docker-compose.yml": "services:\n  kafka1:\n    image: confluentinc/cp-kafka:7.2.1\n    environment:\n      KAFKA_NODE_ID: 1\n      KAFKA_PROCESS_ROLES: broker,controller\n      KAFKA_CONTROLLER_QUORUM_VOTERS: 1@kafka1:9093\n      KAFKA_NUM_PARTITIONS: 6\n" +
			"    volumes:\n      - ./prepare.sh:/tmp/prepare.sh\n    command: \"bash -c '/tmp/prepare.sh && /etc/confluent/docker/run'\"\n",
		"prepare.sh": "#!/bin/bash\n# the image runs kafka-server-start itself after this\nsed -i '/KAFKA_ZOOKEEPER_CONNECT/d' /etc/confluent/docker/configure\n",
	})
	if len(r.Pipeline.Brokers) != 1 {
		t.Fatalf("brokers %+v", r.Pipeline.Brokers)
	}
	if v := r.Pipeline.Brokers[0].Config["num.partitions"]; v.Value != "6" {
		t.Errorf("num.partitions %+v, want KAFKA_NUM_PARTITIONS=6", v)
	}
}
