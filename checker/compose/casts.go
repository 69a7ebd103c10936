package compose

import (
	"strings"

	interp "github.com/compose-spec/compose-go/v2/interpolation"
	"github.com/compose-spec/compose-go/v2/tree"
)

// castsFor returns the interpolation casts of compose-go (all) that can
// apply to a project whose compose files are lines: those whose every
// key is written in them. For every string of a file, compose-go looks
// for its cast by matching its path against each of the 80 casts' paths,
// splitting both every time: that was a third of a load's allocation,
// for the few typed fields (cpus, ports' targets, replicas) a file
// writes. A cast one of its keys is not written for matches no path of
// the file, so dropping it changes nothing. The files keep every cast
// when they may bring in others (include, extends: files not read here)
// or may spell a key with an escape (a backslash).
func castsFor(all map[tree.Path]interp.Cast, lines [][]string) map[tree.Path]interp.Cast {
	var b strings.Builder
	for _, ls := range lines {
		for _, l := range ls {
			b.WriteString(l)
			b.WriteByte('\n')
		}
	}
	text := b.String()
	if strings.Contains(text, "include") || strings.Contains(text, "extends") || strings.Contains(text, `\`) {
		return all
	}
	out := make(map[tree.Path]interp.Cast, 8)
	for p, cast := range all {
		if keysWritten(p, text) {
			out[p] = cast
		}
	}
	return out
}

// keysWritten reports whether every key of the path p (its parts but the
// wildcards) is written in text.
func keysWritten(p tree.Path, text string) bool {
	for _, part := range p.Parts() {
		if part == tree.PathMatchAll || part == tree.PathMatchList {
			continue
		}
		if !strings.Contains(text, part) {
			return false
		}
	}
	return true
}
