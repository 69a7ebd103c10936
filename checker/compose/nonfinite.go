package compose

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/streamlint/streamlint/checker/model"
	"github.com/streamlint/streamlint/checker/yamlpos"
)

// nonFiniteErrRe is compose-go's error for a YAML float it cannot
// validate: the schema check marshals the file to JSON, which has no
// infinity or NaN ("validating compose.yaml: json: unsupported value:
// +Inf"), and names neither the value nor its place.
var nonFiniteErrRe = regexp.MustCompile(`json: unsupported value: ([+-]?Inf|NaN)`)

// nonFinite is where a non-finite YAML float is written: its schema
// path and position.
type nonFinite struct {
	path  string
	value string
	loc   model.Location
}

// nonFiniteValue finds the first plain scalar of files that YAML reads as
// an infinity or NaN (.inf, -.Inf, .nan), the value behind compose-go's
// nonFiniteErrRe error; false when msg is not that error or none is found.
func (x *index) nonFiniteValue(files []string, msg string) (nonFinite, bool) {
	if !nonFiniteErrRe.MatchString(msg) {
		return nonFinite{}, false
	}
	for _, f := range files {
		d, err := x.doc(f)
		if err != nil {
			continue
		}
		for _, root := range d.Roots() {
			if n, path := findNonFinite(root, nil, 0); n != nil {
				return nonFinite{path: strings.Join(path, "."), value: n.Value, loc: x.loc(f, yamlpos.ScalarStart(n))}, true
			}
		}
	}
	return nonFinite{}, false
}

// findNonFinite walks n depth-first; path holds the keys above it.
func findNonFinite(n *yaml.Node, path []string, depth int) (*yaml.Node, []string) {
	if n == nil || depth > 200 {
		return nil, nil
	}
	switch n.Kind {
	case yaml.ScalarNode:
		if n.Style == 0 && n.ShortTag() == "!!float" && isNonFiniteFloat(n.Value) {
			return n, path
		}
	case yaml.MappingNode:
		for i := 1; i < len(n.Content); i += 2 {
			p := slices.Concat(path, []string{n.Content[i-1].Value})
			if found, fp := findNonFinite(n.Content[i], p, depth+1); found != nil {
				return found, fp
			}
		}
	case yaml.SequenceNode, yaml.DocumentNode:
		for i, c := range n.Content {
			p := path
			if n.Kind == yaml.SequenceNode {
				p = slices.Concat(path, []string{fmt.Sprint(i)})
			}
			if found, fp := findNonFinite(c, p, depth+1); found != nil {
				return found, fp
			}
		}
	}
	return nil, nil
}

func isNonFiniteFloat(v string) bool {
	switch strings.ToLower(strings.TrimLeft(v, "+-")) {
	case ".inf", ".nan":
		return true
	}
	return false
}

// message is the error docker compose gives, placed and explained.
func (nf nonFinite) message() string {
	return fmt.Sprintf("%s: %s is a YAML float infinity or NaN, which docker compose cannot validate (json: unsupported value); quote it (\"%s\") if the text is meant", nf.path, nf.value, nf.value)
}
