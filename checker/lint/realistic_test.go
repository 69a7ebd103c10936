package lint_test

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"testing"
)

// realisticWant is one finding a realistic fixture must give: rule id and
// the file:line (relative to the fixture directory) it points at.
type realisticWant struct {
	rule string
	file string
	line int
}

// realisticFixtures lists, for each directory of fixtures/realistic, every
// finding it must give under the default (prod) profile, each with why it
// is right. Any other finding is a false alarm and fails the test. An
// expected finding of a rule that is not (yet) in the rule set is not
// required, so the list can say what a rule must report before it lands.
//
// Fixtures are modelled on how people run these images (Confluent's
// cp-all-in-one KRaft examples, the bitnami/kafka and bitnami/spark
// READMEs, the apache/kafka file-input docs, wurstmeister/kafka-docker);
// they are development setups, so the findings are the production risks
// such setups really carry.
var realisticFixtures = map[string][]realisticWant{
	// apache/kafka:3.8.0 with a server.properties mounted at
	// /mnt/shared/config, data on a named volume.
	"apache-mounted-file": {
		// log.retention.bytes is not in the file: -1, size never bounds retention.
		{"KAF002", "docker-compose.yml", 4},
		// default.replication.factor is not in the file: Kafka's default 1.
		{"KAF006", "docker-compose.yml", 4},
		// auto.create.topics.enable is not in the file: Kafka's default true.
		{"KAF015", "docker-compose.yml", 4},
		// num.partitions=1 written in the file, below kafka.min_partitions (3).
		{"KAF005", "kafka-config/server.properties", 22},
	},
	// bitnami/kafka:3.7 single KRaft node as the README shows it. The
	// advertised listener PLAINTEXT://:9092 (empty host: the container's
	// hostname) must not be taken for 0.0.0.0 or localhost (KAF013), and the
	// bitnami baseline's RF 1 / min ISR 1 internal topics fit one broker
	// (no KAF007/KAF008).
	"bitnami-kraft-single": {
		{"KAF002", "docker-compose.yml", 4}, // no log.retention.bytes: unbounded
		{"KAF005", "docker-compose.yml", 4}, // num.partitions=1 from the image's packaged server.properties
		{"KAF006", "docker-compose.yml", 4}, // default.replication.factor=1 (Kafka default)
		{"KAF015", "docker-compose.yml", 4}, // auto.create.topics.enable=true (Kafka default)
	},
	// confluentinc/cp-kafka:7.6.1, three dedicated controllers and three
	// brokers sharing YAML anchors. Controllers are not brokers: nothing is
	// reported on them. Brokers: no retention, no partitions, no RF, no
	// volume. The internal topics' RF 3 and min ISR 2 fit 3 brokers.
	"confluent-kraft-cluster": func() []realisticWant {
		var out []realisticWant
		for _, line := range []int{54, 68, 80} { // broker-1, broker-2, broker-3
			out = append(out,
				realisticWant{"KAF001", "docker-compose.yml", line}, // no log.retention.{ms,minutes,hours}: 168 h silently
				realisticWant{"KAF002", "docker-compose.yml", line}, // log.retention.bytes -1
				realisticWant{"KAF005", "docker-compose.yml", line}, // num.partitions 1 (default)
				realisticWant{"KAF006", "docker-compose.yml", line}, // default.replication.factor 1 (default) although 3 brokers exist
				realisticWant{"KAF015", "docker-compose.yml", line}, // auto.create.topics.enable true (default)
				realisticWant{"KAF018", "docker-compose.yml", line}, // /var/lib/kafka/data is only the image's anonymous volume
			)
		}
		return out
	}(),
	// cp-all-in-one style: one combined KRaft node, Schema Registry and
	// Connect reaching it by broker:29092 (*BOOTSTRAP* variables), the host
	// by localhost:9092: no KAF013 (localhost is not the only advertised
	// address) and Connect's *_REPLICATION_FACTOR: 1 are not broker settings.
	"confluent-all-in-one": {
		{"KAF001", "docker-compose.yml", 6},  // no time retention: 168 h silently
		{"KAF002", "docker-compose.yml", 6},  // log.retention.bytes -1
		{"KAF005", "docker-compose.yml", 6},  // num.partitions 1 (default)
		{"KAF006", "docker-compose.yml", 6},  // default.replication.factor 1 (default)
		{"KAF015", "docker-compose.yml", 6},  // auto.create.topics.enable true (default)
		{"KAF018", "docker-compose.yml", 28}, // KAFKA_LOG_DIRS=/tmp/kraft-combined-logs is not on a volume
	},
	// A Scala DStream job (backpressure, maxRatePerPartition, graceful stop
	// all set in SparkConf) against a single cp-kafka broker with ZooKeeper
	// whose retention, partitions and internal topics are set for one broker.
	"dstream": {
		{"KAF006", "docker-compose.yml", 12}, // default.replication.factor 1 on a single broker
		{"KAF015", "docker-compose.yml", 12}, // auto.create.topics.enable true (default)
	},
	// Production-grade: must be silent (also TestProductionFixtureIsClean).
	"production": {},
	// bitnami/spark:3.5 master and two workers (YAML anchor and alias), a
	// spark-defaults.conf of common keys (eventLog, history, adaptive, a
	// spark.hadoop.* key), SPARK_WORKER_MEMORY=2G with an upper-case unit.
	"spark-standalone-cluster": {},
	// A PySpark Structured Streaming job, tutorial style: no rate limit,
	// earliest offsets, a console sink without checkpoint.
	"structured-streaming": {
		{"KAF006", "docker-compose.yml", 4}, // default.replication.factor 1 on a single broker
		{"KAF015", "docker-compose.yml", 4}, // auto.create.topics.enable true (default)
		// log.segment.bytes=1 GiB from the bitnami packaged server.properties
		// is not below log.retention.bytes=1 GiB: a partition holds up to 2 GiB.
		{"KAF003", "docker-compose.yml", 16},
		// No maxOffsetsPerTrigger: after a backlog one batch is 1 GiB x 3
		// partitions of retained data, far above the executor's memory.
		{"CAP001", "jobs/sessionize_clicks.py", 16},
		{"SPK002", "jobs/sessionize_clicks.py", 16}, // no maxOffsetsPerTrigger on the Kafka source
		// startingOffsets=earliest without a rate limit: the first batch is
		// the whole retained topic.
		{"SPK011", "jobs/sessionize_clicks.py", 19},
		// console sink without checkpointLocation: a temporary checkpoint.
		{"SPK010", "jobs/sessionize_clicks.py", 32},
	},
	// wurstmeister/kafka:2.13-2.8.1 in ZooKeeper mode with KAFKA_CREATE_TOPICS.
	"wurstmeister-zookeeper": {
		{"KAF002", "docker-compose.yml", 10}, // no log.retention.bytes
		{"KAF005", "docker-compose.yml", 10}, // num.partitions=1 from the image's packaged server.properties
		{"KAF006", "docker-compose.yml", 10}, // default.replication.factor 1
		{"KAF015", "docker-compose.yml", 10}, // auto.create.topics.enable true
		{"KAF018", "docker-compose.yml", 10}, // /kafka/kafka-logs-$HOSTNAME is not on a volume
		// clicks:3:1 and page-views:3:1:compact are created with RF 1 (one
		// finding at the variable, naming both topics).
		{"KAF006", "docker-compose.yml", 23},
	},
}

