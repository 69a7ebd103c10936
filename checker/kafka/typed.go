package kafka

import (
	"errors"
	"fmt"
	"math"
	"math/big"
	"regexp"
	"strings"

	"github.com/streamlint/streamlint/checker/model"
	"github.com/streamlint/streamlint/internal/javanum"
)

// Typed gives a broker setting's value its type, as Kafka reads it: Num
// for int, short, long and double keys (finite numbers only), Ms for the
// time keys (DurationMS), Bool for boolean keys. A value Kafka would
// reject gets none of them: callers check it first (Check) and say why in
// Invalid. Policies judge these fields and never parse the text.
func (p Property) Typed(v *model.Value) {
	value := v.Value
	switch p.Type {
	case "int", "short", "long":
		n, err := ParseInt(value)
		if err != nil || p.Type == "int" && (n < math.MinInt32 || n > math.MaxInt32) || p.Type == "short" && (n < math.MinInt16 || n > math.MaxInt16) {
			return
		}
		v.Num = ptr(float64(n))
		if ms, ok := DurationMS(p.Name, value); ok {
			v.Ms = ptr(float64(ms))
		}
	case "double":
		if f, err := javanum.ParseDouble(value); err == nil && javanum.Finite(f) {
			v.Num = ptr(f)
		}
	case "boolean":
		if b, err := ParseBool(value); err == nil {
			v.Bool = &b
		}
	}
}

func ptr[T any](v T) *T { return &v }

// TypeValue gives a setting's value what policies read instead of its
// text: listeners[] for a listener list, voters[] for
// controller.quorum.voters, and num, ms or bool by the catalog type of
// the broker key (or, with topicLevel, the topic key) as Typed reads them.
// A repository's values are checked first (Check); a running cluster's
// are what Kafka already accepted.
func (c *Catalog) TypeValue(key string, topicLevel bool, v *model.Value) {
	if IsListenerKey(key) {
		v.Listeners = ParseListeners(v.Value)
	}
	if key == "controller.quorum.voters" {
		v.Voters = ParseVoters(v.Value)
	}
	if v.Unresolved || v.Invalid != "" {
		return
	}
	p, ok := c.broker[key]
	if topicLevel {
		p, ok = c.topic[key]
	}
	if ok {
		p.Typed(v)
	}
}

// Fix is the correction of a value Check rejects, when one can be
// computed: the value without its quotes, a size or duration with a unit
// in plain bytes or ms, exponent notation written out, a boolean spelt
// another way, an enumeration value in its documented case, a fraction of
// hours or minutes in a smaller unit; else a hint from the valid values
// (at most the type's maximum, only the listed values, within the range).
// nil when there is nothing more to say than the error.
func (p Property) Fix(value string, checkErr error) *model.ValueFix {
	var ve *ValueError
	if !errors.As(checkErr, &ve) || ve.Accepted {
		return nil
	}
	t := strings.TrimSpace(value)
	if f := p.fixedValue(t, ve.Reason); f != nil {
		// a corrected value must be one Kafka accepts: one outside the
		// valid values becomes the hint to stay within them
		var fe *ValueError
		switch err := p.Check(f.Value); {
		case f.Key == "" || err == nil:
			return f
		case errors.As(err, &fe) && strings.Contains(fe.Reason, "is outside the valid values of"):
			return &model.ValueFix{Hint: "write a value in " + p.ValidValues}
		}
	}
	if key, v, ok := smallerUnit(p.Name, t); ok {
		return &model.ValueFix{Key: key, Value: v, Note: fmt.Sprintf(" instead (%s takes whole numbers)", p.Name)}
	}
	switch {
	case p.Type == "int" && strings.Contains(ve.Reason, "(an int: at most"):
		return &model.ValueFix{Hint: fmt.Sprintf("write a value of at most %d", math.MaxInt32)}
	case p.Type == "short" && strings.Contains(ve.Reason, "(a short: at most"):
		return &model.ValueFix{Hint: fmt.Sprintf("write a value of at most %d", math.MaxInt16)}
	}
	if vals := p.enumValues(); len(vals) > 0 && strings.Contains(ve.Reason, "(one of ") {
		return &model.ValueFix{Hint: "use only " + strings.Join(vals, ", ")}
	}
	if strings.Contains(ve.Reason, "is outside the valid values of") {
		return &model.ValueFix{Hint: "write a value in " + p.ValidValues}
	}
	return nil
}

var (
	sizeUnitRe     = regexp.MustCompile(`^([0-9]+)\s*([kKmMgGtT])(?:i?[bB])?$`)
	durationUnitRe = regexp.MustCompile(`^([0-9]+)\s*(ms|s|m|min|h|d)$`)
	exponentRe     = regexp.MustCompile(`^[+]?[0-9.]+[eE][+]?[0-9]+$`)
	sizeUnits      = map[string]int64{"k": 1 << 10, "m": 1 << 20, "g": 1 << 30, "t": 1 << 40}
	durationUnits  = map[string]int64{"ms": 1, "s": 1000, "m": 60000, "min": 60000, "h": 3600000, "d": 86400000}
	trueSpellings  = map[string]bool{"yes": true, "y": true, "on": true, "1": true, "enabled": true}
	falseSpellings = map[string]bool{"no": true, "n": true, "off": true, "0": true, "disabled": true}
)

