package lint_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/streamlint/streamlint/checker/discover"
	"github.com/streamlint/streamlint/checker/kafka"
	"github.com/streamlint/streamlint/checker/lint"
	"github.com/streamlint/streamlint/checker/model"
	"github.com/streamlint/streamlint/checker/pipeline"
	"github.com/streamlint/streamlint/checker/spark"
)

// The false-positive tests: a correct file must never
// be reported as an unknown, misplaced or invalid setting. They write every
// current catalog key, with a valid value, the way each image (or
// spark-defaults.conf) expects it, run the whole linter, and fail on any
// finding of the rules that judge names and values.

// fpImages are the images whose env conventions the Kafka test goes
// through, with the tags people use.
var fpImages = []string{
	"confluentinc/cp-kafka:7.6.1",        // Kafka 3.6, Jinja template
	"confluentinc/cp-kafka:8.0.0",        // Kafka 4.0
	"confluentinc/cp-server:7.6.1",       // Confluent Server
	"confluentinc/confluent-local:7.6.1", // confluent-local
	"apache/kafka:3.8.0",                 // removes every KAFKA_ from the name
	"apache/kafka:4.0.0",                 // removes only the first KAFKA_
	"bitnami/kafka:3.7",                  // KAFKA_CFG_*
	"wurstmeister/kafka:2.13-2.8.1",      // ZooKeeper-era image
	"debezium/kafka:2.7",                 // NODE_ID, KAFKA_* with dots
}

// fpHelpers are image helper variables that real compose files set next
// to the properties; they must never be reported as unknown properties.
var fpHelpers = map[kafka.Family][][2]string{
	kafka.FamilyConfluent: {
		{"KAFKA_HEAP_OPTS", "-Xms1g -Xmx1g"}, {"KAFKA_JMX_PORT", "9101"}, {"KAFKA_JMX_HOSTNAME", "localhost"},
		{"KAFKA_LOG4J_ROOT_LOGLEVEL", "WARN"}, {"KAFKA_LOG4J_LOGGERS", "kafka.controller=INFO"},
		{"KAFKA_TOOLS_LOG4J_LOGLEVEL", "ERROR"}, {"KAFKA_OPTS", "-Dfoo=bar"}, {"CLUSTER_ID", "MkU3OEVBNTcwNTJENDM2Qk"},
		{"KAFKA_CONFLUENT_SUPPORT_METRICS_ENABLE", "false"}, {"KAFKA_CONFLUENT_BALANCER_TOPIC_REPLICATION_FACTOR", "1"},
	},
	kafka.FamilyConfluentLocal: {
		{"KAFKA_HEAP_OPTS", "-Xms512m -Xmx512m"}, {"KAFKA_REST_HOST_NAME", "rest-proxy"}, {"CLUSTER_ID", "MkU3OEVBNTcwNTJENDM2Qk"},
	},
	kafka.FamilyApache: {
		{"KAFKA_HEAP_OPTS", "-Xms1g -Xmx1g"}, {"KAFKA_OPTS", "-Dfoo=bar"}, {"KAFKA_LOG4J_OPTS", "-Dlog4j.configuration=file:/etc/log4j.properties"},
		{"CLUSTER_ID", "4L6g3nShT-eMCtK--X86sw"},
	},
	kafka.FamilyBitnami: {
		{"KAFKA_HEAP_OPTS", "-Xms1g -Xmx1g"}, {"ALLOW_PLAINTEXT_LISTENER", "yes"}, {"KAFKA_KRAFT_CLUSTER_ID", "abcdefghijklmnopqrstuv"},
		{"KAFKA_CLIENT_USERS", "user"}, {"KAFKA_CLIENT_LISTENER_NAME", "CLIENT"}, {"BITNAMI_DEBUG", "false"},
		{"KAFKA_ENABLE_KRAFT", "yes"}, {"KAFKA_TLS_TYPE", "JKS"},
	},
	kafka.FamilyWurstmeister: {
		{"KAFKA_HEAP_OPTS", "-Xms1g -Xmx1g"}, {"KAFKA_CREATE_TOPICS", "events:3:1"}, {"HOSTNAME_COMMAND", "hostname -i"},
		{"KAFKA_JMX_OPTS", "-Dcom.sun.management.jmxremote"}, {"JMX_PORT", "9999"},
	},
	kafka.FamilyDebezium: {
		{"HEAP_OPTS", "-Xms1g -Xmx1g"}, {"CLUSTER_ID", "5Yr1SIgYQz-b-dgRabWx4g"}, {"NODE_ROLE", "combined"},
		{"CREATE_TOPICS", "events:3:1"},
	},
}

