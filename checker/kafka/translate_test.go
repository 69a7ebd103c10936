package kafka

import (
	"reflect"
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
	if !ok || !reflect.DeepEqual(p, want) {
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

	cat := mustLoadCatalog()
	mmb, _ := tr.Property("max.message.bytes")
	if cat.KnownBroker(mmb.Key) || !topicOnly(cat, mmb.Key) {
		t.Errorf("max.message.bytes must be a topic-only key")
	}
	if got := cat.BrokerSynonymOfTopic(mmb.Key); got != "message.max.bytes" {
		t.Errorf("BrokerSynonymOfTopic = %q", got)
	}
	if got := envNameFor(img.Family, cat.BrokerSynonymOfTopic(mmb.Key)); got != "KAFKA_MESSAGE_MAX_BYTES" {
		t.Errorf("remediation variable = %q", got)
	}
	for _, p := range tr.Properties {
		if p.Key != "max.message.bytes" && !cat.KnownBroker(p.Key) {
			t.Errorf("%s unknown to the catalog", p.Key)
		}
	}

	// cp-kafka ships no RF baseline: offsets RF stays Kafka's default 3.
	base := PackagedDefaults(img, tr, false)
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
		_ = PackagedDefaults(img, tr, pick&0x40 != 0)
	})
}
