package compose

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
)

// TestOneBadServiceKeepsTheOthers: a value compose-go rejects in one
// service is an error at its line, and the other services are still
// loaded; with no other service the error stays the load's.
func TestOneBadServiceKeepsTheOthers(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		files    map[string]string
		load     []string
		services []string
		errLine  int
		errText  string
		leftOut  int // services left out (0: 1)
	}{
		{
			name: "cpus in another service",
			files: map[string]string{"compose.yaml": "services:\n  kafka:\n    image: apache/kafka:3.8.0\n" +
				"  other:\n    image: alpine\n    cpus: lots\n  spark:\n    image: apache/spark:3.5.1\n"},
			load: []string{"compose.yaml"}, services: []string{"kafka", "spark"}, errLine: 6, errText: `service "other" is left out`,
		},
		{
			name: "two bad services, the last one",
			files: map[string]string{"compose.yaml": "services:\n  kafka:\n    image: apache/kafka:3.8.0\n" +
				"  a:\n    image: alpine\n    mem_limit: abc\n  b:\n    image: alpine\n    cpus: x\nvolumes:\n  data: {}\n"},
			load: []string{"compose.yaml"}, services: []string{"kafka"}, errLine: 9, errText: `service "b" is left out`, leftOut: 2,
		},
		{
			name: "extends a service that is not there",
			files: map[string]string{"compose.yaml": "services:\n  kafka:\n    image: apache/kafka:3.8.0\n" +
				"  other:\n    image: alpine\n    extends: {service: nope}\n"},
			load: []string{"compose.yaml"}, services: []string{"kafka"}, errLine: 4, errText: `service "other" is left out`,
		},
		{
			name: "a port compose-go cannot parse",
			files: map[string]string{"compose.yaml": "services:\n  kafka:\n    image: apache/kafka:3.8.0\n" +
				"  other:\n    image: alpine\n    ports: ['99999:9092']\n"},
			load: []string{"compose.yaml"}, services: []string{"kafka"}, errLine: 4, errText: `Invalid hostPort: 99999`,
		},
		{
			name: "the service of an override too",
			files: map[string]string{
				"compose.yaml":          "services:\n  kafka:\n    image: apache/kafka:3.8.0\n  other:\n    image: alpine\n",
				"compose.override.yaml": "services:\n  other:\n    cpus: lots\n",
			},
			load: []string{"compose.yaml", "compose.override.yaml"}, services: []string{"kafka"}, errText: `service "other" is left out`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			dir := writeFiles(t, tt.files)
			p := load(t, dir, Options{}, tt.load...)
			var names []string
			for _, s := range p.Services {
				names = append(names, s.Name)
			}
			if strings.Join(names, ",") != strings.Join(tt.services, ",") {
				t.Errorf("services %v, want %v", names, tt.services)
			}
			if len(p.Problems) == 0 {
				t.Fatalf("no problem reported")
			}
			n, want := 0, max(tt.leftOut, 1)
			for _, pr := range p.Problems {
				if strings.Contains(pr.Msg, "is left out here") {
					n++
				}
			}
			if n != want {
				t.Errorf("%d services left out, want %d: %+v", n, want, p.Problems)
			}
			got := p.Problems[0]
			if !strings.Contains(got.Msg, tt.errText) || tt.errLine > 0 && got.Loc.Line != tt.errLine {
				t.Errorf("problem %s: %s; want line %d and %q", got.Loc, got.Msg, tt.errLine, tt.errText)
			}
		})
	}
}

func TestOnlyServiceBadIsTheLoadsError(t *testing.T) {
	t.Parallel()
	dir := writeFiles(t, map[string]string{"compose.yaml": "services:\n  kafka:\n    image: apache/kafka:3.8.0\n    cpus: lots\n"})
	_, err := NewLoader(Options{}).Load(context.Background(), []string{filepath.Join(dir, "compose.yaml")})
	if err == nil || !strings.Contains(err.Error(), "cpus") {
		t.Fatalf("err = %v, want the cpus error", err)
	}
}
