package secret

import (
	"slices"
	"sort"
	"strings"
)

// subMatcher finds which of many secrets occur in a string in one pass
// over it (an Aho-Corasick automaton over bytes), so that masking a string
// costs its length, not its length times the number of secrets: one
// compose file of thousands of brokers, each with passwords of its own,
// has tens of thousands of them.
type subMatcher struct {
	subs []string // longest first, as masking replaces them
	// special are the secrets that replacing another by Marker can make
	// appear (those holding '<' or '>', or inside Marker): always tried
	special []int32
	next    map[uint64]int32 // the trie's edges: state<<8 | byte
	fail    []int32          // the longest proper suffix that is a state
	out     []int32          // the secret that ends at a state, -1 if none
	dict    []int32          // the next state down the fail chain with a secret, -1 if none
}

// newSubMatcher builds the automaton of subs, sorted longest first (the
// order of insertion kept among equal lengths).
func newSubMatcher(added []string) *subMatcher {
	subs := slices.Clone(added)
	sort.SliceStable(subs, func(i, j int) bool { return len(subs[i]) > len(subs[j]) })
	sm := &subMatcher{subs: subs, next: map[uint64]int32{}, fail: []int32{0}, out: []int32{-1}, dict: []int32{-1}}
	for i, s := range subs {
		if strings.ContainsAny(s, "<>") || strings.Contains(Marker, s) {
			sm.special = append(sm.special, int32(i))
		}
		state := int32(0)
		for j := 0; j < len(s); j++ {
			key := uint64(state)<<8 | uint64(s[j])
			n, ok := sm.next[key]
			if !ok {
				n = int32(len(sm.fail))
				sm.next[key] = n
				sm.fail = append(sm.fail, 0)
				sm.out = append(sm.out, -1)
				sm.dict = append(sm.dict, -1)
			}
			state = n
		}
		if sm.out[state] < 0 {
			sm.out[state] = int32(i) // equal secrets are one (Add keeps them unique)
		}
	}
	sm.link()
	return sm
}

// link sets the fail and dictionary links, breadth first.
func (sm *subMatcher) link() {
	children := make([][]uint64, len(sm.fail)) // each state's edge keys
	for key := range sm.next {
		children[key>>8] = append(children[key>>8], key)
	}
	queue := []int32{0}
	for len(queue) > 0 {
		state := queue[0]
		queue = queue[1:]
		for _, key := range children[state] {
			child, b := sm.next[key], byte(key)
			queue = append(queue, child)
			if state == 0 {
				continue // fail and dict of the root's children: the root, none
			}
			f := sm.fail[state]
			for {
				if n, ok := sm.next[uint64(f)<<8|uint64(b)]; ok {
					sm.fail[child] = n
					break
				}
				if f == 0 {
					break
				}
				f = sm.fail[f]
			}
			if fc := sm.fail[child]; sm.out[fc] >= 0 {
				sm.dict[child] = fc
			} else {
				sm.dict[child] = sm.dict[fc]
			}
		}
	}
}

// step follows byte b from state.
func (sm *subMatcher) step(state int32, b byte) int32 {
	for {
		if n, ok := sm.next[uint64(state)<<8|uint64(b)]; ok {
			return n
		}
		if state == 0 {
			return 0
		}
		state = sm.fail[state]
	}
}

// candidates are the indices in sm.subs, in order, of the secrets that
// occur in s, and of the special ones when any does.
func (sm *subMatcher) candidates(s string) []int32 {
	var hits []int32
	state := int32(0)
	for i := 0; i < len(s); i++ {
		state = sm.step(state, s[i])
		for t := state; t >= 0; t = sm.dict[t] {
			if sm.out[t] >= 0 {
				hits = append(hits, sm.out[t])
			}
		}
	}
	if len(hits) == 0 {
		return nil
	}
	hits = append(hits, sm.special...)
	slices.Sort(hits)
	return slices.Compact(hits)
}

// replace replaces the secrets in s by Marker, longest first, as a
// replacement of each secret in turn would: only the candidates can be
// in s, before or after an earlier replacement.
func (sm *subMatcher) replace(s string) string {
	for _, i := range sm.candidates(s) {
		if sub := sm.subs[i]; strings.Contains(s, sub) {
			s = strings.ReplaceAll(s, sub, Marker)
		}
	}
	return s
}
