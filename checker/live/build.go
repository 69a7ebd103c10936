// Package live reads a running Kafka cluster (check --bootstrap-server)
// with read-only admin requests and builds the policy input from it: the
// same model.Pipeline a repository gives, so the Kafka rules run on it
// unchanged, plus the consumer groups and partition offsets only a
// running cluster has. It also matches the running cluster to a
// repository's for the drift rules.
//
// franz-go is only used from Connect on: importing this package starts
// nothing and opens nothing.
package live

import (
	"fmt"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/streamlint/streamlint/checker/kafka"
	"github.com/streamlint/streamlint/checker/model"
	"github.com/streamlint/streamlint/checker/pipeline"
)

// SourceRunning is Topic.Source for a topic read from a running cluster.
const SourceRunning = "running cluster"

// URI is the kafka:// URI of the cluster reached through bootstrap (its
// first address), the prefix of every location of a running cluster.
func URI(bootstrap []string) string {
	host := "unknown"
	if len(bootstrap) > 0 {
		host = bootstrap[0]
	}
	return (&url.URL{Scheme: "kafka", Host: host}).String()
}

// BrokerURI, TopicURI and GroupTopicURI are the locations of a running
// cluster's broker, topic and a group's position on a topic.
func BrokerURI(base string, id int) string { return base + "/brokers/" + strconv.Itoa(id) }

// TopicURI is the location of a running topic.
func TopicURI(base, topic string) string { return base + "/topics/" + url.PathEscape(topic) }

// GroupURI is the location of a consumer group.
func GroupURI(base, group string) string { return base + "/groups/" + url.PathEscape(group) }

// GroupTopicURI is the location of a group's position on a topic.
func GroupTopicURI(base, group, topic string) string {
	return GroupURI(base, group) + "/topics/" + url.PathEscape(topic)
}

func uriLoc(u string) model.Location { return model.Location{File: u} }

// Build turns a snapshot into the policy input. later, when not nil, is
// the second read of --sample: rates come from the difference.
func Build(s *Snapshot, later *Snapshot, params model.Params, profile string) *model.Pipeline {
	base := URI(s.Bootstrap)
	p := &model.Pipeline{
		Version: model.InputVersion, Root: base, Profile: profile, Params: params,
		Files: []string{}, Services: []model.Service{}, Apps: []model.App{}, Workers: []model.Worker{},
		Live: &model.Live{URI: base, Bootstrap: s.Bootstrap, ClusterID: s.ClusterID, Controller: int(s.Controller)},
	}
	cluster := model.Cluster{ID: base, Brokers: []string{}, Controllers: []model.Broker{}}
	for _, b := range s.Brokers {
		mb := brokerModel(base, b)
		p.Brokers = append(p.Brokers, mb)
		cluster.Brokers = append(cluster.Brokers, mb.Service)
	}
	cluster.BrokerCount = len(p.Brokers)
	p.Clusters = []model.Cluster{cluster}
	for _, t := range s.Topics {
		if t.Internal {
			continue // __consumer_offsets, __transaction_state: the broker settings cover them
		}
		p.Topics = append(p.Topics, topicModel(base, t))
	}
	for _, g := range s.Groups {
		p.Groups = append(p.Groups, groupModel(base, g, s))
	}
	if later != nil && later.Sampled > 0 {
		applySample(p, s, later)
	}
	return p
}

func brokerModel(base string, b BrokerInfo) model.Broker {
	id := int(b.NodeID)
	mb := model.Broker{
		Service: strconv.Itoa(id), Loc: uriLoc(BrokerURI(base, id)), Roles: []string{"broker"}, Replicas: 1,
		Cluster: base, Config: configValues(b.Config, false), EnvNames: map[string]string{},
		Properties: []model.Property{}, Ignored: []model.IgnoredVar{}, Rejected: []model.IgnoredVar{},
		Live: &model.LiveBroker{NodeID: id, Address: b.Address(), Rack: b.Rack},
	}
	if v, ok := mb.Config["process.roles"]; ok && v.Value != "" {
		mb.Mode = "kraft"
		mb.Roles = strings.Split(strings.ReplaceAll(v.Value, " ", ""), ",")
	} else if v, ok := mb.Config["zookeeper.connect"]; ok && v.Value != "" {
		mb.Mode = "zookeeper"
	}
	return mb
}

