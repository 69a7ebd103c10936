package engine

import (
	"encoding/binary"
	"errors"
	"fmt"

	"github.com/open-policy-agent/opa/v1/ast"
)

// astcodec writes compiled modules in a compact binary form and reads
// them back: reading is a few times cheaper than parsing the modules'
// Rego, and keeps every location (file, row, column) of the sources,
// which printed Rego would not. It knows the node kinds that compiled
// modules hold; a kind it does not know fails the encoding (at generation
// time), never the decoding of a set it wrote.

const codecMagic = "SLAST2"

// value tags
const (
	tagNil byte = iota
	tagNull
	tagFalse
	tagTrue
	tagNumber
	tagString
	tagVar
	tagRef
	tagArray
	tagObject
	tagSet
	tagArrayCompr
	tagObjectCompr
	tagSetCompr
	tagCall
)

// expression term kinds
const (
	exprTerm byte = iota
	exprCall
	exprSome
	exprEvery
)

// expression flags
const (
	flagNegated = 1 << iota
	flagGenerated
)

type encoder struct {
	buf     []byte
	strs    map[string]int
	strList []string
	terms   int
	exprs   int
	locs    int
	err     error
}

func (e *encoder) uint(v int) {
	if v < 0 {
		e.fail(fmt.Errorf("negative count %d", v))
		v = 0
	}
	e.buf = binary.AppendUvarint(e.buf, uint64(v))
}

func (e *encoder) fail(err error) {
	if e.err == nil {
		e.err = err
	}
}

func (e *encoder) str(s string) {
	i, ok := e.strs[s]
	if !ok {
		i = len(e.strList)
		e.strs[s] = i
		e.strList = append(e.strList, s)
	}
	e.uint(i)
}

func (e *encoder) loc(l *ast.Location) {
	if l == nil {
		e.uint(0)
		return
	}
	e.locs++
	e.uint(1)
	e.str(l.File)
	e.uint(l.Row)
	e.uint(l.Col)
}

func (e *encoder) term(t *ast.Term) {
	if t == nil {
		e.buf = append(e.buf, tagNil)
		return
	}
	e.terms++
	switch v := t.Value.(type) {
	case ast.Null:
		e.buf = append(e.buf, tagNull)
	case ast.Boolean:
		if v {
			e.buf = append(e.buf, tagTrue)
		} else {
			e.buf = append(e.buf, tagFalse)
		}
	case ast.Number:
		e.buf = append(e.buf, tagNumber)
		e.str(string(v))
	case ast.String:
		e.buf = append(e.buf, tagString)
		e.str(string(v))
	case ast.Var:
		e.buf = append(e.buf, tagVar)
		e.str(string(v))
	case ast.Ref:
		e.buf = append(e.buf, tagRef)
		e.terms2(v)
	case *ast.Array:
		e.buf = append(e.buf, tagArray)
		e.uint(v.Len())
		v.Foreach(e.term)
	case ast.Object:
		e.buf = append(e.buf, tagObject)
		e.uint(v.Len())
		v.Foreach(func(k, x *ast.Term) {
			e.term(k)
			e.term(x)
		})
	case ast.Set:
		e.buf = append(e.buf, tagSet)
		e.uint(v.Len())
		v.Foreach(e.term)
	case *ast.ArrayComprehension:
		e.buf = append(e.buf, tagArrayCompr)
		e.term(v.Term)
		e.body(v.Body)
	case *ast.ObjectComprehension:
		e.buf = append(e.buf, tagObjectCompr)
		e.term(v.Key)
		e.term(v.Value)
		e.body(v.Body)
	case *ast.SetComprehension:
		e.buf = append(e.buf, tagSetCompr)
		e.term(v.Term)
		e.body(v.Body)
	case ast.Call:
		e.buf = append(e.buf, tagCall)
		e.terms2(v)
	default:
		e.fail(fmt.Errorf("%v: cannot encode a %T", t.Location, t.Value))
		e.buf = append(e.buf, tagNull)
		return
	}
	e.loc(t.Location)
}

func (e *encoder) terms2(ts []*ast.Term) {
	e.uint(len(ts))
	for _, t := range ts {
		e.term(t)
	}
}

func (e *encoder) body(b ast.Body) {
	e.uint(len(b))
	for _, x := range b {
		e.expr(x)
	}
}

