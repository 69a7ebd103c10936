package jobscan

import "fmt"

// maxNesting bounds bracket nesting; deeper groups are skipped whole so
// that adversarial input cannot exhaust the stack.
const maxNesting = 200

// Keywords that can never start an expression. The parser skips them and
// goes on with what follows (return x, if cond:, val x = ..., ...).
var (
	pyKeywords = map[string]bool{
		"and": true, "as": true, "assert": true, "async": true, "break": true, "class": true,
		"continue": true, "def": true, "del": true, "elif": true, "else": true, "except": true,
		"finally": true, "for": true, "from": true, "global": true, "if": true, "import": true,
		"in": true, "is": true, "nonlocal": true, "or": true, "pass": true, "raise": true,
		"return": true, "try": true, "while": true, "with": true, "yield": true,
	}
	scalaKeywords = map[string]bool{
		"abstract": true, "case": true, "catch": true, "class": true, "def": true, "do": true,
		"else": true, "extends": true, "final": true, "finally": true, "for": true, "forSome": true,
		"if": true, "implicit": true, "import": true, "lazy": true, "match": true, "object": true,
		"override": true, "package": true, "private": true, "protected": true, "return": true,
		"sealed": true, "throw": true, "trait": true, "try": true, "type": true, "val": true,
		"var": true, "while": true, "with": true, "yield": true, "given": true, "using": true,
		"enum": true, "then": true, "export": true,
	}
	// Keywords that join two expressions.
	pyInfixKeywords    = map[string]bool{"and": true, "or": true, "in": true, "is": true, "if": true, "else": true, "for": true}
	scalaInfixKeywords = map[string]bool{"match": true, "with": true, "extends": true, "else": true, "yield": true, "catch": true, "finally": true}
	// Keywords that, first on a line inside (...) or [...], show that a
	// bracket was left open: the group is closed there.
	pyStatementStarts    = map[string]bool{"def": true, "class": true, "import": true, "from": true}
	scalaStatementStarts = map[string]bool{"def": true, "val": true, "var": true, "object": true, "class": true, "import": true, "package": true, "trait": true}
)

// parseIssue is a structural problem worth a note.
type parseIssue struct {
	tok token
	msg string
}

// frame is one open bracket. In a block frame (top level, Scala braces)
// line breaks separate statements; elsewhere they are insignificant.
type frame struct {
	closer string
	block  bool
}

// parser builds statements and loose expression trees from tokens. It
// never fails: what it cannot read it skips, one token at a time.
type parser struct {
	toks      []token
	pos       int
	python    bool
	frames    []frame
	stmtStart int // index of the current statement's first token
	issues    []parseIssue
	deepNoted bool
	depth     int // nesting of expr calls (lambda bodies, groups)
}

func parse(toks []token, lang Language) ([]stmt, []parseIssue) {
	p := &parser{toks: toks, python: lang == Python}
	stmts := p.statements("")
	return stmts, p.issues
}

// peek returns the next token (the final EOF token at the end). The
// pointer stays valid: the token slice is never modified.
func (p *parser) peek() *token {
	if p.pos < len(p.toks) {
		return &p.toks[p.pos]
	}
	return &p.toks[len(p.toks)-1] // EOF
}

// peekNext returns the token after the next one (EOF at the end).
func (p *parser) peekNext() *token {
	if p.pos+1 < len(p.toks) {
		return &p.toks[p.pos+1]
	}
	return &p.toks[len(p.toks)-1]
}

func (p *parser) advance() {
	if p.pos < len(p.toks)-1 {
		p.pos++
	}
}

func (p *parser) note(t token, format string, args ...any) {
	p.issues = append(p.issues, parseIssue{tok: t, msg: fmt.Sprintf(format, args...)})
}

// significant reports whether line breaks end statements here.
func (p *parser) significant() bool {
	return len(p.frames) == 0 || p.frames[len(p.frames)-1].block
}

// boundary reports whether the next token starts a new statement.
func (p *parser) boundary() bool {
	return p.significant() && p.pos > p.stmtStart && p.peek().nl > 0
}

// closesOuter reports whether closer matches an enclosing open bracket
// other than the innermost one.
func (p *parser) closesOuter(closer string) bool {
	for i := len(p.frames) - 2; i >= 0; i-- {
		if p.frames[i].closer == closer {
			return true
		}
	}
	return false
}

func (p *parser) keyword(t token) bool {
	if t.kind != tIdent {
		return false
	}
	if p.python {
		return pyKeywords[t.text]
	}
	return scalaKeywords[t.text]
}

