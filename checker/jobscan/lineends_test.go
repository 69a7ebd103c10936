package jobscan

import (
	"fmt"
	"strings"
	"testing"
)

// TestLineEnds: Python and Scala read LF, CR LF and a lone CR (old Mac
// line ends) as line breaks; a job written with CR line ends was one line
// of nothing (its comment ran to the end of the file) and its settings
// and streams were silently not found.
func TestLineEnds(t *testing.T) {
	sources := map[Language][]string{
		Python: {
			"# a comment",
			"from pyspark.sql import SparkSession",
			"spark = SparkSession.builder \\",
			"    .config(\"spark.executor.cores\", \"abc\").getOrCreate()",
			"df = spark.readStream.format(\"kafka\").option(\"subscribe\", \"t\").load()",
		},
		Scala: {
			"// a comment",
			"import org.apache.spark.sql.SparkSession",
			"object J {",
			"  val spark = SparkSession.builder.config(\"spark.executor.cores\", \"abc\").getOrCreate()",
			"  val df = spark.readStream.format(\"kafka\").option(\"subscribe\", \"t\").load()",
			"}",
		},
	}
	for lang, lines := range sources {
		var want string
		for _, end := range []string{"\n", "\r\n", "\r"} {
			t.Run(fmt.Sprintf("%v %q", lang, end), func(t *testing.T) {
				job := Scan("job", []byte(strings.Join(lines, end)+end), lang)
				var got []string
				for _, s := range job.Settings {
					got = append(got, fmt.Sprintf("%s=%s@%d:%d", s.Key, s.Value, s.Loc.Line, s.Loc.Column))
				}
				got = append(got, fmt.Sprintf("kind %v, %d streams", job.Kind, len(job.Streams)))
				if len(job.Settings) == 0 || len(job.Streams) != 1 {
					t.Errorf("settings and streams not found: %v", got)
				}
				if end == "\n" {
					want = strings.Join(got, " ")
				} else if g := strings.Join(got, " "); g != want {
					t.Errorf("got %s, want (as with LF) %s", g, want)
				}
			})
		}
	}
}
