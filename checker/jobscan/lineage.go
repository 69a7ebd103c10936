package jobscan

// Lineage: the readers of the file a writer's DataFrame comes from, so that
// a query is judged by its own sources, not by every source of the file (a
// socket query beside a Kafka one).

// bindFrames records, for the names a statement assigns, the readers the
// assigned DataFrame comes from; a name bound to anything else is dropped.
func (s *scanner) bindFrames(targets []token, value *expr) {
	from := s.lineage(value)
	for _, t := range targets {
		if len(from) > 0 {
			s.frames[t.text] = from
		} else {
			delete(s.frames, t.text)
		}
	}
}

// lineage is the readers an expression's DataFrames come from: readers
// made in it and names bound to a reader or to a DataFrame of readers.
func (s *scanner) lineage(e *expr) []*Stream {
	var out []*Stream
	walk(e, func(n *expr) bool {
		if n.kind == eChain {
			out = s.chainRoots(n, len(n.segs), out)
		}
		return true
	})
	return uniqueStreams(out)
}

// chainRoots appends the readers chain e's head name stands for and those
// made by its first upto links.
func (s *scanner) chainRoots(e *expr, upto int, out []*Stream) []*Stream {
	if e.base == nil && len(e.segs) > 0 && len(e.segs[0].groups) == 0 {
		name := e.segs[0].name.text
		out = append(out, s.frames[name]...)
		if r, ok := s.vars[name]; ok && r.kind == roleStream && r.stream.Direction == "read" {
			out = append(out, r.stream)
		}
	}
	for i := 0; i < upto && i < len(e.segs); i++ {
		if st, ok := s.made[e.segs[i].name.start]; ok && st.Direction == "read" {
			out = append(out, st)
		}
	}
	return out
}

// writerInputs is the readers the DataFrame that link i of chain e (a
// writeStream) is called on comes from: those of the chain before it and
// of the DataFrames its arguments name (a union, a join). Nil when the
// DataFrame itself cannot be followed back to a reader (a function's
// parameter): another DataFrame it is joined with tells only part of it.
func (s *scanner) writerInputs(e *expr, i int) []*Stream {
	root := s.chainRoots(e, i, s.lineage(e.base))
	if len(root) == 0 {
		return nil
	}
	for j := 0; j < i; j++ {
		for _, g := range e.segs[j].groups {
			for _, a := range g.args {
				root = append(root, s.lineage(a)...)
			}
		}
	}
	return uniqueStreams(root)
}

// uniqueStreams drops repeated streams, keeping the first of each.
func uniqueStreams(in []*Stream) []*Stream {
	seen := make(map[*Stream]bool, len(in))
	out := in[:0]
	for _, st := range in {
		if !seen[st] {
			seen[st] = true
			out = append(out, st)
		}
	}
	return out
}
