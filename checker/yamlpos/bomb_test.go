package yamlpos

import (
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
	d, err := Parse([]byte(mergeBomb(30)))
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
