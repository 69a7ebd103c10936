package compose

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/compose-spec/compose-go/v2/template"
	"github.com/streamlint/streamlint/checker/model"
	"github.com/streamlint/streamlint/checker/yamlpos"
	"github.com/streamlint/streamlint/internal/safefile"
)

// fileRef is a file a compose file names: an include path or env_file,
// or the file of an extends.
type fileRef struct {
	what string // "include", "include env_file", "extends file"
	path string
	node *yaml.Node
	// projectDir is an include's project_directory ("" when unset).
	projectDir string
	// first is true for the first path of an include: its directory
	// (or projectDir) is where compose-go reads the include's .env.
	first bool
	// hasEnvFile: the include names its env files (no default .env).
	hasEnvFile bool
}

// maxReferenceDepth is how deep include and extends files may nest.
const maxReferenceDepth = 16

// checkReferencedFiles vets, before compose-go reads them, the local
// files the project's compose files include or extend (recursively),
// the env files of includes and the .env compose-go reads by default for
// an include without env_file: compose-go opens these itself, so each is
// put through safefile.Vet first. A device, pipe or socket would block
// or never end, a link into /proc would feed the runner's environment to
// interpolation, and a file over the size limit is not read. References
// are interpolated with the project's environment first, as compose-go
// does. Missing files, directories and cycles are left to compose-go,
// which reports them. An included or extended file that is not valid
// YAML is reported at the reference.
func (l *Loader) checkReferencedFiles(idx *index, files []string, env map[string]string) error {
	seen := map[string]bool{}
	lookup := func(k string) (string, bool) { v, ok := env[k]; return v, ok }
	var visit func(abs string, depth int) error
	visit = func(abs string, depth int) error {
		if seen[abs] {
			return nil
		}
		seen[abs] = true
		d, err := idx.doc(abs)
		if err != nil {
			return nil // reported where it is referenced, or by compose-go
		}
		var refs []fileRef
		for _, doc := range d.Docs() {
			refs = append(refs, referencedFiles(doc)...)
		}
		for _, ref := range refs {
			next, err := l.vetFileRef(idx, abs, ref, lookup)
			if err != nil {
				return err
			}
			if next != "" && !seen[next] && depth+1 > maxReferenceDepth {
				// compose-go would open what lies deeper unvetted, and its
				// cost grows with the cube of an include chain's length
				return &LoadError{Loc: idx.loc(abs, yamlpos.ScalarStart(ref.node)), Msg: fmt.Sprintf(
					"%s %q is more than %d files deep (include and extends files nest this far): streamlint does not follow further", ref.what, ref.path, maxReferenceDepth)}
			}
			if next != "" {
				if err := visit(next, depth+1); err != nil {
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

// vetFileRef vets one reference of the compose file abs and returns the
// compose file it leads to, to visit in turn ("" when none: a remote or
// env file, or a file compose-go reports as missing).
func (l *Loader) vetFileRef(idx *index, abs string, ref fileRef, lookup func(string) (string, bool)) (string, error) {
	loc := idx.loc(abs, yamlpos.ScalarStart(ref.node))
	p := ref.path
	if strings.Contains(p, "$") {
		sub, err := template.Substitute(p, lookup)
		if err != nil {
			return "", nil // compose-go reports the bad reference
		}
		p = sub
	}
	if p == "" || isRemote(p) || ref.what == "include env_file" && p == os.DevNull {
		return "", nil
	}
	if !filepath.IsAbs(p) {
		p = filepath.Join(filepath.Dir(abs), p)
	}
	if err := l.vetReference(ref.what, ref.path, p, loc); err != nil {
		return "", err
	}
	if ref.what == "include" && ref.first && !ref.hasEnvFile {
		dir := filepath.Dir(p)
		if ref.projectDir != "" {
			dir = ref.projectDir
			if !filepath.IsAbs(dir) {
				dir = filepath.Join(filepath.Dir(abs), dir)
			}
		}
		if err := l.vetReference("include", ref.path+"'s .env", filepath.Join(dir, ".env"), loc); err != nil {
			return "", err
		}
	}
	if ref.what == "include env_file" {
		return "", nil
	}
	if _, err := l.opts.Scope.Vet(p, 0); err != nil {
		if safefile.ReasonOf(err) == safefile.NotExist {
			// compose-go's error names the absolute path, at no line
			return "", &LoadError{Loc: loc, Msg: fmt.Sprintf("%s %q %s: docker compose refuses the project", ref.what, ref.path, safefile.Message(err))}
		}
		return "", nil // a directory: compose-go says so
	}
	inc, err := idx.doc(p)
	if err != nil {
		var le *LoadError
		if errors.As(err, &le) {
			return "", &LoadError{Loc: loc, Msg: fmt.Sprintf("%s %q: %s: %s", ref.what, ref.path, le.Loc, le.Msg)}
		}
		return "", &LoadError{Loc: loc, Msg: fmt.Sprintf("%s %q: %v", ref.what, ref.path, err)}
	}
	for _, r := range inc.Roots() {
		if isNull := r.Kind == yaml.ScalarNode && r.Tag == "!!null"; r.Kind != yaml.MappingNode && !isNull {
			// /etc/passwd reads as one long YAML string: say so here,
			// without quoting it, rather than at 1:1
			return "", &LoadError{Loc: loc, Msg: fmt.Sprintf("%s %q is not a compose file: its top level is not a mapping", ref.what, ref.path)}
		}
	}
	return p, nil
}

// vetReference refuses, at loc, a referenced file compose-go must not
// open. Missing files and directories are left to compose-go.
func (l *Loader) vetReference(what, written, p string, loc model.Location) error {
	_, err := l.opts.Scope.Vet(p, l.opts.MaxFileSize)
	switch safefile.ReasonOf(err) {
	case 0, safefile.NotExist, safefile.Directory:
		return nil
	}
	return &LoadError{Loc: loc, Msg: fmt.Sprintf("%s %q %s", what, written, safefile.Message(err))}
}

// referencedFiles lists the local files d names in include entries and
// in its services' extends.
func referencedFiles(d *yamlpos.Doc) []fileRef {
	var out []fileRef
	scalars := func(base fileRef, n *yaml.Node) {
		n = yamlpos.Resolve(n)
		if n == nil {
			return
		}
		items := []*yaml.Node{n}
		if n.Kind == yaml.SequenceNode {
			items = n.Content
		}
		for i, it := range items {
			it = yamlpos.Resolve(it)
			if it != nil && it.Kind == yaml.ScalarNode && it.Value != "" && !isRemote(it.Value) {
				r := base
				r.path, r.node, r.first = it.Value, it, i == 0
				out = append(out, r)
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
				scalars(fileRef{what: "include"}, item)
			case yaml.MappingNode:
				_, e := yamlpos.MapEntry(item, "env_file")
				base := fileRef{what: "include", hasEnvFile: yamlpos.Resolve(e) != nil}
				if _, pd := yamlpos.MapEntry(item, "project_directory"); yamlpos.Resolve(pd) != nil && yamlpos.Resolve(pd).Kind == yaml.ScalarNode {
					base.projectDir = yamlpos.Resolve(pd).Value
				}
				_, p := yamlpos.MapEntry(item, "path")
				scalars(base, p)
				scalars(fileRef{what: "include env_file"}, e)
			}
		}
	}
	if svcs := d.Path("services"); svcs != nil && svcs.Kind == yaml.MappingNode {
		for i := 1; i < len(svcs.Content); i += 2 {
			_, ext := yamlpos.MapEntry(svcs.Content[i], "extends")
			if ext = yamlpos.Resolve(ext); ext != nil && ext.Kind == yaml.MappingNode {
				_, f := yamlpos.MapEntry(ext, "file")
				scalars(fileRef{what: "extends file"}, f)
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
