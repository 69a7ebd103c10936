package pipeline

import (
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/streamlint/streamlint/checker/compose"
	"github.com/streamlint/streamlint/checker/discover"
	"github.com/streamlint/streamlint/checker/model"
	"github.com/streamlint/streamlint/checker/secret"
	"github.com/streamlint/streamlint/checker/yamlpos"
)

// Secrets never enter the model (SECURITY.md, promise 1). Every value of
// the pipeline is judged by checker/secret, by name and by value: a value
// that holds a secret is replaced by model.RedactedValue (or, for a
// credential inside a longer value, that part is), its Secret field says
// how it is written, and the secret itself goes to a secret.Masker that
// then masks it wherever else it appears in the model (a YAML alias, an
// interpolation, another key) and, through Result.Masker, in every
// message, error and note of the run.

// IsSecretName reports whether a key or variable name holds a secret
// (secret.IsName).
func IsSecretName(name string) bool { return secret.IsName(name) }

// identifiers are the fields of the model that name things (services,
// files, keys, hosts): a secret equal to one of them (a password "kafka")
// does not rename it; only what secret.Redact recognises is masked there.
var identifiers = map[string]bool{
	"Name": true, "Service": true, "Services": true, "Image": true, "File": true, "Files": true,
	"Root": true, "Key": true, "Var": true, "Source": true, "ID": true, "Cluster": true, "Brokers": true,
	"Kind": true, "Role": true, "Family": true, "Format": true, "KafkaVersion": true,
	"KafkaVersionFrom": true, "SparkVersion": true, "Profile": true, "Mode": true, "Roles": true,
	"Target": true, "Type": true, "ContainerName": true, "Hostname": true, "NetworkMode": true,
	"Broker": true, "Worker": true, "Workers": true, "Via": true, "Listener": true, "Suggestion": true,
	"BrokerName": true, "Replacement": true, "WouldBe": true, "Host": true, "AdvertisedHost": true,
	"Port": true, "Ports": true, "Topic": true, "Secret": true, "Part": true, "Master": true,
	"Default": true, "Status": true, "Version": true, "Aliases": true, "Addresses": true,
}

// verdict is how one value holds a secret.
type verdict struct {
	kind  string        // secret.Literal, Variable or File; "" when none
	whole bool          // the whole value is the secret
	spans []secret.Span // else where the secrets are in the value
	part  string        // what the secret is, when not the whole value
	parts []string      // the secret texts, to mask elsewhere
}

// judge judges a value written under name: value is what the setting
// gets, raw what the file writes (before ${VAR} interpolation), fromFile
// is set for a compose env_file, unresolved for a value that depends on
// an unset variable or a name in code.
func judge(name, value, raw string, fromFile, unresolved bool) verdict {
	j := secret.Judge(name, value)
	v := verdict{whole: j.Whole, spans: j.Spans}
	if unresolved {
		// an unset ${VAR}, or code (os.environ["PW"], a name): not a
		// value written here
		if j.Secret || secret.IsName(name) {
			v.kind, v.whole = secret.Variable, true
		}
		return v
	}
	if !j.Secret {
		return v
	}
	v.parts = j.Parts(value)
	if !j.Whole {
		v.part = spansWhat(j.Spans)
	}
	switch {
	case fromFile:
		v.kind = secret.File
	case raw == value || secret.Judge(name, raw).Secret:
		v.kind = secret.Literal
	default:
		v.kind = secret.Variable
	}
	return v
}

func spansWhat(spans []secret.Span) string {
	const jaas = "the JAAS option "
	var whats, options []string
	for _, s := range spans {
		if o, ok := strings.CutPrefix(s.What, jaas); ok {
			if len(options) == 0 {
				whats = append(whats, "") // the JAAS options go here
			}
			options = append(options, o)
			continue
		}
		if len(whats) == 0 || whats[len(whats)-1] != s.What {
			whats = append(whats, s.What)
		}
	}
	for i, w := range whats {
		if w == "" && len(options) == 1 {
			whats[i] = jaas + options[0]
		} else if w == "" {
			whats[i] = "the JAAS options " + strings.Join(options, ", ")
		}
	}
	return strings.Join(whats, ", ")
}

