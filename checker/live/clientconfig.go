package live

import (
	"crypto/tls"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/magiconair/properties"
	"github.com/streamlint/streamlint/internal/safefile"
)

// ClientConfig is what a --command-config file (the client properties file
// Kafka's own tools take) says about connecting: the security protocol,
// SASL credentials and TLS trust and key material. Its String never shows
// a credential, and no error built from it repeats one.
type ClientConfig struct {
	// Protocol is security.protocol: PLAINTEXT, SSL, SASL_PLAINTEXT or
	// SASL_SSL.
	Protocol string
	// Mechanism is sasl.mechanism: PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512.
	Mechanism string
	User      string
	password  string
	// TLS is the TLS configuration for SSL and SASL_SSL (nil otherwise).
	TLS      *tls.Config
	ClientID string
	// Ignored are keys of the file that do not change how streamlint
	// connects (producer and consumer settings, timeouts), by name only.
	Ignored []string
}

// String describes the configuration without its secrets.
func (c *ClientConfig) String() string {
	if c == nil {
		return "PLAINTEXT"
	}
	s := c.Protocol
	if c.Mechanism != "" {
		s += fmt.Sprintf(" (SASL %s as %q)", c.Mechanism, c.User)
	}
	return s
}

// HasPassword reports whether a SASL password was given.
func (c *ClientConfig) HasPassword() bool { return c != nil && c.password != "" }

// LoadClientConfig reads a client properties file (and the files it
// names) through safefile: a FIFO, a device or a link into /proc is
// refused, never opened.
func LoadClientConfig(path string) (*ClientConfig, error) {
	data, err := safefile.Read(path, safefile.DefaultLimit)
	if safefile.IsNotExist(err) {
		return nil, fmt.Errorf("--command-config: %s: no such file or directory", path)
	}
	if err != nil {
		return nil, fmt.Errorf("--command-config: %w", err)
	}
	c, err := ParseClientConfig(data, func(p string) ([]byte, error) { return safefile.Read(p, safefile.DefaultLimit) })
	if err != nil {
		return nil, fmt.Errorf("--command-config %s: %w", path, err)
	}
	return c, nil
}

// clientKeys are the keys that decide how to connect; every other key is
// listed in Ignored.
var clientKeys = map[string]bool{
	"security.protocol": true, "sasl.mechanism": true, "sasl.jaas.config": true,
	"sasl.username": true, "sasl.password": true, "client.id": true,
	"ssl.truststore.location": true, "ssl.truststore.type": true, "ssl.truststore.certificates": true,
	"ssl.truststore.password": true, "ssl.keystore.location": true, "ssl.keystore.type": true,
	"ssl.keystore.password": true, "ssl.keystore.key": true, "ssl.keystore.certificate.chain": true,
	"ssl.key.password": true, "ssl.endpoint.identification.algorithm": true,
}

// ParseClientConfig parses a client properties file; readFile reads the
// trust and key stores it names.
func ParseClientConfig(data []byte, readFile func(string) ([]byte, error)) (*ClientConfig, error) {
	// No ${} expansion: magiconair would fall back to the process
	// environment for unknown names.
	p, err := (&properties.Loader{Encoding: properties.UTF8, DisableExpansion: true}).LoadBytes(data)
	if err != nil {
		return nil, fmt.Errorf("not a properties file: %w", err)
	}
	pr := props{p}
	get := pr.get
	c := &ClientConfig{Protocol: strings.ToUpper(get("security.protocol")), ClientID: get("client.id")}
	if c.Protocol == "" {
		c.Protocol = "PLAINTEXT"
	}
	for _, k := range p.Keys() {
		if !clientKeys[k] {
			c.Ignored = append(c.Ignored, k)
		}
	}
	sort.Strings(c.Ignored)
	switch c.Protocol {
	case "PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL":
	default:
		return nil, fmt.Errorf("security.protocol %q is not PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL", c.Protocol)
	}
	if strings.HasPrefix(c.Protocol, "SASL_") {
		if err := c.parseSASL(get); err != nil {
			return nil, err
		}
	}
	if strings.HasSuffix(c.Protocol, "SSL") {
		t, err := parseTLS(pr, readFile)
		if err != nil {
			return nil, err
		}
		c.TLS = t
	}
	return c, nil
}

