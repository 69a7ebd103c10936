package live_test

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kgo"
	"github.com/twmb/franz-go/pkg/kmsg"

	"github.com/streamlint/streamlint/checker/live"
	"github.com/streamlint/streamlint/checker/model"
)

// stub is an Admin with canned answers, for what kfake does not do: a
// sensitive value that comes back null (kfake returns ""), a broker
// without DescribeCluster (before Kafka 2.8), per-broker log directory
// errors, and offsets that move between the two reads of --sample.
type stub struct {
	reads        int // ListEndOffsets calls
	describeErr  error
	logDirsErr   error
	brokerConfig []kadm.Config
	ends         []int64 // end offset of t/0 per read
	committed    []int64 // committed offset of g on t/0 per read
}

var _ live.Admin = (*stub)(nil)

func (s *stub) Metadata(context.Context) (kadm.Metadata, error) {
	rack := "r1"
	return kadm.Metadata{
		Cluster: "from-metadata", Controller: 1,
		Brokers: kadm.BrokerDetails{{NodeID: 1, Host: "kafka-1", Port: 9092, Rack: &rack}},
		Topics: kadm.TopicDetails{
			"t":                  {Topic: "t", Partitions: kadm.PartitionDetails{0: {Topic: "t", Partition: 0, Leader: 1, Replicas: []int32{1}, ISR: []int32{1}}}},
			"__consumer_offsets": {Topic: "__consumer_offsets", IsInternal: true, Partitions: kadm.PartitionDetails{0: {Partition: 0, Leader: 1, Replicas: []int32{1}, ISR: []int32{1}}}},
		},
	}, nil
}

func (s *stub) DescribeCluster(context.Context) (*kmsg.DescribeClusterResponse, error) {
	if s.describeErr != nil {
		return nil, s.describeErr
	}
	r := kmsg.NewPtrDescribeClusterResponse()
	r.ClusterID, r.ControllerID = "from-describe-cluster", 1
	return r, nil
}

func (s *stub) DescribeBrokerConfigs(_ context.Context, brokers ...int32) (kadm.ResourceConfigs, error) {
	return kadm.ResourceConfigs{{Name: "1", Configs: s.brokerConfig}}, nil
}

func (s *stub) DescribeTopicConfigs(_ context.Context, topics ...string) (kadm.ResourceConfigs, error) {
	v := "1000"
	return kadm.ResourceConfigs{{Name: "t", Configs: []kadm.Config{{Key: "retention.bytes", Value: &v, Source: kmsg.ConfigSourceDynamicTopicConfig}}}}, nil
}

func (s *stub) DescribeAllLogDirs(context.Context, kadm.TopicsSet) (kadm.DescribedAllLogDirs, error) {
	if s.logDirsErr != nil {
		return nil, &kadm.ShardErrors{Name: "DescribeLogDirs", Errs: []kadm.ShardError{{Broker: kgo.BrokerMetadata{NodeID: 1, Host: "kafka-1", Port: 9092}, Err: s.logDirsErr}}}
	}
	return kadm.DescribedAllLogDirs{1: {"/data": {Broker: 1, Dir: "/data", Topics: kadm.DescribedLogDirTopics{"t": {0: {Topic: "t", Partition: 0, Size: 950}}}}}}, nil
}

func (s *stub) ListStartOffsets(context.Context, ...string) (kadm.ListedOffsets, error) {
	return kadm.ListedOffsets{"t": {0: {Topic: "t", Partition: 0, Offset: 100}}}, nil
}

func (s *stub) ListEndOffsets(context.Context, ...string) (kadm.ListedOffsets, error) {
	end := s.ends[min(s.reads, len(s.ends)-1)]
	s.reads++
	return kadm.ListedOffsets{"t": {0: {Topic: "t", Partition: 0, Offset: end}}}, nil
}