// apply redacts a value according to its verdict.
func (vd verdict) apply(text string) string {
	if vd.whole {
		return model.RedactedValue
	}
	var b strings.Builder
	last := 0
	for _, s := range vd.spans {
		b.WriteString(text[last:s.Start])
		b.WriteString(model.RedactedValue)
		last = s.End
	}
	b.WriteString(text[last:])
	return b.String()
}

// secrets is the work of redactSecrets.
type secrets struct {
	s      *assembly
	masker *secret.Masker
	// env are the compose environment entries by where they are written
	// and their name (entries that share a YAML anchor share a location)
	env map[envKey]compose.EnvVar
	// ids number the distinct secret values (SecretRef.ValueID)
	ids map[string]int
	// verdicts are the values judged so far: brokers that share an anchor
	// write the same values under the same names thousands of times
	verdicts map[judgement]verdict
	// services index the model's services by name
	services map[string][]int
	// localStack knows the AWS emulator's services: credentials only it
	// receives are not reported
	localStack localStack
}

// judgement is what judge is given.
type judgement struct {
	name, value, raw     string
	fromFile, unresolved bool
}

// judge is judge, once per distinct question.
func (sc *secrets) judge(name, value, raw string, fromFile, unresolved bool) verdict {
	q := judgement{name, value, raw, fromFile, unresolved}
	if vd, ok := sc.verdicts[q]; ok {
		return vd
	}
	vd := judge(name, value, raw, fromFile, unresolved)
	sc.verdicts[q] = vd
	return vd
}

// valueID numbers a secret value (its secret parts), 0 when none is known.
func (sc *secrets) valueID(parts []string) int {
	if len(parts) == 0 {
		return 0
	}
	key := strings.Join(parts, "\x00")
	id, ok := sc.ids[key]
	if !ok {
		id = len(sc.ids) + 1
		sc.ids[key] = id
	}
	return id
}

type envKey struct {
	loc  model.Location
	name string
}

// redactSecrets judges every value of the model, redacts the secrets,
// records them (services' and configuration files' secrets) and masks
// their values wherever else they appear. It runs before anything
// reaches a policy or a report.
func (s *assembly) redactSecrets() {
	sc := &secrets{s: s, masker: &secret.Masker{}, env: map[envKey]compose.EnvVar{}, ids: map[string]int{}, verdicts: map[judgement]verdict{}}
	if s.project != nil {
		for _, v := range s.project.VariableSecrets {
			sc.masker.Add(v)
		}
		sc.localStack = newLocalStack(s.project.Services)
		for i := range s.project.Services {
			svc := s.project.Services[i]
			onLocalStack := isLocalStackImage(svc.Image)
			var texts []string
			if len(sc.localStack.hosts) > 0 {
				texts = serviceTexts(svc)
			}
			for _, e := range svc.Environment {
				sc.env[envKey{e.Loc, e.Name}] = e
				vd := sc.judge(e.Name, e.Value, e.Raw, e.FromFile != "", e.Unresolved)
				sc.add(vd)
				if vd.kind == secret.Literal && sc.localStack.dummy(e.Name, e.Value, onLocalStack, texts) {
					continue
				}
				if vd.kind != "" {
					sc.addServiceSecret(svc.Name, model.SecretRef{Name: e.Name, Loc: e.Loc, Secret: vd.kind, Part: vd.part, ValueID: sc.valueID(vd.parts)})
				}
			}
			sc.commandSecrets(svc)
		}
	}
	for i := range s.p.Brokers {
		sc.broker(&s.p.Brokers[i])
	}
	for i := range s.p.Apps {
		sc.app(&s.p.Apps[i])
	}
	sc.configFiles()
	sc.masker.MaskAll(s.p, identifiers)
	for i := range s.res.Errors {
		s.res.Errors[i].Message = sc.masker.Mask(s.res.Errors[i].Message)
	}
	for i := range s.res.Notes {
		s.res.Notes[i].Message = sc.masker.Mask(s.res.Notes[i].Message)
	}
	for i := range s.res.Unresolved {
		s.res.Unresolved[i].Message = sc.masker.Mask(s.res.Unresolved[i].Message)
	}
	s.res.Masker = sc.masker
}

