package compose

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/streamlint/streamlint/checker/yamlpos"
)

// bigCompose is a compose file of n services with what a service can
// share with others: top-level anchors (merged at service level and in
// environment), networks declared and implicit, named volumes, secrets,
// configs, depends_on, links and network_mode across the two halves,
// profiles, interpolation and typed fields. Only the second half's
// services use the default network.
func bigCompose(n int) string {
	var b strings.Builder
	b.WriteString(`name: big
x-env: &env
  KAFKA_PROCESS_ROLES: broker
  KAFKA_LOG_RETENTION_HOURS: ${RETENTION:-168}
x-defaults: &defaults
  restart: unless-stopped
  labels:
    team: data
services:
`)
	for i := range n {
		fmt.Fprintf(&b, "  s-%d:\n    <<: *defaults\n    image: ${REGISTRY}/kafka:${TAG:-7.6.1}\n", i)
		fmt.Fprintf(&b, "    environment:\n      <<: *env\n      KAFKA_NODE_ID: %d\n", i)
		if i < n/2 && i%5 != 0 && i%5 != 2 {
			b.WriteString("    networks: [backend]\n") // the first half: no default network
		}
		switch i % 5 {
		case 0:
			fmt.Fprintf(&b, "    networks: [backend]\n    ports: [\"%d:9092\"]\n    volumes: [\"data:/data\", \"./conf:/conf\"]\n", 10000+i)
		case 1:
			fmt.Fprintf(&b, "    depends_on: [s-%d]\n    links: [\"s-%d:peer\"]\n    profiles: [debug]\n", n-1-i, (i+n/2)%n)
		case 2:
			fmt.Fprintf(&b, "    network_mode: service:s-%d\n    secrets: [pw]\n    configs: [cfg]\n", (i+n/2)%n)
		case 3:
			b.WriteString("    build: {context: ., dockerfile: Dockerfile}\n    healthcheck: {test: [\"CMD\", \"true\"], interval: 10s}\n")
			b.WriteString("    deploy:\n      resources:\n        limits: {memory: 1g, cpus: \"0.5\"}\n")
		default:
			b.WriteString("    # a comment between services\n    command: [\"bash\", \"-c\", \"echo $$HOME\"]\n\n")
		}
	}
	b.WriteString(`networks:
  backend: {}
volumes:
  data: {}
secrets:
  pw: {file: ./pw.txt}
configs:
  cfg: {file: ./cfg.properties}
`)
	return b.String()
}

// TestLoadPartsIsTheWholeLoad: the project loaded from two or three parts
// at once is the project compose-go loads from the whole file.
func TestLoadPartsIsTheWholeLoad(t *testing.T) {
	for _, k := range []int{2, 3} {
		t.Run(fmt.Sprint(k), func(t *testing.T) { testLoadParts(t, k) })
	}
}

func testLoadParts(t *testing.T, k int) {
	dir := t.TempDir()
	abs := filepath.Join(dir, "compose.yaml")
	if err := os.WriteFile(abs, []byte(bigCompose(splitMinServices+31)), 0o644); err != nil {
		t.Fatal(err)
	}
	l := NewLoader(Options{})
	idx := newIndex(l.opts.Display, l.opts.MaxFileSize, l.opts.Scope)
	if _, err := idx.doc(abs); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"REGISTRY": "registry.example.com", "RETENTION": "24"}
	whole, err := l.loadProject(context.Background(), dir, []string{abs}, [][]string{idx.lines[abs]}, nil, maps.Clone(env), nil)
	if err != nil {
		t.Fatal(err)
	}
	split, ok := l.loadParts(context.Background(), dir, abs, idx, env, k)
	if !ok {
		t.Fatal("loadParts declined a file of independent services")
	}
	if len(split.Services) != splitMinServices+31 || len(split.DisabledServices) != len(whole.DisabledServices) {
		t.Fatalf("services: %d enabled, %d disabled; want %d, %d", len(split.Services), len(split.DisabledServices), len(whole.Services), len(whole.DisabledServices))
	}
	if !reflect.DeepEqual(whole, split) {
		wv, sv := reflect.ValueOf(*whole), reflect.ValueOf(*split)
		for i := range wv.NumField() {
			if !reflect.DeepEqual(wv.Field(i).Interface(), sv.Field(i).Interface()) {
				t.Errorf("%s differs", wv.Type().Field(i).Name)
			}
		}
		for name, s := range whole.Services {
			if !reflect.DeepEqual(s, split.Services[name]) {
				w, _ := json.Marshal(s)
				o, _ := json.Marshal(split.Services[name])
				t.Fatalf("service %s differs:\nwhole: %s\nsplit: %s", name, w, o)
			}
		}
		t.Fatalf("the parts' project differs from the whole file's")
	}
}

