package kafka

import (
	"errors"
	"strconv"
	"strings"
	"testing"

	"github.com/streamlint/streamlint/internal/fuzzseed"
)

// FuzzValues: Kafka's integer, boolean and duration parsers. An integer
// that parses prints back to the same number and is the trimmed text's
// value; a boolean prints back to itself; a duration in ms reads back
// from log.retention.ms (or segment.ms) as the same number of ms.
func FuzzValues(f *testing.F) {
	for _, s := range []string{"168", " 1073741824 ", "-1", "+5", "10MB", "1e6", "1.5", "1_000", `"3"`, "true", "FALSE", "yes", "9223372036854775807", "-9223372036854775808", "\t7\n"} {
		f.Add(s, uint8(0))
		f.Add(s, uint8(3))
	}
	keys := []string{"log.retention.ms", "log.retention.minutes", "log.retention.hours", "log.roll.ms", "log.roll.hours", "segment.ms", "segment.jitter.ms", "retention.ms", "num.partitions"}
	f.Fuzz(func(t *testing.T, s string, pick uint8) {
		fuzzseed.Count()
		if n, err := ParseInt(s); err == nil {
			text := strconv.FormatInt(n, 10)
			if back, err := ParseInt(text); err != nil || back != n {
				t.Fatalf("ParseInt(%q) = %d; printed as %q it reads back as %d, %v", s, n, text, back, err)
			}
			if want, err := strconv.ParseInt(javaTrim(s), 10, 64); err != nil || want != n {
				t.Fatalf("ParseInt(%q) = %d, the trimmed text says %d, %v", s, n, want, err)
			}
		} else if ve := (*ValueError)(nil); !errors.As(err, &ve) {
			t.Fatalf("ParseInt(%q): error %T is not a *ValueError", s, err)
		}
		if b, err := ParseBool(s); err == nil {
			if back, err := ParseBool(strconv.FormatBool(b)); err != nil || back != b {
				t.Fatalf("ParseBool(%q) = %v does not read back", s, b)
			}
		}
		key := keys[int(pick)%len(keys)]
		ms, ok := DurationMS(key, s)
		if !ok {
			return
		}
		if key == "num.partitions" {
			t.Fatalf("DurationMS accepts %s", key)
		}
		target := "segment.ms"
		if strings.Contains(key, "retention") {
			if ms < 0 && ms != -1 {
				t.Fatalf("DurationMS(%s, %q) = %d: a negative retention is not -1", key, s, ms)
			}
			target = "log.retention.ms"
		}
		if back, ok := DurationMS(target, strconv.FormatInt(ms, 10)); !ok || back != ms {
			t.Fatalf("DurationMS(%s, %q) = %d; as %s it reads back as %d, %v", key, s, ms, target, back, ok)
		}
	})
}
