package lint_test

import (
	"fmt"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/streamlint/streamlint/checker/model"
)

// exactFixtures lists, for directories of fixtures/shell and
// fixtures/dockerfile, every finding of the named rules as
// "RULE file:line:col" (findings of other rules are not checked here):
// commands read through shell scripts, block scalars and Dockerfiles must
// point at the exact character where the value is written.
var exactFixtures = []struct {
	dir   string
	rules []string
	want  []string
}{
	{"shell/topic-init", []string{"KAF005", "KAF006"}, []string{
		"KAF005 docker-compose.yml:23:107", // orders --partitions 1, line 1 of a `- |` block
		"KAF005 docker-compose.yml:26:106", // audit --partitions 2, before && echo done
		"KAF005 docker-compose.yml:33:103", // clicks, entrypoint sh -c + quoted `command: |`
		"KAF005 docker-compose.yml:40:87",  // alpha and beta of the for loop (one finding, both named)
		"KAF005 docker-compose.yml:44:99",  // a1 --partitions=1 in the string form; b1's $${PARTS} is unknown
		"KAF006 docker-compose.yml:23:87",  // orders --replication-factor 1, at the topic name
		"KAF006 docker-compose.yml:25:28",  // payments, on the continuation line
		"KAF006 docker-compose.yml:34:83",  // views
		// init-script runs scripts/create-topics.sh from a bind mount: its
		// loop's topics are located in the script
		"KAF005 scripts/create-topics.sh:6:35",
	}},
	{"shell/spark-submit-block", []string{"SPK004", "SPK006"}, []string{
		"SPK004 docker-compose.yml:25:40", // spark.executor.memroy=2g, continuation line of a `- |` item
		"SPK006 docker-compose.yml:26:47", // spark.sql.shuffle.partitions=lots
		"SPK006 docker-compose.yml:33:36", // spark.network.timeout=forever, line 3 of a folded `>`
	}},
	{"dockerfile/apache-copied-config", []string{"KAF005", "KAF006"}, []string{
		"KAF005 kafka/server.properties:11:16", // num.partitions=1 in the file the Dockerfile COPYs
		"KAF006 kafka/server.properties:12:28",
	}},
	{"dockerfile/wurstmeister-build", []string{"KAF005", "KAF001"}, []string{
		// the Dockerfile's ENV KAFKA_NUM_PARTITIONS=1 through wurstmeister's
		// convention; its KAFKA_LOG_RETENTION_HOURS=12 is beneath compose's
		// 48, and either way retention is set (no KAF001)
		"KAF005 broker/Dockerfile:4:26",
	}},
	{"dockerfile/unfollowable", []string{"KAF005"}, nil},
}

// TestDockerfileRelatedAndNotes: findings located in a COPY'd properties
// file relate the COPY line; Dockerfiles that cannot be followed are notes.
func TestDockerfileRelatedAndNotes(t *testing.T) {
	t.Parallel()
	root := filepath.Join(repoRoot(t), "fixtures", "dockerfile")
	_, rep := runDir(t, filepath.Join(root, "apache-copied-config"))
	n := 0
	for _, f := range rep.Findings {
		if f.File != "kafka/server.properties" {
			continue
		}
		n++
		if !slices.ContainsFunc(f.Related, func(r model.Related) bool {
			return r.File == "kafka/Dockerfile" && r.Line == 3 && strings.Contains(r.Message, "/opt/kafka/config/server.properties")
		}) {
			t.Errorf("%s at %s:%d does not relate the COPY line: %+v", f.RuleID, f.File, f.Line, f.Related)
		}
	}
	if n == 0 {
		t.Error("no finding in the copied server.properties")
	}
	_, rep = runDir(t, filepath.Join(root, "unfollowable"))
	if len(rep.Errors) > 0 {
		t.Errorf("errors: %+v", rep.Errors)
	}
	var notes []string
	for _, n := range rep.Notes {
		notes = append(notes, n.String()+" "+n.Message)
	}
	joined := strings.Join(notes, "\n")
	for _, want := range []string{"unset-base/Dockerfile:1:6 service \"unset-base\"", "the Dockerfile no-dockerfile/Dockerfile.missing does not exist"} {
		if !strings.Contains(joined, want) {
			t.Errorf("no note %q in\n%s", want, joined)
		}
	}
}

func TestExactLocationFixtures(t *testing.T) {
	for _, fx := range exactFixtures {
		t.Run(fx.dir, func(t *testing.T) {
			t.Parallel()
			dir := filepath.Join(repoRoot(t), "fixtures", filepath.FromSlash(fx.dir))
			_, rep := runDir(t, dir)
			if len(rep.Errors) > 0 {
				t.Errorf("load errors: %+v", rep.Errors)
			}
			var got []string
			for _, f := range rep.Findings {
				if slices.Contains(fx.rules, f.RuleID) {
					got = append(got, fmt.Sprintf("%s %s:%d:%d", f.RuleID, f.File, f.Line, f.Column))
				}
			}
			sort.Strings(got)
			want := slices.Clone(fx.want)
			sort.Strings(want)
			if !slices.Equal(got, want) {
				t.Errorf("got\n  %s\nwant\n  %s", strings.Join(got, "\n  "), strings.Join(want, "\n  "))
			}
		})
	}
}
