package yamlpos

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

// mergeBomb is 3^depth paths through "<<" merge keys to one mapping.
func mergeBomb(depth int) string {
	var b strings.Builder
	b.WriteString("a0: &a0 {x: 1}\n")
	for i := 1; i <= depth; i++ {
		fmt.Fprintf(&b, "a%d: &a%d {<<: [*a%d, *a%d, *a%d]}\n", i, i, i-1, i-1, i-1)
	}
	fmt.Fprintf(&b, "services:\n  s:\n    <<: [*a%d, *a%d]\n    image: x\n", depth, depth)
	return b.String()
}

// TestMergeKeyBomb: lookups through merge keys that name the same anchor
// several times at every level visit each mapping once (found by the
// fuzzer: 3^30 paths never finished). Bounded by construction: with the
// old walk this test does not end.
func TestMergeKeyBomb(t *testing.T) {
	t.Parallel()
	if _, err := Parse([]byte(mergeBomb(30))); err == nil || !strings.Contains(err.Error(), "alias bomb") {
		t.Errorf("Parse: %v, want the alias budget error", err)
	}
	d, err := parseStream([]byte(mergeBomb(30))) // the lookups, past the budget
	if err != nil {
		t.Fatal(err)
	}
	svc := d.Path("services", "s")
	if k, _ := MapEntry(svc, "missing"); k != nil {
		t.Error("found a missing key")
	}
	if k, v := MapEntry(svc, "x"); k == nil || v.Value != "1" || k.Line != 1 {
		t.Errorf("x through the merges: %v %v", k, v)
	}
	if keys := mapKeys(svc); strings.Join(keys, ",") != "image,x" {
		t.Errorf("keys %v", keys)
	}
}

// TestAliasExpansionBudget: 20,000 aliases of one 500 KB scalar (an
// 829 KB file, 10 GB once compose-go expands it; it ran past 30 s and
// 4 GB) is an error at the alias that crosses the budget, found in one
// pass; anchors shared by services as real files use them pass.
func TestAliasExpansionBudget(t *testing.T) {
	t.Parallel()
	var b strings.Builder
	b.WriteString("x-big: &big \"" + strings.Repeat("a", 500_000) + "\"\nservices:\n  s:\n    image: x\n    labels:\n")
	for i := range 20_000 {
		fmt.Fprintf(&b, "      l%d: *big\n", i)
	}
	_, err := Parse([]byte(b.String()))
	var se *SyntaxError
	if !errors.As(err, &se) || se.Line != 6+MaxAliasExpansion/500_002 || !strings.Contains(se.Msg, "alias *big") {
		t.Fatalf("got %v", err)
	}
	var ok strings.Builder
	ok.WriteString("x-common: &common\n  image: x\n  environment:\n    A: \"" + strings.Repeat("v", 2000) + "\"\nservices:\n")
	for i := range 200 {
		fmt.Fprintf(&ok, "  s%d:\n    <<: *common\n", i)
	}
	if _, err := Parse([]byte(ok.String())); err != nil {
		t.Errorf("200 services sharing an anchor: %v", err)
	}
}

// TestMultiDocument: every document of a stream is kept, in order.
func TestMultiDocument(t *testing.T) {
	t.Parallel()
	d, err := Parse([]byte("a: 1\n---\n---\nb: 2\n"))
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Roots()) != 2 || len(d.Docs()) != 2 || d.Docs()[1].Path("b").Line != 4 {
		t.Errorf("roots %d", len(d.Roots()))
	}
}
