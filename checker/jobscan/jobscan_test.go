package jobscan

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/streamlint/streamlint/checker/spark"
)

type scanCase struct {
	name string
	lang Language
	src  string
	want []string
}

func TestScanCases(t *testing.T) {
	for _, tc := range allCases() {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			j := Scan("job", []byte(tc.src), tc.lang)
			got := render(j)
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("got:\n\t%s\nwant:\n\t%s", strings.Join(got, "\n\t"), strings.Join(tc.want, "\n\t"))
			}
		})
	}
}

const incidentAfter = `from pyspark.sql import SparkSession
from pyspark.sql.functions import col, from_json

spark = (
    SparkSession.builder
    .appName("streaming_realtime_dashboard")
    .config("spark.streaming.kafka.maxRatePerPartition", "10000")
    .config("spark.streaming.backpressure.enabled", "true")
    .config("spark.streaming.backpressure.initialRate", "5000")
    .config("spark.streaming.kafka.maxRetries", "3")
    .config("spark.streaming.kafka.metadata.max.age.ms", "30000")
    .getOrCreate()
)

df = (
    spark.readStream.format("kafka")
    .option("kafka.bootstrap.servers", "kafka:29092")
    .option("subscribe", "transactions")
    .option("startingOffsets", "latest")
    .option("minPartitions", 4)
    .load()
)

query = (
    df.writeStream.format("parquet")
    .option("path", "/data/out")
    .option("checkpointLocation", "/data/checkpoints/dashboard")
    .trigger(processingTime="2 seconds")
    .start()
)
query.awaitTermination()
`

func TestLanguageOf(t *testing.T) {
	t.Parallel()
	for path, want := range map[string]Language{
		"jobs/stream.py":   Python,
		"Job.SCALA":        Scala,
		"src/main/x.scala": Scala,
		"x.pyc":            "",
		"x.java":           "",
		"Makefile":         "",
	} {
		if got := LanguageOf(path); got != want {
			t.Errorf("LanguageOf(%q) = %q, want %q", path, got, want)
		}
	}
}

func TestParseInterval(t *testing.T) {
	t.Parallel()
	cases := []struct {
		in   string
		secs float64
		ok   bool
	}{
		{"5 seconds", 5, true},
		{"1 second", 1, true},
		{"1 minute", 60, true},
		{"2 MINUTES", 120, true},
		{"500 milliseconds", 0.5, true},
		{"interval 1 hour 30 minutes", 5400, true},
		{"1.5 seconds", 1.5, true},
		{"  10 seconds  ", 10, true},
		{"1 week", 604800, true},
		{"10s", 0, false},
		{"10sec", 0, false},
		{"10 secs", 0, false},
		{"1.5 minutes", 0, false},
		{"1 month", 0, false},
		{"-5 seconds", 0, false},
		{"seconds", 0, false},
		{"", 0, false},
		{"interval", 0, false},
	}
	for _, c := range cases {
		secs, err := spark.ParseIntervalSeconds(c.in)
		if ok := err == nil; secs != c.secs || ok != c.ok {
			t.Errorf("ParseIntervalSeconds(%q) = %v, %v; want %v, ok %t", c.in, secs, err, c.secs, c.ok)
		}
	}
}

// TestLocations checks the invariants the fuzz test checks, on every
// table case.
func TestLocations(t *testing.T) {
	t.Parallel()
	for _, tc := range allCases() {
		checkLocs(t, "some/dir/job"+string(tc.lang), []byte(tc.src), tc.lang)
	}
}

func checkLocs(t *testing.T, path string, src []byte, lang Language) {
	t.Helper()
	j := Scan(path, src, lang)
	if j == nil {
		t.Fatal("Scan returned nil")
	}
	if j.Path != path {
		t.Errorf("Path = %q, want %q", j.Path, path)
	}
	// lines end as Python and Scala end them (LF, CR LF, and a lone CR,
	// which Scan reads as LF)
	lines := bytes.Split(crLineEnds(src), []byte("\n"))
	for _, l := range allLocs(j) {
		if l.File != path || l.Line < 1 || l.Line > len(lines) || l.Column < 1 ||
			l.Column > utf8.RuneCount(lines[l.Line-1])+1 {
			t.Fatalf("bad location %+v (file has %d lines) in %q", l, len(lines), src)
		}
	}
}

