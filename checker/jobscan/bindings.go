package jobscan

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
)

// maxResolve bounds how many name-to-value hops resolve follows.
const maxResolve = 8

// binding is one assignment "name = value" found anywhere in the file.
type binding struct {
	at    int // byte offset of the target name
	value *expr
}

// collectBindings records every simple-name assignment, blocks included.
func (s *scanner) collectBindings(stmts []stmt) {
	for _, st := range stmts {
		if st.value != nil {
			for _, t := range st.targets {
				s.consts[t.text] = append(s.consts[t.text], binding{at: t.start, value: st.value})
			}
		}
		walkStmt(st, func(e *expr) bool {
			if e.kind == eBlock {
				s.collectBindings(e.stmts)
				return false
			}
			return true
		})
	}
}

// sortBindings orders each name's assignments by position, for lookup.
func (s *scanner) sortBindings() {
	for _, bs := range s.consts {
		sort.SliceStable(bs, func(i, j int) bool { return bs[i].at < bs[j].at })
	}
}

// lookup finds the assignment of name in force where it is used: the last
// one before the use, else the only one in the file (a Scala object field
// or a Python constant defined further down).
func (s *scanner) lookup(name token) (binding, bool) {
	bs := s.consts[name.text]
	i := sort.Search(len(bs), func(i int) bool { return bs[i].at >= name.start })
	switch {
	case i > 0:
		return bs[i-1], true
	case len(bs) == 1:
		return bs[0], true
	}
	return binding{}, false
}

// resolve follows plain names to the expression they are bound to.
func (s *scanner) resolve(e *expr) *expr {
	for range maxResolve {
		name, ok := bareName(e)
		if !ok {
			return e
		}
		b, ok := s.lookup(name)
		if !ok || b.value == e {
			return e
		}
		e = b.value
	}
	return e
}

// stringLit evaluates e to a string literal (through names).
func (s *scanner) stringLit(e *expr) (string, token, bool) {
	if e == nil {
		return "", token{}, false
	}
	e = s.resolve(e)
	if e.kind == eStr && !e.interp {
		return e.str, e.tok, true
	}
	return "", token{}, false
}

// literal evaluates e to the text Spark would receive: strings as they
// are, numbers as the language prints them, booleans as true/false.
func (s *scanner) literal(e *expr) (string, token, bool) {
	if e == nil {
		return "", token{}, false
	}
	e = s.resolve(e)
	switch e.kind {
	case eStr:
		if !e.interp {
			return e.str, e.tok, true
		}
	case eNum:
		return s.number(e.str), e.tok, true
	case eChain:
		if name, ok := bareName(e); ok {
			// Python spells booleans True/False, Scala true/false; both
			// reach Spark as "true"/"false".
			switch {
			case s.python && name.text == "True", !s.python && name.text == "true":
				return "true", name, true
			case s.python && name.text == "False", !s.python && name.text == "false":
				return "false", name, true
			}
		}
	case eBinary:
		if v, ok := s.intProduct(e, 0); ok {
			return strconv.FormatInt(v, 10), e.tok, true
		}
	case eUnary:
		if (e.tok.text == "-" || e.tok.text == "+") && len(e.items) == 1 && e.items[0].kind == eNum {
			v := s.number(e.items[0].str)
			if e.tok.text == "-" {
				v = "-" + v
			}
			return v, e.tok, true
		}
	}
	return "", token{}, false
}

// intProduct evaluates a product of integer literals, the way sizes are
// written in code (100 * 1024 * 1024, 64 * MB), to the value
// str()/toString gives; a product that would overflow a Scala Int is left
// alone.
func (s *scanner) intProduct(e *expr, depth int) (int64, bool) {
	if depth > maxResolve || len(e.items) < 2 || len(e.ops) != len(e.items)-1 {
		return 0, false
	}
	for _, op := range e.ops {
		if op.text != "*" {
			return 0, false
		}
	}
	v := int64(1)
	for _, it := range e.items {
		n, ok := s.intFactor(s.resolve(it), depth)
		if !ok || n > math.MaxInt32 || v*n > math.MaxInt32 {
			return 0, false
		}
		v *= n
	}
	return v, true
}

// intFactor is one factor of intProduct: a non-negative integer literal
// or a product of them.
func (s *scanner) intFactor(e *expr, depth int) (int64, bool) {
	switch e.kind {
	case eNum:
		n, err := strconv.ParseInt(s.number(e.str), 10, 64)
		return n, err == nil && n >= 0
	case eBinary:
		return s.intProduct(e, depth+1)
	}
	return 0, false
}

