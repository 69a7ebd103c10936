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
