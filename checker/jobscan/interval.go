package jobscan

import (
	"strconv"
	"strings"
)

// intervalUnits are the unit words of Spark's interval syntax, in seconds.
// Months and years are in the syntax too, but triggers reject them.
var intervalUnits = map[string]float64{
	"week": 7 * 86400, "day": 86400, "hour": 3600, "minute": 60, "second": 1,
	"millisecond": 1e-3, "microsecond": 1e-6,
}

// parseInterval reads a Structured Streaming trigger interval the way
// SparkIntervalUtils.stringToInterval does for Trigger.ProcessingTime:
// "[interval] <number> <unit> [<number> <unit> ...]", whitespace between
// number and unit, unit words with an optional plural s, a fraction only
// on seconds. "10s", "10 secs" and month/year intervals are invalid, as
// is a negative total.
func parseInterval(s string) (seconds float64, ok bool) {
	fields := strings.Fields(strings.ToLower(s))
	if len(fields) > 0 && fields[0] == "interval" {
		fields = fields[1:]
	}
	// A sign may stand apart from its number: "- 5 seconds".
	for i := 0; i+1 < len(fields); i++ {
		if fields[i] == "-" || fields[i] == "+" {
			fields[i] += fields[i+1]
			fields = append(fields[:i+1], fields[i+2:]...)
		}
	}
	if len(fields) == 0 || len(fields)%2 != 0 {
		return 0, false
	}
	total := 0.0
	for i := 0; i < len(fields); i += 2 {
		value, unit := fields[i], fields[i+1]
		factor, known := intervalUnits[unit]
		if !known {
			factor, known = intervalUnits[strings.TrimSuffix(unit, "s")]
		}
		if !known {
			return 0, false
		}
		digits := strings.TrimLeft(value, "+-")
		if len(value)-len(digits) > 1 || !validIntervalNumber(digits, factor == 1) {
			return 0, false
		}
		n, err := strconv.ParseFloat(digits, 64)
		if err != nil {
			return 0, false
		}
		if strings.HasPrefix(value, "-") {
			n = -n
		}
		total += n * factor
	}
	if total < 0 {
		return 0, false
	}
	return total, true
}

// validIntervalNumber accepts digits with an optional fraction, which only
// seconds may have.
func validIntervalNumber(s string, fractionOK bool) bool {
	whole, frac, hasDot := strings.Cut(s, ".")
	if whole == "" || strings.Trim(whole, "0123456789") != "" {
		return false
	}
	if hasDot {
		return fractionOK && strings.Trim(frac, "0123456789") == ""
	}
	return true
}

// timeUnitSeconds maps a time unit name (TimeUnit constants, Scala
// duration methods, interval words) to seconds.
func timeUnitSeconds(name string) (float64, bool) {
	switch strings.TrimSuffix(strings.ToLower(name), "s") {
	case "nanosecond", "nano":
		return 1e-9, true
	case "microsecond", "micro":
		return 1e-6, true
	case "millisecond", "milli":
		return 1e-3, true
	case "second":
		return 1, true
	case "minute":
		return 60, true
	case "hour":
		return 3600, true
	case "day":
		return 86400, true
	}
	return 0, false
}
