package kafka

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/streamlint/streamlint/internal/javanum"
)

// ValueError explains why Kafka would reject a value. Its message is
// written for a finding ("\"10MB\" is not an integer: Kafka sizes are plain
// byte counts, without units"). Accepted marks a value Kafka parses and
// starts with although no setting can use it (NaN or Infinity for a
// double).
type ValueError struct {
	Value    string
	Reason   string
	Accepted bool
}

func (e *ValueError) Error() string {
	// A value that holds double quotes reads better between backquotes
	// (`"3"`) than escaped ("\"3\"").
	if strings.Contains(e.Value, `"`) && !strings.ContainsAny(e.Value, "`\n") {
		return "`" + e.Value + "` " + e.Reason
	}
	return fmt.Sprintf("%q %s", e.Value, e.Reason)
}

// javaTrim is String.trim(), which ConfigDef applies before parsing: it
// removes every character <= ' ' at both ends.
func javaTrim(s string) string { return javanum.Trim(s) }

// ParseInt parses an integer the way Kafka's ConfigDef does for int, short
// and long keys (Integer/Long.parseInt of the trimmed text): an optional
// sign and decimal digits, nothing else. Units ("10MB"), exponents ("1e6"),
// fractions ("1.5"), digit separators ("1_000") and quotes kept from a
// list-form compose entry are errors, with a hint saying which.
func ParseInt(s string) (int64, error) {
	t := javaTrim(s)
	n, err := javanum.ParseInt(t, 64)
	if err == nil {
		return n, nil
	}
	if errors.Is(err, javanum.ErrRange) {
		return 0, &ValueError{Value: s, Reason: "is out of range for a 64-bit integer"}
	}
	return 0, &ValueError{Value: s, Reason: "is not an integer" + intHint(t)}
}

func intHint(t string) string {
	switch {
	case t == "":
		return " (empty)"
	case len(t) >= 2 && (t[0] == '"' || t[0] == '\'') && t[len(t)-1] == t[0]:
		return ": the quotes are part of the value (list-form `- KEY=\"value\"` keeps them)"
	case strings.ContainsAny(t, "eE") && isFloat(t):
		return ": Kafka does not accept exponent notation; write the digits out"
	case strings.Contains(t, ".") && isFloat(t):
		return ": Kafka expects a whole number"
	case strings.Contains(t, "_"):
		return ": Kafka does not accept digit separators"
	}
	digits := strings.TrimLeft(t, "+-0123456789")
	if digits != t && digits != "" {
		return ": Kafka values are plain numbers without units (" + strings.TrimSpace(digits) + ")"
	}
	return ""
}

func isFloat(t string) bool {
	_, err := javanum.ParseDouble(t)
	return err == nil
}

// ParseBool parses a boolean as Kafka does: "true" or "false", in any
// letter case, surrounding whitespace ignored. "yes", "1" and "on" are
// errors.
func ParseBool(s string) (bool, error) {
	t := javaTrim(s)
	if b, err := javanum.ParseBool(t); err == nil {
		return b, nil
	}
	hint := ""
	if len(t) >= 2 && (t[0] == '"' || t[0] == '\'') && t[len(t)-1] == t[0] {
		hint = ": the quotes are part of the value"
	}
	return false, &ValueError{Value: s, Reason: "is not a boolean (Kafka accepts only true or false)" + hint}
}

// DurationMS converts a time setting to milliseconds: log.retention.ms,
// log.retention.minutes, log.retention.hours, log.roll.ms, log.roll.hours,
// log.roll.jitter.ms, log.roll.jitter.hours, and the topic keys retention.ms,
// segment.ms and segment.jitter.ms. For the retention keys any negative
// value means "no time limit" and is returned as -1, as KafkaConfig does.
// ok is false for other keys and for values that are not integers.
func DurationMS(key, value string) (ms int64, ok bool) {
	var factor int64
	retention := false
	switch key {
	case "log.retention.ms", "retention.ms":
		factor, retention = 1, true
	case "log.retention.minutes":
		factor, retention = 60_000, true
	case "log.retention.hours":
		factor, retention = 3_600_000, true
	case "log.roll.ms", "log.roll.jitter.ms", "segment.ms", "segment.jitter.ms":
		factor = 1
	case "log.roll.hours", "log.roll.jitter.hours":
		factor = 3_600_000
	default:
		return 0, false
	}
	n, err := ParseInt(value)
	if err != nil {
		return 0, false
	}
	if retention && n < 0 {
		return -1, true
	}
	if n > math.MaxInt64/factor || n < math.MinInt64/factor {
		return 0, false
	}
	return n * factor, true
}

