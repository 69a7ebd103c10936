package live

import (
	"context"
	"errors"
	"fmt"
	"net"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kgo"
	"github.com/twmb/franz-go/pkg/kmsg"
	"github.com/twmb/franz-go/pkg/sasl"
	"github.com/twmb/franz-go/pkg/sasl/plain"
	"github.com/twmb/franz-go/pkg/sasl/scram"
)

// Admin is the read-only part of Kafka's admin API that Read uses. Every
// method is a describe, list or fetch: nothing writes, creates, commits or
// joins a group. *Client implements it over franz-go; tests also stub it
// for what an in-process Kafka cannot produce.
type Admin interface {
	Metadata(ctx context.Context) (kadm.Metadata, error)
	DescribeCluster(ctx context.Context) (*kmsg.DescribeClusterResponse, error)
	DescribeBrokerConfigs(ctx context.Context, brokers ...int32) (kadm.ResourceConfigs, error)
	DescribeTopicConfigs(ctx context.Context, topics ...string) (kadm.ResourceConfigs, error)
	DescribeAllLogDirs(ctx context.Context, s kadm.TopicsSet) (kadm.DescribedAllLogDirs, error)
	ListStartOffsets(ctx context.Context, topics ...string) (kadm.ListedOffsets, error)
	ListEndOffsets(ctx context.Context, topics ...string) (kadm.ListedOffsets, error)
	ListGroups(ctx context.Context) (kadm.ListedGroups, error)
	DescribeGroups(ctx context.Context, groups ...string) (kadm.DescribedGroups, error)
	FetchOffsets(ctx context.Context, group string) (kadm.OffsetResponses, error)
}

// ReadOnlyKeys are the Kafka request keys a Client ever sends: the reads
// of the issue (Metadata 3, DescribeCluster 60, DescribeConfigs 32,
// DescribeLogDirs 35, ListGroups 16, DescribeGroups 15, OffsetFetch 9,
// ListOffsets 2) and the connection's own requests (ApiVersions 18,
// SaslHandshake 17, SaslAuthenticate 36, FindCoordinator 10 to find a
// group's coordinator).
var ReadOnlyKeys = map[int16]string{
	2: "ListOffsets", 3: "Metadata", 9: "OffsetFetch", 10: "FindCoordinator", 15: "DescribeGroups",
	16: "ListGroups", 17: "SaslHandshake", 18: "ApiVersions", 32: "DescribeConfigs", 35: "DescribeLogDirs",
	36: "SaslAuthenticate", 60: "DescribeCluster",
}

// Options say how to reach a cluster.
type Options struct {
	// Bootstrap are the --bootstrap-server addresses, host:port each.
	Bootstrap []string
	// Config is the --command-config (nil: PLAINTEXT).
	Config *ClientConfig
	// Timeout bounds the whole read (Read's context carries it too);
	// it also bounds each dial.
	Timeout time.Duration
	// Version is streamlint's version, sent as the client software version.
	Version string
}

// Client is a franz-go admin client that only reads. Create it with
// Connect only when --bootstrap-server is given: franz-go does nothing at
// import time, and nothing starts before Connect.
type Client struct {
	cl  *kgo.Client
	adm *kadm.Client
	obs *observer
	cfg *ClientConfig
}

// ParseBootstrap splits a --bootstrap-server value: host:port entries
// separated by commas.
func ParseBootstrap(s string) ([]string, error) {
	var out []string
	for _, part := range strings.Split(s, ",") {
		a := strings.TrimSpace(part)
		if a == "" {
			continue
		}
		host, port, err := net.SplitHostPort(a)
		if err != nil || host == "" {
			return nil, fmt.Errorf("%q is not HOST:PORT", a)
		}
		if n, err := strconv.Atoi(port); err != nil || n < 1 || n > 65535 {
			return nil, fmt.Errorf("%q: port %q is not a number from 1 to 65535", a, port)
		}
		out = append(out, a)
	}
	if len(out) == 0 {
		return nil, errors.New("no HOST:PORT given")
	}
	return out, nil
}

// Connect creates the client. It does not dial: the first request does.
func Connect(opts Options) (*Client, error) {
	if len(opts.Bootstrap) == 0 {
		return nil, errors.New("no bootstrap server")
	}
	timeout := opts.Timeout
	if timeout <= 0 {
		timeout = 10 * time.Second
	}
	obs := &observer{dialErrs: map[string]error{}}
	kopts := []kgo.Opt{
		kgo.SeedBrokers(opts.Bootstrap...),
		kgo.DialTimeout(min(timeout, 5*time.Second)),
		kgo.RetryTimeout(timeout),
		kgo.RequestRetries(3),
		kgo.RetryBackoffFn(func(int) time.Duration { return 100 * time.Millisecond }),
		// KIP-714 client telemetry would push metrics to the cluster:
		// streamlint sends nothing but reads.
		kgo.DisableClientMetrics(),
		kgo.WithHooks(obs),
	}
	if opts.Version != "" {
		kopts = append(kopts, kgo.SoftwareNameAndVersion("streamlint", softwareVersion(opts.Version)))
	}
	if c := opts.Config; c != nil {
		if c.ClientID != "" {
			kopts = append(kopts, kgo.ClientID(c.ClientID))
		}
		if c.TLS != nil {
			kopts = append(kopts, kgo.DialTLSConfig(c.TLS.Clone()))
		}
		if m := c.mechanism(); m != nil {
			kopts = append(kopts, kgo.SASL(m))
		}
	}
	cl, err := kgo.NewClient(kopts...)
	if err != nil {
		return nil, fmt.Errorf("kafka client: %w", err)
	}
	return &Client{cl: cl, adm: kadm.NewClient(cl), obs: obs, cfg: opts.Config}, nil
}