// numeric evaluates e to a number (through names).
func (s *scanner) numeric(e *expr) (float64, token, bool) {
	if e == nil {
		return 0, token{}, false
	}
	e = s.resolve(e)
	sign := 1.0
	tok := e.tok
	if e.kind == eUnary && (e.tok.text == "-" || e.tok.text == "+") && len(e.items) == 1 {
		if e.tok.text == "-" {
			sign = -1
		}
		e = e.items[0]
	}
	if e.kind != eNum {
		return 0, token{}, false
	}
	text := strings.TrimRight(strings.ReplaceAll(e.str, "_", ""), "lLdDfF")
	if len(text) > 2 && text[0] == '0' && strings.ContainsRune("xXoObB", rune(text[1])) {
		n, err := strconv.ParseInt(text, 0, 64)
		return sign * float64(n), tok, err == nil
	}
	f, err := strconv.ParseFloat(text, 64)
	return sign * f, tok, err == nil
}

// number renders a numeric literal the way the language's str()/toString
// would: Python 1_000 -> "1000", 0x10 -> "16", 1e3 -> "1000.0"; Scala
// 1000L -> "1000".
func (s *scanner) number(text string) string {
	t := strings.ReplaceAll(text, "_", "")
	if !s.python {
		t = strings.TrimRight(t, "lL")
		if isFloatSuffixed(t) {
			t = t[:len(t)-1]
			if !strings.ContainsAny(t, ".eE") {
				t += ".0"
			}
			return t
		}
	}
	if len(t) > 2 && t[0] == '0' && strings.ContainsRune("xXoObB", rune(t[1])) {
		if n, err := strconv.ParseInt(t, 0, 64); err == nil {
			return strconv.FormatInt(n, 10)
		}
		return text
	}
	if strings.Trim(t, "0123456789") == "" && t != "" {
		if u := strings.TrimLeft(t, "0"); u != "" {
			return u
		}
		return "0"
	}
	if !s.python {
		return t
	}
	f, err := strconv.ParseFloat(t, 64)
	if err != nil {
		return text
	}
	return pyFloat(f)
}

func isFloatSuffixed(t string) bool {
	if t == "" || strings.HasPrefix(t, "0x") || strings.HasPrefix(t, "0X") {
		return false
	}
	switch t[len(t)-1] {
	case 'd', 'D', 'f', 'F':
		return true
	}
	return false
}

// pyFloat formats f as Python's repr does.
func pyFloat(f float64) string {
	switch {
	case math.IsInf(f, 1):
		return "inf"
	case math.IsInf(f, -1):
		return "-inf"
	case math.IsNaN(f):
		return "nan"
	}
	if a := math.Abs(f); a == 0 || a >= 1e-4 && a < 1e16 {
		out := strconv.FormatFloat(f, 'f', -1, 64)
		if !strings.ContainsRune(out, '.') {
			out += ".0"
		}
		return out
	}
	return strconv.FormatFloat(f, 'e', -1, 64)
}

// maxRaw is the most source text raw quotes.
const maxRaw = 120

// raw is the source text of e, as written, shortened past maxRaw bytes
// (at a word boundary, with an ellipsis and the full length, so that two
// long expressions still compare unequal): calls nested 5,000 deep would
// otherwise quote the rest of the file at every level, output quadratic
// in the file's size.
func (s *scanner) raw(e *expr) string {
	if e == nil {
		return ""
	}
	if e.end-e.start <= maxRaw {
		return s.text(e.start, e.end)
	}
	t := s.text(e.start, e.start+maxRaw)
	if i := strings.LastIndexAny(t, " ,(\t\n"); i > maxRaw/2 {
		t = t[:i]
	}
	return fmt.Sprintf("%s… (%d bytes)", strings.TrimRight(t, " ,(\t\n"), e.end-e.start)
}

// text is the source between two byte offsets, as valid UTF-8.
func (s *scanner) text(start, end int) string {
	if start < 0 || end > len(s.src) || start > end {
		return ""
	}
	return strings.ToValidUTF8(string(s.src[start:end]), "\uFFFD")
}

// conversions are collection links that do not change the elements.
var conversions = map[string]bool{
	"toSet": true, "toList": true, "toSeq": true, "toArray": true, "toIndexedSeq": true,
	"toVector": true, "asJava": true, "asScala": true,
}

// stripConversions drops trailing .toSet/.toList/... links.
func stripConversions(e *expr) *expr {
	if e.kind != eChain {
		return e
	}
	n := len(e.segs)
	for n > 1 && conversions[e.segs[n-1].name.text] {
		if g := e.segs[n-1].call(); g != nil && len(g.args) > 0 {
			break
		}
		n--
	}
	if n == len(e.segs) {
		return e
	}
	c := *e
	c.segs = e.segs[:n]
	return &c
}

