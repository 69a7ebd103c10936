package compose

import (
	"errors"
	"fmt"
	"path/filepath"
	"regexp"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/streamlint/streamlint/checker/model"
	"github.com/streamlint/streamlint/checker/secret"
	"github.com/streamlint/streamlint/checker/yamlpos"
	"github.com/streamlint/streamlint/internal/safefile"
)

// index holds the parsed YAML of every compose file a project reads, so
// that any value can be traced to where it is written.
type index struct {
	docs    map[string]*yamlpos.Doc
	lines   map[string][]string
	display func(string) string
	limit   int64 // bytes read per file
	scope   safefile.Scope
	// services indexes each services: mapping by service name, and defs
	// memoizes serviceDefs: every position lookup of a service (one per
	// environment variable) used to scan all services, which made a
	// compose file of thousands of services quadratic to load.
	services map[*yaml.Node]map[string][2]*yaml.Node
	defs     map[string][]svcDef
}

func newIndex(display func(string) string, limit int64, scope safefile.Scope) *index {
	return &index{docs: map[string]*yamlpos.Doc{}, lines: map[string][]string{}, display: display, limit: limit, scope: scope,
		services: map[*yaml.Node]map[string][2]*yaml.Node{}, defs: map[string][]svcDef{}}
}

// doc parses (once) the file at abs.
func (x *index) doc(abs string) (*yamlpos.Doc, error) {
	if d, ok := x.docs[abs]; ok {
		return d, nil
	}
	data, err := x.scope.Read(abs, x.limit)
	if err != nil {
		return nil, &LoadError{Loc: model.Location{File: x.display(abs)}, Msg: safefile.Message(err)}
	}
	d, err := yamlpos.Parse(data)
	if err != nil {
		loc := model.Location{File: x.display(abs), Line: 1, Column: 1}
		var se *yamlpos.SyntaxError
		if ok := asSyntax(err, &se); ok && se.Line > 0 {
			loc.Line = se.Line
		}
		return nil, &LoadError{Loc: loc, Msg: "invalid YAML: " + err.Error()}
	}
	x.docs[abs] = d
	x.lines[abs] = sourceLines(data)
	return d, nil
}

// sourceLines splits a file into lines as YAML counts them: CRLF, a lone
// CR and LF each end a line (a CR-only file is one line to a split on
// "\n", and every column computed from it was wrong).
func sourceLines(data []byte) []string {
	s := string(data)
	if strings.Contains(s, "\r") {
		s = strings.ReplaceAll(s, "\r\n", "\n")
		s = strings.ReplaceAll(s, "\r", "\n")
	}
	return strings.Split(s, "\n")
}

func asSyntax(err error, target **yamlpos.SyntaxError) bool {
	return errors.As(err, target)
}

func (x *index) loc(abs string, p yamlpos.Pos) model.Location {
	return model.Location{File: x.display(abs), Line: p.Line, Column: p.Column}
}

// scalarStart is where the text of scalar n of file abs begins. For a block
// scalar (| or >) that is the first line below the indicator holding text,
// at its indentation: yamlpos.ScalarStart, which has no source, keeps the
// indicator's column, which may lie past the end of that line.
func (x *index) scalarStart(abs string, n *yaml.Node) yamlpos.Pos {
	p := yamlpos.ScalarStart(n)
	if n.Style != yaml.LiteralStyle && n.Style != yaml.FoldedStyle {
		return p
	}
	lines := x.lines[abs]
	for line := n.Line + 1; line <= len(lines); line++ {
		text := strings.TrimRight(lines[line-1], "\r")
		trimmed := strings.TrimLeft(text, " \t")
		if trimmed == "" {
			continue
		}
		return yamlpos.Pos{Line: line, Column: len([]rune(text)) - len([]rune(trimmed)) + 1}
	}
	return yamlpos.Pos{Line: n.Line, Column: n.Column}
}

// svcDef is where a service is defined.
type svcDef struct {
	file string
	key  *yaml.Node
	node *yaml.Node
	loc  model.Location
}

// serviceDefs lists the definitions of a service in the load order of the
// files (base first, overrides after), plus those reached through include.
func (x *index) serviceDefs(files []string, name string) []svcDef {
	memo := strings.Join(files, "\n") + "\x00" + name
	if defs, ok := x.defs[memo]; ok {
		return defs
	}
	defs := x.findServiceDefs(files, name)
	x.defs[memo] = defs
	return defs
}

