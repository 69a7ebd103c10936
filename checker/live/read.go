package live

import (
	"context"
	"errors"
	"fmt"
	"net"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kmsg"
)

// Snapshot is what Read gets from a cluster, before it becomes a model.
type Snapshot struct {
	Bootstrap  []string
	ClusterID  string
	Controller int32
	Brokers    []BrokerInfo
	Topics     []TopicInfo
	Groups     []GroupInfo
	// Sampled is set on the second read of --sample: how long after the
	// first it was taken.
	Sampled time.Duration
	// Notes are things the reader skipped, for the report.
	Notes []string
}

// BrokerInfo is one broker with its configuration.
type BrokerInfo struct {
	NodeID int32
	Host   string
	Port   int32
	Rack   string
	Config []ConfigEntry
}

// Address is the broker's host:port.
func (b BrokerInfo) Address() string {
	return net.JoinHostPort(b.Host, strconv.Itoa(int(b.Port)))
}

// ConfigEntry is one configuration value as Kafka describes it. Value is
// nil for sensitive values (and unset ones).
type ConfigEntry struct {
	Key       string
	Value     *string
	Source    string
	Sensitive bool
}

// TopicInfo is one topic with its partitions and configuration.
type TopicInfo struct {
	Name       string
	ID         string
	Internal   bool
	Partitions []PartitionInfo
	Config     []ConfigEntry
}

// PartitionInfo is one partition: replicas, size and offsets.
type PartitionInfo struct {
	Partition int32
	Leader    int32
	Replicas  []int32
	ISR       []int32
	SizeBytes int64 // -1: unknown
	LogStart  int64
	End       int64
}

// GroupInfo is one consumer group with its committed offsets by topic and
// partition.
type GroupInfo struct {
	Name         string
	State        string
	ProtocolType string
	Members      int
	Committed    map[string]map[int32]int64
}

// Read reads the cluster: Metadata, DescribeCluster, DescribeConfigs of
// brokers and topics, DescribeLogDirs, ListOffsets (start and end),
// ListGroups, DescribeGroups and OffsetFetch. ctx bounds it all. Any
// failure is an error naming the request and, where Kafka says, the
// broker or resource.
func Read(ctx context.Context, a Admin, bootstrap []string) (*Snapshot, error) {
	s := &Snapshot{Bootstrap: bootstrap, Controller: -1}
	md, err := a.Metadata(ctx)
	if err != nil {
		return nil, requestError(ctx, a, "Metadata", "", "Describe on the Cluster and on the topics", err)
	}
	s.ClusterID, s.Controller = md.Cluster, md.Controller
	if dc, err := a.DescribeCluster(ctx); err == nil && dc.ErrorCode == 0 {
		if dc.ClusterID != "" {
			s.ClusterID = dc.ClusterID
		}
		s.Controller = dc.ControllerID
	} else if err != nil && ctx.Err() != nil {
		return nil, requestError(ctx, a, "DescribeCluster", "", "Describe on the Cluster", err)
	} else if dc != nil {
		if e := kerr.ErrorForCode(dc.ErrorCode); isAuth(e) {
			return nil, aclError("DescribeCluster", "the cluster", e, "Describe on the Cluster resource")
		}
	}
	// (a broker older than 2.8 has no DescribeCluster: Metadata's
	// cluster id and controller stand)

	for _, b := range md.Brokers {
		bi := BrokerInfo{NodeID: b.NodeID, Host: b.Host, Port: b.Port}
		if b.Rack != nil {
			bi.Rack = *b.Rack
		}
		s.Brokers = append(s.Brokers, bi)
	}
	sort.Slice(s.Brokers, func(i, j int) bool { return s.Brokers[i].NodeID < s.Brokers[j].NodeID })
	if err := s.readBrokerConfigs(ctx, a); err != nil {
		return nil, err
	}
	if err := s.readTopics(ctx, a, md); err != nil {
		return nil, err
	}
	if err := s.readGroups(ctx, a); err != nil {
		return nil, err
	}
	return s, nil
}

