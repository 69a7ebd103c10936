package compose

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/compose-spec/compose-go/v2/types"

	"github.com/streamlint/streamlint/checker/model"
	"github.com/streamlint/streamlint/internal/safefile"
)

// service is one service of the project as the rules read it: image,
// build, networks, memory limit, environment (written and from env
// files), command and volumes, each with its position.
func (l *Loader) service(files []string, idx *index, s types.ServiceConfig, env map[string]string) (*Service, []Unresolved, []LoadError) {
	def := idx.serviceDef(files, s.Name)
	svc := &Service{
		Name:          s.Name,
		Loc:           def.loc,
		Image:         s.Image,
		HasBuild:      s.Build != nil,
		ContainerName: s.ContainerName,
		Hostname:      s.Hostname,
		Replicas:      1,
		Profiles:      s.Profiles,
		NetworkMode:   s.NetworkMode,
	}
	if b := s.Build; b != nil {
		svc.Build = &Build{Context: b.Context, Remote: isRemote(b.Context) || strings.Contains(b.Context, "://"), Dockerfile: b.Dockerfile,
			Inline: b.DockerfileInline != "", Args: map[string]*string{}, Loc: idx.serviceValuePos(files, s.Name, "build")}
		for k, v := range b.Args {
			svc.Build.Args[k] = v
		}
	}
	svc.Aliases, svc.Addresses = networkNames(s)
	svc.ImageLoc = idx.serviceValuePos(files, s.Name, "image")
	if strings.Contains(svc.Image, markerPrefix) {
		svc.Image, svc.ImageUnresolved = strings.ReplaceAll(svc.Image, markerPrefix, "$"), true
	}
	if s.Deploy != nil && s.Deploy.Replicas != nil {
		svc.Replicas = *s.Deploy.Replicas
	}
	svc.MemLimit, svc.MemLimitLoc = memLimit(files, idx, s, env)

	written := writtenEnvironment(files, idx, s, env)
	svc.Environment = written
	fromFiles, unread, unres, errs := l.envFileEnvironment(files, idx, s, written)
	svc.Environment = append(svc.Environment, fromFiles...)
	svc.UnreadEnvFiles = unread
	sort.SliceStable(svc.Environment, func(i, j int) bool { return svc.Environment[i].Name < svc.Environment[j].Name })

	svc.Command = idx.command(files, s.Name, "command", env)
	svc.Entrypoint = idx.command(files, s.Name, "entrypoint", env)
	for i, v := range s.Volumes {
		svc.Volumes = append(svc.Volumes, Volume{
			Type: v.Type, Source: v.Source, Target: v.Target,
			Loc: idx.listItemPos(files, s.Name, "volumes", i),
		})
	}
	return svc, unres, errs
}

// networkNames are the other names a service is reached by on its
// networks: aliases and static addresses, sorted.
func networkNames(s types.ServiceConfig) (aliases, addresses []string) {
	for _, n := range s.Networks {
		if n != nil {
			aliases = append(aliases, n.Aliases...)
			for _, a := range []string{n.Ipv4Address, n.Ipv6Address} {
				if a != "" {
					addresses = append(addresses, a)
				}
			}
		}
	}
	sort.Strings(aliases)
	sort.Strings(addresses)
	return aliases, addresses
}

// memLimit is the service's memory limit (mem_limit or deploy's limit)
// and where it is written; 0 when none or when it names an unset
// variable (the limit is unknown).
func memLimit(files []string, idx *index, s types.ServiceConfig, env map[string]string) (int64, model.Location) {
	switch {
	case idx.refersToUnset(files, s.Name, env, "mem_limit"), idx.refersToUnset(files, s.Name, env, "deploy", "resources", "limits", "memory"):
		return 0, model.Location{}
	case s.MemLimit > 0:
		return int64(s.MemLimit), idx.serviceValuePos(files, s.Name, "mem_limit")
	case s.Deploy != nil && s.Deploy.Resources.Limits != nil && s.Deploy.Resources.Limits.MemoryBytes > 0:
		return int64(s.Deploy.Resources.Limits.MemoryBytes), idx.serviceValuePos(files, s.Name, "deploy", "resources", "limits", "memory")
	}
	return 0, model.Location{}
}

// writtenEnvironment is the environment written in the compose files,
// sorted by name, each variable at its line and marked unresolved when
// it refers to a variable that is not set.
func writtenEnvironment(files []string, idx *index, s types.ServiceConfig, env map[string]string) []EnvVar {
	names := make([]string, 0, len(s.Environment))
	for k := range s.Environment {
		names = append(names, k)
	}
	sort.Strings(names)
	out := make([]EnvVar, 0, len(names))
	for _, k := range names {
		v := s.Environment[k]
		ev := EnvVar{Name: k, Loc: idx.envPos(files, s.Name, k)}
		if v == nil {
			ev.Unresolved = true
		} else {
			ev.Value = *v
			if strings.Contains(ev.Value, markerPrefix) {
				ev.Unresolved = true
				ev.Value = strings.ReplaceAll(ev.Value, markerPrefix, "$")
			}
		}
		if !ev.Unresolved && idx.envRefersToMissing(files, s.Name, k, env) {
			ev.Unresolved = true
		}
		ev.FromVariable = idx.envIsReference(files, s.Name, k)
		ev.Raw = ev.Value
		if ev.FromVariable {
			ev.Raw = idx.envRaw(files, s.Name, k)
		}
		out = append(out, ev)
	}
	return out
}

