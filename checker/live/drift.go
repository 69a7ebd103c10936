package live

import (
	"fmt"
	"net"
	"sort"
	"strconv"
	"strings"

	"github.com/streamlint/streamlint/checker/model"
)

// Match is the repository cluster a running cluster was matched to.
type Match struct {
	Root    string // the repository pipeline's root
	Cluster string // its cluster id
	Running *model.Running
}

// MatchRepository finds the repository cluster that the running cluster
// (the live pipeline) is: the cluster one of whose brokers advertises, or
// whose apps bootstrap from, an address of the running cluster (its
// --bootstrap-server addresses and the brokers' advertised addresses);
// else the only cluster, when the repository has exactly one. Several
// candidates, or several clusters and no address in common, give no match
// and a note saying why: drift is never reported against a guess.
func MatchRepository(repo []*model.Pipeline, running *model.Pipeline) (*Match, []model.Note) {
	if running == nil || running.Live == nil {
		return nil, nil
	}
	addrs := map[string]bool{}
	for _, a := range running.Live.Bootstrap {
		addrs[normAddr(a)] = true
	}
	for _, b := range running.Brokers {
		if b.Live != nil {
			addrs[normAddr(b.Live.Address)] = true
		}
	}
	type candidate struct {
		p   *model.Pipeline
		c   model.Cluster
		via string
	}
	var all, byAddr []candidate
	for _, p := range repo {
		for _, c := range p.Clusters {
			cand := candidate{p: p, c: c}
			if a := sharedAddress(p, c, addrs); a != "" {
				cand.via = a
				byAddr = append(byAddr, cand)
			}
			all = append(all, cand)
		}
	}
	note := func(msg string) []model.Note {
		return []model.Note{{Location: model.Location{File: running.Live.URI}, Message: msg}}
	}
	label := func(cs []candidate) string {
		var out []string
		for _, c := range cs {
			out = append(out, fmt.Sprintf("%s (brokers %s)", c.p.Root, strings.Join(c.c.Brokers, ", ")))
		}
		sort.Strings(out)
		return strings.Join(out, "; ")
	}
	var chosen candidate
	switch {
	case len(byAddr) == 1:
		chosen = byAddr[0]
	case len(byAddr) > 1:
		return nil, note(fmt.Sprintf("drift not checked (DRF001): %d repository clusters share an address with the running cluster: %s; check one PATH at a time", len(byAddr), label(byAddr)))
	case len(all) == 1:
		chosen = all[0]
		chosen.via = "the only cluster on each side"
	case len(all) == 0:
		return nil, note("drift not checked (DRF001): the PATHs define no Kafka broker to compare with the running cluster")
	default:
		return nil, note(fmt.Sprintf("drift not checked (DRF001): none of the %d repository clusters advertises or bootstraps from an address of the running cluster (%s): %s; check the PATH of the right one alone", len(all), strings.Join(sortedKeys(addrs), ", "), label(all)))
	}
	r := &model.Running{
		URI: running.Live.URI, Cluster: chosen.c.ID, Via: chosen.via,
		Brokers: running.Brokers, Topics: running.Topics, Pairs: pairBrokers(chosen.p, chosen.c, running),
	}
	if r.Topics == nil {
		r.Topics = []model.Topic{}
	}
	return &Match{Root: chosen.p.Root, Cluster: chosen.c.ID, Running: r}, nil
}

// Attach sets the running cluster on the matched repository pipeline; it
// is lint.Options.Augment.
func (m *Match) Attach(p *model.Pipeline) {
	if m != nil && p.Root == m.Root {
		p.Running = m.Running
	}
}

// sharedAddress is an address of cluster c (a broker's advertised
// listener, an app's bootstrap entry naming one of its brokers) that the
// running cluster has, described for messages; "" when none.
func sharedAddress(p *model.Pipeline, c model.Cluster, addrs map[string]bool) string {
	in := map[string]bool{}
	for _, s := range c.Brokers {
		in[s] = true
	}
	for _, b := range p.Brokers {
		if !in[b.Service] {
			continue
		}
		for _, a := range listenerAddrs(b.Config["advertised.listeners"].Value) {
			if addrs[normAddr(a)] {
				return "advertised listener " + a + " of broker " + strconv.Quote(b.Service)
			}
		}
	}
	for _, app := range p.Apps {
		for _, bs := range app.Bootstrap {
			for _, e := range bs.Entries {
				if in[e.Broker] && addrs[normAddr(e.Address)] {
					return "bootstrap address " + e.Address + " of app " + app.ID
				}
			}
		}
	}
	return ""
}

// listenerAddrs are the host:port of a listeners value
// ("PLAINTEXT://kafka:29092,HOST://localhost:9092").
func listenerAddrs(v string) []string {
	var out []string
	for _, part := range strings.Split(v, ",") {
		_, hp, ok := strings.Cut(strings.TrimSpace(part), "://")
		if ok && hp != "" {
			out = append(out, hp)
		}
	}
	return out
}

func normAddr(a string) string {
	host, port, err := net.SplitHostPort(strings.TrimSpace(a))
	if err != nil {
		return strings.ToLower(a)
	}
	return net.JoinHostPort(strings.ToLower(host), port)
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// pairBrokers says which running broker each broker service of the
// cluster is compared with: a cluster of one broker service (whatever its
// replicas) is compared with every running broker; otherwise a service is
// paired with the running broker of its node.id (broker.id), else with the
// one whose advertised address it advertises.
func pairBrokers(p *model.Pipeline, c model.Cluster, running *model.Pipeline) []model.BrokerPair {
	pairs := []model.BrokerPair{}
	if len(c.Brokers) == 1 {
		for _, rb := range running.Brokers {
			if rb.Live != nil {
				pairs = append(pairs, model.BrokerPair{Service: c.Brokers[0], Node: rb.Live.NodeID})
			}
		}
		return pairs
	}
	in := map[string]bool{}
	for _, s := range c.Brokers {
		in[s] = true
	}
	for _, b := range p.Brokers {
		if !in[b.Service] {
			continue
		}
		if node, ok := nodeID(b); ok {
			for _, rb := range running.Brokers {
				if rb.Live != nil && rb.Live.NodeID == node {
					pairs = append(pairs, model.BrokerPair{Service: b.Service, Node: node})
				}
			}
			continue
		}
		seen := map[int]bool{}
		for _, a := range listenerAddrs(b.Config["advertised.listeners"].Value) {
			for _, rb := range running.Brokers {
				if rb.Live != nil && !seen[rb.Live.NodeID] && normAddr(rb.Live.Address) == normAddr(a) {
					seen[rb.Live.NodeID] = true
					pairs = append(pairs, model.BrokerPair{Service: b.Service, Node: rb.Live.NodeID})
				}
			}
		}
	}
	return pairs
}

func nodeID(b model.Broker) (int, bool) {
	for _, k := range []string{"node.id", "broker.id"} {
		if v, ok := b.Config[k]; ok && v.Num != nil && !v.Unresolved {
			return int(*v.Num), true
		}
	}
	return 0, false
}
