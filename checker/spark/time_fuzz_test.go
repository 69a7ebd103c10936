package spark

import (
	"strconv"
	"testing"

	"github.com/streamlint/streamlint/internal/fuzzseed"
)

// timeUnits are the default units of Spark's typed time keys, with the
// suffix that writes a number in that unit ("" when there is none).
var timeUnits = []struct{ unit, suffix string }{
	{"ns", ""}, {"us", "us"}, {"ms", "ms"}, {"s", "s"}, {"min", "min"}, {"h", "h"}, {"d", "d"},
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
