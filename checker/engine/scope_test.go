package engine

import (
	"context"
	"strings"
	"testing"
)

// TestScopeMetadata: custom.scope reaches the rule's metadata, and a value
// other than repository or cluster is a load error naming the rule.
func TestScopeMetadata(t *testing.T) {
	cases := []struct {
		scope   string
		want    string
		wantErr string
	}{
		{"", "", ""},
		{"repository", "repository", ""},
		{"cluster", "cluster", ""},
		{"live", "", `custom.scope "live" is not repository or cluster`},
	}
	for _, tc := range cases {
		m := rule("TST002", `deny contains f if { false; f := 1 }`)
		if tc.scope != "" {
			m.Source = []byte(strings.Replace(string(m.Source), "#   severity: warning\n", "#   severity: warning\n#   scope: "+tc.scope+"\n", 1))
		}
		e, err := New(context.Background(), []Module{{Path: "policies/lib.rego", Source: []byte(lib)}, m}, Options{})
		if tc.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) || !strings.Contains(err.Error(), "TST002") {
				t.Errorf("scope %q: error %v, want %q", tc.scope, err, tc.wantErr)
			}
			continue
		}
		if err != nil {
			t.Fatalf("scope %q: %v", tc.scope, err)
		}
		if got := e.Rules()[0].Scope; got != tc.want {
			t.Errorf("scope %q: Rule.Scope %q, want %q", tc.scope, got, tc.want)
		}
	}
}
