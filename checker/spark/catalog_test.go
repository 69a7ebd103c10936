package spark

import (
	"strings"
	"testing"
)

func mustCatalog(t testing.TB) *Catalog {
	t.Helper()
	c, err := LoadCatalog()
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestLoadCatalogShared(t *testing.T) {
	t.Parallel()
	a, b := mustCatalog(t), mustCatalog(t)
	if a != b {
		t.Error("LoadCatalog parsed the catalog twice")
	}
	// 1468 rows, 33 of them Kafka options (kafka.* included), plus the extras
	if got := len(a.rows); got != 1468-33+4 {
		t.Errorf("Len = %d", got)
	}
}

func TestCatalogLookup(t *testing.T) {
	t.Parallel()
	c := mustCatalog(t)
	tests := []struct {
		name  string
		check func(Key) bool
	}{
		{"spark.executor.memory", func(k Key) bool {
			return k.Type == "bytes" && k.Default == "1g" && k.DefaultUnit == "MiB" && k.AppliesTo == "core" && k.Since == "0.7.0"
		}},
		{"spark.network.timeout", func(k Key) bool { return k.Type == "time" && k.DefaultUnit == "s" }},
		{"spark.memory.fraction", func(k Key) bool { return k.Type == "double" && k.Default == "0.6" }},
		{"spark.streaming.backpressure.enabled", func(k Key) bool {
			return k.Type == "boolean" && k.AppliesTo == "dstream" && k.DStreamDeprecated && !k.Deprecated
		}},
		{"spark.streaming.kafka.maxRatePerPartition", func(k Key) bool { return k.Type == "long" && k.Default == "0" }},
		{"spark.streaming.kafka.maxRetries", func(k Key) bool {
			return k.Removed && !k.ErrorsIfSet && strings.Contains(k.Hint, "0.8")
		}},
		{"spark.streaming.kafka.metadata.max.age.ms", func(k Key) bool {
			return k.NeverExisted && k.Replacement == "kafka.metadata.max.age.ms" && strings.Contains(k.Hint, "kafkaParams")
		}},
		{"spark.streaming.kafka.stopGracefullyOnShutdown", func(k Key) bool {
			return k.NeverExisted && k.Replacement == "spark.streaming.stopGracefullyOnShutdown"
		}},
		{"spark.serlizer", func(k Key) bool { return k.NeverExisted && k.Replacement == "spark.serializer" }},
		{"spark.yarn.executor.memoryOverhead", func(k Key) bool {
			return k.Deprecated && k.AliasOf == "spark.executor.memoryOverhead" && k.Replacement == "spark.executor.memoryOverhead"
		}},
		{"spark.sql.kafkaConsumerCache.capacity", func(k Key) bool {
			return k.Deprecated && k.Replacement == "spark.kafka.consumer.cache.capacity"
		}},
		{"spark.shuffle.unsafe.file.output.buffer", func(k Key) bool {
			return k.Deprecated && k.Replacement == "spark.shuffle.localDisk.file.output.buffer" && k.DefaultUnit == "KiB"
		}},
		// an old name Spark still reads (ConfigBuilder withAlternative), not an unused key
		{"spark.blacklist.enabled", func(k Key) bool {
			return k.Deprecated && k.Replacement == "spark.excludeOnFailure.enabled" &&
				k.AliasOf == "spark.excludeOnFailure.enabled" && !strings.Contains(k.Hint, "unused")
		}},
		{"spark.blacklist.timeout", func(k Key) bool {
			return k.Deprecated && k.AliasOf == "spark.excludeOnFailure.timeout" && !strings.Contains(k.Hint, "unused")
		}},
		{"spark.cache.class", func(k Key) bool { return k.Deprecated && strings.Contains(k.Hint, "unused") }},
		{"spark.sql.hive.convertCTAS", func(k Key) bool {
			return k.Replacement == "spark.sql.legacy.createHiveTableByDefault"
		}},
		{"spark.sql.legacy.replaceDatabricksSparkAvro.enabled", func(k Key) bool { return k.Deprecated && k.Replacement == "" }},
		{"spark.cache.class", func(k Key) bool { return k.Deprecated && k.Replacement == "" }},
		{"spark.deploy.spreadOut", func(k Key) bool { return !k.Deprecated && k.AliasOf == "spark.deploy.spreadOutApps" }},
		{"spark.sql.legacy.parquet.int96RebaseModeInRead", func(k Key) bool {
			return k.Removed && k.ErrorsIfSet && k.Replacement == "spark.sql.parquet.int96RebaseModeInRead"
		}},
		{"spark.sql.sources.schemaStringLengthThreshold", func(k Key) bool { return k.Static && k.Internal }},
		{"spark.sql.shuffle.partitions", func(k Key) bool { return k.Type == "int" && k.Default == "200" && !k.Static }},
	}
	for _, tt := range tests {
		k, ok := c.Lookup(tt.name)
		if !ok {
			t.Errorf("Lookup(%s): not found", tt.name)
			continue
		}
		if k.Name != tt.name || !tt.check(k) {
			t.Errorf("Lookup(%s) = %+v", tt.name, k)
		}
	}
	for _, name := range []string{"spark.Executor.memory", "subscribe", "maxOffsetsPerTrigger", "kafka.bootstrap.servers", "spark.hadoop.fs.s3a.endpoint", ""} {
		if _, ok := c.Lookup(name); ok {
			t.Errorf("Lookup(%q) found a key", name)
		}
	}
}

// Every key a spark-submit flag sets is known or dynamic.
func TestSubmitFlagKeysKnown(t *testing.T) {
	t.Parallel()
	c := mustCatalog(t)
	for _, flag := range []string{"--master", "--remote", "--deploy-mode", "--name", "--jars", "--packages", "--exclude-packages",
		"--repositories", "--files", "--py-files", "--archives", "--driver-memory", "--driver-cores", "--driver-java-options",
		"--driver-library-path", "--driver-class-path", "--executor-memory", "--executor-cores", "--total-executor-cores",
		"--num-executors", "--queue", "--principal", "--keytab"} {
		f, ok := submitOption(flag)
		if !ok || f.key == "" {
			t.Errorf("%s: no key", flag)
			continue
		}
		if _, ok := c.Lookup(f.key); !ok && !c.IsDynamic(f.key) {
			t.Errorf("%s sets %s, which the catalog does not know", flag, f.key)
		}
	}
}

func TestCatalogIsDynamic(t *testing.T) {
	t.Parallel()
	c := mustCatalog(t)
	for _, name := range []string{
		"spark.hadoop.fs.s3a.endpoint", "spark.executorEnv.PYSPARK_PYTHON", "spark.sql.catalog.iceberg",
		"spark.sql.catalog.spark_catalog.type", "spark.driver.resource.gpu.amount", "spark.executor.resource.gpu.discoveryScript",
		"spark.task.resource.gpu.amount", "spark.kubernetes.driver.label.app", "spark.kubernetes.container.image",
		"spark.yarn.appMasterEnv.X", "spark.yarn.queue", "spark.kafka.clusters.c1.auth.bootstrap.servers",
		// the Mesos backend's, outside spark.mesos. (Spark: The Definitive
		// Guide's deployment chapter)
		"spark.executor.uri",
		"spark.ssl.enabled", "spark.metrics.conf.*.sink.prometheusServlet.class",
		"spark.sql.streaming.stateStore.rocksdb.compactOnCommit", "spark.cassandra.connection.host",
		"spark.mongodb.read.connection.uri", "spark.es.nodes", "spark.databricks.delta.retentionDurationCheck.enabled",
		"spark.delta.logStore.class", "spark.hive.metastore.uris",
		// read by the Apache Gravitino connector's GravitinoSparkPlugin
		"spark.sql.gravitino.uri", "spark.sql.gravitino.metalake", "spark.sql.gravitino.enableIcebergSupport",
		// Amazon EMR's spark-defaults.conf, copied into images built on
		// the EMR on EKS base image
		"spark.sql.emr.internal.extensions", "spark.blacklist.decommissioning.enabled",
		"spark.blacklist.decommissioning.timeout", "spark.stage.attempt.ignoreOnDecommissionFetchFailure",
		"spark.sql.parquet.fs.optimized.committer.optimization-enabled",
	} {
		if !c.IsDynamic(name) {
			t.Errorf("IsDynamic(%s) = false", name)
		}
	}
	for _, name := range []string{"spark.executor.memory", "spark.hadoopx", "spark.sql.catalogImplementation", "spark.executor.memroy", "hadoop.fs", "spark.sql.gravitinouri", "spark.blacklist.enabled", "spark.sql.parquet.filterPushdown"} {
		if c.IsDynamic(name) {
			t.Errorf("IsDynamic(%s) = true", name)
		}
	}
}

func TestCatalogSuggest(t *testing.T) {
	t.Parallel()
	c := mustCatalog(t)
	tests := map[string]string{
		"spark.executor.memroy":                     "spark.executor.memory", // transposition
		"spark.executer.memory":                     "spark.executor.memory",
		"spark.Executor.memory":                     "spark.executor.memory",
		"spark.executor.memory ":                    "spark.executor.memory", // --conf "k = v"
		"spark.streaming.backpresure.enabled":       "spark.streaming.backpressure.enabled",
		"spark.streaming.kafka.maxRatePerParititon": "spark.streaming.kafka.maxRatePerPartition",
		"spark.serlizer":                            "spark.serializer",
		"spark.sql.shuffle.partition":               "spark.sql.shuffle.partitions",
		"spark.executor.memory":                     "", // known
		"spark.totally.made.up.key":                 "",
		"spark.foo":                                 "",
		"spark.stream.kafka.time.interval":          "",
	}
	for in, want := range tests {
		if got := c.Suggest(in); got != want {
			t.Errorf("Suggest(%q) = %q, want %q", in, got, want)
		}
	}
	// deprecated names are never suggested
	if got := c.Suggest("spark.yarn.executor.memoryOverhed"); got == "spark.yarn.executor.memoryOverhead" {
		t.Errorf("Suggest suggested a deprecated key")
	}
}

func TestOSADistance(t *testing.T) {
	t.Parallel()
	var buf [3][]int
	for _, tt := range []struct {
		a, b  string
		limit int
		want  int
	}{
		{"", "", 3, 0}, {"abc", "abc", 3, 0}, {"abc", "acb", 3, 1}, {"abc", "ab", 3, 1},
		{"kitten", "sitting", 5, 3}, {"kitten", "sitting", 2, 3}, {"ca", "abc", 5, 3}, {"", "abcd", 2, 3},
	} {
		if got := osaDistance(tt.a, tt.b, tt.limit, &buf); got != tt.want {
			t.Errorf("osaDistance(%q, %q, %d) = %d, want %d", tt.a, tt.b, tt.limit, got, tt.want)
		}
	}
}

func TestKafkaSourceOption(t *testing.T) {
	t.Parallel()
	c := mustCatalog(t)
	for _, name := range []string{"subscribe", "subscribePattern", "assign", "startingOffsets", "endingOffsets", "failOnDataLoss",
		"maxOffsetsPerTrigger", "minOffsetsPerTrigger", "maxTriggerDelay", "minPartitions", "kafkaConsumer.pollTimeoutMs",
		"fetchOffset.numRetries", "fetchOffset.retryIntervalMs", "groupIdPrefix", "kafka.group.id", "includeHeaders",
		"startingTimestamp", "startingOffsetsByTimestamp", "startingOffsetsByTimestampStrategy", "endingTimestamp",
		"endingOffsetsByTimestamp", "maxRecordsPerPartition", "kafka.bootstrap.servers", "topic"} {
		o, ok := c.KafkaSourceOption(name)
		if !ok || o.Name != name {
			t.Errorf("KafkaSourceOption(%s) = %+v, %v", name, o, ok)
		}
		if o.RejectedOnSource || o.RejectedOnSink {
			t.Errorf("%s is rejected", name)
		}
	}
	o, ok := c.KafkaSourceOption("MAXOFFSETSPERTRIGGER")
	if !ok || o.Name != "maxOffsetsPerTrigger" || o.Type != "long" {
		t.Errorf("case-insensitive lookup = %+v, %v", o, ok)
	}
	if o, _ := c.KafkaSourceOption("maxTriggerDelay"); o.Type != "time" || o.Default != "15m" || o.DefaultUnit != "ms" {
		t.Errorf("maxTriggerDelay = %+v", o)
	}
	for _, name := range []string{"kafka.auto.offset.reset", "kafka.enable.auto.commit", "kafka.key.deserializer",
		"kafka.value.deserializer", "kafka.interceptor.classes", "KAFKA.AUTO.OFFSET.RESET"} {
		if o, ok := c.KafkaSourceOption(name); !ok || !o.RejectedOnSource || o.RejectedOnSink {
			t.Errorf("%s = %+v, want rejected on the source", name, o)
		}
	}
	for _, name := range []string{"kafka.key.serializer", "kafka.value.serializer"} {
		if o, ok := c.KafkaSourceOption(name); !ok || !o.RejectedOnSink || o.RejectedOnSource {
			t.Errorf("%s = %+v, want rejected on the sink", name, o)
		}
	}
	if o, _ := c.KafkaSourceOption("kafka.group.id"); !o.Warns || !o.PassThrough {
		t.Errorf("kafka.group.id = %+v", o)
	}
	for _, name := range []string{"endingOffsets", "endingTimestamp", "endingOffsetsByTimestamp"} {
		if o, _ := c.KafkaSourceOption(name); !o.BatchOnly {
			t.Errorf("%s is not batch-only", name)
		}
	}
	if o, _ := c.KafkaSourceOption("topic"); !o.SinkOnly {
		t.Errorf("topic is not sink-only")
	}
	if o, ok := c.KafkaSourceOption("kafka.max.poll.records"); !ok || !o.PassThrough || o.Name != "kafka.max.poll.records" || o.RejectedOnSource {
		t.Errorf("kafka.max.poll.records = %+v, %v", o, ok)
	}
	for _, name := range []string{"bootstrap.servers", "auto.offset.reset", "group.id", "max.poll.records", "kafka.", "spark.executor.memory", "kafka.*"} {
		if o, ok := c.KafkaSourceOption(name); ok && name != "kafka.*" {
			t.Errorf("KafkaSourceOption(%s) = %+v, want not an option", name, o)
		}
	}
	if n := len(kafkaSourceOptions(c)); n != 31 {
		t.Errorf("the catalog has %d options, want 31", n)
	}
}

func TestParseCatalogErrors(t *testing.T) {
	t.Parallel()
	const header = "name\ttype\tdefault\tsince_version\tapplies_to\tdeprecated_or_removed\tdefault_unit\tinternal\tnotes\tsource\n"
	for name, data := range map[string]string{
		"short row":      header + "spark.a\tint\n",
		"long row":       header + "spark.a\tint\t1\t1\tcore\t\t\tfalse\t\tsrc\textra\n",
		"duplicate":      header + "spark.a\tint\t1\t1\tcore\t\t\tfalse\t\tsrc\nspark.a\tint\t1\t1\tcore\t\t\tfalse\t\tsrc\n",
		"unknown status": header + "spark.a\tint\t1\t1\tcore\tmaybe\t\tfalse\t\tsrc\n",
		"empty name":     header + "\tint\t1\t1\tcore\t\t\tfalse\t\tsrc\n",
	} {
		if _, err := parseCatalog(data); err == nil {
			t.Errorf("%s: want an error", name)
		}
	}
	c, err := parseCatalog(header + "spark.a\tint\t1\t1\tcore\t\t\tfalse\t\tsrc\r\n")
	if err != nil {
		t.Fatal(err)
	}
	if k, ok := c.Lookup("spark.a"); !ok || k.Source != "src" {
		t.Errorf("CRLF row = %+v", k)
	}
}

// The catalog's default values parse with the value functions, so the
// catalog and the parsers agree on the formats.
func TestCatalogDefaultsParse(t *testing.T) {
	t.Parallel()
	c := mustCatalog(t)
	for _, k := range c.Keys() {
		if strings.HasPrefix(k.Default, "<") || k.Default == "" || k.Default == `""` {
			continue
		}
		var err error
		switch k.Type {
		case "bytes":
			_, err = ParseBytes(k.Default, k.DefaultUnit)
		case "time":
			_, err = ParseDurationMS(k.Default, k.DefaultUnit)
		default:
			err = CheckValue(k.Type, k.DefaultUnit, k.Default)
		}
		if err != nil {
			t.Errorf("%s: default %q does not parse as %s: %v", k.Name, k.Default, k.Type, err)
		}
	}
}

func BenchmarkParseCatalog(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := parseCatalog(catalogTSV, extraTSV); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLoadCatalog(b *testing.B) {
	for b.Loop() {
		if _, err := LoadCatalog(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSuggest(b *testing.B) {
	c := mustCatalog(b)
	for b.Loop() {
		c.Suggest("spark.streaming.kafka.maxRatePerParititon")
	}
}

func BenchmarkLookup(b *testing.B) {
	c := mustCatalog(b)
	for b.Loop() {
		if _, ok := c.Lookup("spark.streaming.kafka.maxRatePerPartition"); !ok {
			b.Fatal("not found")
		}
	}
}

func TestSuggestKafkaOption(t *testing.T) {
	t.Parallel()
	c := mustCatalog(t)
	for name, want := range map[string]string{
		"maxOffsetPerTrigger":  "maxOffsetsPerTrigger",
		"maxoffsetspertriger":  "maxOffsetsPerTrigger",
		"startingOffset":       "startingOffsets",
		"failOnDataloss":       "", // an option: case-insensitive match
		"failOnDatLoss":        "failOnDataLoss",
		"subscribe":            "", // an option
		"subcribe":             "subscribe",
		"minPartition":         "minPartitions",
		"kafka.bootstrap.srvs": "", // kafka.* go to the client, never misspelt options
		"path":                 "", // nothing close
		"checkpointLocation":   "",
		"pollTimeoutMs":        "",
	} {
		if got := c.SuggestKafkaOption(name); got != want {
			t.Errorf("SuggestKafkaOption(%q) = %q, want %q", name, got, want)
		}
	}
	// every listed option is itself never corrected
	for _, o := range kafkaSourceOptions(c) {
		if got := c.SuggestKafkaOption(o.Name); got != "" {
			t.Errorf("SuggestKafkaOption(%q) = %q for a listed option", o.Name, got)
		}
	}
}

// TestIgnoredByExistingSession: what a later SparkSession.builder cannot
// change once getOrCreate returns the session that exists (Spark applies
// only its runtime SQL settings).
func TestIgnoredByExistingSession(t *testing.T) {
	t.Parallel()
	c := mustCatalog(t)
	for _, tt := range []struct {
		key     string
		ignored bool
	}{
		// the SparkContext's settings
		{"spark.executor.memory", true},
		{"spark.app.name", true},
		{"spark.master", true},
		{"spark.streaming.stopGracefullyOnShutdown", true},
		{"spark.executorEnv.PYSPARK_PYTHON", true},
		{"spark.kubernetes.container.image", true},
		// static SQL confs, in the catalog or named by namespace
		{"spark.sql.warehouse.dir", true},
		{"spark.sql.extensions", true},
		{"spark.sql.catalogImplementation", true},
		{"spark.sql.streaming.ui.enabled", true},
		{"spark.sql.catalog.iceberg", true},
		{"spark.sql.catalog.spark_catalog.type", true},
		// runtime SQL confs: set on the existing session
		{"spark.sql.shuffle.partitions", false},
		{"spark.sql.adaptive.enabled", false},
		{"spark.sql.streaming.checkpointLocation", false},
		{"spark.sql.session.timeZone", false},
		// keys Spark does not know: not judged
		{"spark.sql.totally.made.up", false},
		{"spark.cassandra.connection.host", false},
		{"spark.hadoop.fs.s3a.endpoint", false},
		{"spark.app.kafka_topic", false},
	} {
		if got := c.IgnoredByExistingSession(tt.key); got != tt.ignored {
			t.Errorf("IgnoredByExistingSession(%s) = %v, want %v", tt.key, got, tt.ignored)
		}
	}
}

// TestNearby: for a key no known key is close to, the documented keys
// under its namespace, shortest first; nothing for a namespace of one
// segment (spark.executor.*) or one Spark does not use.
func TestNearby(t *testing.T) {
	t.Parallel()
	c := mustCatalog(t)
	for _, tt := range []struct {
		name  string
		first string
		none  bool
	}{
		{name: "spark.sql.shuffle.parallelism", first: "spark.sql.shuffle.partitions"},
		{name: "spark.sql.adaptive.foo", first: "spark.sql.adaptive.enabled"},
		{name: "spark.executor.foo", none: true},
		{name: "spark.totally.made.up", none: true},
	} {
		got := c.Nearby(tt.name, 3)
		if tt.none != (len(got) == 0) || (!tt.none && got[0] != tt.first) || len(got) > 3 {
			t.Errorf("Nearby(%s) = %v, want first %q (none=%v)", tt.name, got, tt.first, tt.none)
		}
		for _, k := range got {
			if key, _ := c.Lookup(k); key.Internal {
				t.Errorf("Nearby(%s) offers internal key %s", tt.name, k)
			}
		}
	}
}
