package report

import (
	"encoding/json"
	"regexp"
	"slices"
	"testing"
)

func gitlabIssues(t *testing.T, r *Report) []map[string]any {
	t.Helper()
	var issues []map[string]any
	if err := json.Unmarshal(render(t, "gitlab", Options{}, r), &issues); err != nil {
		t.Fatal(err)
	}
	return issues
}

// TestGitLabRequiredFields checks what GitLab needs of every issue.
func TestGitLabRequiredFields(t *testing.T) {
	hex := regexp.MustCompile(`^[0-9a-f]{32}(:[0-9]+)?$`)
	for _, r := range []*Report{sampleReport(), hostileReport()} {
		issues := gitlabIssues(t, r)
		if len(issues) != len(activeFindings(r))+len(r.Errors) {
			t.Fatalf("%d issues", len(issues))
		}
		seen := map[string]bool{}
		for _, is := range issues {
			fp, _ := is["fingerprint"].(string)
			if !hex.MatchString(fp) || seen[fp] {
				t.Errorf("fingerprint %q not hex or not unique", fp)
			}
			seen[fp] = true
			if d, _ := is["description"].(string); d == "" {
				t.Errorf("no description: %v", is)
			}
			if c, _ := is["check_name"].(string); c == "" {
				t.Errorf("no check_name: %v", is)
			}
			if s, _ := is["severity"].(string); !slices.Contains([]string{"info", "minor", "major", "critical", "blocker"}, s) {
				t.Errorf("severity %q", s)
			}
			loc, _ := is["location"].(map[string]any)
			lines, _ := loc["lines"].(map[string]any)
			if p, _ := loc["path"].(string); p == "" {
				t.Errorf("no location.path: %v", is)
			}
			if b, _ := lines["begin"].(float64); b < 1 {
				t.Errorf("location.lines.begin %v", lines["begin"])
			}
		}
	}
}

func TestGitLabFingerprintsStable(t *testing.T) {
	prints := func(r *Report) []string {
		var fps []string
		for _, is := range gitlabIssues(t, r) {
			fps = append(fps, is["fingerprint"].(string))
		}
		return fps
	}
	before := prints(sampleReport())
	if after := prints(shifted(sampleReport(), 3)); !slices.Equal(before, after) {
		t.Errorf("fingerprints changed with a line shift:\n%v\n%v", before, after)
	}
	r := sampleReport()
	r.Findings[1].Message = "something else entirely"
	if after := prints(r); slices.Equal(before, after) {
		t.Error("fingerprints ignore the message")
	}
}
