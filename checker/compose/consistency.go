package compose

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/compose-spec/compose-go/v2/types"
	"go.yaml.in/yaml/v3"

	"github.com/streamlint/streamlint/checker/model"
	"github.com/streamlint/streamlint/checker/yamlpos"
)

// checkConsistency finds what docker compose would reject in a project
// that compose-go loaded without its consistency checks: a depends_on
// naming no service, a service with neither an image nor a build, a
// network or volume that is not declared. Each is a located LoadError;
// the project is still modelled, so its other services are checked (like
// a compiler that reports all its errors). A network or volume declared
// by another compose file of the directory is not an error but a note:
// the file is meant to be used with that one (docker compose -f a -f b).
func (l *Loader) checkConsistency(idx *index, files []string, p *types.Project) (problems []LoadError, notes []model.Note, partial bool) {
	c := &consistency{l: l, idx: idx, files: files, p: p}
	names := make([]string, 0, len(p.Services))
	for n := range p.Services {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, name := range names {
		s := p.Services[name]
		c.dependsOn(name, s)
		if s.Image == "" && s.Build == nil {
			c.incomplete(name)
		}
		c.networks(name, s)
		c.volumes(name, s)
	}
	return c.problems, c.notes, c.partial
}

// incomplete reports a service with neither an image nor a build. When
// another compose file nearby (the directory or up to two levels up)
// defines the service with one, this file overrides it (docker compose -f
// base -f this): a note, and the service is checked with its image
// unknown. Else docker compose refuses the project: a load error.
func (c *consistency) incomplete(name string) {
	loc := c.idx.serviceDef(c.files, name).loc
	if other := c.declaredNearby("service", name); other != "" && c.l.completeServices(other)[name] {
		c.usedWith(loc, fmt.Sprintf("service %q gets its image from", name), other)
		return
	}
	if other := c.definedInSibling(name); other != "" {
		c.usedWith(loc, fmt.Sprintf("service %q gets its image from", name), other)
		return
	}
	if base, ok := overrideBase(loc.File); ok {
		// docker compose reads X.override.yml only with X.yml, which is
		// not here (a start script downloads it, another checkout has it)
		c.partial = true
		c.notes = append(c.notes, model.Note{Location: loc, Message: fmt.Sprintf("service %q has no image or build here: %s overrides %s, which is not in its directory (docker compose reads it only with that file); what the base sets is unknown here", name, filepath.Base(loc.File), base)})
		return
	}
	c.problems = append(c.problems, LoadError{Loc: loc,
		Msg: fmt.Sprintf("service %q has neither an image nor a build context: docker compose refuses the project (if this file overrides another, name them together: %s)", name, "docker compose -f base.yml -f this.yml")})
}

// overrideBaseRe matches docker compose's override files, X.override.yml,
// whose base is X.yml.
var overrideBaseRe = regexp.MustCompile(`^(.*)\.override(\.ya?ml)$`)

// overrideBase is the base file name of an override file (compose.yaml for
// compose.override.yaml).
func overrideBase(path string) (string, bool) {
	m := overrideBaseRe.FindStringSubmatch(filepath.Base(path))
	if m == nil {
		return "", false
	}
	return m[1] + m[2], true
}

// maxSiblingDirs bounds the sibling directories definedInSibling reads.
const maxSiblingDirs = 64

// definedInSibling is a compose file in a sibling directory that defines
// service name with an image or a build ("" when none): variants of one
// environment kept side by side, each overriding the plain one
// (kafka-docker-playground's environment/ssl/docker-compose.yml is used
// with -f ../plaintext/docker-compose.yml).
func (c *consistency) definedInSibling(name string) string {
	dir := filepath.Dir(c.files[0])
	parent := filepath.Dir(dir)
	if parent == dir {
		return ""
	}
	entries, err := os.ReadDir(parent)
	if err != nil {
		return ""
	}
	read := 0
	for _, e := range entries {
		sub := filepath.Join(parent, e.Name())
		if !e.IsDir() || sub == dir || strings.HasPrefix(e.Name(), ".") {
			continue
		}
		if read++; read > maxSiblingDirs {
			return ""
		}
		if c.siblingDirs == nil {
			c.siblingDirs = map[string]map[string]string{}
		}
		decl, ok := c.siblingDirs[sub]
		if !ok {
			decl = c.l.siblingDeclarations(sub, nil)
			c.siblingDirs[sub] = decl
		}
		if other := decl["service/"+name]; other != "" && c.l.completeServices(other)[name] {
			return other
		}
	}
	return ""
}

// consistency collects what checkConsistency finds in one project.
type consistency struct {
	l     *Loader
	idx   *index
	files []string
	p     *types.Project
	// siblings maps a declared "kind/name" to the sibling file that
	// declares it, read on first use
	siblings map[string]string
	// siblingDirs are siblingDeclarations of sibling directories, read
	// on first use
	siblingDirs map[string]map[string]string

	problems []LoadError
	notes    []model.Note
	partial  bool
}

// declaredNearby is the other compose file, in the directory or up to
// two levels up, that declares kind/name ("" when none): a file used
// with -f beside it, or with a compose file a few levels up.
func (c *consistency) declaredNearby(kind, name string) string {
	if c.siblings == nil {
		c.siblings = map[string]string{}
		dir := filepath.Dir(c.files[0])
		for range 3 {
			for k, v := range c.l.siblingDeclarations(dir, c.files) {
				if _, ok := c.siblings[k]; !ok {
					c.siblings[k] = v
				}
			}
			parent := filepath.Dir(dir)
			if parent == dir {
				break
			}
			dir = parent
		}
	}
	return c.siblings[kind+"/"+name]
}

// usedWith notes that this file is meant to be used with other.
func (c *consistency) usedWith(loc model.Location, what, other string) {
	c.partial = true
	c.notes = append(c.notes, model.Note{Location: loc, Message: fmt.Sprintf("%s %s, not here: this file is meant to be used with it (docker compose -f %s -f %s)", what, c.l.opts.Display(other), relativeTo(filepath.Dir(c.files[0]), other), filepath.Base(c.files[0]))})
}

// relativeTo is path as written from dir (../docker-compose.yml), or path
// itself when it has no relative form.
func relativeTo(dir, path string) string {
	if rel, err := filepath.Rel(dir, path); err == nil {
		return filepath.ToSlash(rel)
	}
	return path
}

// sharedServices lists the services of this project that other also
// defines: a file that repeats the project's services is an alternative
// to it (the tutorial's ZooKeeper variant next to a KRaft one) rather
// than the file it is used with.
func (c *consistency) sharedServices(other string) []string {
	defined := c.l.completeServices(other)
	var out []string
	for n := range c.p.Services {
		if defined[n] {
			out = append(out, n)
		}
	}
	sort.Strings(out)
	return out
}

// completeServices lists the services a compose file defines with an
// image or a build.
func (l *Loader) completeServices(path string) map[string]bool {
	out := map[string]bool{}
	data, err := l.opts.Scope.Read(path, l.opts.MaxFileSize)
	if err != nil {
		return out
	}
	d, err := yamlpos.Parse(data)
	if err != nil || d.Root() == nil {
		return out
	}
	_, top := yamlpos.MapEntry(d.Root(), "services")
	top = yamlpos.Resolve(top)
	if top == nil || top.Kind != yaml.MappingNode {
		return out
	}
	for i := 0; i+1 < len(top.Content); i += 2 {
		if hasImageOrBuild(top.Content[i+1]) {
			out[top.Content[i].Value] = true
		}
	}
	return out
}

// leftOver notes a dependency that only an alternative file defines:
// either the two files are combined (and the shared services merged) or
// the depends_on is left over from it, and docker compose rejects this
// file on its own.
func (c *consistency) leftOver(loc model.Location, name, dep, other string, shared []string) {
	c.partial = true
	c.notes = append(c.notes, model.Note{Location: loc, Message: fmt.Sprintf(
		"service %q depends on %q, which only %s defines; that file also defines %s, so it looks like an alternative to this one: run alone (docker compose -f %s), this file is rejected; if it is really combined with it, the shared services are merged",
		name, dep, c.l.opts.Display(other), quoteList(shared), filepath.Base(c.files[0]))})
}

func quoteList(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = fmt.Sprintf("%q", n)
	}
	return strings.Join(q, ", ")
}