// Check reports whether Kafka would accept value for the key: it must parse
// as the key's type (int and short within their ranges, long, double,
// boolean) and satisfy the catalog's valid values where they are a range
// ("[1,...]", "[0,...,1]", "-1 or [1,...]") or a list of names
// ("[compact, delete]", compared case-sensitively as Kafka does unless the
// catalog says otherwise; each element for list keys). Valid-value texts
// this package does not understand are not checked; nor are cross-key or
// version-specific rules (the 4.0 minimum of log.segment.bytes).
func (p Property) Check(value string) error {
	err := p.check(value)
	var ve *ValueError
	if errors.As(err, &ve) && trailingComment(value) {
		ve.Reason += " (a properties file has no end-of-line comments: the text after # is part of the value)"
	}
	return err
}

// trailingComment reports whether value looks like "x # comment".
func trailingComment(value string) bool {
	i := strings.Index(value, "#")
	return i > 0 && (value[i-1] == ' ' || value[i-1] == '\t')
}

func (p Property) check(value string) error {
	t := javaTrim(value)
	var num float64
	isNum := false
	switch p.Type {
	case "int", "short", "long":
		n, err := ParseInt(value)
		if err != nil {
			return err
		}
		switch {
		case p.Type == "int" && (n < math.MinInt32 || n > math.MaxInt32):
			return &ValueError{Value: value, Reason: fmt.Sprintf("is out of range for %s (an int: at most %d)", p.Name, math.MaxInt32)}
		case p.Type == "short" && (n < math.MinInt16 || n > math.MaxInt16):
			return &ValueError{Value: value, Reason: fmt.Sprintf("is out of range for %s (a short: at most %d)", p.Name, math.MaxInt16)}
		}
		num, isNum = float64(n), true
	case "double":
		f, err := javanum.ParseDouble(t)
		if err != nil {
			return &ValueError{Value: value, Reason: "is not a number"}
		}
		if !javanum.Finite(f) {
			return &ValueError{Value: value, Accepted: true, Reason: "is not a finite number: Kafka reads it (Double.valueOf gives NaN or infinity) and no range check stops every such value, but no ratio, rate or factor works with it; write a finite number"}
		}
		num, isNum = f, true
	case "boolean":
		_, err := ParseBool(value)
		return err
	case "string", "list", "class":
		// Kafka takes quotes literally (a YAML list entry `- KEY="v"`
		// and a properties file keep them): `"gzip"` is no codec, `""` is
		// not an empty value. Passwords are left alone.
		if quotedWhole(t) {
			hint := ""
			if len(t) == 2 {
				hint = "; for an empty value write nothing after the ="
			}
			return &ValueError{Value: value, Reason: "is quoted: the quotes are part of the value (list-form `- KEY=\"value\"` and properties files keep them)" + hint}
		}
	}
	return p.checkValid(value, t, num, isNum)
}

// quotedWhole reports whether t is wrapped in a pair of matching quotes.
func quotedWhole(t string) bool {
	return len(t) >= 2 && (t[0] == '"' || t[0] == '\'') && t[len(t)-1] == t[0]
}

