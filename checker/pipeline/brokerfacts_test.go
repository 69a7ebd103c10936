package pipeline

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/streamlint/streamlint/checker/discover"
	"github.com/streamlint/streamlint/checker/kafka"
	"github.com/streamlint/streamlint/checker/model"
	"github.com/streamlint/streamlint/policies"
)

// buildWith builds the one pipeline of a directory holding a compose file,
// with the given builder options (KAF014, KAF017, KAF018 facts).
func buildWith(t *testing.T, opts Options, compose string) *model.Pipeline {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "compose.yaml"), []byte(compose), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := discover.Discover(context.Background(), []string{dir}, discover.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Groups) != 1 {
		t.Fatalf("want one pipeline, got %d", len(res.Groups))
	}
	opts.Params = model.DefaultParams()
	b, err := NewBuilder(opts)
	if err != nil {
		t.Fatal(err)
	}
	r := b.Build(context.Background(), res.Groups[0])
	if len(r.Errors) > 0 {
		t.Fatalf("build errors: %+v", r.Errors)
	}
	return r.Pipeline
}

const latestApacheCompose = `services:
  kafka:
    image: apache/kafka:latest
    hostname: kafka-1
    deploy:
      resources:
        limits:
          memory: 1g
    environment:
      KAFKA_PROCESS_ROLES: broker,controller
      KAFKA_NODE_ID: 1
      KAFKA_ADVERTISED_HOST_NAME: kafka
      KAFKA_ZOOKEEPER_CONNECT: zookeeper:2181
`

func property(t *testing.T, b model.Broker, key string) model.Property {
	t.Helper()
	for _, p := range b.Properties {
		if p.Key == key {
			return p
		}
	}
	t.Fatalf("broker %s has no property %s", b.Service, key)
	return model.Property{}
}

// An image tag that names no version (latest, build:) gives no version
// facts; the config file's versions: (Options.KafkaVersion) supplies one.
func TestVersionFactsNeedAVersion(t *testing.T) {
	p := buildWith(t, Options{}, latestApacheCompose)
	b := p.Brokers[0]
	if b.KafkaVersion != "" || b.KafkaVersionFrom != "" {
		t.Fatalf("kafka_version = %q (%q) for the latest tag", b.KafkaVersion, b.KafkaVersionFrom)
	}
	if got := property(t, b, "advertised.host.name"); got.RemovedIn != "" || !got.ZooKeeper {
		t.Errorf("advertised.host.name without a version: %+v", got)
	}

	p = buildWith(t, Options{KafkaVersion: "3.9"}, latestApacheCompose)
	b = p.Brokers[0]
	if b.KafkaVersion != "3.9" || b.KafkaVersionFrom != "config" {
		t.Fatalf("kafka_version = %q (%q), want the configured 3.9", b.KafkaVersion, b.KafkaVersionFrom)
	}
	if got := property(t, b, "advertised.host.name"); got.RemovedIn != "3.0" {
		t.Errorf("advertised.host.name on 3.9: removed_in = %q, want 3.0", got.RemovedIn)
	}
	if got := property(t, b, "zookeeper.connect"); got.RemovedIn != "" || !got.ZooKeeper {
		t.Errorf("zookeeper.connect on 3.9: %+v", got)
	}

	// A tag that names the version wins over the configuration.
	p = buildWith(t, Options{KafkaVersion: "4.0"}, strings.Replace(latestApacheCompose, "apache/kafka:latest", "apache/kafka:3.8.0", 1))
	if b := p.Brokers[0]; b.KafkaVersion != "3.8" || b.KafkaVersionFrom != "tag" {
		t.Errorf("tagged image: kafka_version = %q (%q), want 3.8 from the tag", b.KafkaVersion, b.KafkaVersionFrom)
	}

	p = buildWith(t, Options{KafkaVersion: "4.0"}, latestApacheCompose)
	if got := property(t, p.Brokers[0], "zookeeper.connect"); got.RemovedIn != "4.0" {
		t.Errorf("zookeeper.connect on 4.0: removed_in = %q, want 4.0", got.RemovedIn)
	}
}