func (x *index) findServiceDefs(files []string, name string) []svcDef {
	var out []svcDef
	seen := map[string]bool{}
	var visit func(abs string, depth int)
	visit = func(abs string, depth int) {
		if seen[abs] || depth > 8 {
			return
		}
		seen[abs] = true
		d, err := x.doc(abs)
		if err != nil {
			return
		}
		// every document of a multi-document file, in order (compose-go
		// merges them as overrides)
		for _, doc := range d.Docs() {
			for _, inc := range includes(doc) {
				p := inc
				if !filepath.IsAbs(p) {
					p = filepath.Join(filepath.Dir(abs), p)
				}
				visit(p, depth+1)
			}
			k, v := x.serviceEntry(doc, name)
			if k != nil {
				out = append(out, svcDef{file: abs, key: k, node: yamlpos.Resolve(v), loc: x.loc(abs, yamlpos.PosOf(k))})
			}
		}
	}
	for _, f := range files {
		visit(f, 0)
	}
	return out
}

// serviceEntry is the key and value of a service in a file's services:
// mapping, through an index of its keys built once per file (merge keys,
// rare there, are followed by yamlpos.MapEntry).
func (x *index) serviceEntry(d *yamlpos.Doc, name string) (k, v *yaml.Node) {
	_, services := yamlpos.MapEntry(d.Root(), "services")
	services = yamlpos.Resolve(services)
	if services == nil || services.Kind != yaml.MappingNode {
		return nil, nil
	}
	byName, ok := x.services[services]
	if !ok {
		byName = make(map[string][2]*yaml.Node, len(services.Content)/2)
		for i := 0; i+1 < len(services.Content); i += 2 {
			kn := services.Content[i]
			if kn.Kind != yaml.ScalarNode || kn.Tag == "!!merge" || kn.Value == "<<" && kn.Style == 0 {
				continue
			}
			if _, dup := byName[kn.Value]; !dup {
				byName[kn.Value] = [2]*yaml.Node{kn, services.Content[i+1]}
			}
		}
		x.services[services] = byName
	}
	if e, ok := byName[name]; ok {
		return e[0], e[1]
	}
	return yamlpos.MapEntry(services, name)
}

// includes lists the local paths of a file's include entries.
func includes(d *yamlpos.Doc) []string {
	inc := d.Path("include")
	if inc == nil || inc.Kind != yaml.SequenceNode {
		return nil
	}
	var out []string
	for _, item := range inc.Content {
		item = yamlpos.Resolve(item)
		if item == nil {
			continue
		}
		switch item.Kind {
		case yaml.ScalarNode:
			out = append(out, item.Value)
		case yaml.MappingNode:
			_, p := yamlpos.MapEntry(item, "path")
			p = yamlpos.Resolve(p)
			if p == nil {
				continue
			}
			switch p.Kind {
			case yaml.ScalarNode:
				out = append(out, p.Value)
			case yaml.SequenceNode:
				for _, s := range p.Content {
					out = append(out, s.Value)
				}
			}
		}
	}
	var local []string
	for _, p := range out {
		if !isRemote(p) {
			local = append(local, p)
		}
	}
	return local
}

// serviceDef is the definition that names the service: the first file
// that defines it (an override only adds to it).
func (x *index) serviceDef(files []string, name string) svcDef {
	defs := x.serviceDefs(files, name)
	if len(defs) == 0 {
		return svcDef{loc: model.Location{File: x.display(files[0]), Line: 1, Column: 1}}
	}
	return defs[0]
}

// lookup finds, for service name, the value node at path, searching the
// last definition first (overrides win) and then services it extends.
func (x *index) lookup(files []string, name string, path ...string) (string, *yaml.Node, *yaml.Node) {
	return x.lookupDepth(files, name, 0, path...)
}

func (x *index) lookupDepth(files []string, name string, depth int, path ...string) (string, *yaml.Node, *yaml.Node) {
	if depth > 8 {
		return "", nil, nil
	}
	defs := x.serviceDefs(files, name)
	for i := len(defs) - 1; i >= 0; i-- {
		n := defs[i].node
		var k *yaml.Node
		for _, p := range path {
			k, n = yamlpos.MapEntry(n, p)
			if n == nil {
				break
			}
		}
		if n != nil {
			return defs[i].file, k, yamlpos.Resolve(n)
		}
	}
	// extends: the same file or another one
	for i := len(defs) - 1; i >= 0; i-- {
		_, ext := yamlpos.MapEntry(defs[i].node, "extends")
		ext = yamlpos.Resolve(ext)
		if ext == nil {
			continue
		}
		base, file := extendsTarget(ext)
		if base == "" {
			continue
		}
		target := []string{defs[i].file}
		if file != "" && !isRemote(file) {
			if !filepath.IsAbs(file) {
				file = filepath.Join(filepath.Dir(defs[i].file), file)
			}
			target = []string{file}
		}
		if f, k, n := x.lookupDepth(target, base, depth+1, path...); n != nil {
			return f, k, n
		}
	}
	return "", nil, nil
}