func (s *stub) ListGroups(context.Context) (kadm.ListedGroups, error) {
	return kadm.ListedGroups{"g": {Group: "g", ProtocolType: "consumer", State: "Stable"}, "connect-x": {Group: "connect-x", ProtocolType: "connect"}}, nil
}

func (s *stub) DescribeGroups(context.Context, ...string) (kadm.DescribedGroups, error) {
	return kadm.DescribedGroups{"g": {Group: "g", State: "Stable", ProtocolType: "consumer", Members: make([]kadm.DescribedGroupMember, 2)}}, nil
}

func (s *stub) FetchOffsets(context.Context, string) (kadm.OffsetResponses, error) {
	c := s.committed[min(max(s.reads-1, 0), len(s.committed)-1)]
	return kadm.OffsetResponses{"t": {0: {Offset: kadm.Offset{Topic: "t", Partition: 0, At: c}}}}, nil
}

func ptr(s string) *string { return &s }

// TestSensitiveValuesNeverReachTheModel: a value Kafka marks sensitive
// (null on the wire), and any value of a secret-looking name, is
// "<redacted>" in the policy input; an unset value is left out.
func TestSensitiveValuesNeverReachTheModel(t *testing.T) {
	s := &stub{ends: []int64{1000}, committed: []int64{900}, brokerConfig: []kadm.Config{
		{Key: "listener.name.sasl_ssl.plain.sasl.jaas.config", Sensitive: true, Source: kmsg.ConfigSourceStaticBrokerConfig},
		{Key: "my.plugin.password", Value: ptr("hunter2-plugin"), Source: kmsg.ConfigSourceDynamicBrokerConfig},
		{Key: "log.retention.ms", Source: kmsg.ConfigSourceDefaultConfig},
		{Key: "log.retention.hours", Value: ptr("24"), Source: kmsg.ConfigSourceStaticBrokerConfig},
	}}
	snap, err := live.Read(context.Background(), s, []string{"kafka-1:9092"})
	if err != nil {
		t.Fatal(err)
	}
	p := live.Build(snap, nil, model.DefaultParams(), "prod")
	b, _ := json.Marshal(p)
	if strings.Contains(string(b), "hunter2") {
		t.Fatalf("a secret reached the model: %s", b)
	}
	cfg := p.Brokers[0].Config
	for _, k := range []string{"listener.name.sasl_ssl.plain.sasl.jaas.config", "my.plugin.password"} {
		if v := cfg[k]; v.Value != model.RedactedValue || v.Secret != model.SecretSensitive {
			t.Errorf("%s: %+v", k, v)
		}
	}
	if _, ok := cfg["log.retention.ms"]; ok {
		t.Error("an unset value is in the model")
	}
	if v := cfg["log.retention.hours"]; v.Ms == nil || *v.Ms != 86_400_000 || !v.Set || v.Source != model.SourceStaticBroker {
		t.Errorf("log.retention.hours: %+v", v)
	}
}

// TestReadOlderBrokers: without DescribeCluster (Kafka before 2.8) the
// cluster id and controller come from Metadata; internal topics and
// non-consumer groups are left out; a partition's size and offsets and a
// group's lag are read.
func TestReadOlderBrokers(t *testing.T) {
	s := &stub{describeErr: kerr.UnsupportedVersion, ends: []int64{1000}, committed: []int64{900}}
	snap, err := live.Read(context.Background(), s, []string{"kafka-1:9092"})
	if err != nil {
		t.Fatal(err)
	}
	p := live.Build(snap, nil, model.DefaultParams(), "prod")
	if p.Live.ClusterID != "from-metadata" || p.Live.Controller != 1 {
		t.Errorf("live: %+v", p.Live)
	}
	if len(p.Topics) != 1 || p.Topics[0].Name != "t" {
		t.Fatalf("topics: %+v", p.Topics)
	}
	part := p.Topics[0].Live.Parts[0]
	if part.SizeBytes != 950 || part.LogStart != 100 || part.End != 1000 {
		t.Errorf("partition: %+v", part)
	}
	if len(p.Groups) != 1 || p.Groups[0].Members != 2 || p.Groups[0].Topics[0].Lag != 100 {
		t.Errorf("groups: %+v", p.Groups)
	}
	if got := p.Groups[0].Topics[0].Loc.File; got != "kafka://kafka-1:9092/groups/g/topics/t" {
		t.Errorf("location %s", got)
	}
}

