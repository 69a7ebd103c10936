package compose

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/compose-spec/compose-go/v2/schema"
	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"
	"github.com/streamlint/streamlint/checker/model"
	"github.com/streamlint/streamlint/checker/yamlpos"
	"go.yaml.in/yaml/v3"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
)

// composeSchema is the compose specification's JSON schema, compiled on
// the first file compose-go refuses (most runs never need it).
type composeSchema struct {
	once   sync.Once
	schema *jsonschema.Schema
	err    error
}

func (c *composeSchema) get() (*jsonschema.Schema, error) {
	c.once.Do(func() {
		doc, err := jsonschema.UnmarshalJSON(strings.NewReader(schema.Schema))
		if err != nil {
			c.err = fmt.Errorf("read the compose schema: %w", err)
			return
		}
		compiler := jsonschema.NewCompiler()
		if err := compiler.AddResource("compose-spec.json", doc); err != nil {
			c.err = fmt.Errorf("add the compose schema: %w", err)
			return
		}
		compiler.RegisterFormat(&jsonschema.Format{Name: "duration", Validate: func(v any) error {
			s, ok := v.(string)
			if !ok {
				return fmt.Errorf("expected string")
			}
			_, err := time.ParseDuration(s)
			return err
		}})
		c.schema, c.err = compiler.Compile("compose-spec.json")
	})
	return c.schema, c.err
}

// schemaViolation is one leaf error of a validation, with where its
// instance is in the file.
type schemaViolation struct {
	path []string
	text string // what is wrong, after the path (compose-go's wording)
	pos  yamlpos.Pos
	spec int // compose-go's specificity: deeper first, additional properties one deeper
	// weak is a "false schema" error (a branch that allows nothing), told
	// only when nothing says more at the same place
	weak bool
}

// stableSchemaError validates a compose file's own document against the
// schema and returns an error as compose-go words it ("<path> <what>"),
// chosen as compose-go does (the most specific) but among equals the
// first in the file: compose-go validates a Go map, so among several
// services with a mistake (the same image: {$IMAGE} in every broker) it
// named one at random, a different one on every run. ok is false when
// compose-go's error (want) is not one of the file's own: it then comes
// from interpolation, an include or the merge of several files.
func (c *composeSchema) stableSchemaError(d *yamlpos.Doc, want string) (msg string, pos yamlpos.Pos, ok bool) {
	sch, err := c.get()
	if err != nil || d == nil || d.Root() == nil {
		return "", yamlpos.Pos{}, false
	}
	var raw any
	if err := d.Root().Decode(&raw); err != nil {
		return "", yamlpos.Pos{}, false
	}
	data, err := json.Marshal(raw)
	if err != nil {
		return "", yamlpos.Pos{}, false
	}
	var inst any
	if err := json.Unmarshal(data, &inst); err != nil {
		return "", yamlpos.Pos{}, false
	}
	var verr *jsonschema.ValidationError
	if !errors.As(sch.Validate(inst), &verr) {
		return "", yamlpos.Pos{}, false
	}
	var leaves []schemaViolation
	collectViolations(verr, d.Root(), &leaves)
	slices.SortFunc(leaves, func(a, b schemaViolation) int {
		if a.spec != b.spec {
			return b.spec - a.spec
		}
		// a "false schema" error is told only when no other error is as
		// specific: environment: null made "services.kafka.image false
		// schema" (a branch of the schema, on the line before) win over
		// compose-go's own "services.kafka.environment must be a mapping"
		if a.weak != b.weak {
			if a.weak {
				return 1
			}
			return -1
		}
		if a.pos.Line != b.pos.Line {
			return a.pos.Line - b.pos.Line
		}
		if a.pos.Column != b.pos.Column {
			return a.pos.Column - b.pos.Column
		}
		return strings.Compare(a.text, b.text)
	})
	// compose-go's pick must be one of the file's own errors (else the
	// error comes from elsewhere); the first in the file is then told
	for _, v := range leaves {
		if v.spec == leaves[0].spec && strings.Join(v.path, ".")+" "+v.text == want {
			first := leaves[0]
			// at the first place, compose-go's own words when it has
			// them there (of a oneOf, "must be a mapping" rather than
			// "must be a array")
			for _, w := range leaves {
				if slices.Equal(w.path, first.path) && w.text == v.text {
					first = w
					break
				}
			}
			return strings.Join(first.path, ".") + " " + first.text, first.pos, true
		}
	}
	return "", yamlpos.Pos{}, false
}

// collectViolations gathers the leaf errors of a validation.
func collectViolations(e *jsonschema.ValidationError, root *yaml.Node, out *[]schemaViolation) {
	if len(e.Causes) > 0 {
		for _, c := range e.Causes {
			collectViolations(c, root, out)
		}
		return
	}
	spec := len(e.InstanceLocation)
	if _, ok := e.ErrorKind.(*kind.AdditionalProperties); ok {
		spec++
	}
	_, weak := e.ErrorKind.(*kind.FalseSchema)
	*out = append(*out, schemaViolation{path: e.InstanceLocation, text: violationText(e), pos: nodePos(root, e.InstanceLocation), spec: spec, weak: weak})
}

// violationText words an error as compose-go does (its path left out).
func violationText(e *jsonschema.ValidationError) string {
	switch k := e.ErrorKind.(type) {
	case *kind.Type:
		return "must be a " + humanType(k.Want...)
	case *kind.Minimum:
		return fmt.Sprintf("must be greater than or equal to %s", k.Want.Num())
	case *kind.Maximum:
		return fmt.Sprintf("must be less than or equal to %s", k.Want.Num())
	}
	return e.ErrorKind.LocalizedString(message.NewPrinter(language.English))
}

func humanType(want ...string) string {
	names := make([]string, len(want))
	for i, w := range want {
		names[i] = w
		if w == "object" {
			names[i] = "mapping"
		}
	}
	if len(names) == 1 {
		return names[0]
	}
	slices.Sort(names)
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}

// nodePos is where the value at a schema instance path is written: the
// key of a mapping entry, the item of a sequence, the document for the
// root.
func nodePos(root *yaml.Node, path []string) yamlpos.Pos {
	n, at := yamlpos.Resolve(root), yamlpos.PosOf(root)
	for _, p := range path {
		if n == nil {
			break
		}
		switch n.Kind {
		case yaml.MappingNode:
			k, v := yamlpos.MapEntry(n, p)
			if k == nil {
				return at
			}
			n, at = yamlpos.Resolve(v), yamlpos.PosOf(k)
		case yaml.SequenceNode:
			i, err := strconv.Atoi(p)
			if err != nil || i < 0 || i >= len(n.Content) {
				return at
			}
			n, at = yamlpos.Resolve(n.Content[i]), yamlpos.PosOf(n.Content[i])
		default:
			return at
		}
	}
	return at
}

// stableLoc is the place and wording of a schema error compose-go gave
// for file (msg: "validating <file>: <path> <what>"), chosen as
// stableSchemaError does; ok is false when it cannot be (msg is kept).
func (l *Loader) stableLoc(idx *index, file, msg string) (model.Location, string, bool) {
	head, rest, found := strings.Cut(msg, ": ")
	if !found || !strings.HasPrefix(head, "validating ") {
		return model.Location{}, "", false
	}
	d, err := idx.doc(file)
	if err != nil {
		return model.Location{}, "", false
	}
	stable, pos, ok := l.schema.stableSchemaError(d, rest)
	if !ok {
		return model.Location{}, "", false
	}
	return idx.loc(file, pos), head + ": " + stable, true
}
