package baseline

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/streamlint/streamlint/checker/model"
)

func f(rule, file string, line int, msg string) model.Finding {
	return model.Finding{RuleID: rule, Message: msg, Location: model.Location{File: file, Line: line, Column: 3}}
}

func TestBaselineSurvivesLineShifts(t *testing.T) {
	old := []model.Finding{
		f("KAF002", "compose.yaml", 3, `broker "kafka": log.retention.bytes is -1 (set at compose.yaml:9)`),
		f("KAF005", "compose.yaml", 3, `broker "kafka": num.partitions=1`),
	}
	var buf bytes.Buffer
	if err := New(old).Write(&buf); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "baseline.json")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	b, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	// two lines were added above: positions move, fingerprints do not
	now := []model.Finding{
		f("KAF002", "compose.yaml", 5, `broker "kafka": log.retention.bytes is -1 (set at compose.yaml:11)`),
		f("KAF005", "compose.yaml", 5, `broker "kafka": num.partitions=1`),
		f("KAF005", "compose.yaml", 20, `broker "kafka-2": num.partitions=1`), // new
	}
	b.Apply(now, time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC), "baseline.json")
	if now[0].Suppressed == nil || now[1].Suppressed == nil {
		t.Errorf("shifted findings not matched: %+v %+v", now[0].Suppressed, now[1].Suppressed)
	}
	if now[2].Suppressed != nil {
		t.Error("a new finding was baselined")
	}
}

func TestExpiry(t *testing.T) {
	fs := []model.Finding{f("KAF001", "c.yml", 1, "x")}
	b := New(fs)
	b.Findings[0].Expires = "2026-12-01"
	before := []model.Finding{f("KAF001", "c.yml", 1, "x")}
	b.Apply(before, time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC), "b.json")
	if before[0].Suppressed == nil {
		t.Error("not suppressed before expiry")
	}
	after := []model.Finding{f("KAF001", "c.yml", 1, "x")}
	b.Apply(after, time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC), "b.json")
	if after[0].Suppressed != nil {
		t.Error("still suppressed on the expiry day")
	}
}

func TestLoadRejectsBadFiles(t *testing.T) {
	dir := t.TempDir()
	for name, body := range map[string]string{
		"garbage.json": "{",
		"version.json": `{"version": 9, "findings": []}`,
		"date.json":    `{"version": 1, "findings": [{"fingerprint": "x", "rule_id": "KAF001", "file": "c", "message": "m", "expires": "next week"}]}`,
	} {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := Load(p); err == nil {
			t.Errorf("%s accepted", name)
		}
	}
}