// statements reads statements up to closer (not consumed), an enclosing
// frame's closer, or the end of input.
func (p *parser) statements(closer string) []stmt {
	var out []stmt
	for {
		t := p.peek()
		switch t.kind {
		case tEOF:
			return out
		case tClose:
			if t.text == closer || p.closesOuter(t.text) {
				return out
			}
			p.note(*t, "unexpected %q", t.text)
			p.advance()
		case tSemi, tComma:
			p.advance()
		default:
			before := p.pos
			p.stmtStart = p.pos
			if s := p.statement(); len(s.exprs) > 0 || s.value != nil {
				out = append(out, s)
			}
			if p.pos == before {
				p.advance()
			}
		}
	}
}

func (p *parser) stmtEnd() bool {
	t := p.peek()
	return t.kind == tEOF || t.kind == tSemi || t.kind == tClose || p.boundary()
}

// statement reads one statement. "a = b = value" binds both names.
// Imports are skipped: importing StreamingContext does not make a job a
// DStream job.
func (p *parser) statement() stmt {
	var s stmt
	if t := p.peek(); t.kind == tIdent && (t.text == "import" || p.python && t.text == "from") {
		p.skipStatement()
		return s
	}
	for !p.stmtEnd() {
		e := p.expr()
		if e == nil {
			p.advance()
			continue
		}
		if t := p.peek(); t.kind == tOp && t.text == "=" && !p.boundary() {
			p.advance()
			p.stmtStart = p.pos // the value may start on the next line
			if name, ok := assignTarget(e); ok {
				s.targets = append(s.targets, name)
			} else {
				s.exprs = append(s.exprs, e)
			}
			continue
		}
		if len(s.targets) > 0 && s.value == nil {
			s.value = e
		} else {
			s.exprs = append(s.exprs, e)
		}
	}
	if len(s.targets) > 0 && s.value == nil {
		s.targets = nil
	}
	return s
}

// assignTarget accepts "name" and an annotated "name: Type".
func assignTarget(e *expr) (token, bool) {
	if name, ok := bareName(e); ok {
		return name, true
	}
	if e.kind == eBinary && len(e.ops) > 0 && e.ops[0].text == ":" {
		return bareName(e.items[0])
	}
	return token{}, false
}

// skipStatement skips to the end of the statement, brackets included.
func (p *parser) skipStatement() {
	p.advance()
	for !p.stmtEnd() {
		if t := p.peek(); t.kind == tOpen {
			p.skipBalanced()
			continue
		}
		p.advance()
	}
}

// skipBalanced skips from an opening bracket to its matching closer.
func (p *parser) skipBalanced() {
	depth := 0
	for {
		t := p.peek()
		switch t.kind {
		case tEOF:
			return
		case tOpen:
			depth++
		case tClose:
			depth--
		}
		p.advance()
		if depth <= 0 {
			return
		}
	}
}

// isInfix reports whether t joins the expression before it to the next.
func (p *parser) isInfix(t *token) bool {
	switch t.kind {
	case tOp:
		switch t.text {
		case "=", ".", "@", "'", "\\":
			return t.text == "@" && p.python
		}
		return true
	case tIdent:
		if p.python {
			return pyInfixKeywords[t.text]
		}
		// Scala: any name on the same line is an infix method (a max b,
		// "k" -> v, 5 seconds), a few keywords too. Inside (...) and
		// [...] Scala infers no statement ends, so a name first on its
		// line continues the expression there too: the course style
		// (df.writeStream\n format("kafka")\n option(k, v)\n start);
		// not one followed by a dot, which no infix call is (it starts
		// the next statement after a bracket left open).
		if t.nl > 0 && (p.significant() || p.peekNext().kind == tOp && p.peekNext().text == ".") {
			return false
		}
		return scalaInfixKeywords[t.text] || !scalaKeywords[t.text]
	}
	return false
}

// expr reads operands joined by infix operators.
func (p *parser) expr() *expr {
	if p.depth >= maxNesting {
		t := p.peek()
		if t.kind != tOpen {
			return nil
		}
		p.tooDeep(*t)
		return &expr{kind: eSeq, tok: *t, start: t.start, end: p.lastEnd(), open: t.text}
	}
	p.depth++
	defer func() { p.depth-- }()
	first := p.unary()
	if first == nil {
		return nil
	}
	operands := []*expr{first}
	var ops []token
	for {
		t := p.peek()
		if p.boundary() || !p.isInfix(t) {
			break
		}
		p.advance()
		ops = append(ops, *t)
		if p.python && p.boundary() {
			break
		}
		if !p.python {
			p.stmtStart = p.pos // Scala: an operator at the end of a line continues it
		}
		r := p.unary()
		if r == nil {
			break
		}
		operands = append(operands, r)
	}
	if len(ops) == 0 {
		return first
	}
	if !p.python {
		if c := infixChain(operands, ops); c != nil {
			return c
		}
	}
	return &expr{kind: eBinary, tok: first.tok, start: first.start, end: p.lastEnd(), items: operands, ops: ops}
}

