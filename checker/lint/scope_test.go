package lint_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestProjectsWithoutKafkaOrSparkAreNotJudged: a compose project with no
// Kafka or Spark in it (Airflow, Keycloak, a documentation site beside the
// pipeline) gets no LNT003 for its unset variables and no load error for
// what docker compose would refuse: a note (before: warnings and errors
// on public repositories' unrelated compose files failed the gate). The
// same file with a broker in it is judged.
func TestProjectsWithoutKafkaOrSparkAreNotJudged(t *testing.T) {
	const airflow = "services:\n  webserver:\n    image: apache/airflow:2.9.0\n    environment:\n      AIRFLOW_UID: ${AIRFLOW_UID}\n    depends_on:\n      - airflow-metadata-db\n"
	const broker = "  kafka:\n    image: confluentinc/cp-kafka:7.6.1\n    environment:\n      KAFKA_BROKER_ID: 1\n      KAFKA_ZOOKEEPER_CONNECT: zk:2181\n"
	for _, tt := range []struct {
		name    string
		compose string
		judged  bool
	}{
		{"airflow alone", airflow, false},
		{"airflow beside a broker", airflow + broker, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, "docker-compose.yml"), []byte(tt.compose), 0o644); err != nil {
				t.Fatal(err)
			}
			_, rep := runDir(t, dir)
			var lnt003 int
			for _, f := range rep.Findings {
				if f.RuleID == "LNT003" {
					lnt003++
				}
			}
			refused := 0
			for _, e := range rep.Errors {
				if strings.Contains(e.Message, `depends on "airflow-metadata-db"`) {
					refused++
				}
			}
			noted := 0
			for _, n := range rep.Notes {
				if strings.Contains(n.Message, `depends on "airflow-metadata-db"`) {
					noted++
				}
			}
			if tt.judged && (lnt003 != 1 || refused != 1) {
				t.Errorf("judged project: %d LNT003, %d errors, want 1 and 1 (errors %+v)", lnt003, refused, rep.Errors)
			}
			if !tt.judged && (lnt003 != 0 || refused != 0 || noted != 1) {
				t.Errorf("project without Kafka or Spark: %d LNT003, %d errors, %d notes, want 0, 0, 1", lnt003, refused, noted)
			}
		})
	}
}
