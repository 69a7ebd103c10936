package compose

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/streamlint/streamlint/checker/model"
	"github.com/streamlint/streamlint/checker/yamlpos"
	"go.yaml.in/yaml/v3"
)

// checkServiceShapes finds the first entry of services: that is not a
// mapping (a service's keys indented to its own level, as if image: were
// a service), or whose image: is not a string ({$IMAGE} for ${IMAGE} is a
// mapping): compose-go's schema names one of them, chosen by map order,
// so the error changed from run to run (and was at 1:1 for the first).
func (x *index) checkServiceShapes(abs string, d *yamlpos.Doc) error {
	_, top := yamlpos.MapEntry(d.Root(), "services")
	top = yamlpos.Resolve(top)
	if top == nil || top.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(top.Content); i += 2 {
		name := top.Content[i].Value
		v := yamlpos.Resolve(top.Content[i+1])
		if v != nil && v.Kind == yaml.MappingNode {
			if err := x.checkImageShape(abs, name, v); err != nil {
				return err
			}
			continue
		}
		if v == nil || v.Kind == yaml.ScalarNode && v.Tag == "!!null" {
			continue
		}
		return &LoadError{Loc: x.loc(abs, yamlpos.PosOf(top.Content[i])), Msg: fmt.Sprintf("services.%s must be a mapping (a service's definition; is the key indented one level too little?): docker compose refuses the file", name)}
	}
	return nil
}

// checkImageShape reports a service's image: that is not a string.
func (x *index) checkImageShape(abs, name string, svc *yaml.Node) error {
	k, img := yamlpos.MapEntry(svc, "image")
	img = yamlpos.Resolve(img)
	if img == nil || img.Kind == yaml.ScalarNode {
		return nil
	}
	hint := ""
	if img.Kind == yaml.MappingNode {
		hint = " (a mapping here: is ${VAR} written {$VAR}?)"
	}
	return &LoadError{Loc: x.loc(abs, yamlpos.PosOf(k)), Msg: fmt.Sprintf("services.%s.image must be a string%s: docker compose refuses the file", name, hint)}
}

// defaultComposeName reports whether docker compose reads the file
// without -f (compose.yaml and its three other spellings).
func defaultComposeName(path string) bool {
	switch filepath.Base(path) {
	case "compose.yaml", "compose.yml", "docker-compose.yaml", "docker-compose.yml":
		return true
	}
	return false
}

// isEmptyDoc reports whether a compose file holds no document, or only
// null ones (a file of comments).
func isEmptyDoc(d *yamlpos.Doc) bool {
	for _, r := range d.Roots() {
		if r.Kind != yaml.ScalarNode || r.Tag != "!!null" {
			return false
		}
	}
	return true
}

// orphanOverride reports whether the project is an X.override.yml alone,
// its X.yml not in its directory (kafka-tutorials' tools/
// docker-compose.override.yml, used with each tutorial's file through
// COMPOSE_FILE), and notes it: its services are checked with what the base
// may set unknown.
func (l *Loader) orphanOverride(proj *Project) bool {
	base, ok := overrideBase(proj.Files[0])
	if !ok || len(proj.Files) > 1 {
		return false
	}
	if _, err := os.Lstat(filepath.Join(proj.Dir, base)); err == nil {
		return false
	}
	proj.Partial = true
	for _, n := range proj.Notes {
		if strings.Contains(n.Message, "which is not in its directory") {
			return true // said of a service without an image already
		}
	}
	proj.Notes = append(proj.Notes, model.Note{
		Location: model.Location{File: l.opts.Display(proj.Files[0]), Line: 1, Column: 1},
		Message:  fmt.Sprintf("%s overrides %s, which is not in its directory (docker compose reads it only with that file): what the base sets is unknown here", filepath.Base(proj.Files[0]), base),
	})
	return true
}