// serviceValuePos is the position of a scalar value under a service.
func (x *index) serviceValuePos(files []string, name string, path ...string) model.Location {
	f, _, n := x.lookup(files, name, path...)
	if n == nil {
		return x.serviceDef(files, name).loc
	}
	return x.loc(f, yamlpos.PosOf(n))
}

func (x *index) listItemPos(files []string, name, key string, i int) model.Location {
	f, _, n := x.lookup(files, name, key)
	if n == nil {
		return x.serviceDef(files, name).loc
	}
	if n.Kind == yaml.SequenceNode && i < len(n.Content) {
		return x.loc(f, yamlpos.PosOf(n.Content[i]))
	}
	return x.loc(f, yamlpos.PosOf(n))
}

// ref is a ${VAR} / $VAR reference in a compose value.
type ref struct {
	name string
	op   string // "", ":-", "-", ":?", "?", ":+", "+"
	msg  string
	loc  model.Location
	// key is the mapping key the value is written under ("image",
	// "mem_limit", "ports", "KAFKA_HEAP_OPTS", ...).
	key string
	// setting is the name the value is set under: key, or NAME for an
	// item NAME=value of an environment or build args list.
	setting string
	// off is the reference's byte offset in the scalar's value.
	off int
}

var refRe = regexp.MustCompile(`\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])((?:[^{}]|\{[^}]*\})*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)`)

func findRefs(s string) []ref {
	var out []ref
	for _, m := range refRe.FindAllStringSubmatchIndex(s, -1) {
		group := func(i int) string {
			if m[2*i] < 0 {
				return ""
			}
			return s[m[2*i]:m[2*i+1]]
		}
		switch {
		case group(0) == "$$":
		case group(1) != "":
			out = append(out, ref{name: group(1), op: group(2), msg: group(3), off: m[0]})
		case group(4) != "":
			out = append(out, ref{name: group(4), off: m[0]})
		}
	}
	return out
}

// references lists every variable reference in the compose files' scalar
// values, with positions, without following aliases.
func (x *index) references(files []string) []ref {
	var out []ref
	for _, f := range files {
		d, err := x.doc(f)
		if err != nil {
			continue
		}
		for _, root := range d.Roots() {
			walkScalars(root, 0, "", func(n *yaml.Node, key string) {
				if !strings.Contains(n.Value, "$") {
					return
				}
				var at yamlpos.Map
				if strings.Contains(n.Value, "\n") || n.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0 {
					// a reference further down a multi-line value is
					// located at its own line
					at = yamlpos.ScalarMap(x.lines[f], n)
				}
				for _, r := range findRefs(n.Value) {
					r.loc = x.loc(f, x.scalarStart(f, n))
					if p := at.At(r.off); p.Line > 0 {
						r.loc = x.loc(f, p)
					}
					r.key, r.setting = key, settingName(key, n.Value)
					out = append(out, r)
				}
			})
		}
	}
	return out
}

// settingName is the name of the setting a scalar under key sets: NAME
// for the NAME=value items of an environment or build args list, else key.
func settingName(key, value string) string {
	if key != "environment" && key != "args" {
		return key
	}
	if name, _, ok := strings.Cut(value, "="); ok {
		return strings.TrimSpace(name)
	}
	return key
}

// walkScalars visits scalar nodes (keys excluded), bounded in depth, with
// the mapping key the value is under (for a list item, the list's key).
func walkScalars(n *yaml.Node, depth int, key string, fn func(n *yaml.Node, key string)) {
	if n == nil || depth > 200 {
		return
	}
	switch n.Kind {
	case yaml.ScalarNode:
		fn(n, key)
	case yaml.MappingNode:
		for i := 1; i < len(n.Content); i += 2 {
			if v := n.Content[i]; strings.HasPrefix(n.Content[i-1].Value, "x-") && depth == 0 && v.Anchor == "" {
				continue // an extension block no alias names is not used
			}
			walkScalars(n.Content[i], depth+1, n.Content[i-1].Value, fn)
		}
	case yaml.SequenceNode, yaml.DocumentNode:
		for _, c := range n.Content {
			walkScalars(c, depth+1, key, fn)
		}
	}
}