// The broker's service carries the container limit (mem_limit or
// deploy.resources.limits.memory) and its hostname.
func TestBrokerServiceFacts(t *testing.T) {
	p := buildWith(t, Options{}, latestApacheCompose)
	var svc *model.Service
	for i := range p.Services {
		if p.Services[i].Name == "kafka" {
			svc = &p.Services[i]
		}
	}
	if svc == nil {
		t.Fatal("no kafka service")
	}
	if svc.Hostname != "kafka-1" {
		t.Errorf("hostname = %q", svc.Hostname)
	}
	if svc.MemLimit == nil || svc.MemLimit.Num == nil || *svc.MemLimit.Num != 1<<30 || svc.MemLimit.Loc == nil || svc.MemLimit.Loc.Line != 8 {
		t.Errorf("mem_limit = %+v", svc.MemLimit)
	}
	if h := p.Brokers[0].Heap; h.Num == nil || *h.Num != 1<<30 || h.Set {
		t.Errorf("default heap = %+v", h)
	}
}

// TestUnreadEnvFileIsUnknown: a broker whose env_file is missing (a
// gitignored .env) may set any key there, so every key, the heap and the
// cluster id that the compose file does not set are unknown, as an unset
// ${VAR} is; what the compose file sets keeps its value. The same for a
// Spark worker's memory and cores.
func TestUnreadEnvFileIsUnknown(t *testing.T) {
	t.Parallel()
	p := buildWith(t, Options{}, `services:
  kafka:
    image: confluentinc/cp-kafka:7.6.1
    env_file: [.env]
    environment:
      KAFKA_NUM_PARTITIONS: 1
  spark-worker:
    image: bitnami/spark:3.5
    env_file: [.env]
    environment:
      SPARK_MODE: worker
      SPARK_WORKER_CORES: 2
`)
	if len(p.Workers) != 1 {
		t.Fatalf("want one worker, got %d", len(p.Workers))
	}
	if w := p.Workers[0]; !w.MemoryBytes.Unresolved || w.Cores.Unresolved || w.Cores.Value != "2" {
		t.Errorf("worker memory %+v, cores %+v: want the memory unknown, the cores 2", w.MemoryBytes, w.Cores)
	}
	if len(p.Brokers) != 1 {
		t.Fatalf("want one broker, got %d", len(p.Brokers))
	}
	b := p.Brokers[0]
	for _, tt := range []struct {
		what       string
		v          model.Value
		unresolved bool
		value      string
	}{
		{"num.partitions", b.Config["num.partitions"], false, "1"},
		{"log.retention.hours", b.Config["log.retention.hours"], true, ""},
		{"auto.create.topics.enable", b.Config["auto.create.topics.enable"], true, ""},
		{"default.replication.factor", b.Config["default.replication.factor"], true, ""},
		{"log.dirs", b.Config["log.dirs"], true, ""},
		{"heap", b.Heap, true, ""},
		{"cluster id", b.ClusterID, true, ""},
	} {
		if tt.v.Unresolved != tt.unresolved || (tt.value != "" && tt.v.Value != tt.value) {
			t.Errorf("%s: %+v, want unresolved=%v value %q", tt.what, tt.v, tt.unresolved, tt.value)
		}
		if tt.unresolved && (!tt.v.Set || tt.v.Loc == nil || tt.v.Loc.Line != 4) {
			t.Errorf("%s: %+v, want set at the env_file entry (line 4)", tt.what, tt.v)
		}
	}
	if _, ok := b.Config["process.roles"]; ok {
		t.Errorf("process.roles: %+v, want the image's mode (unset)", b.Config["process.roles"])
	}
}