// commandSecrets records the credentials written in the words a service
// runs (its command, entrypoint and the scripts they run): a URL's
// password in a curl or --bootstrap-server argument, password= in a JAAS
// option given with --consumer-property. A word that is a reference
// (${PASSWORD}) holds none. The script of a `bash -c` and the commands
// in it hold the same credential: it is reported once, at the innermost
// word (the last in the file).
func (sc *secrets) commandSecrets(svc *compose.Service) {
	found := map[int]model.SecretRef{}
	var order []int
	for _, c := range sc.s.runCommands(svc) {
		for _, w := range c.Words {
			spans := secret.Find(w.Text)
			if len(spans) == 0 {
				continue
			}
			parts := make([]string, len(spans))
			for i, sp := range spans {
				parts[i] = w.Text[sp.Start:sp.End]
				sc.masker.Add(parts[i])
			}
			ref := model.SecretRef{Name: "its command", Loc: w.Loc, Secret: secret.Literal, Part: spansWhat(spans), ValueID: sc.valueID(parts)}
			prev, seen := found[ref.ValueID]
			if !seen {
				order = append(order, ref.ValueID)
			}
			if !seen || prev.Loc.File == ref.Loc.File && (prev.Loc.Line < ref.Loc.Line || prev.Loc.Line == ref.Loc.Line && prev.Loc.Column < ref.Loc.Column) {
				found[ref.ValueID] = ref
			}
		}
	}
	for _, id := range order {
		sc.addServiceSecret(svc.Name, found[id])
	}
}

func (sc *secrets) add(vd verdict) {
	for _, p := range vd.parts {
		sc.masker.Add(p)
	}
}

// value judges a model value in place.
func (sc *secrets) value(key string, v *model.Value) {
	if v.Value == "" && v.Source == model.SourceDefault {
		return
	}
	vd := sc.judgeSetting(key, v.Value, v.Source, v.Loc, v.Var, v.Unresolved)
	sc.add(vd)
	if vd.kind == "" {
		return
	}
	v.Secret = vd.kind
	v.Value = vd.apply(v.Value)
	if vd.whole {
		v.Num, v.Ms, v.Bool, v.Invalid, v.Listeners, v.Voters = nil, nil, nil, "", nil, nil
	}
}

// judgeSetting judges a setting; one that comes from the compose
// environment is judged as its variable is written there.
func (sc *secrets) judgeSetting(key, value, source string, loc *model.Location, name string, unresolved bool) verdict {
	if loc != nil && source == model.SourceEnv {
		if e, ok := sc.env[envKey{*loc, name}]; ok {
			vd := sc.judge(key, value, e.Raw, e.FromFile != "", unresolved || e.Unresolved)
			if vd.kind == "" && e.Value == value {
				vd = sc.judge(e.Name, value, e.Raw, e.FromFile != "", unresolved || e.Unresolved)
			}
			return vd
		}
	}
	return sc.judge(key, value, value, false, unresolved)
}

func (sc *secrets) broker(b *model.Broker) {
	for k, v := range b.Config {
		sc.value(k, &v)
		b.Config[k] = v
	}
	for j := range b.Properties {
		p := &b.Properties[j]
		source := model.SourceMountedFile
		if p.Var != "" {
			source = model.SourceEnv
		}
		loc := p.Loc
		vd := sc.judgeSetting(p.Key, p.Value, source, &loc, p.Var, p.Unresolved)
		sc.add(vd)
		if vd.kind == "" {
			continue
		}
		p.Secret = vd.kind
		p.Value = vd.apply(p.Value)
		// nothing derived from the value stays: a fix of a quoted
		// password would be the password
		p.Fix, p.Accepted = nil, false
		if vd.whole {
			p.Invalid = ""
		}
	}
}

