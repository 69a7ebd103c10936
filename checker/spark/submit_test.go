package spark

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/streamlint/streamlint/checker/model"

	"github.com/streamlint/streamlint/internal/fuzzseed"
)

const incidentCommand = "spark-submit --master spark://spark-master:7077 --conf spark.streaming.kafka.maxRatePerPartition=50000 --conf spark.streaming.backpressure.initialRate=25000 /opt/jobs/streaming_realtime_dashboard.py"

func at(line, col int) model.Location {
	return model.Location{File: "docker-compose.yml", Line: line, Column: col}
}

// word is a compact expected word: text, column (line 1 unless set), op.
type word struct {
	text string
	col  int
	op   bool
	line int
}

func checkWords(t *testing.T, got []Arg, want []word) {
	t.Helper()
	if len(got) != len(want) {
		var texts []string
		for _, a := range got {
			texts = append(texts, a.Text)
		}
		t.Fatalf("got %d words %q, want %d", len(got), texts, len(want))
	}
	for i, w := range want {
		line := w.line
		if line == 0 {
			line = 1
		}
		g := got[i]
		if g.Text != w.text || g.Loc.Column != w.col || g.Loc.Line != line || g.Op != w.op {
			t.Errorf("word %d = %q at %d:%d op=%v, want %q at %d:%d op=%v", i, g.Text, g.Loc.Line, g.Loc.Column, g.Op, w.text, line, w.col, w.op)
		}
	}
}

