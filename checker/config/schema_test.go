package config

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"go.yaml.in/yaml/v3"
)

// TestPublishedSchema checks docs/config.schema.json against the parser:
// what the parser accepts validates, unknown keys are rejected by both.
func TestPublishedSchema(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("..", "..", "docs", "config.schema.json"))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(strings.NewReader(string(raw)))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("config.schema.json", doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile("config.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		src   string
		valid bool
	}{
		{"profile: dev\nfail-on: none\nrules:\n  KAF006: off\n  SPK007: error\nparams:\n  capacity.avg_record_bytes: 1024\nexclude: [legacy/**]\nversions:\n  kafka: \"3.7\"\n", true},
		{"rules:\n# only comments\nenv-files:\n", true},
		{"fail_on: error\n", false},
		{"rules:\n  KAF006: loud\n", false},
		{"versions:\n  flink: \"1.18\"\n", false},
	}
	for _, tc := range cases {
		var v any
		if err := yaml.Unmarshal([]byte(tc.src), &v); err != nil {
			t.Fatal(err)
		}
		b, _ := json.Marshal(v)
		inst, _ := jsonschema.UnmarshalJSON(strings.NewReader(string(b)))
		schemaErr := sch.Validate(inst)
		_, parseErr := Parse("c.yaml", []byte(tc.src))
		if (schemaErr == nil) != tc.valid || (parseErr == nil) != tc.valid {
			t.Errorf("%q: schema %v, parser %v, want valid=%v", tc.src, schemaErr, parseErr, tc.valid)
		}
	}
}
