package secret

import (
	"strings"
	"testing"

	"github.com/streamlint/streamlint/internal/fuzzseed"
)

// FuzzRedact: judging and redacting any text. Find's spans lie inside the
// value, sorted and apart; Redact is idempotent and leaves nothing Find
// recognises; a distinctive secret given to a Masker is never in what it
// masks.
func FuzzRedact(f *testing.F) {
	for _, s := range []string{
		"SASL_SSL://admin:pw-1@kafka:9093,PLAINTEXT://kafka:9092", "zkuser:zk-pw@zookeeper:2181/chroot",
		"jdbc:postgresql://db/app?user=a&password=p-1&ssl=true", `org.apache.kafka.common.security.plain.PlainLoginModule required username="a" password="p" user_b="c";`,
		"-Djavax.net.ssl.trustStorePassword=ts -Dx=y", "-----BEGIN PRIVATE KEY-----\nMII\n-----END PRIVATE KEY-----",
		`options(password="x", user='y')`, "User:alice@EXAMPLE.COM", "a:b@c@d", "://:@", "=;=&=",
	} {
		f.Add(s, "KAFKA_SASL_JAAS_CONFIG", "Distinct-Pw-1")
	}
	for _, data := range fuzzseed.Files(".yml", ".yaml", ".properties", ".conf") {
		for _, line := range strings.Split(string(data), "\n") {
			if strings.ContainsAny(line, "@=") {
				f.Add(line, "value", "Distinct-Pw-1")
			}
		}
	}
	f.Fuzz(func(t *testing.T, value, name, secret string) {
		fuzzseed.Count()
		end := 0
		for _, s := range Find(value) {
			if s.Start < end || s.End <= s.Start || s.End > len(value) {
				t.Fatalf("Find(%q): span %+v out of order or bounds", value, s)
			}
			end = s.End
		}
		j := Judge(name, value)
		if j.Secret != (j.Whole || len(j.Spans) > 0) {
			t.Fatalf("Judge(%q, %q) = %+v: inconsistent", name, value, j)
		}
		_ = j.Parts(value)
		r := Redact(value)
		if rr := Redact(r); rr != r {
			t.Fatalf("Redact is not idempotent on %q: %q then %q", value, r, rr)
		}
		if spans := Find(r); len(spans) > 0 {
			t.Fatalf("Redact(%q) = %q still holds %q", value, r, r[spans[0].Start:spans[0].End])
		}
		var m Masker
		m.Add(secret)
		s := strings.TrimSpace(secret)
		if out := m.Mask(value); Distinctive(s) && !strings.Contains(Marker, s) && strings.Contains(out, s) {
			t.Fatalf("Mask(%q) = %q still holds the secret %q", value, out, s)
		}
	})
}
