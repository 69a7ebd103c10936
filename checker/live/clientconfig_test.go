package live_test

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kfake"

	"github.com/streamlint/streamlint/checker/live"
)

const password = "Sup3r-s3cret"

func noFiles(string) ([]byte, error) { return nil, errors.New("no file") }

// TestParseClientConfig: the client properties Kafka's tools take, and
// what streamlint refuses, with errors that never repeat the password.
func TestParseClientConfig(t *testing.T) {
	jaas := `sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="svc-lint" password="` + password + `";`
	scram := `sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="svc-lint" password="` + password + `";`
	cases := []struct {
		name, src        string
		protocol, mech   string
		wantErr, ignored string
	}{
		{name: "empty: PLAINTEXT", src: "", protocol: "PLAINTEXT"},
		{name: "SASL PLAIN", src: "security.protocol=SASL_PLAINTEXT\nsasl.mechanism=PLAIN\n" + jaas, protocol: "SASL_PLAINTEXT", mech: "PLAIN"},
		{name: "SCRAM-SHA-512, lower case, tool keys ignored", src: "security.protocol=sasl_plaintext\nsasl.mechanism=scram-sha-512\n" + scram + "\nrequest.timeout.ms=5000\n", protocol: "SASL_PLAINTEXT", mech: "SCRAM-SHA-512", ignored: "request.timeout.ms"},
		{name: "librdkafka names", src: "security.protocol=SASL_PLAINTEXT\nsasl.mechanism=PLAIN\nsasl.username=svc-lint\nsasl.password=" + password, protocol: "SASL_PLAINTEXT", mech: "PLAIN"},
		{name: "GSSAPI by default", src: "security.protocol=SASL_PLAINTEXT\n" + jaas, wantErr: "GSSAPI (Kerberos"},
		{name: "OAUTHBEARER", src: "security.protocol=SASL_PLAINTEXT\nsasl.mechanism=OAUTHBEARER\n" + jaas, wantErr: "OAUTHBEARER is not supported"},
		{name: "module does not match", src: "security.protocol=SASL_PLAINTEXT\nsasl.mechanism=SCRAM-SHA-256\n" + jaas, wantErr: "does not go with sasl.mechanism SCRAM-SHA-256"},
		{name: "no password", src: "security.protocol=SASL_PLAINTEXT\nsasl.mechanism=PLAIN\nsasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username=\"svc-lint\";", wantErr: "needs a username and a password"},
		{name: "unterminated quote", src: "security.protocol=SASL_PLAINTEXT\nsasl.mechanism=PLAIN\nsasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username=\"svc-lint\" password=\"" + password + ";", wantErr: "unterminated quoted value"},
		{name: "bad flag", src: "security.protocol=SASL_PLAINTEXT\nsasl.mechanism=PLAIN\nsasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule " + password + " username=\"a\";", wantErr: "control flag"},
		{name: "unknown protocol", src: "security.protocol=TLS\n", wantErr: `security.protocol "TLS"`},
		{name: "JKS trust store", src: "security.protocol=SSL\nssl.truststore.location=/etc/kafka/truststore.jks\nssl.truststore.password=" + password, wantErr: "reads PEM stores only"},
	}
	readJKS := func(string) ([]byte, error) { return []byte{0xfe, 0xed, 0xfe, 0xed}, nil }
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, err := live.ParseClientConfig([]byte(tc.src), readJKS)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("error %v, want %q", err, tc.wantErr)
				}
				if strings.Contains(err.Error(), password) {
					t.Errorf("the error shows the password: %v", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if c.Protocol != tc.protocol || c.Mechanism != tc.mech {
				t.Errorf("protocol %q mechanism %q, want %q %q", c.Protocol, c.Mechanism, tc.protocol, tc.mech)
			}
			if tc.mech != "" && (c.User != "svc-lint" || !c.HasPassword()) {
				t.Errorf("user %q, password given %v", c.User, c.HasPassword())
			}
			if tc.ignored != "" && !strings.Contains(strings.Join(c.Ignored, ","), tc.ignored) {
				t.Errorf("ignored %v, want %s", c.Ignored, tc.ignored)
			}
			if s := c.String(); strings.Contains(s, password) {
				t.Errorf("String shows the password: %s", s)
			}
		})
	}
}