// softwareVersion keeps what Kafka accepts in a client software version.
func softwareVersion(v string) string {
	var b strings.Builder
	for _, r := range v {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '.' || r == '-' {
			b.WriteRune(r)
		}
	}
	if b.Len() == 0 {
		return "dev"
	}
	return b.String()
}

func (c *ClientConfig) mechanism() sasl.Mechanism {
	switch c.Mechanism {
	case "PLAIN":
		return plain.Auth{User: c.User, Pass: c.password}.AsMechanism()
	case "SCRAM-SHA-256":
		return scram.Auth{User: c.User, Pass: c.password}.AsSha256Mechanism()
	case "SCRAM-SHA-512":
		return scram.Auth{User: c.User, Pass: c.password}.AsSha512Mechanism()
	}
	return nil
}

// Close closes the connections.
func (c *Client) Close() { c.cl.Close() }

// RequestKeys are the request keys the client has written, sorted.
func (c *Client) RequestKeys() []int16 { return c.obs.keys() }

// Unreached describes the brokers the client could not connect to and
// why ("" when every dial succeeded).
func (c *Client) Unreached() string { return c.obs.unreached() }

func (c *Client) Metadata(ctx context.Context) (kadm.Metadata, error) { return c.adm.Metadata(ctx) }

func (c *Client) DescribeCluster(ctx context.Context) (*kmsg.DescribeClusterResponse, error) {
	req := kmsg.NewPtrDescribeClusterRequest()
	return req.RequestWith(ctx, c.cl)
}

func (c *Client) DescribeBrokerConfigs(ctx context.Context, brokers ...int32) (kadm.ResourceConfigs, error) {
	return c.adm.DescribeBrokerConfigs(ctx, brokers...)
}

func (c *Client) DescribeTopicConfigs(ctx context.Context, topics ...string) (kadm.ResourceConfigs, error) {
	return c.adm.DescribeTopicConfigs(ctx, topics...)
}

func (c *Client) DescribeAllLogDirs(ctx context.Context, s kadm.TopicsSet) (kadm.DescribedAllLogDirs, error) {
	return c.adm.DescribeAllLogDirs(ctx, s)
}

func (c *Client) ListStartOffsets(ctx context.Context, topics ...string) (kadm.ListedOffsets, error) {
	return c.adm.ListStartOffsets(ctx, topics...)
}

func (c *Client) ListEndOffsets(ctx context.Context, topics ...string) (kadm.ListedOffsets, error) {
	return c.adm.ListEndOffsets(ctx, topics...)
}

func (c *Client) ListGroups(ctx context.Context) (kadm.ListedGroups, error) {
	return c.adm.ListGroups(ctx)
}

func (c *Client) DescribeGroups(ctx context.Context, groups ...string) (kadm.DescribedGroups, error) {
	return c.adm.DescribeGroups(ctx, groups...)
}

func (c *Client) FetchOffsets(ctx context.Context, group string) (kadm.OffsetResponses, error) {
	return c.adm.FetchOffsets(ctx, group)
}

// connectHint says what to check when connections fail during their
// set-up (TLS handshake, SASL login), by the security protocol in use.
func (c *Client) connectHint() string {
	switch {
	case c.cfg != nil && c.cfg.Mechanism != "":
		return fmt.Sprintf("a connection that fails or closes while logging in means the broker refused the SASL login: check the user, password and sasl.mechanism (%s) in --command-config, and that the listener is %s", c.cfg.Mechanism, c.cfg.Protocol)
	case c.cfg != nil && c.cfg.TLS != nil:
		return "check the TLS settings of --command-config (ssl.truststore.*, ssl.keystore.* for mutual TLS) and that the listener speaks SSL"
	}
	return "if the listener expects TLS or SASL, give its settings with --command-config (security.protocol, sasl.*, ssl.*)"
}

// observer records the request keys written and the last dial error per
// broker, to name the broker when a request fails.
type observer struct {
	mu       sync.Mutex
	written  map[int16]bool
	dialErrs map[string]error
}

var (
	_ kgo.HookBrokerConnect = (*observer)(nil)
	_ kgo.HookBrokerWrite   = (*observer)(nil)
)

func (o *observer) OnBrokerConnect(meta kgo.BrokerMetadata, _ time.Duration, _ net.Conn, err error) {
	addr := net.JoinHostPort(meta.Host, strconv.Itoa(int(meta.Port)))
	o.mu.Lock()
	defer o.mu.Unlock()
	if err != nil {
		o.dialErrs[addr] = err
	} else {
		delete(o.dialErrs, addr)
	}
}

func (o *observer) OnBrokerWrite(_ kgo.BrokerMetadata, key int16, _ int, _, _ time.Duration, _ error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.written == nil {
		o.written = map[int16]bool{}
	}
	o.written[key] = true
}

func (o *observer) keys() []int16 {
	o.mu.Lock()
	defer o.mu.Unlock()
	out := make([]int16, 0, len(o.written))
	for k := range o.written {
		out = append(out, k)
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}

func (o *observer) unreached() string {
	o.mu.Lock()
	defer o.mu.Unlock()
	addrs := make([]string, 0, len(o.dialErrs))
	for a := range o.dialErrs {
		addrs = append(addrs, a)
	}
	sort.Strings(addrs)
	parts := make([]string, 0, len(addrs))
	for _, a := range addrs {
		parts = append(parts, fmt.Sprintf("%s: %v", a, o.dialErrs[a]))
	}
	return strings.Join(parts, "; ")
}
