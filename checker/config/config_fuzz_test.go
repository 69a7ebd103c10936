package config

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/streamlint/streamlint/internal/fuzzseed"
)

// FuzzParse: the configuration parser never panics; an error is a
// *Error naming the file, with a line inside it (0 when unknown); a
// file that parses parses again to the same configuration.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"profile: dev\nfail-on: error\nrules:\n  KAF001: off\n  SPK002: info\nparams:\n  capacity.avg_record_bytes: 1024\n",
		"exclude: [vendor/**, '*.tmp']\nenv-files: [.env.ci]\npolicies: [policies/team]\nversions: {kafka: 3.7.0, spark: 3.5.1}\n",
		"rules: [1, 2]\n", "- a\n", "profile: 3\nprofile: 4\n", "params: {x: .nan}\n", "\t: x\n", "a: &a [*a]\n",
	} {
		f.Add([]byte(s))
	}
	for _, s := range fuzzseed.Files(".streamlint.yaml", ".streamlint.yml") {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzseed.Count()
		c, err := Parse("cfg.yaml", data)
		if err != nil {
			var ce *Error
			if !errors.As(err, &ce) {
				t.Fatalf("error %v (%T) is not a *config.Error", err, err)
			}
			if ce.File != "cfg.yaml" || ce.Line < 0 || ce.Line > 0 && !fuzzseed.Inside(data, ce.Line, 1) || ce.Msg == "" {
				t.Fatalf("error %+v outside the file %q", ce, data)
			}
			if !strings.HasPrefix(err.Error(), "cfg.yaml") {
				t.Fatalf("error %q does not start with the file", err)
			}
			return
		}
		again, err := Parse("cfg.yaml", data)
		if err != nil || !reflect.DeepEqual(c, again) {
			t.Fatalf("parsing twice differs: %+v / %+v, %v", c, again, err)
		}
	})
}
