package pipeline_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/streamlint/streamlint/checker/model"
	"github.com/streamlint/streamlint/checker/pipeline"
)

func onlyApp(t *testing.T, p *model.Pipeline) model.App {
	t.Helper()
	if len(p.Apps) != 1 {
		t.Fatalf("want one app, got %d", len(p.Apps))
	}
	return p.Apps[0]
}

// TestSparkKeyFacts checks the catalog facts SPK004 and SPK005 judge: the
// "did you mean" of a misspelt key, the replacement of a key that never
// existed, the release that removed or deprecated a key, and the keys of
// namespaces that are a library's, not Spark's.
func TestSparkKeyFacts(t *testing.T) {
	t.Parallel()
	app := onlyApp(t, pipeline.BuildDir(t, map[string]string{"spark-defaults.conf": `spark.executor.memroy 2g
spark.sql.shuffle.partition 12
spark.streaming.kafka.metadata.max.age.ms 30000
spark.streaming.kafka.maxRetries 3
spark.sql.execution.arrow.enabled true
spark.hadoop.fs.s3a.endpoint http://minio:9000
spark.sql.totally.made.up 1
spark.redis.host redis
spark.exector.foo.bar 1
spark.maxRatePerPartition 100
spark.driver.allowMultipleContexts true
spark.broadcast.factory org.apache.spark.broadcast.HttpBroadcastFactory
spark.broadcast.port 7003
spark.sql.codegen false
spark.elasticsearch.nodes es
spark-master yarn
fs.s3a.endpoint http://minio:9000
`}))
	for _, tt := range []struct {
		key                            string
		known, dynamic, never, removed bool
		deprecated                     bool
		suggestion, replacement        string
		removedIn, deprecatedSince     string
	}{
		{key: "spark.executor.memroy", suggestion: "spark.executor.memory"},
		{key: "spark.sql.shuffle.partition", suggestion: "spark.sql.shuffle.partitions"},
		{key: "spark.streaming.kafka.metadata.max.age.ms", never: true, replacement: "kafka.metadata.max.age.ms"},
		{key: "spark.streaming.kafka.maxRetries", known: true, removed: true, removedIn: "3.0.0"},
		{key: "spark.sql.execution.arrow.enabled", known: true, deprecated: true, deprecatedSince: "3.0", replacement: "spark.sql.execution.arrow.pyspark.enabled"},
		{key: "spark.hadoop.fs.s3a.endpoint", known: true, dynamic: true},
		{key: "spark.sql.totally.made.up"},
		// a library's namespace (spark-redis): Spark cannot tell whether
		// the library reads it
		{key: "spark.redis.host", known: true, dynamic: true},
		// one edit from Spark's "executor": a misspelling, not a library
		{key: "spark.exector.foo.bar"},
		// no namespace at all
		{key: "spark.maxRatePerPartition"},
		// es-hadoop reads spark.es.*: not a library's namespace
		{key: "spark.elasticsearch.nodes", suggestion: "spark.es.nodes"},
		// read by Spark 2.x, not 3 (SPK005 judges by the app's version)
		{key: "spark.driver.allowMultipleContexts", known: true, removed: true, removedIn: "3.0.0"},
		// Spark 1.x keys of a spark-defaults.conf copied along (the Open
		// Stream Processing Benchmark's Spark 3.0 images): removed with
		// HttpBroadcast, not keys Spark never had
		{key: "spark.broadcast.factory", known: true, removed: true, removedIn: "2.0.0"},
		{key: "spark.broadcast.port", known: true, removed: true, removedIn: "2.0.0"},
		// Learning Spark (2015)'s SparkSQLTwitter: a Spark 1.x SQL option
		{key: "spark.sql.codegen", known: true, removed: true, removedIn: "1.6.0"},
		// no spark. prefix (spark-submit drops it): a misspelt key is
		// still suggested, a Hadoop key is not close to any
		{key: "spark-master", suggestion: "spark.master"},
		{key: "fs.s3a.endpoint"},
	} {
		v, ok := app.Settings[tt.key]
		if !ok {
			t.Errorf("%s: not in the app's settings", tt.key)
			continue
		}
		if v.Known != tt.known || v.Dynamic != tt.dynamic || v.NeverExisted != tt.never || v.Removed != tt.removed || v.Deprecated != tt.deprecated {
			t.Errorf("%s: known=%v dynamic=%v never=%v removed=%v deprecated=%v, want %v %v %v %v %v", tt.key,
				v.Known, v.Dynamic, v.NeverExisted, v.Removed, v.Deprecated, tt.known, tt.dynamic, tt.never, tt.removed, tt.deprecated)
		}
		if v.Suggestion != tt.suggestion || v.Replacement != tt.replacement {
			t.Errorf("%s: suggestion %q replacement %q, want %q %q", tt.key, v.Suggestion, v.Replacement, tt.suggestion, tt.replacement)
		}
		if v.RemovedIn != tt.removedIn || v.DeprecatedSince != tt.deprecatedSince {
			t.Errorf("%s: removed_in %q deprecated_since %q, want %q %q", tt.key, v.RemovedIn, v.DeprecatedSince, tt.removedIn, tt.deprecatedSince)
		}
	}
}

