package spark

import (
	"errors"
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/streamlint/streamlint/internal/fuzzseed"
)

// TestByteStringAs follows JavaUtils.byteStringAs case by case; the
// comments name the rule of Spark's size syntax each group of rows checks.
func TestByteStringAs(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in, unit string
		want     int64
		err      string // substring of the error; "" means valid
	}{
		// suffixes, binary, any case
		{"2g", "MiB", 2048, ""},
		{"2G", "MiB", 2048, ""},
		{"2Gb", "MiB", 2048, ""},
		{"2GB", "MiB", 2048, ""},
		{"2gb", "MiB", 2048, ""},
		{"1b", "B", 1, ""},
		{"1k", "B", 1024, ""},
		{"1kb", "B", 1024, ""},
		{"1m", "B", 1 << 20, ""},
		{"1mb", "B", 1 << 20, ""},
		{"1g", "B", 1 << 30, ""},
		{"1t", "B", 1 << 40, ""},
		{"1tb", "B", 1 << 40, ""},
		{"1p", "B", 1 << 50, ""},
		{"1pb", "B", 1 << 50, ""},
		{"2560m", "MiB", 2560, ""},
		{" 4g ", "MiB", 4096, ""}, // trimmed
		{"007m", "MiB", 7, ""},
		// invalid
		{"2gib", "MiB", 0, `invalid suffix "gib"`},
		{"2 g", "MiB", 0, "not a size"},
		{"2 GB", "MiB", 0, "not a size"},
		{"2gig", "MiB", 0, `invalid suffix "gig"`},
		{"2e9", "B", 0, "not a size"},
		{"1,024m", "MiB", 0, "not a size"},
		{"1_024m", "MiB", 0, "not a size"},
		{"", "MiB", 0, "not a size"},
		{"g", "MiB", 0, "not a size"},
		{"-1", "B", 0, "not a size"}, // no sign in the raw parser
		{"+1", "B", 0, "not a size"},
		// fractions
		{"1.5g", "MiB", 0, "fractional"},
		{"0.5", "MiB", 0, "fractional"},
		{"1.g", "MiB", 0, "not a size"},
		// suffix-less values in the caller's unit
		{"2048", "MiB", 2048, ""},
		{"2048", "B", 2048, ""},
		{"32", "KiB", 32, ""},
		// truncation to a larger unit, multiplication to a smaller
		{"512k", "MiB", 0, ""},
		{"1536k", "MiB", 1, ""},
		{"1g", "MiB", 1024, ""},
		{"1g", "KiB", 1 << 20, ""},
		{"1023b", "KiB", 0, ""},
		{"9223372036854775807", "B", math.MaxInt64, ""},
		{"9223372036854775808", "B", 0, "out of range"},
		{"8388608t", "B", 0, "exceeds"},
		{"8388607t", "B", 8388607 << 40, ""},
		// Java lower-cases the KELVIN SIGN to an ASCII k
		{"2\u212A", "B", 2048, ""},
		{"2\u212Ab", "B", 2048, ""},
		// unit spellings
		{"1", "m", 1, ""},
		{"1", "g", 1, ""},
		{"1", "b", 1, ""},
	}
	for _, tt := range tests {
		to, err := parseByteUnit(tt.unit)
		if err != nil {
			t.Fatal(err)
		}
		got, err := byteStringAs(tt.in, to)
		checkValue(t, "byteStringAs("+tt.in+", "+tt.unit+")", got, err, tt.want, tt.err)
	}
}

func checkValue[T comparable](t *testing.T, name string, got T, err error, want T, wantErr string) {
	t.Helper()
	switch {
	case wantErr == "" && err != nil:
		t.Errorf("%s: unexpected error %v", name, err)
	case wantErr != "" && err == nil:
		t.Errorf("%s = %v, want error containing %q", name, got, wantErr)
	case wantErr != "" && !strings.Contains(err.Error(), wantErr):
		t.Errorf("%s: error %q, want it to contain %q", name, err, wantErr)
	case wantErr == "" && got != want:
		t.Errorf("%s = %v, want %v", name, got, want)
	}
}

