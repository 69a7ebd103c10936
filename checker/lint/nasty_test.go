package lint_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"math"
	"math/big"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/streamlint/streamlint/checker/discover"
	"github.com/streamlint/streamlint/checker/engine"
	"github.com/streamlint/streamlint/checker/kafka"
	"github.com/streamlint/streamlint/checker/lint"
	"github.com/streamlint/streamlint/checker/model"
	"github.com/streamlint/streamlint/checker/pipeline"
	"github.com/streamlint/streamlint/checker/spark"
	"github.com/streamlint/streamlint/policies"
)

// The nasty-value test: every setting a rule may read as a number, size,
// duration, boolean, version, node id or voter list gets the nastiest
// value of each kind, through real files (compose environment, a mounted
// file's neighbours, spark-defaults.conf, code, spark-submit, a worker's
// environment, the configured versions). Go is the one parser: no rule may
// fail on its input (no LNT002 from policy evaluation), the model must
// encode as JSON (no NaN or infinity reaches a number), and every value
// Kafka or Spark would reject is reported at its line (KAF011, SPK006,
// SPK013).

// nastyValues are the values of each kind that break a naive parser:
// every one goes through every typed key's parser (TestNastyValuesTyped).
var nastyValues = []string{
	"", "abc", "24h", "NaN", "Infinity", "-Infinity", "-1", "-0", "0", "1.5",
	"1e400", "1e-400", "1e6", "9999999999999999999999", "2147483648", "0x10",
	" 1 ", `"3"`, "'3'", "+1", "1_000", "10MB", "TRUE", "yes", "1@kafka:x,abc@:9093",
}

// nastyPipelineValues are one value of each kind, each written into a whole
// pipeline and judged by every rule (TestNastyValues): empty, a word, a
// unit, NaN, infinity, negative, zero, a fraction, an exponent, overflow,
// spaces, quotes, a boolean spelling.
var nastyPipelineValues = []string{
	"", "abc", "24h", "NaN", "-Infinity", "-1", "0", "1.5", "1e6", "1e400",
	"9999999999999999999999", " 1 ", `"3"`, "yes",
}

// nastyImage is the image of the brokers that get one nasty key each.
const nastyImage = "confluentinc/cp-kafka:7.6.1"

// nastyBase is a valid KRaft node's configuration; each per-key broker
// replaces one setting of it (or adds one) with the nasty value.
func nastyBase(i int) [][2]string {
	return [][2]string{
		{"node.id", fmt.Sprint(i)},
		{"process.roles", "broker,controller"},
		{"controller.quorum.voters", "1@k-1:9093"},
		{"listeners", "PLAINTEXT://:9092,CONTROLLER://:9093"},
		{"advertised.listeners", fmt.Sprintf("PLAINTEXT://k-%d:9092", i)},
		{"controller.listener.names", "CONTROLLER"},
		{"listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"},
		{"CLUSTER_ID", "MkU3OEVBNTcwNTJENDM2Qk"},
	}
}

// kafkaEnv is the variable that sets a property on an image (a name in
// upper case is a variable already).
func kafkaEnv(ref, key string) string {
	if strings.ToUpper(key) == key {
		if kafka.ParseImage(ref).Family == kafka.FamilyBitnami && key == "CLUSTER_ID" {
			return "KAFKA_KRAFT_CLUSTER_ID"
		}
		return key
	}
	return kafka.EnvNameForImage(kafka.ParseImage(ref), key)
}

