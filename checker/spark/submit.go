package spark

import (
	"fmt"
	"strings"

	"github.com/streamlint/streamlint/checker/model"
	"github.com/streamlint/streamlint/checker/shell"
)

// Submit is one spark-submit invocation and what its arguments set.
type Submit struct {
	// Loc is where the spark-submit (or spark-class) word is written.
	Loc model.Location

	Master        string // --master, the last one given
	MasterLoc     model.Location
	DeployMode    string // --deploy-mode
	DeployModeLoc model.Location

	// Conf holds, in argument order, every --conf k=v, --conf=k=v and
	// -c k=v (Var "--conf") and every flag that sets a configuration key,
	// translated to that key (Var "--executor-memory" for
	// spark.executor.memory). Source is model.SourceSubmit and Loc is where
	// the value is written. Spark lets a dedicated flag win over --conf of
	// the same key whatever their order; among several --conf of one key
	// the last wins.
	Conf []model.Setting

	PropertiesFile    string // --properties-file
	PropertiesFileLoc model.Location
	// LoadSparkDefaults is --load-spark-defaults: spark-defaults.conf still
	// fills the keys the properties file leaves unset.
	LoadSparkDefaults bool

	Class string // --class

	// AppResource is the application (a .py, .jar or .R file, or
	// spark-shell / pyspark-shell); AppArgs are the words after it.
	AppResource    string
	AppResourceLoc model.Location
	AppArgs        []shell.Word

	// Packages holds the Maven coordinates of --packages and of
	// --conf spark.jars.packages, e.g.
	// org.apache.spark:spark-sql-kafka-0-10_2.12:3.5.0.
	Packages []string

	// Dynamic holds unquoted expansions such as $SPARK_SUBMIT_ARGS met
	// where an option may stand: they can add options nobody can see.
	Dynamic []shell.Word
	// Errors lists what spark-submit itself would reject: a --conf without
	// '=', an unknown option, an option missing its value.
	Errors []SubmitError
}

// SubmitError is an argument spark-submit rejects.
type SubmitError struct {
	Loc model.Location
	Msg string
}

// submitFlag describes one spark-submit option that takes a value.
type submitFlag struct {
	key string // configuration key it sets, "" if none
}

// submitOption returns the option named name (SparkSubmitOptionParser.opts
// of Spark 4.1) and the configuration key SparkSubmit maps it to.
func submitOption(name string) (submitFlag, bool) {
	switch name {
	case "--master":
		return submitFlag{"spark.master"}, true
	case "--remote":
		return submitFlag{"spark.remote"}, true
	case "--deploy-mode":
		return submitFlag{"spark.submit.deployMode"}, true
	case "--name":
		return submitFlag{"spark.app.name"}, true
	case "--jars":
		return submitFlag{"spark.jars"}, true
	case "--packages":
		return submitFlag{"spark.jars.packages"}, true
	case "--exclude-packages":
		return submitFlag{"spark.jars.excludes"}, true
	case "--repositories":
		return submitFlag{"spark.jars.repositories"}, true
	case "--files":
		return submitFlag{"spark.files"}, true
	case "--py-files":
		return submitFlag{"spark.submit.pyFiles"}, true
	case "--archives":
		return submitFlag{"spark.archives"}, true
	case "--driver-memory":
		return submitFlag{"spark.driver.memory"}, true
	case "--driver-cores":
		return submitFlag{"spark.driver.cores"}, true
	case "--driver-java-options":
		return submitFlag{"spark.driver.extraJavaOptions"}, true
	case "--driver-library-path":
		return submitFlag{"spark.driver.extraLibraryPath"}, true
	case "--driver-class-path":
		return submitFlag{"spark.driver.extraClassPath"}, true
	case "--executor-memory":
		return submitFlag{"spark.executor.memory"}, true
	case "--executor-cores":
		return submitFlag{"spark.executor.cores"}, true
	case "--total-executor-cores":
		return submitFlag{"spark.cores.max"}, true
	case "--num-executors":
		return submitFlag{"spark.executor.instances"}, true
	case "--queue":
		return submitFlag{"spark.yarn.queue"}, true
	case "--principal":
		return submitFlag{"spark.kerberos.principal"}, true
	case "--keytab":
		return submitFlag{"spark.kerberos.keytab"}, true
	case "--conf", "-c", "--properties-file", "--class", "--proxy-user", "--kill", "--status":
		return submitFlag{}, true
	}
	return submitFlag{}, false
}

// submitSwitch reports whether name is a spark-submit option without a value.
func submitSwitch(name string) bool {
	switch name {
	case "--help", "-h", "--supervise", "--usage-error", "--verbose", "-v", "--version", "--load-spark-defaults":
		return true
	}
	return false
}

// splitEqOption applies SparkSubmitOptionParser's (--[^=]+)=(.+): for
// "--conf=k=v" it returns "--conf", "k=v", true.
func splitEqOption(s string) (name, value string, ok bool) {
	if !strings.HasPrefix(s, "--") {
		return "", "", false
	}
	i := strings.IndexByte(s, '=')
	// the name needs a character after "--"; the value must be non-empty
	// and, since Java's '.' stops at line terminators, single-line
	if i <= 2 || i == len(s)-1 || strings.ContainsAny(s[i+1:], "\n\r\u0085\u2028\u2029") {
		return "", "", false
	}
	return s[:i], s[i+1:], true
}

