package spark

import (
	"strconv"
	"testing"

	"github.com/streamlint/streamlint/internal/fuzzseed"
)

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

// FuzzParseInterval: an interval a trigger accepts prints back, in
// milliseconds, to the same number of milliseconds; seconds are that
// number divided by 1000.
func FuzzParseInterval(f *testing.F) {
	for _, s := range []string{"5 seconds", "1 minute", "500 milliseconds", "interval 2 seconds", "1.5 seconds", "10s", "1 day 2 hours", "-1 second", "1 month", " 3 MINUTES ", "0.000001 seconds", "2 microseconds"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		fuzzseed.Count()
		ms, err := triggerIntervalMS(s)
		if err != nil {
			return
		}
		if ms < 0 {
			t.Fatalf("triggerIntervalMS(%q) = %d, negative", s, ms)
		}
		text := strconv.FormatInt(ms, 10) + " milliseconds"
		back, err := triggerIntervalMS(text)
		if err != nil || back != ms {
			t.Fatalf("triggerIntervalMS(%q) = %d; printed as %q it reads back as %d, %v", s, ms, text, back, err)
		}
		sec, err := ParseIntervalSeconds(s)
		if err != nil || sec != float64(ms)/1000 {
			t.Fatalf("ParseIntervalSeconds(%q) = %v, %v; want %v", s, sec, err, float64(ms)/1000)
		}
	})
}