// fixedValue is the value Kafka would accept for t (trimmed), with a note;
// reason is why Check rejects t.
func (p Property) fixedValue(t, reason string) *model.ValueFix {
	fix := func(v, note string) *model.ValueFix { return &model.ValueFix{Key: p.Name, Value: v, Note: note} }
	switch {
	case t == `""` || t == "''":
		if p.Check("") != nil {
			return nil // no empty value either
		}
		return fix("", " (nothing after the =) for an empty value")
	case quotedWhole(t):
		if inner := t[1 : len(t)-1]; p.Check(inner) == nil {
			return fix(inner, ", without the quotes")
		}
		return nil
	}
	if m := sizeUnitRe.FindStringSubmatch(t); m != nil && strings.Contains(p.Name, "bytes") {
		if n, ok := p.product(m[1], sizeUnits[strings.ToLower(m[2])]); ok {
			return fix(n.String(), " ("+model.HumanBytes(float64(n.Int64()))+")")
		}
		return p.maxHint()
	}
	if m := durationUnitRe.FindStringSubmatch(t); m != nil && strings.HasSuffix(p.Name, ".ms") {
		if n, ok := p.product(m[1], durationUnits[m[2]]); ok {
			return fix(n.String(), " ("+model.HumanMillis(n.Int64())+")")
		}
		return p.maxHint()
	}
	if exponentRe.MatchString(t) {
		f, _, err := big.ParseFloat(strings.TrimPrefix(t, "+"), 10, 256, big.ToNearestEven)
		if err == nil && f.IsInt() {
			n, _ := f.Int(nil)
			if p.fits(n) {
				return fix(n.String(), "")
			}
			return p.maxHint()
		}
	}
	if p.Type == "boolean" {
		switch l := strings.ToLower(t); {
		case trueSpellings[l]:
			return fix("true", "")
		case falseSpellings[l]:
			return fix("false", "")
		}
	}
	if vals := p.enumValues(); len(vals) > 0 && strings.Contains(reason, "(one of ") {
		var out []string
		for e := range strings.SplitSeq(t, ",") {
			e = strings.TrimSpace(e)
			found := ""
			for _, v := range vals {
				if strings.EqualFold(e, v) {
					found = v
					break
				}
			}
			if found == "" {
				return nil
			}
			out = append(out, found)
		}
		return fix(strings.Join(out, ","), "")
	}
	return nil
}

// product is digits x unit, when it fits the key's type.
func (p Property) product(digits string, unit int64) (*big.Int, bool) {
	n, ok := new(big.Int).SetString(digits, 10)
	if !ok {
		return nil, false
	}
	n.Mul(n, big.NewInt(unit))
	return n, p.fits(n)
}

// fits reports whether n is within the range of the key's integer type.
func (p Property) fits(n *big.Int) bool {
	if !n.IsInt64() {
		return false
	}
	v := n.Int64()
	switch p.Type {
	case "int":
		return v >= math.MinInt32 && v <= math.MaxInt32
	case "short":
		return v >= math.MinInt16 && v <= math.MaxInt16
	}
	return true
}

// maxHint: a converted value too large for the key's type.
func (p Property) maxHint() *model.ValueFix {
	limit := int64(math.MaxInt64)
	switch p.Type {
	case "int":
		limit = math.MaxInt32
	case "short":
		limit = math.MaxInt16
	}
	return &model.ValueFix{Hint: fmt.Sprintf("write a value of at most %d (the largest %s)", limit, p.Type)}
}

// enumValues are the names the valid values list, for enumerations.
func (p Property) enumValues() []string {
	spec := strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(p.ValidValues), "(case insensitive)"))
	var vals []string
	for alt := range strings.SplitSeq(spec, " or ") {
		alt = strings.TrimSpace(alt)
		if i := strings.Index(alt, " ("); i >= 0 {
			alt = strings.TrimSpace(alt[:i])
		}
		if v, ok := parseEnum(alt); ok {
			vals = append(vals, v...)
		}
	}
	return vals
}

// smallerUnit turns a fraction of hours or minutes into a whole number of
// a smaller unit (log.retention.hours=1.5 -> log.retention.minutes=90,
// log.roll.hours=0.5 -> log.roll.ms=1800000).
func smallerUnit(key, t string) (string, string, bool) {
	f, err := javanum.ParseDouble(t)
	if err != nil || !javanum.Finite(f) || f == math.Floor(f) || f < 0 || f > 1e12 {
		return "", "", false
	}
	whole := func(x float64) string { return fmt.Sprintf("%d", int64(math.Round(x))) }
	switch key {
	case "log.retention.hours":
		if m := f * 60; m == math.Floor(m) {
			return "log.retention.minutes", whole(m), true
		}
		return "log.retention.ms", whole(f * 3600000), true
	case "log.roll.hours", "log.roll.jitter.hours":
		return strings.TrimSuffix(key, "hours") + "ms", whole(f * 3600000), true
	case "log.retention.minutes":
		return "log.retention.ms", whole(f * 60000), true
	}
	return "", "", false
}
