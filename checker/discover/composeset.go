package discover

import (
	"bytes"
	"path/filepath"
	"strings"

	"github.com/compose-spec/compose-go/v2/format"
	"go.yaml.in/yaml/v3"
)

// maxComposeRead bounds what grouping reads of a compose file; larger
// files are left as projects of their own (the loader reports them).
const maxComposeRead = 1 << 20

// composeFacts is what grouping needs to know of a compose file.
type composeFacts struct {
	// refs are the local files it reaches through include or extends.file.
	refs []string
	// services maps each service to whether it sets an image or a build.
	services map[string]bool
	// mounts are the local files and directories its services bind-mount.
	mounts []string
}

// readComposeFacts parses a compose file for grouping. A file that cannot
// be read or parsed has no facts: the loader reports it.
func readComposeFacts(path string, opts Options) (composeFacts, bool) {
	data, err := opts.ReadHead(path, maxComposeRead)
	if err != nil || len(data) >= maxComposeRead {
		return composeFacts{}, false
	}
	var doc yaml.Node
	if yaml.Unmarshal(data, &doc) != nil || len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		return composeFacts{}, false
	}
	root := doc.Content[0]
	f := composeFacts{services: map[string]bool{}}
	dir := filepath.Dir(path)
	local := func(p string) {
		if p == "" || strings.Contains(p, "://") || strings.Contains(p, "$") || strings.HasPrefix(p, "git@") {
			return
		}
		if !filepath.IsAbs(p) {
			p = filepath.Join(dir, p)
		}
		f.refs = append(f.refs, filepath.Clean(p))
	}
	if inc := mapValue(root, "include"); inc != nil && inc.Kind == yaml.SequenceNode {
		for _, item := range inc.Content {
			switch item.Kind {
			case yaml.ScalarNode:
				local(item.Value)
			case yaml.MappingNode:
				switch p := mapValue(item, "path"); {
				case p == nil:
				case p.Kind == yaml.ScalarNode:
					local(p.Value)
				case p.Kind == yaml.SequenceNode:
					for _, q := range p.Content {
						local(q.Value)
					}
				}
			}
		}
	}
	if svcs := mapValue(root, "services"); svcs != nil && svcs.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(svcs.Content); i += 2 {
			svc := svcs.Content[i+1]
			f.services[svcs.Content[i].Value] = mapValue(svc, "image") != nil || mapValue(svc, "build") != nil
			if ext := mapValue(svc, "extends"); ext != nil && ext.Kind == yaml.MappingNode {
				if file := mapValue(ext, "file"); file != nil && file.Kind == yaml.ScalarNode {
					local(file.Value)
				}
			}
			f.mounts = append(f.mounts, bindSources(svc, dir)...)
		}
	}
	return f, true
}

// bindSources lists the local paths a service bind-mounts (short syntax
// ./conf:/etc/kafka, long syntax type: bind), absolute; a source written
// with a variable is left out.
func bindSources(svc *yaml.Node, dir string) []string {
	vols := mapValue(svc, "volumes")
	if vols == nil || vols.Kind != yaml.SequenceNode {
		return nil
	}
	var out []string
	for _, v := range vols.Content {
		src := ""
		switch v.Kind {
		case yaml.ScalarNode:
			if vc, err := format.ParseVolume(v.Value); err == nil && vc.Type == "bind" {
				src = vc.Source
			}
		case yaml.MappingNode:
			if t := mapValue(v, "type"); t != nil && t.Value == "bind" {
				if s := mapValue(v, "source"); s != nil {
					src = s.Value
				}
			}
		}
		if src == "" || strings.Contains(src, "$") || strings.HasPrefix(src, "~") {
			continue
		}
		if !filepath.IsAbs(src) {
			src = filepath.Join(dir, src)
		}
		out = append(out, filepath.Clean(src))
	}
	return out
}

// mountedInto lists the projects a file outside every compose directory
// belongs to: those whose services bind-mount it, or a directory holding
// it, from outside the project's own directory (docker compose -f
// examples/x/docker-compose.yml mounting ../../config into the broker).
// A mount of the project's directory or one above it (.:/src, the whole
// repository) does not claim the file.
func mountedInto(file string, pipelines []*Group, facts func(string) composeFacts) []*Group {
	var out []*Group
	for _, p := range pipelines {
		if mountsFile(p, file, facts) {
			out = append(out, p)
		}
	}
	return out
}

func mountsFile(p *Group, file string, facts func(string) composeFacts) bool {
	for _, c := range p.Compose {
		for _, m := range facts(c).mounts {
			if !within(p.Root, m) && within(file, m) {
				return true
			}
		}
	}
	return false
}

// within reports whether path is inside dir (or is dir).
func within(path, dir string) bool {
	return path == dir || strings.HasPrefix(path, strings.TrimSuffix(dir, string(filepath.Separator))+string(filepath.Separator))
}

// mapValue is the value of key in mapping n (aliases followed once), or nil.
func mapValue(n *yaml.Node, key string) *yaml.Node {
	if n != nil && n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			v := n.Content[i+1]
			if v.Kind == yaml.AliasNode {
				v = v.Alias
			}
			return v
		}
	}
	return nil
}

// composeSets groups a directory's compose files into projects:
// docker compose's override pairs (X.yml with X.override.yml), then a
// file whose services all lack an image and a build, each defined by a
// sibling file, as an override of that sibling (docker compose -f base
// -f this). Files another compose file reaches through include or
// extends.file (fragments) are not projects of their own; they are read
// as part of the project that uses them.
func composeSets(list []string, facts map[string]composeFacts, fragments map[string]bool) [][]string {
	var kept []string
	for _, f := range list {
		if !fragments[f] {
			kept = append(kept, f)
		}
	}
	sets := overrideSets(kept)
	definedBy := map[string]int{} // service -> the set defining it with an image or build
	for i, set := range sets {
		for _, f := range set {
			for name, complete := range facts[f].services {
				if complete {
					if _, ok := definedBy[name]; !ok {
						definedBy[name] = i
					}
				}
			}
		}
	}
	merged := map[int]bool{}
	for i, set := range sets {
		if len(set) != 1 {
			continue
		}
		base := overrides(facts[set[0]], definedBy, i)
		if base < 0 || merged[base] || merged[i] {
			continue
		}
		sets[base] = append(sets[base], set[0])
		merged[i] = true
	}
	var out [][]string
	for i, set := range sets {
		if !merged[i] {
			out = append(out, set)
		}
	}
	return out
}

// overrides returns the set a file overrides: every service of the file
// lacks an image and a build, and one other set defines them all; -1
// when it overrides nothing.
func overrides(f composeFacts, definedBy map[string]int, self int) int {
	base := -1
	if len(f.services) == 0 {
		return -1
	}
	for name, complete := range f.services {
		i, ok := definedBy[name]
		if complete || !ok || i == self || base >= 0 && i != base {
			return -1
		}
		base = i
	}
	return base
}

// mentionsReferences reports whether a compose file may include or extend
// another file, before it is parsed.
func mentionsReferences(head []byte) bool {
	return bytes.Contains(head, []byte("include")) || bytes.Contains(head, []byte("extends"))
}