// fpExtraBrokerKeys are valid broker keys the catalog does not list row by
// row: per-listener overrides and remote storage plugin settings.
var fpExtraBrokerKeys = [][2]string{
	{"listener.name.internal.ssl.keystore.location", "/etc/kafka/secrets/internal.keystore.jks"},
	{"listener.name.controller.ssl.client.auth", "required"},
	{"listener.name.sasl_plaintext.plain.sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required;"},
	{"listener.name.client.scram-sha-256.sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required;"},
	{"listener.name.external.connections.max.reauth.ms", "3600000"},
	{"rsm.config.dir", "/tmp/remote"},
	{"rlmm.config.remote.log.metadata.topic.num.partitions", "10"},
}

// brokerValue returns a value Kafka accepts for p, without '=' (debezium
// would make it part of the key) or '$' (compose would interpolate it).
func brokerValue(p kafka.Property) string {
	usable := func(v string) bool {
		return v != "" && !strings.ContainsAny(v, "=$\"'") && p.Check(v) == nil
	}
	if d := p.Default; d != "null" && usable(d) {
		return d
	}
	var cands []string
	name := p.Name
	switch {
	case name == "listeners":
		cands = []string{"PLAINTEXT://:9092,CONTROLLER://:9093"}
	case name == "advertised.listeners":
		cands = []string{"PLAINTEXT://kafka:9092"}
	case strings.HasSuffix(name, "quorum.voters"):
		cands = []string{"1@kafka:9093"}
	case strings.HasSuffix(name, "bootstrap.servers"):
		cands = []string{"kafka:9093"}
	case name == "zookeeper.connect":
		cands = []string{"zookeeper:2181"}
	case name == "process.roles":
		cands = []string{"broker,controller"}
	case strings.HasSuffix(name, "listener.names") || strings.HasSuffix(name, "listener.name"):
		cands = []string{"CONTROLLER"}
	case name == "listener.security.protocol.map":
		cands = []string{"PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"}
	case strings.Contains(name, "dir"):
		cands = []string{"/var/lib/kafka/data"}
	case strings.Contains(name, "location") || strings.HasSuffix(name, ".path"):
		cands = []string{"/etc/kafka/secrets/kafka.jks"}
	case strings.Contains(name, ".url"):
		cands = []string{"https://auth.example.com/keys"}
	case strings.HasSuffix(name, "jaas.config"):
		cands = []string{"org.apache.kafka.common.security.plain.PlainLoginModule required;"}
	case p.Type == "class" || strings.HasSuffix(name, ".class") || strings.HasSuffix(name, "class.name"):
		cands = []string{"org.example.kafka.CustomPlugin"}
	}
	switch p.Type {
	case "int", "short", "long":
		cands = append(cands, "1", "0", "-1", "10", "1000", "1048576", "60000")
	case "double":
		cands = append(cands, "0.5", "1.0", "0.0", "10.0")
	case "boolean":
		cands = append(cands, "true")
	case "password":
		cands = append(cands, "changeit")
	}
	if vals := enumValues(p.ValidValues); len(vals) > 0 {
		cands = append(cands, vals...)
	}
	cands = append(cands, "example", "3.6")
	for _, c := range cands {
		if usable(c) {
			return c
		}
	}
	return ""
}

// enumValues reads "[a, b, c]" from a catalog valid_values text.
func enumValues(spec string) []string {
	spec = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(spec), "(case insensitive)"))
	inner, ok := strings.CutPrefix(spec, "[")
	if !ok {
		return nil
	}
	inner, _, _ = strings.Cut(inner, "]")
	var out []string
	for v := range strings.SplitSeq(inner, ",") {
		if v = strings.TrimSpace(v); v != "" && v != "..." {
			out = append(out, v)
		}
	}
	return out
}

// yamlQuote writes s as a single-quoted YAML scalar, with compose's $
// escaped.
func yamlQuote(s string) string {
	return "'" + strings.ReplaceAll(strings.ReplaceAll(s, "'", "''"), "$", "$$") + "'"
}

