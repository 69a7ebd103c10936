package main

import (
	"encoding/json"
	"net"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kgo"
	"github.com/twmb/franz-go/pkg/sasl/plain"

	"github.com/streamlint/streamlint/checker/live/livetest"
	"github.com/streamlint/streamlint/checker/report"
)

// startSeed starts the seed file's cluster (kfake) for the test and
// returns its --bootstrap-server value.
func startSeed(t *testing.T, path string, opts ...kfake.Opt) string {
	t.Helper()
	s, err := livetest.Load(filepath.Join(repoRoot(), path))
	if err != nil {
		t.Fatal(err)
	}
	return serveSeed(t, s, nil, opts...)
}

// serveSeed starts the seed's cluster, writing the seed through a client
// with the given options, and returns its --bootstrap-server value; the
// cluster stops when the test ends.
func serveSeed(t *testing.T, s *livetest.Seed, client []kgo.Opt, opts ...kfake.Opt) string {
	t.Helper()
	c, err := s.Start(client, opts...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.Close)
	return strings.Join(c.ListenAddrs(), ",")
}

type liveFinding struct {
	RuleID   string `json:"rule_id"`
	Severity string `json:"severity"`
	Message  string `json:"message"`
	File     string `json:"file"`
	Line     int    `json:"line"`
	Related  []struct {
		File string `json:"file"`
	} `json:"related"`
}