// testCA writes a CA and a server certificate for 127.0.0.1 (with or
// without the IP in its names) as PEM files, and returns the server's TLS
// configuration and the CA file.
func testCA(t *testing.T, withIP bool) (*tls.Config, string, string) {
	t.Helper()
	dir := t.TempDir()
	caKey, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	caTmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "test CA"}, NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour), IsCA: true, KeyUsage: x509.KeyUsageCertSign, BasicConstraintsValid: true}
	caDER, err := x509.CreateCertificate(rand.Reader, caTmpl, caTmpl, &caKey.PublicKey, caKey)
	if err != nil {
		t.Fatal(err)
	}
	ca, _ := x509.ParseCertificate(caDER)
	key, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(2), Subject: pkix.Name{CommonName: "kafka"}, NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour), ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth, x509.ExtKeyUsageClientAuth}, KeyUsage: x509.KeyUsageDigitalSignature}
	if withIP {
		tmpl.IPAddresses = []net.IP{net.ParseIP("127.0.0.1")}
	} else {
		tmpl.DNSNames = []string{"kafka.internal"}
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, ca, &key.PublicKey, caKey)
	if err != nil {
		t.Fatal(err)
	}
	keyDER, _ := x509.MarshalPKCS8PrivateKey(key)
	certPEM := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})
	keyPEM := pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: keyDER})
	caFile := filepath.Join(dir, "ca.pem")
	if err := os.WriteFile(caFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: caDER}), 0o600); err != nil {
		t.Fatal(err)
	}
	storeFile := filepath.Join(dir, "client.pem")
	if err := os.WriteFile(storeFile, append(append([]byte{}, keyPEM...), certPEM...), 0o600); err != nil {
		t.Fatal(err)
	}
	cert, err := tls.X509KeyPair(certPEM, keyPEM)
	if err != nil {
		t.Fatal(err)
	}
	return &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12}, caFile, storeFile
}

// TestTLS: a PEM trust store reaches a TLS listener; host name
// verification is on unless ssl.endpoint.identification.algorithm is
// empty, and the chain is verified either way.
func TestTLS(t *testing.T) {
	cases := []struct {
		name          string
		withIP        bool
		extra         string
		trusted       bool
		requireClient bool
		wantFail      string
	}{
		{name: "trusted, name matches", withIP: true, trusted: true},
		{name: "trusted, name differs", withIP: false, trusted: true, wantFail: "could not connect"},
		{name: "trusted, name differs, verification off", withIP: false, trusted: true, extra: "ssl.endpoint.identification.algorithm=\n"},
		{name: "untrusted, verification off", withIP: false, trusted: false, extra: "ssl.endpoint.identification.algorithm=\n", wantFail: "could not connect"},
		{name: "mutual TLS with a PEM key store", withIP: true, trusted: true, requireClient: true, extra: "ssl.keystore.type=PEM\nssl.keystore.location=STORE\n"},
		{name: "mutual TLS without a key store", withIP: true, trusted: true, requireClient: true, wantFail: "could not connect"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			serverCfg, caFile, storeFile := testCA(t, tc.withIP)
			if tc.requireClient {
				pool := x509.NewCertPool()
				b, err := os.ReadFile(caFile)
				if err != nil || !pool.AppendCertsFromPEM(b) {
					t.Fatal("CA", err)
				}
				serverCfg.ClientAuth, serverCfg.ClientCAs = tls.RequireAndVerifyClientCert, pool
			}
			addrs := startCluster(t, mustSeed(t, "brokers: 1\n"), nil, kfake.TLS(serverCfg))
			trust := caFile
			if !tc.trusted {
				_, other, _ := testCA(t, tc.withIP)
				trust = other
			}
			src := "security.protocol=SSL\nssl.truststore.type=PEM\nssl.truststore.location=" + trust + "\n" + strings.ReplaceAll(tc.extra, "STORE", storeFile)
			cc, err := live.ParseClientConfig([]byte(src), os.ReadFile)
			if err != nil {
				t.Fatal(err)
			}
			_, _, err = readWith(t, addrs, cc, 3*time.Second)
			switch {
			case tc.wantFail == "" && err != nil:
				t.Fatalf("read: %v", err)
			case tc.wantFail != "" && (err == nil || !strings.Contains(err.Error(), tc.wantFail)):
				t.Fatalf("error %v, want %q", err, tc.wantFail)
			}
		})
	}
}

func TestEncryptedKeyRefused(t *testing.T) {
	src := "security.protocol=SSL\nssl.keystore.type=PEM\nssl.keystore.key=-----BEGIN ENCRYPTED PRIVATE KEY-----\\nAAAA\\n-----END ENCRYPTED PRIVATE KEY-----\nssl.keystore.certificate.chain=x\nssl.key.password=" + password
	_, err := live.ParseClientConfig([]byte(src), noFiles)
	if err == nil || !strings.Contains(err.Error(), "encrypted") || strings.Contains(err.Error(), password) {
		t.Fatalf("error %v", err)
	}
}
