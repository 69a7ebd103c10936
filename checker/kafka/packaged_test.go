package kafka

import (
	"slices"
	"testing"

	"github.com/streamlint/streamlint/checker/model"
)

func TestPackagedDefaults(t *testing.T) {
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
		{
			// the tutorial's ZooKeeper file: no CLUSTER_ID, so the entrypoint
			// starts config/server.properties, not the KRaft one
			name: "debezium zookeeper", image: "quay.io/debezium/kafka:2.7", env: []string{"ZOOKEEPER_CONNECT=zookeeper:2181"},
			has:    []string{"log.dirs=/kafka/data/1", "offsets.topic.replication.factor=1", "log.retention.hours=168"},
			hasNot: []string{"process.roles", "controller.listener.names"},
		},
		{
			name: "debezium kraft with a zookeeper left over", image: "quay.io/debezium/kafka:2.7",
			env: []string{"CLUSTER_ID=oh-sxaDRTcyAr6pFRbXyzA", "ZOOKEEPER_CONNECT=zookeeper:2181"},
			has: []string{"process.roles=broker,controller"},
		},
		{name: "ubuntu", image: "ubuntu/kafka", empty: true},
		{name: "redpanda", image: "redpandadata/redpanda", empty: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			img := ParseImage(tt.image)
			base := PackagedDefaults(img, Translate(img, env(tt.env...)), tt.mounted)
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