// configValues normalises described configuration: typed like a
// repository's values (kafka.Catalog.TypeValue: numbers, durations,
// booleans, listener and voter lists), sensitive values (and
// secret-looking names) redacted, unset values left out.
func configValues(entries []ConfigEntry, topicLevel bool) map[string]model.Value {
	cat, _ := kafka.LoadCatalog() // embedded: it does not fail
	out := make(map[string]model.Value, len(entries))
	for _, e := range entries {
		if strings.HasPrefix(e.Key, "kfake.") {
			continue
		}
		v := model.Value{Source: e.Source, Set: e.Source != model.SourceDefault}
		switch {
		case e.Sensitive || pipeline.IsSecretName(e.Key):
			if e.Value == nil && !e.Sensitive {
				continue
			}
			v.Value, v.Secret = model.RedactedValue, model.SecretSensitive
		case e.Value == nil:
			continue // unset (log.retention.ms when hours decide)
		default:
			v.Value = *e.Value
			if cat != nil {
				cat.TypeValue(e.Key, topicLevel, &v) // as a repository's are
			}
		}
		out[e.Key] = v
	}
	return out
}

func topicModel(base string, t TopicInfo) model.Topic {
	u := TopicURI(base, t.Name)
	rf := 0
	lt := &model.LiveTopic{ID: t.ID, Internal: t.Internal, Parts: []model.Partition{}}
	for i, p := range t.Partitions {
		if i == 0 || len(p.Replicas) < rf {
			rf = len(p.Replicas) // the smallest: the partition that loses data first
		}
		lt.Parts = append(lt.Parts, model.Partition{
			Partition: int(p.Partition), Leader: int(p.Leader), Replicas: ints(p.Replicas), ISR: ints(p.ISR),
			SizeBytes: p.SizeBytes, LogStart: p.LogStart, End: p.End,
		})
	}
	return model.Topic{
		Name: t.Name, Partitions: len(t.Partitions), ReplicationFactor: rf, Loc: uriLoc(u), PartitionsLoc: uriLoc(u),
		Source: SourceRunning, Cluster: base, Config: configValues(t.Config, true), Live: lt,
	}
}

func ints(ids []int32) []int {
	out := make([]int, len(ids))
	for i, id := range ids {
		out[i] = int(id)
	}
	return out
}

func groupModel(base string, g GroupInfo, s *Snapshot) model.Group {
	mg := model.Group{Name: g.Name, Loc: uriLoc(GroupURI(base, g.Name)), State: g.State, ProtocolType: g.ProtocolType, Members: g.Members, Topics: []model.GroupTopic{}}
	topics := make([]string, 0, len(g.Committed))
	for t := range g.Committed {
		topics = append(topics, t)
	}
	sort.Strings(topics)
	for _, name := range topics {
		gt := model.GroupTopic{Topic: name, Loc: uriLoc(GroupTopicURI(base, g.Name, name)), Partitions: []model.GroupPartition{}}
		ti := s.topic(name)
		parts := make([]int32, 0, len(g.Committed[name]))
		for p := range g.Committed[name] {
			parts = append(parts, p)
		}
		sort.Slice(parts, func(i, j int) bool { return parts[i] < parts[j] })
		for _, p := range parts {
			gp := model.GroupPartition{Partition: int(p), Committed: g.Committed[name][p]}
			if pi, ok := ti.partition(p); ok {
				gp.LogStart, gp.End = pi.LogStart, pi.End
				gp.Lag = max(pi.End-gp.Committed, 0)
				gp.Deleted = max(pi.LogStart-gp.Committed, 0)
			}
			gt.Lag += gp.Lag
			gt.Partitions = append(gt.Partitions, gp)
		}
		mg.Topics = append(mg.Topics, gt)
	}
	return mg
}

