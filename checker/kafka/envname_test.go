package kafka

import (
	"strings"
	"testing"
)

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
		if got := envNameFor(tt.family, tt.prop); got != tt.want {
			t.Errorf("envNameFor(%q, %q) = %q, want %q", tt.family, tt.prop, got, tt.want)
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
	cat := mustLoadCatalog()
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
