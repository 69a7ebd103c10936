package model

import (
	"crypto/sha256"
	"encoding/hex"
	"regexp"
)

// positionRe matches ":line" and ":line:col" after a path in messages, so
// fingerprints survive lines moving.
var positionRe = regexp.MustCompile(`(\.[A-Za-z]+):\d+(:\d+)?`)

// Fingerprint identifies a finding independently of its line and column:
// the rule, the file and the message with positions removed. The message
// names the service or key and the value, so the fingerprint changes when
// they do and survives unrelated edits above the finding.
func Fingerprint(f Finding) string {
	h := sha256.New()
	h.Write([]byte(f.RuleID))
	h.Write([]byte{0})
	h.Write([]byte(f.File))
	h.Write([]byte{0})
	h.Write([]byte(positionRe.ReplaceAllString(f.Message, "$1")))
	return hex.EncodeToString(h.Sum(nil))[:32]
}
