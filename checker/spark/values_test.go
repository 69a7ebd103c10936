package spark

import (
	"errors"
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/streamlint/streamlint/internal/fuzzseed"
)

// TestByteStringAs follows JavaUtils.byteStringAs case by case; the
// comments name the rule of Spark's size syntax each group of rows checks.
func TestByteStringAs(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in, unit string
		want     int64
		err      string // substring of the error; "" means valid
	}{
		// suffixes, binary, any case
		{"2g", "MiB", 2048, ""},
		{"2G", "MiB", 2048, ""},
		{"2Gb", "MiB", 2048, ""},
		{"2GB", "MiB", 2048, ""},
		{"2gb", "MiB", 2048, ""},
		{"1b", "B", 1, ""},
		{"1k", "B", 1024, ""},
		{"1kb", "B", 1024, ""},
		{"1m", "B", 1 << 20, ""},
		{"1mb", "B", 1 << 20, ""},
		{"1g", "B", 1 << 30, ""},
		{"1t", "B", 1 << 40, ""},
		{"1tb", "B", 1 << 40, ""},
		{"1p", "B", 1 << 50, ""},
		{"1pb", "B", 1 << 50, ""},
		{"2560m", "MiB", 2560, ""},
		{" 4g ", "MiB", 4096, ""}, // trimmed
		{"007m", "MiB", 7, ""},
		// invalid
		{"2gib", "MiB", 0, `invalid suffix "gib"`},
		{"2 g", "MiB", 0, "not a size"},
		{"2 GB", "MiB", 0, "not a size"},
		{"2gig", "MiB", 0, `invalid suffix "gig"`},
		{"2e9", "B", 0, "not a size"},
		{"1,024m", "MiB", 0, "not a size"},
		{"1_024m", "MiB", 0, "not a size"},
		{"", "MiB", 0, "not a size"},
		{"g", "MiB", 0, "not a size"},
		{"-1", "B", 0, "not a size"}, // no sign in the raw parser
		{"+1", "B", 0, "not a size"},
		// fractions
		{"1.5g", "MiB", 0, "fractional"},
		{"0.5", "MiB", 0, "fractional"},
		{"1.g", "MiB", 0, "not a size"},
		// suffix-less values in the caller's unit
		{"2048", "MiB", 2048, ""},
		{"2048", "B", 2048, ""},
		{"32", "KiB", 32, ""},
		// truncation to a larger unit, multiplication to a smaller
		{"512k", "MiB", 0, ""},
		{"1536k", "MiB", 1, ""},
		{"1g", "MiB", 1024, ""},
		{"1g", "KiB", 1 << 20, ""},
		{"1023b", "KiB", 0, ""},
		{"9223372036854775807", "B", math.MaxInt64, ""},
		{"9223372036854775808", "B", 0, "out of range"},
		{"8388608t", "B", 0, "exceeds"},
		{"8388607t", "B", 8388607 << 40, ""},
		// Java lower-cases the KELVIN SIGN to an ASCII k
		{"2\u212A", "B", 2048, ""},
		{"2\u212Ab", "B", 2048, ""},
		// unit spellings
		{"1", "m", 1, ""},
		{"1", "g", 1, ""},
		{"1", "b", 1, ""},
	}
	for _, tt := range tests {
		to, err := parseByteUnit(tt.unit)
		if err != nil {
			t.Fatal(err)
		}
		got, err := byteStringAs(tt.in, to)
		checkValue(t, "byteStringAs("+tt.in+", "+tt.unit+")", got, err, tt.want, tt.err)
	}
}

func checkValue[T comparable](t *testing.T, name string, got T, err error, want T, wantErr string) {
	t.Helper()
	switch {
	case wantErr == "" && err != nil:
		t.Errorf("%s: unexpected error %v", name, err)
	case wantErr != "" && err == nil:
		t.Errorf("%s = %v, want error containing %q", name, got, wantErr)
	case wantErr != "" && !strings.Contains(err.Error(), wantErr):
		t.Errorf("%s: error %q, want it to contain %q", name, err, wantErr)
	case wantErr == "" && got != want:
		t.Errorf("%s = %v, want %v", name, got, want)
	}
}