// TestSparkValueInvalid checks the value facts SPK006 judges, as Spark
// parses them (checker/spark/values.go): sizes, durations and booleans Spark
// rejects, and memory numbers without a unit, whose meaning depends on
// the code path reading them.
func TestSparkValueInvalid(t *testing.T) {
	t.Parallel()
	app := onlyApp(t, pipeline.BuildDir(t, map[string]string{"spark-defaults.conf": `spark.driver.maxResultSize 2 GB
spark.executor.memoryOverhead 1.5g
spark.network.timeout 10sec
spark.sql.adaptive.enabled yes
spark.executor.memory 2048
spark.driver.memory 4096
spark.executor.pyspark.memory 512
spark.sql.autoBroadcastJoinThreshold -1
spark.locality.wait 3s
spark.sql.adaptive.coalescePartitions.enabled TRUE
spark.memory.offHeap.size 1073741824
spark.eventLog.dir ${env:LOG_DIR}
`}))
	for key, want := range map[string]string{
		"spark.driver.maxResultSize":                    "not a size",
		"spark.executor.memoryOverhead":                 "fractional values are not supported",
		"spark.network.timeout":                         `invalid suffix "sec"`,
		"spark.sql.adaptive.enabled":                    "not a boolean",
		"spark.executor.memory":                         "as 2048 bytes in the executor's memory manager",
		"spark.driver.memory":                           "-Xmx4096 is 4096 bytes",
		"spark.executor.pyspark.memory":                 "reads a bare number for spark.executor.pyspark.memory as MiB",
		"spark.sql.autoBroadcastJoinThreshold":          "",
		"spark.locality.wait":                           "",
		"spark.sql.adaptive.coalescePartitions.enabled": "",
		"spark.memory.offHeap.size":                     "", // a bytes key: a bare number is plainly bytes
		"spark.eventLog.dir":                            "",
	} {
		v := app.Settings[key]
		switch {
		case want == "" && v.Invalid != "":
			t.Errorf("%s=%s: invalid %q, want valid", key, v.Value.Value, v.Invalid)
		case want != "" && !strings.Contains(v.Invalid, want):
			t.Errorf("%s=%s: invalid %q, want it to contain %q", key, v.Value.Value, v.Invalid, want)
		}
		if want != "" && (len(v.All) != 1 || v.All[0].Invalid != v.Invalid) {
			t.Errorf("%s: the place's invalid %+v differs from the value's", key, v.All)
		}
	}
	if got := app.Settings["spark.executor.memory"].Invalid; !strings.Contains(got, "as 0 MiB (bytes truncated to MiB) for a standalone executor") || !strings.Contains(got, "2048m for 2 GiB") {
		t.Errorf("spark.executor.memory=2048: %q", got)
	}
}

