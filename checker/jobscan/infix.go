package jobscan

// infixChain rewrites a Scala expression of alphanumeric infix calls,
// a f x g (y, z) h, as the chain a.f(x).g(y, z).h it stands for: methods
// with alphanumeric names share the lowest precedence and associate to
// the left, so each call applies to everything before it. Course code
// writes whole queries so (df.writeStream format("kafka") option(k, v)
// start, often one call per line inside parentheses). It returns nil
// when an operator is symbolic or a keyword (a + b, x match {...}), whose
// precedence the loose tree does not model.
func infixChain(operands []*expr, ops []token) *expr {
	if len(operands) == 0 || len(ops) == 0 || len(ops) > len(operands) {
		return nil
	}
	for _, op := range ops {
		if op.kind != tIdent || scalaKeywords[op.text] {
			return nil
		}
	}
	e := operands[0]
	for i, op := range ops {
		e = withSegment(e, op)
		if i+1 < len(operands) {
			e = withGroup(e, infixArgs(operands[i+1]))
		}
		e.end = op.end
		if i+1 < len(operands) {
			e.end = operands[i+1].end
		}
	}
	return e
}

// infixArgs is the argument list of an infix call's right operand: the
// items of a parenthesised tuple (f(a, b) written f (a, b)), a block as
// a brace argument, else the operand itself.
func infixArgs(r *expr) group {
	switch {
	case r.kind == eSeq && r.open == "(":
		return group{open: r.tok, args: r.items}
	case r.kind == eBlock:
		return group{open: r.tok, args: []*expr{r}}
	}
	open := token{kind: tOpen, text: "(", start: r.start, end: r.start, line: r.tok.line, col: r.tok.col}
	return group{open: open, args: []*expr{r}}
}
