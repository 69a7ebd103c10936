package pipeline

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/streamlint/streamlint/checker/discover"
	"github.com/streamlint/streamlint/checker/model"
)

// buildResult builds the one pipeline of a directory holding files.
func buildResult(t *testing.T, files map[string]string) (*Result, string) {
	t.Helper()
	dir := t.TempDir()
	for name, text := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	res, err := discover.Discover(context.Background(), []string{dir}, discover.Options{})
	if err != nil || len(res.Groups) != 1 {
		t.Fatalf("discover: %v, %d groups", err, len(res.Groups))
	}
	display := func(abs string) string {
		r, _ := filepath.Rel(dir, abs)
		return filepath.ToSlash(r)
	}
	b, err := NewBuilder(Options{Params: model.DefaultParams(), Display: display})
	if err != nil {
		t.Fatal(err)
	}
	r := b.Build(context.Background(), res.Groups[0])
	if len(r.Errors) > 0 {
		t.Fatalf("build errors: %+v", r.Errors)
	}
	return r, dir
}

func TestBuiltBroker(t *testing.T) {
	t.Parallel()
	r, _ := buildResult(t, map[string]string{
		"compose.yaml": "services:\n  kafka:\n    build:\n      context: ./k\n      args:\n        TAG: 3.7.0\n    environment:\n      KAFKA_LOG_RETENTION_HOURS: 48\n",
		"k/Dockerfile": "ARG TAG=3.6.0\nFROM bitnami/kafka:${TAG}\nENV KAFKA_CFG_NUM_PARTITIONS=6 \\\n    KAFKA_LOG_RETENTION_HOURS=12\nCOPY conf/server.properties /opt/bitnami/kafka/config/server.properties\n",
		// outside a discovered name on purpose: read through the COPY
		"k/conf/server.properties": "num.partitions=2\nlog.retention.hours=24\n",
	})
	p := r.Pipeline
	if len(p.Brokers) != 1 {
		t.Fatalf("brokers = %+v", p.Brokers)
	}
	b := p.Brokers[0]
	if b.Family != "bitnami" || b.KafkaVersion != "3.7" && b.KafkaVersion != "3.7.0" {
		t.Errorf("family %q version %q", b.Family, b.KafkaVersion)
	}
	if !b.MountedConfig || !b.MountedConfigFound {
		t.Errorf("copied server.properties not taken as the broker's file: %+v", b)
	}
	np := b.Config["num.partitions"]
	if np.Value != "2" || np.Loc == nil || np.Loc.File != "k/conf/server.properties" || np.Loc.Line != 1 {
		t.Errorf("num.partitions = %+v (bitnami skips the environment when a file is mounted)", np)
	}
	rel := r.Origins["k/conf/server.properties"]
	if len(rel) != 1 || rel[0].File != "k/Dockerfile" || rel[0].Line != 5 || !strings.Contains(rel[0].Message, `service "kafka"`) {
		t.Errorf("origins = %+v", r.Origins)
	}
}

func TestBuiltClientCommand(t *testing.T) {
	t.Parallel()
	// The Dockerfile's shell-form CMD runs when compose sets no command.
	r, _ := buildResult(t, map[string]string{
		"compose.yaml": "services:\n  init:\n    build: .\n    environment:\n      KAFKA_BOOTSTRAP: kafka:9092\n",
		"Dockerfile":   "FROM confluentinc/cp-kafka:7.6.1\nCMD kafka-topics --bootstrap-server kafka:9092 --create --topic t --partitions 1\n",
	})
	p := r.Pipeline
	if len(p.Topics) != 1 || p.Topics[0].Name != "t" || p.Topics[0].PartitionsLoc.File != "Dockerfile" || p.Topics[0].PartitionsLoc.Line != 2 {
		t.Errorf("topics = %+v", p.Topics)
	}
	for _, s := range p.Services {
		if s.Name == "init" && s.Role != "kafka-client" {
			t.Errorf("role = %q", s.Role)
		}
	}
}

func TestDockerfileNotes(t *testing.T) {
	t.Parallel()
	r, _ := buildResult(t, map[string]string{
		"compose.yaml": "services:\n  a:\n    build: ./a\n  b:\n    build:\n      context: ./b\n      dockerfile: Nope\n  c:\n    build: https://github.com/x/y.git\n",
		"a/Dockerfile": "FROM ${UNSET}\n",
		"b/README":     "no Dockerfile here\n",
	})
	var msgs []string
	for _, n := range r.Notes {
		msgs = append(msgs, n.String()+" "+n.Message)
	}
	joined := strings.Join(msgs, "\n")
	for _, want := range []string{
		`a/Dockerfile:1:6 service "a" is built from a Dockerfile that cannot be followed (FROM ${UNSET}: UNSET not set`,
		`service "b" is built from a Dockerfile that cannot be followed (the Dockerfile b/Nope does not exist)`,
		`service "c": the Dockerfile is not read (a remote build context`,
	} {
		if !strings.Contains(joined, want) {
			t.Errorf("missing note %q in\n%s", want, joined)
		}
	}
}

