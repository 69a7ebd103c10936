// Package livetest loads a seed file (a small YAML description of a
// running cluster: brokers, their dynamic configuration, topics with
// records, deleted records and configuration, consumer groups with
// committed offsets) into an in-process Kafka (kfake, which speaks the
// real protocol) for tests. The live rules' fixtures
// (fixtures/rules/<ID>/{bad,good}/cluster.yaml) are seed files.
//
// Tests import this package, and internal/devcluster, which serves a
// seed for trying --bootstrap-server by hand: kfake never reaches the
// streamlint binary.
package livetest

import (
	"context"
	"fmt"
	"math"
	"os"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kgo"
	"go.yaml.in/yaml/v3"
)

// SeedFile is the name of a seed in a rule's fixture directory.
const SeedFile = "cluster.yaml"

// Seed describes a cluster to start.
type Seed struct {
	// Brokers is the broker count (default 1).
	Brokers int `yaml:"brokers"`
	// BrokerConfigs are dynamic broker configs every broker reports
	// (source dynamic-broker-config), as kafka-configs would set them.
	BrokerConfigs map[string]string `yaml:"broker_configs"`
	Topics        []Topic           `yaml:"topics"`
	Groups        []Group           `yaml:"groups"`
	// Want lists the findings the live check must report, each "ID PATH"
	// with PATH the location after kafka://HOST:PORT/ (e.g. "LAG001
	// groups/spark-streaming/topics/transactions"); a bad fixture needs
	// at least one, a good one none.
	Want []string `yaml:"want"`
	// Params are rule parameters (live.lag_alert: 500).
	Params map[string]float64 `yaml:"params"`
}

// Topic is a topic to create and fill.
type Topic struct {
	Name              string            `yaml:"name"`
	Partitions        int32             `yaml:"partitions"`
	ReplicationFactor int16             `yaml:"replication_factor"`
	Configs           map[string]string `yaml:"configs"`
	// Records produced into each partition (one number for all, or a
	// list per partition), each RecordBytes long (default 100).
	Records     PerPartition `yaml:"records"`
	RecordBytes int          `yaml:"record_bytes"`
	// DeleteBefore moves each partition's log-start offset there
	// (DeleteRecords), as retention would.
	DeleteBefore PerPartition `yaml:"delete_before"`
	// RetentionUsage, when set, sets retention.bytes so that the largest
	// partition holds this share of it (0.95: 95 %).
	RetentionUsage float64 `yaml:"retention_usage"`
}

// Group is a consumer group with committed offsets (no members, like a
// stopped consumer).
type Group struct {
	Name string `yaml:"name"`
	// Offsets are the committed offsets by topic (one number for every
	// partition, or a list per partition).
	Offsets map[string]PerPartition `yaml:"offsets"`
}

// PerPartition is one number for every partition or a list, one per
// partition.
type PerPartition []int64

// UnmarshalYAML accepts a number or a list of numbers.
func (p *PerPartition) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.ScalarNode {
		v, err := strconv.ParseInt(n.Value, 10, 64)
		if err != nil {
			return fmt.Errorf("line %d: %q is not a number", n.Line, n.Value)
		}
		*p = PerPartition{v}
		return nil
	}
	var l []int64
	if err := n.Decode(&l); err != nil {
		return err
	}
	*p = l
	return nil
}

// At is the value for partition i (0 when not given).
func (p PerPartition) At(i int) int64 {
	switch {
	case len(p) == 1:
		return p[0]
	case i < len(p):
		return p[i]
	}
	return 0
}

// Load reads a seed file.
func Load(path string) (*Seed, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return Parse(b)
}

// Parse parses a seed, rejecting unknown keys.
func Parse(b []byte) (*Seed, error) {
	var s Seed
	dec := yaml.NewDecoder(strings.NewReader(string(b)))
	dec.KnownFields(true)
	if err := dec.Decode(&s); err != nil {
		return nil, fmt.Errorf("seed: %w", err)
	}
	if s.Brokers == 0 {
		s.Brokers = 1
	}
	for i := range s.Topics {
		t := &s.Topics[i]
		if t.Partitions == 0 {
			t.Partitions = 1
		}
		if t.ReplicationFactor == 0 {
			t.ReplicationFactor = int16(min(3, s.Brokers))
		}
		if t.RecordBytes == 0 {
			t.RecordBytes = 100
		}
	}
	return &s, nil
}

// Start starts the seeded cluster; the caller closes it. The seed is
// written through a client with the given options (nil, or kgo.SASL(...)
// for a cluster that needs credentials, kfake.EnableSASL).
func (s *Seed) Start(client []kgo.Opt, opts ...kfake.Opt) (*kfake.Cluster, error) {
	all := append([]kfake.Opt{kfake.NumBrokers(s.Brokers)}, opts...)
	if len(s.BrokerConfigs) > 0 {
		all = append(all, kfake.BrokerConfigs(s.BrokerConfigs))
	}
	c, err := kfake.NewCluster(all...)
	if err != nil {
		return nil, fmt.Errorf("kfake: %w", err)
	}
	if err := s.fill(c, client); err != nil {
		c.Close()
		return nil, err
	}
	return c, nil
}