// TestWorkerValueInvalid checks SPARK_WORKER_MEMORY and SPARK_WORKER_CORES:
// the worker reads a bare memory number as bytes (Utils.memoryStringToMb).
func TestWorkerValueInvalid(t *testing.T) {
	t.Parallel()
	p := pipeline.BuildDir(t, map[string]string{"docker-compose.yml": `services:
  spark-master:
    image: bitnami/spark:3.5
    environment:
      - SPARK_MODE=master
  w-bytes:
    image: bitnami/spark:3.5
    environment:
      - SPARK_MODE=worker
      - SPARK_MASTER_URL=spark://spark-master:7077
      - SPARK_WORKER_MEMORY=2048
      - SPARK_WORKER_CORES=two
  w-big:
    image: bitnami/spark:3.5
    environment:
      - SPARK_MODE=worker
      - SPARK_MASTER_URL=spark://spark-master:7077
      - SPARK_WORKER_MEMORY=2147483648
      - SPARK_WORKER_CORES=2
  w-ok:
    image: bitnami/spark:3.5
    environment:
      - SPARK_MODE=worker
      - SPARK_MASTER_URL=spark://spark-master:7077
      - SPARK_WORKER_MEMORY=2g
      - SPARK_WORKER_CORES=2
`})
	got := map[string]model.Worker{}
	for _, w := range p.Workers {
		got[w.Service] = w
	}
	if inv := got["w-bytes"].MemoryBytes.Invalid; !strings.Contains(inv, "below 1 MiB") || !strings.Contains(inv, "read as bytes") {
		t.Errorf("SPARK_WORKER_MEMORY=2048: %q", inv)
	}
	if inv := got["w-bytes"].Cores.Invalid; !strings.Contains(inv, "not a positive whole number") {
		t.Errorf("SPARK_WORKER_CORES=two: %q", inv)
	}
	big := got["w-big"].MemoryBytes
	if !strings.Contains(big.Invalid, "reads a bare number as bytes") || !strings.Contains(big.Invalid, "(2g)") {
		t.Errorf("SPARK_WORKER_MEMORY=2147483648: %q", big.Invalid)
	}
	if big.Num == nil || *big.Num != 2147483648 {
		t.Errorf("SPARK_WORKER_MEMORY=2147483648: num %v", big.Num)
	}
	if ok := got["w-ok"]; ok.MemoryBytes.Invalid != "" || ok.Cores.Invalid != "" {
		t.Errorf("w-ok: %q %q", ok.MemoryBytes.Invalid, ok.Cores.Invalid)
	}
}

