package pipeline

import (
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/streamlint/streamlint/checker/model"
)

// TestClustersAreTheSameEnsembleOrQuorum: brokers are one cluster when
// they share a ZooKeeper ensemble member (with its chroot) or a KRaft
// voter, whatever order, spacing or case each lists them in (before:
// the exact strings were compared, and three brokers of one ensemble
// listed from their own zookeeper first were three clusters of one
// broker, each reported by KAF007 and KAF008).
func TestClustersAreTheSameEnsembleOrQuorum(t *testing.T) {
	zk := func(connect ...string) string {
		var b strings.Builder
		b.WriteString("services:\n")
		for i, c := range connect {
			fmt.Fprintf(&b, "  kafka%d:\n    image: confluentinc/cp-kafka:7.6.1\n    environment:\n      KAFKA_BROKER_ID: %d\n      KAFKA_ZOOKEEPER_CONNECT: %q\n      KAFKA_ADVERTISED_LISTENERS: PLAINTEXT://kafka%d:9092\n", i+1, i+1, c, i+1)
		}
		return b.String()
	}
	kraft := func(voters ...string) string {
		var b strings.Builder
		b.WriteString("services:\n")
		for i, v := range voters {
			fmt.Fprintf(&b, "  kafka%d:\n    image: confluentinc/cp-kafka:7.6.1\n    environment:\n      KAFKA_NODE_ID: %d\n      KAFKA_PROCESS_ROLES: broker,controller\n      KAFKA_CONTROLLER_QUORUM_VOTERS: %q\n      CLUSTER_ID: MkU3OEVBNTcwNTJENDM2Qk\n", i+1, i+1, v)
		}
		return b.String()
	}
	for _, tt := range []struct {
		name    string
		compose string
		want    []int // brokers per cluster, sorted
	}{
		{"zookeeper in another order", zk("zk1:2181,zk2:2181,zk3:2181", "zk2:2181,zk3:2181,zk1:2181", "zk3:2181, ZK1:2181 ,zk2:2181"), []int{3}},
		{"zookeeper sharing one member", zk("zk1:2181", "zk1:2181,zk2:2181"), []int{2}},
		{"two chroots are two clusters", zk("zk:2181/a", "zk:2181/b", "zk:2181/a/"), []int{1, 2}},
		{"two ensembles", zk("zk1:2181", "zk2:2181"), []int{1, 1}},
		{"voters with spaces", kraft("1@kafka1:9093,2@kafka2:9093,3@kafka3:9093", "1@kafka1:9093, 2@kafka2:9093, 3@kafka3:9093", "1@kafka1:9093,2@kafka2:9093,3@kafka3:9093"), []int{3}},
		{"two quorums", kraft("1@kafka1:9093", "2@kafka2:9093"), []int{1, 1}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p := buildWith(t, Options{}, tt.compose)
			var got []int
			for _, c := range p.Clusters {
				got = append(got, c.BrokerCount)
			}
			sort.Ints(got)
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("brokers per cluster = %v, want %v (clusters %+v)", got, tt.want, p.Clusters)
			}
			for _, b := range p.Brokers {
				found := false
				for _, c := range p.Clusters {
					found = found || c.ID == b.Cluster
				}
				if !found {
					t.Errorf("broker %s names cluster %q, which is not in the model", b.Service, b.Cluster)
				}
			}
		})
	}
}

// TestReadsKafkaEnv: a repository's start script that reads the service's
// KAFKA_* variables translates them itself (IBM/sarama's loop over
// KAFKA_CFG_*); one that only uses Kafka's own script variables or its
// install path does not.
func TestReadsKafkaEnv(t *testing.T) {
	// the broker properties the service's variables set (roleOf keeps
	// Kafka's keys only: KAFKA_CLUSTER_ID and KAFKA_JMX_PORT are not)
	env := []model.Setting{{Key: "num.partitions", Var: "KAFKA_NUM_PARTITIONS"}, {Key: "broker.id", Var: "KAFKA_CFG_BROKER_ID"}}
	for _, tt := range []struct {
		script string
		want   bool
	}{
		{`for var in "${!KAFKA_CFG_@}"; do echo "$key=${!var}"; done`, true},
		{`echo "num.partitions=$KAFKA_NUM_PARTITIONS" >> server.properties`, true},
		{`env | grep ^KAFKA_ | sed ...`, true},
		{`export KAFKA_HEAP_OPTS="$KAFKA_HEAP_OPTS"; exec $KAFKA_HOME/bin/kafka-server-start.sh config/server.properties`, false},
		{`exec /opt/kafka/bin/kafka-server-start.sh /opt/kafka/config/server.properties`, false},
		{`kafka-storage.sh format -t "$KAFKA_CLUSTER_ID" -c server.properties; echo "$KAFKA_JMX_PORT"`, false},
	} {
		if got := readsKafkaEnv([]byte(tt.script), env); got != tt.want {
			t.Errorf("readsKafkaEnv(%q) = %v, want %v", tt.script, got, tt.want)
		}
	}
}
