package model

import "fmt"

// HumanBytes formats a byte count for messages: GiB with one decimal, MiB
// and bytes whole.
func HumanBytes(b float64) string {
	switch {
	case b >= 1<<30:
		return fmt.Sprintf("%.1f GiB", b/(1<<30))
	case b >= 1<<20:
		return fmt.Sprintf("%.0f MiB", b/(1<<20))
	}
	return fmt.Sprintf("%.0f B", b)
}