func (s *Snapshot) topic(name string) *TopicInfo {
	for i := range s.Topics {
		if s.Topics[i].Name == name {
			return &s.Topics[i]
		}
	}
	return nil
}

func (t *TopicInfo) partition(p int32) (PartitionInfo, bool) {
	if t == nil {
		return PartitionInfo{}, false
	}
	for _, pi := range t.Partitions {
		if pi.Partition == p {
			return pi, true
		}
	}
	return PartitionInfo{}, false
}

// applySample sets produce rates (end offsets) and consume rates
// (committed offsets) from two reads.
func applySample(p *model.Pipeline, first, later *Snapshot) {
	secs := later.Sampled.Seconds()
	p.Live.SampleSeconds = secs
	for i := range p.Topics {
		t := &p.Topics[i]
		a, b := first.topic(t.Name), later.topic(t.Name)
		if a == nil || b == nil {
			continue
		}
		var appended int64
		for _, pa := range a.Partitions {
			if pb, ok := b.partition(pa.Partition); ok {
				appended += max(pb.End-pa.End, 0)
			}
		}
		r := float64(appended) / secs
		t.Live.ProduceRate = &r
	}
	for i := range p.Groups {
		g := &p.Groups[i]
		var lg *GroupInfo
		for j := range later.Groups {
			if later.Groups[j].Name == g.Name {
				lg = &later.Groups[j]
			}
		}
		if lg == nil {
			continue
		}
		for j := range g.Topics {
			gt := &g.Topics[j]
			lt := later.topic(gt.Topic)
			var consumed, lag2 int64
			for _, gp := range gt.Partitions {
				c2, ok := lg.Committed[gt.Topic][int32(gp.Partition)]
				if !ok {
					continue
				}
				consumed += max(c2-gp.Committed, 0)
				if pi, ok := lt.partition(int32(gp.Partition)); ok {
					lag2 += max(pi.End-c2, 0)
				}
			}
			cr := float64(consumed) / secs
			growth := float64(lag2-gt.Lag) / secs
			gt.ConsumeRate, gt.LagGrowth = &cr, &growth
		}
	}
}

// SampleNotes reports the rates --sample measured: each topic's produce
// rate (a producer that stopped shows 0) and each group's consume rate and
// lag growth on each topic (lag that grows means the group falls behind).
// They are notes: the exit code does not change.
func SampleNotes(p *model.Pipeline) []model.Note {
	if p.Live == nil || p.Live.SampleSeconds <= 0 {
		return nil
	}
	span := time.Duration(p.Live.SampleSeconds * float64(time.Second)).Round(time.Millisecond)
	var out []model.Note
	for _, t := range p.Topics {
		if t.Live == nil || t.Live.ProduceRate == nil {
			continue
		}
		msg := fmt.Sprintf("topic %q: %.1f records/s produced during the %s sample", t.Name, *t.Live.ProduceRate, span)
		if *t.Live.ProduceRate == 0 {
			msg += ": nothing was produced; if a producer should be writing, it has stopped (the incident's health line is 100 msg/s or more)"
		}
		out = append(out, model.Note{Location: t.Loc, Message: msg})
	}
	for _, g := range p.Groups {
		for _, gt := range g.Topics {
			if gt.ConsumeRate == nil || gt.LagGrowth == nil {
				continue
			}
			msg := fmt.Sprintf("group %q on topic %q: consumed %.1f records/s, lag changed by %+.1f records/s (lag %d)", g.Name, gt.Topic, *gt.ConsumeRate, *gt.LagGrowth, gt.Lag)
			if *gt.LagGrowth > 0 {
				msg += ": the lag grows, the group reads slower than producers write"
			}
			out = append(out, model.Note{Location: gt.Loc, Message: msg})
		}
	}
	return out
}
