package kafka

import (
	"errors"
	"testing"

	"github.com/streamlint/streamlint/checker/model"
)

// TestFix: the correction KAF011 proposes for each kind of invalid value,
// computed in Go (the rule only prints it).
func TestFix(t *testing.T) {
	cat, err := LoadCatalog()
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		key, value string
		want       *model.ValueFix
	}{
		{"message.max.bytes", "10MB", &model.ValueFix{Key: "message.max.bytes", Value: "10485760", Note: " (10 MiB)"}},
		{"log.retention.bytes", "1GiB", &model.ValueFix{Key: "log.retention.bytes", Value: "1073741824", Note: " (1 GiB)"}},
		{"log.retention.check.interval.ms", "5m", &model.ValueFix{Key: "log.retention.check.interval.ms", Value: "300000", Note: " (5 min)"}},
		{"log.retention.bytes", "1e6", &model.ValueFix{Key: "log.retention.bytes", Value: "1000000"}},
		{"num.partitions", `"3"`, &model.ValueFix{Key: "num.partitions", Value: "3", Note: ", without the quotes"}},
		{"log.dirs", `""`, &model.ValueFix{Key: "log.dirs", Note: " (nothing after the =) for an empty value"}},
		{"auto.create.topics.enable", "no", &model.ValueFix{Key: "auto.create.topics.enable", Value: "false"}},
		{"auto.create.topics.enable", "On", &model.ValueFix{Key: "auto.create.topics.enable", Value: "true"}},
		{"compression.type", "GZIP", &model.ValueFix{Key: "compression.type", Value: "gzip"}},
		{"log.cleanup.policy", "Compact, DELETE", &model.ValueFix{Key: "log.cleanup.policy", Value: "compact,delete"}},
		{"log.cleanup.policy", "compact,deleted", &model.ValueFix{Hint: "use only compact, delete"}},
		{"message.max.bytes", "4294967296", &model.ValueFix{Hint: "write a value of at most 2147483647"}},
		{"num.partitions", "0", &model.ValueFix{Hint: "write a value in [1,...]"}},
		{"log.retention.hours", "1.5", &model.ValueFix{Key: "log.retention.minutes", Value: "90", Note: " instead (log.retention.hours takes whole numbers)"}},
		{"log.retention.hours", "0.001", &model.ValueFix{Key: "log.retention.ms", Value: "3600", Note: " instead (log.retention.hours takes whole numbers)"}},
		{"log.roll.hours", "0.5", &model.ValueFix{Key: "log.roll.ms", Value: "1800000", Note: " instead (log.roll.hours takes whole numbers)"}},
		{"log.retention.minutes", "2.5", &model.ValueFix{Key: "log.retention.ms", Value: "150000", Note: " instead (log.retention.minutes takes whole numbers)"}},
		// what made the rule fail when it parsed values itself
		{"log.retention.hours", "24h", nil},
		{"message.max.bytes", "10GB", &model.ValueFix{Hint: "write a value of at most 2147483647 (the largest int)"}},
		{"log.retention.bytes", "1e400", &model.ValueFix{Hint: "write a value of at most 9223372036854775807 (the largest long)"}},
		{"log.retention.bytes", "99999999999999999999999t", &model.ValueFix{Hint: "write a value of at most 9223372036854775807 (the largest long)"}},
		{"log.retention.hours", "NaN", nil},
		{"log.retention.hours", "Infinity", nil},
		{"log.retention.hours", "1e400", &model.ValueFix{Hint: "write a value of at most 2147483647 (the largest int)"}},
		{"num.partitions", "abc", nil},
	}
	for _, c := range cases {
		p, ok := cat.Broker(c.key)
		if !ok {
			t.Fatalf("%s not in the catalog", c.key)
		}
		err := p.Check(c.value)
		if err == nil {
			t.Errorf("%s=%q: Check accepts it", c.key, c.value)
			continue
		}
		got := p.Fix(c.value, err)
		if (got == nil) != (c.want == nil) || got != nil && *got != *c.want {
			t.Errorf("%s=%q (%v): fix %+v, want %+v", c.key, c.value, err, got, c.want)
		}
	}
}

// TestTyped: a setting's type as Kafka reads it, and nothing for what it
// rejects or what no number can carry.
func TestTyped(t *testing.T) {
	cat, err := LoadCatalog()
	if err != nil {
		t.Fatal(err)
	}
	f := func(x float64) *float64 { return &x }
	yes := true
	cases := []struct {
		key, value string
		num, ms    *float64
		b          *bool
	}{
		{"num.partitions", " 3 ", f(3), nil, nil},
		{"num.partitions", "+3", f(3), nil, nil},
		{"log.retention.hours", "24", f(24), f(86400000), nil},
		{"log.retention.hours", "-1", f(-1), f(-1), nil},
		{"log.roll.hours", "2", f(2), f(7200000), nil},
		{"log.retention.bytes", "9223372036854775807", f(9223372036854775807), nil, nil},
		{"log.cleaner.min.cleanable.ratio", "0.5", f(0.5), nil, nil},
		{"auto.create.topics.enable", "TRUE", nil, nil, &yes},
		{"num.partitions", "2147483648", nil, nil, nil},
		{"log.retention.hours", "24h", nil, nil, nil},
		{"log.retention.hours", "1.5", nil, nil, nil},
		{"log.cleaner.min.cleanable.ratio", "NaN", nil, nil, nil},
		{"log.cleaner.min.cleanable.ratio", "1e400", nil, nil, nil},
		{"auto.create.topics.enable", "yes", nil, nil, nil},
	}
	for _, c := range cases {
		p, _ := cat.Broker(c.key)
		v := model.Value{Value: c.value}
		p.Typed(&v)
		if !same(v.Num, c.num) || !same(v.Ms, c.ms) || (v.Bool == nil) != (c.b == nil) || v.Bool != nil && *v.Bool != *c.b {
			t.Errorf("%s=%q: num %v ms %v bool %v", c.key, c.value, deref(v.Num), deref(v.Ms), v.Bool)
		}
	}
}

func same(a, b *float64) bool { return a == nil && b == nil || a != nil && b != nil && *a == *b }

func deref(p *float64) any {
	if p == nil {
		return nil
	}
	return *p
}

// TestNonFiniteDoubleIsAccepted: Kafka reads NaN and Infinity for a
// double (Double.valueOf), so the broker starts; the value is invalid
// but Accepted.
func TestNonFiniteDoubleIsAccepted(t *testing.T) {
	cat, err := LoadCatalog()
	if err != nil {
		t.Fatal(err)
	}
	p, _ := cat.Broker("log.cleaner.min.cleanable.ratio")
	for _, v := range []string{"NaN", "-Infinity", "1e400"} {
		err := p.Check(v)
		var ve *ValueError
		if !errors.As(err, &ve) || !ve.Accepted {
			t.Errorf("%q: %v, want an accepted value error", v, err)
		}
	}
	for _, v := range []string{"nan", "inf", "1_0"} {
		var ve *ValueError
		if err := p.Check(v); err == nil {
			t.Errorf("%q accepted: Double.valueOf rejects it", v)
		} else if errors.As(err, &ve) && ve.Accepted {
			t.Errorf("%q: accepted, but Double.valueOf rejects it", v)
		}
	}
}