// TestDeepNesting makes sure adversarial nesting neither overflows the
// stack nor takes long.
func TestDeepNesting(t *testing.T) {
	t.Parallel()
	n := 50000
	inputs := []string{
		strings.Repeat("(", n),
		strings.Repeat("[", n) + strings.Repeat("]", n),
		"x = " + strings.Repeat("-", n) + "1",
		strings.Repeat("lambda: ", n),
		"x = " + strings.Repeat("a.", n) + "b",
		strings.Repeat(`f"{`, n),
		strings.Repeat("f(", n) + strings.Repeat(")", n),
	}
	for _, in := range inputs {
		for _, lang := range []Language{Python, Scala} {
			checkLocs(t, "deep", []byte(in), lang)
		}
	}
	checkLocs(t, "deep", []byte(strings.Repeat("{", n)+strings.Repeat("}", n)), Scala)
	checkLocs(t, "deep", []byte(strings.Repeat("/*", n)), Scala)
	checkLocs(t, "deep", []byte(strings.Repeat(`s"${`, n)), Scala)
	checkLocs(t, "deep", []byte(strings.Repeat("new ", n)), Scala)
}

// TestMapExpansionIsBounded feeds maps that unpack each other
// exponentially often; the options must stay bounded.
func TestMapExpansionIsBounded(t *testing.T) {
	t.Parallel()
	var b strings.Builder
	b.WriteString("a0 = {\"k\": 1}\n")
	for i := 1; i <= 12; i++ {
		fmt.Fprintf(&b, "a%d = {%s}\n", i, strings.TrimSuffix(strings.Repeat(fmt.Sprintf("**a%d, ", i-1), 20), ", "))
	}
	b.WriteString("spark.readStream.options(**a12).load()\n")
	j := Scan("maps.py", []byte(b.String()), Python)
	if len(j.Streams) != 1 || len(j.Streams[0].Options) == 0 || len(j.Streams[0].Options) > maxPairs {
		t.Fatalf("got %d streams, options %d", len(j.Streams), len(j.Streams[0].Options))
	}
}

// BenchmarkScan measures the incident job, a typical small job file.
func BenchmarkScan(b *testing.B) {
	src := []byte(incidentAfter)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		Scan("jobs/streaming_realtime_dashboard.py", src, Python)
	}
}

// configChain is a PySpark job of n chained .config() calls on one
// builder (a 200,000-call chain is 6.8 MB).
func configChain(n int) []byte {
	var b strings.Builder
	b.WriteString("from pyspark.sql import SparkSession\nspark = SparkSession.builder")
	for i := range n {
		fmt.Fprintf(&b, ".config(\"spark.k%d\", \"v%d\")", i, i)
	}
	b.WriteString(".getOrCreate()\n")
	return []byte(b.String())
}

// BenchmarkScanChain grows a chain of .config() calls tenfold: the time
// per scan grows about tenfold too (linear), not a hundredfold.
func BenchmarkScanChain(b *testing.B) {
	for _, n := range []int{20_000, 200_000} {
		src := configChain(n)
		b.Run(fmt.Sprintf("calls=%d", n), func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			for b.Loop() {
				if j := Scan("job.py", src, Python); len(j.Settings) != n {
					b.Fatalf("%d settings, want %d", len(j.Settings), n)
				}
			}
		})
	}
}

// TestNestedCallsQuoteLinearText: a value that is an expression is its
// source text, shortened, so calls nested n deep quote O(n) bytes in all,
// not O(n²) (5,000 levels printed 110 MB before).
func TestNestedCallsQuoteLinearText(t *testing.T) {
	for _, lang := range []Language{Python, Scala} {
		const n = 5000
		src := "spark = SparkSession.builder" + strings.Repeat(`.config("a", f(`, n) + `"b"` + strings.Repeat("))", n) + "\n"
		j := Scan("job", []byte(src), lang)
		total := 0
		for _, s := range j.Settings {
			total += len(s.Value)
		}
		for _, note := range j.Notes {
			total += len(note.Message)
		}
		if total > 200*n {
			t.Errorf("%s: %d bytes of values and notes for %d bytes of source", lang, total, len(src))
		}
	}
}

// sessionBuilders is a job that builds its session and then n more, each
// after the first getOrCreate (each one's settings are judged against the
// existing session).
func sessionBuilders(n int) []byte {
	var b strings.Builder
	b.WriteString("from pyspark.sql import SparkSession\nspark = SparkSession.builder.getOrCreate()\n")
	for i := range n {
		fmt.Fprintf(&b, "s%d = SparkSession.builder.config(\"spark.executor.memory\", \"%dg\").getOrCreate()\n", i, i%8+1)
	}
	return []byte(b.String())
}

// BenchmarkScanSessions grows the number of later session builders
// tenfold: linear (each builder once measured the file from its start:
// 2,000 builders after a 200k-call chain took 8 s).
func BenchmarkScanSessions(b *testing.B) {
	for _, n := range []int{500, 5_000} {
		src := sessionBuilders(n)
		b.Run(fmt.Sprintf("builders=%d", n), func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			for b.Loop() {
				if j := Scan("job.py", src, Python); len(j.Settings) != n {
					b.Fatalf("%d settings, want %d", len(j.Settings), n)
				}
			}
		})
	}
}
