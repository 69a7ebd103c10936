package spark

import (
	"cmp"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/streamlint/streamlint/internal/javanum"
)

// Whether a value fits the type of its key (int, long, double, boolean,
// bytes, time), as Spark's ConfigBuilder and the Kafka source check them.

// ValueError reports a size, time or interval string that Spark rejects.
type ValueError struct {
	Value  string // the string as given
	Reason string // why Spark rejects it, e.g. "fractional values are not supported"
}

func (e *ValueError) Error() string { return fmt.Sprintf("invalid value %q: %s", e.Value, e.Reason) }

func valueErr(v, format string, args ...any) error {
	return &ValueError{Value: v, Reason: fmt.Sprintf(format, args...)}
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

// isJavaDouble reports whether Double.parseDouble accepts s (its value
// may be NaN or infinite: see CheckSetting).
func isJavaDouble(s string) bool {
	_, err := javanum.ParseDouble(s)
	return err == nil
}
