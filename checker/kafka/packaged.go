package kafka

import (
	"strings"

	"github.com/streamlint/streamlint/checker/model"
)

// PackagedDefaults returns the configuration the image supplies itself under the
// given circumstances: its packaged server.properties and the values its
// entrypoint injects or derives. Every entry has Source
// model.SourceBaseline and a zero Loc. A project setting of the same key
// (tr.Properties, a mounted file) wins over such an entry; a key in
// neither takes the catalog default (docs/concepts.md, "Effective value").
//
// mountedServerProperties reports whether a server.properties is mounted
// where the image looks for one (bitnami /bitnami/kafka/config, apache
// /mnt/shared/config, wurstmeister /opt/kafka/config, debezium
// /kafka/config).
//
//   - cp-kafka / cp-server: no packaged file. The entrypoint defaults
//     log.dirs to /var/lib/kafka/data and, when KAFKA_LISTENERS is unset on
//     a node that is not controller-only, derives listeners from
//     KAFKA_ADVERTISED_LISTENERS with every host replaced by 0.0.0.0.
//   - confluent-local: the defaults configureDefaults injects (RF 1 for the
//     offsets and transaction topics, a single combined KRaft node, ...).
//   - apache/kafka: the packaged KRaft server.properties only when nothing
//     is mounted and the environment writes no line at all
//     (tr.WritesConfig); otherwise none (Kafka's defaults apply). Derived
//     listeners as for cp-kafka.
//   - bitnami: the packaged server.properties with the mode-specific lines
//     commented out, log.dirs=/bitnami/kafka/data and the image's default
//     sasl.enabled.mechanisms; nothing when a server.properties is mounted,
//     because bitnami then skips every environment-based setting too (see
//     SkipsEnvWhenMounted).
//   - wurstmeister: Kafka 2.8.1's packaged server.properties (unless
//     mounted) plus the values start-kafka.sh exports (port=9092,
//     broker.id=-1, log.dirs=/kafka/kafka-logs-$HOSTNAME).
//   - debezium: node.id and broker.id from NODE_ID (default 1), log.dirs
//     under $KAFKA_DATA, process.roles from NODE_ROLE, and the packaged KRaft
//     file's internal-topic settings (unless mounted). The listeners it
//     derives from the container's IP address are not modelled.
//   - ubuntu, redpanda, unknown: none.
func PackagedDefaults(img Image, tr Translation, mountedServerProperties bool) []model.Setting {
	var b packaged
	switch img.Family {
	case FamilyConfluent:
		b.add("log.dirs", "/var/lib/kafka/data")
		b.derivedListeners(tr)
	case FamilyConfluentLocal:
		b.add("node.id", "1")
		b.add("process.roles", "broker,controller")
		b.add("controller.quorum.voters", "1@localhost:29093")
		b.add("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT,PLAINTEXT_HOST:PLAINTEXT")
		b.add("listeners", "PLAINTEXT://localhost:29092,CONTROLLER://localhost:29093,PLAINTEXT_HOST://0.0.0.0:9092")
		b.add("advertised.listeners", "PLAINTEXT://localhost:29092,PLAINTEXT_HOST://localhost:9092")
		b.add("inter.broker.listener.name", "PLAINTEXT")
		b.add("controller.listener.names", "CONTROLLER")
		b.add("offsets.topic.replication.factor", "1")
		b.add("transaction.state.log.replication.factor", "1")
		b.add("transaction.state.log.min.isr", "1")
		b.add("group.initial.rebalance.delay.ms", "0")
		b.add("log.dirs", "/tmp/kraft-combined-logs")
	case FamilyApache:
		if !mountedServerProperties && !tr.WritesConfig() {
			b.kraftPackaged(img.KafkaVersion, "broker,controller")
		}
		b.derivedListeners(tr)
	case FamilyBitnami:
		if mountedServerProperties {
			return nil
		}
		b.serverBasics()
		b.add("log.dirs", "/bitnami/kafka/data")
		b.internalTopics(versionBetween(img.KafkaVersion, "4.0", "", true))
		b.retention()
		b.add("sasl.enabled.mechanisms", "PLAIN,SCRAM-SHA-256,SCRAM-SHA-512")
	case FamilyWurstmeister:
		if !mountedServerProperties {
			b.serverBasics()
			b.internalTopics(false)
			b.retention()
			b.add("zookeeper.connect", "localhost:2181")
			b.add("zookeeper.connection.timeout.ms", "18000")
			b.add("group.initial.rebalance.delay.ms", "0")
		}
		b.add("port", "9092")
		b.add("broker.id", "-1")
		b.add("log.dirs", "/kafka/kafka-logs-$HOSTNAME")
	case FamilyDebezium:
		b.debezium(tr, mountedServerProperties)
	}
	return b.out
}

