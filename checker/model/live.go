package model

import (
	"fmt"
	"strings"
)

// The parts of the policy input that come from a running Kafka cluster
// (`check --bootstrap-server`). A cluster is read into the same Pipeline
// document as a repository: its brokers (with the effective configuration
// Kafka reports), one cluster, its topics, plus the consumer groups only a
// running cluster has. Locations are kafka:// URIs (Location.File, no
// line): kafka://HOST:PORT/brokers/1, kafka://HOST:PORT/topics/NAME,
// kafka://HOST:PORT/groups/NAME/topics/TOPIC.

// Where a running cluster's configuration value comes from, as Kafka's
// DescribeConfigs reports it. DEFAULT_CONFIG is SourceDefault.
const (
	SourceStaticBroker         = "static-broker-config"          // the broker's server.properties
	SourceDynamicBroker        = "dynamic-broker-config"         // kafka-configs --entity-type brokers --entity-name N
	SourceDynamicDefaultBroker = "dynamic-default-broker-config" // kafka-configs --entity-type brokers --entity-default
	SourceDynamicTopic         = "dynamic-topic-config"          // kafka-configs --entity-type topics
	SourceClusterOther         = "cluster"                       // another source Kafka reports (logger, group configs)
)

// SecretSensitive is Value.Secret for a configuration value a running
// broker marks sensitive: Kafka never returns it (it comes back null), and
// the model holds RedactedValue.
const SecretSensitive = "sensitive"

// IsURI reports whether the location is a URI (kafka://...) rather than a
// file: such a location has no line or column.
func (l Location) IsURI() bool { return strings.Contains(l.File, "://") }

// Live describes the running cluster a pipeline was read from.
type Live struct {
	// URI is kafka://HOST:PORT, HOST:PORT being the first
	// --bootstrap-server address: the prefix of every location.
	URI       string   `json:"uri"`
	Bootstrap []string `json:"bootstrap"`
	ClusterID string   `json:"cluster_id"`
	// Controller is the node id of the active controller (-1: unknown).
	Controller int `json:"controller"`
	// SampleSeconds is the time between the two reads of --sample (0: one
	// read, no rates).
	SampleSeconds float64 `json:"sample_seconds,omitempty"`
}

// LiveBroker is what a running broker adds to Broker.
type LiveBroker struct {
	NodeID int `json:"node_id"`
	// Address is the host:port the broker advertises to clients.
	Address string `json:"address"`
	Rack    string `json:"rack,omitempty"`
}

// LiveTopic is what a running topic adds to Topic.
type LiveTopic struct {
	ID       string      `json:"id,omitempty"`
	Internal bool        `json:"internal,omitempty"`
	Parts    []Partition `json:"partitions"`
	// ProduceRate is records/s appended to the topic during --sample (nil
	// without --sample).
	ProduceRate *float64 `json:"produce_rate,omitempty"`
}

// Partition is one partition of a running topic.
type Partition struct {
	Partition int   `json:"partition"`
	Leader    int   `json:"leader"`
	Replicas  []int `json:"replicas"`
	ISR       []int `json:"isr"`
	// SizeBytes is the partition's size on the leader's log directory
	// (DescribeLogDirs); -1 when unknown.
	SizeBytes int64 `json:"size_bytes"`
	// LogStart and End are the log-start and end (high watermark)
	// offsets: the partition retains End - LogStart records.
	LogStart int64 `json:"log_start"`
	End      int64 `json:"end"`
}

// Group is a consumer group of a running cluster with its committed
// offsets.
type Group struct {
	Name         string       `json:"name"`
	Loc          Location     `json:"loc"`
	State        string       `json:"state"`         // Stable, Empty, PreparingRebalance, Dead, ...
	ProtocolType string       `json:"protocol_type"` // consumer, or "" for a group that only commits offsets
	Members      int          `json:"members"`
	Topics       []GroupTopic `json:"topics"`
}

// GroupTopic is a group's position on one topic.
type GroupTopic struct {
	Topic string   `json:"topic"`
	Loc   Location `json:"loc"`
	// Lag is the sum of the partitions' lag (those with a committed offset).
	Lag        int64            `json:"lag"`
	Partitions []GroupPartition `json:"partitions"`
	// ConsumeRate is records/s the group's committed offsets advanced
	// during --sample; LagGrowth is records/s its lag grew (negative when
	// it shrank). Both nil without --sample.
	ConsumeRate *float64 `json:"consume_rate,omitempty"`
	LagGrowth   *float64 `json:"lag_growth,omitempty"`
}

// GroupPartition is a group's committed offset on one partition, with the
// partition's offsets read at the same time.
type GroupPartition struct {
	Partition int `json:"partition"`
	// Committed is the group's committed offset (-1: none).
	Committed int64 `json:"committed"`
	LogStart  int64 `json:"log_start"`
	End       int64 `json:"end"`
	// Lag is End - Committed (0 when the committed offset is past the
	// end; not counted without a committed offset).
	Lag int64 `json:"lag"`
	// Deleted is LogStart - Committed when the log now starts after the
	// committed offset: records removed before the group read them.
	Deleted int64 `json:"deleted"`
}

// Running is the running cluster matched to a repository pipeline's
// cluster (check --bootstrap-server with PATHs), for the drift rules.
type Running struct {
	URI string `json:"uri"`
	// Cluster is the id of the repository cluster it was matched to; Via
	// says how ("advertised listener localhost:9092", "the only cluster
	// on each side").
	Cluster string   `json:"cluster"`
	Via     string   `json:"via"`
	Brokers []Broker `json:"brokers"`
	Topics  []Topic  `json:"topics"`
	// Pairs says which running broker each repository broker service is
	// compared with.
	Pairs []BrokerPair `json:"pairs"`
}

// BrokerPair is a repository broker service and a running broker.
type BrokerPair struct {
	Service string `json:"service"`
	Node    int    `json:"node"`
}

// LiveParams are the live.* parameters of the rules that read a running
// cluster (docs/concepts.md, "A running cluster" and "Parameters").
type LiveParams struct {
	LagAlert       int64   `json:"lag_alert"`
	RetentionRisk  float64 `json:"retention_risk"`
	RetentionWarn  float64 `json:"retention_warning"`
	RetentionError float64 `json:"retention_error"`
}

// DefaultLiveParams are the incident's health thresholds.
func DefaultLiveParams() LiveParams {
	return LiveParams{LagAlert: 1000, RetentionRisk: 0.10, RetentionWarn: 0.70, RetentionError: 0.90}
}

// setLive sets a live.* parameter; false when key is not one.
func (p *Params) setLive(key string, n float64) (bool, error) {
	switch key {
	case "live.lag_alert":
		p.Live.LagAlert = int64(n)
	case "live.retention_risk", "live.retention_warning", "live.retention_error":
		if n > 1 {
			return true, fmt.Errorf("%s must be a share between 0 and 1, got %v", key, n)
		}
		switch key {
		case "live.retention_risk":
			p.Live.RetentionRisk = n
		case "live.retention_warning":
			p.Live.RetentionWarn = n
		default:
			p.Live.RetentionError = n
		}
	default:
		return false, nil
	}
	return true, nil
}
