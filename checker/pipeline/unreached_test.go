package pipeline

import (
	"strings"
	"testing"
)

// TestUnreachedSparkDefaults: a spark-defaults.conf that no service of a
// Spark-running compose project can read is not applied to the apps (its
// keys are checked as an app of their own, with a note); one mounted,
// mounted through its directory, copied (as a file or a directory) or in
// a project whose Spark runs elsewhere still is. Before, every
// spark-defaults.conf of the directory was applied to every app
// (EnricoMGuarnuto/Big_Data_Project: SPK007 "KafkaToMinIO_POS here is
// overridden by Alerts_Sink from code" for a conf/ folder nothing reads).
func TestUnreachedSparkDefaults(t *testing.T) {
	t.Parallel()
	const job = "from pyspark.sql import SparkSession\nspark = SparkSession.builder.appName(\"Mine\").getOrCreate()\nspark.readStream.format(\"kafka\").load()\n"
	const defaults = "spark.app.name Stale\nspark.executor.memory 2g\n"
	submit := func(extra string) string {
		return "services:\n  app:\n    image: apache/spark:3.5.1\n    command: /opt/spark/bin/spark-submit /app/job.py\n    volumes:\n      - ./job.py:/app/job.py\n" + extra
	}
	tests := []struct {
		name    string
		files   map[string]string
		applied bool
	}{
		{"read by no service", map[string]string{"compose.yaml": submit("")}, false},
		{"mounted", map[string]string{"compose.yaml": submit("      - ./conf/spark-defaults.conf:/opt/spark/conf/spark-defaults.conf\n")}, true},
		{"its directory mounted", map[string]string{"compose.yaml": submit("      - ./conf:/opt/spark/conf\n")}, true},
		{"the repository mounted", map[string]string{"compose.yaml": submit("      - .:/work\n")}, true},
		{"copied with its directory", map[string]string{
			"compose.yaml": "services:\n  app:\n    build: .\n    command: spark-submit /app/job.py\n",
			"Dockerfile":   "FROM apache/spark:3.5.1\nCOPY conf/ /opt/spark/conf/\nCOPY job.py /app/job.py\n",
		}, true},
		{"in a build context whose Dockerfile is not read", map[string]string{
			"compose.yaml": "services:\n  app:\n    build:\n      context: .\n      dockerfile: Missing.Dockerfile\n    image: apache/spark:3.5.1\n    command: spark-submit /app/job.py\n",
		}, true},
		{"beside a Dockerfile that builds the compose image", map[string]string{
			"compose.yaml":    submit(""),
			"conf/Dockerfile": "FROM apache/spark:3.5.1\nCOPY spark-defaults.conf /opt/spark/conf/\n",
		}, true},
		{"below a Dockerfile of the project's directory", map[string]string{
			"compose.yaml": submit(""),
			"Dockerfile":   "FROM apache/spark:3.5.1\nCOPY conf/spark-defaults.conf /opt/spark/conf/\n",
		}, true},
		{"a project whose Spark runs elsewhere", map[string]string{"compose.yaml": "services:\n  kafka:\n    image: apache/kafka:3.9.0\n"}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			files := map[string]string{"job.py": job, "conf/spark-defaults.conf": defaults}
			for k, v := range tt.files {
				files[k] = v
			}
			r, _ := buildResult(t, files)
			var mine, alone bool
			for _, a := range r.Pipeline.Apps {
				mem, ok := a.Settings["spark.executor.memory"]
				switch {
				case a.File == "job.py":
					mine = ok && mem.Value.Value == "2g"
				case strings.HasSuffix(a.ID, "(read by no service)"):
					alone = ok && mem.Value.Value == "2g"
				}
			}
			noted := false
			for _, n := range r.Notes {
				noted = noted || n.File == "conf/spark-defaults.conf" && strings.Contains(n.Message, "no app started there reads it")
			}
			if mine != tt.applied || alone == tt.applied || noted == tt.applied {
				t.Fatalf("applied to the job: %v, checked alone: %v, noted: %v; want applied %v", mine, alone, noted, tt.applied)
			}
		})
	}
}
