package spark

import (
	"strings"
	"testing"

	"github.com/streamlint/streamlint/checker/model"
)

// TestOtherSourcesRateLimitOnKafka: maxBytesPerTrigger and
// maxFilesPerTrigger bound the batches of file and Delta sources; the Kafka
// source (KafkaSourceProvider) has no such option and ignores them, so the
// batch is not bounded.
func TestOtherSourcesRateLimitOnKafka(t *testing.T) {
	t.Parallel()
	c := mustCatalog(t)
	for _, tt := range []struct {
		key          string
		source, want bool
	}{
		{key: "maxBytesPerTrigger", source: true, want: true},
		{key: "maxbytespertrigger", source: true, want: true},
		{key: "maxFilesPerTrigger", source: true, want: true},
		{key: "maxOffsetsPerTrigger", source: true},
		{key: "maxRecordsPerPartition", source: true},
		{key: "maxBytesPerTrigger", source: false}, // a sink: no batches to bound
	} {
		got := c.CheckKafkaOption(model.Setting{Key: tt.key, Value: "1000"}, tt.source, true)
		if tt.want != (got != "") {
			t.Errorf("%s (source %v): %q, want a message %v", tt.key, tt.source, got, tt.want)
		}
		if tt.want && !strings.Contains(got, "maxOffsetsPerTrigger") {
			t.Errorf("%s: %q does not name maxOffsetsPerTrigger, the Kafka source's limit", tt.key, got)
		}
	}
}

// TestSourceOptionAsSetting: an unknown key that ends with a Kafka source
// option is that option written as a setting; a real key or a kafka.*
// client setting is not.
func TestSourceOptionAsSetting(t *testing.T) {
	t.Parallel()
	c := mustCatalog(t)
	for key, want := range map[string]string{
		"spark.sql.streaming.kafka.maxOffsetsPerTrigger":        "maxOffsetsPerTrigger",
		"spark.sql.streaming.maxoffsetspertrigger":              "maxOffsetsPerTrigger",
		"spark.kafka.startingOffsets":                           "startingOffsets",
		"spark.sql.streaming.kafka.useDeprecatedOffsetFetching": "",
		"spark.sql.streaming.foo.bootstrap.servers":             "",
		"spark.sql.shuffle.partitions":                          "",
	} {
		var v model.SparkValue
		c.Facts(key, &v)
		if v.SourceOption != want {
			t.Errorf("%s: source_option %q, want %q", key, v.SourceOption, want)
		}
	}
}
