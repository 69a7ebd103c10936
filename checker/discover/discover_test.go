package discover

import (
	"context"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

func tree(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// summary renders pipelines as "root: compose... | files..." relative to dir.
func summary(dir string, res *Result) []string {
	rel := func(p string) string {
		r, _ := filepath.Rel(dir, p)
		return filepath.ToSlash(r)
	}
	var out []string
	for _, p := range res.Groups {
		var c, f []string
		for _, x := range p.Compose {
			c = append(c, rel(x))
		}
		for _, x := range p.Files {
			f = append(f, rel(x.Path)+"("+string(x.Kind)+")")
		}
		out = append(out, rel(p.Root)+": "+strings.Join(c, ",")+" | "+strings.Join(f, ","))
	}
	sort.Strings(out)
	return out
}

const services = "services:\n  a:\n    image: busybox\n"

func TestDiscoverGroupsPipelines(t *testing.T) {
	dir := tree(t, map[string]string{
		"compose.yaml":                services,
		"compose.override.yaml":       services,
		"zk-single-kafka-single.yml":  "# comment\nservices:\n  kafka:\n    image: x\n",
		"k8s/deployment.yaml":         "apiVersion: v1\nkind: Pod\n",
		"conf/spark-defaults.conf":    "spark.master local[2]\n",
		"jobs/job.py":                 "from pyspark.sql import SparkSession\n",
		"jobs/util.py":                "def helper():\n    pass\n",
		"jobs/app.properties":         "spark.executor.memory=1g\n",
		"other.properties":            "foo=bar\n",
		"sub/docker-compose.yml":      services,
		"sub/job.scala":               "object X { val ssc = new StreamingContext(conf, Seconds(1)) }\n",
		"vendor/compose.yaml":         services,
		"node_modules/x/compose.yaml": services,
		"ignored/compose.yaml":        services,
		".gitignore":                  "ignored/\n*.tmp.yml\n",
		"scratch.tmp.yml":             services,
	})
	res, err := Discover(context.Background(), []string{dir}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	got := summary(dir, res)
	want := []string{
		".: compose.yaml,compose.override.yaml | conf/spark-defaults.conf(spark-defaults),jobs/app.properties(spark-properties),jobs/job.py(job)",
		".: zk-single-kafka-single.yml | conf/spark-defaults.conf(spark-defaults),jobs/app.properties(spark-properties),jobs/job.py(job)",
		"sub: sub/docker-compose.yml | sub/job.scala(job)",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("pipelines:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestExplicitFileLoadsItsPipeline(t *testing.T) {
	dir := tree(t, map[string]string{
		"docker-compose.yml":       services,
		"jobs/job.py":              "spark = SparkSession.builder.getOrCreate()\n",
		"conf/spark-defaults.conf": "spark.master local\n",
		"elsewhere/compose.yaml":   services,
		"odd-name.yaml":            "not: compose\n",
	})
	t.Chdir(dir)
	res, err := Discover(context.Background(), []string{"jobs/job.py", "odd-name.yaml"}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	got := summary(dir, res)
	if len(got) != 1 || !strings.HasPrefix(got[0], ".: docker-compose.yml | conf/spark-defaults.conf") {
		t.Errorf("pipelines: %v", got)
	}
	if len(res.Skipped) != 1 || !strings.Contains(res.Skipped[0].Reason, "services") {
		t.Errorf("a named YAML file that is not compose should be skipped with a reason: %+v", res.Skipped)
	}
	if !res.Named[filepath.Join(dir, "jobs", "job.py")] {
		t.Error("named file not recorded")
	}
	for _, g := range got {
		if strings.Contains(g, "elsewhere") {
			t.Errorf("unrelated pipeline loaded: %s", g)
		}
	}
}

func TestMissingPathIsAProblem(t *testing.T) {
	res, err := Discover(context.Background(), []string{filepath.Join(t.TempDir(), "nope")}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Problems) != 1 {
		t.Fatalf("problems: %+v", res.Problems)
	}
}

func TestGitignore(t *testing.T) {
	rules := newIgnoreSet()
	rules.add("", ".gitignore", []byte("# c\n/build\n*.log\n!keep.log\ndocs/**/gen.yml\ntmp/\nx*z.yml\n"))
	cases := []struct {
		path string
		dir  bool
		want bool
	}{
		{"build", true, true},
		{"sub/build", true, false},
		{"a.log", false, true},
		{"x/keep.log", false, false},
		{"docs/a/b/gen.yml", false, true},
		{"tmp", true, true},
		{"tmp", false, false},
		{"src/main.go", false, false},
		{"a/xyz.yml", false, true},
		{"a/xy.yml", false, false},
	}
	for _, c := range cases {
		if _, got := rules.ignored(c.path, c.dir); got != c.want {
			t.Errorf("ignored(%q, dir=%v) = %v, want %v", c.path, c.dir, got, c.want)
		}
	}
}

func TestOverrideSets(t *testing.T) {
	got := overrideSets([]string{"/d/compose.override.yaml", "/d/compose.yaml", "/d/other.yml", "/d/lonely.override.yml"})
	var s []string
	for _, set := range got {
		s = append(s, strings.Join(set, "+"))
	}
	want := "/d/compose.yaml+/d/compose.override.yaml | /d/lonely.override.yml | /d/other.yml"
	if strings.Join(s, " | ") != want {
		t.Errorf("sets %v, want %s", s, want)
	}
}

func TestSparkOnlyPipelinePerDirectory(t *testing.T) {
	dir := tree(t, map[string]string{
		"a/spark-defaults.conf": "spark.master local\n",
		"a/job.py":              "SparkSession.builder.getOrCreate()\n",
		"b/job.py":              "SparkSession.builder.getOrCreate()\n",
	})
	res, err := Discover(context.Background(), []string{dir}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Join(summary(dir, res), "\n")
	want := "a:  | a/job.py(job),a/spark-defaults.conf(spark-defaults)\nb:  | b/job.py(job)"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestServicesMapping(t *testing.T) {
	t.Parallel()
	tests := []struct {
		head string
		want bool
	}{
		{"services:\n  kafka:\n    image: x\n", true},
		{"version: '3'\nservices:\n\n  # brokers\n  kafka:\n", true},
		{"language: scala\nservices:\n  - docker\n", false}, // .travis.yml
		{"services:\n- docker\n", false},
		{"services:\n", false},
		{"image: x\nservices:\nkafka: 1\n", false}, // not indented: not under services
		// Conduktor's scenario.yaml: another tool's services (title: and tag:
		// are no compose keys; it was taken for a compose override, 44 load
		// errors in conduktor-gateway-demos)
		{"title: mTLS\ntag: security\nservices:\n  kafka1:\n    properties:\n      bootstrap.servers: localhost:19092\n", false},
		{"name: demo\nx-env: &env\n  A: 1\nservices:\n  kafka:\n    image: x\nvolumes:\n  data:\n", true},
	}
	for _, tt := range tests {
		if got := servicesMapping([]byte(tt.head)); got != tt.want {
			t.Errorf("servicesMapping(%q) = %v, want %v", tt.head, got, tt.want)
		}
	}
}

// TestFragmentsAndOverrides: a compose file another one includes or
// extends is read as part of that project, not as a project of its own; a
// file whose services lack an image and a build that a sibling defines is
// an override of that sibling; an include loop stays two projects (the
// loader reports the loop).
func TestFragmentsAndOverrides(t *testing.T) {
	dir := tree(t, map[string]string{
		"app/compose.yaml":              "include:\n  - ../common/kafka.yml\nservices:\n  job:\n    image: spark\n    extends:\n      file: base.yml\n      service: job\n",
		"app/base.yml":                  "services:\n  job:\n    image: spark\n",
		"common/kafka.yml":              "services:\n  kafka:\n    image: apache/kafka:3.8.0\n",
		"stack/docker-compose.yml":      "services:\n  kafka:\n    image: apache/kafka:3.8.0\n  spark:\n    image: bitnami/spark:3.5\n",
		"stack/docker-compose.prod.yml": "services:\n  kafka:\n    environment:\n      KAFKA_NUM_PARTITIONS: 6\n",
		"stack/other.yml":               "services:\n  ui:\n    image: provectuslabs/kafka-ui\n",
		"loop/compose.yaml":             "include: [other.yaml]\nservices:\n  a:\n    image: x\n",
		"loop/other.yaml":               "include: [compose.yaml]\nservices:\n  b:\n    image: x\n",
	})
	res, err := Discover(context.Background(), []string{dir}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"app: app/compose.yaml | ",
		"loop: loop/compose.yaml | ",
		"loop: loop/other.yaml | ",
		"stack: stack/docker-compose.yml,stack/docker-compose.prod.yml | ",
		"stack: stack/other.yml | ",
	}
	got := summary(dir, res)
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("groups:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// named on the command line, a fragment is checked on its own
	res, err = Discover(context.Background(), []string{filepath.Join(dir, "common", "kafka.yml")}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := summary(dir, res); len(got) != 1 || got[0] != "common: common/kafka.yml | " {
		t.Errorf("named fragment: %v", got)
	}
}

// A server.properties kept in a shared directory next to the compose
// examples (the apache/kafka image's file-input example mounts
// ../../fixtures/file-input) is the configuration of the project that
// bind-mounts it (each project that does), not a free-standing file; a
// mount of the whole repository (..:/src in a tools container) claims
// nothing.
func TestMountedFileJoinsItsProject(t *testing.T) {
	props := "process.roles=broker,controller\nnode.id=1\n"
	dir := tree(t, map[string]string{
		"examples/file-input/docker-compose.yml": "services:\n  broker:\n    image: apache/kafka:3.7.0\n    volumes:\n      - ../../fixtures/file-input:/mnt/shared/config\n      - type: bind\n        source: ../../fixtures/jaas/kafka_server_jaas.conf\n        target: /etc/kafka/jaas.conf\n",
		"examples/tools/docker-compose.yml":      "services:\n  tools:\n    image: busybox\n    volumes:\n      - ../..:/src\n",
		"examples/ssl/docker-compose.yml":        "services:\n  broker:\n    image: apache/kafka:3.7.0\n    volumes:\n      - ../../fixtures/file-input/server.properties:/mnt/shared/config/server.properties\n",
		"fixtures/file-input/server.properties":  props,
		"fixtures/jaas/kafka_server_jaas.conf":   "KafkaServer {\n  org.apache.kafka.common.security.plain.PlainLoginModule required;\n};\n",
		"fixtures/unused/server.properties":      props,
	})
	res, err := Discover(context.Background(), []string{dir}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Join(summary(dir, res), "\n")
	want := strings.Join([]string{
		"examples/file-input: examples/file-input/docker-compose.yml | fixtures/file-input/server.properties(kafka-properties),fixtures/jaas/kafka_server_jaas.conf(jaas)",
		"examples/ssl: examples/ssl/docker-compose.yml | fixtures/file-input/server.properties(kafka-properties)",
		"examples/tools: examples/tools/docker-compose.yml | ",
		"fixtures/unused:  | fixtures/unused/server.properties(kafka-properties)",
	}, "\n")
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// A Scala application's Typesafe (HOCON) producer.conf that keeps a
// Confluent Cloud sasl.jaas.config commented out, its credentials from
// ${?VAR} substitutions, is not a JAAS file (it was read as one: the block
// name as a login context, the quoted value as options, two SEC001); JAAS
// files, multi-line or one-line entries, still are.
func TestJAASFileByItsEntries(t *testing.T) {
	dir := tree(t, map[string]string{
		"app/producer.conf": "producer-config {\n  acks = all\n  bootstrap.servers = ${?BOOTSTRAP_SERVERS}\n" +
			"  # sasl.jaas.config = \"org.apache.kafka.common.security.plain.PlainLoginModule required username=\\\"\"${API_KEY}\"\\\";\"\n}\n",
		"app/consumer.conf":        "consumer { sasl.jaas.config = \"org.apache.kafka.common.security.scram.ScramLoginModule required;\" }\n",
		"secrets/broker_jaas.conf": "KafkaServer {\n  org.apache.kafka.common.security.plain.PlainLoginModule required\n  username=\"admin\";\n};\n",
		"secrets/client.jaas":      "KafkaClient { org.apache.kafka.common.security.scram.ScramLoginModule required; };\n",
	})
	res, err := Discover(context.Background(), []string{dir}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Join(summary(dir, res), "\n")
	want := "secrets:  | secrets/broker_jaas.conf(jaas),secrets/client.jaas(jaas)"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// TestThirdPartyTreesAreSkipped: a Spark distribution committed as an
// image's build context (cordon-thiago/airflow-spark: 97 findings in
// Spark's own pyspark library and tests), a virtualenv and installed
// packages hold other projects' code; they are skipped with a note, and
// the project's own jobs are still found.
func TestThirdPartyTreesAreSkipped(t *testing.T) {
	job := "from pyspark.sql import SparkSession\nspark = SparkSession.builder.getOrCreate()\nspark.readStream.format(\"kafka\").load()\n"
	dir := tree(t, map[string]string{
		"docker-compose.yml":                       services,
		"spark/app/job.py":                         job,
		"docker/spark-2.4.5-bin-hadoop2.6/RELEASE": "Spark 2.4.5 built for Hadoop 2.6.5\n",
		"docker/spark-2.4.5-bin-hadoop2.6/python/pyspark/streaming/context.py": job,
		"docker/spark-2.4.5-bin-hadoop2.6/conf/spark-defaults.conf":            "spark.master local\n",
		".venv/pyvenv.cfg": "home = /usr/bin\n",
		".venv/lib/python3.11/site-packages/pyspark/sql/session.py": job,
		"env/lib/python3.11/site-packages/app.py":                   job,
		"tools/RELEASE": "not spark\n",
		"tools/job.py":  job,
	})
	res, err := Discover(context.Background(), []string{dir}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Join(summary(dir, res), "\n")
	for _, want := range []string{"spark/app/job.py(", "tools/job.py("} {
		if !strings.Contains(got, want) {
			t.Errorf("%s not found:\n%s", want, got)
		}
	}
	for _, not := range []string{"spark-2.4.5", ".venv", "site-packages"} {
		if strings.Contains(got, not) {
			t.Errorf("%s walked:\n%s", not, got)
		}
	}
	skipped := skippedText(dir, res)
	for _, want := range []string{
		"docker/spark-2.4.5-bin-hadoop2.6: a Spark distribution: another project's code",
		".venv: a Python virtualenv",
		"env/lib/python3.11/site-packages: installed Python packages",
	} {
		if !strings.Contains(skipped, want) {
			t.Errorf("no note %q in:\n%s", want, skipped)
		}
	}
}

// TestTestSourcesAreNotApps: the job files of a src/test/ directory (the
// test source set of sbt, Maven and Gradle) are tests, never packaged into
// the application: a ScalaTest trait building a StreamingContext on a
// ManualClock (mkuthan/example-spark-kafka's SparkStreamingSpec, reported
// as a Kafka DStream job without a rate limit) or a test writing to the
// memory sink (TwoWheelers' StationAggregationTest, SPK010). One note per
// directory; its properties files, and a test directory given as the
// root, are still checked; so is a tests/ directory of another layout.
func TestTestSourcesAreNotApps(t *testing.T) {
	job := "import org.apache.spark.sql.SparkSession\nobject T { val spark = SparkSession.builder.getOrCreate() }\n"
	dir := tree(t, map[string]string{
		"app/src/main/scala/Main.scala":          job,
		"app/src/test/scala/a/MainTest.scala":    job,
		"app/src/test/scala/b/OtherSpec.scala":   job,
		"app/src/test/python/test_job.py":        "from pyspark.sql import SparkSession\n",
		"app/src/test/resources/test.properties": "bootstrap.servers=localhost:9092\n",
		"py/tests/test_job.py":                   "from pyspark.sql import SparkSession\n",
		"py/src/testing/job.py":                  "from pyspark.sql import SparkSession\n",
	})
	res, err := Discover(context.Background(), []string{dir}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Join(summary(dir, res), "\n")
	for _, want := range []string{"app/src/main/scala/Main.scala(job)", "app/src/test/resources/test.properties(", "py/tests/test_job.py(job)", "py/src/testing/job.py(job)"} {
		if !strings.Contains(got, want) {
			t.Errorf("%s not found:\n%s", want, got)
		}
	}
	if strings.Contains(got, "src/test/scala") || strings.Contains(got, "src/test/python") {
		t.Errorf("test sources checked as jobs:\n%s", got)
	}
	if skipped := skippedText(dir, res); strings.Count(skipped, "test sources") != 1 || !strings.Contains(skipped, "app/src/test: test sources") {
		t.Errorf("want one note for app/src/test, got:\n%s", skipped)
	}
	res, err = Discover(context.Background(), []string{filepath.Join(dir, "app", "src", "test")}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(summary(dir, res), "\n"); !strings.Contains(got, "MainTest.scala(job)") {
		t.Errorf("a test directory given as the root is not checked:\n%s", got)
	}
}

// TestDanglingSymlinks: a link to nothing that discovery would not read
// anyway (spring-cloud-stream-samples' .mvn -> ../.mvn) is passed over; a
// job file linking to nothing is a note; a compose file linking to nothing
// is a problem, as docker compose would fail to read it.
func TestDanglingSymlinks(t *testing.T) {
	dir := tree(t, map[string]string{"docker-compose.yml": services})
	for name, target := range map[string]string{"app/.mvn": "../.mvn", "jobs/job.py": "../../shared/job.py", "other/docker-compose.yml": "../base/docker-compose.yml"} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(target, p); err != nil {
			t.Skipf("symlink: %v", err)
		}
	}
	res, err := Discover(context.Background(), []string{dir}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var problems []string
	for _, p := range res.Problems {
		r, _ := filepath.Rel(dir, p.Path)
		problems = append(problems, filepath.ToSlash(r))
	}
	if got := strings.Join(problems, ","); got != "other/docker-compose.yml" {
		t.Errorf("problems = %q, want only the compose file", got)
	}
	if got := skippedText(dir, res); !strings.Contains(got, "jobs/job.py: a symlink that cannot be followed") || strings.Contains(got, ".mvn") {
		t.Errorf("skipped:\n%s", got)
	}
}