func TestSplitShell(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		in   string
		want []word
	}{
		{"plain", "a bc  d", []word{{"a", 1, false, 0}, {"bc", 3, false, 0}, {"d", 7, false, 0}}},
		{"single quotes", `a 'b c' d'e'f`, []word{{"a", 1, false, 0}, {"b c", 3, false, 0}, {"def", 9, false, 0}}},
		{"double quotes and escapes", `"a \"b\" \$c \\ \x" e\ f`, []word{{`a "b" $c \ \x`, 1, false, 0}, {"e f", 21, false, 0}}},
		{"empty quoted word", `a "" ''`, []word{{"a", 1, false, 0}, {"", 3, false, 0}, {"", 6, false, 0}}},
		{"operators", "a&&b||c;d|e&f", []word{
			{"a", 1, false, 0}, {"&&", 2, true, 0}, {"b", 4, false, 0}, {"||", 5, true, 0}, {"c", 7, false, 0},
			{";", 8, true, 0}, {"d", 9, false, 0}, {"|", 10, true, 0}, {"e", 11, false, 0}, {"&", 12, true, 0}, {"f", 13, false, 0}}},
		{"quoted operators are words", `a '&&' \; ";"`, []word{{"a", 1, false, 0}, {"&&", 3, false, 0}, {";", 8, false, 0}, {";", 11, false, 0}}},
		{"redirections", "a >log 2>&1 <in", []word{
			{"a", 1, false, 0}, {">", 3, true, 0}, {"log", 4, false, 0}, {"2>&", 8, true, 0}, {"1", 11, false, 0}, {"<", 13, true, 0}, {"in", 14, false, 0}}},
		{"expansions stay whole", `a $(cat /f x) ${A:-b c} $B "$C d" ` + "`x y`", []word{
			{"a", 1, false, 0}, {"$(cat /f x)", 3, false, 0}, {"${A:-b c}", 15, false, 0}, {"$B", 25, false, 0}, {"$C d", 28, false, 0}, {"`x y`", 35, false, 0}}},
		{"comments", "a # b c\nd", []word{{"a", 1, false, 0}, {"\n", 8, true, 0}, {"d", 1, false, 2}}},
		{"hash inside a word", "a#b", []word{{"a#b", 1, false, 0}}},
		{"line continuation", "a \\\n  b", []word{{"a", 1, false, 0}, {"b", 3, false, 2}}},
		{"newline is an operator", "a\nb", []word{{"a", 1, false, 0}, {"\n", 2, true, 0}, {"b", 1, false, 2}}},
		{"unterminated quote runs to the end", `a "b c`, []word{{"a", 1, false, 0}, {"b c", 3, false, 0}}},
		{"trailing backslash", `a\`, []word{{`a\`, 1, false, 0}}},
		{"non-ASCII columns", "é 'ü x' y", []word{{"é", 1, false, 0}, {"ü x", 3, false, 0}, {"y", 9, false, 0}}},
		{"ANSI-C quotes", `$'a b' c`, []word{{`$'a b'`, 1, false, 0}, {"c", 8, false, 0}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			checkWords(t, SplitShell(tt.in, model.Location{File: "f", Line: 1, Column: 1}), tt.want)
		})
	}
}

func TestSplitShellIncidentColumns(t *testing.T) {
	t.Parallel()
	// command: spark-submit ... at line 40, the scalar starting at column 14
	args := SplitShell(incidentCommand, at(40, 14))
	checkWords(t, args, []word{
		{"spark-submit", 14, false, 40},
		{"--master", 27, false, 40},
		{"spark://spark-master:7077", 36, false, 40},
		{"--conf", 62, false, 40},
		{"spark.streaming.kafka.maxRatePerPartition=50000", 69, false, 40},
		{"--conf", 117, false, 40},
		{"spark.streaming.backpressure.initialRate=25000", 124, false, 40},
		{"/opt/jobs/streaming_realtime_dashboard.py", 171, false, 40},
	})
	for _, a := range args {
		if a.Loc.File != "docker-compose.yml" {
			t.Errorf("word %q file %q", a.Text, a.Loc.File)
		}
	}
}

func TestSplitCompose(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		in      string
		want    []word
		dropped int
		err     bool
	}{
		{"incident", "spark-submit --master x app.py", []word{{"spark-submit", 1, false, 0}, {"--master", 14, false, 0}, {"x", 23, false, 0}, {"app.py", 25, false, 0}}, -1, false},
		{"newlines are spaces", "spark-submit\n  --master x\n", []word{{"spark-submit", 1, false, 0}, {"--master", 3, false, 2}, {"x", 12, false, 2}}, -1, false},
		{"the rest is dropped at an operator", "spark-submit app.py && echo done", []word{{"spark-submit", 1, false, 0}, {"app.py", 14, false, 0}}, 20, false},
		{"quoted script kept whole", `bash -c "spark-submit a.py && echo done"`, []word{{"bash", 1, false, 0}, {"-c", 6, false, 0}, {"spark-submit a.py && echo done", 9, false, 0}}, -1, false},
		{"backslash escapes inside double quotes", `"a\b" 'c\d'`, []word{{"ab", 1, false, 0}, {`c\d`, 7, false, 0}}, -1, false},
		{"fd redirection drops the number", "a 2>&1", []word{{"a", 1, false, 0}}, 3, false},
		{"command substitution kept", "a $(b c) d", []word{{"a", 1, false, 0}, {"$(b c)", 3, false, 0}, {"d", 10, false, 0}}, -1, false},
		{"empty quotes", `a ""`, []word{{"a", 1, false, 0}, {"", 3, false, 0}}, -1, false},
		{"unterminated quote", `a "b`, nil, -1, true},
		{"trailing backslash", `a \`, nil, -1, true},
		{"bare parenthesis", `a (b)`, nil, -1, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, dropped, err := SplitCompose(tt.in, model.Location{File: "f", Line: 1, Column: 1})
			if (err != nil) != tt.err {
				t.Fatalf("error = %v, want error %v", err, tt.err)
			}
			if dropped != tt.dropped {
				t.Errorf("dropped = %d, want %d", dropped, tt.dropped)
			}
			checkWords(t, got, tt.want)
		})
	}
	_, _, err := SplitCompose(`spark-submit --conf "a=b`, at(7, 14))
	var ce *ComposeCommandError
	if !errors.As(err, &ce) || ce.Loc != at(7, 34) || !strings.Contains(ce.Error(), "never closed") {
		t.Errorf("error = %v, want a *ComposeCommandError at 7:34", err)
	}
}

// listArgs builds a compose list form: one YAML item per line, each scalar
// starting at column 9.
func listArgs(items ...string) []Arg {
	var out []Arg
	for i, s := range items {
		out = append(out, Arg{Text: s, Loc: at(20+i, 9)})
	}
	return out
}

func confOf(s Submit) map[string]model.Setting {
	m := map[string]model.Setting{}
	for _, c := range s.Conf {
		m[c.Key+" "+c.Var] = c
	}
	return m
}

func TestFindSubmitsIncident(t *testing.T) {
	t.Parallel()
	subs := FindSubmits(SplitShell(incidentCommand, at(40, 14)))
	if len(subs) != 1 {
		t.Fatalf("found %d submits", len(subs))
	}
	s := subs[0]
	if s.Loc != at(40, 14) || s.Master != "spark://spark-master:7077" || s.MasterLoc != at(40, 36) {
		t.Errorf("submit at %v master %q at %v", s.Loc, s.Master, s.MasterLoc)
	}
	if s.AppResource != "/opt/jobs/streaming_realtime_dashboard.py" || s.AppResourceLoc != at(40, 171) || len(s.AppArgs) != 0 {
		t.Errorf("app %q at %v args %v", s.AppResource, s.AppResourceLoc, s.AppArgs)
	}
	want := []model.Setting{
		{Key: "spark.master", Value: "spark://spark-master:7077", Source: model.SourceSubmit, Loc: at(40, 36), Var: "--master"},
		{Key: "spark.streaming.kafka.maxRatePerPartition", Value: "50000", Source: model.SourceSubmit, Loc: at(40, 111), Var: "--conf"},
		{Key: "spark.streaming.backpressure.initialRate", Value: "25000", Source: model.SourceSubmit, Loc: at(40, 165), Var: "--conf"},
	}
	if !slices.Equal(s.Conf, want) {
		t.Errorf("conf = %+v\nwant %+v", s.Conf, want)
	}
	if len(s.Errors) != 0 || len(s.Dynamic) != 0 {
		t.Errorf("errors %v dynamic %v", s.Errors, s.Dynamic)
	}
}

func TestFindSubmitsListForm(t *testing.T) {
	t.Parallel()
	args := listArgs("/opt/bitnami/spark/bin/spark-submit", "--master", "spark://spark-master:7077",
		"--executor-memory", "2g", "--conf", "spark.executor.extraJavaOptions=-Da=1 -Db=2",
		"--packages", "org.apache.spark:spark-sql-kafka-0-10_2.12:3.5.0,org.postgresql:postgresql:42.7.1",
		"/opt/jobs/job.py", "--input", "&&", "x")
	subs := FindSubmits(args)
	if len(subs) != 1 {
		t.Fatalf("found %d submits", len(subs))
	}
	s := subs[0]
	c := confOf(s)
	if got := c["spark.executor.memory --executor-memory"]; got.Value != "2g" || got.Loc != at(24, 9) {
		t.Errorf("executor memory = %+v", got)
	}
	// the value part of --conf k=v in a list item
	if got := c["spark.executor.extraJavaOptions --conf"]; got.Value != "-Da=1 -Db=2" || got.Loc != at(26, 9+len("spark.executor.extraJavaOptions=")) {
		t.Errorf("extraJavaOptions = %+v", got)
	}
	if !slices.Equal(s.Packages, []string{"org.apache.spark:spark-sql-kafka-0-10_2.12:3.5.0", "org.postgresql:postgresql:42.7.1"}) {
		t.Errorf("packages = %q", s.Packages)
	}
	if s.AppResource != "/opt/jobs/job.py" || s.AppResourceLoc != at(29, 9) {
		t.Errorf("app = %q at %v", s.AppResource, s.AppResourceLoc)
	}
	// a list form has no shell: "&&" is an argument of the application
	var appArgs []string
	for _, a := range s.AppArgs {
		appArgs = append(appArgs, a.Text)
	}
	if !slices.Equal(appArgs, []string{"--input", "&&", "x"}) {
		t.Errorf("app args = %q", appArgs)
	}
}

func TestFindSubmitsShellScripts(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		args []Arg
		// wanted submits: app resource, and the key=value@col of each conf
		want [][]string
	}{
		{"bash -c string form with &&",
			SplitShell(`bash -c "spark-submit --conf 'spark.a=x y' --conf=spark.b=2 app.py a b && echo done"`, at(1, 1)),
			[][]string{{"app.py", "spark.a=x y@39", "spark.b=2@59"}}},
		{"sh -c list form",
			listArgs("sh", "-c", "spark-submit --master local[2] a.py; spark-submit b.py"),
			[][]string{{"a.py", "spark.master=local[2]@31"}, {"b.py"}}},
		{"sh -ec with exec, assignments and redirections",
			listArgs("/bin/sh", "-ec", "export X=1 && SPARK_X=1 exec $SPARK_HOME/bin/spark-submit --executor-memory 1g x.py >/tmp/log 2>&1"),
			[][]string{{"x.py", "spark.executor.memory=1g@85"}}},
		{"multi-line script from a block scalar",
			listArgs("bash", "-c", "echo start\nspark-submit \\\n  --conf spark.x=1 \\\n  /opt/app.py\necho end"),
			[][]string{{"/opt/app.py", "spark.x=1@26"}}},
		{"spark-class",
			SplitShell("/opt/spark/bin/spark-class org.apache.spark.deploy.SparkSubmit --conf spark.a=1 x.jar", at(1, 1)),
			[][]string{{"x.jar", "spark.a=1@79"}}},
		{"spark-class running a worker is not a submit",
			SplitShell("/opt/spark/bin/spark-class org.apache.spark.deploy.worker.Worker spark://m:7077", at(1, 1)), nil},
		{"wrappers",
			SplitShell("tini -- env -i A=1 nohup gosu spark spark-submit app.py", at(1, 1)), [][]string{{"app.py"}}},
		{"shell keywords and sudo",
			SplitShell("if true; then sudo -u spark -E spark-submit a.py; else exit 1; fi", at(1, 1)), [][]string{{"a.py"}}},
		{"echo spark-submit is not a submit", SplitShell("echo spark-submit x.py", at(1, 1)), nil},
		{"pyspark is not a submit", SplitShell("pyspark --master local", at(1, 1)), nil},
		{"nested shells",
			SplitShell(`sh -c "bash -c 'spark-submit n.py'"`, at(1, 1)), [][]string{{"n.py"}}},
		{"busybox sh", listArgs("busybox", "sh", "-c", "spark-submit b.py"), [][]string{{"b.py"}}},
		{"sh without -c runs a file", listArgs("sh", "spark-submit"), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			subs := FindSubmits(tt.args)
			var got [][]string
			for _, s := range subs {
				row := []string{s.AppResource}
				for _, c := range s.Conf {
					row = append(row, c.Key+"="+c.Value+"@"+itoa(c.Loc.Column))
				}
				got = append(got, row)
			}
			if !slices.EqualFunc(got, tt.want, slices.Equal) {
				t.Errorf("submits = %q, want %q", got, tt.want)
			}
		})
	}
}

