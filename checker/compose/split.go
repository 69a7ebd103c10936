package compose

import (
	"context"
	"maps"
	"sync"

	"github.com/compose-spec/compose-go/v2/types"
	"go.yaml.in/yaml/v3"
)

// A compose file of thousands of services spends seconds in compose-go on
// one core (its transforms match every node's path against every rule).
// When the services cannot see each other in compose-go's load, the file
// is loaded as several texts at once (one per CPU, up to maxParts), each
// with the other parts' services blanked (lines kept, so positions hold),
// and the projects joined: the same project, in about half the time on
// two cores. Anything that makes one service's load depend on another's
// (extends, include, jobs, an anchor of one service aliased by another,
// more than one document) keeps the ordinary load, and so does any error:
// the whole file is loaded again so that the error is the one docker
// compose would give.

// splitMinServices is the size from which a single file is loaded in
// parts: below it the other loads' fixed cost outweighs the gain.
const splitMinServices = 256

// maxParts bounds the parts a file is loaded in (each part parses the
// file's top-level sections again, and holds its own copy of them).
const maxParts = 4

// composeMaxNodeVisits is compose-go's cap on the YAML nodes its reset
// processor visits per document (loader.defaultMaxNodeVisits); parts
// could each pass under it where the whole file fails, so a file whose
// count (visitBound, with a margin) might reach it is not split.
const composeMaxNodeVisits = 100_000

// parts are k copies of the file's lines, the i-th with the services of
// every other part blanked (the services in order, cut into k runs of
// nearly equal length); false when the file is not one whose services
// load independently.
func parts(root *yaml.Node, lines []string, k int) ([][]string, bool) {
	services, end, ok := splittableServices(root, len(lines))
	if !ok || k < 2 || visitBound(root) >= composeMaxNodeVisits-1000 || crossAnchors(root, services) {
		return nil, false
	}
	out := make([][]string, k)
	for i := range out {
		out[i] = append([]string(nil), lines...)
	}
	n := len(services.Content) / 2
	for i := range n {
		from := services.Content[2*i].Line
		to := end
		if i+1 < n {
			to = services.Content[2*(i+1)].Line - 1
		}
		owner := i * k / n
		for j, text := range out {
			if j == owner {
				continue
			}
			for l := from; l <= to && l <= len(text); l++ {
				text[l-1] = ""
			}
		}
	}
	return out, true
}

// splittableServices is root's services: block mapping, and the last line
// of its last service, when the file has at least splitMinServices
// services, each starting on a line of its own after the one before, and
// nothing that ties one service's load to another's.
func splittableServices(root *yaml.Node, nLines int) (services *yaml.Node, end int, ok bool) {
	if root == nil || root.Kind != yaml.MappingNode || root.Style&yaml.FlowStyle != 0 {
		return nil, 0, false
	}
	end = nLines
	for i := 0; i+1 < len(root.Content); i += 2 {
		switch root.Content[i].Value {
		case "include", "jobs":
			return nil, 0, false
		case "services":
			services = root.Content[i+1]
			if i+2 < len(root.Content) {
				end = root.Content[i+2].Line - 1
			}
		}
	}
	if services == nil || services.Kind != yaml.MappingNode || services.Style&yaml.FlowStyle != 0 ||
		len(services.Content) < 2*splitMinServices {
		return nil, 0, false
	}
	last := 0
	names := make(map[string]bool, len(services.Content)/2)
	for i := 0; i+1 < len(services.Content); i += 2 {
		k, v := services.Content[i], services.Content[i+1]
		// a name given twice is an error of the whole file that no part
		// would see; a merge key brings in services from elsewhere
		if k.Kind != yaml.ScalarNode || k.Value == "<<" || names[k.Value] ||
			k.Line <= last || k.Line > end || extends(v, 0) {
			return nil, 0, false
		}
		names[k.Value] = true
		last = k.Line
	}
	return services, end, true
}

