package model

import (
	"fmt"
	"math"
)

// HumanBytes formats a byte count for messages in the largest binary unit
// that keeps it at least 1, with one decimal unless it is zero ("10 GiB",
// "434.4 MiB", "384 MiB", "512 B"). The Rego library's human is the same
// function for the texts policies write; a test keeps the two equal.
func HumanBytes(b float64) string {
	for _, u := range []struct {
		name string
		size float64
	}{{"GiB", 1 << 30}, {"MiB", 1 << 20}, {"KiB", 1 << 10}} {
		if b >= u.size {
			return decimal(b/u.size) + " " + u.name
		}
	}
	return fmt.Sprintf("%d B", int64(math.Round(b)))
}

// decimal writes x with one decimal, rounded half away from zero as Rego's
// round does, without a trailing ".0".
func decimal(x float64) string {
	t := int64(math.Round(x * 10))
	if t%10 == 0 {
		return fmt.Sprintf("%d", t/10)
	}
	return fmt.Sprintf("%d.%d", t/10, t%10)
}

// HumanMillis formats a duration in milliseconds in the largest unit that
// divides it ("7 d", "24 h", "90 min", "1500 ms"; negative: "no time
// limit"). The Rego library's human_ms is the same function; a test keeps
// the two equal.
func HumanMillis(ms int64) string {
	switch {
	case ms < 0:
		return "no time limit"
	case ms == 0:
		return "0 ms"
	case ms%86400000 == 0:
		return fmt.Sprintf("%d d", ms/86400000)
	case ms%3600000 == 0:
		return fmt.Sprintf("%d h", ms/3600000)
	case ms%60000 == 0:
		return fmt.Sprintf("%d min", ms/60000)
	}
	return fmt.Sprintf("%d ms", ms)
}
