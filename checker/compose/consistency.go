package compose

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/compose-spec/compose-go/v2/types"
	"go.yaml.in/yaml/v3"

	"github.com/streamlint/streamlint/checker/model"
	"github.com/streamlint/streamlint/checker/yamlpos"
	"github.com/streamlint/streamlint/internal/safefile"
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
	names := make([]string, 0, len(p.Services))
	for n := range p.Services {
		names = append(names, n)
	}
	sort.Strings(names)
	var siblings map[string]string // declared network/volume -> sibling file, read once
	declaredNearby := func(kind, name string) string {
		if siblings == nil {
			siblings = map[string]string{}
			// the directory and its parents: a file used with -f beside
			// it, or with a compose file a few levels up
			dir := filepath.Dir(files[0])
			for range 3 {
				for k, v := range l.siblingDeclarations(dir, files) {
					if _, ok := siblings[k]; !ok {
						siblings[k] = v
					}
				}
				parent := filepath.Dir(dir)
				if parent == dir {
					break
				}
				dir = parent
			}
		}
		return siblings[kind+"/"+name]
	}
	for _, name := range names {
		s := p.Services[name]
		networksFromVariable := idx.refersToVariable(files, name, "networks")
		for dep := range s.DependsOn {
			if _, ok := p.Services[dep]; ok {
				continue
			}
			if _, ok := p.DisabledServices[dep]; ok {
				continue
			}
			if other := declaredNearby("service", dep); other != "" {
				partial = true
				notes = append(notes, model.Note{Location: idx.dependsOnPos(files, name, dep), Message: fmt.Sprintf("service %q is defined in %s, not here: this file is meant to be used with it (docker compose -f %s -f %s)", dep, l.opts.Display(other), filepath.Base(other), filepath.Base(files[0]))})
				continue
			}
			problems = append(problems, LoadError{Loc: idx.dependsOnPos(files, name, dep),
				Msg: fmt.Sprintf("service %q depends on %q, which is not a service of this project: docker compose refuses to start it", name, dep)})
		}
		if s.Image == "" && s.Build == nil {
			problems = append(problems, LoadError{Loc: idx.serviceDef(files, name).loc,
				Msg: fmt.Sprintf("service %q has neither an image nor a build context: docker compose refuses the project (if this file overrides another, name them together: %s)", name, "docker compose -f base.yml -f this.yml")})
		}
		for net := range s.Networks {
			if _, ok := p.Networks[net]; ok || net == "default" {
				continue
			}
			loc := idx.listOrMapEntryPos(files, name, "networks", net)
			if networksFromVariable {
				notes = append(notes, model.Note{Location: loc, Message: fmt.Sprintf("the network of service %q is named by a variable (now %q, not declared here): checked as if the environment it is run with declares it", name, net)})
				continue
			}
			if other := declaredNearby("network", net); other != "" {
				partial = true
				notes = append(notes, model.Note{Location: loc, Message: fmt.Sprintf("network %q is declared in %s, not here: this file is meant to be used with it (docker compose -f %s -f %s)", net, l.opts.Display(other), filepath.Base(other), filepath.Base(files[0]))})
				continue
			}
			problems = append(problems, LoadError{Loc: loc, Msg: fmt.Sprintf("service %q joins network %q, which no networks: entry declares: docker compose refuses the project", name, net)})
		}
		for _, v := range s.Volumes {
			if v.Type != types.VolumeTypeVolume || v.Source == "" {
				continue
			}
			if _, ok := p.Volumes[v.Source]; ok {
				continue
			}
			loc := idx.serviceValuePos(files, name, "volumes")
			if other := declaredNearby("volume", v.Source); other != "" {
				notes = append(notes, model.Note{Location: loc, Message: fmt.Sprintf("volume %q is declared in %s, not here: this file is meant to be used with it", v.Source, l.opts.Display(other))})
				continue
			}
			problems = append(problems, LoadError{Loc: loc, Msg: fmt.Sprintf("service %q mounts volume %q, which no volumes: entry declares: docker compose refuses the project", name, v.Source)})
		}
	}
	return problems, notes, partial
}

// siblingDeclarations maps "service/NAME", "network/NAME" and
// "volume/NAME" to the other YAML file of dir that declares it at the top
// level.
func (l *Loader) siblingDeclarations(dir string, own []string) map[string]string {
	out := map[string]string{}
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
		data, err := readLimited(path, l.opts.MaxFileSize)
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
				if _, ok := out[key]; !ok {
					out[key] = path
				}
			}
		}
	}
	return out
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

// readLimited reads at most limit bytes of a regular file, through
// safefile (never a FIFO, a device or anything under /proc, /sys, /dev).
func readLimited(path string, limit int64) ([]byte, error) {
	return safefile.Read(path, limit)
}