func (s *Snapshot) broker(id int32) string {
	for _, b := range s.Brokers {
		if b.NodeID == id {
			return fmt.Sprintf("broker %d (%s)", id, b.Address())
		}
	}
	return fmt.Sprintf("broker %d", id)
}

func (s *Snapshot) readBrokerConfigs(ctx context.Context, a Admin) error {
	// one request per broker (each broker describes itself), so that an
	// error names the broker
	for i := range s.Brokers {
		b := &s.Brokers[i]
		rcs, err := a.DescribeBrokerConfigs(ctx, b.NodeID)
		if err != nil && len(rcs) == 0 {
			return requestError(ctx, a, "DescribeConfigs", s.broker(b.NodeID), "DescribeConfigs on the Cluster", err)
		}
		for _, rc := range rcs {
			if rc.Err != nil {
				return resourceError("DescribeConfigs", s.broker(b.NodeID), rc.Err, "DescribeConfigs on the Cluster")
			}
			b.Config = append(b.Config, configEntries(rc.Configs)...)
		}
		if err != nil {
			return requestError(ctx, a, "DescribeConfigs", s.broker(b.NodeID), "DescribeConfigs on the Cluster", err)
		}
	}
	return nil
}

func configEntries(cs []kadm.Config) []ConfigEntry {
	out := make([]ConfigEntry, 0, len(cs))
	for _, c := range cs {
		out = append(out, ConfigEntry{Key: c.Key, Value: c.Value, Source: sourceName(c.Source), Sensitive: c.Sensitive})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Key < out[j].Key })
	return out
}

func (s *Snapshot) readTopics(ctx context.Context, a Admin, md kadm.Metadata) error {
	names := md.Topics.Names()
	if len(names) == 0 {
		return nil
	}
	for _, name := range names {
		td := md.Topics[name]
		if td.Err != nil {
			if isAuth(td.Err) {
				return aclError("Metadata", fmt.Sprintf("topic %q", name), td.Err, "Describe on Topic "+name)
			}
			s.Notes = append(s.Notes, fmt.Sprintf("topic %q skipped: Metadata says %v", name, td.Err))
			continue
		}
		ti := TopicInfo{Name: name, Internal: td.IsInternal}
		if td.ID != (kadm.TopicID{}) {
			ti.ID = td.ID.String()
		}
		for _, p := range td.Partitions.Sorted() {
			ti.Partitions = append(ti.Partitions, PartitionInfo{
				Partition: p.Partition, Leader: p.Leader, Replicas: sortedIDs(p.Replicas), ISR: sortedIDs(p.ISR), SizeBytes: -1,
			})
		}
		s.Topics = append(s.Topics, ti)
	}
	names = names[:0]
	for _, t := range s.Topics {
		names = append(names, t.Name)
	}
	if len(names) == 0 {
		return nil
	}
	rcs, err := a.DescribeTopicConfigs(ctx, names...)
	if err != nil && len(rcs) == 0 {
		return requestError(ctx, a, "DescribeConfigs (topics)", "", "DescribeConfigs on every Topic", shardError(s, err))
	}
	cfg := map[string][]ConfigEntry{}
	for _, rc := range rcs {
		if rc.Err != nil {
			if errors.Is(rc.Err, kerr.UnknownTopicOrPartition) {
				continue // deleted since Metadata
			}
			return resourceError("DescribeConfigs", fmt.Sprintf("topic %q", rc.Name), rc.Err, "DescribeConfigs on Topic "+rc.Name)
		}
		cfg[rc.Name] = configEntries(rc.Configs)
	}
	if err != nil {
		return requestError(ctx, a, "DescribeConfigs (topics)", "", "DescribeConfigs on every Topic", shardError(s, err))
	}
	for i := range s.Topics {
		s.Topics[i].Config = cfg[s.Topics[i].Name]
	}
	if err := s.readSizes(ctx, a); err != nil {
		return err
	}
	return s.readOffsets(ctx, a, names)
}

