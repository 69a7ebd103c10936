package kafka

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

func TestLoadCatalog(t *testing.T) {
	t.Parallel()
	c, err := LoadCatalog()
	if err != nil {
		t.Fatal(err)
	}
	again, _ := LoadCatalog()
	if c != again {
		t.Error("LoadCatalog must parse once and share the result")
	}
	// The headers of the TSVs announce 358 broker rows and 36 topic rows.
	if n := len(c.BrokerNames()); n != 358 {
		t.Errorf("broker keys = %d, want 358", n)
	}
	if n := len(topicNames(c)); n != 36 {
		t.Errorf("topic keys = %d, want 36", n)
	}
	if !slices.IsSorted(c.BrokerNames()) || !slices.IsSorted(topicNames(c)) {
		t.Error("names must be sorted")
	}
}

func TestCatalogConsistency(t *testing.T) {
	t.Parallel()
	c := mustLoadCatalog()
	for _, name := range c.BrokerNames() {
		p, _ := c.Broker(name)
		if p.Scope != "broker" || p.Name != name {
			t.Errorf("%s: %+v", name, p)
		}
		if p.TopicSynonym != "" {
			if _, ok := c.Topic(p.TopicSynonym); !ok {
				t.Errorf("%s: topic synonym %s is not a topic key", name, p.TopicSynonym)
			}
			if p.TopicFactor < 1 {
				t.Errorf("%s: factor %d", name, p.TopicFactor)
			}
		}
		if strings.Contains(p.RemovedOrDeprecated, "removed in") && p.Removed == "" {
			t.Errorf("%s: removal not parsed from %q", name, p.RemovedOrDeprecated)
		}
	}
	for _, name := range topicNames(c) {
		p, _ := c.Topic(name)
		if p.Scope != "topic" {
			t.Errorf("%s: scope %q", name, p.Scope)
		}
		if p.BrokerSynonym != "" {
			if _, ok := c.Broker(p.BrokerSynonym); !ok {
				t.Errorf("%s: broker synonym %s is not a broker key", name, p.BrokerSynonym)
			}
			if len(p.BrokerSynonyms) == 0 || p.BrokerSynonyms[0] != p.BrokerSynonym {
				t.Errorf("%s: precedence %v does not start with %s", name, p.BrokerSynonyms, p.BrokerSynonym)
			}
		}
		for _, s := range p.BrokerSynonyms {
			if b, ok := c.Broker(s); !ok || b.TopicSynonym != name {
				t.Errorf("%s: precedence entry %s does not point back (%q)", name, s, b.TopicSynonym)
			}
		}
	}
}

