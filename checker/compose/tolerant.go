package compose

import (
	"context"
	"fmt"
	"regexp"
	"runtime"
	"strings"

	"github.com/compose-spec/compose-go/v2/types"
	"github.com/streamlint/streamlint/checker/yamlpos"
	"go.yaml.in/yaml/v3"
)

// maxLeftOut bounds the services a load leaves out (each is one more
// load of the project).
const maxLeftOut = 8

// failingServiceRe finds the service compose-go names in an error
// ("error while interpolating services.spark.cpus: ...",
// "'services[kafka].mem_limit' invalid size", "cannot extend service
// "spark" in compose.yaml: ...").
var failingServiceRe = regexp.MustCompile(`\bservices(?:\.([A-Za-z0-9_-]+)\.|\[([A-Za-z0-9._-]+)\])|^cannot extend service "([^"]+)"`)

// badPortRe is compose-go's error for a port it cannot parse, which
// names the value but not the service.
var badPortRe = regexp.MustCompile(`^Invalid (?:hostPort|containerPort|port|proto|ip)[^:]*: (\S+)$`)

// failingService is the service a load error is about, "" when it
// names none that can be found.
func (x *index) failingService(files []string, msg string) string {
	if nf, ok := x.nonFiniteValue(files, msg); ok {
		msg = nf.message()
	}
	if name := x.badServiceName(files, msg); name != "" {
		return name
	}
	if m := failingServiceRe.FindStringSubmatch(msg); m != nil {
		return m[1] + m[2] + m[3]
	}
	m := badPortRe.FindStringSubmatch(msg)
	if m == nil {
		return ""
	}
	for _, f := range files {
		d := x.docs[f]
		if d == nil {
			continue
		}
		services := d.Path("services")
		if services == nil || services.Kind != yaml.MappingNode {
			continue
		}
		for i := 0; i+1 < len(services.Content); i += 2 {
			_, ports := yamlpos.MapEntry(services.Content[i+1], "ports")
			if ports == nil {
				continue
			}
			for _, item := range ports.Content {
				if strings.Contains(item.Value, m[1]) {
					return services.Content[i].Value
				}
			}
		}
	}
	return ""
}

// loadTolerant loads the project like loadProject; when compose-go
// rejects a value of one service (cpus: lots, mem_limit: abc, a port it
// cannot parse), the error is kept, located, and the project is loaded
// again without that service, so that every other service is still
// modelled and checked, as a compiler reports all its errors. docker
// compose rejects such a file too: the error keeps the run at exit 2.
func (l *Loader) loadTolerant(ctx context.Context, dir string, abs []string, idx *index, env map[string]string, missing map[string]bool) (*types.Project, []LoadError, error) {
	lines := make([][]string, len(abs))
	for i, f := range abs {
		lines[i] = idx.lines[f]
	}
	if len(abs) == 1 {
		if p, ok := l.loadParts(ctx, dir, abs[0], idx, env, min(runtime.GOMAXPROCS(0), maxParts)); ok {
			return p, nil, nil
		}
	}
	var (
		leftOut  []LoadError
		content  [][]string // nil: the files as they are on disk
		firstErr error
	)
	for {
		p, err := l.loadProject(ctx, dir, abs, lines, content, env, missing)
		if err == nil {
			return p, leftOut, nil
		}
		if firstErr == nil {
			firstErr = err
		}
		name := idx.failingService(abs, err.Error())
		if name == "" || len(leftOut) >= maxLeftOut {
			return nil, nil, firstErr // what leaving out could not mend
		}
		text, ok := idx.withoutService(abs, lines, name, len(leftOut))
		if !ok {
			return nil, nil, firstErr
		}
		le := l.loadError(abs, idx, err)
		if le.Loc.Line <= 1 {
			if def := idx.serviceDef(abs, name); def.key != nil {
				le.Loc = idx.loc(def.file, yamlpos.PosOf(def.key))
			}
		}
		leftOut = append(leftOut, LoadError{Loc: le.Loc, Msg: fmt.Sprintf("%s (docker compose rejects the file; service %q is left out here, the others are checked)", le.Msg, name)})
		content, lines = text, text
	}
}

