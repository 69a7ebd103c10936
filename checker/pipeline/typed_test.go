package pipeline

import (
	"slices"
	"testing"

	"github.com/streamlint/streamlint/checker/model"
)

// TestTypedBrokerValues: the model hands policies typed values (num, ms,
// bool, voters, release numbers), or invalid and none of them, never a
// string a policy would have to parse.
func TestTypedBrokerValues(t *testing.T) {
	p := buildDir(t, map[string]string{"compose.yaml": `services:
  kafka:
    image: confluentinc/cp-kafka:7.6.1
    environment:
      KAFKA_NODE_ID: " 2 "
      KAFKA_PROCESS_ROLES: broker,controller
      KAFKA_CONTROLLER_QUORUM_VOTERS: "2@kafka:9093, 3@[::1]:9093,x@y:1,9999999999@z:9093"
      KAFKA_LOG_RETENTION_HOURS: "24h"
      KAFKA_LOG_SEGMENT_BYTES: "1e400"
      KAFKA_NUM_PARTITIONS: "NaN"
      KAFKA_AUTO_CREATE_TOPICS_ENABLE: "FALSE"
      KAFKA_LOG_CLEANER_MIN_CLEANABLE_RATIO: "Infinity"
      KAFKA_HEAP_OPTS: "-Xmx99999999999999999999g"
`})
	if len(p.Brokers) != 1 {
		t.Fatalf("brokers: %+v", p.Brokers)
	}
	b := p.Brokers[0]
	if !slices.Equal(b.KafkaRelease, []int{3, 6}) {
		t.Errorf("kafka_release %v, want [3 6]", b.KafkaRelease)
	}
	if v := b.Config["node.id"]; v.Num == nil || *v.Num != 2 {
		t.Errorf("node.id: %+v", v)
	}
	want := []model.Voter{{ID: 2, Host: "kafka", Port: "9093", Text: "2@kafka:9093"}, {ID: 3, Host: "::1", Port: "9093", Text: "3@[::1]:9093"}}
	if v := b.Config["controller.quorum.voters"]; !slices.Equal(v.Voters, want) {
		t.Errorf("voters %+v, want %+v", v.Voters, want)
	}
	for _, key := range []string{"log.retention.hours", "log.segment.bytes", "num.partitions", "log.cleaner.min.cleanable.ratio"} {
		v := b.Config[key]
		if v.Invalid == "" || v.Num != nil || v.Ms != nil {
			t.Errorf("%s=%q: invalid %q num %v ms %v; want invalid and no number", key, v.Value, v.Invalid, v.Num, v.Ms)
		}
	}
	if v := b.Config["auto.create.topics.enable"]; v.Bool == nil || *v.Bool {
		t.Errorf("auto.create.topics.enable: %+v", v)
	}
	if b.Heap.Num != nil {
		t.Errorf("a heap the JVM cannot size has a number: %v", *b.Heap.Num)
	}
	for _, pr := range b.Properties {
		if pr.Key == "log.cleaner.min.cleanable.ratio" && !pr.Accepted {
			t.Errorf("Infinity for a double: Kafka starts with it (accepted): %+v", pr)
		}
		if pr.Key == "log.retention.hours" && pr.Invalid == "" {
			t.Errorf("24h is no int: %+v", pr)
		}
	}
}

// TestTypedSparkValues: Spark settings, options and versions typed as
// Spark reads them; NaN and infinity are invalid, never a number.
func TestTypedSparkValues(t *testing.T) {
	p := buildDir(t, map[string]string{
		"spark-defaults.conf": "spark.memory.fraction NaN\nspark.executor.cores 4\nspark.streaming.backpressure.enabled TRUE\nspark.task.cpus 1e400\n",
		"app.py": `from pyspark.sql import SparkSession
spark = SparkSession.builder.getOrCreate()
df = (spark.readStream.format("kafka")
    .option("subscribe", "t")
    .option("maxOffsetsPerTrigger", "1_000")
    .option("minOffsetsPerTrigger", "500")
    .option("failOnDataLoss", "False")
    .load())
`,
	})
	if len(p.Apps) != 1 {
		t.Fatalf("apps: %+v", p.Apps)
	}
	a := p.Apps[0]
	if v := a.Settings["spark.memory.fraction"]; v.Num != nil || v.Invalid == "" {
		t.Errorf("NaN fraction: %+v", v.Value)
	}
	if v := a.Settings["spark.task.cpus"]; v.Num != nil || v.Invalid == "" {
		t.Errorf("1e400 task cpus: %+v", v.Value)
	}
	if v := a.Settings["spark.executor.cores"]; v.Num == nil || *v.Num != 4 {
		t.Errorf("cores: %+v", v.Value)
	}
	if v := a.Settings["spark.streaming.backpressure.enabled"]; v.Bool == nil || !*v.Bool {
		t.Errorf("backpressure: %+v", v.Value)
	}
	o := a.Sources[0].Options
	if v := o["maxOffsetsPerTrigger"]; v.Num != nil || v.Invalid == "" {
		t.Errorf("1_000 is no long for the source: %+v", v)
	}
	if v := o["minOffsetsPerTrigger"]; v.Num == nil || *v.Num != 500 {
		t.Errorf("minOffsetsPerTrigger: %+v", v)
	}
	if v := o["failOnDataLoss"]; v.Bool == nil || *v.Bool {
		t.Errorf("failOnDataLoss: %+v", v)
	}
}

func TestReleaseNumbers(t *testing.T) {
	cases := []struct {
		in      string
		leading bool
		want    []int
	}{
		{"3.7", true, []int{3, 7}}, {"3.7.0-debian-12-r3", true, []int{3, 7}}, {"3", true, nil}, {"abc", true, nil},
		{"v3.7", true, nil}, {"99999999999999999999.1", true, nil}, {"3.5.1", false, []int{3, 5, 1}}, {"3.5", false, []int{3, 5}},
		{"3.5-preview", false, nil}, {"", false, nil}, {"1e400", false, nil},
	}
	for _, c := range cases {
		if got := model.ReleaseNumbers(c.in, c.leading); !slices.Equal(got, c.want) {
			t.Errorf("ReleaseNumbers(%q, %v) = %v, want %v", c.in, c.leading, got, c.want)
		}
	}
}
