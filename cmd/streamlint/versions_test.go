package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestConfiguredKafkaVersion: an image tag that names no Kafka version
// (latest) gives no version-specific KAF017 finding until the configuration
// file's versions: kafka supplies one, which the message then names.
func TestConfiguredKafkaVersion(t *testing.T) {
	dir := t.TempDir()
	compose := `services:
  kafka:
    image: apache/kafka:latest
    environment:
      KAFKA_NODE_ID: 1
      KAFKA_PROCESS_ROLES: broker,controller
      KAFKA_CONTROLLER_QUORUM_VOTERS: 1@kafka:9093
      KAFKA_LISTENERS: PLAINTEXT://:9092,CONTROLLER://:9093
      KAFKA_ADVERTISED_LISTENERS: PLAINTEXT://kafka:9092
      KAFKA_CONTROLLER_LISTENER_NAMES: CONTROLLER
      KAFKA_LOG_MESSAGE_FORMAT_VERSION: "3.0"
`
	if err := os.WriteFile(filepath.Join(dir, "compose.yaml"), []byte(compose), 0o644); err != nil {
		t.Fatal(err)
	}
	kaf017 := func() []string {
		out, _, _ := inDir(t, dir, "", "check", "--format", "json")
		var rep struct {
			Findings []struct {
				RuleID  string `json:"rule_id"`
				Message string `json:"message"`
			} `json:"findings"`
		}
		if err := json.Unmarshal([]byte(out), &rep); err != nil {
			t.Fatalf("%v\n%s", err, out)
		}
		var msgs []string
		for _, f := range rep.Findings {
			if f.RuleID == "KAF017" {
				msgs = append(msgs, f.Message)
			}
		}
		return msgs
	}
	if got := kaf017(); len(got) != 0 {
		t.Fatalf("KAF017 without a known version: %q", got)
	}
	if err := os.WriteFile(filepath.Join(dir, ".streamlint.yaml"), []byte("versions:\n  kafka: \"3.9\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	got := kaf017()
	if len(got) != 1 || !strings.Contains(got[0], "deprecated since Kafka 3.0") || !strings.Contains(got[0], "versions: kafka in the configuration file") {
		t.Fatalf("KAF017 with versions: kafka 3.9: %q", got)
	}
}