// lastEnd is the end offset of the last consumed token.
func (p *parser) lastEnd() int {
	if p.pos > 0 {
		return p.toks[p.pos-1].end
	}
	return 0
}

// unary reads prefix operators, lambda and new, then a postfix chain.
// Prefix operators are collected in a loop, not by recursion, so a long
// run of them cannot exhaust the stack.
func (p *parser) unary() *expr {
	var prefixes []token
	for {
		if p.boundary() {
			return nil
		}
		t := p.peek()
		prefix := false
		switch t.kind {
		case tOp:
			switch t.text {
			case "-", "+", "~", "*", "**", "!":
				prefix = true
			case "@":
				prefix = p.python // decorator
			}
		case tIdent:
			prefix = p.python && (t.text == "not" || t.text == "await")
			if !p.python && t.text == "new" {
				p.advance() // new C(args) is read as the call C(args)
				continue
			}
		}
		if !prefix {
			break
		}
		prefixes = append(prefixes, *t)
		p.advance()
	}
	// Operators beyond maxNesting add nothing but depth: drop them.
	if len(prefixes) > maxNesting {
		prefixes = prefixes[len(prefixes)-maxNesting:]
	}
	var e *expr
	if t := p.peek(); p.python && t.kind == tIdent && t.text == "lambda" {
		e = p.lambda()
	} else {
		e = p.postfix()
	}
	for i := len(prefixes) - 1; i >= 0; i-- {
		t := prefixes[i]
		u := &expr{kind: eUnary, tok: t, start: t.start, end: p.lastEnd()}
		if e != nil {
			u.items = []*expr{e}
		}
		e = u
	}
	return e
}

// lambda skips Python lambda parameters and reads the body.
func (p *parser) lambda() *expr {
	t := *p.peek()
	p.advance()
	for {
		u := p.peek()
		if u.kind == tEOF || u.kind == tOpen || u.kind == tClose || p.boundary() {
			return &expr{kind: eUnary, tok: t, start: t.start, end: p.lastEnd()}
		}
		p.advance()
		if u.kind == tOp && u.text == ":" {
			break
		}
	}
	e := &expr{kind: eUnary, tok: t, start: t.start}
	if body := p.expr(); body != nil {
		e.items = []*expr{body}
	}
	e.end = p.lastEnd()
	return e
}

// postfix reads a primary and its .name, (args), [args] and {block} links.
func (p *parser) postfix() *expr {
	e := p.primary()
	if e == nil {
		return nil
	}
	for {
		t := p.peek()
		switch {
		case t.kind == tOp && t.text == ".":
			// Python needs brackets or a backslash to continue a chain on
			// the next line; Scala accepts a leading dot.
			if p.python && p.boundary() {
				return e
			}
			name := p.peekNext()
			if name.kind != tIdent {
				return e
			}
			p.advance()
			p.advance()
			e = withSegment(e, *name)
		case t.kind == tOpen && (t.text == "(" || t.text == "["):
			if p.boundary() {
				return e
			}
			e = withGroup(e, p.group(*t))
		case t.kind == tOpen && t.text == "{" && !p.python && t.nl <= 1:
			g := group{open: *t, args: []*expr{p.block(*t)}}
			e = withGroup(e, g)
		default:
			return e
		}
		e.end = p.lastEnd()
	}
}

// withSegment appends .name to e, wrapping e when it is not a chain.
func withSegment(e *expr, name token) *expr {
	if e.kind != eChain {
		e = &expr{kind: eChain, tok: e.tok, start: e.start, base: e}
	}
	e.segs = append(e.segs, segment{name: name})
	return e
}

// withGroup applies an argument group to the last link of e.
func withGroup(e *expr, g group) *expr {
	if e.kind != eChain {
		e = &expr{kind: eChain, tok: e.tok, start: e.start, base: e, segs: []segment{{}}}
	}
	last := &e.segs[len(e.segs)-1]
	last.groups = append(last.groups, g)
	return e
}

