package live_test

import (
	"strings"
	"testing"

	"github.com/streamlint/streamlint/checker/live"
	"github.com/streamlint/streamlint/checker/model"
)

func repoPipeline(root string, clusters ...[]model.Broker) *model.Pipeline {
	p := &model.Pipeline{Root: root}
	for i, bs := range clusters {
		id := root + "#" + string(rune('a'+i))
		c := model.Cluster{ID: id}
		for _, b := range bs {
			b.Cluster = id
			p.Brokers = append(p.Brokers, b)
			c.Brokers = append(c.Brokers, b.Service)
		}
		p.Clusters = append(p.Clusters, c)
	}
	return p
}

func repoBroker(service, advertised string, node float64) model.Broker {
	cfg := map[string]model.Value{"advertised.listeners": {Value: advertised}}
	if node >= 0 {
		cfg["node.id"] = model.Value{Value: "x", Num: &node}
	}
	return model.Broker{Service: service, Config: cfg}
}

func runningCluster(bootstrap string, addrs ...string) *model.Pipeline {
	p := &model.Pipeline{Live: &model.Live{URI: "kafka://" + bootstrap, Bootstrap: []string{bootstrap}}}
	for i, a := range addrs {
		p.Brokers = append(p.Brokers, model.Broker{Service: string(rune('1' + i)), Live: &model.LiveBroker{NodeID: i + 1, Address: a}})
	}
	return p
}

// TestMatchRepository: which repository cluster the running one is, and
// when there is no telling (a note, never a guess).
func TestMatchRepository(t *testing.T) {
	single := repoPipeline("single", []model.Broker{repoBroker("kafka", "PLAINTEXT://kafka:29092,HOST://localhost:9092", 1)})
	other := repoPipeline("other", []model.Broker{repoBroker("broker", "PLAINTEXT://broker:9092", -1)})
	three := repoPipeline("three", []model.Broker{
		repoBroker("kafka-1", "PLAINTEXT://kafka-1:9092", 1), repoBroker("kafka-2", "PLAINTEXT://kafka-2:9092", 2), repoBroker("kafka-3", "PLAINTEXT://kafka-3:9092", -1),
	})
	cases := []struct {
		name      string
		repo      []*model.Pipeline
		running   *model.Pipeline
		wantRoot  string
		wantVia   string
		wantPairs string
		wantNote  string
	}{
		{name: "one on each side", repo: []*model.Pipeline{other}, running: runningCluster("10.0.0.5:9092", "10.0.0.5:9092"),
			wantRoot: "other", wantVia: "the only cluster on each side", wantPairs: "broker=1"},
		{name: "advertised listener among several", repo: []*model.Pipeline{other, single}, running: runningCluster("LOCALHOST:9092", "localhost:9092"),
			wantRoot: "single", wantVia: `advertised listener localhost:9092 of broker "kafka"`, wantPairs: "kafka=1"},
		{name: "a broker's advertised address", repo: []*model.Pipeline{single, three}, running: runningCluster("10.1.1.1:9092", "kafka-1:9092", "kafka-2:9092", "kafka-3:9092"),
			wantRoot: "three", wantPairs: "kafka-1=1 kafka-2=2 kafka-3=3"},
		{name: "several, no address in common", repo: []*model.Pipeline{other, single}, running: runningCluster("10.0.0.5:9092", "10.0.0.5:9092"),
			wantNote: "none of the 2 repository clusters"},
		{name: "two share the address", repo: []*model.Pipeline{single, repoPipeline("copy", []model.Broker{repoBroker("k", "PLAINTEXT://localhost:9092", 1)})}, running: runningCluster("localhost:9092", "localhost:9092"),
			wantNote: "2 repository clusters share an address"},
		{name: "no broker in the PATHs", repo: []*model.Pipeline{{Root: "spark-only"}}, running: runningCluster("localhost:9092", "localhost:9092"),
			wantNote: "define no Kafka broker"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			m, notes := live.MatchRepository(tc.repo, tc.running)
			if tc.wantNote != "" {
				if m != nil || len(notes) != 1 || !strings.Contains(notes[0].Message, tc.wantNote) || notes[0].File != tc.running.Live.URI {
					t.Fatalf("match %+v, notes %+v: want only a note %q", m, notes, tc.wantNote)
				}
				return
			}
			if m == nil {
				t.Fatalf("no match; notes %+v", notes)
			}
			if m.Root != tc.wantRoot || (tc.wantVia != "" && m.Running.Via != tc.wantVia) {
				t.Errorf("matched %s via %q", m.Root, m.Running.Via)
			}
			var pairs []string
			for _, p := range m.Running.Pairs {
				pairs = append(pairs, p.Service+"="+string(rune('0'+p.Node)))
			}
			if got := strings.Join(pairs, " "); got != tc.wantPairs {
				t.Errorf("pairs %q, want %q", got, tc.wantPairs)
			}
			// Attach sets the running cluster on the matched pipeline only
			for _, p := range tc.repo {
				p.Running = nil
				m.Attach(p)
				if (p.Running != nil) != (p.Root == tc.wantRoot) {
					t.Errorf("Attach on %s: running %v", p.Root, p.Running != nil)
				}
			}
		})
	}
}