// buildModel builds the pipeline model of dir, for checks on the facts the
// rules judge (independent of which rules have landed).
func buildModel(t *testing.T, dir string) *model.Pipeline {
	t.Helper()
	disc, err := discover.Discover(context.Background(), []string{dir}, discover.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(disc.Groups) != 1 {
		t.Fatalf("%d pipelines in %s", len(disc.Groups), dir)
	}
	b, err := pipeline.NewBuilder(pipeline.Options{Params: model.DefaultParams(), Profile: "prod", Display: lint.DisplayFunc(dir)})
	if err != nil {
		t.Fatal(err)
	}
	return b.Build(context.Background(), disc.Groups[0]).Pipeline
}

type fpVar struct {
	name, value, property string
	line                  int
}

// TestNoFalseAlarmsOnEveryBrokerProperty sets every broker property the
// image's Kafka version accepts through the image's convention and expects
// no KAF009 (misplaced), KAF010 (unknown) or KAF011 (invalid value).
func TestNoFalseAlarmsOnEveryBrokerProperty(t *testing.T) {
	cat, err := kafka.LoadCatalog()
	if err != nil {
		t.Fatal(err)
	}
	for _, ref := range fpImages {
		img := kafka.ParseImage(ref)
		t.Run(strings.NewReplacer("/", "_", ":", "_").Replace(ref), func(t *testing.T) {
			t.Parallel()
			var (
				vars                       []fpVar
				skippedEnv, skippedVersion []string
				skippedValue               []string
				seen                       = map[string]bool{}
			)
			add := func(name, value, property string) {
				if seen[name] {
					return
				}
				seen[name] = true
				vars = append(vars, fpVar{name: name, value: value, property: property})
			}
			for _, name := range cat.BrokerNames() {
				p, _ := cat.Broker(name)
				if p.Removed != "" && (img.KafkaVersion == "" || p.RemovedIn(img.KafkaVersion)) || !availableIn(p, img.KafkaVersion) {
					skippedVersion = append(skippedVersion, name)
					continue
				}
				env := kafka.EnvNameForImage(img, name)
				if env == "" {
					skippedEnv = append(skippedEnv, name)
					continue
				}
				v := brokerValue(p)
				if v == "" {
					skippedValue = append(skippedValue, name)
					continue
				}
				add(env, v, name)
			}
			for _, kv := range fpExtraBrokerKeys {
				if env := kafka.EnvNameForImage(img, kv[0]); env != "" {
					add(env, kv[1], kv[0])
				} else {
					skippedEnv = append(skippedEnv, kv[0])
				}
			}
			for _, kv := range fpHelpers[img.Family] {
				add(kv[0], kv[1], "")
			}

			var b strings.Builder
			b.WriteString("services:\n  kafka:\n    image: " + ref + "\n    environment:\n")
			line := 5
			for i := range vars {
				vars[i].line = line
				fmt.Fprintf(&b, "      %s: %s\n", vars[i].name, yamlQuote(vars[i].value))
				line++
			}
			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, "compose.yaml"), []byte(b.String()), 0o644); err != nil {
				t.Fatal(err)
			}
			// The facts first: every property known, none invalid.
			m := buildModel(t, dir)
			if len(m.Brokers) != 1 {
				t.Fatalf("%d brokers in the model", len(m.Brokers))
			}
			props := map[string]model.Property{}
			for _, p := range m.Brokers[0].Properties {
				props[p.Var] = p
			}
			for _, v := range vars {
				if v.property == "" {
					continue
				}
				p, ok := props[v.name]
				switch {
				case !ok:
					t.Errorf("%s=%q (%s) is not a property of the model", v.name, v.value, v.property)
				case p.Key != v.property:
					t.Errorf("%s becomes %q, want %q", v.name, p.Key, v.property)
				case !p.Known || p.TopicLevel || p.Client:
					t.Errorf("%s (%s): known=%v topic_level=%v client=%v suggestion=%q", v.name, p.Key, p.Known, p.TopicLevel, p.Client, p.Suggestion)
				case p.Invalid != "":
					t.Errorf("%s=%q (%s) judged invalid: %s", v.name, v.value, p.Key, p.Invalid)
				}
			}
			for _, ig := range m.Brokers[0].Ignored {
				t.Errorf("%s reported as ignored: %s", ig.Var, ig.Reason)
			}
			for _, rj := range m.Brokers[0].Rejected {
				t.Errorf("%s reported as rejected: %s", rj.Var, rj.Reason)
			}

			_, rep := runDir(t, dir)
			for _, e := range rep.Errors {
				t.Errorf("load error: %+v", e)
			}
			byLine := map[int]fpVar{}
			for _, v := range vars {
				byLine[v.line] = v
			}
			counts := map[string]int{}
			for _, f := range rep.Findings {
				switch f.RuleID {
				case "KAF009", "KAF010", "KAF011":
				default:
					continue
				}
				counts[f.RuleID]++
				v, ok := byLine[f.Line]
				if !ok {
					t.Errorf("%s at %s:%d (not a variable line): %s", f.RuleID, f.File, f.Line, f.Message)
					continue
				}
				t.Errorf("false alarm %s on %s=%q (property %q): %s", f.RuleID, v.name, v.value, v.property, f.Message)
			}
			t.Logf("%s (Kafka %q): %d variables set (%d properties); skipped: %d not expressible through the convention, %d removed or not yet in this version, %d without a generated value; findings of the judged rules: %v",
				ref, img.KafkaVersion, len(vars), len(vars)-len(fpHelpers[img.Family]), len(skippedEnv), len(skippedVersion), len(skippedValue), counts)
			if len(skippedEnv) > 0 {
				t.Logf("not expressible on %s: %s", ref, strings.Join(skippedEnv, " "))
			}
			if len(skippedValue) > 0 {
				t.Errorf("no valid value generated for: %s", strings.Join(skippedValue, " "))
			}
			// A sanity floor: the test must really have set most of the catalog.
			if len(vars) < 200 {
				t.Errorf("only %d variables set on %s", len(vars), ref)
			}
		})
	}
}