func (c *consistency) dependsOn(name string, s types.ServiceConfig) {
	for dep := range s.DependsOn {
		if _, ok := c.p.Services[dep]; ok {
			continue
		}
		if _, ok := c.p.DisabledServices[dep]; ok {
			continue
		}
		loc := c.idx.dependsOnPos(c.files, name, dep)
		if other := c.declaredNearby("service", dep); other != "" {
			if shared := c.sharedServices(other); len(shared) > 0 {
				c.leftOver(loc, name, dep, other, shared)
				continue
			}
			c.usedWith(loc, fmt.Sprintf("service %q is defined in", dep), other)
			continue
		}
		c.problems = append(c.problems, LoadError{Loc: loc,
			Msg: fmt.Sprintf("service %q depends on %q, which is not a service of this project: docker compose refuses to start it", name, dep)})
	}
}

func (c *consistency) networks(name string, s types.ServiceConfig) {
	fromVariable := c.idx.refersToVariable(c.files, name, "networks")
	for net := range s.Networks {
		if _, ok := c.p.Networks[net]; ok || net == "default" {
			continue
		}
		loc := c.idx.listOrMapEntryPos(c.files, name, "networks", net)
		if fromVariable {
			c.notes = append(c.notes, model.Note{Location: loc, Message: fmt.Sprintf("the network of service %q is named by a variable (now %q, not declared here): checked as if the environment it is run with declares it", name, net)})
			continue
		}
		if other := c.declaredNearby("network", net); other != "" {
			c.usedWith(loc, fmt.Sprintf("network %q is declared in", net), other)
			continue
		}
		c.problems = append(c.problems, LoadError{Loc: loc, Msg: fmt.Sprintf("service %q joins network %q, which no networks: entry declares: docker compose refuses the project", name, net)})
	}
}