func decodeFindings(t *testing.T, out string) []liveFinding {
	t.Helper()
	var doc struct {
		Findings []liveFinding `json:"findings"`
		Summary  struct {
			Clusters int `json:"clusters"`
		} `json:"summary"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if doc.Summary.Clusters != 1 {
		t.Errorf("summary.clusters %d, want 1", doc.Summary.Clusters)
	}
	return doc.Findings
}

// TestLiveIncident is the first acceptance test: a cluster seeded
// like the incident (a one-partition topic with no retention bound, a
// group 5,000 records behind whose committed offset log-start has passed,
// a topic at 95% of its retention.bytes) makes check --bootstrap-server
// report LAG001, LAG002, RET001 and KAF005 at kafka:// locations and exit
// 1, in every output format.
func TestLiveIncident(t *testing.T) {
	addr := startSeed(t, "fixtures/live/incident/cluster.yaml")
	base := "kafka://" + addr
	out, errOut, code := runCLI(t, nil, "check", "--bootstrap-server", addr, "--format", "json")
	if code != exitFindings {
		t.Fatalf("exit %d, want 1: %s", code, errOut)
	}
	want := map[string]string{
		"LAG001": base + "/groups/spark-streaming/topics/transactions",
		"LAG002": base + "/groups/spark-streaming/topics/transactions",
		"RET001": base + "/topics/payments",
		"KAF005": base + "/topics/transactions",
	}
	for _, f := range decodeFindings(t, out) {
		if !strings.HasPrefix(f.File, base+"/") || f.Line != 0 {
			t.Errorf("%s at %s:%d: not a kafka:// location of the cluster", f.RuleID, f.File, f.Line)
		}
		if loc, ok := want[f.RuleID]; ok && loc == f.File {
			delete(want, f.RuleID)
		}
		if f.RuleID == "LAG002" && !strings.Contains(f.Message, "lost 1000 record(s)") {
			t.Errorf("LAG002 does not say how many records were lost: %s", f.Message)
		}
		if f.RuleID == "LAG001" && !strings.Contains(f.Message, "5000 records behind") {
			t.Errorf("LAG001 does not give the total: %s", f.Message)
		}
	}
	for id, loc := range want {
		t.Errorf("%s not reported at %s", id, loc)
	}

	// every format in one run, each to its file
	dir := t.TempDir()
	args := []string{"check", "--bootstrap-server", addr}
	for _, format := range report.Formats() {
		args = append(args, "--format", format, "--output", filepath.Join(dir, format))
	}
	if _, errOut, code := runCLI(t, nil, args...); code != exitFindings {
		t.Fatalf("every format: exit %d: %s", code, errOut)
	}
	for _, format := range report.Formats() {
		out := mustRead(t, filepath.Join(dir, format))
		if !strings.Contains(out, base+"/topics/transactions") {
			t.Errorf("no kafka:// location in the %s output:\n%s", format, out)
		}
		switch format {
		case "sarif":
			validateSARIF(t, out)
		case "text":
			if !strings.Contains(out, base+"/topics/payments: error RET001 ") {
				t.Errorf("text does not print the location as is:\n%s", out)
			}
			if !strings.Contains(out, "in 0 files and 1 running cluster") {
				t.Errorf("summary line:\n%s", out)
			}
		}
	}
}

// validateSARIF checks out against the official SARIF 2.1.0 schema (its
// uri formats asserted): kafka:// artifact locations must be valid URIs.
func validateSARIF(t *testing.T, out string) {
	t.Helper()
	path := filepath.Join(repoRoot(), "checker", "report", "testdata", "sarif-schema-2.1.0.json")
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource(path, doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile(path)
	if err != nil {
		t.Fatal(err)
	}
	inst, err := jsonschema.UnmarshalJSON(strings.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	if err := sch.Validate(inst); err != nil {
		t.Errorf("SARIF does not validate: %v", err)
	}
	var log struct {
		Runs []struct {
			Results []struct {
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct {
							URI       string `json:"uri"`
							URIBaseID string `json:"uriBaseId"`
						} `json:"artifactLocation"`
						Region *struct{} `json:"region"`
					} `json:"physicalLocation"`
				} `json:"locations"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal([]byte(out), &log); err != nil {
		t.Fatal(err)
	}
	for _, r := range log.Runs[0].Results {
		pl := r.Locations[0].PhysicalLocation
		if strings.HasPrefix(pl.ArtifactLocation.URI, "kafka://") && (pl.ArtifactLocation.URIBaseID != "" || pl.Region != nil) {
			t.Errorf("kafka:// location with a base or a region: %+v", pl)
		}
	}
}

// TestLiveHealthy: a healthy seeded cluster reports none of them (nothing
// at all) and exits 0.
func TestLiveHealthy(t *testing.T) {
	addr := startSeed(t, "fixtures/live/healthy/cluster.yaml")
	out, errOut, code := runCLI(t, nil, "check", "--bootstrap-server", addr, "--format", "json")
	if code != exitOK {
		t.Fatalf("exit %d, want 0: %s\n%s", code, errOut, out)
	}
	if fs := decodeFindings(t, out); len(fs) != 0 {
		t.Errorf("findings on a healthy cluster: %+v", fs)
	}
	// --sample reads twice and reports the rates as notes (nothing is
	// produced into the seeded cluster meanwhile)
	first, _, _ := strings.Cut(addr, ",") // the URI names the first address
	out, errOut, code = runCLI(t, nil, "check", "--bootstrap-server", addr, "--sample", "200ms")
	if code != exitOK {
		t.Fatalf("--sample: exit %d: %s", code, errOut)
	}
	if n := settledKgoGoroutines(); n != 0 {
		t.Errorf("%d franz-go client goroutines left after the runs", n)
	}
	for _, want := range []string{
		"kafka://" + first + `/topics/payments: note topic "payments": 0.0 records/s produced during the `, // 200ms and a little
		" sample: nothing was produced; if a producer should be writing, it has stopped",
		"kafka://" + first + `/groups/spark-streaming/topics/transactions: note group "spark-streaming" on topic "transactions": consumed 0.0 records/s, lag changed by +0.0 records/s (lag 30)`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("--sample output lacks %q:\n%s", want, out)
		}
	}
}