func (e *encoder) expr(x *ast.Expr) {
	e.exprs++
	var flags int
	if x.Negated {
		flags |= flagNegated
	}
	if x.Generated {
		flags |= flagGenerated
	}
	e.uint(flags)
	e.uint(x.Index)
	e.loc(x.Location)
	switch ts := x.Terms.(type) {
	case *ast.Term:
		e.buf = append(e.buf, exprTerm)
		e.term(ts)
	case []*ast.Term:
		e.buf = append(e.buf, exprCall)
		e.terms2(ts)
	case *ast.SomeDecl:
		e.buf = append(e.buf, exprSome)
		e.terms2(ts.Symbols)
		e.loc(ts.Location)
	case *ast.Every:
		e.buf = append(e.buf, exprEvery)
		e.term(ts.Key)
		e.term(ts.Value)
		e.term(ts.Domain)
		e.body(ts.Body)
		e.loc(ts.Location)
	default:
		e.fail(fmt.Errorf("%v: cannot encode an expression of %T", x.Location, x.Terms))
		e.buf = append(e.buf, exprTerm)
		e.term(nil)
	}
	e.uint(len(x.With))
	for _, w := range x.With {
		e.term(w.Target)
		e.term(w.Value)
		e.loc(w.Location)
	}
}

func (e *encoder) rule(r *ast.Rule) {
	if r.Default {
		e.uint(1)
	} else {
		e.uint(0)
	}
	e.loc(r.Location)
	h := r.Head
	e.str(string(h.Name))
	e.terms2(h.Reference)
	e.terms2(h.Args)
	e.term(h.Key)
	e.term(h.Value)
	if h.Assign {
		e.uint(1)
	} else {
		e.uint(0)
	}
	e.loc(h.Location)
	e.body(r.Body)
	if r.Else != nil {
		e.uint(1)
		e.rule(r.Else)
	} else {
		e.uint(0)
	}
}

// encodeModules writes compiled modules, in the order of paths.
func encodeModules(paths []string, mods map[string]*ast.Module) ([]byte, error) {
	e := &encoder{strs: map[string]int{}}
	for _, p := range paths {
		m := mods[p]
		if len(m.Imports) > 0 {
			return nil, fmt.Errorf("%s: compiled module still has imports", p)
		}
		e.str(p)
		e.terms2(m.Package.Path)
		e.loc(m.Package.Location)
		e.uint(len(m.Rules))
		for _, r := range m.Rules {
			e.rule(r)
		}
	}
	if e.err != nil {
		return nil, e.err
	}
	var out []byte
	out = append(out, codecMagic...)
	for _, n := range []int{len(paths), e.terms, e.exprs, e.locs, len(e.strList)} {
		out = binary.AppendUvarint(out, uint64(n))
	}
	for _, s := range e.strList {
		out = binary.AppendUvarint(out, uint64(len(s)))
		out = append(out, s...)
	}
	return append(out, e.buf...), nil
}

var errCorrupt = errors.New("precompiled modules are corrupt")

type decoder struct {
	buf   []byte
	strs  []string
	terms []ast.Term
	exprs []ast.Expr
	locs  []ast.Location
	err   error
}

func (d *decoder) uint() int {
	v, n := binary.Uvarint(d.buf)
	if n <= 0 || v > 1<<31 {
		d.err = errCorrupt
		d.buf = nil
		return 0
	}
	d.buf = d.buf[n:]
	return int(v)
}

func (d *decoder) byte() byte {
	if len(d.buf) == 0 {
		d.err = errCorrupt
		return 0
	}
	b := d.buf[0]
	d.buf = d.buf[1:]
	return b
}

func (d *decoder) str() string {
	i := d.uint()
	if i >= len(d.strs) {
		d.err = errCorrupt
		return ""
	}
	return d.strs[i]
}

func (d *decoder) loc() *ast.Location {
	if d.uint() == 0 {
		return nil
	}
	var l *ast.Location
	if len(d.locs) > 0 {
		l, d.locs = &d.locs[0], d.locs[1:]
	} else {
		l = new(ast.Location)
	}
	l.File = d.str()
	l.Row = d.uint()
	l.Col = d.uint()
	return l
}

func (d *decoder) newTerm() *ast.Term {
	if len(d.terms) > 0 {
		t := &d.terms[0]
		d.terms = d.terms[1:]
		return t
	}
	return new(ast.Term)
}

func (d *decoder) term() *ast.Term {
	tag := d.byte()
	if tag == tagNil || d.err != nil {
		return nil
	}
	t := d.newTerm()
	switch tag {
	case tagNull:
		t.Value = ast.Null{}
	case tagFalse:
		t.Value = ast.Boolean(false)
	case tagTrue:
		t.Value = ast.Boolean(true)
	case tagNumber:
		t.Value = ast.Number(d.str())
	case tagString:
		t.Value = ast.String(d.str())
	case tagVar:
		t.Value = ast.Var(d.str())
	case tagRef:
		t.Value = ast.Ref(d.termList())
	case tagArray:
		t.Value = ast.NewArray(d.termList()...)
	case tagObject:
		n := d.uint()
		items := make([][2]*ast.Term, n)
		for i := range items {
			items[i] = [2]*ast.Term{d.term(), d.term()}
		}
		t.Value = ast.NewObject(items...)
	case tagSet:
		t.Value = ast.NewSet(d.termList()...)
	case tagArrayCompr:
		c := &ast.ArrayComprehension{Term: d.term()}
		c.Body = d.body()
		t.Value = c
	case tagObjectCompr:
		c := &ast.ObjectComprehension{Key: d.term()}
		c.Value = d.term()
		c.Body = d.body()
		t.Value = c
	case tagSetCompr:
		c := &ast.SetComprehension{Term: d.term()}
		c.Body = d.body()
		t.Value = c
	case tagCall:
		t.Value = ast.Call(d.termList())
	default:
		d.err = errCorrupt
		return nil
	}
	t.Location = d.loc()
	return t
}