func TestCatalogLookups(t *testing.T) {
	t.Parallel()
	c := mustLoadCatalog()
	tests := []struct {
		name, typ, def, topicSyn, removed, deprecatedSince, mode string
		factor                                                   int64
		deprecated                                               bool
	}{
		{name: "message.max.bytes", typ: "int", def: "1048588", topicSyn: "max.message.bytes", factor: 1, mode: "both"},
		{name: "log.retention.hours", typ: "int", def: "168", topicSyn: "retention.ms", factor: 3_600_000, mode: "both"},
		{name: "log.retention.minutes", typ: "int", def: "null", topicSyn: "retention.ms", factor: 60_000, mode: "both"},
		{name: "log.retention.bytes", typ: "long", def: "-1", topicSyn: "retention.bytes", factor: 1, mode: "both"},
		{name: "offsets.topic.replication.factor", typ: "short", def: "3", mode: "both"},
		{name: "num.partitions", typ: "int", def: "1", mode: "both"},
		{name: "zookeeper.connect", typ: "string", def: "null", removed: "4.0", mode: "zk-only"},
		{name: "zookeeper.clientCnxnSocket", typ: "string", def: "null", removed: "4.0", mode: "zk-only"},
		{name: "advertised.host.name", typ: "string", def: "null", removed: "3.0", deprecated: true, deprecatedSince: "0.10", mode: "zk-only"},
		{name: "host.name", typ: "string", def: `""`, removed: "3.0", deprecated: true, mode: "zk-only"},
		{name: "zookeeper.sync.time.ms", typ: "int", def: "2000", removed: "3.2", mode: "zk-only"},
		{name: "log.message.format.version", typ: "string", def: "3.0-IV1", topicSyn: "message.format.version", factor: 1, removed: "4.0", deprecated: true, deprecatedSince: "3.0", mode: "both"},
		{name: "offsets.commit.required.acks", typ: "short", def: "-1", removed: "4.0", deprecated: true, mode: "both"},
		{name: "remote.log.manager.thread.pool.size", typ: "int", def: "10", deprecated: true, deprecatedSince: "3.9", mode: "both"},
		{name: "group.consumer.migration.policy", typ: "string", def: "disabled", mode: "both"},
		{name: "process.roles", typ: "list", def: `""`, mode: "kraft-only"},
	}
	for _, tt := range tests {
		p, ok := c.Broker(tt.name)
		if !ok {
			t.Errorf("%s missing", tt.name)
			continue
		}
		if p.Type != tt.typ || p.Default != tt.def || p.TopicSynonym != tt.topicSyn || p.TopicFactor != tt.factor ||
			p.Removed != tt.removed || p.Deprecated != tt.deprecated || p.DeprecatedSince != tt.deprecatedSince || p.Mode != tt.mode {
			t.Errorf("%s = %+v", tt.name, p)
		}
	}
	mmb, ok := c.Topic("max.message.bytes")
	if !ok || mmb.BrokerSynonym != "message.max.bytes" || mmb.Type != "int" || mmb.Default != "1048588" {
		t.Errorf("topic max.message.bytes = %+v", mmb)
	}
	ret, _ := c.Topic("retention.ms")
	if !slices.Equal(ret.BrokerSynonyms, []string{"log.retention.ms", "log.retention.minutes", "log.retention.hours"}) {
		t.Errorf("retention.ms precedence = %v", ret.BrokerSynonyms)
	}
	ret.BrokerSynonyms[0] = "mutated"
	if again, _ := c.Topic("retention.ms"); again.BrokerSynonyms[0] != "log.retention.ms" {
		t.Error("Topic must return a copy")
	}
	if dc, _ := c.Topic("message.downconversion.enable"); dc.Removed != "4.0" {
		t.Errorf("message.downconversion.enable removed = %q", dc.Removed)
	}
	if _, ok := c.Broker("max.message.bytes"); ok {
		t.Error("max.message.bytes is not a broker key")
	}
}

func TestSynonyms(t *testing.T) {
	t.Parallel()
	c := mustLoadCatalog()
	for topic, broker := range map[string]string{
		"max.message.bytes": "message.max.bytes", "retention.ms": "log.retention.ms", "retention.bytes": "log.retention.bytes",
		"segment.bytes": "log.segment.bytes", "segment.ms": "log.roll.ms", "cleanup.policy": "log.cleanup.policy",
		"min.insync.replicas": "min.insync.replicas", "delete.retention.ms": "log.cleaner.delete.retention.ms",
		"flush.ms": "log.flush.interval.ms", "follower.replication.throttled.replicas": "", "remote.storage.enable": "",
		"num.partitions": "", "nonsense": "",
	} {
		if got := c.BrokerSynonymOfTopic(topic); got != broker {
			t.Errorf("BrokerSynonymOfTopic(%q) = %q, want %q", topic, got, broker)
		}
	}
	for broker, topic := range map[string]string{
		"log.retention.hours": "retention.ms", "message.max.bytes": "max.message.bytes", "num.partitions": "", "x": "",
	} {
		if got := topicSynonymOfBroker(c, broker); got != topic {
			t.Errorf("TopicSynonymOfBroker(%q) = %q, want %q", broker, got, topic)
		}
	}
	for name, want := range map[string]bool{
		"max.message.bytes": true, "retention.ms": true, "retention.bytes": true, "segment.bytes": true,
		"cleanup.policy": true, "min.insync.replicas": false, "compression.type": false,
		"unclean.leader.election.enable": false, "num.partitions": false, "nonsense": false,
	} {
		if got := topicOnly(c, name); got != want {
			t.Errorf("TopicOnly(%q) = %v", name, got)
		}
	}
}