func (sc *secrets) app(a *model.App) {
	var texts []string
	if len(sc.localStack.hosts) > 0 {
		for _, v := range a.Settings {
			texts = append(texts, v.Value.Value)
		}
	}
	for k, v := range a.Settings {
		sc.value(k, &v.Value)
		for j := range v.All {
			st := &v.All[j]
			loc := st.Loc
			vd := sc.judgeSetting(k, st.Value, st.Source, &loc, st.Var, st.Unresolved)
			sc.add(vd)
			if vd.kind == secret.Literal && sc.localStack.dummy(k, st.Value, false, texts) {
				vd.kind = secret.Emulator
			}
			if vd.kind != "" {
				st.Secret = vd.kind
				st.Value = vd.apply(st.Value)
				if vd.whole {
					st.Invalid = ""
				}
			}
		}
		a.Settings[k] = v
	}
	for _, streams := range [][]model.Stream{a.Sources, a.Sinks} {
		for j := range streams {
			for k, v := range streams[j].Options {
				sc.value(k, &v)
				streams[j].Options[k] = v
			}
		}
	}
	for k, v := range a.KafkaParams {
		sc.value(k, &v)
		a.KafkaParams[k] = v
	}
}

// addServiceSecret records a secret of the services of that name (one,
// in a compose project), found by an index built on first use.
func (sc *secrets) addServiceSecret(service string, ref model.SecretRef) {
	if sc.services == nil {
		sc.services = map[string][]int{}
		for i, svc := range sc.s.p.Services {
			sc.services[svc.Name] = append(sc.services[svc.Name], i)
		}
	}
	for _, i := range sc.services[service] {
		sc.s.p.Services[i].Secrets = append(sc.s.p.Services[i].Secrets, ref)
	}
}

// loginConfigRe finds the JAAS file a JVM is given.
var loginConfigRe = regexp.MustCompile(`-Djava\.security\.auth\.login\.config=("[^"]*"|'[^']*'|\S+)`)

// configFiles records the pipeline's configuration files with their
// secrets: the .properties files and spark-defaults.conf discovery found,
// the JAAS files it found, and the JAAS files services name with
// -Djava.security.auth.login.config= through a bind mount.
func (sc *secrets) configFiles() {
	s := sc.s
	paths := make([]string, 0, len(s.configKinds))
	for p := range s.configKinds {
		paths = append(paths, p)
	}
	if s.project != nil {
		for _, svc := range s.project.Services {
			for _, e := range svc.Environment {
				for _, m := range loginConfigRe.FindAllStringSubmatch(e.Value, -1) {
					host := hostPath(svc, strings.Trim(m[1], `"'`))
					if _, known := s.configKinds[host]; host == "" || known || !s.inProject(host) {
						continue
					}
					if _, err := os.Stat(host); err != nil {
						continue
					}
					if data, ok := s.read(host); ok {
						s.addFile(host)
						s.configKinds[host] = discover.KindJAAS
						s.jaasFiles[host] = data
						paths = append(paths, host)
					}
				}
			}
		}
	}
	sort.Strings(paths)
	for _, abs := range paths {
		cf := model.ConfigFile{File: s.display(abs), Kind: string(s.configKinds[abs]), Services: s.mountedBy(abs), Secrets: []model.SecretRef{}}
		if data, ok := s.jaasFiles[abs]; ok {
			text := string(data)
			for _, sp := range secret.JAAS(text) {
				value := text[sp.Start:sp.End]
				sc.masker.Add(value)
				cf.Secrets = append(cf.Secrets, model.SecretRef{
					Name: jaasSection(text, sp.Start) + sp.Name, Loc: offsetLoc(cf.File, text, sp.Start),
					Secret: secret.Literal, Part: sp.What, ValueID: sc.valueID([]string{value}),
				})
			}
		}
		var texts []string
		if len(sc.localStack.hosts) > 0 {
			texts = settingTexts(s.propsFiles[abs])
		}
		for _, st := range s.propsFiles[abs] {
			vd := sc.judge(st.Key, st.Value, st.Value, false, false)
			sc.add(vd)
			if vd.kind != "" && !sc.localStack.dummy(st.Key, st.Value, false, texts) {
				cf.Secrets = append(cf.Secrets, model.SecretRef{Name: st.Key, Loc: st.Loc, Secret: vd.kind, Part: vd.part, ValueID: sc.valueID(vd.parts)})
			}
		}
		s.p.ConfigFiles = append(s.p.ConfigFiles, cf)
	}
}

