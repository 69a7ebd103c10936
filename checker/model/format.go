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