func itoa(n int) string {
	var b []byte
	for {
		b = append([]byte{byte('0' + n%10)}, b...)
		if n /= 10; n == 0 {
			return string(b)
		}
	}
}

func TestFindSubmitsPositionsInScripts(t *testing.T) {
	t.Parallel()
	// A list item on line 30 at column 11 whose script runs over lines:
	// the lines of a block scalar start at the item's column.
	args := []Arg{{Text: "bash", Loc: at(28, 11)}, {Text: "-c", Loc: at(29, 11)},
		{Text: "echo hi\nspark-submit --conf spark.x=1 a.py", Loc: at(30, 11)}}
	subs := FindSubmits(args)
	if len(subs) != 1 {
		t.Fatalf("found %d submits", len(subs))
	}
	if subs[0].Loc != at(31, 11) {
		t.Errorf("submit at %v, want 31:11", subs[0].Loc)
	}
	if got := subs[0].Conf[0].Loc; got != at(31, 11+len("spark-submit --conf spark.x=")) {
		t.Errorf("conf value at %v", got)
	}
}

func TestParseSubmitArgs(t *testing.T) {
	t.Parallel()
	in := "--name job --class com.x.Main --deploy-mode cluster --driver-memory 2g --driver-cores 2 " +
		"--executor-cores 2 --total-executor-cores 4 --num-executors 3 --queue q --jars a.jar " +
		"--files f --py-files p.zip --archives z.zip --repositories r --exclude-packages e:e " +
		"--driver-java-options -Dx --driver-library-path /l --driver-class-path /c --principal pr --keytab kt " +
		"--remote sc://h --properties-file /conf/job.conf --load-spark-defaults --supervise --verbose " +
		"-c spark.c=3 --conf spark.jars.packages=g:a:1 --proxy-user u app.jar arg1 --conf not-ours"
	s := ParseSubmitArgs(at(1, 1), SplitShell(in, at(1, 1)))
	got := map[string]string{}
	for _, c := range s.Conf {
		if c.Source != model.SourceSubmit {
			t.Errorf("%s: source %q", c.Key, c.Source)
		}
		got[c.Key] = c.Value + " " + c.Var
	}
	want := map[string]string{
		"spark.app.name":                "job --name",
		"spark.submit.deployMode":       "cluster --deploy-mode",
		"spark.driver.memory":           "2g --driver-memory",
		"spark.driver.cores":            "2 --driver-cores",
		"spark.executor.cores":          "2 --executor-cores",
		"spark.cores.max":               "4 --total-executor-cores",
		"spark.executor.instances":      "3 --num-executors",
		"spark.yarn.queue":              "q --queue",
		"spark.jars":                    "a.jar --jars",
		"spark.files":                   "f --files",
		"spark.submit.pyFiles":          "p.zip --py-files",
		"spark.archives":                "z.zip --archives",
		"spark.jars.repositories":       "r --repositories",
		"spark.jars.excludes":           "e:e --exclude-packages",
		"spark.driver.extraJavaOptions": "-Dx --driver-java-options",
		"spark.driver.extraLibraryPath": "/l --driver-library-path",
		"spark.driver.extraClassPath":   "/c --driver-class-path",
		"spark.kerberos.principal":      "pr --principal",
		"spark.kerberos.keytab":         "kt --keytab",
		"spark.remote":                  "sc://h --remote",
		"spark.driver.supervise":        "true --supervise",
		"spark.c":                       "3 --conf",
		"spark.jars.packages":           "g:a:1 --conf",
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s = %q, want %q", k, got[k], v)
		}
	}
	if len(got) != len(want) {
		t.Errorf("got %d keys, want %d: %v", len(got), len(want), got)
	}
	if s.Class != "com.x.Main" || s.DeployMode != "cluster" || s.PropertiesFile != "/conf/job.conf" || !s.LoadSparkDefaults {
		t.Errorf("class %q mode %q props %q load %v", s.Class, s.DeployMode, s.PropertiesFile, s.LoadSparkDefaults)
	}
	if s.PropertiesFileLoc.Column != strings.Index(in, "/conf/job.conf")+1 || s.DeployModeLoc.Column != strings.Index(in, "cluster")+1 {
		t.Errorf("properties file at %v, deploy mode at %v", s.PropertiesFileLoc, s.DeployModeLoc)
	}
	if s.AppResource != "app.jar" || len(s.AppArgs) != 3 || s.AppArgs[1].Text != "--conf" {
		t.Errorf("app %q args %v", s.AppResource, s.AppArgs)
	}
	if !slices.Equal(s.Packages, []string{"g:a:1"}) {
		t.Errorf("packages %q", s.Packages)
	}
}

