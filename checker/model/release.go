package model

import (
	"strconv"
	"strings"
)

// ReleaseNumbers reads a release as numbers for policies to compare
// (arrays compare element by element in Rego): "3.5.1" is [3, 5, 1]. With
// leading, only the leading major.minor counts ("3.7.0-debian-12-r3" is
// [3, 7]); otherwise the whole text must be numbers separated by dots. nil
// when the text is no such release or a number does not fit an int.
func ReleaseNumbers(s string, leading bool) []int {
	parts := strings.Split(s, ".")
	if leading {
		if len(parts) < 2 {
			return nil
		}
		parts = parts[:2]
		i := 0
		for i < len(parts[1]) && parts[1][i] >= '0' && parts[1][i] <= '9' {
			i++
		}
		parts[1] = parts[1][:i]
	}
	out := make([]int, 0, len(parts))
	for _, p := range parts {
		if p == "" || strings.Trim(p, "0123456789") != "" {
			return nil
		}
		n, err := strconv.Atoi(p)
		if err != nil {
			return nil
		}
		out = append(out, n)
	}
	return out
}
