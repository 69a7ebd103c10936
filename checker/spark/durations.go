package spark

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Durations as Spark reads them: JavaUtils.timeStringAs and the typed
// timeConf entries.

// Time units, in nanoseconds, as java.util.concurrent.TimeUnit scales them.
type timeUnit int64

const (
	nanosecond  timeUnit = 1
	microsecond          = 1000 * nanosecond
	millisecond          = 1000 * microsecond
	second               = 1000 * millisecond
	minute               = 60 * second
	hour                 = 60 * minute
	day                  = 24 * hour
)

// timeSuffix lists the suffixes JavaUtils.timeStringAs accepts.
func timeSuffix(s string) (timeUnit, bool) {
	switch s {
	case "us":
		return microsecond, true
	case "ms":
		return millisecond, true
	case "s":
		return second, true
	case "m", "min":
		return minute, true
	case "h":
		return hour, true
	case "d":
		return day, true
	}
	return 0, false
}

// parseTimeUnit reads a default unit as the catalog writes it (ns, us, ms,
// s, min, h, d), a Spark suffix, or a TimeUnit name, in any case.
func parseTimeUnit(u string) (timeUnit, error) {
	switch l := strings.ToLower(u); l {
	case "ns", "nanoseconds":
		return nanosecond, nil
	case "microseconds":
		return microsecond, nil
	case "milliseconds":
		return millisecond, nil
	case "seconds", "sec":
		return second, nil
	case "minutes":
		return minute, nil
	case "hours":
		return hour, nil
	case "days":
		return day, nil
	default:
		if tu, ok := timeSuffix(l); ok {
			return tu, nil
		}
	}
	return 0, fmt.Errorf("unknown time unit %q", u)
}

// convertTime is TimeUnit.convert: d in unit from, expressed in unit to.
// Going to a larger unit truncates toward zero; going to a smaller one
// saturates at the long range instead of overflowing.
func convertTime(d int64, from, to timeUnit) int64 {
	switch {
	case from == to:
		return d
	case from < to:
		return d / int64(to/from)
	}
	r := int64(from / to)
	m := math.MaxInt64 / r
	switch {
	case d > m:
		return math.MaxInt64
	case d < -m:
		return math.MinInt64
	}
	return d * r
}

// TimeStringAs is JavaUtils.timeStringAs: it parses a duration such as
// "10s", "5min", "-1" or "200" (a bare number is in unit) and returns it in
// unit, truncating toward zero ("500ms" as seconds is 0). The input is
// lower-cased and trimmed and must match (-?[0-9]+)([a-z]+)?; the suffixes
// are us, ms, s, m, min, h and d, and "m" means minutes. ns, sec, secs,
// mins, hour, y and w are invalid, and so are fractions and inner spaces.
func TimeStringAs(s, unit string) (int64, error) {
	to, err := parseTimeUnit(unit)
	if err != nil {
		return 0, err
	}
	return timeStringAs(s, to)
}

func timeStringAs(s string, to timeUnit) (int64, error) {
	lower := javaTrim(javaLower(s))
	num := strings.TrimPrefix(lower, "-")
	digits, suffix := splitNumber(num)
	if digits == "" || !isLowerASCII(suffix) {
		if isFraction(num) {
			return 0, valueErr(s, "fractional values are not supported (use a smaller unit, e.g. 1500ms instead of 1.5s)")
		}
		return 0, valueErr(s, "not a duration: want an integer and an optional unit us, ms, s, m (minutes), min, h or d, with no space (e.g. 30s or 5min)")
	}
	val, err := strconv.ParseInt(lower[:len(lower)-len(suffix)], 10, 64)
	if err != nil {
		return 0, valueErr(s, "number out of range")
	}
	from := to
	if suffix != "" {
		u, ok := timeSuffix(suffix)
		if !ok {
			return 0, valueErr(s, "invalid suffix %q: want us, ms, s, m (minutes), min, h or d", suffix)
		}
		from = u
	}
	return convertTime(val, from, to), nil
}

// ParseDurationMS parses the value of a typed time key (ConfigBuilder.timeConf)
// whose default unit is defaultUnit, and returns the duration Spark would
// use, in milliseconds: the value is first converted to defaultUnit with
// Spark's truncation ("1500ms" on a seconds key is 1 s, so 1000 ms), then to
// milliseconds (truncating again for ns and us keys).
func ParseDurationMS(s, defaultUnit string) (int64, error) {
	unit, err := parseTimeUnit(defaultUnit)
	if err != nil {
		return 0, err
	}
	n, err := timeStringAs(s, unit)
	if err != nil {
		return 0, err
	}
	return convertTime(n, unit, millisecond), nil
}