// primary reads a literal, a name or a bracketed expression.
func (p *parser) primary() *expr {
	t := *p.peek()
	switch t.kind {
	case tString, tChar:
		p.advance()
		e := &expr{kind: eStr, tok: t, start: t.start, str: t.text, interp: t.interp}
		// Python joins adjacent literals: "a" "b" == "ab".
		for p.python && p.peek().kind == tString && !p.boundary() {
			u := p.peek()
			p.advance()
			e.str += u.text
			e.interp = e.interp || u.interp
		}
		e.end = p.lastEnd()
		return e
	case tNumber:
		p.advance()
		return &expr{kind: eNum, tok: t, start: t.start, end: t.end, str: t.text}
	case tIdent:
		if p.keyword(t) {
			return nil
		}
		p.advance()
		return &expr{kind: eChain, tok: t, start: t.start, end: t.end, segs: []segment{{name: t}}}
	case tOpen:
		if t.text == "{" && !p.python {
			return p.block(t)
		}
		g := p.group(t)
		if t.text == "(" && len(g.args) == 1 && !p.afterTrailingComma() && g.args[0].kind != eKwarg {
			return g.args[0] // (expr) is expr: a chain in parentheses goes on after ')'
		}
		return &expr{kind: eSeq, tok: t, start: t.start, end: p.lastEnd(), items: g.args, open: t.text}
	}
	return nil
}

// afterTrailingComma reports whether the group just read ended with ",)",
// which makes (x,) a tuple rather than x.
func (p *parser) afterTrailingComma() bool {
	if p.pos < 2 {
		return false
	}
	return p.toks[p.pos-1].kind == tClose && p.toks[p.pos-2].kind == tComma
}

// statementStart reports whether t, first on its line, can only begin a
// statement, so the bracket around it was left open.
func (p *parser) statementStart(t *token) bool {
	if t.nl == 0 || t.kind != tIdent {
		return false
	}
	if p.python {
		return pyStatementStarts[t.text]
	}
	return scalaStatementStarts[t.text]
}

// group reads a bracketed, comma-separated argument list starting at the
// opener t (the cursor is on it).
func (p *parser) group(open token) group {
	g := group{open: open}
	closer := closerOf(open.text)
	if len(p.frames) >= maxNesting {
		p.tooDeep(open)
		return g
	}
	params := p.classParams(open)
	p.advance()
	p.frames = append(p.frames, frame{closer: closer})
	defer func() { p.frames = p.frames[:len(p.frames)-1] }()
	for {
		t := p.peek()
		switch {
		case t.kind == tEOF:
			p.note(open, "%q is never closed", open.text)
			return g
		case t.kind == tClose:
			if t.text == closer {
				p.advance()
				return g
			}
			if p.closesOuter(t.text) {
				p.note(open, "%q is never closed", open.text)
				return g
			}
			p.note(*t, "unexpected %q", t.text)
			p.advance()
		case t.kind == tComma || t.kind == tSemi:
			p.advance()
		case p.statementStart(t) && !paramModifier(params, t):
			p.note(open, "%q is never closed", open.text)
			return g
		case t.kind == tIdent && p.peekNext().kind == tOp && p.peekNext().text == "=":
			p.advance()
			p.advance()
			kw := &expr{kind: eKwarg, tok: *t, start: t.start, name: *t}
			if v := p.expr(); v != nil {
				kw.items = []*expr{v}
			}
			kw.end = p.lastEnd()
			g.args = append(g.args, kw)
		default:
			if e := p.expr(); e != nil {
				g.args = append(g.args, e)
			} else {
				p.advance()
			}
		}
	}
}

// tooDeep skips a bracketed group nested beyond maxNesting (noted once).
func (p *parser) tooDeep(open token) {
	if !p.deepNoted {
		p.note(open, "brackets nested too deeply; the inner part was skipped")
		p.deepNoted = true
	}
	p.skipBalanced()
}

// block reads a Scala { statements } block; the cursor is on "{".
func (p *parser) block(open token) *expr {
	e := &expr{kind: eBlock, tok: open, start: open.start}
	if len(p.frames) >= maxNesting {
		p.tooDeep(open)
		e.end = p.lastEnd()
		return e
	}
	p.advance()
	p.frames = append(p.frames, frame{closer: "}", block: true})
	saved := p.stmtStart
	e.stmts = p.statements("}")
	p.stmtStart = saved
	p.frames = p.frames[:len(p.frames)-1]
	if t := p.peek(); t.kind == tClose && t.text == "}" {
		p.advance()
	} else {
		p.note(open, "%q is never closed", open.text)
	}
	e.end = p.lastEnd()
	return e
}
