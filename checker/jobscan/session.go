package jobscan

import (
	"sort"

	"github.com/streamlint/streamlint/checker/model"
)

// existingSession is where the file's first getOrCreate is, when a
// builder starting at b runs after it in the same flow of statements;
// nil otherwise. Spark's getOrCreate returns the session that exists then,
// applying only the builder's runtime SQL settings.
//
// "The same flow" is judged from the layout, as the scanner has no
// control flow: in Python no logical line between the two is indented
// less than the getOrCreate's line (a def, an else: or the end of the
// function's body would be); in Scala no brace between them closes the
// block the getOrCreate is in. Builders in two functions, or in the
// branches of an if, are therefore not taken as one after the other.
func (s *scanner) existingSession(b token) *model.Location {
	if s.session == nil || s.session.start >= b.start {
		return nil
	}
	to := s.tokenIndex(b.start)
	if to < 0 {
		return nil
	}
	if s.sessionFlowEnd < 0 {
		// once per file: a job may build thousands of sessions
		from := s.tokenIndex(s.session.start)
		if from < 0 {
			return nil
		}
		if s.python {
			s.sessionFlowEnd = s.indentedFlowEnd(from)
		} else {
			s.sessionFlowEnd = s.braceBlockEnd(from)
		}
	}
	if to >= s.sessionFlowEnd {
		return nil
	}
	loc := s.loc(*s.session)
	return &loc
}

// sessionMade records where the file first makes its SparkContext: a
// SparkSession.builder's getOrCreate, SparkContext(conf) or a
// StreamingContext, which makes one. A later builder's getOrCreate returns
// a session on that context ("Using an existing SparkContext; some
// configuration may not take effect"): its core settings are dropped.
func (s *scanner) sessionMade(t token) {
	if s.session == nil {
		s.session = &t
	}
}

// tokenIndex is the index of the token starting at byte offset start, or -1.
func (s *scanner) tokenIndex(start int) int {
	i := sort.Search(len(s.toks), func(i int) bool { return s.toks[i].start >= start })
	if i < len(s.toks) && s.toks[i].start == start {
		return i
	}
	return -1
}

// indentedFlowEnd is the index of the first token after token from that
// starts a Python logical line indented less than the logical line holding
// from (len(toks) when none does).
func (s *scanner) indentedFlowEnd(from int) int {
	depth, indent := 0, -1
	for i, t := range s.toks {
		if depth == 0 && (i == 0 || t.nl > 0) {
			// t starts a logical line
			switch {
			case i <= from:
				indent = t.col
			case t.col < indent:
				return i
			}
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
	return len(s.toks)
}

// braceBlockEnd is the index of the first Scala brace after token from
// that closes the block holding from (len(toks) when none does).
func (s *scanner) braceBlockEnd(from int) int {
	depth := 0
	for i := from + 1; i < len(s.toks); i++ {
		t := s.toks[i]
		switch {
		case t.kind == tOpen && t.text == "{":
			depth++
		case t.kind == tClose && t.text == "}":
			depth--
			if depth < 0 {
				return i
			}
		}
	}
	return len(s.toks)
}
