package kafka

import (
	"errors"
	"strings"
	"testing"
)

func TestParseInt(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		want int64
		hint string // "" means success
	}{
		{"168", 168, ""},
		{" 42\t", 42, ""},
		{"+5", 5, ""},
		{"-1", -1, ""},
		{"9223372036854775807", 9223372036854775807, ""},
		{"9223372036854775808", 0, "out of range"},
		{"10MB", 0, "without units (MB)"},
		{"7d", 0, "without units (d)"},
		{"1e6", 0, "exponent"},
		{"2.197152e+07", 0, "exponent"},
		{"1.5", 0, "whole number"},
		{"1_000", 0, "separators"},
		{`"5"`, 0, "quotes"},
		{"'5'", 0, "quotes"},
		{"", 0, "empty"},
		{"0x10", 0, "units"},
		{"abc", 0, "not an integer"},
	}
	for _, tt := range tests {
		got, err := ParseInt(tt.in)
		if tt.hint == "" {
			if err != nil || got != tt.want {
				t.Errorf("ParseInt(%q) = %d, %v; want %d", tt.in, got, err, tt.want)
			}
			continue
		}
		var ve *ValueError
		if err == nil || !errors.As(err, &ve) || ve.Value != tt.in || !strings.Contains(err.Error(), tt.hint) {
			t.Errorf("ParseInt(%q) error = %v, want one mentioning %q", tt.in, err, tt.hint)
		}
	}
	if n, err := ParseInt("1073741824"); err != nil || n != 1<<30 {
		t.Errorf("ParseBytes = %d, %v", n, err)
	}
}

func TestParseBool(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]bool{"true": true, "TRUE": true, " False ": false, "false": false} {
		if got, err := ParseBool(in); err != nil || got != want {
			t.Errorf("ParseBool(%q) = %v, %v", in, got, err)
		}
	}
	for _, in := range []string{"yes", "1", "on", "", `"true"`, "t"} {
		if _, err := ParseBool(in); err == nil {
			t.Errorf("ParseBool(%q) accepted", in)
		}
	}
	if _, err := ParseBool(`"true"`); err == nil || !strings.Contains(err.Error(), "quotes") {
		t.Errorf("quoted boolean: %v", err)
	}
}

func TestDurationMS(t *testing.T) {
	t.Parallel()
	tests := []struct {
		key, value string
		want       int64
		ok         bool
	}{
		{"log.retention.hours", "168", 604_800_000, true},
		{"log.retention.hours", "24", 86_400_000, true},
		{"log.retention.minutes", "90", 5_400_000, true},
		{"log.retention.ms", "3600000", 3_600_000, true},
		{"log.retention.ms", "-1", -1, true},
		{"log.retention.hours", "-5", -1, true},
		{"retention.ms", "-2", -1, true},
		{"log.roll.hours", "1", 3_600_000, true},
		{"log.roll.ms", "600000", 600_000, true},
		{"log.roll.jitter.hours", "2", 7_200_000, true},
		{"log.roll.jitter.ms", "5", 5, true},
		{"segment.ms", "10", 10, true},
		{"log.roll.hours", "-1", -3_600_000, true}, // invalid for Kafka; Check reports it
		{"log.retention.hours", "7d", 0, false},
		{"log.retention.hours", "9223372036854775807", 0, false},
		{"log.retention.bytes", "1", 0, false},
		{"num.partitions", "3", 0, false},
	}
	for _, tt := range tests {
		got, ok := DurationMS(tt.key, tt.value)
		if got != tt.want || ok != tt.ok {
			t.Errorf("DurationMS(%q, %q) = %d, %v; want %d, %v", tt.key, tt.value, got, ok, tt.want, tt.ok)
		}
	}
}

func TestValueErrorShowsQuotesVerbatim(t *testing.T) {
	t.Parallel()
	for value, want := range map[string]string{
		`"3"`:  "`\"3\"` is not an integer: the quotes are part of the value",
		"10MB": `"10MB" is not an integer`,
		"'5'":  `"'5'" is not an integer: the quotes are part of the value`,
	} {
		_, err := ParseInt(value)
		if err == nil || !strings.HasPrefix(err.Error(), want) {
			t.Errorf("ParseInt(%q) error = %v, want it to start with %s", value, err, want)
		}
	}
}
