package spark

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Binary size units, in bytes.
const (
	KiB int64 = 1 << 10
	MiB int64 = 1 << 20
	GiB int64 = 1 << 30
	TiB int64 = 1 << 40
	PiB int64 = 1 << 50
)

// Memory model constants of UnifiedMemoryManager and ResourceProfile (Spark 4.1.1).
const (
	// ReservedMemory is RESERVED_SYSTEM_MEMORY_BYTES: heap Spark keeps for itself.
	ReservedMemory = 300 * MiB
	// MinHeap is the smallest executor or driver heap Spark starts with
	// (1.5 × ReservedMemory); below it SparkContext fails with
	// INVALID_EXECUTOR_MEMORY / INVALID_DRIVER_MEMORY.
	MinHeap = ReservedMemory * 3 / 2
	// DefaultMemoryFraction is the default of spark.memory.fraction.
	DefaultMemoryFraction = 0.6
	// DefaultOverheadFactor is the default of spark.executor.memoryOverheadFactor.
	DefaultOverheadFactor = 0.10
	// DefaultMinOverhead is the default of spark.executor.minMemoryOverhead.
	DefaultMinOverhead = 384 * MiB
)

// ValueError reports a size, time or interval string that Spark rejects.
type ValueError struct {
	Value  string // the string as given
	Reason string // why Spark rejects it, e.g. "fractional values are not supported"
}

func (e *ValueError) Error() string { return fmt.Sprintf("invalid value %q: %s", e.Value, e.Reason) }

func valueErr(v, format string, args ...any) error {
	return &ValueError{Value: v, Reason: fmt.Sprintf(format, args...)}
}

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

// Time units, in nanoseconds, as java.util.concurrent.TimeUnit scales them.
type timeUnit int64

const (
	nanosecond  timeUnit = 1
	microsecond          = 1000 * nanosecond
	millisecond          = 1000 * microsecond
	second               = 1000 * millisecond
	minute               = 60 * second
	hour                 = 60 * minute
	day                  = 24 * hour
)

// timeSuffix lists the suffixes JavaUtils.timeStringAs accepts.
func timeSuffix(s string) (timeUnit, bool) {
	switch s {
	case "us":
		return microsecond, true
	case "ms":
		return millisecond, true
	case "s":
		return second, true
	case "m", "min":
		return minute, true
	case "h":
		return hour, true
	case "d":
		return day, true
	}
	return 0, false
}

// parseTimeUnit reads a default unit as the catalog writes it (ns, us, ms,
// s, min, h, d), a Spark suffix, or a TimeUnit name, in any case.
func parseTimeUnit(u string) (timeUnit, error) {
	switch l := strings.ToLower(u); l {
	case "ns", "nanoseconds":
		return nanosecond, nil
	case "microseconds":
		return microsecond, nil
	case "milliseconds":
		return millisecond, nil
	case "seconds", "sec":
		return second, nil
	case "minutes":
		return minute, nil
	case "hours":
		return hour, nil
	case "days":
		return day, nil
	default:
		if tu, ok := timeSuffix(l); ok {
			return tu, nil
		}
	}
	return 0, fmt.Errorf("unknown time unit %q", u)
}

// convertTime is TimeUnit.convert: d in unit from, expressed in unit to.
// Going to a larger unit truncates toward zero; going to a smaller one
// saturates at the long range instead of overflowing.
func convertTime(d int64, from, to timeUnit) int64 {
	switch {
	case from == to:
		return d
	case from < to:
		return d / int64(to/from)
	}
	r := int64(from / to)
	m := math.MaxInt64 / r
	switch {
	case d > m:
		return math.MaxInt64
	case d < -m:
		return math.MinInt64
	}
	return d * r
}

// TimeStringAs is JavaUtils.timeStringAs: it parses a duration such as
// "10s", "5min", "-1" or "200" (a bare number is in unit) and returns it in
// unit, truncating toward zero ("500ms" as seconds is 0). The input is
// lower-cased and trimmed and must match (-?[0-9]+)([a-z]+)?; the suffixes
// are us, ms, s, m, min, h and d, and "m" means minutes. ns, sec, secs,
// mins, hour, y and w are invalid, and so are fractions and inner spaces.
func TimeStringAs(s, unit string) (int64, error) {
	to, err := parseTimeUnit(unit)
	if err != nil {
		return 0, err
	}
	return timeStringAs(s, to)
}