// collectionCalls are constructors whose arguments are the elements.
var collectionCalls = map[string]bool{
	"Array": true, "Set": true, "List": true, "Seq": true, "Vector": true, "Iterable": true,
	"IndexedSeq": true, "asList": true, "singletonList": true, "singleton": true, "of": true,
	"list": true, "set": true, "tuple": true, "frozenset": true,
}

// stringList evaluates a literal collection of strings: a Python list,
// tuple or set (dict: its keys), Scala Array/Set/List/Seq(...), or
// "a,b".split(","). It returns nil, false when any element is not a
// literal.
func (s *scanner) stringList(e *expr) ([]string, bool) {
	if e == nil {
		return nil, false
	}
	e = stripConversions(s.resolve(e))
	e = stripConversions(s.resolve(e))
	var items []*expr
	switch e.kind {
	case eStr:
		if e.interp {
			return nil, false
		}
		return []string{e.str}, true
	case eSeq:
		items = e.items
	case eChain:
		last := e.segs[len(e.segs)-1]
		g := last.call()
		if g == nil {
			return nil, false
		}
		if last.name.text == "split" && len(e.segs) > 0 {
			sep, _, ok := s.stringLit(g.arg(0, "sep"))
			if !ok {
				return nil, false
			}
			base := &expr{kind: eChain, tok: e.tok, base: e.base, segs: e.segs[:len(e.segs)-1]}
			if len(base.segs) == 0 {
				base = e.base
			}
			str, _, ok := s.stringLit(base)
			if !ok || sep == "" {
				return nil, false
			}
			var out []string
			for _, part := range strings.Split(str, sep) {
				if part = strings.TrimSpace(part); part != "" {
					out = append(out, part)
				}
			}
			return out, true
		}
		if !collectionCalls[last.name.text] {
			return nil, false
		}
		items = g.args
	default:
		return nil, false
	}
	out := make([]string, 0, len(items))
	for _, it := range items {
		if it.kind == eBinary && len(it.ops) > 0 && it.ops[0].text == ":" {
			it = it.items[0] // dict key
		}
		v, _, ok := s.stringLit(it)
		if !ok {
			return nil, false
		}
		out = append(out, v)
	}
	return out, true
}

// pair is one key/value of a literal map.
type pair struct {
	key   string
	value *expr
}

// maxPairs bounds the entries (and nested expansions) one map expression
// may expand to.
const maxPairs = 1000

// pairs evaluates a literal map: a Python dict {...} or dict(k=v), a Scala
// Map("k" -> v), or a list/Seq of ("k", v) tuples. It returns the entries
// it could read; ok is false when the shape is not recognised or some
// entry (a key that is not a literal, **unknown) could not be read.
func (s *scanner) pairs(e *expr) ([]pair, bool) {
	budget := maxPairs
	return s.expandPairs(e, map[*expr]bool{}, &budget)
}

// expandPairs is pairs with the maps being expanded (a dict may unpack
// itself: opts = {**opts, "k": v}) and a budget of entries.
func (s *scanner) expandPairs(e *expr, expanding map[*expr]bool, budget *int) ([]pair, bool) {
	if e == nil {
		return nil, false
	}
	e = stripConversions(s.resolve(e))
	if expanding[e] || *budget <= 0 {
		return nil, false
	}
	*budget-- // every expansion costs, so that {**a, **a, ...} nests stay cheap
	expanding[e] = true
	defer delete(expanding, e)
	var items []*expr
	switch e.kind {
	case eSeq:
		items = e.items
	case eChain:
		last := e.segs[len(e.segs)-1]
		g := last.call()
		if g == nil || last.name.text != "Map" && last.name.text != "dict" && !collectionCalls[last.name.text] {
			return nil, false
		}
		items = g.args
	default:
		return nil, false
	}
	out := make([]pair, 0, len(items))
	all := true // every entry was read
	for _, it := range items {
		var k, v *expr
		switch {
		case it.kind == eKwarg && len(it.items) == 1:
			k, v = nil, it.items[0]
		case it.kind == eUnary && it.tok.text == "**" && len(it.items) == 1:
			more, ok := s.expandPairs(it.items[0], expanding, budget)
			out = append(out, more...)
			all = all && ok
			continue
		case it.kind == eBinary && len(it.items) == 2 && len(it.ops) == 1 &&
			(it.ops[0].text == ":" || it.ops[0].text == "->" || it.ops[0].text == "→"):
			k, v = it.items[0], it.items[1]
		case it.kind == eSeq && it.open == "(" && len(it.items) == 2:
			k, v = it.items[0], it.items[1]
		default:
			all = false
			continue
		}
		key, _, ok := s.stringLit(k)
		if k == nil {
			key, ok = it.name.text, true // name=value
		}
		if !ok || *budget <= 0 {
			all = false
			continue
		}
		out = append(out, pair{key: key, value: v})
		*budget--
	}
	return out, all
}
