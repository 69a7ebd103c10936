package config

import "testing"

// TestParamsMustBeFinite: .nan and .inf are YAML floats but no parameter
// value (found by FuzzParse: NaN was accepted, and int64(NaN) is garbage).
func TestParamsMustBeFinite(t *testing.T) {
	t.Parallel()
	for _, v := range []string{".nan", "nAn", ".inf", "-.Inf"} {
		if _, err := Parse("c.yaml", []byte("params:\n  capacity.avg_record_bytes: "+v+"\n")); err == nil {
			t.Errorf("%s accepted", v)
		}
	}
}

// TestEmptyDocument: "---" alone is an empty configuration, not an
// error placed on a line the file does not have (found by FuzzParse).
func TestEmptyDocument(t *testing.T) {
	t.Parallel()
	for _, src := range []string{"---", "---\n", "~\n", "null"} {
		if _, err := Parse("c.yaml", []byte(src)); err != nil {
			t.Errorf("%q: %v", src, err)
		}
	}
	if _, err := Parse("c.yaml", []byte("- a\n")); err == nil {
		t.Error("a list accepted")
	}
}