func timeStringAs(s string, to timeUnit) (int64, error) {
	lower := javaTrim(javaLower(s))
	num := strings.TrimPrefix(lower, "-")
	digits, suffix := splitNumber(num)
	if digits == "" || !isLowerASCII(suffix) {
		if isFraction(num) {
			return 0, valueErr(s, "fractional values are not supported (use a smaller unit, e.g. 1500ms instead of 1.5s)")
		}
		return 0, valueErr(s, "not a duration: want an integer and an optional unit us, ms, s, m (minutes), min, h or d, with no space (e.g. 30s or 5min)")
	}
	val, err := strconv.ParseInt(lower[:len(lower)-len(suffix)], 10, 64)
	if err != nil {
		return 0, valueErr(s, "number out of range")
	}
	from := to
	if suffix != "" {
		u, ok := timeSuffix(suffix)
		if !ok {
			return 0, valueErr(s, "invalid suffix %q: want us, ms, s, m (minutes), min, h or d", suffix)
		}
		from = u
	}
	return convertTime(val, from, to), nil
}

// ParseDurationMS parses the value of a typed time key (ConfigBuilder.timeConf)
// whose default unit is defaultUnit, and returns the duration Spark would
// use, in milliseconds: the value is first converted to defaultUnit with
// Spark's truncation ("1500ms" on a seconds key is 1 s, so 1000 ms), then to
// milliseconds (truncating again for ns and us keys).
func ParseDurationMS(s, defaultUnit string) (int64, error) {
	unit, err := parseTimeUnit(defaultUnit)
	if err != nil {
		return 0, err
	}
	n, err := timeStringAs(s, unit)
	if err != nil {
		return 0, err
	}
	return convertTime(n, unit, millisecond), nil
}

// Interval is a CalendarInterval as SparkIntervalUtils.stringToInterval
// builds it.
type Interval struct {
	Months int32
	Days   int32
	Micros int64
}

// javaWhitespaceByte is Character.isWhitespace for one byte of a UTF-8
// string (bytes >= 0x80 are negative in Java and never whitespace).
func javaWhitespaceByte(b byte) bool {
	return b == ' ' || (b >= '\t' && b <= '\r') || (b >= 0x1c && b <= 0x1f)
}

// ParseInterval is SparkIntervalUtils.stringToInterval, the parser behind
// Trigger.ProcessingTime("...") and withWatermark delays:
// "[interval] <number> <unit> [<number> <unit> ...]" with whitespace between
// number and unit, units year, month, week, day, hour, minute, second,
// millisecond and microsecond with an optional plural s, case-insensitive.
// Only seconds may have a fraction. "10s", "10sec" and "10 secs" are errors.
func ParseInterval(input string) (Interval, error) {
	s := []byte(javaLower(strings.TrimFunc(input, func(r rune) bool { return r <= ' ' || r == 0x7f })))
	if len(s) == 0 {
		return Interval{}, valueErr(input, "interval string cannot be empty")
	}
	p := intervalParser{s: s, input: input}
	return p.parse()
}

type intervalState int

const (
	ivPrefix intervalState = iota
	ivTrimBeforeSign
	ivSign
	ivTrimBeforeValue
	ivValue
	ivFraction
	ivTrimBeforeUnit
	ivUnitBegin
	ivUnitSuffix
	ivUnitEnd
)

type intervalParser struct {
	s     []byte
	input string
}

func (p *intervalParser) word(i int) string {
	// the whitespace-separated word that contains or follows byte i
	start := i
	for start > 0 && !javaWhitespaceByte(p.s[start-1]) {
		start--
	}
	end := i
	for end < len(p.s) && !javaWhitespaceByte(p.s[end]) {
		end++
	}
	return string(p.s[start:end])
}

// fail reports an error; format has one %s, for the word at byte i.
func (p *intervalParser) fail(i int, format string) (Interval, error) {
	if i >= len(p.s) {
		i = len(p.s) - 1
	}
	return Interval{}, valueErr(p.input, format, p.word(i))
}

func (p *intervalParser) matchAt(word string, i int) bool {
	return len(p.s)-i >= len(word) && string(p.s[i:i+len(word)]) == word
}