// TestKafkaOptionInvalid checks the option facts SPK013 judges, against
// KafkaSourceProvider: rejected client settings (names case-insensitive),
// ending offsets on a streaming read, latest/earliest a batch read refuses,
// values toLong/toInt cannot parse, and client settings without the kafka.
// prefix.
func TestKafkaOptionInvalid(t *testing.T) {
	t.Parallel()
	app := onlyApp(t, pipeline.BuildDir(t, map[string]string{"job.py": `from pyspark.sql import SparkSession

spark = SparkSession.builder.appName("t").getOrCreate()
stream = (
    spark.readStream.format("kafka")
    .option("kafka.bootstrap.servers", "kafka:9092")
    .option("subscribe", "orders")
    .option("Kafka.Auto.Offset.Reset", "earliest")
    .option("kafka.interceptor.classes", "com.example.Audit")
    .option("kafka.group.id", "orders")
    .option("maxOffsetsPerTrigger", "10k")
    .option("minPartitions", "0")
    .option("endingOffsets", "latest")
    .option("bootstrap.servers", "kafka:9092")
    .option("failOnDataLoss", "False")
    .option("maxTriggerDelay", "15 minutes")
    .load()
)
batch = (
    spark.read.format("kafka")
    .option("kafka.bootstrap.servers", "kafka:9092")
    .option("subscribe", "orders")
    .option("startingOffsets", "latest")
    .option("endingOffsets", "latest")
    .load()
)
(
    stream.writeStream.format("kafka")
    .option("kafka.bootstrap.servers", "kafka:9092")
    .option("topic", "out")
    .option("kafka.key.serializer", "org.apache.kafka.common.serialization.StringSerializer")
    .option("kafka.interceptor.classes", "com.example.Audit")
    .option("acks", "all")
    .option("checkpointLocation", "/tmp/c")
    .start()
)
`}))
	if len(app.Sources) != 2 || len(app.Sinks) != 1 {
		t.Fatalf("sources %d sinks %d", len(app.Sources), len(app.Sinks))
	}
	check := func(where string, opts map[string]model.Value, want map[string]string) {
		t.Helper()
		for key, w := range want {
			v, ok := opts[key]
			if !ok {
				t.Errorf("%s: option %s missing", where, key)
				continue
			}
			switch {
			case w == "" && v.Invalid != "":
				t.Errorf("%s: %s=%s: invalid %q, want valid", where, key, v.Value, v.Invalid)
			case w != "" && !strings.Contains(v.Invalid, w):
				t.Errorf("%s: %s=%s: invalid %q, want it to contain %q", where, key, v.Value, v.Invalid, w)
			}
		}
	}
	check("stream", app.Sources[0].Options, map[string]string{
		"kafka.bootstrap.servers":   "",
		"subscribe":                 "",
		"Kafka.Auto.Offset.Reset":   "the Kafka source rejects Kafka.Auto.Offset.Reset",
		"kafka.interceptor.classes": "the Kafka source rejects",
		"kafka.group.id":            "",
		"maxOffsetsPerTrigger":      "not an integer",
		"minPartitions":             "must be positive",
		"endingOffsets":             "not valid in streaming queries",
		"bootstrap.servers":         "write kafka.bootstrap.servers",
		"failOnDataLoss":            "",
		"maxTriggerDelay":           "not a duration",
	})
	check("batch", app.Sources[1].Options, map[string]string{
		"startingOffsets": "starting offset can't be latest for batch queries",
		"endingOffsets":   "",
	})
	check("sink", app.Sinks[0].Options, map[string]string{
		"kafka.key.serializer":      "the Kafka sink rejects",
		"kafka.interceptor.classes": "", // only the source refuses interceptors
		"acks":                      "Kafka producer",
		"topic":                     "",
	})
}

// TestSparkKeysReadByJobs: a key some job (or helper module) of the
// pipeline reads back from the Spark configuration is the application's
// own setting, known and with the place it is read, wherever it is set; a
// key only set, or read from something that is not a Spark configuration,
// stays unknown.
func TestSparkKeysReadByJobs(t *testing.T) {
	t.Parallel()
	p := pipeline.BuildDir(t, map[string]string{
		"docker-compose.yml": `services:
  spark-master:
    image: bitnami/spark:3.5
  ingest:
    image: bitnami/spark:3.5
    volumes:
      - ./ingest.py:/opt/jobs/ingest.py
    command: >
      spark-submit --master spark://spark-master:7077
      --conf spark.app.kafka_topic=orders
      --conf spark.app.kafka_group=ingest
      --conf spark.app.not_read=1
      --conf spark.app.from_a_dict=1
      /opt/jobs/ingest.py
`,
		"ingest.py": `from pyspark.sql import SparkSession
from settings import group
spark = SparkSession.builder.appName("ingest").config("spark.landing.outputPath", "/out").getOrCreate()
topic = spark.conf.get("spark.app.kafka_topic")
out = spark.sparkContext.getConf().get("spark.landing.outputPath", "/tmp")
other = config.get("spark.app.from_a_dict")
`,
		// a helper module that builds no session still reads the conf
		// (discovery takes a .py naming SparkSession, here for the type)
		"settings.py": `from pyspark.sql import SparkSession


def group(spark: SparkSession) -> str:
    return spark.conf.get("spark.app.kafka_group")
`,
	})
	var app model.App
	for _, a := range p.Apps {
		if a.ID == "ingest.py" {
			app = a
		}
	}
	for _, tt := range []struct {
		key    string
		known  bool
		readAt string
	}{
		{key: "spark.app.kafka_topic", known: true, readAt: "ingest.py:4:20"},
		{key: "spark.landing.outputPath", known: true, readAt: "ingest.py:5:36"},
		{key: "spark.app.kafka_group", known: true, readAt: "settings.py:5:23"},
		{key: "spark.app.not_read"},
		{key: "spark.app.from_a_dict"},
		// a catalog key stays what the catalog says
		{key: "spark.app.name", known: true},
	} {
		v, ok := app.Settings[tt.key]
		if !ok {
			t.Errorf("%s: not in the app's settings (apps: %d)", tt.key, len(p.Apps))
			continue
		}
		readAt := ""
		if v.ReadAt != nil {
			readAt = fmt.Sprintf("%s:%d:%d", v.ReadAt.File, v.ReadAt.Line, v.ReadAt.Column)
		}
		if v.Known != tt.known || readAt != tt.readAt {
			t.Errorf("%s: known=%v read_at=%q, want %v %q", tt.key, v.Known, readAt, tt.known, tt.readAt)
		}
	}
}

