package secret

import (
	"reflect"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
)

// Masker masks known secret values wherever they appear: a secret reused
// through a YAML alias, interpolated into another variable, or repeated
// under a name that does not look secret. A value equal to a secret is
// masked whatever its length; a secret is also masked inside longer
// strings when it is distinctive (Distinctive), so that a common word used
// as a password ("kafka") does not mask every service of that name.
// The zero value is empty and ready to use; a Masker is not safe for
// concurrent Add, but Mask may run concurrently once it is filled.
type Masker struct {
	exact map[string]bool
	subs  []string // distinctive secrets, in the order added
	// matcher finds the distinctive secrets in a string, built by the
	// first Mask after an Add
	matcher atomic.Pointer[subMatcher]
}

// Add records a secret value (surrounding spaces and quotes removed).
func (m *Masker) Add(v string) {
	v = strings.TrimSpace(v)
	for _, s := range []string{v, unquote(v)} {
		if m.exact[s] || s == "" || s == Marker || placeholderRe.MatchString(s) {
			continue // known (never a placeholder), or not a secret
		}
		if m.exact == nil {
			m.exact = map[string]bool{}
		}
		m.exact[s] = true
		if Distinctive(s) {
			m.subs = append(m.subs, s)
			m.matcher.Store(nil)
		}
	}
}

// Distinctive reports whether a secret is unlikely to occur by chance in
// other text: at least 6 characters of at least two kinds (lower case,
// upper case, digits, others), or at least 16 characters.
func Distinctive(s string) bool {
	if len(s) >= 16 {
		return true
	}
	if len(s) < 6 {
		return false
	}
	var lower, upper, digit, other int
	for _, r := range s {
		switch {
		case unicode.IsLower(r):
			lower = 1
		case unicode.IsUpper(r):
			upper = 1
		case unicode.IsDigit(r):
			digit = 1
		default:
			other = 1
		}
	}
	return lower+upper+digit+other >= 2
}

// Mask masks the recorded secrets in s, then what Redact recognises. A
// distinctive secret inside s is replaced as replacing each in turn,
// longest first, would replace it, in one pass over s (subMatcher).
func (m *Masker) Mask(s string) string {
	if m != nil && len(m.exact) > 0 {
		if m.exact[strings.TrimSpace(s)] || m.exact[unquote(strings.TrimSpace(s))] {
			return Marker
		}
		if len(m.subs) > 0 {
			s = m.subMatcher().replace(s)
		}
	}
	return Redact(s)
}

// subMatcher returns the matcher of the distinctive secrets, building it
// when an Add changed them (concurrent Masks may each build one: the
// same).
func (m *Masker) subMatcher() *subMatcher {
	if sm := m.matcher.Load(); sm != nil {
		return sm
	}
	sm := newSubMatcher(m.subs)
	m.matcher.Store(sm)
	return sm
}

// MaskAll masks every string reachable from ptr (a pointer to a struct,
// through fields, slices, maps and pointers), in place: values through
// Mask; fields named in identifiers (service names, files, keys, hosts),
// and map keys, only through Redact, so that a password equal to a
// service's name does not rename the service. Each distinct string is
// masked once.
func (m *Masker) MaskAll(ptr any, identifiers map[string]bool) {
	w := &walker{m: m, identifiers: identifiers, masked: map[string]string{}, redacted: map[string]string{}}
	w.walk(reflect.ValueOf(ptr), false)
}

// walker is the work of MaskAll: what it has masked, as values and as
// identifiers.
type walker struct {
	m                *Masker
	identifiers      map[string]bool
	masked, redacted map[string]string
}

func (w *walker) mask(s string, ident bool) string {
	memo, f := w.masked, w.m.Mask
	if ident {
		memo, f = w.redacted, Redact
	}
	t, ok := memo[s]
	if !ok {
		t = f(s)
		memo[s] = t
	}
	return t
}

// walk masks the strings reachable from v, and reports whether it
// changed one.
func (w *walker) walk(v reflect.Value, ident bool) bool {
	changed := false
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			changed = w.walk(v.Elem(), ident)
		}
	case reflect.Struct:
		t := v.Type()
		for i := range v.NumField() {
			if f := t.Field(i); f.IsExported() {
				changed = w.walk(v.Field(i), w.identifiers[f.Name]) || changed
			}
		}
	case reflect.Slice, reflect.Array:
		if v.Len() >= parallelWalk && v.Type().Elem().Kind() == reflect.Struct {
			return w.walkHalves(v, ident)
		}
		for i := range v.Len() {
			changed = w.walk(v.Index(i), ident) || changed
		}
	case reflect.Map:
		changed = w.walkMap(v, ident)
	case reflect.String:
		if !v.CanSet() {
			return false
		}
		s := v.String()
		if t := w.mask(s, ident); t != s {
			v.SetString(t)
			changed = true
		}
	}
	return changed
}

// parallelWalk is the length from which a list of structs (thousands of
// brokers) is walked in two halves at once, each half by its own walker.
const parallelWalk = 512

// walkHalves walks the second half of a list on another goroutine; the
// halves' elements are distinct, so each is changed by one walker only.
func (w *walker) walkHalves(v reflect.Value, ident bool) bool {
	half := v.Len() / 2
	other := &walker{m: w.m, identifiers: w.identifiers, masked: map[string]string{}, redacted: map[string]string{}}
	var wg sync.WaitGroup
	otherChanged := false
	wg.Go(func() {
		for i := half; i < v.Len(); i++ {
			otherChanged = other.walk(v.Index(i), ident) || otherChanged
		}
	})
	changed := false
	for i := range half {
		changed = w.walk(v.Index(i), ident) || changed
	}
	wg.Wait()
	return changed || otherChanged
}

// walkMap masks a map's keys (as identifiers) and values, on copies of
// its entries, and puts back those that changed.
func (w *walker) walkMap(v reflect.Value, ident bool) bool {
	if v.IsNil() {
		return false
	}
	iter := v.MapRange()
	type entry struct{ k, v reflect.Value }
	var entries []entry
	for iter.Next() {
		k := reflect.New(iter.Key().Type()).Elem()
		k.Set(iter.Key())
		e := reflect.New(iter.Value().Type()).Elem()
		e.Set(iter.Value())
		entries = append(entries, entry{k, e})
	}
	changed := false
	for _, e := range entries {
		old := reflect.New(e.k.Type()).Elem()
		old.Set(e.k)
		keyChanged := w.walk(e.k, true)
		if !w.walk(e.v, ident) && !keyChanged {
			continue
		}
		changed = true
		if keyChanged {
			v.SetMapIndex(old, reflect.Value{})
		}
		v.SetMapIndex(e.k, e.v)
	}
	return changed
}