// checkReferences reports unresolved references (LNT003) and returns the
// names of the variables that are missing: unset without a default, or
// required and unset (the loader gives them a placeholder, so that loading
// goes on and their values are known to be unknown). A missing variable
// that only holds secrets is not reported (secretOnly).
// loginVariables are set in every login shell that runs docker compose
// (${HOME}/data, $PWD/conf): their values are unknown here, like any
// unset variable's, but not reported as unset.
var loginVariables = map[string]bool{"HOME": true, "USER": true, "LOGNAME": true, "PWD": true, "PATH": true, "SHELL": true}

func checkReferences(refs []ref, env map[string]string) ([]Unresolved, map[string]bool) {
	var out []Unresolved
	missing := map[string]bool{}
	quiet := secretOnly(refs)
	first := map[string]int{} // variable -> its Unresolved in out
	add := func(r ref, msg string) {
		missing[r.name] = true
		if quiet[r.name] || loginVariables[r.name] {
			return
		}
		if i, ok := first[r.name]; ok {
			out[i].Related = append(out[i].Related, model.Related{Location: r.loc, Message: "also uses " + r.name})
			return
		}
		first[r.name] = len(out)
		out = append(out, Unresolved{Loc: r.loc, Message: msg})
	}
	for _, r := range refs {
		v, ok := env[r.name]
		switch r.op {
		case "":
			if !ok {
				add(r, fmt.Sprintf("variable %s is not set (no .env entry, no --env-file): docker compose substitutes an empty string; streamlint treats the value as unknown", r.name))
			}
		case ":?", "?":
			if !ok || (r.op == ":?" && v == "") {
				msg := fmt.Sprintf("required variable %s is not set", r.name)
				if r.msg != "" {
					msg += fmt.Sprintf(" (%q)", r.msg)
				}
				add(r, msg+": docker compose would refuse to start; its value is treated as unknown")
			}
		}
	}
	for i := range out {
		switch n := len(out[i].Related); {
		case n == 1:
			out[i].Message += " (used in 1 more place)"
		case n > 1:
			out[i].Message += fmt.Sprintf(" (used in %d more places)", n)
		}
	}
	return out, missing
}

// secretOnly are the variables whose every reference is in the value of
// a setting whose name holds a secret (secret.IsName): SEC001's remedy,
// KAFKA_SSL_KEYSTORE_PASSWORD: ${KEYSTORE_PASSWORD} with the value in an
// untracked .env or the CI's secrets. Such a variable is meant to be unset
// in the repository, and no rule needs a secret's value, so reporting it
// would only punish following that advice.
func secretOnly(refs []ref) map[string]bool {
	only := map[string]bool{}
	for _, r := range refs {
		prev, seen := only[r.name]
		only[r.name] = (prev || !seen) && secret.IsName(r.setting)
	}
	return only
}

var schemaPathRe = regexp.MustCompile(`services\.([A-Za-z0-9._-]+?)\.([a-z_]+)`)

// schemaPathPos finds the position a schema error's dotted path points at.
func (x *index) schemaPathPos(file, msg string) model.Location {
	m := schemaPathRe.FindStringSubmatch(msg)
	if m == nil {
		if strings.Contains(msg, "services.") {
			return model.Location{}
		}
		return model.Location{}
	}
	d, err := x.doc(file)
	if err != nil {
		return model.Location{}
	}
	_, svcs := yamlpos.MapEntry(d.Root(), "services")
	k, v := yamlpos.MapEntry(svcs, m[1])
	if k == nil {
		return model.Location{}
	}
	if kk, _ := yamlpos.MapEntry(v, m[2]); kk != nil {
		return x.loc(file, yamlpos.PosOf(kk))
	}
	return x.loc(file, yamlpos.PosOf(k))
}

// extendsTarget is the service and file an extends: names (the string
// form names a service of the same file).
func extendsTarget(ext *yaml.Node) (service, file string) {
	switch ext.Kind {
	case yaml.ScalarNode:
		return ext.Value, ""
	case yaml.MappingNode:
		if _, s := yamlpos.MapEntry(ext, "service"); s != nil {
			service = s.Value
		}
		if _, f := yamlpos.MapEntry(ext, "file"); f != nil {
			file = f.Value
		}
	}
	return service, file
}