// withoutService is the files' lines with service name's block blanked
// (its lines kept, empty, so that every other position holds); false
// when no file defines it as a block of its own, or when it is the last
// service left (leftOut: how many are already left out).
func (x *index) withoutService(files []string, lines [][]string, name string, leftOut int) ([][]string, bool) {
	if x.serviceCount(files)-leftOut < 2 {
		return nil, false // nothing else to check
	}
	out := make([][]string, len(lines))
	found := false
	for i, f := range files {
		out[i] = lines[i]
		d := x.docs[f]
		if d == nil {
			continue
		}
		first, last, ok := serviceBlock(d.Root(), name, len(lines[i]))
		if !ok {
			continue
		}
		blanked := append([]string(nil), lines[i]...)
		for l := first; l <= last && l <= len(blanked); l++ {
			blanked[l-1] = ""
		}
		emptyServices(blanked, d.Root())
		out[i], found = blanked, true
	}
	return out, found
}

// serviceBlock is the first and last line of service name's entry in the
// block mapping root.services: from its key to the line before the next
// key (of services, or of the top level), or to the end of the file.
func serviceBlock(root *yaml.Node, name string, nLines int) (first, last int, ok bool) {
	if root == nil || root.Kind != yaml.MappingNode {
		return 0, 0, false
	}
	end := nLines
	var services *yaml.Node
	for i := 0; i+1 < len(root.Content); i += 2 {
		if root.Content[i].Value == "services" {
			services = root.Content[i+1]
			if i+2 < len(root.Content) {
				end = root.Content[i+2].Line - 1
			}
		}
	}
	if services == nil || services.Kind != yaml.MappingNode || services.Style&yaml.FlowStyle != 0 {
		return 0, 0, false
	}
	for i := 0; i+1 < len(services.Content); i += 2 {
		if k := services.Content[i]; k.Value == name {
			last := end
			if i+2 < len(services.Content) {
				last = services.Content[i+2].Line - 1
			}
			if v := services.Content[i+1]; v.Style&yaml.FlowStyle != 0 && v.Line == k.Line {
				last = k.Line // a one-line flow mapping
			}
			return k.Line, last, k.Line <= last
		}
	}
	return 0, 0, false
}

// emptyServices blanks the services: key of a file whose services are
// all blanked (an override of only the service left out), and makes a
// file left with nothing an empty mapping, which compose-go accepts.
func emptyServices(lines []string, root *yaml.Node) {
	for i := 0; i+1 < len(root.Content); i += 2 {
		k := root.Content[i]
		if k.Value != "services" || k.Line < 1 || k.Line > len(lines) {
			continue
		}
		for l := k.Line; l < len(lines); l++ {
			if t := strings.TrimSpace(lines[l]); t != "" && !strings.HasPrefix(t, "#") {
				return // a service, or the next key, is left
			}
		}
		lines[k.Line-1] = ""
	}
	for _, l := range lines {
		if t := strings.TrimSpace(l); t != "" && !strings.HasPrefix(t, "#") {
			return
		}
	}
	if len(lines) > 0 {
		lines[0] = "{}"
	}
}

// serviceCount counts the services the files define (each name once).
func (x *index) serviceCount(files []string) int {
	names := map[string]bool{}
	for _, f := range files {
		d := x.docs[f]
		if d == nil {
			continue
		}
		if root := d.Root(); root != nil && root.Kind == yaml.MappingNode {
			for i := 0; i+1 < len(root.Content); i += 2 {
				if s := root.Content[i+1]; root.Content[i].Value == "services" && s.Kind == yaml.MappingNode {
					for j := 0; j+1 < len(s.Content); j += 2 {
						names[s.Content[j].Value] = true
					}
				}
			}
		}
	}
	return len(names)
}

// configFiles are the files with their text replaced where content
// holds it.
func configFiles(abs []string, content [][]string) []types.ConfigFile {
	out := make([]types.ConfigFile, len(abs))
	for i, f := range abs {
		out[i] = types.ConfigFile{Filename: f, Content: []byte(strings.Join(content[i], "\n"))}
	}
	return out
}