func TestParseSubmitArgsProblems(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		in     string
		conf   []string // key=value pairs, keys quoted to show spaces
		errors []string // substrings, in order
		app    string
	}{
		{"spaces around = make a different key", `--conf "spark.executor.memory = 4g" a.py`,
			[]string{`"spark.executor.memory "=" 4g"`}, nil, "a.py"},
		{"space after =", `--conf spark.x= 4g a.py`, []string{`"spark.x"=""`}, nil, "4g"},
		{"conf without =", `--conf spark.x a.py`, nil, []string{"without '='"}, "a.py"},
		{"conf with an empty value", `--conf spark.x= a.py`, []string{`"spark.x"=""`}, nil, "a.py"},
		{"conf= needs a value", `--conf= a.py`, nil, []string{`unrecognized option "--conf="`}, "a.py"},
		{"-c=k=v is not an option", `-c=spark.a=1 a.py`, nil, []string{"unrecognized option"}, "a.py"},
		{"missing value", `a.py`, nil, nil, "a.py"},
		{"option at the end without its value", `--master`, nil, []string{"missing argument"}, ""},
		{"unknown option", `--executor-mem 2g a.py`, nil, []string{`unrecognized option "--executor-mem"`}, "2g"},
		{"switch with =value ignores it", `--verbose=yes a.py`, nil, nil, "a.py"},
		{"flag value may start with a dash", `--driver-java-options -Dx=1 a.py`, []string{`"spark.driver.extraJavaOptions"="-Dx=1"`}, nil, "a.py"},
		{"dynamic words", `$SPARK_SUBMIT_ARGS ${MORE} "$APP"`, nil, nil, "$APP"},
		{"last --conf wins but all are kept", `--conf spark.a=1 --conf spark.a=2 a.py`, []string{`"spark.a"="1"`, `"spark.a"="2"`}, nil, "a.py"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s := ParseSubmitArgs(at(1, 1), SplitShell(tt.in, at(1, 1)))
			var conf []string
			for _, c := range s.Conf {
				conf = append(conf, `"`+c.Key+`"="`+c.Value+`"`)
			}
			if !slices.Equal(conf, tt.conf) {
				t.Errorf("conf = %s, want %s", conf, tt.conf)
			}
			if len(s.Errors) != len(tt.errors) {
				t.Fatalf("errors = %+v, want %q", s.Errors, tt.errors)
			}
			for i, e := range tt.errors {
				if !strings.Contains(s.Errors[i].Msg, e) || s.Errors[i].Loc.Line != 1 {
					t.Errorf("error %d = %+v, want %q", i, s.Errors[i], e)
				}
			}
			if s.AppResource != tt.app {
				t.Errorf("app = %q, want %q", s.AppResource, tt.app)
			}
		})
	}
	s := ParseSubmitArgs(at(1, 1), SplitShell(`$SPARK_SUBMIT_ARGS ${MORE} --conf spark.x=$V --conf 'spark.y=$lit' "$APP"`, at(1, 1)))
	if len(s.Dynamic) != 2 || s.Dynamic[0].Text != "$SPARK_SUBMIT_ARGS" || s.Dynamic[1].Text != "${MORE}" {
		t.Errorf("dynamic = %v", s.Dynamic)
	}
	if len(s.Conf) != 2 || !s.Conf[0].Unresolved || s.Conf[1].Unresolved {
		t.Errorf("unresolved flags: %+v", s.Conf)
	}
}

