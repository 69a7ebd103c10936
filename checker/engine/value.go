package engine

import (
	"errors"
	"fmt"
	"math"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/open-policy-agent/opa/v1/ast"
)

// The policy input is converted from the Go model to an OPA value
// directly, following the encoding/json rules of its struct tags (names,
// omitempty, embedded structs, "-"), so that policies see exactly what
// `streamlint parse` prints, without encoding JSON and parsing it again:
// that round trip was an eighth of a run's CPU time.

// toValue converts a model value (a struct, or a pointer to one) to an
// OPA value.
func toValue(v any) (ast.Value, error) {
	c := converter{strs: map[string]*ast.Term{}}
	return c.valueOf(reflect.ValueOf(v))
}

// converter holds what one conversion shares: a term per distinct string.
// A model repeats few strings many times (each location's file, sources,
// listener names, keys); one term each keeps 5,000 brokers from
// allocating hundreds of thousands of copies.
type converter struct {
	strs map[string]*ast.Term
}

// parallelElems is the length from which a list of structs (thousands of
// brokers in one compose file) is converted in two halves at once: the
// conversion is otherwise a second of one core before any rule runs.
const parallelElems = 512

// elems converts v[from:to] into terms.
func (c *converter) elems(v reflect.Value, terms []*ast.Term, from, to int) error {
	for i := from; i < to; i++ {
		val, err := c.valueOf(v.Index(i))
		if err != nil {
			return err
		}
		terms[i] = c.term(val)
	}
	return nil
}

// parallelElems converts the second half of v on another goroutine, with
// its own string terms (a converter is not shared).
func (c *converter) parallelElems(v reflect.Value, terms []*ast.Term) error {
	half := len(terms) / 2
	other := converter{strs: map[string]*ast.Term{}}
	var wg sync.WaitGroup
	var otherErr error
	wg.Go(func() { otherErr = other.elems(v, terms, half, len(terms)) })
	err := c.elems(v, terms, 0, half)
	wg.Wait()
	return errors.Join(err, otherErr)
}

// term is newTerm, with one term per distinct string.
func (c *converter) term(v ast.Value) *ast.Term {
	s, ok := v.(ast.String)
	if !ok || s == "" {
		return newTerm(v)
	}
	t, seen := c.strs[string(s)]
	if !seen {
		t = ast.NewTerm(s)
		c.strs[string(s)] = t
	}
	return t
}

func (c *converter) valueOf(v reflect.Value) (ast.Value, error) {
	switch v.Kind() {
	case reflect.Invalid:
		return ast.Null{}, nil
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			return ast.Null{}, nil
		}
		return c.valueOf(v.Elem())
	case reflect.Struct:
		return c.structValue(v)
	case reflect.Map:
		if v.IsNil() {
			return ast.Null{}, nil
		}
		if v.Type().Key().Kind() != reflect.String {
			return nil, fmt.Errorf("map key %s is not a string", v.Type().Key())
		}
		terms := make([][2]*ast.Term, 0, v.Len())
		iter := v.MapRange()
		for iter.Next() {
			val, err := c.valueOf(iter.Value())
			if err != nil {
				return nil, err
			}
			terms = append(terms, [2]*ast.Term{c.term(ast.String(validUTF8(iter.Key().String()))), c.term(val)})
		}
		return ast.NewObject(terms...), nil
	case reflect.Slice:
		if v.IsNil() {
			return ast.Null{}, nil
		}
		fallthrough
	case reflect.Array:
		terms := make([]*ast.Term, v.Len())
		if len(terms) >= parallelElems && v.Type().Elem().Kind() == reflect.Struct {
			if err := c.parallelElems(v, terms); err != nil {
				return nil, err
			}
			return ast.NewArray(terms...), nil
		}
		if err := c.elems(v, terms, 0, len(terms)); err != nil {
			return nil, err
		}
		return ast.NewArray(terms...), nil
	case reflect.String:
		return ast.String(validUTF8(v.String())), nil
	case reflect.Bool:
		return ast.Boolean(v.Bool()), nil
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		if n := v.Int(); ast.HasInternedIntNumberTerm(int(n)) && int64(int(n)) == n {
			return ast.InternedTerm(int(n)).Value, nil
		}
		return ast.Number(strconv.FormatInt(v.Int(), 10)), nil
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return ast.Number(strconv.FormatUint(v.Uint(), 10)), nil
	case reflect.Float32, reflect.Float64:
		return floatValue(v.Float(), v.Type().Bits())
	}
	return nil, fmt.Errorf("cannot convert %s to a policy value", v.Type())
}

