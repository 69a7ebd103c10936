package lint_test

import (
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// TestSecretSharedThroughAnAnchor: a secret that several services get from
// one YAML anchor is one finding where it is written, naming the
// services, with each service as a related location (before: one finding
// per service, merged into one message that repeated the sentence).
func TestSecretSharedThroughAnAnchor(t *testing.T) {
	dir := filepath.Join(repoRoot(t), "fixtures", "rules", "SEC001", "bad", "anchor")
	_, rep := runDir(t, dir)
	var n int
	for _, f := range rep.Findings {
		if f.RuleID != "SEC001" {
			continue
		}
		n++
		if strings.Count(f.Message, "written literally") != 1 {
			t.Errorf("message repeats itself: %s", f.Message)
		}
		if !strings.Contains(f.Message, `shared by services "airflow-scheduler", "airflow-webserver", "airflow-worker"`) {
			t.Errorf("message does not name the services: %s", f.Message)
		}
		if len(f.Related) != 3 {
			t.Errorf("related = %+v, want the 3 services", f.Related)
		}
	}
	if n != 1 {
		t.Errorf("%d SEC001 findings, want 1", n)
	}
}

// TestSecretInAFileMountedByProjects: one JAAS file mounted by the brokers
// of two compose projects of one directory is one finding with one
// message (before: each project's message, joined by "; "), each related
// place once (before: the same secret's other line twice), and each
// mounting service as a related place.
func TestSecretInAFileMountedByProjects(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "jaas", "kafka_server.conf"), `KafkaServer {
    org.apache.kafka.common.security.plain.PlainLoginModule required
    username="admin"
    password="Canary-Jaas-Secret-1"
    user_admin="Canary-Jaas-Secret-1";
};
`)
	for _, name := range []string{"broker", "kafka"} {
		write(t, filepath.Join(dir, "ui-"+name+".yaml"), `services:
  `+name+`:
    image: confluentinc/cp-kafka:7.8.0
    environment:
      KAFKA_NODE_ID: 1
      KAFKA_PROCESS_ROLES: broker,controller
      KAFKA_OPTS: "-Djava.security.auth.login.config=/etc/kafka/jaas/kafka_server.conf"
    volumes:
      - ./jaas:/etc/kafka/jaas
`)
	}
	_, rep := runDir(t, dir)
	var got []string
	for _, f := range rep.Findings {
		if f.RuleID != "SEC001" {
			continue
		}
		got = append(got, f.Message)
		if strings.Contains(f.Message, "; KafkaServer") || strings.Count(f.Message, "written literally") != 1 {
			t.Errorf("message joins several: %s", f.Message)
		}
		var related []string
		for _, r := range f.Related {
			related = append(related, fmt.Sprintf("%s: %s", r.Location, r.Message))
		}
		want := []string{
			"jaas/kafka_server.conf:5:17: the same secret, as KafkaServer user_admin",
			`ui-broker.yaml:2:3: service "broker" mounts this file`,
			`ui-kafka.yaml:2:3: service "kafka" mounts this file`,
		}
		if !reflect.DeepEqual(related, want) {
			t.Errorf("related:\n got %q\nwant %q", related, want)
		}
	}
	if len(got) != 1 {
		t.Errorf("SEC001 findings %q, want one", got)
	}
}
