package spark

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Sizes as Spark reads them: JavaUtils.byteStringAs and the typed
// bytesConf entries, the standalone worker's memory, and the suffixes to
// write them back.

// Binary size units, in bytes.
const (
	KiB int64 = 1 << 10
	MiB int64 = 1 << 20
	GiB int64 = 1 << 30
	TiB int64 = 1 << 40
	PiB int64 = 1 << 50
)

// byteUnit is one ByteUnit, identified by its multiplier in bytes.
type byteUnit int64

// byteSuffixes are the suffixes JavaUtils.byteStringAs accepts (after lower-casing).
func byteSuffix(s string) (byteUnit, bool) {
	switch s {
	case "b":
		return 1, true
	case "k", "kb":
		return byteUnit(KiB), true
	case "m", "mb":
		return byteUnit(MiB), true
	case "g", "gb":
		return byteUnit(GiB), true
	case "t", "tb":
		return byteUnit(TiB), true
	case "p", "pb":
		return byteUnit(PiB), true
	}
	return 0, false
}

// parseByteUnit reads a default unit as the catalog (B, KiB, MiB, GiB) or a
// Spark suffix (b, k, m, g, kb, ...) writes it, in any case.
func parseByteUnit(u string) (byteUnit, error) {
	l := strings.ToLower(u)
	switch l {
	case "kib":
		return byteUnit(KiB), nil
	case "mib":
		return byteUnit(MiB), nil
	case "gib":
		return byteUnit(GiB), nil
	case "tib":
		return byteUnit(TiB), nil
	case "pib":
		return byteUnit(PiB), nil
	case "byte", "bytes":
		return 1, nil
	}
	if bu, ok := byteSuffix(l); ok {
		return bu, nil
	}
	return 0, fmt.Errorf("unknown size unit %q", u)
}

// convertTo is ByteUnit.convertTo: d in unit from, expressed in unit to.
// Going to a larger unit truncates; going to a smaller one fails on overflow.
func convertBytes(d int64, from, to byteUnit) (int64, bool) {
	if from > to {
		ratio := int64(from / to)
		if math.MaxInt64/ratio < d {
			return 0, false
		}
		return d * ratio, true
	}
	return d / int64(to/from), true
}

// javaLower lower-cases s the way Java's toLowerCase does for the purpose of
// matching ASCII suffixes: ASCII letters, plus the KELVIN SIGN, which Java
// maps to an ASCII 'k'. Other characters stay as they are (and never match).
func javaLower(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r >= 'A' && r <= 'Z':
			r += 'a' - 'A'
		case r == '\u212A':
			r = 'k'
		}
		b.WriteRune(r)
	}
	return b.String()
}

// javaTrim is String.trim: it drops leading and trailing characters <= ' '.
func javaTrim(s string) string {
	return strings.TrimFunc(s, func(r rune) bool { return r <= ' ' })
}

// splitNumber splits s at the end of its leading ASCII digits.
func splitNumber(s string) (digits, rest string) {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return s[:i], s[i:]
}

func isLowerASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 'a' || s[i] > 'z' {
			return false
		}
	}
	return true
}

// byteStringAs is JavaUtils.byteStringAs: it parses a size such as "2g",
// "512k" or "1024" (a bare number is in unit to) and returns it in unit to,
// truncating when the suffix is smaller than to ("512k" as MiB is 0). The
// input is lower-cased and trimmed; it must be digits and an optional
// suffix b, k, kb, m, mb, g, gb, t, tb, p or pb. There is no sign,
// fraction, inner space, separator or exponent.
func byteStringAs(s string, to byteUnit) (int64, error) {
	lower := javaTrim(javaLower(s))
	digits, suffix := splitNumber(lower)
	if digits == "" || !isLowerASCII(suffix) {
		if isFraction(lower) {
			return 0, valueErr(s, "fractional values are not supported (use a smaller unit, e.g. 1536m instead of 1.5g)")
		}
		return 0, valueErr(s, "not a size: want digits and an optional unit b, k, m, g, t or p, with no space (e.g. 2g or 512m)")
	}
	val, err := strconv.ParseInt(digits, 10, 64)
	if err != nil {
		return 0, valueErr(s, "number out of range")
	}
	from := to
	if suffix != "" {
		u, ok := byteSuffix(suffix)
		if !ok {
			return 0, valueErr(s, "invalid suffix %q: want b, k, kb, m, mb, g, gb, t, tb, p or pb", suffix)
		}
		from = u
	}
	n, ok := convertBytes(val, from, to)
	if !ok {
		return 0, valueErr(s, "value exceeds the largest long in the key's unit")
	}
	return n, nil
}

