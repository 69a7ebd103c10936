package spark

import (
	"slices"
	"strings"
)

// kafkaSourceOptions returns the options the catalog lists, sorted by name.
func kafkaSourceOptions(c *Catalog) []SourceOption {
	out := make([]SourceOption, 0, len(c.options))
	for _, o := range c.options {
		out = append(out, o)
	}
	slices.SortFunc(out, func(a, b SourceOption) int { return strings.Compare(a.Name, b.Name) })
	return out
}