func TestArgLocAt(t *testing.T) {
	t.Parallel()
	a := Arg{Text: "ab\ncd", Loc: at(5, 7)}
	for i, want := range []model.Location{at(5, 7), at(5, 8), at(5, 9), at(6, 7), at(6, 8), at(6, 9)} {
		if got := a.LocAt(i); got != want {
			t.Errorf("LocAt(%d) = %v, want %v", i, got, want)
		}
	}
	if got := a.LocAt(-3); got != at(5, 7) {
		t.Errorf("LocAt(-3) = %v", got)
	}
	if got := a.LocAt(99); got != at(6, 9) {
		t.Errorf("LocAt(99) = %v", got)
	}
	words := SplitShell(`x "a b"c`, at(2, 3))
	if got := words[1].LocAt(len("a b")); got != at(2, 10) {
		t.Errorf("LocAt after the quote = %v, want 2:10", got)
	}
}

// charsAt maps every position of s, s starting at start, to the byte
// offset of the character written there, by the rule SplitShell documents:
// columns advance by code point and a line break starts the next line at
// start's column.
func charsAt(s string, start model.Location) map[model.Location]int {
	m := make(map[model.Location]int, len(s))
	line, col := start.Line, start.Column
	for off := 0; off < len(s); {
		m[model.Location{File: start.File, Line: line, Column: col}] = off
		r, w := utf8.DecodeRuneInString(s[off:])
		off += w
		if r == '\n' || (r == '\r' && (off >= len(s) || s[off] != '\n')) {
			line, col = line+1, start.Column
		} else {
			col++
		}
	}
	return m
}

