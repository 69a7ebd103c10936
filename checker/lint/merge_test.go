package lint_test

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/streamlint/streamlint/bench/corpus"
)

// TestMergedMessagesAreBounded: brokers that share a setting through one
// YAML anchor give one finding per rule at the anchor's line, whose
// message quotes at most ten brokers' sentences and counts the rest
// (before: 5,000 brokers made one KAF015 message of 2.3 MB).
func TestMergedMessagesAreBounded(t *testing.T) {
	for _, tt := range []struct {
		brokers int
		more    string // the count, "" when every sentence is quoted
	}{
		{brokers: 3},
		{brokers: 10},
		{brokers: 11, more: "; and 1 more findings of this rule at this line"},
		{brokers: 40, more: "; and 30 more findings of this rule at this line"},
	} {
		t.Run(fmt.Sprint(tt.brokers), func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "cluster")
			if err := corpus.Brokers(dir, tt.brokers); err != nil {
				t.Fatal(err)
			}
			_, rep := runDir(t, dir)
			var found bool
			for _, f := range rep.Findings {
				if f.RuleID != "KAF015" {
					continue
				}
				found = true
				quoted := strings.Count(f.Message, "auto.create.topics.enable is true")
				if want := min(tt.brokers, 10); quoted != want {
					t.Errorf("%d sentences quoted, want %d", quoted, want)
				}
				if tt.more == "" && strings.Contains(f.Message, "more findings") {
					t.Errorf("message counts findings it could quote: %.300s", f.Message)
				}
				if tt.more != "" && !strings.HasSuffix(f.Message, tt.more) {
					t.Errorf("message does not end with %q: ...%s", tt.more, f.Message[max(0, len(f.Message)-200):])
				}
			}
			if !found {
				t.Fatal("no KAF015 finding")
			}
		})
	}
}
