package spark

import (
	"testing"
)

func TestCheckValue(t *testing.T) {
	t.Parallel()
	tests := []struct {
		typ, unit, value string
		ok               bool
	}{
		// int/long/double: trimmed, plain Java numbers
		{"int", "", "200", true},
		{"int", "", " 200 ", true},
		{"int", "", "+5", true},
		{"int", "", "-1", true},
		{"int", "", "2147483648", false},
		{"long", "", "2147483648", true},
		{"long", "", "10k", false},
		{"long", "", "1,000", false},
		{"long", "", "1_000", false},
		{"long", "", "1e3", false},
		{"int", "", "", false},
		{"double", "", "0.6", true},
		{"double", "", "1e3", true},
		{"double", "", ".5", true},
		{"double", "", "5.", true},
		{"double", "", "-0.5E-2", true},
		{"double", "", "0.6d", true},
		{"double", "", "NaN", true},
		{"double", "", "-Infinity", true},
		{"double", "", "0x1.8p1", true},
		{"double", "", "0x1.8", false},
		{"double", "", "inf", false},
		{"double", "", "60%", false},
		{"double", "", ".", false},
		{"double", "", "1e", false},
		{"double", "", "1_0", false},
		// booleans: true or false in any case only
		{"boolean", "", "true", true},
		{"boolean", "", "True", true},
		{"boolean", "", " FALSE ", true},
		{"boolean", "", "yes", false},
		{"boolean", "", "no", false},
		{"boolean", "", "1", false},
		{"boolean", "", "0", false},
		{"boolean", "", "on", false},
		{"boolean", "", "off", false},
		// sizes and times
		{"bytes", "MiB", "2g", true},
		{"bytes", "MiB", "2 GB", false},
		{"bytes", "MiB", "1.5g", false},
		{"time", "ms", "10s", true},
		{"time", "ms", "10sec", false},
		{"time", "s", "120", true},
		// anything goes for strings
		{"string", "", "whatever 2 GB", true},
		{"", "", "x", true},
	}
	for _, tt := range tests {
		err := CheckValue(tt.typ, tt.unit, tt.value)
		if (err == nil) != tt.ok {
			t.Errorf("CheckValue(%s, %q) = %v, want ok %v", tt.typ, tt.value, err, tt.ok)
		}
	}
}

func TestCheckOptionValue(t *testing.T) {
	t.Parallel()
	c := mustCatalog(t)
	tests := []struct {
		option, value string
		ok            bool
	}{
		{"maxOffsetsPerTrigger", "10000", true},
		{"maxOffsetsPerTrigger", " 1000", false}, // options are not trimmed
		{"maxOffsetsPerTrigger", "10k", false},
		{"maxOffsetsPerTrigger", "1e6", false},
		{"minPartitions", "4", true},
		{"minPartitions", "0", false},
		{"minPartitions", "-1", false},
		{"maxRecordsPerPartition", "0", false},
		{"failOnDataLoss", "false", true},
		{"failOnDataLoss", "False", true},
		{"failOnDataLoss", "no", false},
		{"includeHeaders", " true", false},
		{"maxTriggerDelay", "15m", true},
		{"maxTriggerDelay", "30s", true},
		{"maxTriggerDelay", "15 minutes", false}, //
		{"subscribe", "transactions", true},
		{"startingOffsets", "earliest", true},
	}
	for _, tt := range tests {
		o, ok := c.KafkaSourceOption(tt.option)
		if !ok {
			t.Fatalf("no option %s", tt.option)
		}
		if err := CheckOptionValue(o, tt.value); (err == nil) != tt.ok {
			t.Errorf("CheckOptionValue(%s, %q) = %v, want ok %v", tt.option, tt.value, err, tt.ok)
		}
	}
}
