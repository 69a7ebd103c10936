package live_test

import (
	"context"
	"errors"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kgo"
	"github.com/twmb/franz-go/pkg/kmsg"
	"github.com/twmb/franz-go/pkg/sasl/plain"

	"github.com/streamlint/streamlint/checker/live"
	"github.com/streamlint/streamlint/checker/live/livetest"
)

const incidentSeed = `
brokers: 1
topics:
  - name: transactions
    partitions: 1
    records: 6000
    delete_before: 2000
groups:
  - name: spark-streaming
    offsets: {transactions: 1000}
`

func mustSeed(t *testing.T, src string) *livetest.Seed {
	t.Helper()
	s, err := livetest.Parse([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// readWith reads the cluster at addrs with the given client config.
func readWith(t *testing.T, addrs []string, cc *live.ClientConfig, timeout time.Duration) (*live.Snapshot, *live.Client, error) {
	t.Helper()
	c, err := live.Connect(live.Options{Bootstrap: addrs, Config: cc, Timeout: timeout, Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.Close)
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	s, err := live.Read(ctx, c, addrs)
	return s, c, err
}

// TestReadIsReadOnly: reading a cluster (twice, as --sample does) sends
// only describe, list and fetch requests, and it reads what the seed put
// there: partitions, sizes, offsets and the group's committed offset.
func TestReadIsReadOnly(t *testing.T) {
	addrs := startCluster(t, mustSeed(t, incidentSeed), nil)
	s, c, err := readWith(t, addrs, nil, 10*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := live.Resample(context.Background(), c, s, 10*time.Millisecond); err != nil {
		t.Fatal(err)
	}
	keys := c.RequestKeys()
	if len(keys) == 0 {
		t.Fatal("no request recorded")
	}
	for _, k := range keys {
		if _, ok := live.ReadOnlyKeys[k]; !ok {
			t.Errorf("request key %d (%s) is not a read", k, kmsg.NameForKey(k))
		}
	}
	for _, want := range []int16{2, 3, 9, 15, 16, 32, 35, 60} {
		found := false
		for _, k := range keys {
			found = found || k == want
		}
		if !found {
			t.Errorf("request %s was never sent", kmsg.NameForKey(want))
		}
	}
	if len(s.Topics) != 1 || len(s.Groups) != 1 {
		t.Fatalf("snapshot: %+v", s)
	}
	p := s.Topics[0].Partitions[0]
	if p.LogStart != 2000 || p.End != 6000 || p.SizeBytes <= 0 || s.Groups[0].Committed["transactions"][0] != 1000 {
		t.Errorf("partition %+v, committed %v", p, s.Groups[0].Committed)
	}
}

// TestUnreachable: a refused connection is an error at once, naming the
// request and the address.
func TestUnreachable(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close() // nothing listens there any more
	t0 := time.Now()
	_, _, err = readWith(t, []string{addr}, nil, 5*time.Second)
	if err == nil {
		t.Fatal("no error")
	}
	for _, want := range []string{"Metadata", "could not connect to " + addr, "refused"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q lacks %q", err, want)
		}
	}
	if d := time.Since(t0); d > 4*time.Second {
		t.Errorf("took %s", d)
	}
}

// TestSilentBroker: a listener that accepts connections and never answers
// (not Kafka, or the wrong security protocol) ends at --timeout with an
// error, never a hang.
func TestSilentBroker(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() {
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			defer conn.Close() // held open, never answered
		}
	}()
	t0 := time.Now()
	_, _, err = readWith(t, []string{ln.Addr().String()}, nil, time.Second)
	if err == nil {
		t.Fatal("no error")
	}
	if d := time.Since(t0); d > 3*time.Second {
		t.Errorf("took %s with --timeout 1s", d)
	}
	if !strings.Contains(err.Error(), "Metadata") || !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("error %q: want the request and a deadline", err)
	}
}

// TestSASL: the command config's credentials log in; wrong ones are
// refused with an error that says so, without the password.
func TestSASL(t *testing.T) {
	seed := mustSeed(t, incidentSeed)
	admin := []kgo.Opt{kgo.SASL(plain.Auth{User: "admin", Pass: "right-Pa55"}.AsMechanism())}
	addrs := startCluster(t, seed, admin, kfake.EnableSASL(), kfake.Superuser("PLAIN", "admin", "right-Pa55"))
	good, err := live.ParseClientConfig([]byte("security.protocol=SASL_PLAINTEXT\nsasl.mechanism=PLAIN\nsasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username=\"admin\" password=\"right-Pa55\";\n"), nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := readWith(t, addrs, good, 10*time.Second); err != nil {
		t.Fatalf("right credentials: %v", err)
	}
	bad, err := live.ParseClientConfig([]byte("security.protocol=SASL_PLAINTEXT\nsasl.mechanism=PLAIN\nsasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username=\"admin\" password=\"wrong-Pa55\";\n"), nil)
	if err != nil {
		t.Fatal(err)
	}
	t0 := time.Now()
	_, _, err = readWith(t, addrs, bad, 5*time.Second)
	if err == nil {
		t.Fatal("wrong credentials accepted")
	}
	if !strings.Contains(err.Error(), "refused the SASL login") || strings.Contains(err.Error(), "wrong-Pa55") {
		t.Errorf("error %q: want a SASL refusal without the password", err)
	}
	if d := time.Since(t0); d > 4*time.Second {
		t.Errorf("refusal took %s", d)
	}
}

// TestMissingACL: a principal that may describe topics and groups but not
// the brokers' configuration gets an error naming the request, the broker
// and the ACL to grant.
func TestMissingACL(t *testing.T) {
	seed := mustSeed(t, incidentSeed)
	allow := func(rt kmsg.ACLResourceType, op kmsg.ACLOperation) kfake.ACL {
		return kfake.ACL{Resource: rt, Name: "*", Pattern: kmsg.ACLResourcePatternTypeLiteral, Operation: op, Allow: true}
	}
	if rt := kmsg.ACLResourceTypeCluster; rt == 0 {
		t.Fatal("unreachable")
	}
	admin := []kgo.Opt{kgo.SASL(plain.Auth{User: "admin", Pass: "admin-pw"}.AsMechanism())}
	addrs := startCluster(t, seed, admin,
		kfake.EnableSASL(), kfake.EnableACLs(), kfake.Superuser("PLAIN", "admin", "admin-pw"),
		kfake.User("PLAIN", "reader", "reader-pw",
			allow(kmsg.ACLResourceTypeTopic, kmsg.ACLOperationDescribe),
			allow(kmsg.ACLResourceTypeGroup, kmsg.ACLOperationDescribe),
			allow(kmsg.ACLResourceTypeCluster, kmsg.ACLOperationDescribe)))
	cc, err := live.ParseClientConfig([]byte("security.protocol=SASL_PLAINTEXT\nsasl.mechanism=PLAIN\nsasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username=\"reader\" password=\"reader-pw\";\n"), nil)
	if err != nil {
		t.Fatal(err)
	}
	_, _, err = readWith(t, addrs, cc, 10*time.Second)
	if err == nil {
		t.Fatal("read without DescribeConfigs on the cluster succeeded")
	}
	for _, want := range []string{"DescribeConfigs", "broker 0 (" + addrs[0] + ")", "CLUSTER_AUTHORIZATION_FAILED", "grant DescribeConfigs on the Cluster"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q lacks %q", err, want)
		}
	}
}
