package compose

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"

	"go.yaml.in/yaml/v3"

	"github.com/streamlint/streamlint/checker/model"
	"github.com/streamlint/streamlint/checker/yamlpos"
)

// fileRef is a file a compose file names: an include path or env_file,
// or the file of an extends.
type fileRef struct {
	what string // "include", "include env_file", "extends file"
	path string
	node *yaml.Node
}

// checkReferencedFiles vets, before compose-go reads them, the local
// files the project's compose files include or extend (recursively):
// a device, pipe or socket (a symlink to /dev/zero, a FIFO) would block
// or never end, and a file over the size limit is not read. Missing
// files, directories and cycles are left to compose-go, which reports
// them.
func (l *Loader) checkReferencedFiles(idx *index, files []string) error {
	seen := map[string]bool{}
	var visit func(abs string, depth int) error
	visit = func(abs string, depth int) error {
		if seen[abs] || depth > 16 {
			return nil
		}
		seen[abs] = true
		d, err := idx.doc(abs)
		if err != nil {
			return nil // reported by compose-go
		}
		for _, ref := range referencedFiles(d) {
			p := ref.path
			if !filepath.IsAbs(p) {
				p = filepath.Join(filepath.Dir(abs), p)
			}
			st, err := os.Stat(p)
			if err != nil || st.IsDir() {
				continue
			}
			loc := idx.loc(abs, yamlpos.PosOf(ref.node))
			if !st.Mode().IsRegular() {
				return &LoadError{Loc: loc, Msg: fmt.Sprintf("%s %q is not a regular file (a device, pipe or socket): streamlint does not read it", ref.what, ref.path)}
			}
			if st.Size() > l.opts.MaxFileSize {
				return &LoadError{Loc: loc, Msg: fmt.Sprintf("%s %q is %d bytes, over the %d-byte limit (--max-file-size)", ref.what, ref.path, st.Size(), l.opts.MaxFileSize)}
			}
			if ref.what != "include env_file" {
				if err := visit(p, depth+1); err != nil {
					return err
				}
			}
		}
		return nil
	}
	for _, f := range files {
		if err := visit(f, 0); err != nil {
			return err
		}
	}
	return nil
}

// referencedFiles lists the local files d names in include entries and
// in its services' extends.
func referencedFiles(d *yamlpos.Doc) []fileRef {
	var out []fileRef
	scalars := func(what string, n *yaml.Node) {
		n = yamlpos.Resolve(n)
		if n == nil {
			return
		}
		items := []*yaml.Node{n}
		if n.Kind == yaml.SequenceNode {
			items = n.Content
		}
		for _, it := range items {
			it = yamlpos.Resolve(it)
			if it != nil && it.Kind == yaml.ScalarNode && it.Value != "" && !isRemote(it.Value) {
				out = append(out, fileRef{what: what, path: it.Value, node: it})
			}
		}
	}
	if inc := d.Path("include"); inc != nil && inc.Kind == yaml.SequenceNode {
		for _, item := range inc.Content {
			item = yamlpos.Resolve(item)
			if item == nil {
				continue
			}
			switch item.Kind {
			case yaml.ScalarNode:
				scalars("include", item)
			case yaml.MappingNode:
				_, p := yamlpos.MapEntry(item, "path")
				scalars("include", p)
				_, e := yamlpos.MapEntry(item, "env_file")
				scalars("include env_file", e)
			}
		}
	}
	if svcs := d.Path("services"); svcs != nil && svcs.Kind == yaml.MappingNode {
		for i := 1; i < len(svcs.Content); i += 2 {
			_, ext := yamlpos.MapEntry(svcs.Content[i], "extends")
			if ext = yamlpos.Resolve(ext); ext != nil && ext.Kind == yaml.MappingNode {
				_, f := yamlpos.MapEntry(ext, "file")
				scalars("extends file", f)
			}
		}
	}
	return out
}

var (
	lineColonRe   = regexp.MustCompile(`line (\d+):`)
	topLevelKeyRe = regexp.MustCompile(`^(validating [^:]*: )\s*additional propert(?:y|ies) '([^']+)'(?:, '[^']+')* not allowed`)
)

// lastLine finds the line of an error: the innermost "line N:" (yaml
// nests them: "line 2: line 5: mapping key "image" already defined at
// line 4" is about line 5), else the first "line N".
func lastLine(msg string) []string {
	if all := lineColonRe.FindAllStringSubmatch(msg, -1); len(all) > 0 {
		return all[len(all)-1]
	}
	return lineRe.FindStringSubmatch(msg)
}

// topLevelKeyError places compose-go's "additional properties 'x' not
// allowed" about the top level (it names no path) on the key, and names
// the schema path: (root).
func (x *index) topLevelKeyError(file, msg string) (model.Location, string, bool) {
	m := topLevelKeyRe.FindStringSubmatch(msg)
	if m == nil {
		return model.Location{}, "", false
	}
	d, err := x.doc(file)
	if err != nil {
		return model.Location{}, "", false
	}
	k, v := yamlpos.MapEntry(d.Root(), m[2])
	if k == nil {
		return model.Location{}, "", false
	}
	if _, svcs := yamlpos.MapEntry(d.Root(), "services"); svcs == nil && looksLikeService(v) {
		return x.loc(file, yamlpos.PosOf(k)), fmt.Sprintf("%q is a service at the top level: this is the Compose file format v1, which docker compose v2 no longer reads; move the services under a top-level services: key", m[2]), true
	}
	return x.loc(file, yamlpos.PosOf(k)), m[1] + "(root): additional property '" + m[2] + "' is not allowed by the compose specification", true
}

// looksLikeService reports whether a mapping has what a service has.
func looksLikeService(n *yaml.Node) bool {
	n = yamlpos.Resolve(n)
	if n == nil || n.Kind != yaml.MappingNode {
		return false
	}
	for _, key := range []string{"image", "build", "environment", "command"} {
		if k, _ := yamlpos.MapEntry(n, key); k != nil {
			return true
		}
	}
	return false
}
