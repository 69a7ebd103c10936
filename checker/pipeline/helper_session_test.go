package pipeline_test

import (
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/streamlint/streamlint/checker/pipeline"
)

// TestHelperSettings: a job that builds no session of its own gets one
// from code elsewhere (polomarcus/Spark-Structured-Streaming-Examples'
// SparkHelper); the settings the pipeline's session-building files write
// may be that session's, so the app carries them as helper settings. A
// job that builds its own session carries none.
func TestHelperSettings(t *testing.T) {
	t.Parallel()
	helper := `from pyspark.sql import SparkSession


def get_spark():
    return (SparkSession.builder.appName("songs")
            .config("spark.sql.streaming.checkpointLocation", "/data/checkpoints")
            .getOrCreate())
`
	uses := `from spark_helper import get_spark

spark = get_spark()
spark.readStream.format("rate").load().writeStream.format("kafka").option("topic", "t").start()
`
	own := `from pyspark.sql import SparkSession

spark = SparkSession.builder.appName("own").getOrCreate()
spark.readStream.format("rate").load().writeStream.format("kafka").option("topic", "t").start()
`
	for _, tt := range []struct {
		name  string
		files map[string]string
		// want lists key=value@file:line of each app's helper settings
		want map[string]string
	}{
		{
			name:  "job without a session beside a session helper",
			files: map[string]string{"spark_helper.py": helper, "to_kafka.py": uses},
			want: map[string]string{
				"spark_helper.py": "",
				"to_kafka.py":     "spark.app.name=songs@spark_helper.py:5 spark.sql.streaming.checkpointLocation=/data/checkpoints@spark_helper.py:6",
			},
		},
		{
			name:  "job that builds its own session",
			files: map[string]string{"spark_helper.py": helper, "own.py": own},
			want:  map[string]string{"spark_helper.py": "", "own.py": ""},
		},
		{
			// a job with queries of its own is not a session helper
			name:  "job without a session beside another job",
			files: map[string]string{"own.py": strings.Replace(own, `appName("own")`, `appName("own").config("spark.sql.streaming.checkpointLocation", "/chk")`, 1), "to_kafka.py": uses},
			want:  map[string]string{"own.py": "", "to_kafka.py": ""},
		},
		{
			name:  "no file builds a session",
			files: map[string]string{"to_kafka.py": uses},
			want:  map[string]string{"to_kafka.py": ""},
		},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			p := pipeline.BuildDir(t, tt.files)
			got := map[string]string{}
			for _, a := range p.Apps {
				var parts []string
				for k, v := range a.HelperSettings {
					parts = append(parts, k+"="+v.Value+"@"+v.Loc.File+":"+strconv.Itoa(v.Loc.Line))
				}
				sort.Strings(parts)
				got[a.ID] = strings.Join(parts, " ")
			}
			for id, w := range tt.want {
				if g, ok := got[id]; !ok || g != w {
					t.Errorf("%s: helper settings %q (app found: %v), want %q", id, g, ok, w)
				}
			}
		})
	}
}

// TestSinkInputs: a sink's inputs index the app's sources, whatever order
// the job's reads and writes come in (rockthejvm/spark-streaming: a socket
// query beside a file query).
func TestSinkInputs(t *testing.T) {
	t.Parallel()
	app := onlyApp(t, pipeline.BuildDir(t, map[string]string{"demo.py": `from pyspark.sql import SparkSession

spark = SparkSession.builder.appName("demo").getOrCreate()
lines = spark.readStream.format("socket").load()
lines.writeStream.format("console").start()
stocks = spark.readStream.format("csv").load("/data/stocks")
stocks.writeStream.format("parquet").option("checkpointLocation", "/chk").start("/data/out")
spark.readStream.format("rate").load().union(lines).writeStream.format("console").start()
def sink(df):
    df.writeStream.format("console").start()
`}))
	var got []string
	for _, sk := range app.Sinks {
		var formats []string
		for _, i := range sk.Inputs {
			formats = append(formats, app.Sources[i].Format)
		}
		got = append(got, sk.Format+"<-"+strings.Join(formats, "+"))
	}
	want := "console<-socket parquet<-csv console<-rate+socket console<-"
	if strings.Join(got, " ") != want {
		t.Errorf("sinks %q, want %q", strings.Join(got, " "), want)
	}
}