// fill creates, fills and trims the topics and commits the groups'
// offsets, through the Kafka protocol like any client would.
func (s *Seed) fill(c *kfake.Cluster, client []kgo.Opt) error {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	cl, err := kgo.NewClient(append([]kgo.Opt{kgo.SeedBrokers(c.ListenAddrs()...), kgo.DisableClientMetrics(),
		// records go where the seed says, uncompressed, so that sizes are
		// what the seed implies
		kgo.RecordPartitioner(kgo.ManualPartitioner()), kgo.ProducerBatchCompression(kgo.NoCompression())}, client...)...)
	if err != nil {
		return err
	}
	defer cl.Close()
	adm := kadm.NewClient(cl)
	for _, t := range s.Topics {
		cfg := map[string]*string{}
		for k, v := range t.Configs {
			cfg[k] = kadm.StringPtr(v)
		}
		if _, err := adm.CreateTopic(ctx, t.Partitions, t.ReplicationFactor, cfg, t.Name); err != nil {
			return fmt.Errorf("create topic %s: %w", t.Name, err)
		}
		if err := produce(ctx, cl, t); err != nil {
			return err
		}
		var del kadm.Offsets
		for p := range int(t.Partitions) {
			if at := t.DeleteBefore.At(p); at > 0 {
				del.AddOffset(t.Name, int32(p), at, -1)
			}
		}
		if len(del) > 0 {
			rs, err := adm.DeleteRecords(ctx, del)
			if err != nil {
				return fmt.Errorf("delete records of %s: %w", t.Name, err)
			}
			for _, r := range rs.Sorted() {
				if r.Err != nil {
					return fmt.Errorf("delete records of %s/%d: %w", t.Name, r.Partition, r.Err)
				}
			}
		}
		if t.RetentionUsage > 0 {
			if err := setRetentionUsage(ctx, adm, t); err != nil {
				return err
			}
		}
	}
	for _, g := range s.Groups {
		var os kadm.Offsets
		topics := make([]string, 0, len(g.Offsets))
		for name := range g.Offsets {
			topics = append(topics, name)
		}
		sort.Strings(topics)
		for _, name := range topics {
			parts := int32(1)
			for _, t := range s.Topics {
				if t.Name == name {
					parts = t.Partitions
				}
			}
			for p := range int(parts) {
				os.AddOffset(name, int32(p), g.Offsets[name].At(p), -1)
			}
		}
		rs, err := adm.CommitOffsets(ctx, g.Name, os)
		if err != nil {
			return fmt.Errorf("commit offsets of group %s: %w", g.Name, err)
		}
		if err := rs.Error(); err != nil {
			return fmt.Errorf("commit offsets of group %s: %w", g.Name, err)
		}
	}
	return nil
}

func produce(ctx context.Context, cl *kgo.Client, t Topic) error {
	value := []byte(strings.Repeat("x", t.RecordBytes))
	for p := range int(t.Partitions) {
		n := t.Records.At(p)
		for sent := int64(0); sent < n; {
			batch := min(n-sent, 1000)
			recs := make([]*kgo.Record, batch)
			for i := range recs {
				recs[i] = &kgo.Record{Topic: t.Name, Partition: int32(p), Value: value}
			}
			if err := cl.ProduceSync(ctx, recs...).FirstErr(); err != nil {
				return fmt.Errorf("produce to %s/%d: %w", t.Name, p, err)
			}
			sent += batch
		}
	}
	return nil
}

// setRetentionUsage sets retention.bytes from the largest partition's
// size as the cluster reports it.
func setRetentionUsage(ctx context.Context, adm *kadm.Client, t Topic) error {
	dirs, err := adm.DescribeAllLogDirs(ctx, nil)
	if err != nil {
		return fmt.Errorf("describe log dirs: %w", err)
	}
	var largest int64
	for _, bd := range dirs {
		for _, d := range bd {
			for _, p := range d.Topics[t.Name] {
				largest = max(largest, p.Size)
			}
		}
	}
	if largest == 0 {
		return fmt.Errorf("topic %s: retention_usage needs records", t.Name)
	}
	bytes := strconv.FormatInt(int64(math.Ceil(float64(largest)/t.RetentionUsage)), 10)
	rs, err := adm.AlterTopicConfigs(ctx, []kadm.AlterConfig{{Op: kadm.SetConfig, Name: "retention.bytes", Value: &bytes}}, t.Name)
	if err != nil {
		return fmt.Errorf("set retention.bytes of %s: %w", t.Name, err)
	}
	for _, r := range rs {
		if r.Err != nil {
			return fmt.Errorf("set retention.bytes of %s: %w", t.Name, r.Err)
		}
	}
	return nil
}