// fpDynamicKeys is one key of every namespace spark.Catalog.IsDynamic
// accepts, as people really write them.
var fpDynamicKeys = [][2]string{
	{"spark.hadoop.fs.s3a.endpoint", "http://minio:9000"},
	{"spark.hive.metastore.uris", "thrift://metastore:9083"},
	{"spark.executorEnv.PYTHONPATH", "/opt/app"},
	{"spark.sql.catalog.local", "org.apache.iceberg.spark.SparkCatalog"},
	{"spark.driver.resource.gpu.amount", "1"},
	{"spark.executor.resource.gpu.amount", "1"},
	{"spark.task.resource.gpu.amount", "0.25"},
	{"spark.metrics.conf.*.sink.prometheusServlet.class", "org.apache.spark.metrics.sink.PrometheusServlet"},
	{"spark.ssl.enabled", "false"},
	{"spark.kafka.clusters.main.auth.bootstrap.servers", "kafka:9092"},
	{"spark.sql.streaming.stateStore.rocksdb.changelogCheckpointing.enabled", "true"},
	{"spark.kubernetes.namespace", "streaming"},
	{"spark.yarn.queue", "default"},
	{"spark.mesos.coarse", "true"},
	{"spark.executor.uri", "hdfs:///spark/spark-3.5.1-bin-hadoop3.tgz"},
	{"spark.cassandra.connection.host", "cassandra"},
	{"spark.mongodb.read.connection.uri", "mongodb://mongo:27017/db.coll"},
	{"spark.es.nodes", "elasticsearch"},
	{"spark.databricks.delta.retentionDurationCheck.enabled", "false"},
	{"spark.delta.logStore.class", "org.apache.spark.sql.delta.storage.S3SingleDriverLogStore"},
	{"spark.sql.iceberg.handle-timestamp-without-timezone", "true"},
	{"spark.openlineage.transport.type", "http"},
	{"spark.neo4j.url", "bolt://neo4j:7687"},
	{"spark.snowflake.sfURL", "account.snowflakecomputing.com"},
	{"spark.synapse.linkedService", "ls"},
	{"spark.rapids.sql.enabled", "true"},
	{"spark.sql.emr.internal.extensions", "com.amazonaws.emr.spark.EmrSparkSessionExtensions"},
	{"spark.blacklist.decommissioning.timeout", "1h"},
	{"spark.stage.attempt.ignoreOnDecommissionFetchFailure", "true"},
	{"spark.sql.parquet.fs.optimized.committer.optimization-enabled", "true"},
}