// nastyBrokerKeys are the broker properties the model carries for every
// broker (its effective values and the names rules show), read from the
// model of a plain broker so that a key added to the model is covered.
func nastyBrokerKeys(t *testing.T) []string {
	t.Helper()
	dir := t.TempDir()
	var b strings.Builder
	b.WriteString("services:\n  kafka:\n    image: " + nastyImage + "\n    environment:\n")
	for _, kv := range nastyBase(1) {
		fmt.Fprintf(&b, "      %s: %s\n", kafkaEnv(nastyImage, kv[0]), jsonString(kv[1]))
	}
	if err := os.WriteFile(filepath.Join(dir, "compose.yaml"), []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	m := buildModel(t, dir)
	if len(m.Brokers) != 1 {
		t.Fatalf("%d brokers", len(m.Brokers))
	}
	keys := map[string]bool{"zookeeper.connect": true, "zookeeper.metadata.migration.enable": true}
	for k := range m.Brokers[0].Config {
		keys[k] = true
	}
	for k := range m.Brokers[0].EnvNames {
		keys[k] = true
	}
	out := make([]string, 0, len(keys))
	for k := range keys {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// jsonString writes s as a double-quoted string, which YAML and Python
// read alike; compose's $ is escaped.
func jsonString(s string) string {
	b, _ := json.Marshal(s)
	return strings.ReplaceAll(string(b), "$", "$$")
}

// nastyPipeline writes one pipeline where every judged setting is v.
func nastyPipeline(t *testing.T, v string, brokerKeys []string) (dir string, lines map[[2]string]string) {
	t.Helper()
	kcat, err := kafka.LoadCatalog()
	if err != nil {
		t.Fatal(err)
	}
	dir = t.TempDir()
	lines = map[[2]string]string{} // {file, line} -> what is written there
	var c strings.Builder
	line := 0
	w := func(file, what, format string, args ...any) {
		fmt.Fprintf(&c, format, args...)
		line++
		if what != "" {
			lines[[2]string{file, fmt.Sprint(line)}] = what
		}
	}
	w("", "", "services:\n")
	// One broker with every broker property its image can express set to
	// v (process.roles stays unset: the node must stay a broker for its
	// properties to be judged).
	img := kafka.ParseImage(nastyImage)
	w("", "", "  all:\n")
	w("", "", "    image: %s\n", nastyImage)
	w("", "", "    environment:\n")
	seen := map[string]bool{}
	for _, name := range kcat.BrokerNames() {
		p, _ := kcat.Broker(name)
		env := kafka.EnvNameForImage(img, name)
		if env == "" || seen[env] || p.Type == "password" || name == "process.roles" || strings.HasPrefix(name, "sasl.") || strings.HasPrefix(name, "ssl.") {
			continue
		}
		seen[env] = true
		w("compose.yaml", env, "      %s: %s\n", env, jsonString(v))
	}
	w("compose.yaml", "KAFKA_HEAP_OPTS", "      KAFKA_HEAP_OPTS: %s\n", jsonString("-Xmx"+strings.TrimSpace(v)+"g"))
	// One KRaft node per key the model carries, with only that key nasty,
	// on each image convention in turn (bitnami's and apache/kafka:latest's
	// version-dependent paths; latest takes the configured version, v).
	images := []string{nastyImage, "bitnami/kafka:3.7", "apache/kafka:latest"}
	for i, key := range brokerKeys {
		n := i + 1
		ref := images[i%len(images)]
		env := kafka.EnvNameForImage(kafka.ParseImage(ref), key)
		if env == "" {
			continue
		}
		w("", "", "  k-%d:\n", n)
		w("", "", "    image: %s\n", ref)
		w("", "", "    environment:\n")
		for _, kv := range nastyBase(n) {
			if name := kafkaEnv(ref, kv[0]); name != env {
				w("", "", "      %s: %s\n", name, jsonString(kv[1]))
			}
		}
		w("compose.yaml", env, "      %s: %s\n", env, jsonString(v))
	}
	// A topic created with nasty counts.
	w("", "", "  init-topics:\n")
	w("", "", "    image: %s\n", nastyImage)
	w("", "", "    command: [\"kafka-topics\", \"--create\", \"--topic\", \"events\", \"--partitions\", %s, \"--replication-factor\", %s]\n", jsonString(v), jsonString(v))
	// Spark: a worker, and a spark-submit of the structured job.
	w("", "", "  spark-master:\n")
	w("", "", "    image: bitnami/spark:latest\n")
	w("", "", "    environment:\n")
	w("", "", "      SPARK_MODE: master\n")
	w("", "", "  spark-worker:\n")
	w("", "", "    image: bitnami/spark:latest\n")
	w("", "", "    mem_limit: 4g\n")
	w("", "", "    environment:\n")
	w("", "", "      SPARK_MODE: worker\n")
	w("", "", "      SPARK_MASTER_URL: spark://spark-master:7077\n")
	w("compose.yaml", "SPARK_WORKER_MEMORY", "      SPARK_WORKER_MEMORY: %s\n", jsonString(v))
	w("compose.yaml", "SPARK_WORKER_CORES", "      SPARK_WORKER_CORES: %s\n", jsonString(v))
	w("", "", "  submit:\n")
	w("", "", "    image: bitnami/spark:latest\n")
	w("", "", "    volumes: [\"./jobs:/opt/jobs\"]\n")
	w("compose.yaml", "spark-submit", "    command: [\"spark-submit\", \"--master\", \"spark://spark-master:7077\", \"--conf\", %s, \"--executor-memory\", %s, \"--total-executor-cores\", %s, \"/opt/jobs/structured.py\"]\n",
		jsonString("spark.executor.cores="+v), jsonString(v), jsonString(v))
	write(t, filepath.Join(dir, "compose.yaml"), c.String())

	// spark-defaults.conf: every Spark key a rule or the capacity model
	// reads (every typed key's parser gets every value in
	// TestNastyValuesTyped).
	var d strings.Builder
	for i, key := range nastySparkKeys(t) {
		fmt.Fprintf(&d, "%s=%s\n", key, v)
		lines[[2]string{"conf/spark-defaults.conf", fmt.Sprint(i + 1)}] = key
	}
	write(t, filepath.Join(dir, "conf", "spark-defaults.conf"), d.String())

	// A structured job: settings in code, every typed Kafka source option.
	q := jsonString(v)
	job := fmt.Sprintf(`from pyspark.sql import SparkSession

spark = (SparkSession.builder.appName("nasty")
    .config("spark.executor.memory", %[1]s)
    .config("spark.executor.cores", %[1]s)
    .config("spark.task.cpus", %[1]s)
    .config("spark.memory.fraction", %[1]s)
    .config("spark.streaming.kafka.maxRatePerPartition", %[1]s)
    .config("spark.memory.offHeap.size", %[1]s)
    .config("spark.memory.offHeap.enabled", %[1]s)
    .config("spark.streaming.backpressure.enabled", %[1]s)
    .getOrCreate())
df = (spark.readStream.format("kafka")
    .option("kafka.bootstrap.servers", "k-1:9092,all-0:%[2]s")
    .option("subscribe", "events")
    .option("maxOffsetsPerTrigger", %[1]s)
    .option("minOffsetsPerTrigger", %[1]s)
    .option("maxTriggerDelay", %[1]s)
    .option("minPartitions", %[1]s)
    .option("failOnDataLoss", %[1]s)
    .option("startingTimestamp", %[1]s)
    .option("fetchOffset.numRetries", %[1]s)
    .option("kafkaConsumer.pollTimeoutMs", %[1]s)
    .option("includeHeaders", %[1]s)
    .option("kafka.max.partition.fetch.bytes", %[1]s)
    .load())
df.writeStream.format("parquet").option("path", "/data/out").option("checkpointLocation", "/data/cp").trigger(processingTime=%[1]s).start()
`, q, strings.Trim(q, `"`))
	write(t, filepath.Join(dir, "jobs", "structured.py"), job)
	for i, l := range strings.Split(job, "\n") {
		if strings.Contains(l, ".option(") || strings.Contains(l, ".config(") {
			lines[[2]string{"jobs/structured.py", fmt.Sprint(i + 1)}] = strings.TrimSpace(l)
		}
	}
	// A DStream job: kafkaParams and the batch interval.
	dstream := fmt.Sprintf(`from pyspark import SparkContext
from pyspark.streaming import StreamingContext
from pyspark.streaming.kafka import KafkaUtils

sc = SparkContext(appName="nasty-dstream")
ssc = StreamingContext(sc, 1e308)
stream = KafkaUtils.createDirectStream(ssc, ["events"], {"metadata.broker.list": "k-1:9092", "max.partition.fetch.bytes": %[1]s, "auto.offset.reset": %[1]s})
stream.pprint()
ssc.start()
`, q)
	write(t, filepath.Join(dir, "jobs", "dstream.py"), dstream)
	// Numbers in code that overflow when the extractor evaluates them.
	write(t, filepath.Join(dir, "jobs", "Nasty.scala"), `import org.apache.spark.SparkConf
import org.apache.spark.streaming.{Minutes, StreamingContext}
import org.apache.spark.streaming.kafka010.KafkaUtils

object Nasty {
  def main(args: Array[String]): Unit = {
    val conf = new SparkConf().setAppName("nasty-scala").set("spark.memory.fraction", "1e300").set("spark.executor.memoryOverheadFactor", "1e300")
    val ssc = new StreamingContext(conf, Minutes(1e308))
    ssc.start()
  }
}
`)
	return dir, lines
}

// sparkKeyRe finds the Spark keys a policy names.
var sparkKeyRe = regexp.MustCompile(`"(spark\.[A-Za-z0-9.]*[A-Za-z0-9])"`)

// nastySparkKeys are the Spark keys the built-in policies name and those
// the Go capacity model reads.
func nastySparkKeys(t *testing.T) []string {
	t.Helper()
	keys := map[string]bool{}
	for _, k := range []string{"spark.master", "spark.executor.memory", "spark.executor.cores", "spark.cores.max", "spark.task.cpus",
		"spark.driver.memory", "spark.memory.fraction", "spark.executor.memoryOverhead", "spark.executor.memoryOverheadFactor",
		"spark.executor.minMemoryOverhead", "spark.jars.packages", "spark.executor.instances"} {
		keys[k] = true
	}
	err := fs.WalkDir(policies.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasSuffix(p, "_test.rego") {
			return err
		}
		src, err := fs.ReadFile(policies.FS, p)
		for _, m := range sparkKeyRe.FindAllStringSubmatch(string(src), -1) {
			keys[m[1]] = true
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	out := make([]string, 0, len(keys))
	for k := range keys {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func write(t *testing.T, path, body string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
}

// javaIntRe is what Integer.parseInt and Long.parseLong accept.
var javaIntRe = regexp.MustCompile(`^[+-]?[0-9]+$`)

// kafkaRejects is an oracle independent of checker/kafka: whether Kafka's
// ConfigDef cannot parse value as the type (trimmed, Java parsers), or
// parses it to a number that is not finite.
func kafkaRejects(typ, value string) bool {
	t := strings.TrimFunc(value, func(r rune) bool { return r <= ' ' })
	switch typ {
	case "int", "short", "long":
		if !javaIntRe.MatchString(t) {
			return true
		}
		n, _ := new(big.Int).SetString(strings.TrimPrefix(t, "+"), 10)
		bits := map[string]uint{"short": 15, "int": 31, "long": 63}[typ]
		lim := new(big.Int).Lsh(big.NewInt(1), bits)
		return n.Cmp(lim) >= 0 || n.Cmp(new(big.Int).Neg(lim)) < 0
	case "double":
		return !finiteJavaDouble(t)
	case "boolean":
		return !strings.EqualFold(t, "true") && !strings.EqualFold(t, "false")
	}
	return false
}

var javaDoubleRe = regexp.MustCompile(`^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?[fFdD]?$`)

// finiteJavaDouble: Double.parseDouble accepts t and its value is finite.
func finiteJavaDouble(t string) bool {
	if !javaDoubleRe.MatchString(t) {
		return false
	}
	f, _, err := big.ParseFloat(strings.TrimRight(t, "fFdD"), 10, 64, big.ToNearestEven)
	if err != nil {
		return false
	}
	x, _ := f.Float64()
	return !math.IsInf(x, 0)
}

// sparkRejects: Spark's typed configuration entries (trimmed toInt,
// toLong, toDouble, toBoolean) fail, or give a number that is not finite.
func sparkRejects(typ, value string) bool {
	switch typ {
	case "int", "long", "double", "boolean":
		return kafkaRejects(typ, value)
	}
	return false
}

func TestNastyValues(t *testing.T) {
	eng, err := builtinEngine()
	if err != nil {
		t.Fatal(err)
	}
	kcat, err := kafka.LoadCatalog()
	if err != nil {
		t.Fatal(err)
	}
	scat, err := spark.LoadCatalog()
	if err != nil {
		t.Fatal(err)
	}
	brokerKeys := nastyBrokerKeys(t)
	for _, v := range nastyPipelineValues {
		t.Run(fmt.Sprintf("%q", v), func(t *testing.T) {
			t.Parallel()
			dir, lines := nastyPipeline(t, v, brokerKeys)
			display := lint.DisplayFunc(dir)
			// The configured versions get the value too (tags above say
			// latest).
			params := model.DefaultParams()
			if err := params.Set("capacity.produce_rate", 1000); err != nil { // enables CAP003
				t.Fatal(err)
			}
			b, err := pipeline.NewBuilder(pipeline.Options{Params: params, Profile: "prod", Display: display, KafkaVersion: v, SparkVersion: v})
			if err != nil {
				t.Fatal(err)
			}
			disc, err := discover.Discover(context.Background(), []string{dir}, discover.Options{})
			if err != nil {
				t.Fatal(err)
			}
			if len(disc.Groups) != 1 {
				t.Fatalf("%d pipelines", len(disc.Groups))
			}
			built := b.Build(context.Background(), disc.Groups[0])
			for _, e := range built.Errors {
				t.Errorf("build error: %s: %s", e.Location, e.Message)
			}
			m := built.Pipeline
			if _, err := json.Marshal(m); err != nil {
				t.Errorf("the model does not encode as JSON: %v", err)
			}

			l := lint.New(func() (*engine.Engine, error) { return eng, nil }, b)
			rep, err := l.Run(context.Background(), lint.Options{Paths: []string{dir}, NoInlineIgnores: true})
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range rep.Errors {
				t.Errorf("LNT002 %s: %s", e.Location, e.Message)
			}
			reported := map[string]map[model.Location]bool{}
			for _, f := range rep.Findings {
				if reported[f.RuleID] == nil {
					reported[f.RuleID] = map[model.Location]bool{}
				}
				l := f.Location
				l.Column = 0
				reported[f.RuleID][l] = true
			}
			at := func(rule string, loc model.Location) bool {
				loc.Column = 0
				return reported[rule][loc]
			}
			what := func(loc model.Location) string { return lines[[2]string{loc.File, fmt.Sprint(loc.Line)}] }

			// Brokers: every property Kafka cannot parse is invalid in the
			// model, and KAF011 reports every invalid one at its line.
			checked := 0
			for _, br := range m.Brokers {
				for _, p := range br.Properties {
					cp, ok := kcat.Broker(p.Key)
					if !ok || p.Secret != "" || p.Unresolved {
						continue
					}
					checked++
					if kafkaRejects(cp.Type, p.Value) && p.Invalid == "" {
						t.Errorf("broker %s: %s=%q (%s) is not a %s Kafka accepts, but the model does not say it is invalid", br.Service, p.Var, p.Value, p.Key, cp.Type)
					}
					if p.Invalid != "" && p.Known && p.RemovedIn == "" && !at("KAF011", p.Loc) {
						t.Errorf("broker %s: %s=%q is invalid (%s) but KAF011 does not report it at %s", br.Service, p.Var, p.Value, p.Invalid, p.Loc)
					}
				}
				for key, cv := range br.Config {
					cp, ok := kcat.Broker(key)
					if !ok || !cv.Set || cv.Unresolved || cv.Secret != "" {
						continue
					}
					if kafkaRejects(cp.Type, cv.Value) && (cv.Num != nil || cv.Ms != nil || cv.Bool != nil || cv.Invalid == "") {
						t.Errorf("broker %s: config %s=%q is no %s, but the model gives it num=%v ms=%v bool=%v invalid=%q", br.Service, key, cv.Value, cp.Type, cv.Num, cv.Ms, cv.Bool, cv.Invalid)
					}
				}
			}
			if checked < 300 {
				t.Errorf("only %d broker properties checked", checked)
			}

			// Spark: every setting Spark cannot parse is invalid, and
			// SPK006 reports every invalid one at its line.
			checked = 0
			for _, app := range m.Apps {
				for key, sv := range app.Settings {
					k, ok := scat.Lookup(key)
					for _, s := range sv.All {
						if s.Unresolved || s.Secret != "" {
							continue
						}
						checked++
						if ok && sparkRejects(k.Type, s.Value) && s.Invalid == "" {
							t.Errorf("app %s: %s=%q (%s at %s) is no %s Spark accepts, but the model does not say it is invalid", app.ID, key, s.Value, s.Source, s.Loc, k.Type)
						}
						if s.Invalid != "" && !at("SPK006", s.Loc) {
							t.Errorf("app %s: %s=%q is invalid (%s) but SPK006 does not report it at %s (%s)", app.ID, key, s.Value, s.Invalid, s.Loc, what(s.Loc))
						}
					}
				}
				for _, st := range append(append([]model.Stream{}, app.Sources...), app.Sinks...) {
					if st.Format != "kafka" {
						continue
					}
					for name, o := range st.Options {
						if o.Invalid != "" && !at("SPK013", *o.Loc) {
							t.Errorf("app %s: option %s=%q is invalid (%s) but SPK013 does not report it", app.ID, name, o.Value, o.Invalid)
						}
					}
				}
			}
			if checked < 40 {
				t.Errorf("only %d Spark settings checked", checked)
			}
			for _, wk := range m.Workers {
				for _, wv := range []model.Value{wk.MemoryBytes, wk.Cores} {
					if wv.Invalid != "" && wv.Loc != nil && !at("SPK006", *wv.Loc) {
						t.Errorf("worker %s: %s=%q is invalid (%s) but SPK006 does not report it", wk.Service, wv.Var, wv.Value, wv.Invalid)
					}
				}
			}
		})
	}
}

// TestNastyValuesTyped puts every nasty value through the parser of every
// typed key: each broker property of the catalog, each Spark key, each
// Kafka source option. A value Kafka or Spark rejects (by the oracles
// above, written without checker/kafka or checker/spark) is invalid and
// has no typed field; a typed field is always finite; a fix KAF011
// proposes is a value Kafka accepts.
func TestNastyValuesTyped(t *testing.T) {
	kcat, err := kafka.LoadCatalog()
	if err != nil {
		t.Fatal(err)
	}
	scat, err := spark.LoadCatalog()
	if err != nil {
		t.Fatal(err)
	}
	finite := func(f *float64) bool { return f == nil || !math.IsNaN(*f) && !math.IsInf(*f, 0) }
	for _, v := range nastyValues {
		for _, name := range kcat.BrokerNames() {
			p, _ := kcat.Broker(name)
			cerr := p.Check(v)
			if kafkaRejects(p.Type, v) && cerr == nil {
				t.Errorf("broker %s (%s) = %q: Kafka rejects it, Check accepts it", name, p.Type, v)
			}
			typed := model.Value{Value: v}
			if cerr == nil {
				p.Typed(&typed)
			}
			if !finite(typed.Num) || !finite(typed.Ms) {
				t.Errorf("broker %s = %q: num %v ms %v", name, v, *typed.Num, typed.Ms)
			}
			if cerr == nil {
				continue
			}
			fix := p.Fix(v, cerr)
			if fix == nil || fix.Key == "" {
				continue
			}
			fp, ok := kcat.Broker(fix.Key)
			if !ok {
				t.Errorf("broker %s = %q: the fix names %s, no property", name, v, fix.Key)
			} else if err := fp.Check(fix.Value); err != nil {
				t.Errorf("broker %s = %q: the fix %s=%q is invalid too: %v", name, v, fix.Key, fix.Value, err)
			}
		}
		for _, k := range scat.Keys() {
			if k.Removed || k.NeverExisted || !strings.HasPrefix(k.Name, "spark.") || strings.ContainsAny(k.Name, "<>*") {
				continue
			}
			st := model.Setting{Key: k.Name, Value: v}
			invalid := scat.CheckSetting(k.Name, st)
			if sparkRejects(k.Type, v) && invalid == "" {
				t.Errorf("spark %s (%s) = %q: Spark rejects it, the model does not say so", k.Name, k.Type, v)
			}
			typed := model.Value{Value: v}
			scat.Normalise(k.Name, &typed)
			if !finite(typed.Num) || !finite(typed.Ms) {
				t.Errorf("spark %s = %q: num %v ms %v", k.Name, v, typed.Num, typed.Ms)
			}
			if invalid != "" && !strings.Contains(invalid, "has no unit") && (typed.Num != nil || typed.Ms != nil || typed.Bool != nil) {
				t.Errorf("spark %s = %q is invalid (%s) but typed: num %v ms %v bool %v", k.Name, v, invalid, typed.Num, typed.Ms, typed.Bool)
			}
		}
		for _, name := range []string{"maxOffsetsPerTrigger", "minOffsetsPerTrigger", "minPartitions", "maxRecordsPerPartition", "failOnDataLoss",
			"startingTimestamp", "maxTriggerDelay", "fetchOffset.numRetries", "includeHeaders", "kafkaConsumer.pollTimeoutMs", "kafka.max.partition.fetch.bytes"} {
			o := model.Setting{Key: name, Value: v}
			typed := model.Value{Value: v, Invalid: scat.CheckKafkaOption(o, true, true)}
			if typed.Invalid == "" {
				scat.TypeOption(name, true, &typed)
			}
			if !finite(typed.Num) || !finite(typed.Ms) {
				t.Errorf("option %s = %q: num %v ms %v", name, v, typed.Num, typed.Ms)
			}
			opt, _ := scat.KafkaSourceOption(name)
			if typ := opt.Type; (typ == "int" || typ == "long" || typ == "boolean") && javaRejectsUntrimmed(typ, v) && typed.Invalid == "" {
				t.Errorf("option %s (%s) = %q: the source rejects it, the model does not say so", name, typ, v)
			}
		}
	}
}

// javaRejectsUntrimmed: toInt, toLong and toBoolean of a source option,
// which the Kafka source does not trim.
func javaRejectsUntrimmed(typ, value string) bool {
	if strings.TrimFunc(value, func(r rune) bool { return r <= ' ' }) != value {
		return true
	}
	return kafkaRejects(typ, value)
}
