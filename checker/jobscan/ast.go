package jobscan

// exprKind classifies the nodes of the loose expression tree the parser
// builds. The tree keeps only what the recogniser needs: call chains,
// literals, collections, keyword arguments and blocks; everything else is
// an operator node whose operands are still visited.
type exprKind uint8

const (
	eStr    exprKind = iota // string (or Scala char) literal, adjacent Python literals joined
	eNum                    // numeric literal
	eChain                  // name or base followed by .name, (args), [args], {block}
	eSeq                    // tuple (...), list [...], Python dict/set {...}
	eBlock                  // Scala { statements }
	eKwarg                  // name = value inside a call
	eUnary                  // prefix operator (-, !, not, *, **, lambda) and its operand
	eBinary                 // operands joined by infix operators, flattened
)

// expr is one node. Which fields are set depends on kind.
type expr struct {
	kind  exprKind
	tok   token // first token: literal, head name, operator or opener
	start int   // byte range of the source text
	end   int

	str    string // eStr: decoded value
	interp bool   // eStr: has an unresolvable substitution

	base *expr     // eChain: a head that is not a name (string, number, tuple)
	segs []segment // eChain: .name links; the first holds the head name

	items []*expr // eSeq items; eUnary operand; eBinary operands; eKwarg value
	ops   []token // eBinary operators, len(items)-1 or fewer
	open  string  // eSeq opener

	stmts []stmt // eBlock
	name  token  // eKwarg name
}

// segment is one link of a chain: a name and the bracket groups applied to
// it, in order (f[T](a)(b) has two groups after f).
type segment struct {
	name   token // tIdent; zero token when groups apply directly to a base
	groups []group
}

// group is one bracketed argument list.
type group struct {
	open token // "(", "[" or "{" (a Scala block argument)
	args []*expr
}

// stmt is one statement: optional simple-name assignment targets, the
// assigned value, and any other expressions found in it.
type stmt struct {
	targets []token
	value   *expr
	exprs   []*expr
}

// call returns the first parenthesised (or Scala brace) argument group of
// the segment, or nil.
func (s *segment) call() *group {
	for i := range s.groups {
		if o := s.groups[i].open.text; o == "(" || o == "{" {
			return &s.groups[i]
		}
	}
	return nil
}

// bareName returns the identifier when e is a plain name with no links.
func bareName(e *expr) (token, bool) {
	if e == nil || e.kind != eChain || e.base != nil || len(e.segs) != 1 || len(e.segs[0].groups) != 0 {
		return token{}, false
	}
	return e.segs[0].name, true
}

// positional returns the positional (non-keyword, non-star) arguments.
func (g *group) positional() []*expr {
	if g == nil {
		return nil
	}
	out := make([]*expr, 0, len(g.args))
	for _, a := range g.args {
		if a.kind == eKwarg || a.kind == eUnary && (a.tok.text == "*" || a.tok.text == "**") {
			continue
		}
		out = append(out, a)
	}
	return out
}

// kwarg returns the value of keyword argument name, or nil.
func (g *group) kwarg(name string) *expr {
	if g == nil {
		return nil
	}
	for _, a := range g.args {
		if a.kind == eKwarg && a.name.text == name && len(a.items) == 1 {
			return a.items[0]
		}
	}
	return nil
}

// arg returns keyword argument name if present, else positional argument i.
func (g *group) arg(i int, name string) *expr {
	if v := g.kwarg(name); v != nil {
		return v
	}
	if pos := g.positional(); i < len(pos) {
		return pos[i]
	}
	return nil
}

// walk calls fn on e and every node below it, depth first. It stops
// descending where fn returns false.
func walk(e *expr, fn func(*expr) bool) {
	if e == nil || !fn(e) {
		return
	}
	walk(e.base, fn)
	for i := range e.segs {
		for _, g := range e.segs[i].groups {
			for _, a := range g.args {
				walk(a, fn)
			}
		}
	}
	for _, it := range e.items {
		walk(it, fn)
	}
	for _, s := range e.stmts {
		walkStmt(s, fn)
	}
}

func walkStmt(s stmt, fn func(*expr) bool) {
	for _, e := range s.exprs {
		walk(e, fn)
	}
	walk(s.value, fn)
}