// TestSecondSessionBuilder: a builder whose getOrCreate returns the
// session an earlier getOrCreate made only changes runtime SQL settings;
// its other values come after the first session's, and a key only it sets
// is not in force.
func TestSecondSessionBuilder(t *testing.T) {
	t.Parallel()
	app := onlyApp(t, pipeline.BuildDir(t, map[string]string{"job.py": `from pyspark.sql import SparkSession

spark = (SparkSession.builder.appName("first")
         .config("spark.executor.memory", "1g")
         .config("spark.sql.shuffle.partitions", "200")
         .getOrCreate())
spark = (SparkSession.builder.appName("second")
         .config("spark.executor.memory", "2g")
         .config("spark.sql.shuffle.partitions", "8")
         .config("spark.executor.cores", "4")
         .getOrCreate())
`}))
	for _, tt := range []struct {
		key, value string
		// lost is the value the later builder writes in vain, "" when
		// it takes effect or there is none
		lost string
	}{
		{key: "spark.app.name", value: "first", lost: "second"},
		{key: "spark.executor.memory", value: "1g", lost: "2g"},
		// a runtime SQL conf is set on the session that exists
		{key: "spark.sql.shuffle.partitions", value: "8"},
	} {
		v, ok := app.Settings[tt.key]
		if !ok {
			t.Errorf("%s: not in the app's settings", tt.key)
			continue
		}
		if v.Value.Value != tt.value || v.All[0].ExistingSession != nil {
			t.Errorf("%s = %q (existing_session %v), want %q in force", tt.key, v.Value.Value, v.All[0].ExistingSession, tt.value)
		}
		lost := ""
		for _, s := range v.All {
			if s.ExistingSession != nil {
				if s.ExistingSession.Line != 6 {
					t.Errorf("%s: existing_session at line %d, want the first getOrCreate's, 6", tt.key, s.ExistingSession.Line)
				}
				lost = s.Value
			}
		}
		if lost != tt.lost {
			t.Errorf("%s: lost value %q, want %q", tt.key, lost, tt.lost)
		}
	}
	if v, ok := app.Settings["spark.executor.cores"]; ok {
		t.Errorf("spark.executor.cores = %q in force; only the second session's builder sets it", v.Value.Value)
	}
	if len(app.SessionIgnored) != 1 || app.SessionIgnored[0].Key != "spark.executor.cores" || app.SessionIgnored[0].Value != "4" {
		t.Errorf("session_ignored = %+v, want spark.executor.cores=4", app.SessionIgnored)
	}
}