func (c *ClientConfig) parseSASL(get func(string) string) error {
	c.Mechanism = strings.ToUpper(get("sasl.mechanism"))
	if c.Mechanism == "" {
		c.Mechanism = "GSSAPI" // Kafka's default
	}
	switch c.Mechanism {
	case "PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512":
	case "GSSAPI":
		return errors.New("sasl.mechanism GSSAPI (Kerberos, Kafka's default when sasl.mechanism is not set) is not supported: use PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512")
	default:
		return fmt.Errorf("sasl.mechanism %s is not supported: use PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512", c.Mechanism)
	}
	if jaas := get("sasl.jaas.config"); jaas != "" {
		j, err := parseJAAS(jaas)
		if err != nil {
			return fmt.Errorf("sasl.jaas.config: %w", err)
		}
		wantModule := "ScramLoginModule"
		if c.Mechanism == "PLAIN" {
			wantModule = "PlainLoginModule"
		}
		if !strings.HasSuffix(j.module, "."+wantModule) && j.module != wantModule {
			return fmt.Errorf("sasl.jaas.config: login module %s does not go with sasl.mechanism %s (want ...%s)", j.module, c.Mechanism, wantModule)
		}
		c.User, c.password = j.options["username"], j.options["password"]
	} else {
		// librdkafka's names, accepted for convenience
		c.User, c.password = get("sasl.username"), get("sasl.password")
	}
	if c.User == "" || c.password == "" {
		return fmt.Errorf("SASL %s needs a username and a password in sasl.jaas.config (e.g. org.apache.kafka.common.security.plain.PlainLoginModule required username=\"...\" password=\"...\";)", c.Mechanism)
	}
	return nil
}

// jaas is one parsed JAAS login module entry.
type jaas struct {
	module  string
	options map[string]string
}

// parseJAAS reads `Module required key="value" key2=value2;`. Errors
// never quote the text: it holds a password.
func parseJAAS(s string) (jaas, error) {
	j := jaas{options: map[string]string{}}
	s = strings.TrimSpace(s)
	s = strings.TrimSuffix(s, ";")
	fields, err := jaasFields(s)
	if err != nil {
		return j, err
	}
	if len(fields) < 2 {
		return j, errors.New("expected `LoginModuleClass required key=\"value\" ...;`")
	}
	j.module = fields[0]
	switch strings.ToLower(fields[1]) {
	case "required", "requisite", "sufficient", "optional":
	default:
		return j, fmt.Errorf("the control flag after %s must be required, requisite, sufficient or optional", j.module)
	}
	for _, f := range fields[2:] {
		k, v, ok := strings.Cut(f, "=")
		if !ok {
			return j, errors.New("an option is not key=value")
		}
		j.options[strings.TrimSpace(k)] = v
	}
	return j, nil
}

// jaasFields splits on whitespace outside double quotes, unquoting
// "..." values (with \" and \\ escapes).
func jaasFields(s string) ([]string, error) {
	var out []string
	var cur strings.Builder
	inQuote, escaped, has := false, false, false
	for _, r := range s {
		switch {
		case escaped:
			cur.WriteRune(r)
			escaped = false
		case inQuote && r == '\\':
			escaped = true
		case r == '"':
			inQuote = !inQuote
			has = true
		case !inQuote && (r == ' ' || r == '\t' || r == '\n' || r == '\r'):
			if has || cur.Len() > 0 {
				out = append(out, cur.String())
				cur.Reset()
				has = false
			}
		default:
			cur.WriteRune(r)
		}
	}
	if inQuote {
		return nil, errors.New("unterminated quoted value")
	}
	if has || cur.Len() > 0 {
		out = append(out, cur.String())
	}
	return out, nil
}