func (d *decoder) termList() []*ast.Term {
	n := d.uint()
	if n > len(d.buf) {
		d.err = errCorrupt
		return nil
	}
	ts := make([]*ast.Term, n)
	for i := range ts {
		ts[i] = d.term()
	}
	return ts
}

func (d *decoder) body() ast.Body {
	n := d.uint()
	if n > len(d.buf) {
		d.err = errCorrupt
		return nil
	}
	b := make(ast.Body, n)
	for i := range b {
		b[i] = d.expr()
	}
	return b
}

func (d *decoder) expr() *ast.Expr {
	var x *ast.Expr
	if len(d.exprs) > 0 {
		x, d.exprs = &d.exprs[0], d.exprs[1:]
	} else {
		x = new(ast.Expr)
	}
	flags := d.uint()
	x.Negated = flags&flagNegated != 0
	x.Generated = flags&flagGenerated != 0
	x.Index = d.uint()
	x.Location = d.loc()
	switch d.byte() {
	case exprTerm:
		x.Terms = d.term()
	case exprCall:
		x.Terms = d.termList()
	case exprSome:
		s := &ast.SomeDecl{Symbols: d.termList()}
		s.Location = d.loc()
		x.Terms = s
	case exprEvery:
		ev := &ast.Every{Key: d.term()}
		ev.Value = d.term()
		ev.Domain = d.term()
		ev.Body = d.body()
		ev.Location = d.loc()
		x.Terms = ev
	default:
		d.err = errCorrupt
	}
	if n := d.uint(); n > 0 {
		x.With = make([]*ast.With, n)
		for i := range x.With {
			w := &ast.With{Target: d.term()}
			w.Value = d.term()
			w.Location = d.loc()
			x.With[i] = w
		}
	}
	return x
}

func (d *decoder) rule(m *ast.Module) *ast.Rule {
	r := &ast.Rule{Module: m, Default: d.uint() == 1}
	r.Location = d.loc()
	h := &ast.Head{Name: ast.Var(d.str())}
	h.Reference = ast.Ref(d.termList())
	if args := d.termList(); len(args) > 0 {
		h.Args = args
	}
	h.Key = d.term()
	h.Value = d.term()
	h.Assign = d.uint() == 1
	h.Location = d.loc()
	r.Head = h
	r.Body = d.body()
	if d.uint() == 1 {
		r.Else = d.rule(m)
	}
	return r
}

// decodeModules reads what encodeModules wrote.
func decodeModules(data []byte) (map[string]*ast.Module, error) {
	rest, ok := cutPrefix(data, codecMagic)
	if !ok {
		return nil, errCorrupt
	}
	d := &decoder{buf: rest}
	nMods, nTerms, nExprs, nLocs, nStrs := d.uint(), d.uint(), d.uint(), d.uint(), d.uint()
	if d.err != nil || nTerms > len(data) || nExprs > len(data) || nLocs > len(data) || nStrs > len(data) {
		return nil, errCorrupt
	}
	d.strs = make([]string, nStrs)
	// one string holds the table: the decoded terms share it instead of
	// allocating each of their strings
	blob := string(d.buf)
	for i := range d.strs {
		n := d.uint()
		if d.err != nil || n > len(d.buf) {
			return nil, errCorrupt
		}
		off := len(blob) - len(d.buf)
		d.strs[i] = blob[off : off+n]
		d.buf = d.buf[n:]
	}
	d.terms = make([]ast.Term, nTerms)
	d.exprs = make([]ast.Expr, nExprs)
	d.locs = make([]ast.Location, nLocs)
	mods := make(map[string]*ast.Module, nMods)
	for range nMods {
		p := d.str()
		m := &ast.Module{Package: &ast.Package{Path: ast.Ref(d.termList())}}
		m.Package.Location = d.loc()
		m.SetRegoVersionSpan(ast.RegoVersionSpanOf(ast.RegoV1))
		n := d.uint()
		if n > len(d.buf) {
			return nil, errCorrupt
		}
		m.Rules = make([]*ast.Rule, n)
		for i := range m.Rules {
			m.Rules[i] = d.rule(m)
		}
		if d.err != nil {
			return nil, d.err
		}
		mods[p] = m
	}
	if len(d.buf) != 0 {
		return nil, errCorrupt
	}
	return mods, nil
}

func cutPrefix(b []byte, prefix string) ([]byte, bool) {
	if len(b) < len(prefix) || string(b[:len(prefix)]) != prefix {
		return nil, false
	}
	return b[len(prefix):], true
}
