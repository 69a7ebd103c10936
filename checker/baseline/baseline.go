// Package baseline lets a repository adopt streamlint without fixing
// everything first: a baseline file records today's findings by
// fingerprint, and later runs report only findings that are not in it.
// Entries may carry an expiry date after which they fail again.
package baseline

import (
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"time"

	"github.com/streamlint/streamlint/checker/model"
	"github.com/streamlint/streamlint/checker/secret"
	"github.com/streamlint/streamlint/internal/safefile"
)

// Version of the baseline file format.
const Version = 1

// File is a baseline file.
type File struct {
	Version  int     `json:"version"`
	Findings []Entry `json:"findings"`
}

// Entry is one recorded finding.
type Entry struct {
	Fingerprint string `json:"fingerprint"`
	RuleID      string `json:"rule_id"`
	File        string `json:"file"`
	Message     string `json:"message"`
	// Expires (YYYY-MM-DD, optional): from that day on the finding is
	// reported again.
	Expires string `json:"expires,omitempty"`
}

// New records findings (suppressed ones excluded).
func New(fs []model.Finding) *File {
	b := &File{Version: Version, Findings: []Entry{}}
	for _, f := range fs {
		if f.Suppressed != nil {
			continue
		}
		// the fingerprint is of the message as reported (already masked);
		// the message written is redacted once more, as every output is
		b.Findings = append(b.Findings, Entry{Fingerprint: model.Fingerprint(f), RuleID: f.RuleID, File: f.File, Message: secret.Redact(f.Message)})
	}
	sort.Slice(b.Findings, func(i, j int) bool {
		a, c := b.Findings[i], b.Findings[j]
		if a.File != c.File {
			return a.File < c.File
		}
		if a.RuleID != c.RuleID {
			return a.RuleID < c.RuleID
		}
		return a.Fingerprint < c.Fingerprint
	})
	return b
}

// Write writes the baseline as indented JSON.
func (b *File) Write(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(b)
}

// MaxSize is the largest baseline file read (about 200,000 entries).
const MaxSize = 64 << 20

// Load reads a baseline file (through safefile: a FIFO, a device or a
// link into /proc is refused, not opened).
func Load(path string) (*File, error) {
	data, err := safefile.Read(path, MaxSize)
	if err != nil {
		return nil, fmt.Errorf("baseline %s: %s", path, safefile.Message(err))
	}
	var b File
	if err := json.Unmarshal(data, &b); err != nil {
		return nil, fmt.Errorf("baseline %s: %w", path, err)
	}
	if b.Version != Version {
		return nil, fmt.Errorf("baseline %s: version %d, this streamlint reads version %d", path, b.Version, Version)
	}
	for _, e := range b.Findings {
		if e.Expires == "" {
			continue
		}
		if _, err := time.Parse(time.DateOnly, e.Expires); err != nil {
			return nil, fmt.Errorf("baseline %s: %s %s: expires %q is not YYYY-MM-DD", path, e.RuleID, e.File, e.Expires)
		}
	}
	return &b, nil
}

// Apply marks findings recorded in the baseline (and not expired on
// today) as suppressed. Each entry silences one finding.
func (b *File) Apply(fs []model.Finding, today time.Time, path string) {
	left := map[string]int{}
	expired := map[string]bool{}
	for _, e := range b.Findings {
		if e.Expires != "" {
			if d, err := time.Parse(time.DateOnly, e.Expires); err == nil && !today.Before(d) {
				expired[e.Fingerprint] = true
				continue
			}
		}
		left[e.Fingerprint]++
	}
	for i := range fs {
		if fs[i].Suppressed != nil {
			continue
		}
		fp := model.Fingerprint(fs[i])
		if left[fp] > 0 {
			left[fp]--
			fs[i].Suppressed = &model.Suppression{Kind: "baseline", Reason: "recorded in " + path}
		} else if expired[fp] {
			fs[i].Message += " (its baseline entry has expired)"
		}
	}
}