func (c *consistency) volumes(name string, s types.ServiceConfig) {
	for _, v := range s.Volumes {
		if v.Type != types.VolumeTypeVolume || v.Source == "" {
			continue
		}
		if _, ok := c.p.Volumes[v.Source]; ok {
			continue
		}
		loc := c.idx.serviceValuePos(c.files, name, "volumes")
		if other := c.declaredNearby("volume", v.Source); other != "" {
			// a volume declared elsewhere leaves the cluster whole
			c.notes = append(c.notes, model.Note{Location: loc, Message: fmt.Sprintf("volume %q is declared in %s, not here: this file is meant to be used with it", v.Source, c.l.opts.Display(other))})
			continue
		}
		c.problems = append(c.problems, LoadError{Loc: loc, Msg: fmt.Sprintf("service %q mounts volume %q, which no volumes: entry declares: docker compose refuses the project", name, v.Source)})
	}
}

// siblingDeclarations maps "service/NAME", "network/NAME" and
// "volume/NAME" to the other YAML file of dir that declares it at the top
// level; for a service, one that defines it with an image or a build when
// there is one (docker-compose.jmxexporter.yaml and the base
// docker-compose.yaml both declare kafka1; only the base has its image).
func (l *Loader) siblingDeclarations(dir string, own []string) map[string]string {
	out := map[string]string{}
	// complete marks the services out names a file that defines them with
	// an image or a build: another override of the same base, read first,
	// must not hide the base
	complete := map[string]bool{}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return out
	}
	mine := map[string]bool{}
	for _, f := range own {
		mine[f] = true
	}
	for _, e := range entries {
		name := e.Name()
		if !e.Type().IsRegular() || !strings.HasSuffix(name, ".yml") && !strings.HasSuffix(name, ".yaml") {
			continue
		}
		path := filepath.Join(dir, name)
		if mine[path] {
			continue
		}
		data, err := l.opts.Scope.Read(path, l.opts.MaxFileSize)
		if err != nil {
			continue
		}
		d, err := yamlpos.Parse(data)
		if err != nil || d.Root() == nil {
			continue
		}
		for _, kind := range []string{"service", "network", "volume"} {
			_, top := yamlpos.MapEntry(d.Root(), kind+"s")
			top = yamlpos.Resolve(top)
			if top == nil || top.Kind != yaml.MappingNode {
				continue
			}
			for i := 0; i+1 < len(top.Content); i += 2 {
				key := kind + "/" + top.Content[i].Value
				full := kind == "service" && hasImageOrBuild(top.Content[i+1])
				if _, ok := out[key]; !ok || full && !complete[key] {
					out[key] = path
					complete[key] = full
				}
			}
		}
	}
	return out
}

// hasImageOrBuild reports whether a service's definition sets an image or
// a build.
func hasImageOrBuild(n *yaml.Node) bool {
	svc := yamlpos.Resolve(n)
	if svc == nil || svc.Kind != yaml.MappingNode {
		return false
	}
	_, img := yamlpos.MapEntry(svc, "image")
	_, build := yamlpos.MapEntry(svc, "build")
	return img != nil || build != nil
}

// refersToVariable reports whether any scalar under a service's key
// refers to a variable.
func (x *index) refersToVariable(files []string, name, key string) bool {
	_, _, n := x.lookup(files, name, key)
	found := false
	walkScalars(n, 0, key, func(s *yaml.Node, _ string) {
		found = found || len(findRefs(s.Value)) > 0
	})
	return found
}

// dependsOnPos is where a service's depends_on names dep (list or map
// form), else the depends_on key, else the service.
func (x *index) dependsOnPos(files []string, name, dep string) model.Location {
	return x.listOrMapEntryPos(files, name, "depends_on", dep)
}

// listOrMapEntryPos finds entry under a service's key, written as a list
// item or as a mapping key.
func (x *index) listOrMapEntryPos(files []string, name, key, entry string) model.Location {
	f, k, n := x.lookup(files, name, key)
	if n == nil {
		return x.serviceDef(files, name).loc
	}
	switch n.Kind {
	case yaml.SequenceNode:
		for _, it := range n.Content {
			if r := yamlpos.Resolve(it); r != nil && r.Kind == yaml.ScalarNode && r.Value == entry {
				return x.loc(f, yamlpos.PosOf(it))
			}
		}
	case yaml.MappingNode:
		if ek, _ := yamlpos.MapEntry(n, entry); ek != nil {
			return x.loc(f, yamlpos.PosOf(ek))
		}
	}
	if k != nil {
		return x.loc(f, yamlpos.PosOf(k))
	}
	return x.loc(f, yamlpos.PosOf(n))
}
