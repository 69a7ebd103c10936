package compose

import (
	"fmt"
	"regexp"

	"go.yaml.in/yaml/v3"

	"github.com/streamlint/streamlint/checker/model"
	"github.com/streamlint/streamlint/checker/yamlpos"
)

var (
	// sectionNameRe is compose-go's error for a name the compose
	// specification does not allow under services, networks, volumes,
	// configs, secrets or models: "validating compose.yaml: services
	// additional properties 'bad name!' not allowed". It names no line,
	// and quotes the name escaped ('x\nfoo' for a name holding a newline).
	sectionNameRe = regexp.MustCompile(`^(validating [^:]*: )\s*(services|networks|volumes|configs|secrets|models) additional propert(?:y|ies) '[^']+'(?:, '[^']+')* not allowed`)
	// allowedNameRe is the specification's pattern for those names.
	allowedNameRe = regexp.MustCompile(`^[a-zA-Z0-9._-]+$`)
)

// badName finds the key a sectionNameRe error is about: the first name
// of its section, in files, that the specification's pattern refuses.
func (x *index) badName(files []string, msg string) (section, file string, key *yaml.Node) {
	m := sectionNameRe.FindStringSubmatch(msg)
	if m == nil {
		return "", "", nil
	}
	for _, f := range files {
		d, err := x.doc(f)
		if err != nil {
			continue
		}
		for _, root := range d.Roots() {
			_, sec := yamlpos.MapEntry(root, m[2])
			if sec = yamlpos.Resolve(sec); sec == nil || sec.Kind != yaml.MappingNode {
				continue
			}
			for i := 0; i+1 < len(sec.Content); i += 2 {
				if k := sec.Content[i]; !allowedNameRe.MatchString(k.Value) && k.Value != "<<" {
					return m[2], f, k
				}
			}
		}
	}
	return "", "", nil
}

// sectionNameError places a sectionNameRe error on the name's key and
// says what is wrong with it.
func (x *index) sectionNameError(files []string, msg string) (model.Location, string, bool) {
	section, file, k := x.badName(files, msg)
	if k == nil {
		return model.Location{}, "", false
	}
	prefix := sectionNameRe.FindStringSubmatch(msg)[1]
	return x.loc(file, yamlpos.PosOf(k)), fmt.Sprintf("%s%s: the name %q is not allowed: the compose specification allows only letters, digits, '.', '_' and '-' in names", prefix, section, k.Value), true
}

// badServiceName is the service a sectionNameRe error is about, "" when
// it is about another section.
func (x *index) badServiceName(files []string, msg string) string {
	if section, _, k := x.badName(files, msg); k != nil && section == "services" {
		return k.Value
	}
	return ""
}