// TestUnknownImagePackaging: an image recognised only by its KAFKA_CFG_*
// names (the repository's own build) is translated as bitnami's, but its
// log directory and the cluster id its entrypoint formats with are its
// own: unknown, not bitnami's /bitnami/kafka/data and random id. A
// recognised bitnami image keeps them.
func TestUnknownImagePackaging(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		image   string
		unknown bool
	}{
		{"example/kafka-kraft:3.4.0", true},
		{"bitnami/kafka:3.7", false},
	} {
		p := buildWith(t, Options{}, "services:\n  kafka:\n    image: "+tt.image+"\n    environment:\n      KAFKA_CFG_NODE_ID: 0\n      KAFKA_CFG_PROCESS_ROLES: broker,controller\n")
		if len(p.Brokers) != 1 {
			t.Fatalf("%s: want one broker, got %d", tt.image, len(p.Brokers))
		}
		b := p.Brokers[0]
		if got := b.Config["log.dirs"].Unresolved; got != tt.unknown {
			t.Errorf("%s: log.dirs %+v, want unresolved=%v", tt.image, b.Config["log.dirs"], tt.unknown)
		}
		if got := b.ClusterID.Unresolved; got != tt.unknown {
			t.Errorf("%s: cluster id %+v, want unresolved=%v", tt.image, b.ClusterID, tt.unknown)
		}
		if !tt.unknown && b.Config["log.dirs"].Value != "/bitnami/kafka/data" {
			t.Errorf("%s: log.dirs %q, want bitnami's", tt.image, b.Config["log.dirs"].Value)
		}
	}
}

// TestIgnoredBitnamiVariableFix: a plain KAFKA_* variable that bitnami
// ignores gets "use KAFKA_CFG_X" only when x is a broker property; the
// JVM's options and a plural of one of bitnami's settings get their own.
func TestIgnoredBitnamiVariableFix(t *testing.T) {
	t.Parallel()
	p := buildWith(t, Options{}, `services:
  kafka:
    image: bitnami/kafka:3.7.0
    environment:
      KAFKA_CFG_PROCESS_ROLES: broker,controller
      KAFKA_LOG_RETENTION_MS: 3600000
      KAFKA_FOO_BAR: 1
      KAFKA_JVM_OPTS: -XX:+UseG1GC
      KAFKA_CLIENT_SASL_MECHANISMS: PLAIN
`)
	reasons := map[string]string{}
	for _, ig := range p.Brokers[0].Ignored {
		reasons[ig.Var] = ig.Reason
	}
	for v, want := range map[string]string{
		"KAFKA_LOG_RETENTION_MS":       "; use KAFKA_CFG_LOG_RETENTION_MS",
		"KAFKA_FOO_BAR":                "; KAFKA_CFG_FOO_BAR would not help either: foo.bar is not a broker property",
		"KAFKA_JVM_OPTS":               "; the JVM takes its options from KAFKA_OPTS, KAFKA_HEAP_OPTS and KAFKA_JVM_PERFORMANCE_OPTS (kafka-run-class.sh)",
		"KAFKA_CLIENT_SASL_MECHANISMS": "; did you mean KAFKA_CLIENT_SASL_MECHANISM, one of bitnami's own settings?",
	} {
		if !strings.HasSuffix(reasons[v], want) {
			t.Errorf("%s: reason %q, want it to end with %q", v, reasons[v], want)
		}
	}
}

// TestClusterIDFormat: kafka-storage format takes a base64 UUID (Kafka's
// Uuid.fromString); anything else is marked invalid for KAF020.
func TestClusterIDFormat(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		id    string
		valid bool
	}{
		{"MkU3OEVBNTcwNTJENDM2Qk", true},
		{"4L6g3nShT-eMCtK--X86sw", true},
		{"4L6g3nShT-eMCtK--X86sw==", true},
		{"kraft-cluster", false},
		{"3f2504e0-4f89-11d3-9a0c-0305e82c3301", false}, // a UUID's text form
		{"MkU3OEVBNTcwNTJENDM2Q", false},                // 15 bytes
		{"MkU3OEVBNTcwNTJENDM2Qk+/", false},             // not URL-safe
	} {
		if got := validClusterID(tt.id); got != tt.valid {
			t.Errorf("validClusterID(%q) = %v, want %v", tt.id, got, tt.valid)
		}
	}
}

