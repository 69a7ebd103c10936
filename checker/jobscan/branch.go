package jobscan

import "github.com/streamlint/streamlint/checker/model"

// Branches: the arms of if/elif/else chains, judged from the layout as the
// scanner has no control flow. Two settings written in different arms of
// one chain are alternatives (only one runs), not one overriding the other.

// arm is one branch of an if chain: the tokens [from, to).
type arm struct {
	chain    int // token index of the chain's if
	index    int // 0 for the if, 1, 2, ... for each elif/else if/else
	from, to int
}

// branchesAt lists the arms holding token t, outermost first.
func (s *scanner) branchesAt(t token) []model.Branch {
	if s.arms == nil {
		if s.python {
			s.arms = s.pythonArms()
		} else {
			s.arms = s.scalaArms()
		}
	}
	i := s.tokenIndex(t.start)
	if i < 0 {
		return nil
	}
	var out []model.Branch
	for _, a := range s.arms {
		if a.from <= i && i < a.to {
			out = append(out, model.Branch{If: s.loc(s.toks[a.chain]), Arm: a.index})
		}
	}
	return out
}

// pythonArms finds the arms of Python if/elif/else statements: a logical
// line starting with if, elif or else opens an arm that runs to the next
// logical line indented no deeper; elif and else continue the chain of
// the if at their indentation, unless another line at that indentation
// came between.
func (s *scanner) pythonArms() []arm {
	starts := s.logicalLines()
	ends := nextNotDeeper(s.toks, starts)
	arms := []arm{}
	open := map[int]int{} // indentation -> the arm of the chain open there
	for k, i := range starts {
		t := s.toks[i]
		for col := range open {
			if col > t.col {
				delete(open, col)
			}
		}
		prev, chained := open[t.col]
		switch {
		case t.kind == tIdent && t.text == "if":
			open[t.col] = len(arms)
			arms = append(arms, arm{chain: i, from: i, to: ends[k]})
		case t.kind == tIdent && (t.text == "elif" || t.text == "else") && chained:
			open[t.col] = len(arms)
			arms = append(arms, arm{chain: arms[prev].chain, index: arms[prev].index + 1, from: i, to: ends[k]})
		default:
			delete(open, t.col)
		}
	}
	return arms
}

// logicalLines are the indexes of the tokens that start a Python logical
// line (outside brackets, after a line break).
func (s *scanner) logicalLines() []int {
	var starts []int
	depth := 0
	for i, t := range s.toks {
		if t.kind == tEOF {
			break
		}
		if depth == 0 && (i == 0 || t.nl > 0) {
			starts = append(starts, i)
		}
		switch t.kind {
		case tOpen:
			depth++
		case tClose:
			if depth > 0 {
				depth--
			}
		}
	}
	return starts
}

// nextNotDeeper gives, for each logical line start, the token index of the
// next start indented no deeper (len(toks) when none), with a stack in one
// pass.
func nextNotDeeper(toks []token, starts []int) []int {
	ends := make([]int, len(starts))
	var stack []int // positions in starts still waiting for their end
	for k, i := range starts {
		for len(stack) > 0 && toks[starts[stack[len(stack)-1]]].col >= toks[i].col {
			ends[stack[len(stack)-1]] = i
			stack = stack[:len(stack)-1]
		}
		stack = append(stack, k)
	}
	for _, k := range stack {
		ends[k] = len(toks)
	}
	return ends
}

// scalaArms finds the arms of Scala if (c) ... else if (c) ... else ...
// chains: an arm is a brace block, or an expression up to the else, the
// end of its line or the bracket that closes around it.
func (s *scanner) scalaArms() []arm {
	arms := []arm{}
	inChain := map[int]bool{} // ifs of an else if, already in a chain
	for i, t := range s.toks {
		if t.kind == tIdent && t.text == "if" && !inChain[i] {
			arms = s.scalaChain(i, arms, inChain)
		}
	}
	return arms
}

// scalaChain appends the arms of the chain whose if is token i.
func (s *scanner) scalaChain(i int, arms []arm, inChain map[int]bool) []arm {
	n := len(s.toks)
	from, index := i, 0
	head := i // the if (or else) that heads the arm
	for {
		body := head + 1
		if s.toks[head].text == "if" {
			if body >= n || s.toks[body].kind != tOpen || s.toks[body].text != "(" {
				return arms // a guard (case x if ...), not an if expression
			}
			body = s.skipGroup(body)
		}
		end := s.armEnd(body)
		arms = append(arms, arm{chain: i, index: index, from: from, to: end})
		if end >= n || s.toks[end].kind != tIdent || s.toks[end].text != "else" {
			return arms
		}
		from, index, head = end, index+1, end
		if end+1 < n && s.toks[end+1].kind == tIdent && s.toks[end+1].text == "if" {
			inChain[end+1] = true
			head = end + 1
		}
	}
}

// skipGroup returns the index just past the bracket group opening at i.
func (s *scanner) skipGroup(i int) int {
	depth := 0
	for ; i < len(s.toks); i++ {
		switch s.toks[i].kind {
		case tOpen:
			depth++
		case tClose:
			depth--
			if depth <= 0 {
				return i + 1
			}
		case tEOF:
			return i
		}
	}
	return i
}

// armEnd is the index just past a Scala arm starting at token i: a brace
// block, else an expression that ends before an else, a line break not
// followed by a leading-dot continuation, a ';' or a closing bracket.
func (s *scanner) armEnd(i int) int {
	n := len(s.toks)
	if i >= n {
		return n
	}
	if t := s.toks[i]; t.kind == tOpen && t.text == "{" {
		return s.skipGroup(i)
	}
	depth := 0
	for j := i; j < n; j++ {
		t := s.toks[j]
		if depth == 0 && j > i {
			switch {
			case t.kind == tIdent && t.text == "else", t.kind == tSemi, t.kind == tEOF:
				return j
			case t.nl > 0 && (t.kind != tOp || t.text != "."):
				return j
			}
		}
		switch t.kind {
		case tOpen:
			depth++
		case tClose:
			depth--
			if depth < 0 {
				return j
			}
		}
	}
	return n
}