func TestParseBytes(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in, unit string
		want     int64
		err      string
	}{
		// the executor memory is a MiB key
		{"2g", "MiB", 2 * GiB, ""},
		{"2560m", "MiB", 2560 * MiB, ""},
		{"2048", "MiB", 2048 * MiB, ""}, // the ConfigEntry reading
		{"512k", "MiB", 0, ""},          // truncated to 0 MiB first
		{"1536k", "MiB", 1 * MiB, ""},
		{"1g", "MiB", 1024 * MiB, ""},
		{"32k", "KiB", 32 * KiB, ""},
		{"32", "KiB", 32 * KiB, ""},
		{"64MB", "B", 64 * MiB, ""},
		{"10485760", "B", 10 * MiB, ""},
		// typed bytesConf entries accept a leading '-'
		{"-1", "B", -1, ""},
		{"-1m", "B", -MiB, ""},
		{"--1", "B", 0, "not a size"},
		{" -1", "B", 0, "not a size"}, // the '-' check comes before trimming
		// invalid values SPK006 reports
		{"2 GB", "MiB", 0, "not a size"},
		{"1.5g", "MiB", 0, "fractional"},
		// the brief's unit spellings
		{"2", "m", 2 * MiB, ""},
		{"2", "g", 2 * GiB, ""},
		{"2", "k", 2 * KiB, ""},
		{"2", "b", 2, ""},
		// too many bytes for a long, although Spark's own MiB count fits
		{"9223372036854775807", "MiB", 0, "more bytes"},
		{"8191p", "B", 8191 * PiB, ""},
	}
	for _, tt := range tests {
		got, err := ParseBytes(tt.in, tt.unit)
		checkValue(t, "ParseBytes("+tt.in+", "+tt.unit+")", got, err, tt.want, tt.err)
	}
	if _, err := ParseBytes("1", "furlong"); err == nil {
		t.Error("ParseBytes with an unknown unit: want an error")
	}
	var ve *ValueError
	if _, err := ParseBytes("1.5g", "MiB"); !errors.As(err, &ve) || ve.Value != "1.5g" {
		t.Errorf("ParseBytes(1.5g) error = %#v, want a *ValueError for 1.5g", err)
	}
}

func TestMemoryStringToMB(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		want int64
		err  string
	}{
		{"2048", 0, ""}, // bytes, truncated to MiB
		{"1048576", 1, ""},
		{"2g", 2048, ""},
		{"2560m", 2560, ""},
		{"1G", 1024, ""},
		{"1536k", 1, ""},
		{"1.5g", 0, "fractional"},
	}
	for _, tt := range tests {
		got, err := MemoryStringToMB(tt.in)
		checkValue(t, "MemoryStringToMB("+tt.in+")", got, err, tt.want, tt.err)
	}
}

func TestWorkerMemoryBytes(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		want int64
		err  string
	}{
		// SPARK_WORKER_MEMORY, the incident's 2560m and bitnami's 1G
		{"2560m", 2560 * MiB, ""},
		{"2g", 2 * GiB, ""},
		{"1G", GiB, ""},
		{"2048", 0, "below 1 MiB"}, // a bare number means bytes
		{"1048576", MiB, ""},
		{"1048575", 0, "below 1 MiB"},
		{"0", 0, "below 1 MiB"},
		{"2 g", 0, "not a size"},
		{"-1g", 0, "not a size"},
	}
	for _, tt := range tests {
		got, err := WorkerMemoryBytes(tt.in)
		checkValue(t, "WorkerMemoryBytes("+tt.in+")", got, err, tt.want, tt.err)
	}
}

func TestTimeStringAs(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in, unit string
		want     int64
		err      string
	}{
		// suffixes
		{"10us", "us", 10, ""},
		{"10ms", "ms", 10, ""},
		{"10s", "ms", 10_000, ""},
		{"5m", "s", 300, ""}, // m is minutes
		{"5min", "s", 300, ""},
		{"2h", "min", 120, ""},
		{"1d", "h", 24, ""},
		{"15m", "ms", 900_000, ""}, // maxTriggerDelay default
		{"30s", "ms", 30_000, ""},
		{"10S", "ms", 10_000, ""}, // lower-cased
		{"5MIN", "s", 300, ""},
		{" 10s ", "ms", 10_000, ""},
		// negatives are allowed, fractions and spaces are not
		{"-1", "ms", -1, ""},
		{"-5s", "ms", -5000, ""},
		{"1.5s", "ms", 0, "fractional"},
		{"5 s", "ms", 0, "not a duration"},
		{"--1", "ms", 0, "not a duration"},
		{"+1", "ms", 0, "not a duration"},
		{"", "ms", 0, "not a duration"},
		{"s", "ms", 0, "not a duration"},
		// invalid suffixes
		{"10ns", "ms", 0, `invalid suffix "ns"`},
		{"10sec", "ms", 0, `invalid suffix "sec"`},
		{"10secs", "ms", 0, `invalid suffix "secs"`},
		{"5mins", "s", 0, `invalid suffix "mins"`},
		{"1hour", "s", 0, `invalid suffix "hour"`},
		{"2hours", "s", 0, `invalid suffix "hours"`},
		{"1y", "s", 0, `invalid suffix "y"`},
		{"1w", "s", 0, `invalid suffix "w"`},
		{"15 minutes", "ms", 0, "not a duration"}, // maxTriggerDelay
		// suffix-less values and truncation toward zero
		{"120", "s", 120, ""},
		{"200", "ms", 200, ""},
		{"500ms", "s", 0, ""},
		{"90s", "min", 1, ""},
		{"-90s", "min", -1, ""},
		{"1500ms", "s", 1, ""},
		{"100ms", "ns", 100_000_000, ""},
		// TimeUnit.convert saturates instead of overflowing
		{"9223372036854775807d", "ms", math.MaxInt64, ""},
		{"-9223372036854775808d", "ms", math.MinInt64, ""},
		{"9223372036854775808", "ms", 0, "out of range"},
	}
	for _, tt := range tests {
		got, err := TimeStringAs(tt.in, tt.unit)
		checkValue(t, "TimeStringAs("+tt.in+", "+tt.unit+")", got, err, tt.want, tt.err)
	}
}

