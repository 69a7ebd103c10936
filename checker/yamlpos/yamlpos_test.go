package yamlpos

import (
	"errors"
	"strings"
	"testing"
)

func TestPathThroughAnchorsAndMerges(t *testing.T) {
	src := `x-env: &env
  A: "1"
  B: 2
x-more: &more
  C: 3
services:
  s:
    environment:
      <<: [*env, *more]
      B: local
  t:
    environment: *env
  u:
    environment:
      - A=1
      - "B=two"
      - C
`
	d, err := Parse([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		path []string
		want Pos
	}{
		{[]string{"services", "s", "environment", "A"}, Pos{2, 6}},
		{[]string{"services", "s", "environment", "B"}, Pos{10, 10}},
		{[]string{"services", "s", "environment", "C"}, Pos{5, 6}},
		{[]string{"services", "t", "environment", "B"}, Pos{3, 6}},
	}
	for _, c := range cases {
		n := d.Path(c.path...)
		if got := PosOf(n); got != c.want {
			t.Errorf("%s: %v, want %v", strings.Join(c.path, "."), got, c.want)
		}
	}
	env := d.Path("services", "u", "environment")
	for key, want := range map[string]Pos{"A": {15, 11}, "B": {16, 12}, "C": {17, 9}} {
		n, p := ListEntry(env, key)
		if n == nil || p != want {
			t.Errorf("list %s: %v, want %v", key, p, want)
		}
	}
	if got := mapKeys(d.Path("services", "s", "environment")); strings.Join(got, ",") != "B,A,C" {
		t.Errorf("keys %v", got)
	}
}

func TestAliasBombIsCheap(t *testing.T) {
	var b strings.Builder
	b.WriteString("a: &a [\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"]\n")
	prev := "a"
	for _, name := range []string{"b", "c", "d", "e", "f", "g", "h", "i"} {
		b.WriteString(name + ": &" + name + " [")
		for i := 0; i < 9; i++ {
			if i > 0 {
				b.WriteString(",")
			}
			b.WriteString("*" + prev)
		}
		b.WriteString("]\n")
		prev = name
	}
	d, err := Parse([]byte(b.String()))
	if err != nil {
		t.Skipf("parser refused the bomb: %v", err)
	}
	if n := d.Path("i"); n == nil {
		t.Fatal("no i")
	}
	if k, _ := MapEntry(d.Root(), "nope"); k != nil {
		t.Fatal("found a missing key")
	}
}

func TestSyntaxErrorHasLine(t *testing.T) {
	_, err := Parse([]byte("services:\n  a:\n\timage: x\n"))
	var se *SyntaxError
	if !errors.As(err, &se) || se.Line != 3 {
		t.Fatalf("err = %#v", err)
	}
}

func TestEmptyDocument(t *testing.T) {
	for _, src := range []string{"", "# only a comment\n", "---\n"} {
		d, err := Parse([]byte(src))
		if err != nil {
			t.Errorf("%q: %v", src, err)
			continue
		}
		if d.Path("services") != nil {
			t.Errorf("%q: found services", src)
		}
	}
}

// TestParseRejectsNonUTF8: yaml.v3 decodes a UTF-16 stream (a byte order
// mark), whose positions are not the bytes'; Parse refuses any input that
// is not UTF-8, at the line of the first bad byte.
func TestParseRejectsNonUTF8(t *testing.T) {
	t.Parallel()
	for src, line := range map[string]int{"\xff\xfe0\x000\x00": 1, "a: 1\nb: \xc3\n": 2} {
		_, err := Parse([]byte(src))
		var se *SyntaxError
		if !errors.As(err, &se) || se.Line != line {
			t.Errorf("Parse(%q) = %v, want a syntax error at line %d", src, err, line)
		}
	}
}