func TestUnquotedScriptAfterShellC(t *testing.T) {
	t.Parallel()
	r, _ := buildResult(t, map[string]string{
		"compose.yaml": "services:\n  init:\n    image: confluentinc/cp-kafka:7.6.1\n    entrypoint: [\"/bin/sh\", \"-c\"]\n    command: |\n      kafka-topics --create --topic a --partitions 1\n      kafka-topics --create --topic b --partitions 1\n",
	})
	if len(r.Pipeline.Topics) != 0 {
		t.Errorf("sh -c runs the word kafka-topics alone: no topic, got %+v", r.Pipeline.Topics)
	}
	var found bool
	for _, n := range r.Notes {
		found = found || n.Line == 6 && n.Column == 20 && strings.Contains(n.Message, `runs only the first word of this command ("kafka-topics")`)
	}
	if !found {
		t.Errorf("notes = %+v", r.Notes)
	}
}

func TestBuiltSparkDefaults(t *testing.T) {
	t.Parallel()
	// a spark-defaults.conf the Dockerfile copies from a context outside
	// the pipeline's files is read through the COPY and applies to the app
	r, _ := buildResult(t, map[string]string{
		"compose.yaml":      "services:\n  submit:\n    build:\n      context: ./img\n    command: spark-submit --master spark://m:7077 /opt/app.py\n",
		"img/Dockerfile":    "ARG SPARK=3.5.1\nFROM bitnami/spark:${SPARK}\nCOPY defaults.conf $SPARK_HOME/conf/spark-defaults.conf\nENV SPARK_HOME=/opt/bitnami/spark\n",
		"img/defaults.conf": "spark.executor.memory 3g\n",
	})
	if len(r.Pipeline.Apps) != 1 {
		t.Fatalf("apps = %+v", r.Pipeline.Apps)
	}
	a := r.Pipeline.Apps[0]
	v, ok := a.Settings["spark.executor.memory"]
	if !ok || v.Value.Value != "3g" || v.Loc == nil || v.Loc.File != "img/defaults.conf" {
		t.Errorf("spark.executor.memory = %+v", v)
	}
	if a.SparkVersion != "3.5.1" && a.SparkVersion != "3.5" {
		t.Errorf("spark version %q from the Dockerfile's base", a.SparkVersion)
	}
}

// TestBuiltAppMatchedThroughCopy: services built each from a Dockerfile
// that COPYs its own app.py to /app/app.py and spark-submits it (the
// layout of EnricoMGuarnuto/Big_Data_Project's eleven spark-apps) run the
// app of their build context. Before, the submit was matched by file name
// alone, so every CMD attached to the first app.py: one app collected the
// --conf values of all of them (SPK007 "overridden by ... from spark-submit
// (another service's Dockerfile)") and the others none.
func TestBuiltAppMatchedThroughCopy(t *testing.T) {
	t.Parallel()
	app := "from pyspark.sql import SparkSession\nspark = SparkSession.builder.getOrCreate()\n"
	for _, tt := range []struct {
		name, copyLine string
	}{
		{"file", "COPY app.py /app/app.py"},
		{"directory", "COPY . /app/"},
		{"into a directory", "COPY app.py /app/"},
		// not followed: the file name, among the apps of the build context
		{"glob", "COPY *.py /app/"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			files := map[string]string{
				"compose.yaml": "services:\n  sink:\n    build:\n      context: ./apps/sink\n  agg:\n    build:\n      context: ./apps/agg\n",
			}
			for i, name := range []string{"agg", "sink"} {
				files["apps/"+name+"/app.py"] = app
				files["apps/"+name+"/Dockerfile"] = fmt.Sprintf("FROM apache/spark:3.5.1\nWORKDIR /app\n%s\nCMD [\"spark-submit\", \"--conf\", \"spark.sql.shuffle.partitions=%d\", \"/app/app.py\"]\n", tt.copyLine, 4*(i+1))
			}
			r, _ := buildResult(t, files)
			got := map[string]string{}
			for _, a := range r.Pipeline.Apps {
				v := a.Settings["spark.sql.shuffle.partitions"]
				var all []string
				for _, st := range v.All {
					all = append(all, st.Value+"@"+st.Loc.File)
				}
				got[a.File] = strings.Join(all, ",")
			}
			want := map[string]string{"apps/agg/app.py": "4@apps/agg/Dockerfile", "apps/sink/app.py": "8@apps/sink/Dockerfile"}
			for f, w := range want {
				if got[f] != w {
					t.Errorf("%s: spark.sql.shuffle.partitions from %q, want %q (apps %v)", f, got[f], w, got)
				}
			}
		})
	}
}

