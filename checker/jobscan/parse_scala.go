package jobscan

// classParams reports whether the "(" at open (the cursor) opens a Scala
// class's parameters (class Name(, case class Name[T](), where a line
// may start with val or var (case class S(\n  var clicks: List[String])):
// a parameter, not a statement after an unclosed bracket.
func (p *parser) classParams(open token) bool {
	if p.python || open.text != "(" {
		return false
	}
	i := p.pos - 1
	if i >= 0 && p.toks[i].kind == tClose && p.toks[i].text == "]" {
		for depth := 0; i >= 0; i-- { // back over the type parameters
			if t := p.toks[i]; t.text == "]" {
				depth++
			} else if t.text == "[" {
				if depth--; depth == 0 {
					i--
					break
				}
			}
		}
	}
	return i >= 1 && p.toks[i].kind == tIdent && p.toks[i-1].kind == tIdent && p.toks[i-1].text == "class"
}

// paramModifier reports whether t is val or var among class parameters.
func paramModifier(params bool, t *token) bool {
	return params && (t.text == "val" || t.text == "var")
}
