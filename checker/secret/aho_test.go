package secret

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"sort"
	"strings"
	"testing"
)

// naiveReplace is what Mask did before subMatcher: each distinctive
// secret in turn, longest first, replaced everywhere.
func naiveReplace(subs []string, s string) string {
	subs = append([]string(nil), subs...)
	sort.SliceStable(subs, func(i, j int) bool { return len(subs[i]) > len(subs[j]) })
	for _, sub := range subs {
		if strings.Contains(s, sub) {
			s = strings.ReplaceAll(s, sub, Marker)
		}
	}
	return s
}

// TestSubMatcherReplacesAsEachInTurn: on secrets that overlap, contain
// each other, share suffixes, or hold the marker's characters (so that a
// replacement makes another appear), the one-pass matcher replaces
// exactly what replacing each secret in turn does.
func TestSubMatcherReplacesAsEachInTurn(t *testing.T) {
	fixed := []struct {
		subs []string
		in   string
	}{
		{[]string{"w2e3r4t5y6", "Q1w2e3"}, "Q1w2e3r4t5y6"},
		{[]string{"abc-12", "bc-12x", "c-12xy"}, "zabc-12xyz abc-12"},
		{[]string{"pa55-1", "pa55-12", "a55-123"}, "pa55-123 pa55-12 pa55-1"},
		{[]string{"Secret-1", "<redacted> tail-1"}, "Secret-1 tail-1"},
		{[]string{"Xy-1234", "d> Z-99"}, "Xy-1234> Z-99"},
	}
	for _, c := range fixed {
		if got, want := newSubMatcher(c.subs).replace(c.in), naiveReplace(c.subs, c.in); got != want {
			t.Errorf("subs %q on %q: %q, want %q", c.subs, c.in, got, want)
		}
	}
	r := rand.New(rand.NewPCG(1, 2))
	word := func(alphabet string, n int) string {
		b := make([]byte, n)
		for i := range b {
			b[i] = alphabet[r.IntN(len(alphabet))]
		}
		return string(b)
	}
	for i := range 2000 {
		alphabet := "ab1-<>d"
		var subs []string // distinct, as Add keeps them
		for range 1 + r.IntN(6) {
			if w := word(alphabet, 1+r.IntN(8)); !slices.Contains(subs, w) {
				subs = append(subs, w)
			}
		}
		in := word(alphabet+"redacted", r.IntN(40))
		if got, want := newSubMatcher(subs).replace(in), naiveReplace(subs, in); got != want {
			t.Fatalf("case %d: subs %q on %q: %q, want %q", i, subs, in, got, want)
		}
	}
}

// BenchmarkMask masks a string with n and 10n distinct secrets known:
// the cost follows the string's length, not the number of secrets.
func BenchmarkMask(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			var m Masker
			for i := range n {
				m.Add(fmt.Sprintf("Br0ker-%d-s3cret", i))
			}
			s := `org.apache.kafka.common.security.scram.ScramLoginModule required username="broker-7" password="<redacted>";`
			for b.Loop() {
				_ = m.Mask(s)
			}
		})
	}
}

// TestFindAllSkipsOnlyWhatCannotMatch: findAll returns every match of
// paramRe, and every match of quotedRe whose name IsName accepts.
func TestFindAllSkipsOnlyWhatCannotMatch(t *testing.T) {
	inputs := []string{
		`jdbc:x?user=a&PassWord=p-1`, `a;ſig=abc`, `x ?toKEN=abc`, "tok\u212Aen=abc", `Api_Key=1 SIG=2`,
		`"ssl.keystore.password": "x"`, `"kafka-1", "kafka-2"`, `password="hunter-2"`, `AUTH="x"`,
		`"SASL_JAAS_CONFIG" -> "y"`, `user_info: 'u:p'`, `a.b.c = "d"`, `"client.secret", "s"`,
	}
	for _, s := range inputs {
		if got, want := fmt.Sprint(findAll(paramRe, s, paramWords)), fmt.Sprint(paramRe.FindAllStringSubmatchIndex(s, -1)); got != want {
			t.Errorf("paramRe on %q: %s, want %s", s, got, want)
		}
		named := func(ms [][]int) (out [][]int) {
			for _, m := range ms {
				if IsName(s[m[2]:m[3]]) {
					out = append(out, m)
				}
			}
			return out
		}
		if got, want := fmt.Sprint(named(findAll(quotedRe, s, nameWords))), fmt.Sprint(named(quotedRe.FindAllStringSubmatchIndex(s, -1))); got != want {
			t.Errorf("quotedRe on %q: %s, want %s", s, got, want)
		}
	}
}
