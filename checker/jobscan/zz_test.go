package jobscan

import (
	"strings"
	"testing"
	"time"
)

func TestZZ(t *testing.T) {
	n := 200000
	inputs := []string{
		strings.Repeat("(", n),
		strings.Repeat("[", n) + strings.Repeat("]", n),
		"x = " + strings.Repeat("-", n) + "1",
		strings.Repeat("lambda: ", n),
		"x = " + strings.Repeat("a.", n) + "b",
		strings.Repeat(`f"{`, n),
		strings.Repeat("f(", n) + strings.Repeat(")", n),
		strings.Repeat("{", n) + strings.Repeat("}", n),
		strings.Repeat("/*", n),
		strings.Repeat(`s"${`, n),
		strings.Repeat("new ", n),
	}
	for i, in := range inputs {
		for _, lang := range []Language{Python, Scala} {
			st := time.Now()
			j := Scan("x", []byte(in), lang)
			t.Logf("%d %s %v notes=%d", i, lang, time.Since(st), len(j.Notes))
		}
	}
}