// readSizes reads each partition's size from its leader's log
// directories.
func (s *Snapshot) readSizes(ctx context.Context, a Admin) error {
	dirs, err := a.DescribeAllLogDirs(ctx, nil)
	if err != nil && len(dirs) == 0 {
		return requestError(ctx, a, "DescribeLogDirs", "", "Describe on the Cluster", shardError(s, err))
	}
	for broker, bdirs := range dirs {
		for _, d := range bdirs {
			if d.Err != nil {
				if isAuth(d.Err) {
					return aclError("DescribeLogDirs", s.broker(broker), d.Err, "Describe on the Cluster resource")
				}
				s.Notes = append(s.Notes, fmt.Sprintf("log directory %s of %s skipped: %v", d.Dir, s.broker(broker), d.Err))
				continue
			}
		}
	}
	if err != nil {
		return requestError(ctx, a, "DescribeLogDirs", "", "Describe on the Cluster", shardError(s, err))
	}
	for i := range s.Topics {
		t := &s.Topics[i]
		for j := range t.Partitions {
			p := &t.Partitions[j]
			if p.Leader < 0 {
				continue
			}
			size, found := int64(0), false
			for _, d := range dirs[p.Leader] {
				if d.Err != nil {
					continue
				}
				if lp, ok := d.Topics[t.Name][p.Partition]; ok && !lp.IsFuture {
					size, found = size+lp.Size, true
				}
			}
			if found {
				p.SizeBytes = size
			}
		}
	}
	return nil
}

func (s *Snapshot) readOffsets(ctx context.Context, a Admin, topics []string) error {
	start, err := a.ListStartOffsets(ctx, topics...)
	if err != nil {
		return requestError(ctx, a, "ListOffsets (log-start)", "", "Describe on every Topic", shardError(s, err))
	}
	end, err := a.ListEndOffsets(ctx, topics...)
	if err != nil {
		return requestError(ctx, a, "ListOffsets (end)", "", "Describe on every Topic", shardError(s, err))
	}
	for i := range s.Topics {
		t := &s.Topics[i]
		for j := range t.Partitions {
			p := &t.Partitions[j]
			for _, lo := range []struct {
				l   kadm.ListedOffsets
				dst *int64
			}{{start, &p.LogStart}, {end, &p.End}} {
				o, ok := lo.l[t.Name][p.Partition]
				if !ok {
					continue
				}
				if o.Err != nil {
					if isAuth(o.Err) {
						return aclError("ListOffsets", fmt.Sprintf("topic %q", t.Name), o.Err, "Describe on Topic "+t.Name)
					}
					s.Notes = append(s.Notes, fmt.Sprintf("offsets of %s partition %d unknown: %v", t.Name, p.Partition, o.Err))
					continue
				}
				*lo.dst = o.Offset
			}
		}
	}
	return nil
}

// readGroups reads the consumer groups (protocol "consumer", or none for
// groups that only commit offsets) and their committed offsets.
func (s *Snapshot) readGroups(ctx context.Context, a Admin) error {
	listed, err := a.ListGroups(ctx)
	if err != nil {
		return requestError(ctx, a, "ListGroups", "", "Describe on the Cluster", shardError(s, err))
	}
	var names []string
	for _, g := range listed.Sorted() {
		if g.ProtocolType != "consumer" && g.ProtocolType != "" {
			continue // Connect workers, share groups: no consumer offsets
		}
		names = append(names, g.Group)
	}
	if len(names) == 0 {
		return nil
	}
	described, err := a.DescribeGroups(ctx, names...)
	if err != nil && len(described) == 0 {
		return requestError(ctx, a, "DescribeGroups", "", "Describe on every Group", shardError(s, err))
	}
	for _, name := range names {
		g := GroupInfo{Name: name, Committed: map[string]map[int32]int64{}}
		if d, ok := described[name]; ok {
			if d.Err != nil {
				return resourceError("DescribeGroups", fmt.Sprintf("group %q", name), d.Err, "Describe on Group "+name)
			}
			g.State, g.ProtocolType, g.Members = d.State, d.ProtocolType, len(d.Members)
		} else {
			g.State, g.ProtocolType = listed[name].State, listed[name].ProtocolType
		}
		committed, err := s.fetchCommitted(ctx, a, name)
		if err != nil {
			return err
		}
		g.Committed = committed
		s.Groups = append(s.Groups, g)
	}
	return nil
}