// envFileEnvironment reads the service's env_file entries (without the
// process environment): the variables that written does not already set
// (environment: wins), the files whose variables are unknown, and a
// missing or unreadable file as LNT003 or a load error.
func (l *Loader) envFileEnvironment(files []string, idx *index, s types.ServiceConfig, written []EnvVar) ([]EnvVar, []UnreadEnvFile, []Unresolved, []LoadError) {
	set := make(map[string]bool, len(written))
	for _, ev := range written {
		set[ev.Name] = true
	}
	var (
		out    []EnvVar
		unread []UnreadEnvFile
		unres  []Unresolved
		errs   []LoadError
	)
	for i, ef := range s.EnvFiles {
		path := ef.Path
		if path == os.DevNull {
			continue // docker compose reads it as empty
		}
		if strings.Contains(path, markerPrefix) {
			// `env_file: [$LICENSE]` with LICENSE unset: the variable is
			// already reported (LNT003); the file it would name is
			// unknown, and so are its variables (not a file that cannot
			// be read, nor a NUL in a message)
			unread = append(unread, UnreadEnvFile{Name: strings.ReplaceAll(l.opts.Display(path), markerPrefix, "$"), Loc: idx.envFilePos(files, s.Name, i)})
			continue
		}
		if !filepath.IsAbs(path) {
			path = filepath.Join(filepath.Dir(files[0]), path)
		}
		vars, lines, err := readEnvFile(l.opts.Scope, path, l.opts.MaxFileSize)
		if err != nil {
			loc := idx.envFilePos(files, s.Name, i)
			u, e := l.envFileProblem(loc, path, s.Name, bool(ef.Required), err)
			unres, errs = append(unres, u...), append(errs, e...)
			if len(u) > 0 { // a refused file is a load error, not an unknown
				unread = append(unread, UnreadEnvFile{Name: l.opts.Display(path), Loc: loc})
			}
			continue
		}
		keys := make([]string, 0, len(vars))
		for k := range vars {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			if set[k] {
				continue
			}
			set[k] = true
			out = append(out, EnvVar{
				Name: k, Value: vars[k], Raw: vars[k], FromFile: l.opts.Display(path),
				Loc: model.Location{File: l.opts.Display(path), Line: lines[k], Column: 1},
			})
		}
	}
	return out, unread, unres, errs
}

// envFileProblem says why an env file was not read: a missing required
// file, one too large or one that does not parse leaves its variables
// unknown (LNT003); a file that must not be read is a load error.
func (l *Loader) envFileProblem(loc model.Location, path, service string, required bool, err error) ([]Unresolved, []LoadError) {
	shown := l.opts.Display(path)
	switch safefile.ReasonOf(err) {
	case safefile.NotExist:
		if required {
			return []Unresolved{{Loc: loc, Message: fmt.Sprintf("env_file %q of service %q does not exist: docker compose would refuse to start it, and its variables are unknown here", shown, service)}}, nil
		}
		return nil, nil
	case safefile.TooLarge:
		return []Unresolved{{Loc: loc, Message: fmt.Sprintf("env_file %q of service %q %s: not read, its variables are unknown here", shown, service, safefile.Message(err))}}, nil
	case safefile.Outside:
		return []Unresolved{{Loc: loc, Message: fmt.Sprintf("env_file %q of service %q %s: not read, its variables are unknown here", shown, service, safefile.Message(err))}}, nil
	case 0: // a parse error
		return []Unresolved{{Loc: loc, Message: fmt.Sprintf("env_file %q of service %q cannot be parsed: %v; its variables are unknown here", shown, service, err)}}, nil
	}
	return nil, []LoadError{{Loc: loc, Msg: fmt.Sprintf("env_file %q of service %q %s", shown, service, safefile.Message(err))}}
}

// readEnvFile reads an env file through safefile with compose's own
// parser (no process environment) and finds each key's line.
func readEnvFile(scope safefile.Scope, path string, limit int64) (map[string]string, map[string]int, error) {
	data, err := scope.Read(path, limit)
	if err != nil {
		return nil, nil, err
	}
	vars, err := parseEnvFile(data, func(string) (string, bool) { return "", false })
	if err != nil {
		return nil, nil, err
	}
	lines := map[string]int{}
	for i, line := range strings.Split(string(data), "\n") {
		t := strings.TrimSpace(line)
		t = strings.TrimPrefix(t, "export ")
		k, _, ok := strings.Cut(t, "=")
		if ok {
			k = strings.TrimSpace(k)
			if _, known := vars[k]; known {
				lines[k] = i + 1
			}
		}
	}
	return vars, lines, nil
}
