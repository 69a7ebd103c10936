package lint

import (
	"fmt"
	"slices"
	"strings"

	"github.com/streamlint/streamlint/checker/model"
)

// merge joins findings of one rule at one location (docs/concepts.md,
// Location) and drops exact duplicates (a Spark file shared by two
// compose projects of one directory) and messages the joined message
// already contains. The related locations of every finding merged are
// kept, each once: a file mounted by several compose projects is reported
// by each with the same related places and some of its own. The joined
// messages are built once at the end: adding each to the growing message,
// and searching it, made thousands of brokers sharing one setting (a YAML
// anchor) quadratic; past mergeSearchLimit parts only exact duplicates
// are dropped.
func merge(fs []model.Finding) []model.Finding {
	type key struct {
		rule string
		loc  model.Location
	}
	index := map[key]int{}
	var (
		out    []model.Finding
		joined []mergeParts
	)
	for _, f := range fs {
		k := key{f.RuleID, f.Location}
		i, ok := index[k]
		if !ok {
			index[k] = len(out)
			out = append(out, f)
			joined = append(joined, mergeParts{})
			continue
		}
		p := &joined[i]
		if p.seen == nil {
			p.seen = map[string]bool{out[i].Message: true}
			p.related = make(map[model.Related]bool, len(out[i].Related))
			for _, r := range out[i].Related {
				p.related[r] = true
			}
		}
		out[i].Related = p.addRelated(out[i].Related, f.Related)
		if p.seen[f.Message] {
			continue
		}
		if len(p.more) < mergeSearchLimit && strings.Contains(strings.Join(append([]string{out[i].Message}, p.more...), "; "), f.Message) {
			continue
		}
		p.seen[f.Message] = true
		p.more = append(p.more, f.Message)
	}
	for i, p := range joined {
		out[i].Message = joinMessages(out[i].Message, p.more)
	}
	return out
}

// mergeParts is what merge has joined into one finding: the messages
// after its first, and the messages and related places it holds.
type mergeParts struct {
	more    []string
	seen    map[string]bool
	related map[model.Related]bool
}

// addRelated appends to the merged finding's related places (to) those
// of from that it does not hold yet.
func (p *mergeParts) addRelated(to, from []model.Related) []model.Related {
	for _, r := range from {
		if !p.related[r] {
			p.related[r] = true
			to = append(to, r)
		}
	}
	return to
}

// mergeShownLimit is how many messages of one rule at one location a
// joined message quotes; the rest are counted. Thousands of brokers
// sharing one YAML anchor made a message of megabytes (one sentence per
// broker) that no terminal, annotation or SARIF viewer shows whole.
const mergeShownLimit = 10

// joinMessages joins a finding's message and the ones merged into it,
// quoting at most mergeShownLimit and counting the others.
func joinMessages(first string, more []string) string {
	if len(more) == 0 {
		return first
	}
	shown := more
	if len(more) >= mergeShownLimit {
		shown = more[:mergeShownLimit-1]
	}
	msg := first + "; " + strings.Join(shown, "; ")
	if rest := len(more) - len(shown); rest > 0 {
		msg += fmt.Sprintf("; and %d more findings of this rule at this line", rest)
	}
	return msg
}

// mergeSearchLimit is how many messages merge compares a new one against
// as text (a message contained in the joined ones is dropped); beyond it,
// only exact duplicates are.
const mergeSearchLimit = 64

// acrossPipelines keeps one finding per rule, location and subject (the
// message up to its first ": ", such as `app jobs/a.py`) over pipelines: a
// job that two compose projects of one directory both include is judged
// by each, and the pipeline that has the broker says more ("... 7 d of
// records") than the one that has not. The longer message is kept, with
// the related places of both. Findings of one pipeline are never
// dropped here (two problems of one broker at one line are both told).
type acrossPipelines map[subjectKey]subjectAt

type subjectKey struct {
	rule    string
	loc     model.Location
	subject string
}

type subjectAt struct {
	index    int // in the findings collected so far
	pipeline int
}

// add appends the findings of pipeline to all, folding into an earlier
// pipeline's finding of the same rule, location and subject.
func (a acrossPipelines) add(all, fs []model.Finding, pipeline int) []model.Finding {
	for _, f := range fs {
		subject, _, ok := strings.Cut(f.Message, ": ")
		if !ok {
			all = append(all, f)
			continue
		}
		k := subjectKey{f.RuleID, f.Location, subject}
		prev, seen := a[k]
		if !seen || prev.pipeline == pipeline {
			if !seen {
				a[k] = subjectAt{len(all), pipeline}
			}
			all = append(all, f)
			continue
		}
		kept := &all[prev.index]
		if len(f.Message) > len(kept.Message) {
			kept.Message = f.Message
		}
		for _, r := range f.Related {
			if !slices.Contains(kept.Related, r) {
				kept.Related = append(kept.Related, r)
			}
		}
	}
	return all
}
