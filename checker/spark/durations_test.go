package spark

import (
	"math"
	"strconv"
	"testing"

	"github.com/streamlint/streamlint/internal/fuzzseed"
)

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

// FuzzTimeStringAs: a duration that parses prints back, as a bare
// number of the default unit and with the unit's suffix, to the same
// number; ParseDurationMS agrees with TimeStringAs in milliseconds.
func FuzzTimeStringAs(f *testing.F) {
	for _, s := range []string{"10s", "5min", "-1", "200", "1500ms", "1.5s", " 30S ", "9223372036854775807d", "10sec", "1m", "2h", "3d", "0us", "-9223372036854775808"} {
		for i := range timeUnits {
			f.Add(s, uint8(i))
		}
	}
	f.Fuzz(func(t *testing.T, s string, pick uint8) {
		fuzzseed.Count()
		u := timeUnits[int(pick)%len(timeUnits)]
		n, err := TimeStringAs(s, u.unit)
		if err != nil {
			if _, err2 := ParseDurationMS(s, u.unit); err2 == nil {
				t.Fatalf("ParseDurationMS(%q, %s) accepts what TimeStringAs rejects (%v)", s, u.unit, err)
			}
			return
		}
		texts := []string{strconv.FormatInt(n, 10)}
		if u.suffix != "" {
			texts = append(texts, strconv.FormatInt(n, 10)+u.suffix)
		}
		for _, text := range texts {
			back, err := TimeStringAs(text, u.unit)
			if err != nil || back != n {
				t.Fatalf("TimeStringAs(%q, %s) = %d; printed as %q it reads back as %d, %v", s, u.unit, n, text, back, err)
			}
		}
		ms, err := ParseDurationMS(s, u.unit)
		if err != nil {
			t.Fatalf("ParseDurationMS(%q, %s): %v, but TimeStringAs accepts it", s, u.unit, err)
		}
		if want, _ := TimeStringAs(strconv.FormatInt(n, 10)+u.suffix, "ms"); u.suffix != "" && ms != want {
			t.Fatalf("ParseDurationMS(%q, %s) = %d, TimeStringAs in ms says %d", s, u.unit, ms, want)
		}
	})
}

// timeUnits are the default units of Spark's typed time keys, with the
// suffix that writes a number in that unit ("" when there is none).
var timeUnits = []struct{ unit, suffix string }{
	{"ns", ""}, {"us", "us"}, {"ms", "ms"}, {"s", "s"}, {"min", "min"}, {"h", "h"}, {"d", "d"},
}