// TestLoadPartsLeavesErrorsToTheWholeLoad: a part that compose-go
// refuses is not reported from the part; the whole file is loaded again
// (loadTolerant), so that the error is docker compose's.
func TestLoadPartsLeavesErrorsToTheWholeLoad(t *testing.T) {
	dir := t.TempDir()
	abs := filepath.Join(dir, "compose.yaml")
	text := strings.Replace(bigCompose(splitMinServices), "  s-200:\n", "  s-200:\n    cpus: lots\n", 1)
	if err := os.WriteFile(abs, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	l := NewLoader(Options{})
	idx := newIndex(l.opts.Display, l.opts.MaxFileSize, l.opts.Scope)
	if _, err := idx.doc(abs); err != nil {
		t.Fatal(err)
	}
	if _, ok := l.loadParts(context.Background(), dir, abs, idx, map[string]string{"REGISTRY": "r"}, 2); ok {
		t.Fatal("a part compose-go refuses must leave the file to the whole load")
	}
	p, err := l.Load(context.Background(), []string{abs})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Services) != splitMinServices-1 || len(p.Problems) == 0 || !strings.Contains(p.Problems[0].Msg, `service "s-200" is left out`) {
		t.Fatalf("want s-200 left out with the schema error, the others loaded; got %d services, problems %v", len(p.Services), p.Problems)
	}
}

func TestPartsDeclines(t *testing.T) {
	big := bigCompose(splitMinServices)
	tests := []struct {
		name, text string
		split      bool
	}{
		{"independent services", big, true},
		{"too few services", bigCompose(splitMinServices - 1), false},
		{"extends", strings.Replace(big, "  s-7:\n", "  s-7:\n    extends: {service: s-8}\n", 1), false},
		{"extends through a merge key", strings.Replace(big, "x-defaults: &defaults\n", "x-defaults: &defaults\n  extends: {service: s-8}\n", 1), false},
		{"include", "include: [other.yaml]\n" + big, false},
		{"jobs", big + "jobs:\n  j: {image: busybox}\n", false},
		{"an anchor of one service aliased by another", strings.Replace(strings.Replace(big, "  s-3:\n", "  s-3:\n    dns: &dns [1.1.1.1]\n", 1), "  s-200:\n", "  s-200:\n    dns_search: *dns\n", 1), false},
		{"an anchor of a service aliased at the top level", strings.Replace(big, "  s-3:\n", "  s-3:\n    dns: &dns [1.1.1.1]\n", 1) + "x-dns: *dns\n", false},
		{"the services mapping aliased", strings.Replace(big, "services:\n", "services: &all\n", 1) + "x-all: *all\n", false},
		{"a service name given twice", strings.Replace(big, "  s-200:\n", "  s-3:\n    image: x\n  s-200:\n", 1), false},
		{"services merged in", strings.Replace(big, "services:\n", "x-more: &more\n  extra: {image: x}\nservices:\n  <<: *more\n", 1), false},
		{"an anchor aliased in its own service", strings.Replace(big, "  s-3:\n", "  s-3:\n    dns: &dns [1.1.1.1]\n    dns_search: *dns\n", 1), true},
		{"flow services", "services: {" + strings.Repeat("a: {image: x}, ", 1) + "}\n", false},
		{"two services on one line", strings.Replace(big, "  s-4:\n", "  s-x: {image: x}\n  s-4:\n", 1), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := yamlpos.Parse([]byte(tt.text))
			if err != nil {
				t.Fatal(err)
			}
			lines := sourceLines([]byte(tt.text))
			texts, ok := parts(d.Root(), lines, 3)
			if ok != tt.split {
				t.Fatalf("split = %v, want %v", ok, tt.split)
			}
			if !ok {
				return
			}
			for i, l := range lines {
				kept := 0
				for _, text := range texts {
					if len(text) != len(lines) {
						t.Fatal("each part must keep every line")
					}
					if text[i] == l {
						kept++
					}
				}
				if kept == 0 {
					t.Fatalf("line %d is blanked in every part: %q", i+1, l)
				}
				if strings.HasPrefix(l, "  s-0:") && (texts[0][i] != l || texts[1][i] != "" || texts[2][i] != "") {
					t.Fatalf("s-0 belongs to the first part only")
				}
			}
		})
	}
}

func TestPartsDeclineNearComposeVisitLimit(t *testing.T) {
	var b strings.Builder
	b.WriteString("services:\n")
	for i := range splitMinServices {
		fmt.Fprintf(&b, "  s-%d:\n    image: x\n    labels: [", i)
		for j := range composeMaxNodeVisits / splitMinServices {
			fmt.Fprintf(&b, "l%d,", j)
		}
		b.WriteString("]\n")
	}
	d, err := yamlpos.Parse([]byte(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := parts(d.Root(), sourceLines([]byte(b.String())), 2); ok {
		t.Fatal("a file past compose-go's node-visit cap must load whole (and fail as docker compose does)")
	}
}