// SkipsEnvWhenMounted reports whether images of the family ignore every
// environment-based setting when a server.properties is mounted (bitnami:
// "Detected mounted server.properties file ... Skipping configuration based
// on env variables"). Rules should then judge the mounted file alone.
func SkipsEnvWhenMounted(f Family) bool { return f == FamilyBitnami }

type packaged struct{ out []model.Setting }

func (b *packaged) add(key, value string) {
	b.out = append(b.out, model.Setting{Key: key, Value: value, Source: model.SourceBaseline})
}

// ArchiveServerPropertiesKeys are the keys the server.properties of Kafka's
// release archive sets (threads, sockets, the single-node replication of
// the internal topics, retention, log.dirs): an image built from the
// archive, or one streamlint does not know, may start from that file, so
// their values there are the image's, not Kafka's defaults.
func ArchiveServerPropertiesKeys() []string {
	var b packaged
	b.serverBasics()
	b.internalTopics(true)
	b.retention()
	keys := []string{"log.dirs", "log.dir"}
	for _, st := range b.out {
		keys = append(keys, st.Key)
	}
	return keys
}

// serverBasics are the thread and socket lines every packaged
// server.properties of Kafka 2.x–4.x starts with.
func (b *packaged) serverBasics() {
	b.add("num.network.threads", "3")
	b.add("num.io.threads", "8")
	b.add("socket.send.buffer.bytes", "102400")
	b.add("socket.receive.buffer.bytes", "102400")
	b.add("socket.request.max.bytes", "104857600")
}

// internalTopics are the packaged file's single-node settings; Kafka 4.x
// files add the share-group state topic.
func (b *packaged) internalTopics(kafka4 bool) {
	b.add("num.partitions", "1")
	b.add("num.recovery.threads.per.data.dir", "1")
	b.add("offsets.topic.replication.factor", "1")
	if kafka4 {
		b.add("share.coordinator.state.topic.replication.factor", "1")
		b.add("share.coordinator.state.topic.min.isr", "1")
	}
	b.add("transaction.state.log.replication.factor", "1")
	b.add("transaction.state.log.min.isr", "1")
}

func (b *packaged) retention() {
	b.add("log.retention.hours", "168")
	b.add("log.segment.bytes", "1073741824")
	b.add("log.retention.check.interval.ms", "300000")
}

// kraftPackaged is Kafka's packaged KRaft server.properties
// (config/kraft/server.properties in 3.x, config/server.properties in 4.x),
// which apache/kafka copies to /etc/kafka/docker/server.properties. An
// unknown version is taken to be the latest (4.x).
func (b *packaged) kraftPackaged(version, roles string) {
	kafka4 := versionBetween(version, "4.0", "", true)
	b.add("process.roles", roles)
	b.add("node.id", "1")
	if kafka4 {
		b.add("controller.quorum.bootstrap.servers", "localhost:9093")
	} else {
		b.add("controller.quorum.voters", "1@localhost:9093")
	}
	b.add("listeners", "PLAINTEXT://:9092,CONTROLLER://:9093")
	b.add("inter.broker.listener.name", "PLAINTEXT")
	if versionBetween(version, "3.9", "", true) {
		b.add("advertised.listeners", "PLAINTEXT://localhost:9092,CONTROLLER://localhost:9093")
	} else {
		b.add("advertised.listeners", "PLAINTEXT://localhost:9092")
	}
	b.add("controller.listener.names", "CONTROLLER")
	b.add("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT,SSL:SSL,SASL_PLAINTEXT:SASL_PLAINTEXT,SASL_SSL:SASL_SSL")
	b.serverBasics()
	b.add("log.dirs", "/tmp/kraft-combined-logs")
	b.internalTopics(kafka4)
	b.retention()
}

