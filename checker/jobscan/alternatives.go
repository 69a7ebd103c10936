package jobscan

// Writers bound to one name in the arms of an if/else (a trigger per
// mode, a sink per environment), then configured and started once after
// it:
//
//	if once:
//	    query = df.writeStream.foreachBatch(f).trigger(once=True)
//	else:
//	    query = df.writeStream.foreachBatch(f).trigger(processingTime=t)
//	query.option("checkpointLocation", cp).start()
//
// Only one arm runs, and whichever it is, the links after the if/else
// apply to its writer: each of them gets them.

// withAlternatives returns r, about to be bound to target t, carrying the
// open writers the name holds from the other arms of an if/else chain
// that t's assignment is an arm of.
func (s *scanner) withAlternatives(t token, r role) role {
	r.bound = t
	old, ok := s.vars[t.text]
	if !ok || !openWriter(old) || !openWriter(r) || !s.alternativeArms(old.bound, t) {
		return r
	}
	r.alts = append(append(r.alts, old.alts...), old.stream)
	return r
}

// openWriter reports a role holding a writer not yet started.
func openWriter(r role) bool {
	return r.kind == roleStream && !r.closed && r.stream != nil && r.stream.Direction == "write"
}

// alternativeArms reports tokens in different arms of one if chain.
func (s *scanner) alternativeArms(a, b token) bool {
	if a.text == "" {
		return false
	}
	for _, x := range s.branchesAt(a) {
		for _, y := range s.branchesAt(b) {
			if x.If == y.If && x.Arm != y.Arm {
				return true
			}
		}
	}
	return false
}

// altRoles are the roles of the writers a variable's role carries besides
// its own.
func altRoles(v role) []role {
	out := make([]role, 0, len(v.alts))
	for _, st := range v.alts {
		out = append(out, role{kind: roleStream, stream: st})
	}
	return out
}

// linkAlts applies link i of chain e to each alternative writer too.
func (s *scanner) linkAlts(alts []role, e *expr, i int) []role {
	for j := range alts {
		if alts[j].kind == roleStream {
			alts[j] = s.streamLink(alts[j], &e.segs[i], e.segs[i].call())
		}
	}
	return alts
}

// openAlts are the writers among alts still open, carried on with the
// chain's role.
func openAlts(alts []role) []*Stream {
	var out []*Stream
	for _, a := range alts {
		if openWriter(a) {
			out = append(out, a.stream)
		}
	}
	return out
}