// TestReadKeysCoverThePolicies: every broker property a built-in policy
// names is in effectiveKeys or readKeys, so that an unread env_file makes
// each of them unknown (unknownFromUnreadEnvFile).
func TestReadKeysCoverThePolicies(t *testing.T) {
	t.Parallel()
	cat, err := kafka.LoadCatalog()
	if err != nil {
		t.Fatal(err)
	}
	covered := map[string]bool{}
	for _, k := range append(slices.Clone(effectiveKeys), readKeys...) {
		covered[k] = true
	}
	literal := regexp.MustCompile(`"([a-z][a-z0-9]*(?:\.[a-z0-9]+)*)"`)
	err = fs.WalkDir(policies.FS, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".rego") || strings.HasSuffix(path, "_test.rego") {
			return err
		}
		src, err := fs.ReadFile(policies.FS, path)
		if err != nil {
			return err
		}
		for _, m := range literal.FindAllStringSubmatch(string(src), -1) {
			if _, ok := cat.Broker(m[1]); ok && !covered[m[1]] && m[1] != "process.roles" {
				t.Errorf("%s names broker property %s, which is in neither effectiveKeys nor readKeys", path, m[1])
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestUnknownImageArchiveKeys: the keys the archive's server.properties
// sets (offsets.topic.replication.factor=1 there, 3 in Kafka's code) are
// unknown for a local build and for an image streamlint does not know,
// whatever its names (obsidiandynamics/kafka uses KAFKA_X_Y names and its
// own packaging); KAFKA_X_Y names on an image named by an unset variable
// (apache/kafka's examples: image: ${IMAGE}) keep Kafka's defaults, as
// cp-kafka and apache/kafka configured by their environment do.
func TestUnknownImageArchiveKeys(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name, service string
		unknown       bool
	}{
		{"wurstmeister names on an unknown image", "    image: example/kafka:1\n    environment:\n      KAFKA_ADVERTISED_HOST_NAME: kafka\n      KAFKA_ZOOKEEPER_CONNECT: zk:2181\n", true},
		{"cp-kafka names on an unknown image", "    image: example/kafka:1\n    environment:\n      KAFKA_ZOOKEEPER_CONNECT: zk:2181\n", true},
		{"cp-kafka names on an image from an unset variable", "    image: ${IMAGE}\n    environment:\n      KAFKA_ZOOKEEPER_CONNECT: zk:2181\n", false},
		{"cp-kafka names on a local build", "    build: ./kafka-docker\n    environment:\n      KAFKA_ZOOKEEPER_CONNECT: zk:2181\n", true},
	} {
		p := buildWith(t, Options{}, "services:\n  kafka:\n"+tt.service)
		if len(p.Brokers) != 1 {
			t.Fatalf("%s: want one broker, got %d", tt.name, len(p.Brokers))
		}
		v := p.Brokers[0].Config["offsets.topic.replication.factor"]
		if v.Unresolved != tt.unknown {
			t.Errorf("%s: offsets.topic.replication.factor %+v, want unresolved=%v", tt.name, v, tt.unknown)
		}
	}
}

// TestClusterIDJudgedOnKnownImages: cp-kafka formats its storage with
// CLUSTER_ID, so a name there is invalid up to Kafka 3.6 (cp-kafka 7.6);
// from Kafka 3.7 kafka-storage format takes any string (apache/kafka
// 3.9.0 starts with one), and a local build's own entrypoint decides what
// the variable means, so neither value is judged.
func TestClusterIDJudgedOnKnownImages(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		service string
		invalid bool
	}{
		{"    image: confluentinc/cp-kafka:7.6.1\n", true},
		{"    image: confluentinc/cp-kafka:7.7.0\n", false},
		{"    image: apache/kafka:3.9.0\n", false},
		{"    image: apache/kafka:latest\n", false},
		{"    build: ./kafka\n", false},
	} {
		p := buildWith(t, Options{}, "services:\n  kafka:\n"+tt.service+"    environment:\n      KAFKA_PROCESS_ROLES: broker,controller\n      KAFKA_NODE_ID: 1\n      CLUSTER_ID: kraft-cluster\n")
		if got := p.Brokers[0].ClusterID.Invalid != ""; got != tt.invalid {
			t.Errorf("%q: cluster id %+v, want invalid=%v", tt.service, p.Brokers[0].ClusterID, tt.invalid)
		}
	}
}