// sparkValue returns a value Spark accepts for k.
func sparkValue(k spark.Key) string {
	d := k.Default
	usable := func(v string) bool {
		if v == "" || strings.HasPrefix(v, "<") || strings.ContainsAny(v, "${}\\\n") {
			return false
		}
		if spark.CheckValue(k.Type, k.DefaultUnit, v) != nil {
			return false
		}
		// A memory size without a unit is valid Spark but reported (SPK006).
		if k.Type == "bytes" && strings.Trim(v, "0123456789") == "" {
			return false
		}
		return true
	}
	if usable(d) {
		return d
	}
	var cands []string
	switch k.Type {
	case "bytes":
		cands = []string{"64m", "1g"}
	case "time":
		cands = []string{"30s", "100ms"}
	case "int", "long":
		cands = []string{"1", "10"}
	case "double":
		cands = []string{"0.5"}
	case "boolean":
		cands = []string{"true"}
	default:
		cands = []string{"example"}
	}
	for _, c := range cands {
		if usable(c) {
			return c
		}
	}
	return ""
}

// TestNoFalseAlarmsOnEverySparkKey writes every current Spark key (not
// removed, not a key that never existed) and a key of every dynamic
// namespace into a spark-defaults.conf and expects no SPK004 (unknown
// key) and, as every value is valid for the key's type, no SPK006.
func TestNoFalseAlarmsOnEverySparkKey(t *testing.T) {
	cat, err := spark.LoadCatalog()
	if err != nil {
		t.Fatal(err)
	}
	keys := cat.Keys()
	sort.Slice(keys, func(i, j int) bool { return keys[i].Name < keys[j].Name })
	type entry struct{ key, value string }
	var (
		entries                                  []entry
		removed, never, notSpark, noValue, badNS []string
	)
	for _, k := range keys {
		switch {
		case k.Removed:
			removed = append(removed, k.Name)
			continue
		case k.NeverExisted:
			never = append(never, k.Name)
			continue
		case !strings.HasPrefix(k.Name, "spark."):
			notSpark = append(notSpark, k.Name)
		}
		v := sparkValue(k)
		if v == "" {
			noValue = append(noValue, k.Name)
			continue
		}
		entries = append(entries, entry{k.Name, v})
	}
	for _, kv := range fpDynamicKeys {
		if !cat.IsDynamic(kv[0]) {
			badNS = append(badNS, kv[0])
		}
		entries = append(entries, entry{kv[0], kv[1]})
	}
	if len(badNS) > 0 {
		t.Errorf("not a dynamic namespace any more (update fpDynamicKeys): %v", badNS)
	}
	// Two channels: spark-defaults.conf, and SparkSession.builder.config
	// in a PySpark job.
	for _, channel := range []string{"spark-defaults.conf", "job.py"} {
		var b strings.Builder
		lineOf := map[int]entry{}
		if channel == "spark-defaults.conf" {
			b.WriteString("# every current Spark key with a valid value\n")
			for i, e := range entries {
				fmt.Fprintf(&b, "%s %s\n", e.key, e.value)
				lineOf[i+2] = e
			}
		} else {
			b.WriteString("from pyspark.sql import SparkSession\n\nspark = (\n    SparkSession.builder.appName(\"every-key\")\n")
			for i, e := range entries {
				fmt.Fprintf(&b, "    .config(%q, %q)\n", e.key, e.value)
				lineOf[i+5] = e
			}
			b.WriteString("    .getOrCreate()\n)\n")
		}
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, channel), []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		m := buildModel(t, dir)
		if len(m.Apps) != 1 {
			t.Fatalf("%s: %d apps in the model", channel, len(m.Apps))
		}
		settings := m.Apps[0].Settings
		for _, e := range entries {
			v, ok := settings[e.key]
			switch {
			case !ok:
				t.Errorf("%s: %s is not a setting of the app", channel, e.key)
			case !v.Known:
				t.Errorf("%s: %s not known (suggestion %q)", channel, e.key, v.Suggestion)
			case v.Invalid != "":
				t.Errorf("%s: %s=%s judged invalid: %s", channel, e.key, e.value, v.Invalid)
			}
		}

		_, rep := runDir(t, dir)
		for _, e := range rep.Errors {
			t.Errorf("%s: load error: %+v", channel, e)
		}
		counts := map[string]int{}
		for _, f := range rep.Findings {
			if f.RuleID != "SPK004" && f.RuleID != "SPK006" {
				continue
			}
			counts[f.RuleID]++
			e, ok := lineOf[f.Line]
			if !ok {
				t.Errorf("%s at %s:%d: %s", f.RuleID, f.File, f.Line, f.Message)
				continue
			}
			t.Errorf("false alarm %s in %s on %s=%s: %s", f.RuleID, channel, e.key, e.value, f.Message)
		}
		t.Logf("%s: findings of the judged rules: %v", channel, counts)
	}
	t.Logf("Spark: %d keys written per channel (%d dynamic); skipped %d removed, %d never existed; %d non-spark.* catalog keys written",
		len(entries), len(fpDynamicKeys), len(removed), len(never), len(notSpark))
	if len(noValue) > 0 {
		t.Errorf("no valid value generated for: %v", noValue)
	}
	if len(entries) < 1000 {
		t.Errorf("only %d keys written", len(entries))
	}
}