func TestVersions(t *testing.T) {
	t.Parallel()
	c := mustLoadCatalog()
	get := func(n string) Property { p, _ := c.Broker(n); return p }
	tests := []struct {
		name, version string
		available     bool
	}{
		{"zookeeper.connect", "3.9", true}, {"zookeeper.connect", "4.0", false}, {"zookeeper.connect", "", true},
		{"advertised.host.name", "2.8", true}, {"advertised.host.name", "3.0", false},
		{"controller.quorum.bootstrap.servers", "3.8", false}, {"controller.quorum.bootstrap.servers", "3.9", true},
		{"num.partitions", "0.10", true}, {"share.coordinator.threads", "3.9", false}, {"share.coordinator.threads", "4.1", true},
		{"group.coordinator.new.enable", "3.5", true}, // internal key without a since
	}
	for _, tt := range tests {
		if got := availableIn(get(tt.name), tt.version); got != tt.available {
			t.Errorf("availableIn(%s, %q) = %v", tt.name, tt.version, got)
		}
	}
	defaults := []struct{ name, version, want string }{
		{"num.recovery.threads.per.data.dir", "3.9", "1"}, {"num.recovery.threads.per.data.dir", "4.0", "2"},
		{"num.recovery.threads.per.data.dir", "", "1"}, {"log.segment.bytes", "4.1", "1073741824"},
		{"group.coordinator.rebalance.protocols", "4.0", "classic,consumer"},
		{"remote.log.manager.copier.thread.pool.size", "4.0", "10"},
		{"metric.reporters", "4.0", "org.apache.kafka.common.metrics.JmxReporter"}, {"num.partitions", "4.0", "1"},
	}
	for _, tt := range defaults {
		if got := get(tt.name).DefaultIn(tt.version); got != tt.want {
			t.Errorf("%s.DefaultIn(%q) = %q, want %q", tt.name, tt.version, got, tt.want)
		}
	}
}

func TestKnownBroker(t *testing.T) {
	t.Parallel()
	c := mustLoadCatalog()
	for name, want := range map[string]bool{
		"num.partitions":                                                      true,
		"zookeeper.clientCnxnSocket":                                          true,
		"zookeeper.clientcnxnsocket":                                          false,
		"listener.name.sasl_ssl.plain.sasl.jaas.config":                       true,
		"listener.name.client.scram-sha-256.sasl.jaas.config":                 true,
		"listener.name.internal.ssl.keystore.location":                        true,
		"listener.name.external.max.connections":                              true,
		"listener.name.client.oauthbearer.sasl.server.callback.handler.class": true,
		"listener.name.client.plain.sasl.jaas.confg":                          false,
		"listener.name.client.ssl.keystore.locaton":                           false,
		"listener.name..ssl.keystore.location":                                false,
		"listener.name.client":                                                false,
		"rsm.config.storage.backend":                                          true,
		"rlmm.config.remote.log.metadata.topic.num.partitions":                true,
		"rsm.config.":                          false,
		"config.providers":                     true,
		"config.providers.file.class":          true,
		"config.providers.vault.param.address": true,
		"config.providers.file":                false,
		"config.providers.file.params.x":       false,
		"config.provider":                      false,
		"confluent.metadata.server.listeners":  false,
		"max.message.bytes":                    false,
		"replica.fetch.max.byes":               false,
		"heap.opts":                            false,
		"log4j.opts":                           false,
		"":                                     false,
	} {
		if got := c.KnownBroker(name); got != want {
			t.Errorf("KnownBroker(%q) = %v, want %v", name, got, want)
		}
	}
	cpKafka, cpServer := ParseImage("confluentinc/cp-kafka:7.6.1"), ParseImage("confluentinc/cp-server:7.6.1")
	if !c.KnownBrokerOn(cpKafka, "confluent.metadata.server.listeners") ||
		!c.KnownBrokerOn(ParseImage("confluentinc/confluent-local:7.6.1"), "confluent.metrics.enable") ||
		c.KnownBrokerOn(ParseImage("apache/kafka:3.8.0"), "confluent.metadata.server.listeners") ||
		c.KnownBrokerOn(cpKafka, "confluent.") ||
		!c.KnownBrokerOn(ParseImage("bitnami/kafka:3.7"), "num.partitions") {
		t.Error("KnownBrokerOn: confluent.* only on Confluent images")
	}
	for _, key := range []string{"super.users", "allow.everyone.if.no.acl.found"} {
		if !c.KnownBrokerOn(ParseImage("apache/kafka:3.8.0"), key) || !c.KnownBrokerOn(cpKafka, key) {
			t.Errorf("KnownBrokerOn(%s): the authorizer reads it on every image", key)
		}
	}
	for _, key := range []string{"kafka.rest.bootstrap.servers", "ldap.java.naming.provider.url"} {
		if !c.KnownBrokerOn(cpServer, key) || !c.KnownBrokerOn(ParseImage("$REPOSITORY/cp-server:$TAG"), key) {
			t.Errorf("KnownBrokerOn(%s): Confluent Server reads it", key)
		}
		if c.KnownBrokerOn(cpKafka, key) || c.KnownBrokerOn(ParseImage("bitnami/kafka:3.7"), key) {
			t.Errorf("KnownBrokerOn(%s): only Confluent Server reads it", key)
		}
	}
}

