package lint

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/streamlint/streamlint/checker/model"
)

// TestMergeRelated: findings of one rule at one location merge their
// related locations without repeating one; the related locations of an
// exact duplicate (the same file checked from several compose projects)
// are kept, and other rules' findings are left alone.
func TestMergeRelated(t *testing.T) {
	at := func(file string, line int) model.Location { return model.Location{File: file, Line: line, Column: 1} }
	rel := func(file string, line int, msg string) model.Related {
		return model.Related{Location: at(file, line), Message: msg}
	}
	find := func(rule, msg string, related ...model.Related) model.Finding {
		return model.Finding{RuleID: rule, Message: msg, Location: at("jaas.conf", 4), Related: related}
	}
	again := rel("jaas.conf", 5, "the same secret, as user_admin")
	tests := []struct {
		name string
		in   []model.Finding
		want []model.Finding
	}{
		{
			name: "a duplicate adds the places only it names",
			in: []model.Finding{
				find("SEC001", "m", again, rel("a.yaml", 2, `mounted into service "broker"`)),
				find("SEC001", "m", again, rel("b.yaml", 2, `mounted into service "kafka"`)),
			},
			want: []model.Finding{
				find("SEC001", "m", again, rel("a.yaml", 2, `mounted into service "broker"`), rel("b.yaml", 2, `mounted into service "kafka"`)),
			},
		},
		{
			name: "joined messages do not repeat a related place",
			in:   []model.Finding{find("KAF015", "one", again), find("KAF015", "two", again)},
			want: []model.Finding{find("KAF015", "one; two", again)},
		},
		{
			name: "a rule's own related places are kept as it gives them",
			in:   []model.Finding{find("CAP001", "m", again, again)},
			want: []model.Finding{find("CAP001", "m", again, again)},
		},
		{
			name: "other rules at the location are not merged",
			in:   []model.Finding{find("SEC001", "m", again), find("KAF015", "m", again)},
			want: []model.Finding{find("SEC001", "m", again), find("KAF015", "m", again)},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := merge(tt.in); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("merge:\n got %s\nwant %s", describe(got), describe(tt.want))
			}
		})
	}
}

// describe shows findings with their related places (a Finding prints as
// its location).
func describe(fs []model.Finding) string {
	var b strings.Builder
	for _, f := range fs {
		fmt.Fprintf(&b, "[%s %s %q", f.RuleID, f.Location, f.Message)
		for _, r := range f.Related {
			fmt.Fprintf(&b, " (%s %q)", r.Location, r.Message)
		}
		b.WriteString("] ")
	}
	return b.String()
}

// TestAcrossPipelines: a job two compose projects include is judged by
// each; one finding per rule, location and subject is kept over
// pipelines (the longer message, the related places of both), while two
// findings of one pipeline with one subject are both kept.
func TestAcrossPipelines(t *testing.T) {
	at := model.Location{File: "spark_streaming.py", Line: 46, Column: 42}
	find := func(rule, msg string, related ...model.Related) model.Finding {
		return model.Finding{RuleID: rule, Message: msg, Location: at, Related: related}
	}
	short := "app spark_streaming.py: startingOffsets=earliest; it reads the oldest offset in one micro-batch"
	long := "app spark_streaming.py: startingOffsets=earliest; it reads the oldest offset in one micro-batch: 7 d of records"
	topic := model.Related{Location: model.Location{File: "docker-compose.yml", Line: 9, Column: 7}, Message: "retention"}
	tests := []struct {
		name      string
		pipelines [][]model.Finding
		want      []model.Finding
	}{
		{
			name:      "one app in two pipelines: the longer message, both places",
			pipelines: [][]model.Finding{{find("SPK011", short)}, {find("SPK011", long, topic)}},
			want:      []model.Finding{find("SPK011", long, topic)},
		},
		{
			name:      "the longer first stays",
			pipelines: [][]model.Finding{{find("SPK011", long)}, {find("SPK011", short)}},
			want:      []model.Finding{find("SPK011", long)},
		},
		{
			name:      "two problems of one subject in one pipeline",
			pipelines: [][]model.Finding{{find("KAF019", `broker "kafka": a`), find("KAF019", `broker "kafka": b`)}},
			want:      []model.Finding{find("KAF019", `broker "kafka": a`), find("KAF019", `broker "kafka": b`)},
		},
		{
			name:      "other subjects and rules are kept",
			pipelines: [][]model.Finding{{find("KAF019", `broker "a": x`)}, {find("KAF019", `broker "b": x`), find("KAF017", `broker "a": x`), find("KAF019", "no subject")}},
			want:      []model.Finding{find("KAF019", `broker "a": x`), find("KAF019", `broker "b": x`), find("KAF017", `broker "a": x`), find("KAF019", "no subject")},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var got []model.Finding
			across := acrossPipelines{}
			for i, fs := range tc.pipelines {
				got = across.add(got, fs, i)
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got %+v\nwant %+v", got, tc.want)
			}
		})
	}
}
