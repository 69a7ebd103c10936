package spark

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/streamlint/streamlint/checker/model"
	"github.com/streamlint/streamlint/checker/shell"
)

const incidentCommand = "spark-submit --master spark://spark-master:7077 --conf spark.streaming.kafka.maxRatePerPartition=50000 --conf spark.streaming.backpressure.initialRate=25000 /opt/jobs/streaming_realtime_dashboard.py"

func at(line, col int) model.Location {
	return model.Location{File: "docker-compose.yml", Line: line, Column: col}
}

// lit is a word written verbatim at loc.
func lit(text string, loc model.Location) shell.Word { return shell.Word{Text: text, Loc: loc} }

// script returns the commands of a shell script written at loc.
func script(s string, loc model.Location) []shell.Command {
	cmds := shell.Exec([]shell.Word{lit("sh", loc), lit("-c", loc), lit(s, loc)}).Commands
	return cmds[1:]
}

// words returns the words of a one-line script (at line 1, column 1).
func words(s string) []shell.Word {
	cmds := shell.File(at(1, 1).File, []byte(s)).Commands
	if len(cmds) == 0 {
		return nil
	}
	return cmds[0].Words
}

// listArgs builds a compose list form: one YAML item per line, each scalar
// starting at column 9.
func listArgs(items ...string) []shell.Command {
	var out []shell.Word
	for i, s := range items {
		out = append(out, lit(s, at(20+i, 9)))
	}
	return shell.Exec(out).Commands
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
	subs := FindSubmits(script(incidentCommand, at(40, 14)))
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
	if !reflect.DeepEqual(s.Conf, want) {
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
		args []shell.Command
		// wanted submits: app resource, and the key=value@col of each conf
		want [][]string
	}{
		{"bash -c string form with &&",
			script(`bash -c "spark-submit --conf 'spark.a=x y' --conf=spark.b=2 app.py a b && echo done"`, at(1, 1)),
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
			script("/opt/spark/bin/spark-class org.apache.spark.deploy.SparkSubmit --conf spark.a=1 x.jar", at(1, 1)),
			[][]string{{"x.jar", "spark.a=1@79"}}},
		{"spark-class running a worker is not a submit",
			script("/opt/spark/bin/spark-class org.apache.spark.deploy.worker.Worker spark://m:7077", at(1, 1)), nil},
		{"wrappers",
			script("tini -- env -i A=1 nohup gosu spark spark-submit app.py", at(1, 1)), [][]string{{"app.py"}}},
		{"shell keywords and sudo",
			script("if true; then sudo -u spark -E spark-submit a.py; else exit 1; fi", at(1, 1)), [][]string{{"a.py"}}},
		{"echo spark-submit is not a submit", script("echo spark-submit x.py", at(1, 1)), nil},
		{"pyspark is not a submit", script("pyspark --master local", at(1, 1)), nil},
		{"nested shells",
			script(`sh -c "bash -c 'spark-submit n.py'"`, at(1, 1)), [][]string{{"n.py"}}},
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
	args := []shell.Word{lit("bash", at(28, 11)), lit("-c", at(29, 11)),
		lit("echo hi\nspark-submit --conf spark.x=1 a.py", at(30, 11))}
	subs := FindSubmits(shell.Exec(args).Commands)
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
	s := ParseSubmitArgs(at(1, 1), words(in))
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
			s := ParseSubmitArgs(at(1, 1), words(tt.in))
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
	s := ParseSubmitArgs(at(1, 1), words(`$SPARK_SUBMIT_ARGS ${MORE} --conf spark.x=$V --conf 'spark.y=$lit' "$APP"`))
	if len(s.Dynamic) != 2 || s.Dynamic[0].Text != "$SPARK_SUBMIT_ARGS" || s.Dynamic[1].Text != "${MORE}" {
		t.Errorf("dynamic = %v", s.Dynamic)
	}
	if len(s.Conf) != 2 || !s.Conf[0].Unresolved || s.Conf[1].Unresolved {
		t.Errorf("unresolved flags: %+v", s.Conf)
	}
}