// checkValid applies ValidValues.
func (p Property) checkValid(value, t string, num float64, isNum bool) error {
	spec := strings.TrimSpace(p.ValidValues)
	caseInsensitive := false
	if rest, ok := strings.CutPrefix(spec, "(case insensitive)"); ok {
		spec, caseInsensitive = strings.TrimSpace(rest), true
	}
	switch spec {
	case "":
		return nil
	case "non-empty string", "non-empty list":
		if t == "" {
			return &ValueError{Value: value, Reason: fmt.Sprintf("is empty; %s must not be", p.Name)}
		}
		return nil
	}
	var (
		alts       []string
		rangeSeen  bool
		enumValues []string
	)
	for alt := range strings.SplitSeq(spec, " or ") {
		alt = strings.TrimSpace(alt)
		if i := strings.Index(alt, " ("); i >= 0 { // trailing explanation
			alt = strings.TrimSpace(alt[:i])
		}
		alts = append(alts, alt)
	}
	for _, alt := range alts {
		if lo, hi, ok := parseRange(alt); ok {
			rangeSeen = true
			if isNum && num >= lo && num <= hi {
				return nil
			}
			continue
		}
		if f, err := strconv.ParseFloat(alt, 64); err == nil {
			rangeSeen = true
			if isNum && num == f {
				return nil
			}
			continue
		}
		if vals, ok := parseEnum(alt); ok {
			enumValues = append(enumValues, vals...)
			continue
		}
		return nil // a form we do not interpret: do not judge
	}
	if rangeSeen && len(enumValues) == 0 {
		if !isNum {
			return nil
		}
		return &ValueError{Value: value, Reason: fmt.Sprintf("is outside the valid values of %s: %s", p.Name, p.ValidValues)}
	}
	if len(enumValues) == 0 {
		return nil
	}
	return p.checkEnum(value, t, enumValues, caseInsensitive)
}

// checkEnum checks a value (each element, for a list) against the valid
// values of an enum.
func (p Property) checkEnum(value, t string, enumValues []string, caseInsensitive bool) error {
	elems := []string{t}
	if p.Type == "list" {
		elems = elems[:0]
		for e := range strings.SplitSeq(t, ",") {
			if e = strings.TrimSpace(e); e != "" {
				elems = append(elems, e)
			}
		}
	}
	for _, e := range elems {
		if containsName(enumValues, e, caseInsensitive) {
			continue
		}
		what := "is not"
		if e != t {
			what = fmt.Sprintf("contains %q, which is not", e)
		}
		msg := fmt.Sprintf("%s a valid value of %s (one of %s)", what, p.Name, strings.Join(enumValues, ", "))
		if containsName(enumValues, e, true) {
			msg += "; Kafka compares these case-sensitively"
		}
		return &ValueError{Value: value, Reason: msg}
	}
	return nil
}

func containsName(names []string, s string, fold bool) bool {
	for _, n := range names {
		if n == s || (fold && strings.EqualFold(n, s)) {
			return true
		}
	}
	return false
}

// parseRange reads "[lo,...]" and "[lo,...,hi]".
func parseRange(s string) (lo, hi float64, ok bool) {
	inner, ok := strings.CutPrefix(s, "[")
	if !ok {
		return 0, 0, false
	}
	inner, ok = strings.CutSuffix(inner, "]")
	if !ok {
		return 0, 0, false
	}
	parts := strings.Split(inner, ",")
	if len(parts) < 2 || len(parts) > 3 || strings.TrimSpace(parts[1]) != "..." {
		return 0, 0, false
	}
	lo, err := strconv.ParseFloat(strings.TrimSpace(parts[0]), 64)
	if err != nil {
		return 0, 0, false
	}
	hi = math.Inf(1)
	if len(parts) == 3 {
		if hi, err = strconv.ParseFloat(strings.TrimSpace(parts[2]), 64); err != nil {
			return 0, 0, false
		}
	}
	return lo, hi, true
}

// parseEnum reads "[a, b, c]" lists of names. Version lists
// ("[0.8.0, ..., 3.9-IV0]") are refused: Kafka also accepts short forms
// such as "3.0" there.
func parseEnum(s string) ([]string, bool) {
	inner, ok := strings.CutPrefix(s, "[")
	if !ok {
		return nil, false
	}
	inner, ok = strings.CutSuffix(inner, "]")
	if !ok || strings.ContainsAny(inner, "[]") || strings.Contains(inner, "-IV") || strings.Contains(inner, "...") {
		return nil, false
	}
	var vals []string
	for v := range strings.SplitSeq(inner, ",") {
		v = strings.TrimSpace(v)
		if v == "" {
			return nil, false
		}
		vals = append(vals, v)
	}
	return vals, true
}