// TestSecondSparkContext: a second SparkContext's constructor throws, so
// the conf it is given never wins over the first context's, and a key only
// it sets is not in force.
func TestSecondSparkContext(t *testing.T) {
	t.Parallel()
	app := onlyApp(t, pipeline.BuildDir(t, map[string]string{"job.py": `from pyspark import SparkConf, SparkContext

sc = SparkContext(conf=SparkConf().setAppName("first").setMaster("local[1]"))
sc2 = SparkContext(conf=SparkConf().setAppName("second").set("spark.executor.cores", "2"))
`}))
	v, ok := app.Settings["spark.app.name"]
	if !ok || v.Value.Value != "first" || len(v.All) != 2 || v.All[1].FailedContext == nil || v.All[1].FailedContext.Line != 3 {
		t.Errorf("spark.app.name = %+v, want first in force and second after it, failed at the context of line 3", v)
	}
	if c, ok := app.Settings["spark.executor.cores"]; ok {
		t.Errorf("spark.executor.cores = %q in force; only the failing context sets it", c.Value.Value)
	}
	if len(app.SessionIgnored) != 1 || app.SessionIgnored[0].Key != "spark.executor.cores" {
		t.Errorf("session_ignored = %+v, want spark.executor.cores", app.SessionIgnored)
	}
}

// TestDriverOptionsInSubmittedCode: spark-submit starts the driver JVM
// before the job's code runs, so a driver JVM option the code sets never
// applies: the value spark-submit gave stays in force, while an executor
// setting in the code still wins. A job run without spark-submit
// (python job.py) launches its JVM from the code's conf.
func TestDriverOptionsInSubmittedCode(t *testing.T) {
	t.Parallel()
	job := `from pyspark.sql import SparkSession

spark = (SparkSession.builder.appName("drv")
         .config("spark.driver.memory", "4g")
         .config("spark.executor.memory", "3g")
         .config("spark.jars.packages", "org.apache.spark:spark-sql-kafka-0-10_2.12:3.5.1")
         .getOrCreate())
`
	submitted := onlyApp(t, pipeline.BuildDir(t, map[string]string{
		"docker-compose.yml": `services:
  job:
    image: bitnami/spark:3.5.3
    volumes: [./jobs:/opt/jobs]
    command: ["spark-submit", "--master", "local[2]", "--driver-memory", "2g", "--executor-memory", "1g", "--packages", "org.apache.spark:spark-sql-kafka-0-10_2.12:3.5.3", "/opt/jobs/job.py"]
`,
		"jobs/job.py": job,
	}))
	for key, want := range map[string]string{
		"spark.driver.memory":   "2g",
		"spark.executor.memory": "3g",
		"spark.jars.packages":   "org.apache.spark:spark-sql-kafka-0-10_2.12:3.5.3",
	} {
		if v := submitted.Settings[key]; v.Value.Value != want {
			t.Errorf("submitted: %s = %q in force, want %q", key, v.Value.Value, want)
		}
	}
	drv := submitted.Settings["spark.driver.memory"].All
	if len(drv) != 2 || drv[1].LaunchedDriver == nil || drv[1].LaunchedDriver.File != "docker-compose.yml" {
		t.Errorf("submitted: spark.driver.memory places = %+v, want the code's 4g last, marked launched_driver at the compose file", drv)
	}
	if submitted.Settings["spark.executor.memory"].All[0].LaunchedDriver != nil {
		t.Error("submitted: spark.executor.memory marked launched_driver; only driver JVM options are")
	}
	alone := onlyApp(t, pipeline.BuildDir(t, map[string]string{"job.py": job}))
	if v := alone.Settings["spark.driver.memory"]; v.Value.Value != "4g" || v.All[0].LaunchedDriver != nil {
		t.Errorf("python job.py: spark.driver.memory = %q (launched_driver %v), want the code's 4g in force", v.Value.Value, v.All[0].LaunchedDriver)
	}
}
