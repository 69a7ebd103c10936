package report

import (
	"bytes"
	"encoding/json"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/streamlint/streamlint/checker/model"
)

// sarifValidator is the official SARIF 2.1.0 schema (draft-04), compiled
// once, with formats such as uri-reference asserted.
var sarifValidator = sync.OnceValues(func() (*jsonschema.Schema, error) {
	const path = "testdata/sarif-schema-2.1.0.json"
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		return nil, err
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource(path, doc); err != nil {
		return nil, err
	}
	return c.Compile(path)
})

func sarifSchemaError(out []byte) error {
	sch, err := sarifValidator()
	if err != nil {
		return err
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(out))
	if err != nil {
		return err
	}
	return sch.Validate(inst)
}

func validateSARIF(t *testing.T, out []byte) {
	t.Helper()
	if err := sarifSchemaError(out); err != nil {
		t.Errorf("SARIF does not validate against the 2.1.0 schema: %v\n%s", err, out)
	}
}

func decodeSARIF(t *testing.T, out []byte) sarifLog {
	t.Helper()
	var log sarifLog
	if err := json.Unmarshal(out, &log); err != nil {
		t.Fatal(err)
	}
	if len(log.Runs) != 1 {
		t.Fatalf("want one run, got %d", len(log.Runs))
	}
	return log
}

// TestSARIFSchemaRejects proves the validation can fail: the sample with
// an invalid level, and with a missing required property, is rejected.
func TestSARIFSchemaRejects(t *testing.T) {
	out := render(t, "sarif", Options{}, sampleReport())
	for name, mutated := range map[string]string{
		`level "high"`:    strings.Replace(string(out), `"level": "error"`, `"level": "high"`, 1),
		"no message text": strings.Replace(string(out), `"text": "line 3: unterminated value"`, `"markdown": "x"`, 1),
		"startLine 0":     strings.Replace(string(out), `"startLine": 3`, `"startLine": 0`, 1),
	} {
		if mutated == string(out) {
			t.Fatalf("%s: mutation did not apply", name)
		}
		if err := sarifSchemaError([]byte(mutated)); err == nil {
			t.Errorf("%s: the schema accepted an invalid document", name)
		}
	}
}

