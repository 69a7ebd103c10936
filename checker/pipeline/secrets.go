package pipeline

import (
	"regexp"
	"strings"

	"github.com/streamlint/streamlint/checker/compose"
	"github.com/streamlint/streamlint/checker/model"
)

// secretNameRe recognises secret-looking setting and variable names:
// passwords, JAAS configurations, tokens, secret and private keys.
var secretNameRe = regexp.MustCompile(`(?i)(passw(or)?d|passwd|secret|token|jaas|private[._-]?key|api[._-]?key|access[._-]?key|credentials?[._-]?(json|key)?$)`)

// notSecretRe excludes names that only point at a secret (a file or a
// location) or configure how secrets are handled.
var notSecretRe = regexp.MustCompile(`(?i)(location|_file|\.file|filename|path|type|algorithm|provider|class|enable|enabled|mechanism|callback|manager|endpoint|url|_credentials$)`)

// IsSecretName reports whether a key or variable name holds a secret.
func IsSecretName(name string) bool {
	return secretNameRe.MatchString(name) && !notSecretRe.MatchString(name)
}

// jaasPasswordRe finds a password inside a JAAS configuration value.
var jaasPasswordRe = regexp.MustCompile(`(?i)password\s*=`)

// secretKind says how a secret value is written.
func secretKind(value string, fromVariable bool, fromFile string, unresolved bool) string {
	switch {
	case fromFile != "":
		return "file"
	case fromVariable || unresolved || strings.Contains(value, "${"):
		return "variable"
	}
	return "literal"
}

// redactSecrets replaces every secret-looking value of the model by
// model.RedactedValue and records how it was written. It runs before
// anything reaches a policy or a report.
func (s *assembly) redactSecrets() {
	envByLoc := map[model.Location]compose.EnvVar{}
	if s.project != nil {
		for _, svc := range s.project.Services {
			for _, e := range svc.Environment {
				envByLoc[e.Loc] = e
				if IsSecretName(e.Name) {
					s.addServiceSecret(svc.Name, e)
				}
			}
		}
	}
	kind := func(v model.Value) string {
		if e, ok := envByLoc[locOf(v.Loc)]; ok && v.Source == model.SourceEnv {
			return secretKind(e.Value, e.FromVariable, e.FromFile, e.Unresolved)
		}
		return secretKind(v.Value, false, "", v.Unresolved)
	}
	for i := range s.p.Brokers {
		b := &s.p.Brokers[i]
		for k, v := range b.Config {
			if IsSecretName(k) {
				v.Secret = kind(v)
				redact(&v)
				b.Config[k] = v
			}
		}
		for j := range b.Properties {
			p := &b.Properties[j]
			if !IsSecretName(p.Key) && (p.Var == "" || !IsSecretName(p.Var)) {
				continue
			}
			v := model.Value{Value: p.Value, Source: model.SourceEnv, Loc: &p.Loc, Unresolved: p.Unresolved}
			p.Secret = kind(v)
			if strings.Contains(strings.ToLower(p.Key), "jaas") && !jaasPasswordRe.MatchString(p.Value) && p.Secret == "literal" {
				p.Secret = "" // a JAAS configuration without a password is not a secret
			}
			p.Value, p.Invalid = model.RedactedValue, ""
		}
	}
	for i := range s.p.Apps {
		a := &s.p.Apps[i]
		for k, v := range a.Settings {
			if !IsSecretName(k) {
				continue
			}
			v.Secret = kind(v.Value)
			redact(&v.Value)
			for j := range v.All {
				v.All[j].Secret = secretKind(v.All[j].Value, false, "", v.All[j].Unresolved)
				v.All[j].Value, v.All[j].Invalid = model.RedactedValue, ""
			}
			a.Settings[k] = v
		}
		for _, streams := range [][]model.Stream{a.Sources, a.Sinks} {
			for j := range streams {
				for k, v := range streams[j].Options {
					if IsSecretName(k) {
						v.Secret = kind(v)
						redact(&v)
						streams[j].Options[k] = v
					}
				}
			}
		}
	}
}

func (s *assembly) addServiceSecret(service string, e compose.EnvVar) {
	for i := range s.p.Services {
		if s.p.Services[i].Name == service {
			s.p.Services[i].Secrets = append(s.p.Services[i].Secrets, model.SecretRef{
				Name: e.Name, Loc: e.Loc, Secret: secretKind(e.Value, e.FromVariable, e.FromFile, e.Unresolved),
			})
		}
	}
}

func redact(v *model.Value) {
	if v.Value == "" && v.Source == model.SourceDefault {
		return
	}
	v.Value, v.Num, v.Ms, v.Invalid = model.RedactedValue, nil, nil, ""
}

func locOf(l *model.Location) model.Location {
	if l == nil {
		return model.Location{}
	}
	return *l
}
