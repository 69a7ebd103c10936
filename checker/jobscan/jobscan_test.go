package jobscan

import (
	"os"
	"strings"
	"testing"
)

func mustRead(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

type scanCase struct {
	name string
	lang Language
	src  string
	want []string
}


func TestScanCases(t *testing.T) {
	for _, tc := range scanCases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			j := Scan("job", []byte(tc.src), tc.lang)
			got := render(j)
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("got:\n\t%s\nwant:\n\t%s", strings.Join(got, "\n\t"), strings.Join(tc.want, "\n\t"))
			}
		})
	}
}

const incidentAfter = `from pyspark.sql import SparkSession
from pyspark.sql.functions import col, from_json

spark = (
    SparkSession.builder
    .appName("streaming_realtime_dashboard")
    .config("spark.streaming.kafka.maxRatePerPartition", "10000")
    .config("spark.streaming.backpressure.enabled", "true")
    .config("spark.streaming.backpressure.initialRate", "5000")
    .config("spark.streaming.kafka.maxRetries", "3")
    .config("spark.streaming.kafka.metadata.max.age.ms", "30000")
    .getOrCreate()
)

df = (
    spark.readStream.format("kafka")
    .option("kafka.bootstrap.servers", "kafka:29092")
    .option("subscribe", "transactions")
    .option("startingOffsets", "latest")
    .option("minPartitions", 4)
    .load()
)

query = (
    df.writeStream.format("parquet")
    .option("path", "/data/out")
    .option("checkpointLocation", "/data/checkpoints/dashboard")
    .trigger(processingTime="2 seconds")
    .start()
)
query.awaitTermination()
`