func TestParseDurationMS(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in, unit string
		want     int64
		err      string
	}{
		{"10s", "ms", 10_000, ""},
		{"120", "s", 120_000, ""}, // spark.network.timeout
		{"120s", "s", 120_000, ""},
		{"10000", "ms", 10_000, ""}, // spark.executor.heartbeatInterval
		{"5m", "ms", 300_000, ""},
		{"5min", "min", 300_000, ""},
		{"0", "min", 0, ""}, // spark.driver.timeout
		{"500ms", "s", 0, ""},
		{"1500ms", "s", 1000, ""}, // truncated to whole seconds first
		{"100ms", "ns", 100, ""},  // spark.ui.liveUpdate.period
		{"500", "ns", 0, ""},      // 500 ns
		{"1500", "us", 1, ""},     // 1500 us
		{"15m", "milliseconds", 900_000, ""},
		{"10sec", "ms", 0, "invalid suffix"},
		{"1.5s", "ms", 0, "fractional"},
	}
	for _, tt := range tests {
		got, err := ParseDurationMS(tt.in, tt.unit)
		checkValue(t, "ParseDurationMS("+tt.in+", "+tt.unit+")", got, err, tt.want, tt.err)
	}
	if _, err := ParseDurationMS("1", "fortnight"); err == nil {
		t.Error("ParseDurationMS with an unknown unit: want an error")
	}
}

func TestParseIntervalSeconds(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		want float64
		err  string
	}{
		// valid trigger intervals
		{"10 seconds", 10, ""},
		{"1 minute", 60, ""},
		{"5 seconds", 5, ""},
		{"2 seconds", 2, ""},
		{"1 second", 1, ""},
		{"500 milliseconds", 0.5, ""},
		{"1 millisecond", 0.001, ""},
		{"1500 microseconds", 0.001, ""}, // milliseconds, rounded down
		{"2 minutes", 120, ""},
		{"1 hour", 3600, ""},
		{"2 hours", 7200, ""},
		{"1 day", 86400, ""},
		{"1 week", 604800, ""},
		{"1 minute 30 seconds", 90, ""},
		{"1.5 seconds", 1.5, ""}, // only seconds may have a fraction
		{".5 second", 0.5, ""},
		{"1. second", 1, ""},
		{"interval 2 seconds", 2, ""},
		{"INTERVAL 2 SECONDS", 2, ""},
		{"  10   Seconds  ", 10, ""},
		{"+10 seconds", 10, ""},
		{"0 seconds", 0, ""},
		{"1 minute -30 seconds", 30, ""},
		// invalid
		{"10s", 0, "invalid value"},
		{"10sec", 0, "invalid value"},
		{"10 secs", 0, "invalid unit"},
		{"10 sec", 0, "invalid unit"},
		{"10 s", 0, "invalid unit"},
		{"5 mins", 0, "invalid unit"},
		{"10", 0, "expect a unit"},       // a string needs a unit
		{"1.5 minutes", 0, "fractional"}, // fraction only for seconds
		{"1 month", 0, "months or years"},
		{"1 year", 0, "months or years"},
		{"-5 seconds", 0, "negative"},
		{"", 0, "empty"},
		{"interval", 0, "empty"},
		{"intervals 1 second", 0, "invalid interval prefix"},
		{"ten seconds", 0, "unrecognized number"},
		{"1 secondss", 0, "invalid unit"},
		{"1 nanosecond", 0, "invalid unit"},
		{"1.0000000001 seconds", 0, "nanosecond precision"},
		{". second", 0, "invalid value"},
		{"1 second 2", 0, "expect a unit"},
		{"1 second -", 0, "expect a number"},
		{"99999999999999999999 seconds", 0, "out of range"},
		{"9223372036854775807 hours", 0, "overflows"},
		{"3000000000 days", 0, "overflows"},
	}
	for _, tt := range tests {
		got, err := ParseIntervalSeconds(tt.in)
		checkValue(t, "ParseIntervalSeconds("+tt.in+")", got, err, tt.want, tt.err)
	}
}

