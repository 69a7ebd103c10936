package javanum

import (
	"errors"
	"math"
	"testing"
)

func TestParseInt(t *testing.T) {
	cases := []struct {
		in   string
		bits int
		want int64
		err  error
	}{
		{"42", 32, 42, nil}, {"+1", 32, 1, nil}, {"-0", 32, 0, nil}, {"-2147483648", 32, math.MinInt32, nil},
		{"2147483648", 32, 0, ErrRange}, {"9223372036854775807", 64, math.MaxInt64, nil},
		{"9999999999999999999999", 64, 0, ErrRange}, {"32768", 16, 0, ErrRange},
		{"", 32, 0, ErrSyntax}, {"+", 32, 0, ErrSyntax}, {" 1", 32, 0, ErrSyntax}, {"1_000", 32, 0, ErrSyntax},
		{"0x10", 32, 0, ErrSyntax}, {"1e6", 32, 0, ErrSyntax}, {"1.0", 32, 0, ErrSyntax}, {"24h", 32, 0, ErrSyntax},
		{"NaN", 32, 0, ErrSyntax}, {"١٢", 32, 0, ErrSyntax},
	}
	for _, c := range cases {
		n, err := ParseInt(c.in, c.bits)
		if n != c.want || !errors.Is(err, c.err) {
			t.Errorf("ParseInt(%q, %d) = %d, %v; want %d, %v", c.in, c.bits, n, err, c.want, c.err)
		}
	}
}

func TestParseDouble(t *testing.T) {
	ok := map[string]float64{
		"1": 1, " 1.5 ": 1.5, ".5": 0.5, "5.": 5, "-0": 0, "1e6": 1e6, "1E-3": 1e-3, "2d": 2, "2.5F": 2.5,
		"+1": 1, "0x1p4": 16, "1e-400": 0, "\t3\n": 3,
	}
	for in, want := range ok {
		if f, err := ParseDouble(in); err != nil || f != want {
			t.Errorf("ParseDouble(%q) = %v, %v; want %v", in, f, err, want)
		}
	}
	for in, inf := range map[string]int{"Infinity": 1, "-Infinity": -1, "+Infinity": 1, "1e400": 1, "-1e400": -1} {
		if f, err := ParseDouble(in); err != nil || !math.IsInf(f, inf) {
			t.Errorf("ParseDouble(%q) = %v, %v; want infinity %d", in, f, err, inf)
		}
	}
	if f, err := ParseDouble("NaN"); err != nil || !math.IsNaN(f) || Finite(f) {
		t.Errorf("ParseDouble(NaN) = %v, %v", f, err)
	}
	for _, in := range []string{"", "abc", "24h", "nan", "inf", "infinity", "1_000", "0x10", "1e", "e5", ".", "1..2", "1.5.2", "--1", "10MB", `"3"`} {
		if f, err := ParseDouble(in); !errors.Is(err, ErrSyntax) {
			t.Errorf("ParseDouble(%q) = %v, %v; want a syntax error", in, f, err)
		}
	}
}

func TestParseBool(t *testing.T) {
	for in, want := range map[string]bool{"true": true, "TRUE": true, "False": false} {
		if b, err := ParseBool(in); err != nil || b != want {
			t.Errorf("ParseBool(%q) = %v, %v", in, b, err)
		}
	}
	for _, in := range []string{"", "yes", "1", "on", " true", `"true"`} {
		if _, err := ParseBool(in); err == nil {
			t.Errorf("ParseBool(%q) accepted", in)
		}
	}
}
