package yamlpos

import "go.yaml.in/yaml/v3"

// mapKeys lists the keys of mapping m in document order, local keys first,
// then keys merged through `<<` that are not shadowed.
func mapKeys(m *yaml.Node) []string {
	var out []string
	seen := map[string]bool{}
	visited := map[*yaml.Node]bool{} // each mapping once (see mapEntry)
	var walk func(m *yaml.Node, depth int)
	walk = func(m *yaml.Node, depth int) {
		m = Resolve(m)
		if m == nil || m.Kind != yaml.MappingNode || depth > maxAliasHops || visited[m] {
			return
		}
		visited[m] = true
		var merges []*yaml.Node
		for i := 0; i+1 < len(m.Content); i += 2 {
			kn := m.Content[i]
			if kn.Tag == "!!merge" {
				merges = append(merges, m.Content[i+1])
				continue
			}
			if !seen[kn.Value] {
				seen[kn.Value] = true
				out = append(out, kn.Value)
			}
		}
		for _, mv := range merges {
			mv = Resolve(mv)
			if mv == nil {
				continue
			}
			if mv.Kind == yaml.SequenceNode {
				for _, item := range mv.Content {
					walk(item, depth+1)
				}
				continue
			}
			walk(mv, depth+1)
		}
	}
	walk(m, 0)
	return out
}