// TestDockerfileSecretsAreLiterals: a password in a Dockerfile's ENV is
// baked into the image, a literal of the Dockerfile (SEC001), never a
// variable; one set from an unset ARG is a variable.
func TestDockerfileSecretsAreLiterals(t *testing.T) {
	t.Parallel()
	r, _ := buildResult(t, map[string]string{
		"compose.yaml": "services:\n  kafka:\n    build: ./k\n    environment:\n      KAFKA_NODE_ID: 1\n",
		"k/Dockerfile": "FROM apache/kafka:3.8.0\nARG FROM_CI\nENV KAFKA_SSL_KEY_PASSWORD=s3cr3t-baked-in \\\n    KAFKA_SSL_TRUSTSTORE_PASSWORD=${FROM_CI}\n",
	})
	got := map[string]string{}
	for _, svc := range r.Pipeline.Services {
		for _, ref := range svc.Secrets {
			got[ref.Name] = ref.Secret + " at " + ref.Loc.File
		}
	}
	want := map[string]string{
		"KAFKA_SSL_KEY_PASSWORD":        "literal at k/Dockerfile",
		"KAFKA_SSL_TRUSTSTORE_PASSWORD": "variable at k/Dockerfile",
	}
	for k, w := range want {
		if got[k] != w {
			t.Errorf("%s: %q, want %q (all: %v)", k, got[k], w, got)
		}
	}
}

// TestCommandSecrets: a credential written in a command's words is a
// service secret, once per value at its innermost word; references and
// plain addresses are not.
func TestCommandSecrets(t *testing.T) {
	t.Parallel()
	r, _ := buildResult(t, map[string]string{
		"compose.yaml": "services:\n" +
			"  init:\n    image: apache/kafka:3.8.0\n" +
			"    command: [\"bash\", \"-c\", \"kafka-topics.sh --bootstrap-server kafka:9092 --list && curl -f http://admin:hunter2@registry:8081/subjects\"]\n" +
			"  ok:\n    image: apache/kafka:3.8.0\n" +
			"    command: [\"bash\", \"-c\", \"curl -f http://$${REG_USER}:$${REG_PASSWORD}@registry:8081/subjects --retry 3\"]\n",
	})
	var got []string
	for _, svc := range r.Pipeline.Services {
		for _, ref := range svc.Secrets {
			got = append(got, fmt.Sprintf("%s %s %s:%d:%d %s", svc.Name, ref.Name, ref.Loc.File, ref.Loc.Line, ref.Loc.Column, ref.Part))
		}
	}
	want := []string{"init its command compose.yaml:4:94 the password of a URL"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("secrets:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// A cluster whose images copy their own spark-defaults.conf and a history
// server image that copies another: the job gets the cluster's file only
// (was both: SPK007 said one file's spark.rpc.message.maxSize overrode the
// other's); the history server's file is checked as an app of its own. A
// file mounted into a worker as well as the history server stays the
// apps'.
func TestHistoryServerDefaults(t *testing.T) {
	t.Parallel()
	r, _ := buildResult(t, map[string]string{
		"compose.yaml": "services:\n  spark-master:\n    build:\n      context: .\n      dockerfile: spark/Dockerfile.master\n" +
			"  history:\n    build:\n      context: .\n      dockerfile: spark/Dockerfile.history\n" +
			"  spark-worker:\n    image: apache/spark:3.5.1\n    volumes:\n      - ./conf/shared/spark-defaults.conf:/opt/spark/conf/spark-defaults.conf\n" +
			"  logs-ui:\n    image: apache/spark:3.5.1\n    command: [\"/opt/spark/sbin/start-history-server.sh\"]\n    volumes:\n      - ./conf/shared/spark-defaults.conf:/opt/spark/conf/spark-defaults.conf\n",
		"spark/Dockerfile.master":          "FROM apache/spark:3.5.1\nCOPY conf/cluster/spark-defaults.conf /opt/spark/conf/spark-defaults.conf\n",
		"spark/Dockerfile.history":         "FROM apache/spark:3.5.1\nCOPY conf/history/spark-defaults.conf /opt/spark/conf/spark-defaults.conf\nCMD [\"history\"]\n",
		"conf/cluster/spark-defaults.conf": "spark.rpc.message.maxSize 512\n",
		"conf/history/spark-defaults.conf": "spark.rpc.message.maxSize 2047\nspark.history.fs.logDirectory s3a://logs/\n",
		"conf/shared/spark-defaults.conf":  "spark.eventLog.enabled true\n",
		"jobs/stream.py":                   "from pyspark.sql import SparkSession\nspark = SparkSession.builder.getOrCreate()\n",
	})
	apps := map[string]model.App{}
	for _, a := range r.Pipeline.Apps {
		apps[a.ID] = a
	}
	job, ok := apps["jobs/stream.py"]
	if !ok {
		t.Fatalf("apps %v", apps)
	}
	if v := job.Settings["spark.rpc.message.maxSize"]; len(v.All) != 1 || v.All[0].Loc.File != "conf/cluster/spark-defaults.conf" {
		t.Errorf("job's spark.rpc.message.maxSize = %+v, want the cluster's only", v.All)
	}
	if _, ok := job.Settings["spark.eventLog.enabled"]; !ok {
		t.Errorf("the file mounted into a worker too is not the job's")
	}
	history, ok := apps["conf/history/spark-defaults.conf (the Spark history server's)"]
	if !ok {
		t.Fatalf("no history server app in %v", apps)
	}
	if _, ok := history.Settings["spark.history.fs.logDirectory"]; !ok || len(history.Settings) != 2 {
		t.Errorf("history server settings %+v", history.Settings)
	}
}