func TestParseBytes(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in, unit string
		want     int64
		err      string
	}{
		// the executor memory is a MiB key
		{"2g", "MiB", 2 * GiB, ""},
		{"2560m", "MiB", 2560 * MiB, ""},
		{"2048", "MiB", 2048 * MiB, ""}, // the ConfigEntry reading
		{"512k", "MiB", 0, ""},          // truncated to 0 MiB first
		{"1536k", "MiB", 1 * MiB, ""},
		{"1g", "MiB", 1024 * MiB, ""},
		{"32k", "KiB", 32 * KiB, ""},
		{"32", "KiB", 32 * KiB, ""},
		{"64MB", "B", 64 * MiB, ""},
		{"10485760", "B", 10 * MiB, ""},
		// typed bytesConf entries accept a leading '-'
		{"-1", "B", -1, ""},
		{"-1m", "B", -MiB, ""},
		{"--1", "B", 0, "not a size"},
		{" -1", "B", 0, "not a size"}, // the '-' check comes before trimming
		// invalid values SPK006 reports
		{"2 GB", "MiB", 0, "not a size"},
		{"1.5g", "MiB", 0, "fractional"},
		// the brief's unit spellings
		{"2", "m", 2 * MiB, ""},
		{"2", "g", 2 * GiB, ""},
		{"2", "k", 2 * KiB, ""},
		{"2", "b", 2, ""},
		// too many bytes for a long, although Spark's own MiB count fits
		{"9223372036854775807", "MiB", 0, "more bytes"},
		{"8191p", "B", 8191 * PiB, ""},
	}
	for _, tt := range tests {
		got, err := ParseBytes(tt.in, tt.unit)
		checkValue(t, "ParseBytes("+tt.in+", "+tt.unit+")", got, err, tt.want, tt.err)
	}
	if _, err := ParseBytes("1", "furlong"); err == nil {
		t.Error("ParseBytes with an unknown unit: want an error")
	}
	var ve *ValueError
	if _, err := ParseBytes("1.5g", "MiB"); !errors.As(err, &ve) || ve.Value != "1.5g" {
		t.Errorf("ParseBytes(1.5g) error = %#v, want a *ValueError for 1.5g", err)
	}
}

func TestMemoryStringToMB(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		want int64
		err  string
	}{
		{"2048", 0, ""}, // bytes, truncated to MiB
		{"1048576", 1, ""},
		{"2g", 2048, ""},
		{"2560m", 2560, ""},
		{"1G", 1024, ""},
		{"1536k", 1, ""},
		{"1.5g", 0, "fractional"},
	}
	for _, tt := range tests {
		got, err := MemoryStringToMB(tt.in)
		checkValue(t, "MemoryStringToMB("+tt.in+")", got, err, tt.want, tt.err)
	}
}

func TestWorkerMemoryBytes(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		want int64
		err  string
	}{
		// SPARK_WORKER_MEMORY, the incident's 2560m and bitnami's 1G
		{"2560m", 2560 * MiB, ""},
		{"2g", 2 * GiB, ""},
		{"1G", GiB, ""},
		{"2048", 0, "below 1 MiB"}, // a bare number means bytes
		{"1048576", MiB, ""},
		{"1048575", 0, "below 1 MiB"},
		{"0", 0, "below 1 MiB"},
		{"2 g", 0, "not a size"},
		{"-1g", 0, "not a size"},
	}
	for _, tt := range tests {
		got, err := WorkerMemoryBytes(tt.in)
		checkValue(t, "WorkerMemoryBytes("+tt.in+")", got, err, tt.want, tt.err)
	}
}

func TestFormatBytes(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		n    int64
		want string
	}{
		{0, "0b"}, {1, "1b"}, {1024, "1k"}, {1536 * KiB, "1536k"}, {2560 * MiB, "2560m"},
		{2 * GiB, "2g"}, {-MiB, "-1m"}, {PiB, "1p"}, {3 * TiB, "3t"},
	} {
		if got := FormatBytes(tt.n); got != tt.want {
			t.Errorf("FormatBytes(%d) = %q, want %q", tt.n, got, tt.want)
		}
	}
}

func FuzzParseBytes(f *testing.F) {
	for _, s := range []string{"2g", "2560m", "512k", "1536k", "-1", "0", "1.5g", "2 GB", "9223372036854775807", "8191p", "2\u212A"} {
		f.Add(s, "MiB")
		f.Add(s, "B")
		f.Add(s, "KiB")
	}
	f.Fuzz(func(t *testing.T, s, unit string) {
		fuzzseed.Count()
		n, err := ParseBytes(s, unit)
		if err != nil {
			return
		}
		// A value that parses prints back, in its default unit, to the
		// same number of bytes.
		u, uerr := parseByteUnit(unit)
		if uerr != nil {
			t.Fatalf("ParseBytes(%q, %q) succeeded with an unknown unit", s, unit)
		}
		if n%int64(u) != 0 {
			t.Fatalf("ParseBytes(%q, %q) = %d, not a whole number of the default unit", s, unit, n)
		}
		for _, text := range []string{FormatBytes(n), fmtInUnit(n, u)} {
			back, err := ParseBytes(text, unit)
			if err != nil || back != n {
				t.Fatalf("ParseBytes(%q, %q) = %d; printed as %q it reads back as %d, %v", s, unit, n, text, back, err)
			}
		}
	})
}

// fmtInUnit writes n bytes as a bare number of unit u.
func fmtInUnit(n int64, u byteUnit) string {
	return strconv.FormatInt(n/int64(u), 10)
}