func TestSuggest(t *testing.T) {
	t.Parallel()
	c := mustLoadCatalog()
	for name, want := range map[string]string{
		"replica.fetch.max.byes":                    "replica.fetch.max.bytes",
		"log.retention.check.intervals.ms":          "log.retention.check.interval.ms",
		"max.message.bytes":                         "message.max.bytes", // same words, other order
		"num.partition":                             "num.partitions",
		"auto.create.topic.enable":                  "auto.create.topics.enable",
		"zookeeper.clientcnxnsocket":                "zookeeper.clientCnxnSocket",
		"zookeeper.client.cnxn.socket":              "zookeeper.clientCnxnSocket",
		"listener.name.client.ssl.keystore.locaton": "listener.name.client.ssl.keystore.location",
		"log.retention.hour":                        "log.retention.hours",
		"num.partitions":                            "", // known
		"max.request.size":                          "",
		"heap.opts":                                 "",
		"cfg.log.retention.hours":                   "",
		"x":                                         "",
		"":                                          "",
	} {
		if got := c.Suggest(name); got != want {
			t.Errorf("Suggest(%q) = %q, want %q", name, got, want)
		}
	}
}

func TestIsClientProperty(t *testing.T) {
	t.Parallel()
	for _, name := range []string{
		"max.request.size", "max.partition.fetch.bytes", "acks", "key.serializer", "value.deserializer",
		"bootstrap.servers", "group.id", "auto.offset.reset", "enable.auto.commit", "linger.ms", "batch.size",
	} {
		if !IsClientProperty(name) {
			t.Errorf("IsClientProperty(%q) = false", name)
		}
	}
	for _, name := range []string{"compression.type", "fetch.max.bytes", "request.timeout.ms", "num.partitions", "message.max.bytes", ""} {
		if IsClientProperty(name) {
			t.Errorf("IsClientProperty(%q) = true", name)
		}
	}
	// No client key may also be a broker or topic key.
	c := mustLoadCatalog()
	for _, name := range append(c.BrokerNames(), topicNames(c)...) {
		if IsClientProperty(name) {
			t.Errorf("%s is both a client and a catalog key", name)
		}
	}
}