// parseTLS builds the TLS configuration from PEM trust and key material:
// ssl.truststore.type=PEM with ssl.truststore.location or
// ssl.truststore.certificates; ssl.keystore.type=PEM with
// ssl.keystore.location (key and certificate chain in one file) or
// ssl.keystore.key and ssl.keystore.certificate.chain.
func parseTLS(pr props, readFile func(string) ([]byte, error)) (*tls.Config, error) {
	get := pr.get
	cfg := &tls.Config{MinVersion: tls.VersionTLS12}
	trust := []byte(get("ssl.truststore.certificates"))
	if loc := get("ssl.truststore.location"); loc != "" {
		b, err := readFile(loc)
		if err != nil {
			return nil, fmt.Errorf("ssl.truststore.location: %w", err)
		}
		if err := checkPEM("ssl.truststore", get("ssl.truststore.type"), loc, b); err != nil {
			return nil, err
		}
		trust = b
	}
	if len(trust) > 0 {
		pool := x509.NewCertPool()
		if !pool.AppendCertsFromPEM(trust) {
			return nil, errors.New("ssl.truststore: no PEM certificate found")
		}
		cfg.RootCAs = pool
	}
	keyPEM, chainPEM := []byte(get("ssl.keystore.key")), []byte(get("ssl.keystore.certificate.chain"))
	if loc := get("ssl.keystore.location"); loc != "" {
		b, err := readFile(loc)
		if err != nil {
			return nil, fmt.Errorf("ssl.keystore.location: %w", err)
		}
		if err := checkPEM("ssl.keystore", get("ssl.keystore.type"), loc, b); err != nil {
			return nil, err
		}
		keyPEM, chainPEM = b, b
	}
	if len(keyPEM) > 0 || len(chainPEM) > 0 {
		if encryptedKey(keyPEM) {
			return nil, errors.New("ssl.keystore: the private key is encrypted (ssl.key.password); streamlint reads unencrypted PEM keys only: decrypt a copy with `openssl pkey -in key.pem -out plain-key.pem` and keep it as protected as the password")
		}
		cert, err := tls.X509KeyPair(chainPEM, keyPEM)
		if err != nil {
			return nil, fmt.Errorf("ssl.keystore: %w", err)
		}
		cfg.Certificates = []tls.Certificate{cert}
	}
	if pr.has("ssl.endpoint.identification.algorithm") && get("ssl.endpoint.identification.algorithm") == "" {
		// Kafka's "" turns off host name verification only: the chain
		// is still verified against the trust store.
		cfg.InsecureSkipVerify = true // the chain is verified by verifyChainOnly below
		cfg.VerifyConnection = verifyChainOnly(cfg.RootCAs)
	}
	return cfg, nil
}

// props reads a properties file's values, trimmed as Kafka trims them.
type props struct{ p *properties.Properties }

func (p props) get(k string) string {
	v, _ := p.p.Get(k)
	return strings.TrimSpace(v)
}

func (p props) has(k string) bool {
	_, ok := p.p.Get(k)
	return ok
}

func checkPEM(what, typ, loc string, b []byte) error {
	t := strings.ToUpper(strings.TrimSpace(typ))
	isPEM := strings.Contains(string(b), "-----BEGIN ")
	if t == "PEM" || (t == "" && isPEM) {
		if !isPEM {
			return fmt.Errorf("%s.location %s is not a PEM file", what, loc)
		}
		return nil
	}
	if t == "" {
		t = "JKS (Kafka's default type)"
	}
	conv := "keytool -importkeystore -srckeystore " + loc + " -destkeystore store.p12 -deststoretype PKCS12, then openssl pkcs12 -in store.p12 -nodes -out store.pem"
	return fmt.Errorf("%s %s is %s: streamlint reads PEM stores only; convert it (%s) and set %s.type=PEM", what, loc, t, conv, what)
}

func encryptedKey(b []byte) bool {
	for {
		var blk *pem.Block
		blk, b = pem.Decode(b)
		if blk == nil {
			return false
		}
		if blk.Type == "ENCRYPTED PRIVATE KEY" || blk.Headers["Proc-Type"] == "4,ENCRYPTED" {
			return true
		}
	}
}

// verifyChainOnly verifies the server's chain against roots (the system
// pool when nil) without checking its name.
func verifyChainOnly(roots *x509.CertPool) func(tls.ConnectionState) error {
	return func(cs tls.ConnectionState) error {
		if len(cs.PeerCertificates) == 0 {
			return errors.New("the broker sent no certificate")
		}
		inter := x509.NewCertPool()
		for _, c := range cs.PeerCertificates[1:] {
			inter.AddCert(c)
		}
		_, err := cs.PeerCertificates[0].Verify(x509.VerifyOptions{Roots: roots, Intermediates: inter})
		return err
	}
}