// DeriveListeners replaces every host in an advertised.listeners value with
// 0.0.0.0, as the Confluent and Apache entrypoints do to default
// KAFKA_LISTENERS ("PLAINTEXT://kafka:9092,HOST://localhost:29092" ->
// "PLAINTEXT://0.0.0.0:9092,HOST://0.0.0.0:29092"). It is the scripts'
// sed -e 's|://[^:]*:|://0.0.0.0:|g' (cub/ub listeners do the same),
// including its behaviour on malformed input.
func DeriveListeners(advertised string) string {
	var b strings.Builder
	s := advertised
	for {
		i := strings.Index(s, "://")
		if i < 0 {
			break
		}
		j := strings.IndexByte(s[i+3:], ':')
		if j < 0 {
			break
		}
		b.WriteString(s[:i])
		b.WriteString("://0.0.0.0:")
		s = s[i+3+j+1:]
	}
	b.WriteString(s)
	return b.String()
}

// derivedListeners adds the listeners the Confluent and Apache configure
// scripts derive when KAFKA_LISTENERS is unset and the node is not
// controller-only.
func (b *packaged) derivedListeners(tr Translation) {
	if _, ok := tr.Property("listeners"); ok {
		return
	}
	if roles, ok := tr.Property("process.roles"); ok && !roles.Unresolved && roles.Value == "controller" {
		return
	}
	adv, ok := tr.Property("advertised.listeners")
	if !ok || (adv.Value == "" && !adv.Unresolved) {
		return
	}
	b.out = append(b.out, model.Setting{
		Key: "listeners", Value: DeriveListeners(adv.Value), Source: model.SourceBaseline, Unresolved: adv.Unresolved,
	})
}

// debeziumZooKeeper reports a debezium/kafka broker in ZooKeeper mode:
// the entrypoint starts KRaft only when CLUSTER_ID is set, and the tutorials'
// ZooKeeper files set ZOOKEEPER_CONNECT instead.
func debeziumZooKeeper(tr Translation) bool {
	if v, ok := tr.Helper("CLUSTER_ID"); ok && (v.Value != "" || v.Unresolved) {
		return false
	}
	_, zk := tr.Property("zookeeper.connect")
	return zk
}

func (b *packaged) debezium(tr Translation, mounted bool) {
	id := "1"
	if s, ok := tr.Property("node.id"); ok && (s.Var == "NODE_ID" || s.Var == "BROKER_ID") {
		id = s.Value
	} else {
		b.add("node.id", id)
		b.add("broker.id", id)
	}
	data := "/kafka/data"
	for _, l := range tr.Leaked {
		if l.Var == "KAFKA_DATA" && !l.Unresolved {
			data = l.Value
		}
	}
	b.add("log.dirs", data+"/"+id)
	if debeziumZooKeeper(tr) {
		// config/server.properties, Kafka's packaged ZooKeeper file
		if !mounted {
			b.serverBasics()
			b.internalTopics(false)
			b.retention()
		}
		return
	}
	role := "combined"
	if v, ok := tr.Helper("NODE_ROLE"); ok && !v.Unresolved && v.Value != "" {
		role = v.Value
	}
	var roles string
	switch role {
	case "broker":
		roles = "broker"
	case "controller":
		roles = "controller"
	default:
		roles = "broker,controller"
	}
	b.add("process.roles", roles)
	if mounted {
		return
	}
	b.add("controller.listener.names", "CONTROLLER")
	if roles != "controller" {
		b.serverBasics()
		b.internalTopics(true)
		b.retention()
	}
}