func (p *intervalParser) parse() (Interval, error) {
	const (
		initialFractionScale = 100_000_000 // NANOS_PER_SECOND / 10
		microsPerSecond      = 1_000_000
		microsPerMinute      = 60 * microsPerSecond
		microsPerHour        = 60 * microsPerMinute
	)
	s := p.s
	var (
		state         = ivPrefix
		i             int
		value         int64
		negative      bool
		months, days  int64 // checked against the int range as Java does
		micros        int64
		fractionScale int64
		fraction      int64
		pointPrefixed bool
	)
	trim := func(next intervalState) {
		if javaWhitespaceByte(s[i]) {
			i++
		} else {
			state = next
		}
	}
	for i < len(s) {
		b := s[i]
		switch state {
		case ivPrefix:
			if p.matchAt("interval", 0) {
				switch {
				case len(s) == len("interval"):
					return Interval{}, valueErr(p.input, "interval string cannot be empty")
				case !javaWhitespaceByte(s[len("interval")]):
					return p.fail(0, "invalid interval prefix %s")
				default:
					i += len("interval") + 1
				}
			}
			state = ivTrimBeforeSign
		case ivTrimBeforeSign:
			trim(ivSign)
		case ivSign:
			value, fraction = 0, 0
			state = ivTrimBeforeValue
			fractionScale = -1
			pointPrefixed = false
			switch {
			case b == '-':
				negative = true
				i++
			case b == '+':
				negative = false
				i++
			case b >= '0' && b <= '9':
				negative = false
			case b == '.':
				negative = false
				fractionScale = initialFractionScale
				pointPrefixed = true
				i++
				state = ivFraction
			default:
				return p.fail(i, "unrecognized number '%s'")
			}
		case ivTrimBeforeValue:
			trim(ivValue)
		case ivValue:
			switch {
			case b >= '0' && b <= '9':
				if value > (math.MaxInt64-int64(b-'0'))/10 {
					return p.fail(i, "number '%s' out of range")
				}
				value = value*10 + int64(b-'0')
			case javaWhitespaceByte(b):
				state = ivTrimBeforeUnit
			case b == '.':
				fractionScale = initialFractionScale
				state = ivFraction
			default:
				return p.fail(i, "invalid value '%s' (a unit must be separated from its number by a space, e.g. \"10 seconds\")")
			}
			i++
		case ivFraction:
			switch {
			case b >= '0' && b <= '9' && fractionScale > 0:
				fraction += int64(b-'0') * fractionScale
				fractionScale /= 10
			case javaWhitespaceByte(b) && (!pointPrefixed || fractionScale < initialFractionScale):
				fraction /= 1000 // nanoseconds to microseconds
				state = ivTrimBeforeUnit
			case b >= '0' && b <= '9':
				return p.fail(i, "interval can only support nanosecond precision, '%s' is out of range")
			default:
				return p.fail(i, "invalid value '%s'")
			}
			i++
		case ivTrimBeforeUnit:
			trim(ivUnitBegin)
		case ivUnitBegin:
			if b != 's' && fractionScale >= 0 {
				return p.fail(i, "'%s' cannot have fractional part (only seconds can)")
			}
			if negative {
				value, fraction = -value, -fraction
			}
			var ok bool
			switch {
			case b == 'y' && p.matchAt("year", i):
				months, ok = addInt32(months, mulInt64(12, value))
				i += len("year")
			case b == 'w' && p.matchAt("week", i):
				days, ok = addInt32(days, mulInt64(7, value))
				i += len("week")
			case b == 'd' && p.matchAt("day", i):
				days, ok = addInt32(days, int32Checked(value))
				i += len("day")
			case b == 'h' && p.matchAt("hour", i):
				micros, ok = addInt64(micros, mulInt64(value, microsPerHour))
				i += len("hour")
			case b == 's' && p.matchAt("second", i):
				micros, ok = addInt64(micros, mulInt64(value, microsPerSecond))
				if ok {
					micros, ok = addInt64(micros, &fraction)
				}
				i += len("second")
			case b == 'm' && p.matchAt("month", i):
				months, ok = addInt32(months, int32Checked(value))
				i += len("month")
			case b == 'm' && p.matchAt("minute", i):
				micros, ok = addInt64(micros, mulInt64(value, microsPerMinute))
				i += len("minute")
			case b == 'm' && p.matchAt("millisecond", i):
				micros, ok = addInt64(micros, mulInt64(value, 1000))
				i += len("millisecond")
			case b == 'm' && p.matchAt("microsecond", i):
				micros, ok = addInt64(micros, &value)
				i += len("microsecond")
			default:
				return p.fail(i, "invalid unit '%s'")
			}
			if !ok {
				return p.fail(i-1, "'%s' overflows the interval range")
			}
			state = ivUnitSuffix
		case ivUnitSuffix:
			switch {
			case b == 's':
				state = ivUnitEnd
			case javaWhitespaceByte(b):
				state = ivTrimBeforeSign
			default:
				return p.fail(i, "invalid unit '%s'")
			}
			i++
		case ivUnitEnd:
			if !javaWhitespaceByte(b) {
				return p.fail(i, "invalid unit '%s'")
			}
			i++
			state = ivTrimBeforeSign
		}
	}
	switch state {
	case ivUnitSuffix, ivUnitEnd, ivTrimBeforeSign:
		return Interval{Months: int32(months), Days: int32(days), Micros: micros}, nil
	case ivTrimBeforeValue:
		return p.fail(i, "expect a number after '%s' but hit the end")
	case ivValue, ivFraction:
		return p.fail(i, "expect a unit name after '%s' but hit the end (e.g. \"10 seconds\")")
	}
	return p.fail(i, "unknown error when parsing '%s'")
}