func (w realisticWant) String() string { return fmt.Sprintf("%s %s:%d", w.rule, w.file, w.line) }

// TestRealisticFixtures runs every fixture of fixtures/realistic and
// compares its findings with realisticFixtures exactly.
func TestRealisticFixtures(t *testing.T) {
	root := filepath.Join(repoRoot(t), "fixtures", "realistic")
	entries, err := os.ReadDir(root)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		name := e.Name()
		seen[name] = true
		wants, ok := realisticFixtures[name]
		if !ok {
			t.Errorf("fixtures/realistic/%s has no expectation in realisticFixtures", name)
			continue
		}
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			dir := filepath.Join(root, name)
			l, rep := runDir(t, dir)
			for _, e := range rep.Errors {
				t.Errorf("load error: %+v", e)
			}
			registered := map[string]bool{}
			for _, r := range l.Rules() {
				registered[r.ID] = true
			}
			want := map[realisticWant]bool{}
			for _, w := range wants {
				if want[w] {
					t.Errorf("expectation listed twice: %s", w)
				}
				want[w] = true
			}
			got := map[realisticWant]bool{}
			var unexpected []string
			for _, f := range rep.Findings {
				g := realisticWant{f.RuleID, f.File, f.Line}
				got[g] = true
				if !want[g] {
					unexpected = append(unexpected, fmt.Sprintf("%s:%d:%d %s %s", f.File, f.Line, f.Column, f.RuleID, f.Message))
				}
			}
			sort.Strings(unexpected)
			for _, u := range unexpected {
				t.Errorf("false alarm (not in realisticFixtures[%q]): %s", name, u)
			}
			for _, w := range wants {
				if !got[w] && registered[w.rule] {
					t.Errorf("expected %s, not reported", w)
				}
			}
		})
	}
	for name := range realisticFixtures {
		if !seen[name] {
			t.Errorf("realisticFixtures lists %q, which is not a directory of fixtures/realistic", name)
		}
	}
}

// TestProductionFixtureIsClean: the correct production-grade pipeline
// (three brokers, RF 3, min ISR 2, bounded retention, volumes, heap below
// the memory limits, a rate-limited Structured Streaming job with a
// checkpoint, executors that fit the workers) gives no finding at all under
// the prod profile, and no load error or note.
func TestProductionFixtureIsClean(t *testing.T) {
	dir := filepath.Join(repoRoot(t), "fixtures", "realistic", "production")
	_, rep := runDir(t, dir)
	for _, e := range rep.Errors {
		t.Errorf("load error: %+v", e)
	}
	for _, n := range rep.Notes {
		t.Errorf("note: %+v", n)
	}
	for _, f := range rep.Findings {
		t.Errorf("%s:%d:%d %s %s", f.File, f.Line, f.Column, f.RuleID, f.Message)
	}
	if rep.Files < 3 {
		t.Errorf("only %d files checked", rep.Files)
	}
	// The model must have understood the pipeline, or silence proves nothing.
	m := buildModel(t, dir)
	if len(m.Brokers) != 3 {
		t.Errorf("%d brokers, want 3", len(m.Brokers))
	}
	if len(m.Apps) != 1 || m.Apps[0].Kind != "structured" || len(m.Apps[0].Sources) != 1 {
		t.Fatalf("want one structured app with one Kafka source, got %+v", m.Apps)
	}
	if len(m.Topics) != 1 || m.Topics[0].Partitions != 6 || m.Topics[0].ReplicationFactor != 3 {
		t.Errorf("want topic orders with 6 partitions and RF 3, got %+v", m.Topics)
	}
}