func FuzzSplitShell(f *testing.F) {
	for _, s := range []string{
		incidentCommand,
		`bash -c "spark-submit --conf 'spark.a=x y' app.py && echo done"`,
		"a \\\n b # c\n d 2>&1 | e",
		`x "$(a "b" c)" ${d} 'e` + "`f`",
		"\r\n\r é\"\\",
	} {
		f.Add(s, 3, 5)
	}
	f.Fuzz(func(t *testing.T, s string, line, col int) {
		fuzzseed.Count()
		start := model.Location{File: "f", Line: 1 + abs(line)%1000, Column: 1 + abs(col)%1000}
		chars := charsAt(s, start)
		check := func(kind string, args []Arg) {
			for _, a := range args {
				off, ok := chars[a.Loc]
				if !ok {
					t.Fatalf("%s word %q at %v is outside %q (start %v)", kind, a.Text, a.Loc, s, start)
				}
				if c := s[off]; c == ' ' || c == '\t' {
					t.Fatalf("%s word %q at %v starts on a blank", kind, a.Text, a.Loc)
				}
				for i := range len(a.Text) {
					if o, ok := chars[a.LocAt(i)]; !ok || o < off {
						t.Fatalf("%s word %q: byte %d at %v is not inside the word", kind, a.Text, i, a.LocAt(i))
					}
				}
			}
		}
		check("shell", SplitShell(s, start))
		for _, sub := range FindSubmits(SplitShell(s, start)) {
			if _, ok := chars[sub.Loc]; !ok {
				t.Fatalf("submit at %v is outside the text", sub.Loc)
			}
			for _, c := range sub.Conf {
				if _, ok := chars[c.Loc]; !ok && c.Value != "" {
					t.Fatalf("conf %s=%s at %v is outside the text", c.Key, c.Value, c.Loc)
				}
			}
		}
		compose, _, err := SplitCompose(s, start)
		if err == nil {
			check("compose", compose)
		}
	})
}

func abs(n int) int {
	if n < 0 {
		return -(n + 1)
	}
	return n
}
