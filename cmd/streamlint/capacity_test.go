package main

import (
	"encoding/json"
	"testing"
)

// TestProduceRateParam checks that --param capacity.produce_rate reaches
// the policies: CAP003 needs it (it is unset by default) and compares it
// with the app's maximum consumption rate (500 records/s/partition x 3
// partitions = 1500 records/s in the fixture).
func TestProduceRateParam(t *testing.T) {
	cases := []struct {
		name  string
		param []string
		want  int
	}{
		{"unset", nil, 0},
		{"below the consumption rate", []string{"--param", "capacity.produce_rate=1500"}, 0},
		{"above the consumption rate", []string{"--param", "capacity.produce_rate=5000"}, 1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			args := append([]string{"check", "--format", "json"}, c.param...)
			out, errOut, _ := runCLI(t, nil, append(args, "fixtures/rules/CAP003/bad")...)
			var doc struct {
				Findings []struct {
					RuleID  string `json:"rule_id"`
					Line    int    `json:"line"`
					Message string `json:"message"`
				} `json:"findings"`
			}
			if err := json.Unmarshal([]byte(out), &doc); err != nil {
				t.Fatalf("%v; stderr: %s", err, errOut)
			}
			n := 0
			for _, f := range doc.Findings {
				if f.RuleID != "CAP003" {
					continue
				}
				n++
				if f.Line != 13 {
					t.Errorf("CAP003 at line %d, want 13", f.Line)
				}
			}
			if n != c.want {
				t.Errorf("%d CAP003 findings, want %d", n, c.want)
			}
		})
	}
}