// mulInt64 returns a*b, or nil on overflow (Math.multiplyExact).
func mulInt64(a, b int64) *int64 {
	if a == 0 || b == 0 {
		z := int64(0)
		return &z
	}
	c := a * b
	if c/b != a || (a == -1 && b == math.MinInt64) || (b == -1 && a == math.MinInt64) {
		return nil
	}
	return &c
}

// int32Checked is Math.toIntExact; nil when v does not fit an int.
func int32Checked(v int64) *int64 {
	if v < math.MinInt32 || v > math.MaxInt32 {
		return nil
	}
	return &v
}

// addInt64 is Math.addExact on longs; b nil means an earlier overflow.
func addInt64(a int64, b *int64) (int64, bool) {
	if b == nil {
		return 0, false
	}
	c := a + *b
	if (c > a) != (*b > 0) {
		return 0, false
	}
	return c, true
}

// addInt32 adds b to an int-ranged a and checks the result stays an int.
func addInt32(a int64, b *int64) (int64, bool) {
	if b == nil {
		return 0, false
	}
	c, ok := addInt64(a, b)
	if !ok || c < math.MinInt32 || c > math.MaxInt32 {
		return 0, false
	}
	return c, true
}

// triggerIntervalMS is Trigger.ProcessingTime(String) (and
// Trigger.Continuous): the interval string parsed by ParseInterval, months
// and years rejected, days and microseconds converted to milliseconds
// (rounding down), negative results rejected.
func triggerIntervalMS(s string) (int64, error) {
	iv, err := ParseInterval(s)
	if err != nil {
		return 0, err
	}
	if iv.Months != 0 {
		return 0, valueErr(s, "a trigger interval cannot use months or years")
	}
	const microsPerDay = 86_400_000_000
	total, ok := addInt64(iv.Micros, mulInt64(int64(iv.Days), microsPerDay))
	if !ok {
		return 0, valueErr(s, "interval too long")
	}
	ms := floorDiv(total, 1000)
	if ms < 0 {
		return 0, valueErr(s, "the interval of a trigger cannot be negative")
	}
	return ms, nil
}

