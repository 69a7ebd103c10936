package live_test

import (
	"context"
	"slices"
	"sort"
	"strconv"
	"testing"

	"github.com/streamlint/streamlint/checker/live"
	"github.com/streamlint/streamlint/checker/model"
)

// kafka37 is what a Kafka 3.7 KRaft node (broker and controller) answers
// to DescribeConfigs for the settings the rules read, as its
// server.properties and defaults give them: a single-host development
// cluster whose nodes advertise localhost. kfake reports only a few broker
// settings (no num.partitions, auto.create.topics.enable, listeners or
// replication factors of the internal topics), so this stub stands for a
// real broker.
func kafka37(node int32) []live.ConfigEntry {
	static := func(k, v string) live.ConfigEntry {
		return live.ConfigEntry{Key: k, Value: &v, Source: "static-broker-config"}
	}
	def := func(k, v string) live.ConfigEntry { return live.ConfigEntry{Key: k, Value: &v, Source: "default"} }
	port := strconv.Itoa(9092 + int(node))
	return []live.ConfigEntry{
		static("process.roles", "broker,controller"),
		static("node.id", strconv.Itoa(int(node))),
		static("broker.id", strconv.Itoa(int(node))),
		static("controller.quorum.voters", "1@localhost:19093,2@localhost:19094,3@localhost:19095"),
		static("listeners", "PLAINTEXT://:"+port+",CONTROLLER://:1"+strconv.Itoa(9092+int(node))),
		static("advertised.listeners", "PLAINTEXT://localhost:"+port),
		static("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT,SSL:SSL,SASL_PLAINTEXT:SASL_PLAINTEXT,SASL_SSL:SASL_SSL"),
		static("controller.listener.names", "CONTROLLER"),
		static("log.dirs", "/tmp/kraft-combined-logs"),
		static("num.partitions", "1"),
		static("offsets.topic.replication.factor", "1"),
		static("transaction.state.log.replication.factor", "1"),
		static("transaction.state.log.min.isr", "1"),
		static("log.retention.hours", "168"),
		{Key: "log.retention.minutes", Source: "default"}, // null: hours decide
		{Key: "log.retention.ms", Source: "default"},
		static("log.segment.bytes", "1073741824"),
		static("log.retention.check.interval.ms", "300000"),
		def("log.retention.bytes", "-1"),
		def("default.replication.factor", "1"),
		def("min.insync.replicas", "1"),
		def("auto.create.topics.enable", "true"),
		def("unclean.leader.election.enable", "false"),
		def("message.max.bytes", "1048588"),
		def("replica.fetch.max.bytes", "1048576"),
		static("socket.request.max.bytes", "104857600"),
		def("log.roll.hours", "168"),
		{Key: "log.roll.ms", Source: "default"},
		{Key: "ssl.keystore.password", Source: "static-broker-config", Sensitive: true},
		{Key: "listener.name.plaintext.plain.sasl.jaas.config", Source: "static-broker-config", Sensitive: true},
	}
}

// TestRulesOnARunningCluster runs every built-in rule on a running
// three-node cluster with Kafka's defaults and checks which fire: the
// rules that judge effective values (retention bound, partitions,
// replication, auto-creation), not those that judge how a repository
// wires brokers (listeners, quorum, images, explicit retention), which
// are custom.scope repository. It also checks that those rules do fire
// on the same model when nothing filters them, so the test shows the
// scope at work and not missing data.
func TestRulesOnARunningCluster(t *testing.T) {
	snap := &live.Snapshot{Bootstrap: []string{"localhost:9093"}, ClusterID: "q1Sh-9_ISia_zwGINzRvyQ", Controller: 1}
	for id := int32(1); id <= 3; id++ {
		snap.Brokers = append(snap.Brokers, live.BrokerInfo{NodeID: id, Host: "localhost", Port: 9092 + id, Config: kafka37(id)})
	}
	v := func(s string) *string { return &s }
	snap.Topics = []live.TopicInfo{{
		Name: "transactions",
		Partitions: []live.PartitionInfo{
			{Partition: 0, Leader: 1, Replicas: []int32{1}, ISR: []int32{1}, SizeBytes: 1 << 20, LogStart: 0, End: 10_000},
		},
		Config: []live.ConfigEntry{
			{Key: "retention.bytes", Value: v("-1"), Source: "default"},
			{Key: "retention.ms", Value: v("604800000"), Source: "default"},
		},
	}, {
		Name: "__consumer_offsets", Internal: true,
		Partitions: []live.PartitionInfo{{Partition: 0, Leader: 1, Replicas: []int32{1}, ISR: []int32{1}}},
	}}
	p := live.Build(snap, nil, model.DefaultParams(), "prod")
	l, opts := newLinter(t, repoRoot(), model.DefaultParams())
	found, errs, err := l.Check(context.Background(), p, opts)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range errs {
		t.Errorf("a rule failed on the running cluster: %s", e.Message)
	}
	fired := map[string]bool{}
	for _, f := range found {
		fired[f.RuleID] = true
		if !f.IsURI() {
			t.Errorf("%s at %s: not a kafka:// location", f.RuleID, f.Location)
		}
	}
	want := []string{"KAF002", "KAF005", "KAF006", "KAF015"}
	if got := keys(fired); !slices.Equal(got, want) {
		t.Errorf("rules fired on the running cluster: %v, want %v", got, want)
	}

	eng, err := builtinEngine()
	if err != nil {
		t.Fatal(err)
	}
	raw, err := eng.Eval(context.Background(), p)
	if err != nil {
		t.Fatal(err)
	}
	unfiltered := map[string]bool{}
	for _, r := range raw {
		unfiltered[r.RuleID] = true
		t.Logf("unfiltered %s: %s", r.RuleID, r.Message)
	}
	scoped := 0
	for _, r := range l.Rules() {
		if r.Scope != "repository" || !unfiltered[r.ID] {
			continue
		}
		scoped++
		if fired[r.ID] {
			t.Errorf("%s (custom.scope repository) reported on a running cluster", r.ID)
		}
	}
	if scoped == 0 {
		t.Error("no repository-scoped rule fires on the unfiltered model: the test no longer shows the scope at work")
	}
}

func keys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