func (s *Snapshot) fetchCommitted(ctx context.Context, a Admin, group string) (map[string]map[int32]int64, error) {
	offs, err := a.FetchOffsets(ctx, group)
	if err != nil {
		if isAuth(err) {
			return nil, aclError("OffsetFetch", fmt.Sprintf("group %q", group), err, "Describe on Group "+group+" and on its topics")
		}
		return nil, requestError(ctx, a, "OffsetFetch", fmt.Sprintf("group %q", group), "Describe on Group "+group+" and on its topics", err)
	}
	out := map[string]map[int32]int64{}
	for topic, ps := range offs {
		for p, o := range ps {
			if o.Err != nil {
				if isAuth(o.Err) {
					return nil, aclError("OffsetFetch", fmt.Sprintf("group %q, topic %q", group, topic), o.Err, "Describe on Topic "+topic)
				}
				continue
			}
			if o.At < 0 {
				continue
			}
			if out[topic] == nil {
				out[topic] = map[int32]int64{}
			}
			out[topic][p] = o.At
		}
	}
	return out, nil
}

// Resample reads the end offsets and the groups' committed offsets again,
// d after the first read (waiting for it under ctx), for --sample.
func Resample(ctx context.Context, a Admin, first *Snapshot, d time.Duration) (*Snapshot, error) {
	t0 := time.Now()
	select {
	case <-ctx.Done():
		return nil, fmt.Errorf("--sample: %w", ctx.Err())
	case <-time.After(d):
	}
	s := &Snapshot{Bootstrap: first.Bootstrap, ClusterID: first.ClusterID, Controller: first.Controller, Brokers: first.Brokers}
	var names []string
	for _, t := range first.Topics {
		ti := t
		ti.Partitions = append([]PartitionInfo(nil), t.Partitions...)
		s.Topics = append(s.Topics, ti)
		names = append(names, t.Name)
	}
	if len(names) > 0 {
		if err := s.readOffsets(ctx, a, names); err != nil {
			return nil, err
		}
	}
	for _, g := range first.Groups {
		committed, err := s.fetchCommitted(ctx, a, g.Name)
		if err != nil {
			return nil, err
		}
		g2 := g
		g2.Committed = committed
		s.Groups = append(s.Groups, g2)
	}
	s.Sampled = time.Since(t0)
	return s, nil
}

func sortedIDs(ids []int32) []int32 {
	out := append([]int32(nil), ids...)
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}

// sourceName is a DescribeConfigs source as the model spells it.
func sourceName(s kmsg.ConfigSource) string {
	switch s {
	case kmsg.ConfigSourceDefaultConfig:
		return "default"
	case kmsg.ConfigSourceStaticBrokerConfig:
		return "static-broker-config"
	case kmsg.ConfigSourceDynamicBrokerConfig:
		return "dynamic-broker-config"
	case kmsg.ConfigSourceDynamicDefaultBrokerConfig:
		return "dynamic-default-broker-config"
	case kmsg.ConfigSourceDynamicTopicConfig:
		return "dynamic-topic-config"
	}
	return "cluster"
}