// isFraction reports whether s matches ([0-9]+\.[0-9]+)([a-z]+)?.
func isFraction(s string) bool {
	d1, rest := splitNumber(s)
	if d1 == "" || !strings.HasPrefix(rest, ".") {
		return false
	}
	d2, suffix := splitNumber(rest[1:])
	return d2 != "" && isLowerASCII(suffix)
}

// ParseBytes parses the value of a typed size key (ConfigBuilder.bytesConf)
// whose default unit is defaultUnit, and returns the size Spark would use,
// in bytes. A bare number is in defaultUnit; a suffix in a smaller unit is
// truncated to defaultUnit first, as Spark does ("512k" for a MiB key is 0).
// A leading '-' negates the value, as ConfigHelpers.byteFromString allows
// ("-1" disables spark.sql.autoBroadcastJoinThreshold).
func ParseBytes(s, defaultUnit string) (int64, error) {
	unit, err := parseByteUnit(defaultUnit)
	if err != nil {
		return 0, err
	}
	in, sign := s, int64(1)
	if strings.HasPrefix(s, "-") {
		in, sign = s[1:], -1
	}
	n, err := byteStringAs(in, unit)
	if err != nil {
		if ve := (*ValueError)(nil); errors.As(err, &ve) {
			ve.Value = s
		}
		return 0, err
	}
	if n > math.MaxInt64/int64(unit) {
		return 0, valueErr(s, "more bytes than fit in a long")
	}
	return sign * n * int64(unit), nil
}

// FormatBytes writes n bytes with the largest suffix that divides it
// exactly ("2560m", "2g", "1536k", "0b"), so ParseBytes reads it back as n
// whatever the key's default unit.
func FormatBytes(n int64) string {
	neg := ""
	if n < 0 {
		if n == math.MinInt64 {
			return strconv.FormatInt(n, 10) + "b"
		}
		neg, n = "-", -n
	}
	if n == 0 {
		return "0b"
	}
	for _, u := range []struct {
		s string
		m int64
	}{{"p", PiB}, {"t", TiB}, {"g", GiB}, {"m", MiB}, {"k", KiB}} {
		if n%u.m == 0 {
			return neg + strconv.FormatInt(n/u.m, 10) + u.s
		}
	}
	return neg + strconv.FormatInt(n, 10) + "b"
}

// MemoryStringToMB is Utils.memoryStringToMb: the value is read as bytes when
// it has no suffix, then truncated to whole MiB. Spark uses it for the
// executor size in standalone mode, SPARK_WORKER_MEMORY and worker --memory,
// so "2048" there means 2048 bytes, i.e. 0 MiB.
func MemoryStringToMB(s string) (int64, error) {
	b, err := byteStringAs(s, 1)
	if err != nil {
		return 0, err
	}
	return b / MiB, nil
}

// WorkerMemoryBytes parses SPARK_WORKER_MEMORY (or a worker's --memory) as
// the standalone Worker does: a bare number means bytes, and the result is
// truncated to whole MiB. It returns the worker's memory in bytes (a multiple
// of MiB). Less than 1 MiB is an error: the worker exits with "Memory is
// below 1MB, or missing a M/G at the end of the memory specification?".
func WorkerMemoryBytes(s string) (int64, error) {
	mb, err := MemoryStringToMB(s)
	if err != nil {
		return 0, err
	}
	if mb <= 0 {
		return 0, valueErr(s, "memory is below 1 MiB: a number without a unit is read as bytes (write e.g. 2g or 2560m)")
	}
	return mb * MiB, nil
}
