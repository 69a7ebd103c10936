package yamlpos

import (
	"fmt"

	"go.yaml.in/yaml/v3"
)

// MaxAliasExpansion bounds the bytes that expanding the aliases of a
// file would produce. Lookups here never expand aliases, but compose-go
// does when it decodes a file into values: 20,000 aliases of one 500 KB
// scalar (an 829 KB file) are 10 GB of values, and the run took gigabytes
// and minutes. 4 MiB is hundreds of times what anchors shared between
// services produce in real compose files.
const MaxAliasExpansion = 4 << 20

// sizeCap keeps the sums below overflow.
const sizeCap = int64(1) << 50

// checkAliases walks every document once and adds up, for each alias
// met, the size of what it stands for (itself computed once per node,
// aliases inside it included): the bytes alias expansion would produce.
// Past MaxAliasExpansion it returns a *SyntaxError at the alias that
// crossed the budget.
func checkAliases(roots []*yaml.Node) error {
	memo := map[*yaml.Node]int64{}
	var size func(n *yaml.Node, depth int) int64
	size = func(n *yaml.Node, depth int) int64 {
		if n == nil || depth > 20000 {
			return 0
		}
		if s, ok := memo[n]; ok {
			return s
		}
		memo[n] = 0 // an alias of its own ancestor counts nothing more
		var s int64
		switch n.Kind {
		case yaml.ScalarNode:
			s = int64(len(n.Value)) + 1
		case yaml.AliasNode:
			s = size(n.Alias, depth+1)
		default:
			s = 1
			for _, c := range n.Content {
				s = min(s+size(c, depth+1), sizeCap)
			}
		}
		memo[n] = s
		return s
	}
	var total int64
	var walk func(n *yaml.Node, depth int) error
	walk = func(n *yaml.Node, depth int) error {
		if n == nil || depth > 20000 {
			return nil
		}
		if n.Kind == yaml.AliasNode {
			total = min(total+size(n.Alias, depth+1), sizeCap)
			if total > MaxAliasExpansion {
				return &SyntaxError{Line: n.Line, Msg: fmt.Sprintf("alias *%s takes what the aliases of this file expand to past %d MiB (an alias bomb): streamlint does not load it", n.Value, MaxAliasExpansion>>20)}
			}
			return nil
		}
		for _, c := range n.Content {
			if err := walk(c, depth+1); err != nil {
				return err
			}
		}
		return nil
	}
	for _, r := range roots {
		if err := walk(r, 0); err != nil {
			return err
		}
	}
	return nil
}