// newTerm is ast.NewTerm, sharing the terms of the values most fields
// hold: booleans, null, the empty string and small numbers (a policy
// value is never modified, so terms may be shared).
func newTerm(v ast.Value) *ast.Term {
	switch x := v.(type) {
	case ast.Boolean:
		return ast.InternedTerm(bool(x))
	case ast.Null:
		return ast.InternedNullTerm
	case ast.String:
		if x == "" {
			return ast.InternedEmptyString
		}
	case ast.Number:
		if t := ast.InternedIntNumberTermFromString(string(x)); t != nil {
			return t
		}
	}
	return ast.NewTerm(v)
}

// floatValue formats a float as encoding/json does.
func floatValue(f float64, bits int) (ast.Value, error) {
	if math.IsInf(f, 0) || math.IsNaN(f) {
		return nil, fmt.Errorf("unsupported number %v", f)
	}
	format := byte('f')
	if a := math.Abs(f); a != 0 && (bits == 64 && (a < 1e-6 || a >= 1e21) || bits == 32 && (float32(a) < 1e-6 || float32(a) >= 1e21)) {
		format = 'e'
	}
	s := strconv.FormatFloat(f, format, -1, bits)
	if format == 'e' {
		// clean up e-09 to e-9, as encoding/json does
		if n := len(s); n >= 4 && s[n-4] == 'e' && s[n-3] == '-' && s[n-2] == '0' {
			s = s[:n-2] + s[n-1:]
		}
	}
	return ast.Number(s), nil
}

func (c *converter) structValue(v reflect.Value) (ast.Value, error) {
	fields := fieldsOf(v.Type())
	terms := make([][2]*ast.Term, 0, len(fields))
	for _, f := range fields {
		fv, ok := fieldByIndex(v, f.index)
		if !ok || (f.omitEmpty && isEmpty(fv)) {
			continue
		}
		val, err := c.valueOf(fv)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", f.name, err)
		}
		terms = append(terms, [2]*ast.Term{f.key, c.term(val)})
	}
	return ast.NewObject(terms...), nil
}

// fieldByIndex is v.FieldByIndex that stops at a nil embedded pointer.
func fieldByIndex(v reflect.Value, index []int) (reflect.Value, bool) {
	for i, x := range index {
		if i > 0 && v.Kind() == reflect.Pointer {
			if v.IsNil() {
				return reflect.Value{}, false
			}
			v = v.Elem()
		}
		v = v.Field(x)
	}
	return v, true
}

// isEmpty is encoding/json's omitempty test.
func isEmpty(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Array, reflect.Map, reflect.Slice, reflect.String:
		return v.Len() == 0
	case reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr,
		reflect.Float32, reflect.Float64, reflect.Interface, reflect.Pointer:
		return v.IsZero()
	}
	return false
}

// field is one JSON-visible field of a struct type.
type field struct {
	name      string
	key       *ast.Term // name as a term, shared by every value
	index     []int
	omitEmpty bool
}

var fieldCache sync.Map // reflect.Type -> []field

// fieldsOf lists a struct type's JSON fields, with the fields of untagged
// embedded structs promoted; a name at a shallower depth hides the same
// name deeper down, and two at the same depth hide each other, as in
// encoding/json.
func fieldsOf(t reflect.Type) []field {
	if fs, ok := fieldCache.Load(t); ok {
		return fs.([]field)
	}
	all := collectFields(t)
	depth := map[string]int{}
	count := map[string]int{}
	for _, f := range all {
		d, ok := depth[f.name]
		switch {
		case !ok || len(f.index) < d:
			depth[f.name], count[f.name] = len(f.index), 1
		case len(f.index) == d:
			count[f.name]++
		}
	}
	out := make([]field, 0, len(all))
	for _, f := range all {
		if len(f.index) == depth[f.name] && count[f.name] == 1 {
			f.key = ast.StringTerm(f.name)
			out = append(out, f)
		}
	}
	fieldCache.Store(t, out)
	return out
}

func collectFields(t reflect.Type) []field {
	var out []field
	for i := range t.NumField() {
		sf := t.Field(i)
		tag := sf.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		if sf.Anonymous && name == "" {
			et := sf.Type
			if et.Kind() == reflect.Pointer {
				et = et.Elem()
			}
			if et.Kind() == reflect.Struct {
				for _, f := range collectFields(et) {
					out = append(out, field{name: f.name, index: append([]int{i}, f.index...), omitEmpty: f.omitEmpty})
				}
				continue
			}
		}
		if !sf.IsExported() {
			continue
		}
		if name == "" {
			name = sf.Name
		}
		out = append(out, field{name: name, index: []int{i}, omitEmpty: strings.Contains(","+opts+",", ",omitempty,")})
	}
	return out
}

// validUTF8 replaces each byte of invalid UTF-8 with U+FFFD, as
// encoding/json does.
func validUTF8(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b.WriteRune(utf8.RuneError)
		} else {
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}