// TestLiveDrift is the second acceptance test: with the incident's
// fixtures/incident/after as PATH (KAFKA_NUM_PARTITIONS: 3) and a cluster
// whose broker runs with num.partitions=1, DRF001 fires at the compose
// line, with the running broker related; the repository's own findings
// are reported as without --bootstrap-server.
func TestLiveDrift(t *testing.T) {
	s, err := livetest.Parse([]byte("brokers: 1\nbroker_configs:\n  num.partitions: \"1\"\n"))
	if err != nil {
		t.Fatal(err)
	}
	addr := serveSeed(t, s, nil)
	out, errOut, code := runCLI(t, nil, "check", "--bootstrap-server", addr, "--format", "json", "fixtures/incident/after")
	if code != exitFindings {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	found := false
	var rules []string
	for _, f := range decodeFindings(t, out) {
		rules = append(rules, f.RuleID)
		if f.RuleID != "DRF001" || f.File != "fixtures/incident/after/docker-compose.yml" || f.Line != 27 {
			continue
		}
		found = true
		if !strings.Contains(f.Message, "num.partitions is 3 here") || !strings.Contains(f.Message, "num.partitions=1") {
			t.Errorf("message: %s", f.Message)
		}
		if len(f.Related) == 0 || f.Related[0].File != "kafka://"+addr+"/brokers/0" {
			t.Errorf("related: %+v", f.Related)
		}
	}
	if !found {
		t.Errorf("no DRF001 at fixtures/incident/after/docker-compose.yml:27; got %v\n%s", rules, out)
	}
	for _, id := range []string{"KAF009", "SPK002", "CAP001"} { // the repository's own
		if !slices.Contains(rules, id) {
			t.Errorf("the repository's %s is missing: %v", id, rules)
		}
	}
	// without the cluster, no drift
	out, _, _ = runCLI(t, nil, "check", "--format", "json", "fixtures/incident/after")
	if strings.Contains(out, "DRF001") {
		t.Error("DRF001 without --bootstrap-server")
	}
}

// TestLiveFailures: an unreachable cluster and refused credentials exit 2
// with the broker and the request named (and no password), never hang;
// the live flags are checked.
func TestLiveFailures(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := ln.Addr().String()
	ln.Close()

	s, err := livetest.Parse([]byte("brokers: 1\n"))
	if err != nil {
		t.Fatal(err)
	}
	admin := []kgo.Opt{kgo.SASL(plain.Auth{User: "admin", Pass: "right-pw"}.AsMechanism())}
	sasl := serveSeed(t, s, admin, kfake.EnableSASL(), kfake.Superuser("PLAIN", "admin", "right-pw"))
	dir := t.TempDir()
	wrong := filepath.Join(dir, "client.properties")
	if err := os.WriteFile(wrong, []byte("security.protocol=SASL_PLAINTEXT\nsasl.mechanism=PLAIN\nsasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username=\"admin\" password=\"Wr0ng-pw\";\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	right := filepath.Join(dir, "right.properties")
	if err := os.WriteFile(right, []byte("security.protocol=SASL_PLAINTEXT\nsasl.mechanism=PLAIN\nsasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username=\"admin\" password=\"right-pw\";\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		args []string
		code int
		want []string
	}{
		{"unreachable", []string{"check", "--bootstrap-server", closed, "--timeout", "3s"}, exitError, []string{"cannot read the cluster at kafka://" + closed, "Metadata", "could not connect to " + closed}},
		{"refused credentials", []string{"check", "--bootstrap-server", sasl, "--command-config", wrong, "--timeout", "3s"}, exitError, []string{"Metadata", "refused the SASL login", "SASL PLAIN as \"admin\""}},
		{"right credentials", []string{"check", "--bootstrap-server", sasl, "--command-config", right, "--fail-on", "none"}, exitOK, nil},
		{"missing command config", []string{"check", "--bootstrap-server", sasl, "--command-config", filepath.Join(dir, "none")}, exitError, []string{"--command-config", "no such file"}},
		{"command config alone", []string{"check", "--command-config", right, "fixtures/incident/after"}, exitError, []string{"--command-config goes with --bootstrap-server"}},
		{"bad address", []string{"check", "--bootstrap-server", "kafka"}, exitError, []string{`"kafka" is not HOST:PORT`}},
		{"bad timeout", []string{"check", "--bootstrap-server", closed, "--timeout", "0s"}, exitError, []string{"--timeout must be positive"}},
		{"standard input", []string{"check", "--bootstrap-server", closed, "--stdin-filename", "c.yml", "-"}, exitError, []string{"does not read standard input"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			out, errOut, code := runCLI(t, nil, tc.args...)
			if code != tc.code {
				t.Fatalf("exit %d, want %d: %s%s", code, tc.code, out, errOut)
			}
			for _, w := range tc.want {
				if !strings.Contains(errOut, w) {
					t.Errorf("stderr %q lacks %q", errOut, w)
				}
			}
			for _, secret := range []string{"Wr0ng-pw", "right-pw"} {
				if strings.Contains(out+errOut, secret) {
					t.Errorf("a password was printed:\n%s%s", out, errOut)
				}
			}
		})
	}
}

// TestLiveParse: parse --bootstrap-server prints the running cluster's
// input document (the repository's first when PATHs are given, with the
// cluster attached for drift); the brokers' sensitive settings are
// redacted, and the command config's password appears nowhere.
func TestLiveParse(t *testing.T) {
	s, err := livetest.Parse([]byte("brokers: 1\nbroker_configs:\n  num.partitions: \"1\"\ntopics:\n  - name: transactions\n"))
	if err != nil {
		t.Fatal(err)
	}
	admin := []kgo.Opt{kgo.SASL(plain.Auth{User: "admin", Pass: "Pr1vate-pw"}.AsMechanism())}
	addr := serveSeed(t, s, admin, kfake.EnableSASL(), kfake.Superuser("PLAIN", "admin", "Pr1vate-pw"))
	cfg := filepath.Join(t.TempDir(), "client.properties")
	if err := os.WriteFile(cfg, []byte("security.protocol=SASL_PLAINTEXT\nsasl.mechanism=PLAIN\nsasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username=\"admin\" password=\"Pr1vate-pw\";\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	out, errOut, code := runCLI(t, nil, "parse", "--bootstrap-server", addr, "--command-config", cfg, "fixtures/incident/after")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if strings.Contains(out+errOut, "Pr1vate-pw") {
		t.Fatal("the password reached parse's output")
	}
	var docs []struct {
		Root    string `json:"root"`
		Running *struct {
			URI string `json:"uri"`
			Via string `json:"via"`
		} `json:"running"`
		Live    *struct{ URI string } `json:"live"`
		Brokers []struct {
			Config map[string]struct {
				Value  string `json:"value"`
				Secret string `json:"secret"`
			} `json:"config"`
		} `json:"brokers"`
	}
	if err := json.Unmarshal([]byte(out), &docs); err != nil {
		t.Fatal(err)
	}
	if len(docs) != 2 || docs[0].Running == nil || docs[0].Running.Via != "the only cluster on each side" || docs[1].Live == nil {
		t.Fatalf("documents: %s", out)
	}
	su := docs[1].Brokers[0].Config["super.users"] // kfake marks it sensitive
	if su.Value != "<redacted>" || su.Secret != "sensitive" {
		t.Errorf("super.users: %+v", su)
	}
	if !strings.Contains(errOut, "note read the running cluster") {
		t.Errorf("stderr: %s", errOut)
	}
	// both documents match the published input schema
	schema, err := jsonschema.UnmarshalJSON(strings.NewReader(mustRead(t, filepath.Join(repoRoot(), "docs", "policy-input.schema.json"))))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("schema.json", schema); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile("schema.json")
	if err != nil {
		t.Fatal(err)
	}
	inst, err := jsonschema.UnmarshalJSON(strings.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	for i, doc := range inst.([]any) {
		if err := sch.Validate(doc); err != nil {
			t.Errorf("document %d does not match docs/policy-input.schema.json: %v", i, err)
		}
	}
}

func mustRead(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// kgoGoroutines counts the goroutines running franz-go's client code.
func kgoGoroutines() int {
	buf := make([]byte, 1<<22)
	buf = buf[:runtime.Stack(buf, true)]
	n := 0
	for _, g := range strings.Split(string(buf), "\n\n") {
		if strings.Contains(g, "franz-go/pkg/kgo.") {
			n++
		}
	}
	return n
}

// TestFranzGoOnlyWithBootstrap: without --bootstrap-server no franz-go
// client exists (no goroutine runs its code; TestLintPathNeverDials shows
// no socket opens either). TestLiveHealthy checks that after a run with
// it every client goroutine has ended.
func TestFranzGoOnlyWithBootstrap(t *testing.T) {
	if n := settledKgoGoroutines(); n != 0 {
		t.Fatalf("%d franz-go goroutines before the run (another test leaked them)", n)
	}
	if _, errOut, code := runCLI(t, nil, "check", "fixtures/incident/before"); code != exitFindings {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if n := kgoGoroutines(); n != 0 {
		t.Errorf("%d franz-go goroutines after a check without --bootstrap-server", n)
	}
}

// settledKgoGoroutines waits up to 5 s for franz-go goroutines that are
// winding down, and counts those left.
func settledKgoGoroutines() int {
	deadline := time.Now().Add(5 * time.Second)
	for kgoGoroutines() != 0 && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	return kgoGoroutines()
}
