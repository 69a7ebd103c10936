package lint_test

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestSecretSharedThroughAnAnchor: a secret that several services get from
// one YAML anchor is one finding where it is written, naming the
// services, with each service as a related location (before: one finding
// per service, merged into one message that repeated the sentence).
func TestSecretSharedThroughAnAnchor(t *testing.T) {
	dir := filepath.Join(repoRoot(t), "fixtures", "rules", "SEC001", "bad", "anchor")
	_, rep := runDir(t, dir)
	var n int
	for _, f := range rep.Findings {
		if f.RuleID != "SEC001" {
			continue
		}
		n++
		if strings.Count(f.Message, "written literally") != 1 {
			t.Errorf("message repeats itself: %s", f.Message)
		}
		if !strings.Contains(f.Message, `shared by services "airflow-scheduler", "airflow-webserver", "airflow-worker"`) {
			t.Errorf("message does not name the services: %s", f.Message)
		}
		if len(f.Related) != 3 {
			t.Errorf("related = %+v, want the 3 services", f.Related)
		}
	}
	if n != 1 {
		t.Errorf("%d SEC001 findings, want 1", n)
	}
}