// TestNoFalseAlarmsInMountedServerProperties writes every property an
// apache/kafka image's version accepts into a server.properties mounted at
// /mnt/shared/config (the image's documented file input), which can express
// the names no env convention can (zookeeper.clientCnxnSocket, kafka.metrics.*
// on 3.x), and expects no KAF009, KAF010 or KAF011.
func TestNoFalseAlarmsInMountedServerProperties(t *testing.T) {
	cat, err := kafka.LoadCatalog()
	if err != nil {
		t.Fatal(err)
	}
	for _, ref := range []string{"apache/kafka:3.8.0", "apache/kafka:4.0.0"} {
		img := kafka.ParseImage(ref)
		t.Run(strings.NewReplacer("/", "_", ":", "_").Replace(ref), func(t *testing.T) {
			t.Parallel()
			var b strings.Builder
			b.WriteString("# every broker property with a valid value\n")
			lineOf := map[int]string{}
			line := 2
			for _, name := range cat.BrokerNames() {
				p, _ := cat.Broker(name)
				if p.RemovedIn(img.KafkaVersion) || !availableIn(p, img.KafkaVersion) {
					continue
				}
				v := brokerValue(p)
				if v == "" {
					t.Errorf("no value for %s", name)
					continue
				}
				fmt.Fprintf(&b, "%s=%s\n", name, v)
				lineOf[line] = name
				line++
			}
			for _, kv := range fpExtraBrokerKeys {
				fmt.Fprintf(&b, "%s=%s\n", kv[0], kv[1])
				lineOf[line] = kv[0]
				line++
			}
			dir := t.TempDir()
			if err := os.MkdirAll(filepath.Join(dir, "kafka-config"), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, "kafka-config", "server.properties"), []byte(b.String()), 0o644); err != nil {
				t.Fatal(err)
			}
			compose := "services:\n  kafka:\n    image: " + ref + "\n    volumes:\n      - ./kafka-config:/mnt/shared/config\n"
			if err := os.WriteFile(filepath.Join(dir, "compose.yaml"), []byte(compose), 0o644); err != nil {
				t.Fatal(err)
			}
			m := buildModel(t, dir)
			if len(m.Brokers) != 1 {
				t.Fatalf("%d brokers in the model", len(m.Brokers))
			}
			if !m.Brokers[0].MountedConfigFound {
				t.Fatal("the mounted server.properties was not found")
			}
			n := 0
			for _, p := range m.Brokers[0].Properties {
				n++
				if !p.Known || p.TopicLevel || p.Client {
					t.Errorf("%s: known=%v topic_level=%v client=%v suggestion=%q", p.Key, p.Known, p.TopicLevel, p.Client, p.Suggestion)
				}
				if p.Invalid != "" {
					t.Errorf("%s=%q judged invalid: %s", p.Key, p.Value, p.Invalid)
				}
			}
			if n != len(lineOf) {
				t.Errorf("%d properties in the model, %d written", n, len(lineOf))
			}
			_, rep := runDir(t, dir)
			for _, e := range rep.Errors {
				t.Errorf("load error: %+v", e)
			}
			for _, f := range rep.Findings {
				switch f.RuleID {
				case "KAF009", "KAF010", "KAF011":
					t.Errorf("false alarm %s at %s:%d (%s): %s", f.RuleID, f.File, f.Line, lineOf[f.Line], f.Message)
				}
			}
			t.Logf("%s: %d properties in a mounted server.properties", ref, len(lineOf))
		})
	}
}

// availableIn reports whether Kafka version v accepts catalog key p: it
// exists by then (Since, "<=X" meaning since the first documented release)
// and has not been removed; an unknown v accepts every key.
func availableIn(p kafka.Property, v string) bool {
	if v == "" {
		return true
	}
	since := strings.TrimPrefix(p.Since, "<=")
	return !p.RemovedIn(v) && (since == "" || strings.HasPrefix(p.Since, "<=") || kafka.CompareVersions(v, since) >= 0)
}