func TestCheck(t *testing.T) {
	t.Parallel()
	c := mustLoadCatalog()
	tests := []struct {
		key, value string
		ok         bool
		hint       string // substring of the error
	}{
		{"num.partitions", "3", true, ""},
		{"num.partitions", " 3 ", true, ""},
		{"num.partitions", "0", false, "valid values"},
		{"num.partitions", "1e6", false, "exponent"},
		{"num.partitions", "3.0", false, "whole number"},
		{"num.partitions", `"3"`, false, "quotes"},
		{"message.max.bytes", "16777216", true, ""},
		{"message.max.bytes", "2147483648", false, "out of range"},
		{"message.max.bytes", "16MB", false, "units"},
		{"log.retention.bytes", "10737418240", true, ""},
		{"log.retention.bytes", "10GB", false, "units"},
		{"log.retention.bytes", "1_000", false, "separators"},
		{"offsets.topic.replication.factor", "40000", false, "short"},
		{"auto.create.topics.enable", "TRUE", true, ""},
		{"auto.create.topics.enable", "yes", false, "true or false"},
		{"log.cleaner.min.cleanable.ratio", "0.5", true, ""},
		{"log.cleaner.min.cleanable.ratio", "1.5", false, "valid values"},
		{"log.cleaner.min.cleanable.ratio", "half", false, "not a number"},
		{"compression.gzip.level", "-1", true, ""},
		{"compression.gzip.level", "9", true, ""},
		{"compression.gzip.level", "0", false, "valid values"},
		{"remote.log.manager.copier.thread.pool.size", "-1", true, ""},
		{"remote.log.manager.copier.thread.pool.size", "0", false, "valid values"},
		{"compression.type", "snappy", true, ""},
		{"compression.type", "SNAPPY", false, "case-sensitively"},
		{"compression.type", "brotli", false, "one of"},
		{"log.cleanup.policy", "compact,delete", true, ""},
		{"log.cleanup.policy", "compact, Delete", false, `contains "Delete"`},
		{"process.roles", "broker,controller", true, ""},
		{"process.roles", "broker,zookeeper", false, `contains "zookeeper"`},
		{"security.inter.broker.protocol", "SASL_SSL", true, ""},
		{"group.consumer.migration.policy", "upgrade", true, ""},
		{"log.message.format.version", "2.8", true, ""}, // version lists are not judged
		{"controller.quorum.voters", "", false, "empty"},
		{"controller.quorum.voters", "1@k:9093", true, ""},
		{"listeners", "PLAINTEXT://:9092", true, ""},
		{"log.retention.ms", "-1", true, ""},
		{"log.segment.bytes", "13", false, "valid values"},
		// quotes kept by list-form `- KEY="value"`, for every type
		{"compression.type", `"gzip"`, false, "quotes are part of the value"},
		{"log.cleanup.policy", `"compact"`, false, "quotes are part of the value"},
		{"advertised.listeners", `"PLAINTEXT://kafka:9092"`, false, "quotes are part of the value"},
		{"ssl.endpoint.identification.algorithm", `""`, false, "empty value"},
		{"authorizer.class.name", `'org.apache.kafka.metadata.authorizer.StandardAuthorizer'`, false, "quotes"},
		{"ssl.endpoint.identification.algorithm", "", true, ""},
		{"log.dirs", `/var/lib/"kafka"`, true, ""},
		{"message.max.bytes", `'1048588'`, false, "quotes"},
		{"unclean.leader.election.enable", `"false"`, false, "quotes"},
		{"unclean.leader.election.enable", "false # keep replicas in sync", false, "no end-of-line comments"},
		{"listeners", "PLAINTEXT://:9092 # internal", true, ""}, // a string: nothing to reject
	}
	for _, tt := range tests {
		p, ok := c.Broker(tt.key)
		if !ok {
			t.Fatalf("%s missing", tt.key)
		}
		err := p.Check(tt.value)
		if (err == nil) != tt.ok {
			t.Errorf("Check(%s=%q) = %v, want ok=%v", tt.key, tt.value, err, tt.ok)
			continue
		}
		if err != nil {
			var ve *ValueError
			if !errors.As(err, &ve) || !strings.Contains(err.Error(), tt.hint) {
				t.Errorf("Check(%s=%q) = %v, want a ValueError mentioning %q", tt.key, tt.value, err, tt.hint)
			}
		}
	}
	topic, _ := c.Topic("cleanup.policy")
	if topic.Check("compact") != nil || topic.Check("archive") == nil {
		t.Error("topic cleanup.policy check")
	}
}

func TestParseCatalogErrors(t *testing.T) {
	t.Parallel()
	const header = "name\ttype\tdefault\timportance\tscope\ttopic_name\tunit\tremoved_or_deprecated\tvalid_values\tupdate_mode\tmode\tsince\tdefault_changes\tdefault_4_0\tnotes\n"
	tests := map[string]string{
		"no header":       "# only comments\n",
		"missing column":  "name\ttype\nx\tint\n",
		"duplicate":       header + "a\tint\t1\thigh\tbroker\n" + "a\tint\t1\thigh\tbroker\n",
		"bad type":        header + "a\tinteger\t1\thigh\tbroker\n",
		"bad scope":       header + "a\tint\t1\thigh\ttopic\n",
		"bad factor":      header + "a\tint\t1\thigh\tbroker+topic\tretention.ms (xabc)\n",
		"too many fields": header + "a\tint\t1\thigh\tbroker" + strings.Repeat("\tx", 20) + "\n",
	}
	for name, broker := range tests {
		if _, err := ParseCatalog(broker, topicTSV); err == nil {
			t.Errorf("%s: ParseCatalog accepted it", name)
		}
	}
	if _, err := ParseCatalog(brokerTSV, "name\n"); err == nil {
		t.Error("topic catalog without columns accepted")
	}
}

// BenchmarkParseCatalog measures the one-time cost LoadCatalog pays on
// first use.
func BenchmarkParseCatalog(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ParseCatalog(brokerTSV, topicTSV); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSuggest(b *testing.B) {
	c := mustLoadCatalog()
	b.ReportAllocs()
	for b.Loop() {
		c.Suggest("replica.fetch.max.byes")
	}
}