func TestSARIFContent(t *testing.T) {
	r := sampleReport()
	log := decodeSARIF(t, render(t, "sarif", Options{Version: "1.4.0", DocsURL: "https://example.test/rules/"}, r))
	run := log.Runs[0]
	d := run.Tool.Driver
	if d.Name != "streamlint" || d.Version != "1.4.0" || run.ColumnKind != "unicodeCodePoints" {
		t.Errorf("driver %s %s, columnKind %s", d.Name, d.Version, run.ColumnKind)
	}
	if len(d.Rules) != len(r.Rules) {
		t.Fatalf("%d rules, want %d", len(d.Rules), len(r.Rules))
	}
	levels := map[string]string{}
	for _, rule := range d.Rules {
		levels[rule.ID] = rule.DefaultConfiguration.Level
		if rule.HelpURI != "https://example.test/rules/"+rule.ID+".md" {
			t.Errorf("%s: helpUri %s", rule.ID, rule.HelpURI)
		}
	}
	if levels["CAP001"] != "error" || levels["KAF002"] != "warning" || d.Rules[0].Name != "OneBatchDoesNotFitInExecutorMemory" {
		t.Errorf("descriptors: %+v", d.Rules[0])
	}
	if tags := d.Rules[0].Properties.Tags; len(tags) != 1 || tags[0] != "capacity" {
		t.Errorf("CAP001 tags %v", tags)
	}
	if want := len(r.Findings) + len(r.Errors); len(run.Results) != want {
		t.Fatalf("%d results, want %d", len(run.Results), want)
	}
	seen := map[string]bool{}
	for _, res := range run.Results {
		if d.Rules[res.RuleIndex].ID != res.RuleID {
			t.Errorf("result %s has ruleIndex %d (%s)", res.RuleID, res.RuleIndex, d.Rules[res.RuleIndex].ID)
		}
		fp := res.PartialFingerprints[sarifFingerprint]
		if fp == "" || seen[fp] {
			t.Errorf("result %s: fingerprint %q missing or repeated", res.RuleID, fp)
		}
		seen[fp] = true
		loc := res.Locations[0].PhysicalLocation.ArtifactLocation
		if loc.URIBaseID != "%SRCROOT%" || strings.Contains(loc.URI, `\`) || strings.HasPrefix(loc.URI, "/") {
			t.Errorf("result %s: artifactLocation %+v", res.RuleID, loc)
		}
	}
	first := run.Results[0] // the file error sorts first
	if first.RuleID != "LNT002" || first.Level != "error" {
		t.Errorf("file error became %s %s", first.RuleID, first.Level)
	}
	inv := run.Invocations[0]
	if inv.ExecutionSuccessful || len(inv.ToolExecutionNotifications) != 2 {
		t.Errorf("invocation %+v", inv)
	}
	for _, res := range run.Results {
		if res.RuleID == "CAP001" && (len(res.RelatedLocations) != 2 || *res.RelatedLocations[1].ID != 2) {
			t.Errorf("CAP001 related locations %+v", res.RelatedLocations)
		}
		if res.RuleID == "KAF006" && res.Level != "note" && res.Suppressions == nil {
			t.Errorf("info finding has level %s", res.Level)
		}
		if line := res.Locations[0].PhysicalLocation.Region.StartLine; (line == 60) != (res.Suppressions != nil) {
			t.Errorf("line %d: suppressions %+v", line, res.Suppressions)
		} else if line == 60 && (res.Suppressions[0].Kind != "inSource" || res.Suppressions[0].Justification != "dev-only topic") {
			t.Errorf("suppression %+v", res.Suppressions[0])
		}
	}
}

// TestSARIFFingerprintsMatchBaseline: a finding's fingerprint is the one
// baselines record (model.Fingerprint); its repeats get ":1", ":2".
func TestSARIFFingerprintsMatchBaseline(t *testing.T) {
	r := sampleReport()
	byLine := map[int]string{}
	for _, res := range decodeSARIF(t, render(t, "sarif", Options{}, r)).Runs[0].Results {
		byLine[res.Locations[0].PhysicalLocation.Region.StartLine] = res.PartialFingerprints[sarifFingerprint]
	}
	first, repeat := r.Findings[0], r.Findings[2] // KAF002 at lines 12 and 40, same message but for the line
	if byLine[12] != model.Fingerprint(first) || byLine[40] != model.Fingerprint(repeat)+":1" {
		t.Errorf("fingerprints %s and %s, want %s and %[3]s:1", byLine[12], byLine[40], model.Fingerprint(first))
	}
}

func TestSARIFFingerprintsSurviveLineShift(t *testing.T) {
	prints := func(r *Report) []string {
		var fps []string
		for _, res := range decodeSARIF(t, render(t, "sarif", Options{}, r)).Runs[0].Results {
			fps = append(fps, res.PartialFingerprints[sarifFingerprint])
		}
		return fps
	}
	before, after := prints(sampleReport()), prints(shifted(sampleReport(), 7))
	if strings.Join(before, " ") != strings.Join(after, " ") {
		t.Errorf("fingerprints changed with a line shift:\n%v\n%v", before, after)
	}
}

func TestSARIFPaths(t *testing.T) {
	for file, want := range map[string]sarifArtifactLocation{
		"compose.yml":         {URI: "compose.yml", URIBaseID: "%SRCROOT%"},
		"./a dir/x#1.yml":     {URI: "a%20dir/x%231.yml", URIBaseID: "%SRCROOT%"},
		`sub\compose.yml`:     {URI: "sub/compose.yml", URIBaseID: "%SRCROOT%"},
		"a:b.yml":             {URI: "./a:b.yml", URIBaseID: "%SRCROOT%"},
		"/abs/compose.yml":    {URI: "file:///abs/compose.yml"},
		`C:\repo\compose.yml`: {URI: "file:///C:/repo/compose.yml"},
	} {
		got := sarifPhysical(model.Location{File: file, Line: 1}).ArtifactLocation
		if got != want {
			t.Errorf("%q: got %+v, want %+v", file, got, want)
		}
	}
}
