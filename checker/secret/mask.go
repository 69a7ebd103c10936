package secret

import (
	"reflect"
	"strings"
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
		if s == "" || s == Marker || placeholderRe.MatchString(s) {
			continue
		}
		if m.exact == nil {
			m.exact = map[string]bool{}
		}
		if m.exact[s] {
			continue
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
// service's name does not rename the service.
func (m *Masker) MaskAll(ptr any, identifiers map[string]bool) {
	m.walk(reflect.ValueOf(ptr), false, identifiers)
}

func (m *Masker) walk(v reflect.Value, ident bool, identifiers map[string]bool) {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			m.walk(v.Elem(), ident, identifiers)
		}
	case reflect.Struct:
		t := v.Type()
		for i := range v.NumField() {
			if f := t.Field(i); f.IsExported() {
				m.walk(v.Field(i), identifiers[f.Name], identifiers)
			}
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			m.walk(v.Index(i), ident, identifiers)
		}
	case reflect.Map:
		if v.IsNil() {
			return
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
		for _, e := range entries {
			old := reflect.New(e.k.Type()).Elem()
			old.Set(e.k)
			m.walk(e.k, true, identifiers)
			m.walk(e.v, ident, identifiers)
			if !old.Equal(e.k) {
				v.SetMapIndex(old, reflect.Value{})
			}
			v.SetMapIndex(e.k, e.v)
		}
	case reflect.String:
		if !v.CanSet() {
			return
		}
		s := v.String()
		var t string
		if ident {
			t = Redact(s)
		} else {
			t = m.Mask(s)
		}
		if t != s {
			v.SetString(t)
		}
	}
}