// isAuth reports whether err is an authorization failure.
func isAuth(err error) bool {
	var ae *kadm.AuthError
	return errors.As(err, &ae) || errors.Is(err, kerr.ClusterAuthorizationFailed) ||
		errors.Is(err, kerr.TopicAuthorizationFailed) || errors.Is(err, kerr.GroupAuthorizationFailed)
}

// aclError is a refused request with the ACL it needs.
func aclError(request, resource string, err error, needs string) error {
	return &Error{Request: request, Resource: resource, Err: err,
		Hint: "the principal lacks an ACL: grant " + needs + " (kafka-acls --add --allow-principal User:NAME --operation ...); streamlint's read needs Describe and DescribeConfigs on the Cluster, Describe and DescribeConfigs on every Topic, Describe on every Group"}
}

// resourceError is a per-resource failure: an ACL when Kafka says so.
func resourceError(request, resource string, err error, needs string) error {
	if isAuth(err) {
		return aclError(request, resource, err, needs)
	}
	return &Error{Request: request, Resource: resource, Err: err}
}

// shardError names the broker of a kadm shard error.
func shardError(s *Snapshot, err error) error {
	var se *kadm.ShardErrors
	if !errors.As(err, &se) || len(se.Errs) == 0 {
		return err
	}
	parts := make([]string, 0, len(se.Errs))
	for _, e := range se.Errs {
		parts = append(parts, fmt.Sprintf("%s: %v", s.broker(e.Broker.NodeID), e.Err))
	}
	return fmt.Errorf("%s: %w", strings.Join(parts, "; "), se.Errs[0].Err)
}

// Error is a failed read: the request, what it was about, and why.
type Error struct {
	Request  string
	Resource string
	Err      error
	Hint     string
}

func (e *Error) Error() string {
	msg := e.Request
	if e.Resource != "" {
		msg += " for " + e.Resource
	}
	msg += ": " + e.Err.Error()
	if e.Hint != "" {
		msg += "; " + e.Hint
	}
	return msg
}

func (e *Error) Unwrap() error { return e.Err }

// unreacher is implemented by *Client: the brokers it could not dial.
type unreacher interface{ Unreached() string }

// requestError explains a failed request: a timeout names the brokers
// that could not be reached and the last dial error; SASL failures say
// the credentials were refused; ACL failures say what to grant.
func requestError(ctx context.Context, a Admin, request, resource, needs string, err error) error {
	dials := ""
	if u, ok := a.(unreacher); ok {
		dials = u.Unreached()
	}
	switch {
	case errors.Is(err, kerr.SaslAuthenticationFailed) || errors.Is(err, kerr.IllegalSaslState) || errors.Is(err, kerr.UnsupportedSaslMechanism):
		return &Error{Request: request, Resource: resource, Err: err,
			Hint: "the broker refused the SASL credentials of --command-config (check sasl.mechanism and the user in sasl.jaas.config)"}
	case isAuth(err):
		return aclError(request, resource, err, needs)
	case dials != "":
		// every dial error already says which broker and why
		e := &Error{Request: request, Resource: resource, Err: fmt.Errorf("could not connect to %s", dials)}
		switch h, ok := a.(interface{ connectHint() string }); {
		case strings.Contains(dials, "connection refused"):
			e.Hint = "nothing accepts connections there: check HOST:PORT and that the brokers run"
		case strings.Contains(dials, "no such host"):
			e.Hint = "the host name does not resolve from here: use an address this machine can reach (the listener the brokers advertise to outside clients)"
		case ok:
			e.Hint = h.connectHint()
		}
		return e
	case ctx.Err() != nil || errors.Is(err, context.DeadlineExceeded):
		return &Error{Request: request, Resource: resource, Err: fmt.Errorf("no answer before --timeout: %w", context.DeadlineExceeded),
			Hint: "the brokers accepted the connection but did not answer: check that HOST:PORT is a Kafka listener, and its security.protocol (--command-config)"}
	}
	return &Error{Request: request, Resource: resource, Err: err}
}
