package compose

import (
	"path/filepath"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/streamlint/streamlint/checker/model"
	"github.com/streamlint/streamlint/checker/yamlpos"
)

// Where a service's environment is written: each variable's value in
// the map or list form, through anchors, merge keys and overrides, and
// whether it refers to a variable that is not set.

// envPos is where an environment variable's value is written, in map or
// list form, through anchors and merge keys.
func (x *index) envPos(files []string, name, key string) model.Location {
	f, _, env := x.lookupEnv(files, name, key)
	if env != nil {
		if env.Kind == yaml.SequenceNode {
			if n, _ := yamlpos.ListEntry(env, key); n != nil {
				return x.loc(f, yamlpos.CheckedValuePos(x.lines[f], n))
			}
		}
		return x.loc(f, envValuePos(env, key))
	}
	return x.serviceDef(files, name).loc
}

// lookupEnv finds the environment node of the service that defines key.
func (x *index) lookupEnv(files []string, name, key string) (string, *yaml.Node, *yaml.Node) {
	return x.lookupEnvDepth(files, name, key, 0)
}

func (x *index) lookupEnvDepth(files []string, name, key string, depth int) (string, *yaml.Node, *yaml.Node) {
	if depth > 8 {
		return "", nil, nil
	}
	defs := x.serviceDefs(files, name)
	for i := len(defs) - 1; i >= 0; i-- {
		_, env := yamlpos.MapEntry(defs[i].node, "environment")
		env = yamlpos.Resolve(env)
		if env != nil && hasEnvKey(env, key) {
			return defs[i].file, nil, env
		}
	}
	// extends
	f, _, ext := x.lookup(files, name, "extends")
	if ext == nil {
		return "", nil, nil
	}
	base, file := extendsTarget(ext)
	if base == "" || base == name && file == "" {
		return "", nil, nil
	}
	target := []string{f}
	if file != "" && !isRemote(file) {
		if !filepath.IsAbs(file) {
			file = filepath.Join(filepath.Dir(f), file)
		}
		target = []string{file}
	}
	return x.lookupEnvDepth(target, base, key, depth+1)
}

func hasEnvKey(env *yaml.Node, key string) bool {
	switch env.Kind {
	case yaml.MappingNode:
		k, _ := yamlpos.MapEntry(env, key)
		return k != nil
	case yaml.SequenceNode:
		n, _ := yamlpos.ListEntry(env, key)
		return n != nil
	}
	return false
}

func envValuePos(env *yaml.Node, key string) yamlpos.Pos {
	switch env.Kind {
	case yaml.MappingNode:
		k, v := yamlpos.MapEntry(env, key)
		v = yamlpos.Resolve(v)
		if v == nil || (v.Kind == yaml.ScalarNode && v.Tag == "!!null" && v.Value == "") {
			return yamlpos.PosOf(k)
		}
		return yamlpos.PosOf(v)
	case yaml.SequenceNode:
		_, p := yamlpos.ListEntry(env, key)
		return p
	}
	return yamlpos.Pos{}
}

// envRawValue is the raw text of an environment value, before interpolation.
func envRawValue(env *yaml.Node, key string) string {
	switch env.Kind {
	case yaml.MappingNode:
		_, v := yamlpos.MapEntry(env, key)
		if v = yamlpos.Resolve(v); v != nil {
			return v.Value
		}
	case yaml.SequenceNode:
		n, _ := yamlpos.ListEntry(env, key)
		if n != nil {
			_, val, _ := strings.Cut(n.Value, "=")
			return val
		}
	}
	return ""
}

// envRefersToMissing reports whether the raw value of an environment entry
// refers to a variable that is not set (its default, if any, then applied).
func (x *index) envRefersToMissing(files []string, name, key string, env map[string]string) bool {
	_, _, envNode := x.lookupEnv(files, name, key)
	if envNode == nil {
		return false
	}
	for _, r := range findRefs(envRawValue(envNode, key)) {
		if _, ok := env[r.name]; !ok && r.op == "" {
			return true
		}
	}
	return false
}

// refersToUnset reports whether the scalar at a service's path refers to a
// variable that env does not set and gives no default for.
func (x *index) refersToUnset(files []string, name string, env map[string]string, path ...string) bool {
	_, _, n := x.lookup(files, name, path...)
	if n == nil || n.Kind != yaml.ScalarNode {
		return false
	}
	for _, r := range findRefs(n.Value) {
		if _, ok := env[r.name]; !ok && (r.op == "" || r.op == ":?" || r.op == "?") {
			return true
		}
	}
	return false
}

// envRaw is an environment entry's value as written, before interpolation.
func (x *index) envRaw(files []string, name, key string) string {
	_, _, envNode := x.lookupEnv(files, name, key)
	if envNode == nil {
		return ""
	}
	return envRawValue(envNode, key)
}

// envIsReference reports whether an environment entry's value comes from
// a variable: its raw value refers to one, or it writes none (KEY:, - KEY),
// which docker compose fills from the variable of the same name, as it
// would KEY: ${KEY}.
func (x *index) envIsReference(files []string, name, key string) bool {
	_, _, envNode := x.lookupEnv(files, name, key)
	if envNode == nil {
		return false
	}
	return envPassThrough(envNode, key) || len(findRefs(envRawValue(envNode, key))) > 0
}

// envPassThrough reports whether an environment entry writes no value:
// KEY: (or KEY: null, KEY: ~) in the map form, KEY without = in the list
// form. KEY: "" and KEY= write an empty value.
func envPassThrough(env *yaml.Node, key string) bool {
	switch env.Kind {
	case yaml.MappingNode:
		_, v := yamlpos.MapEntry(env, key)
		v = yamlpos.Resolve(v)
		return v == nil || v.Kind == yaml.ScalarNode && v.Tag == "!!null"
	case yaml.SequenceNode:
		n, _ := yamlpos.ListEntry(env, key)
		return n != nil && !strings.Contains(n.Value, "=")
	}
	return false
}

func (x *index) envFilePos(files []string, name string, i int) model.Location {
	f, _, n := x.lookup(files, name, "env_file")
	if n == nil {
		return x.serviceDef(files, name).loc
	}
	if n.Kind == yaml.SequenceNode && i < len(n.Content) {
		return x.loc(f, yamlpos.PosOf(n.Content[i]))
	}
	return x.loc(f, yamlpos.PosOf(n))
}