// TestLogDirError: a broker that fails DescribeLogDirs is named.
func TestLogDirError(t *testing.T) {
	s := &stub{logDirsErr: kerr.KafkaStorageError, ends: []int64{1000}, committed: []int64{900}}
	_, err := live.Read(context.Background(), s, []string{"kafka-1:9092"})
	if err == nil || !strings.Contains(err.Error(), "DescribeLogDirs") || !strings.Contains(err.Error(), "broker 1 (kafka-1:9092)") {
		t.Fatalf("error %v", err)
	}
	s = &stub{logDirsErr: kerr.ClusterAuthorizationFailed, ends: []int64{1000}, committed: []int64{900}}
	_, err = live.Read(context.Background(), s, []string{"kafka-1:9092"})
	var le *live.Error
	if !errors.As(err, &le) || !strings.Contains(le.Hint, "Describe on the Cluster") {
		t.Fatalf("error %v", err)
	}
}

// TestSampleRates: --sample reads end and committed offsets twice; the
// topic's produce rate and the group's consume rate and lag growth come
// from the difference.
func TestSampleRates(t *testing.T) {
	s := &stub{ends: []int64{1000, 1200}, committed: []int64{900, 950}}
	first, err := live.Read(context.Background(), s, []string{"kafka-1:9092"})
	if err != nil {
		t.Fatal(err)
	}
	later, err := live.Resample(context.Background(), s, first, 50*time.Millisecond)
	if err != nil {
		t.Fatal(err)
	}
	p := live.Build(first, later, model.DefaultParams(), "prod")
	secs := p.Live.SampleSeconds
	if secs < 0.05 {
		t.Fatalf("sampled %v s", secs)
	}
	gt := p.Groups[0].Topics[0]
	produce, consume, growth := *p.Topics[0].Live.ProduceRate, *gt.ConsumeRate, *gt.LagGrowth
	near := func(a, b float64) bool { return a > b*0.999 && a < b*1.001 }
	if !near(produce, 200/secs) || !near(consume, 50/secs) || !near(growth, (250-100)/secs) {
		t.Errorf("produce %v consume %v growth %v over %v s", produce, consume, growth, secs)
	}
	// the wait is bounded by the context
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := live.Resample(ctx, s, first, time.Hour); err == nil {
		t.Error("a cancelled sample did not stop")
	}
}

func TestSampleNotes(t *testing.T) {
	s := &stub{ends: []int64{1000, 1000}, committed: []int64{900, 900}}
	first, err := live.Read(context.Background(), s, []string{"kafka-1:9092"})
	if err != nil {
		t.Fatal(err)
	}
	later, err := live.Resample(context.Background(), s, first, 10*time.Millisecond)
	if err != nil {
		t.Fatal(err)
	}
	notes := live.SampleNotes(live.Build(first, later, model.DefaultParams(), "prod"))
	if len(notes) != 2 || !strings.Contains(notes[0].Message, "nothing was produced") || notes[0].File != "kafka://kafka-1:9092/topics/t" ||
		!strings.Contains(notes[1].Message, `group "g" on topic "t": consumed 0.0 records/s, lag changed by +0.0 records/s (lag 100)`) {
		t.Errorf("notes: %+v", notes)
	}
	if live.SampleNotes(live.Build(first, nil, model.DefaultParams(), "prod")) != nil {
		t.Error("notes without --sample")
	}
}
