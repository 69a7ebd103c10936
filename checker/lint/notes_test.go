package lint_test

import (
	"os"
	"path/filepath"
	"testing"
)

// TestNotesOnce: a job file shared by the pipelines of two compose files
// of one directory gets each note once, not once per pipeline (seen on a
// repository with docker-compose.yaml, -framework.yaml and -test.yaml,
// every note of its jobs printed three times).
func TestNotesOnce(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	files := map[string]string{
		"compose.yaml":      "services:\n  spark:\n    image: apache/spark:3.5.1\n",
		"compose-test.yaml": "services:\n  tests:\n    image: python:3.12\n",
		"jobs/consumer.py": "from pyspark.sql import SparkSession\n\n" +
			"def run(kafka_options):\n" +
			"    spark = SparkSession.builder.appName(\"c\").getOrCreate()\n" +
			"    return spark.readStream.format(\"kafka\").options(**kafka_options).load()\n",
	}
	for name, text := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	_, rep := runDir(t, dir)
	if len(rep.Notes) == 0 {
		t.Fatal("no note about options(**kafka_options)")
	}
	seen := map[string]int{}
	for _, n := range rep.Notes {
		key := n.String() + " " + n.Message
		seen[key]++
		if seen[key] == 2 {
			t.Errorf("note repeated: %s", key)
		}
	}
}
