package spark

import (
	"math"
	"strings"
)

// Intervals as Spark reads them: SparkIntervalUtils.stringToInterval,
// behind Trigger.ProcessingTime("...") and watermark delays.

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

// parse runs the state machine of stringToInterval. It is one function,
// longer than the rest of the package's, so that it can be read side by
// side with Spark's (each state is a case, in Spark's order).
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
