package pipeline

import (
	"slices"
	"sort"
	"strings"

	"github.com/streamlint/streamlint/checker/model"
	"github.com/streamlint/streamlint/checker/secret"
)

// buildClusters groups brokers by zookeeper.connect or
// controller.quorum.voters; brokers that say neither share one cluster.
func (s *assembly) buildClusters() {
	var nodes []clusterNode
	for i := range s.p.Brokers {
		b := &s.p.Brokers[i]
		nodes = append(nodes, clusterNode{broker: b, entries: clusterEntries(b.Config, true)})
	}
	for _, ks := range s.kafkaSvcs {
		if ks.controller != nil {
			nodes = append(nodes, clusterNode{broker: ks.controller, controller: true, entries: clusterEntries(ks.controller.Config, false)})
		}
	}
	byID := map[string]*model.Cluster{}
	var ids []string
	for _, group := range groupClusterNodes(nodes) {
		id := clusterID(group)
		c, ok := byID[id]
		if !ok {
			c = &model.Cluster{ID: id, Brokers: []string{}}
			byID[id] = c
			ids = append(ids, id)
		}
		for _, n := range group {
			n.broker.Cluster = id
			if n.controller {
				c.Controllers = append(c.Controllers, *n.broker)
				continue
			}
			c.Brokers = append(c.Brokers, n.broker.Service)
			c.BrokerCount += max(n.broker.Replicas, 1)
		}
	}
	sort.Strings(ids)
	for _, id := range ids {
		c := byID[id]
		if c.Controllers == nil {
			c.Controllers = []model.Broker{}
		}
		sort.Slice(c.Controllers, func(i, j int) bool { return c.Controllers[i].Service < c.Controllers[j].Service })
		c.Partial = s.project != nil && s.project.Partial
		s.p.Clusters = append(s.p.Clusters, *c)
	}
}

// clusterNode is a broker or a controller on its way into a cluster.
type clusterNode struct {
	broker     *model.Broker
	controller bool
	entries    []string // clusterEntries
}

// clusterEntries are what makes nodes one cluster: the members of the
// ZooKeeper ensemble a broker connects to ("zookeeper:zk1:2181/chroot"),
// else the KRaft voters ("kraft:1@kafka1:9093"), trimmed and lower-cased
// as Kafka and ZooKeeper read the lists; none when neither is set (the
// project's one cluster). Ids are redacted here, as the model will be:
// two ids that differ only by a credential must not become two clusters.
func clusterEntries(config map[string]model.Value, zookeeper bool) []string {
	if zk := config["zookeeper.connect"].Value; zookeeper && zk != "" {
		hosts, chroot, _ := strings.Cut(zk, "/")
		if chroot != "" {
			chroot = "/" + strings.TrimRight(strings.TrimSpace(chroot), "/")
		}
		return listEntries("zookeeper:", hosts, chroot)
	}
	if v := config["controller.quorum.voters"].Value; v != "" {
		return listEntries("kraft:", v, "")
	}
	return nil
}

func listEntries(prefix, list, suffix string) []string {
	var out []string
	for _, part := range strings.Split(list, ",") {
		if part = strings.ToLower(strings.TrimSpace(part)); part != "" {
			out = append(out, prefix+secret.Redact(part)+suffix)
		}
	}
	sort.Strings(out)
	return slices.Compact(out)
}

// groupClusterNodes puts nodes that share an entry in one group (the same
// ensemble or quorum, whatever order or spacing each node lists it in),
// and nodes without entries in one group of their own; groups come in the
// order of their first node.
func groupClusterNodes(nodes []clusterNode) [][]clusterNode {
	parent := make([]int, len(nodes))
	for i := range parent {
		parent[i] = i
	}
	find := func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	owner := map[string]int{}
	noEntries := -1
	for i, n := range nodes {
		if len(n.entries) == 0 {
			if noEntries < 0 {
				noEntries = i
			}
			parent[find(i)] = find(noEntries)
			continue
		}
		for _, e := range n.entries {
			if j, ok := owner[e]; ok {
				parent[find(i)] = find(j)
			} else {
				owner[e] = i
			}
		}
	}
	index := map[int]int{}
	var groups [][]clusterNode
	for i, n := range nodes {
		r := find(i)
		g, ok := index[r]
		if !ok {
			g = len(groups)
			index[r] = g
			groups = append(groups, nil)
		}
		groups[g] = append(groups[g], n)
	}
	return groups
}

// clusterID names a group: "compose" for nodes without an ensemble or
// quorum, else the kind and the sorted entries of all its nodes
// ("zookeeper:zk1:2181,zk2:2181/kafka").
func clusterID(group []clusterNode) string {
	var all []string
	for _, n := range group {
		all = append(all, n.entries...)
	}
	if len(all) == 0 {
		return "compose"
	}
	sort.Strings(all)
	all = slices.Compact(all)
	kind, _, _ := strings.Cut(all[0], ":")
	parts := make([]string, len(all))
	suffix := ""
	for i, e := range all {
		e = strings.TrimPrefix(e, kind+":")
		if kind == "zookeeper" {
			if host, chroot, ok := strings.Cut(e, "/"); ok {
				e, suffix = host, "/"+chroot
			}
		}
		parts[i] = e
	}
	return kind + ":" + strings.Join(slices.Compact(parts), ",") + suffix
}