// extends reports whether service s has an extends: key, written or
// brought in by an alias or a merge key (depth bounds the aliases
// followed; past it the answer is yes).
func extends(s *yaml.Node, depth int) bool {
	if depth > 8 {
		return true
	}
	switch s.Kind {
	case yaml.AliasNode:
		return s.Alias == nil || extends(s.Alias, depth+1)
	case yaml.SequenceNode: // the value of a merge key
		for _, c := range s.Content {
			if extends(c, depth+1) {
				return true
			}
		}
	case yaml.MappingNode:
		for i := 0; i+1 < len(s.Content); i += 2 {
			switch s.Content[i].Value {
			case "extends":
				return true
			case "<<":
				if extends(s.Content[i+1], depth+1) {
					return true
				}
			}
		}
	}
	return false
}

// visitBound is at least the number of nodes compose-go's reset processor
// visits in the document: every node but mapping keys, an alias counted
// once, its anchor where it is defined.
func visitBound(n *yaml.Node) int {
	count := 1
	switch n.Kind {
	case yaml.MappingNode:
		for i := 1; i < len(n.Content); i += 2 {
			count += visitBound(n.Content[i])
		}
	case yaml.SequenceNode, yaml.DocumentNode:
		for _, c := range n.Content {
			count += visitBound(c)
		}
	}
	return count
}

// crossAnchors reports whether an alias anywhere in the document points
// into a service other than its own: to an anchor defined inside another
// service, or to the services: mapping itself (each part would hold a
// different expansion, or none).
func crossAnchors(root, services *yaml.Node) bool {
	owner := map[*yaml.Node]int{}
	if services.Anchor != "" {
		owner[services] = -2 // no alias is inside it and outside every service
	}
	for i := 1; i < len(services.Content); i += 2 {
		walkNodes(services.Content[i], func(n *yaml.Node) {
			if n.Anchor != "" {
				owner[n] = i
			}
		})
	}
	if len(owner) == 0 {
		return false
	}
	cross := false
	aliases := func(at int) func(*yaml.Node) {
		return func(n *yaml.Node) {
			if n.Kind == yaml.AliasNode {
				if o, ok := owner[n.Alias]; ok && o != at {
					cross = true
				}
			}
		}
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		walkNodes(root.Content[i], aliases(-1))
		if root.Content[i+1] != services {
			walkNodes(root.Content[i+1], aliases(-1))
		}
	}
	for i := 0; i+1 < len(services.Content); i += 2 {
		walkNodes(services.Content[i], aliases(-1))
		walkNodes(services.Content[i+1], aliases(i+1))
	}
	return cross
}

// walkNodes calls fn on n and every node under it (aliases not followed).
func walkNodes(n *yaml.Node, fn func(*yaml.Node)) {
	fn(n)
	for _, c := range n.Content {
		walkNodes(c, fn)
	}
}

// loadParts loads the single file abs in k parts at once (parts) and
// joins the projects; false when the file does not split (or k < 2), or
// when a part fails to load.
func (l *Loader) loadParts(ctx context.Context, dir, abs string, idx *index, env map[string]string, k int) (*types.Project, bool) {
	d := idx.docs[abs]
	if d == nil || len(d.Roots()) != 1 {
		return nil, false
	}
	lines := idx.lines[abs]
	texts, ok := parts(d.Root(), lines, k)
	if !ok {
		return nil, false
	}
	projects := make([]*types.Project, len(texts))
	errs := make([]error, len(texts))
	var wg sync.WaitGroup
	for i, text := range texts {
		wg.Go(func() {
			projects[i], errs[i] = l.loadProject(ctx, dir, []string{abs}, [][]string{lines}, [][]string{text}, maps.Clone(env), nil)
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, false
		}
	}
	p := projects[0]
	for _, other := range projects[1:] {
		joinProjects(p, other)
	}
	p.ComposeFiles = []string{abs} // as the CLI's load of the file sets them
	return p, true
}

// joinProjects adds b's services to a: two parts of one file, whose
// top-level sections are the same but for the default network, which
// compose-go adds to a part only when one of its services uses it.
func joinProjects(a, b *types.Project) {
	for name, s := range b.Services {
		a.Services[name] = s
	}
	for name, s := range b.DisabledServices {
		if a.DisabledServices == nil {
			a.DisabledServices = types.Services{}
		}
		a.DisabledServices[name] = s
	}
	for name, n := range b.Networks {
		if _, ok := a.Networks[name]; !ok {
			if a.Networks == nil {
				a.Networks = types.Networks{}
			}
			a.Networks[name] = n
		}
	}
}
