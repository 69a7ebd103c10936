package jobscan

import (
	"strings"
)

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