func floorDiv(a, b int64) int64 {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

// ParseIntervalSeconds parses a Structured Streaming trigger interval
// ("5 seconds", "1 minute", "500 milliseconds", "interval 2 seconds") and
// returns it in seconds, at the millisecond precision Spark keeps.
func ParseIntervalSeconds(s string) (float64, error) {
	ms, err := triggerIntervalMS(s)
	if err != nil {
		return 0, err
	}
	return float64(ms) / 1000, nil
}

// UsableMemory is the unified (execution + storage) memory
// UnifiedMemoryManager gives a JVM with the given heap:
// (heap - 300 MiB) × fraction. It is 0 when the heap is not above the
// reserved 300 MiB. A fraction outside (0, 1] means the default 0.6.
func UsableMemory(heap int64, fraction float64) int64 {
	if fraction <= 0 || fraction > 1 || math.IsNaN(fraction) {
		fraction = DefaultMemoryFraction
	}
	usable := heap - ReservedMemory
	if usable <= 0 {
		return 0
	}
	return int64(float64(usable) * fraction)
}

// OverheadBytes is calculateOverHeadMemory with a given
// spark.executor.memoryOverheadFactor and spark.executor.minMemoryOverhead:
// max(factor × heap MiB (truncated), minimum MiB), returned in bytes.
func OverheadBytes(executorMemory int64, factor float64, minOverhead int64) int64 {
	heapMiB := executorMemory / MiB
	byFactor := int64(factor * float64(heapMiB))
	minMiB := minOverhead / MiB
	return max(byFactor, minMiB) * MiB
}

// CheckValue reports whether value is valid for a typed configuration
// entry (ConfigBuilder) of the catalog type typ: int, long and double are
// trimmed and parsed as Java numbers (no suffix, separator or '_';
// exponents only for double), boolean is true or false in any case (not
// yes, no, 1 or 0), bytes and time go through ParseBytes and
// ParseDurationMS with defaultUnit. A string, or an unknown type, is always
// valid. Values holding ${...} are substituted by Spark before parsing;
// callers should skip them.
func CheckValue(typ, defaultUnit, value string) error {
	switch typ {
	case "int", "long", "double", "boolean":
		return checkScalar(typ, javaTrim(value), value)
	case "bytes":
		_, err := ParseBytes(value, defaultUnit)
		return err
	case "time":
		_, err := ParseDurationMS(value, defaultUnit)
		return err
	}
	return nil
}

// CheckOptionValue reports whether value is valid for a Kafka source
// option. These are not ConfigEntries: int, long and boolean values go
// through plain toInt, toLong and toBoolean without trimming (" 1000",
// "10k" and "1e6" fail), minPartitions and maxRecordsPerPartition must be
// positive, and maxTriggerDelay is a JavaUtils time string.
func CheckOptionValue(o SourceOption, value string) error {
	switch o.Type {
	case "int", "long", "boolean":
		if err := checkScalar(o.Type, value, value); err != nil {
			return err
		}
		switch strings.ToLower(o.Name) {
		case "minpartitions", "maxrecordsperpartition":
			if n, _ := strconv.ParseInt(value, 10, 64); n <= 0 {
				return valueErr(value, "%s must be positive", o.Name)
			}
		}
	case "time":
		_, err := TimeStringAs(value, cmp.Or(o.DefaultUnit, "ms"))
		return err
	}
	return nil
}

// checkScalar parses s (already trimmed or not, as the caller needs) as a
// Java int, long, double or boolean; orig is the value for messages.
func checkScalar(typ, s, orig string) error {
	switch typ {
	case "int", "long":
		bits := 32
		if typ == "long" {
			bits = 64
		}
		if _, err := strconv.ParseInt(s, 10, bits); err != nil {
			if errors.Is(err, strconv.ErrRange) {
				return valueErr(orig, "out of the %s range", typ)
			}
			return valueErr(orig, "not an integer (no unit, separator or exponent)")
		}
	case "double":
		if !isJavaDouble(s) {
			return valueErr(orig, "not a number")
		}
	case "boolean":
		if !strings.EqualFold(s, "true") && !strings.EqualFold(s, "false") {
			return valueErr(orig, "not a boolean: Spark accepts only true or false")
		}
	}
	return nil
}

// isJavaDouble reports whether Double.parseDouble accepts s (s trimmed):
// an optional sign, then NaN, Infinity, a decimal number with an optional
// exponent or a hexadecimal one with a binary exponent, and an optional
// f, F, d or D suffix.
func isJavaDouble(s string) bool {
	if s != "" && (s[0] == '+' || s[0] == '-') {
		s = s[1:]
	}
	if s == "NaN" || s == "Infinity" {
		return true
	}
	if n := len(s); n > 0 && strings.IndexByte("fFdD", s[n-1]) >= 0 {
		s = s[:n-1]
	}
	if strings.HasPrefix(s, "0x") || strings.HasPrefix(s, "0X") {
		if strings.ContainsAny(s, "_") || !strings.ContainsAny(s, "pP") {
			return false
		}
		_, err := strconv.ParseFloat(s, 64)
		return err == nil || errors.Is(err, strconv.ErrRange)
	}
	mant, exp, hasExp := strings.Cut(strings.ToLower(s), "e")
	intPart, frac, _ := strings.Cut(mant, ".")
	if intPart+frac == "" || !allDigitsOrEmpty(intPart) || !allDigitsOrEmpty(frac) {
		return false
	}
	if hasExp {
		exp = strings.TrimPrefix(strings.TrimPrefix(exp, "+"), "-")
		if exp == "" || !allDigitsOrEmpty(exp) {
			return false
		}
	}
	return true
}

func allDigitsOrEmpty(s string) bool { return s == "" || allDigits(s) }
