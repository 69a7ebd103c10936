package pipeline_test

import (
	"testing"

	"github.com/streamlint/streamlint/checker/pipeline"
)

// TestEMRSparkKeys: the settings the Amazon EMR Spark images write into
// their own spark-defaults.conf in Spark's namespaces (spark.sql.emr.,
// spark.blacklist.decommissioning.,
// spark.stage.attempt.ignoreOnDecommissionFetchFailure) are read by
// Amazon's Spark, and known whatever the image (spark.Catalog.IsDynamic):
// no Apache Spark user writes them, and EMR's spark-defaults.conf may be
// copied into an image compose does not name. A made-up key stays unknown.
func TestEMRSparkKeys(t *testing.T) {
	t.Parallel()
	defaults := `spark.blacklist.decommissioning.enabled true
spark.stage.attempt.ignoreOnDecommissionFetchFailure true
spark.sql.emr.internal.extensions com.amazonaws.emr.spark.EmrSparkSessionExtensions
spark.sql.totally.made.up 1
`
	job := `from pyspark.sql import SparkSession
spark = SparkSession.builder.appName("job").getOrCreate()
`
	for _, tt := range []struct {
		name  string
		files map[string]string
	}{
		{name: "EMR on EKS image", files: map[string]string{
			"docker-compose.yml": `services:
  spark:
    image: public.ecr.aws/emr-on-eks/spark/emr-6.15.0:latest
    volumes:
      - ./spark-defaults.conf:/usr/lib/spark/conf/spark-defaults.conf
      - ./job.py:/home/hadoop/job.py
`}},
		{name: "image built FROM the EMR image", files: map[string]string{
			"docker-compose.yml": `services:
  spark:
    image: emr-6.15.0-spark:local
    build:
      context: .
    volumes:
      - ./spark-defaults.conf:/usr/lib/spark/conf/spark-defaults.conf
      - ./job.py:/home/hadoop/job.py
`,
			"Dockerfile": "FROM public.ecr.aws/emr-on-eks/spark/emr-6.15.0:latest\n"}},
		// built by hand (docker build -t) from the EMR image
		{name: "local tag of an EMR release", files: map[string]string{
			"docker-compose.yml": `services:
  spark:
    image: emr-6.15.0-spark:local
    volumes:
      - ./spark-defaults.conf:/usr/lib/spark/conf/spark-defaults.conf
      - ./job.py:/home/hadoop/job.py
`}},
		{name: "EMR Flink image beside Apache Spark", files: map[string]string{
			"docker-compose.yml": `services:
  jobmanager:
    image: public.ecr.aws/emr-on-eks/flink/emr-6.15.0-flink:latest
  spark:
    image: apache/spark:3.5.1
    volumes:
      - ./spark-defaults.conf:/opt/spark/conf/spark-defaults.conf
      - ./job.py:/opt/spark/work-dir/job.py
`}},
		{name: "Apache Spark image", files: map[string]string{
			"docker-compose.yml": `services:
  spark:
    image: apache/spark:3.5.1
    volumes:
      - ./spark-defaults.conf:/opt/spark/conf/spark-defaults.conf
      - ./job.py:/opt/spark/work-dir/job.py
`}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			files := map[string]string{"spark-defaults.conf": defaults, "job.py": job}
			for k, v := range tt.files {
				files[k] = v
			}
			app := onlyApp(t, pipeline.BuildDir(t, files))
			for key, want := range map[string]bool{
				"spark.blacklist.decommissioning.enabled":              true,
				"spark.stage.attempt.ignoreOnDecommissionFetchFailure": true,
				"spark.sql.emr.internal.extensions":                    true,
				"spark.sql.totally.made.up":                            false,
			} {
				v, ok := app.Settings[key]
				if !ok {
					t.Errorf("%s: not in the app's settings", key)
					continue
				}
				if v.Known != want {
					t.Errorf("%s: known=%v, want %v", key, v.Known, want)
				}
			}
		})
	}
}