// mountedBy lists the services that bind-mount a file or a directory
// holding it. A mount of the project's directory or one above it (.:/src,
// the whole repository for an Airflow or a notebook container) does not
// count: the service sees the file, it is not configured by it.
func (s *assembly) mountedBy(abs string) []string {
	out := []string{}
	if s.project == nil {
		return out
	}
	for _, svc := range s.project.Services {
		for _, v := range svc.Volumes {
			if v.Type == "bind" && !s.holdsProject(v.Source) && (v.Source == abs || strings.HasPrefix(abs, strings.TrimSuffix(v.Source, string(filepath.Separator))+string(filepath.Separator))) {
				out = append(out, svc.Name)
				break
			}
		}
	}
	sort.Strings(out)
	return out
}

// holdsProject reports whether a mount source is the project's directory
// or one above it.
func (s *assembly) holdsProject(src string) bool {
	dir := strings.TrimSuffix(src, string(filepath.Separator))
	return s.project.Dir == dir || strings.HasPrefix(s.project.Dir, dir+string(filepath.Separator))
}

// inProject reports whether a path is inside the pipeline's directory.
func (s *assembly) inProject(abs string) bool {
	root := s.project.Dir
	return abs == root || strings.HasPrefix(abs, root+string(filepath.Separator))
}

// jaasSectionRe finds the login contexts of a JAAS file (KafkaServer {).
var jaasSectionRe = regexp.MustCompile(`(?m)^\s*([A-Za-z_][\w.-]*)\s*\{`)

// jaasSection names the login context an offset of a JAAS file is in
// ("KafkaServer "), "" when there is none.
func jaasSection(text string, off int) string {
	name := ""
	for _, m := range jaasSectionRe.FindAllStringSubmatchIndex(text, -1) {
		if m[0] > off {
			break
		}
		name = text[m[2]:m[3]] + " "
	}
	return name
}

// offsetLoc is the location of a byte offset of text (columns in code
// points).
func offsetLoc(file, text string, off int) model.Location {
	line := 1 + strings.Count(text[:off], "\n")
	start := strings.LastIndexByte(text[:off], '\n') + 1
	return model.Location{File: file, Line: line, Column: utf8.RuneCountInString(text[start:off]) + 1}
}

// composeSecrets collects the secrets written in compose files whose
// project could not be loaded: every scalar written under a name, in
// mappings and as KEY=VALUE list items, judged as the model would judge
// it. Aliases are not followed (the anchor is where the value is).
func (s *assembly) composeSecrets(files []string) *secret.Masker {
	m := &secret.Masker{}
	for _, f := range files {
		data, ok := s.res.Sources[f]
		if !ok {
			continue
		}
		if doc, err := yamlpos.Parse(data); err == nil {
			yamlSecrets(doc.Root(), m, 0)
		}
	}
	return m
}

// maxSecretDepth bounds the walk of yamlSecrets (compose files nest a
// few levels; yamlpos already refuses absurd nesting).
const maxSecretDepth = 64

func yamlSecrets(n *yaml.Node, m *secret.Masker, depth int) {
	if n == nil || depth > maxSecretDepth {
		return
	}
	add := func(name, value string) {
		for _, p := range secret.Judge(name, value).Parts(value) {
			m.Add(p)
		}
	}
	switch n.Kind {
	case yaml.DocumentNode, yaml.SequenceNode:
		for _, c := range n.Content {
			if n.Kind == yaml.SequenceNode && c.Kind == yaml.ScalarNode {
				if k, v, ok := strings.Cut(c.Value, "="); ok {
					add(k, v)
				}
			}
			yamlSecrets(c, m, depth+1)
		}
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			if v.Kind == yaml.ScalarNode {
				add(k.Value, v.Value)
			}
			yamlSecrets(v, m, depth+1)
		}
	}
}
