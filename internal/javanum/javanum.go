// Package javanum reads numbers and booleans the way the JVM programs
// streamlint models read them: Kafka's ConfigDef and Spark's ConfigBuilder
// call String.trim() and then Integer.parseInt, Long.parseLong,
// Double.parseDouble or a case-insensitive "true"/"false". It is the one
// place where Go decides what a Java parser accepts, so that the model
// hands policies a typed value (or says why there is none) and no policy
// ever parses a string itself.
package javanum

import (
	"errors"
	"math"
	"strconv"
	"strings"
)

// ErrSyntax: the text is not a number (or boolean) of the asked kind.
var ErrSyntax = errors.New("invalid syntax")

// ErrRange: an integer outside the range of its type.
var ErrRange = errors.New("out of range")

// Trim is String.trim(): every character <= ' ' is removed at both ends.
func Trim(s string) string {
	return strings.TrimFunc(s, func(r rune) bool { return r <= ' ' })
}

// ParseInt is Integer.parseInt (bits 32), Long.parseLong (64) or
// Short.parseShort (16) of s as given (not trimmed): an optional sign and
// ASCII decimal digits; no unit, exponent, fraction, separator or base
// prefix.
func ParseInt(s string, bits int) (int64, error) {
	if !plainInteger(s) {
		return 0, ErrSyntax
	}
	n, err := strconv.ParseInt(s, 10, bits)
	if err != nil {
		return 0, ErrRange // plainInteger leaves only range errors
	}
	return n, nil
}

func plainInteger(s string) bool {
	if s != "" && (s[0] == '+' || s[0] == '-') {
		s = s[1:]
	}
	return s != "" && allDigits(s)
}

// ParseDouble is Double.parseDouble(s) (which trims): an optional sign,
// then NaN, Infinity, a decimal number with an optional exponent or a
// hexadecimal one with a binary exponent, and an optional f, F, d or D
// suffix. The value may be NaN or infinite ("NaN", "-Infinity", "1e400"
// overflows to infinity, as in Java); callers that need a finite number
// use Finite.
func ParseDouble(s string) (float64, error) {
	t := Trim(s)
	neg := false
	body := t
	if body != "" && (body[0] == '+' || body[0] == '-') {
		neg = body[0] == '-'
		body = body[1:]
	}
	switch body {
	case "NaN":
		return math.NaN(), nil
	case "Infinity":
		if neg {
			return math.Inf(-1), nil
		}
		return math.Inf(1), nil
	}
	if n := len(body); n > 0 && strings.IndexByte("fFdD", body[n-1]) >= 0 {
		body = body[:n-1]
	}
	if strings.HasPrefix(body, "0x") || strings.HasPrefix(body, "0X") {
		if strings.Contains(body, "_") || !strings.ContainsAny(body, "pP") {
			return 0, ErrSyntax
		}
	} else if !decimalFloat(body) {
		return 0, ErrSyntax
	}
	f, err := strconv.ParseFloat(body, 64)
	if err != nil && !errors.Is(err, strconv.ErrRange) {
		return 0, ErrSyntax
	}
	if neg {
		f = -f
	}
	return f, nil // ErrRange: +-Inf on overflow, as Java gives
}

// decimalFloat: digits with an optional '.', at least one digit, and an
// optional exponent of digits with an optional sign.
func decimalFloat(s string) bool {
	mant, exp, hasExp := strings.Cut(strings.ToLower(s), "e")
	intPart, frac, _ := strings.Cut(mant, ".")
	if intPart+frac == "" || !digitsOrEmpty(intPart) || !digitsOrEmpty(frac) {
		return false
	}
	if hasExp {
		exp = strings.TrimPrefix(strings.TrimPrefix(exp, "+"), "-")
		if exp == "" || !allDigits(exp) {
			return false
		}
	}
	return true
}

// Finite reports whether f is a number JSON and policies can carry.
func Finite(f float64) bool { return !math.IsNaN(f) && !math.IsInf(f, 0) }

// ParseBool is Kafka's and Scala's toBoolean of s as given: "true" or
// "false" in any letter case.
func ParseBool(s string) (bool, error) {
	switch {
	case strings.EqualFold(s, "true"):
		return true, nil
	case strings.EqualFold(s, "false"):
		return false, nil
	}
	return false, ErrSyntax
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

func digitsOrEmpty(s string) bool { return s == "" || allDigits(s) }