func TestParseInterval(t *testing.T) {
	t.Parallel()
	// watermark delays may use months and years
	iv, err := ParseInterval("1 year 2 months 3 weeks 4 days 5 hours")
	if err != nil {
		t.Fatal(err)
	}
	want := Interval{Months: 14, Days: 25, Micros: 5 * 3600 * 1_000_000}
	if iv != want {
		t.Errorf("ParseInterval = %+v, want %+v", iv, want)
	}
}

func TestMemoryModel(t *testing.T) {
	t.Parallel()
	if MinHeap != 450*MiB {
		t.Errorf("MinHeap = %d, want 450 MiB", MinHeap)
	}
	// a 4g executor has (4096 - 300) × 0.6 ≈ 2278 MiB of unified memory
	if got := UsableMemory(4*GiB, 0.6) / MiB; got != 2277 {
		t.Errorf("UsableMemory(4g) = %d MiB, want 2277", got)
	}
	// heap 2g gives ≈ 1049 MiB
	if got := UsableMemory(2*GiB, 0.6); got/MiB != 1048 {
		t.Errorf("UsableMemory(2g) = %d MiB, want 1048", got/MiB)
	}
	if got := UsableMemory(2*GiB, 0); got != UsableMemory(2*GiB, DefaultMemoryFraction) {
		t.Errorf("UsableMemory with fraction 0 = %d, want the default fraction", got)
	}
	if got, usable := UsableMemory(1*GiB, 0.8), float64(724*MiB); got != int64(usable*0.8) {
		t.Errorf("UsableMemory(1g, 0.8) = %d", got)
	}
	if got := UsableMemory(200*MiB, 0.6); got != 0 {
		t.Errorf("UsableMemory(200m) = %d, want 0", got)
	}

	tests := []struct {
		heap int64
		want int64
	}{
		{1 * GiB, 384 * MiB}, // 10% is 102 MiB, the minimum wins
		{2560 * MiB, 384 * MiB},
		{4 * GiB, 409 * MiB}, // 409.6 truncated
		{8 * GiB, 819 * MiB},
		{3840 * MiB, 384 * MiB},
	}
	for _, tt := range tests {
		if got := OverheadBytes(tt.heap, DefaultOverheadFactor, DefaultMinOverhead); got != tt.want {
			t.Errorf("OverheadBytes(%d MiB) = %d MiB, want %d MiB", tt.heap/MiB, got/MiB, tt.want/MiB)
		}
	}
	if got := OverheadBytes(4*GiB, 0.4, 384*MiB); got != 1638*MiB {
		t.Errorf("OverheadBytes(4g, 0.4) = %d MiB, want 1638", got/MiB)
	}
}

func TestFormatBytes(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		n    int64
		want string
	}{
		{0, "0b"}, {1, "1b"}, {1024, "1k"}, {1536 * KiB, "1536k"}, {2560 * MiB, "2560m"},
		{2 * GiB, "2g"}, {-MiB, "-1m"}, {PiB, "1p"}, {3 * TiB, "3t"},
	} {
		if got := FormatBytes(tt.n); got != tt.want {
			t.Errorf("FormatBytes(%d) = %q, want %q", tt.n, got, tt.want)
		}
	}
}

func FuzzParseBytes(f *testing.F) {
	for _, s := range []string{"2g", "2560m", "512k", "1536k", "-1", "0", "1.5g", "2 GB", "9223372036854775807", "8191p", "2\u212A"} {
		f.Add(s, "MiB")
		f.Add(s, "B")
		f.Add(s, "KiB")
	}
	f.Fuzz(func(t *testing.T, s, unit string) {
		fuzzseed.Count()
		n, err := ParseBytes(s, unit)
		if err != nil {
			return
		}
		// A value that parses prints back, in its default unit, to the
		// same number of bytes.
		u, uerr := parseByteUnit(unit)
		if uerr != nil {
			t.Fatalf("ParseBytes(%q, %q) succeeded with an unknown unit", s, unit)
		}
		if n%int64(u) != 0 {
			t.Fatalf("ParseBytes(%q, %q) = %d, not a whole number of the default unit", s, unit, n)
		}
		for _, text := range []string{FormatBytes(n), fmtInUnit(n, u)} {
			back, err := ParseBytes(text, unit)
			if err != nil || back != n {
				t.Fatalf("ParseBytes(%q, %q) = %d; printed as %q it reads back as %d, %v", s, unit, n, text, back, err)
			}
		}
	})
}

// fmtInUnit writes n bytes as a bare number of unit u.
func fmtInUnit(n int64, u byteUnit) string {
	return strconv.FormatInt(n/int64(u), 10)
}

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