// ParseSubmitArgs reads the arguments that follow spark-submit (args
// excludes the spark-submit word itself, at is where that word is) the way
// SparkSubmitArguments does: options up to the first word that is not an
// option, which is the application; the rest are the application's
// arguments.
func ParseSubmitArgs(at model.Location, args []shell.Word) Submit {
	sub := Submit{Loc: at}
	for idx := 0; idx < len(args); idx++ {
		a := args[idx]
		name, value, valueOff := a.Text, "", 0
		valueArg, hasValue := a, false
		if n, v, ok := splitEqOption(a.Text); ok {
			name, value, valueOff, hasValue = n, v, len(n)+1, true
		}
		if flag, ok := submitOption(name); ok {
			if !hasValue {
				if idx == len(args)-1 {
					sub.Errors = append(sub.Errors, SubmitError{Loc: a.Loc, Msg: fmt.Sprintf("missing argument for option %q", name)})
					break
				}
				idx++
				valueArg, value = args[idx], args[idx].Text
			}
			sub.handle(name, flag, value, valueArg, valueOff)
			continue
		}
		if submitSwitch(name) {
			switch name {
			case "--load-spark-defaults":
				sub.LoadSparkDefaults = true
			case "--supervise":
				sub.Conf = append(sub.Conf, model.Setting{Key: "spark.driver.supervise", Value: "true", Source: model.SourceSubmit, Loc: a.Loc, Var: name})
			}
			continue
		}
		if a.Unknown && !a.Quoted && strings.HasPrefix(a.Text, "$") {
			// $SPARK_SUBMIT_ARGS and the like: unknown words, maybe options
			sub.Dynamic = append(sub.Dynamic, a)
			continue
		}
		if strings.HasPrefix(a.Text, "-") {
			sub.Errors = append(sub.Errors, SubmitError{Loc: a.Loc, Msg: fmt.Sprintf("unrecognized option %q", a.Text)})
			continue
		}
		sub.AppResource, sub.AppResourceLoc = a.Text, a.Loc
		sub.AppArgs = args[idx+1:]
		break
	}
	return sub
}

// handle records one option and its value; value starts at byte valueOff
// of valueArg.Text.
func (sub *Submit) handle(name string, flag submitFlag, value string, valueArg shell.Word, valueOff int) {
	loc := valueArg.LocAt(valueOff)
	unresolved := valueArg.Unknown && strings.ContainsAny(value, "$`")
	switch name {
	case "--conf", "-c":
		k, v, ok := strings.Cut(value, "=")
		if !ok {
			sub.Errors = append(sub.Errors, SubmitError{Loc: loc, Msg: fmt.Sprintf("spark config without '=': %q (spark-submit rejects it; write --conf key=value)", value)})
			return
		}
		eq := valueOff + len(k) + 1
		sub.Conf = append(sub.Conf, model.Setting{
			Key: k, Value: v, Source: model.SourceSubmit, Loc: valueArg.LocAt(eq), Var: "--conf",
			Unresolved: valueArg.Unknown && strings.ContainsAny(v, "$`"),
		})
		if k == "spark.jars.packages" {
			sub.Packages = append(sub.Packages, splitList(v)...)
		}
		return
	case "--master":
		sub.Master, sub.MasterLoc = value, loc
	case "--deploy-mode":
		sub.DeployMode, sub.DeployModeLoc = value, loc
	case "--properties-file":
		sub.PropertiesFile, sub.PropertiesFileLoc = value, loc
	case "--class":
		sub.Class = value
	case "--packages":
		sub.Packages = append(sub.Packages, splitList(value)...)
	}
	if flag.key != "" {
		sub.Conf = append(sub.Conf, model.Setting{Key: flag.key, Value: value, Source: model.SourceSubmit, Loc: loc, Var: name, Unresolved: unresolved})
	}
}

// splitList splits a comma-separated list, trimming items and dropping
// empty ones.
func splitList(s string) []string {
	var out []string
	for item := range strings.SplitSeq(s, ",") {
		if item = strings.TrimSpace(item); item != "" {
			out = append(out, item)
		}
	}
	return out
}

// FindSubmits finds the spark-submit invocations among the commands a
// service runs (shell.Exec): spark-submit by its base name
// (spark-submit, /opt/bitnami/spark/bin/spark-submit,
// $SPARK_HOME/bin/spark-submit, ...) and
// spark-class org.apache.spark.deploy.SparkSubmit.
func FindSubmits(cmds []shell.Command) []Submit {
	var out []Submit
	for _, cmd := range cmds {
		args := cmd.Args()
		switch base := cmd.Program(); {
		case base == "spark-submit":
			out = append(out, ParseSubmitArgs(cmd.Words[0].Loc, args))
		case base == "spark-class" && len(args) > 0 && args[0].Text == "org.apache.spark.deploy.SparkSubmit":
			out = append(out, ParseSubmitArgs(cmd.Words[0].Loc, args[1:]))
		}
	}
	return out
}
