package spark

import (
	"cmp"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/streamlint/streamlint/checker/model"
	"github.com/streamlint/streamlint/internal/javanum"
)

// Facts adds the catalog's facts about a key.
func (c *Catalog) Facts(key string, v *model.SparkValue) {
	cat := c
	if k, ok := cat.Lookup(key); ok {
		v.Known = !k.NeverExisted
		v.Type, v.Default = k.Type, k.Default
		v.Deprecated, v.Removed, v.NeverExisted = k.Deprecated, k.Removed, k.NeverExisted
		v.Replacement, v.Hint = k.Replacement, k.Hint
		if k.AliasOf != "" && v.Replacement == "" {
			v.Replacement = k.AliasOf
		}
		v.ErrorsIfSet = k.ErrorsIfSet
		if m := removedInRe.FindStringSubmatch(k.Hint); k.Removed && m != nil {
			v.RemovedIn, v.RemovedInRelease = m[1], model.ReleaseNumbers(m[1], false)
		}
		if m := deprecatedSinceRe.FindStringSubmatch(k.Hint); k.Deprecated && m != nil {
			v.DeprecatedSince, v.DeprecatedSinceRelease = m[1], model.ReleaseNumbers(m[1], false)
		}
		return
	}
	if cat.IsDynamic(key) {
		v.Known, v.Dynamic = true, true
		return
	}
	// A key without the spark. prefix (which spark-submit drops) may be a
	// misspelt Spark key too: spark-master for spark.master.
	v.Suggestion = cat.Suggest(key)
	if !strings.HasPrefix(key, "spark.") {
		return
	}
	for wrong, right := range misnamedConnectors {
		if rest, ok := strings.CutPrefix(key, wrong); ok && v.Suggestion == "" {
			v.Suggestion = right + rest
		}
	}
	if v.Suggestion == "" && cat.IsLibraryKey(key) {
		v.Known, v.Dynamic = true, true
	}
	if v.Suggestion == "" && !v.Known {
		v.SourceOption = cat.sourceOptionSuffix(key)
		v.Nearby = cat.Nearby(key, 3)
	}
}

// sourceOptionSuffix returns the Kafka source option an unknown key ends
// with (its last segment, case-insensitively, as Spark matches options),
// in the option's canonical spelling, or "": spark.sql.streaming.kafka.
// maxOffsetsPerTrigger is the reader's maxOffsetsPerTrigger written as a
// setting, which nothing reads.
func (c *Catalog) sourceOptionSuffix(key string) string {
	last := key[strings.LastIndex(key, ".")+1:]
	o, ok := c.options[strings.ToLower(last)]
	if !ok || o.PassThrough || o.SinkOnly {
		return ""
	}
	return o.Name
}

// misnamedConnectors are namespaces public code uses for a connector that
// reads another: es-hadoop reads es.* and spark.es.*, never
// spark.elasticsearch.*, so those keys are not a library's and have no
// effect.
var misnamedConnectors = map[string]string{"spark.elasticsearch.": "spark.es."}

var (
	removedInRe       = regexp.MustCompile(`removed in (\d+(?:\.\d+)*)`)
	deprecatedSinceRe = regexp.MustCompile(`deprecated since (\d+(?:\.\d+)*)`)
)

// isMemoryKey: keys that take a memory size where a bare number is easy to misread.
func isMemoryKey(key string) bool {
	return strings.HasSuffix(key, ".memory") || strings.HasSuffix(key, "memoryOverhead")
}

// CheckSetting says why a setting's value does not fit its key's type.
func (c *Catalog) CheckSetting(key string, st model.Setting) string {
	if st.Unresolved || strings.Contains(st.Value, "${") {
		return ""
	}
	k, ok := c.Lookup(key)
	if !ok {
		return ""
	}
	if err := CheckValue(k.Type, k.DefaultUnit, st.Value); err != nil {
		return err.Error()
	}
	if k.Type == "double" {
		if f, _ := javanum.ParseDouble(st.Value); !javanum.Finite(f) {
			return fmt.Sprintf("%q is not a finite number: Spark reads it as a double (NaN or infinity) without an error, but no fraction, factor or rate works with it; write a finite number", st.Value)
		}
	}
	if k.Type == "bytes" && isMemoryKey(key) && allDigits(strings.TrimSpace(st.Value)) {
		return bareMemory(key, strings.TrimSpace(st.Value), k.DefaultUnit)
	}
	return ""
}

// bareMemory explains a memory value written without a unit. Spark reads
// spark.executor.memory and spark.driver.memory through several code paths
// that disagree on a bare number: the
// typed entry reads MiB, but the memory manager (getSizeAsBytes), the
// standalone executor size (Utils.memoryStringToMb) and the client-mode
// driver's -Xmx read bytes. Other memory keys are read as their unit only.
func bareMemory(key, v, unit string) string {
	mib := bareMeaning(v, unit)
	n, _ := strconv.ParseInt(v, 10, 64)
	switch key {
	case "spark.executor.memory":
		return fmt.Sprintf("%q has no unit: Spark reads this number in different units on different paths: as %s (%s) when sizing YARN and Kubernetes executors, but as %d bytes in the executor's memory manager, which needs at least 450 MiB and fails to start, and as %d MiB (bytes truncated to MiB) for a standalone executor; write the unit (%sm for %s)",
			v, unitName(unit), mib, n, n>>20, v, mib)
	case "spark.driver.memory":
		return fmt.Sprintf("%q has no unit: spark-submit passes a client-mode driver's memory to the JVM unchanged, so -Xmx%s is %d bytes and the driver JVM does not start, while other paths read %s (%s); write the unit (%sm for %s)",
			v, v, n, unitName(unit), mib, v, mib)
	}
	return fmt.Sprintf("%q has no unit: Spark reads a bare number for %s as %s, so %s means %s, while most Spark size settings read bytes; write the unit (for example %sm)",
		v, key, unitName(unit), v, mib, v)
}

func unitName(u string) string {
	if u == "" {
		return "bytes"
	}
	return u
}

func bareMeaning(v, unit string) string {
	n, err := ParseBytes(strings.TrimSpace(v), unit)
	if err != nil {
		return v
	}
	return model.HumanBytes(float64(n))
}

// Normalise types a setting's value as Spark's ConfigBuilder reads it
// (trimmed): Num in bytes for size keys, Ms for time keys, Num for int,
// long and double keys (finite only), Bool for boolean keys. Keys of
// other or unknown types get Num when the value is a finite Java double.
// A value Spark rejects gets none of them.
func (c *Catalog) Normalise(key string, v *model.Value) {
	if v.Unresolved {
		return
	}
	k, ok := c.Lookup(key)
	val := javaTrim(v.Value)
	typ := ""
	if ok {
		typ = k.Type
	}
	switch typ {
	case "bytes":
		if n, err := ParseBytes(val, k.DefaultUnit); err == nil {
			v.Num = ptr(float64(n))
		}
	case "time":
		if n, err := ParseDurationMS(val, k.DefaultUnit); err == nil {
			v.Ms = ptr(float64(n))
		}
	case "int", "long":
		bits := 32
		if typ == "long" {
			bits = 64
		}
		if n, err := javanum.ParseInt(val, bits); err == nil {
			v.Num = ptr(float64(n))
		}
	case "boolean":
		if b, err := javanum.ParseBool(val); err == nil {
			v.Bool = &b
		}
	default: // double, and keys of other or unknown types
		if f, err := javanum.ParseDouble(val); err == nil && javanum.Finite(f) {
			v.Num = ptr(f)
		}
	}
}

// TypeOption types a Kafka source or sink option's value as the source
// reads it (not trimmed: plain toInt, toLong, toBoolean): Num for int and
// long options, Bool for booleans, Ms for time options. Other options, and
// the options of other formats, get Num when the value is a finite Java
// double.
func (c *Catalog) TypeOption(name string, kafkaFormat bool, v *model.Value) {
	if v.Unresolved {
		return
	}
	typ := ""
	var o SourceOption
	if kafkaFormat {
		if opt, ok := c.KafkaSourceOption(name); ok {
			o, typ = opt, opt.Type
		}
	}
	switch typ {
	case "int", "long":
		bits := 32
		if typ == "long" {
			bits = 64
		}
		if n, err := javanum.ParseInt(v.Value, bits); err == nil {
			v.Num = ptr(float64(n))
		}
	case "boolean":
		if b, err := javanum.ParseBool(v.Value); err == nil {
			v.Bool = &b
		}
	case "time":
		if n, err := ParseDurationMS(v.Value, cmp.Or(o.DefaultUnit, "ms")); err == nil {
			v.Ms = ptr(float64(n))
		}
	default:
		if f, err := javanum.ParseDouble(v.Value); err == nil && javanum.Finite(f) {
			v.Num = ptr(f)
		}
	}
}

// WorkerMemory reads SPARK_WORKER_MEMORY as the standalone worker does
// (a bare number is bytes, truncated to whole MiB). It returns the bytes,
// and the problem to report: the parse error, or a warning that a bare
// number is easily misread as MiB (the value is still usable then). ok is
// false when the value cannot be used at all.
func WorkerMemory(value string) (n int64, problem string, ok bool) {
	n, err := WorkerMemoryBytes(value)
	if err != nil {
		return 0, err.Error(), false
	}
	if allDigits(strings.TrimSpace(value)) {
		problem = fmt.Sprintf("%q has no unit: the worker reads a bare number as bytes, truncated to whole MiB (%s), which is easily misread as MiB; write the unit (%s)", value, model.HumanBytes(float64(n)), FormatBytes(n))
	}
	return n, problem, true
}

func ptr[T any](v T) *T { return &v }

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// staticSessionKeys are the keys, outside the catalog's static SQL confs,
// that a session fixes when it is made: the catalogs it loads, the
// streaming UI, and the namespaces of the SparkContext (executors,
// resources, cluster managers).
var (
	staticSessionPrefixes = [...]string{
		"spark.sql.catalog.", "spark.sql.streaming.ui.",
		"spark.executorEnv.", "spark.driver.resource.", "spark.executor.resource.", "spark.task.resource.",
		"spark.metrics.conf.", "spark.ssl.", "spark.kubernetes.", "spark.yarn.", "spark.mesos.",
	}
	staticSessionKeys = map[string]bool{
		"spark.sql.warehouse.dir": true, "spark.sql.extensions": true, "spark.sql.catalogImplementation": true,
	}
)

// IgnoredByExistingSession reports whether a SparkSession.builder setting
// is lost when getOrCreate returns a session that already exists. Spark
// then applies the builder's settings to that session's SQL configuration
// only (SparkSession.Builder.applyModifiableSettings: "Using an existing
// Spark session; only runtime SQL configurations will take effect"): the
// SparkContext's settings (spark.executor.memory, spark.app.name,
// spark.master, ...) and the static SQL confs keep the first session's
// values. Runtime SQL confs (spark.sql.shuffle.partitions) do apply; keys
// Spark does not know (a library's, spark.hadoop.*) are not judged.
func (c *Catalog) IgnoredByExistingSession(key string) bool {
	if staticSessionKeys[key] {
		return true
	}
	for _, p := range staticSessionPrefixes {
		if strings.HasPrefix(key, p) {
			return true
		}
	}
	k, ok := c.Lookup(key)
	if !ok {
		return false
	}
	if strings.HasPrefix(key, "spark.sql.") || k.AppliesTo == "sql" {
		return k.Static
	}
	return true
}

// driverLaunchKeys are the settings spark-submit consumes before it runs
// the application's code: it turns the driver's memory, java options, class
// and library paths into the driver JVM's own command line
// (SparkSubmitCommandBuilder: -Xmx from spark.driver.memory), and resolves
// --packages / spark.jars.packages with their repositories and exclusions
// (SparkSubmitArguments, then the resolved jars go on the classpath as
// spark.jars). The Spark configuration page says of the driver options: "In
// client mode, this config must not be set through the SparkConf directly
// in your application, because the driver JVM has already started at that
// point"; in cluster mode the driver is launched from the submitted
// configuration as well. SparkContext never resolves packages itself.
var driverLaunchKeys = map[string]bool{
	"spark.driver.memory":             true,
	"spark.driver.extraJavaOptions":   true,
	"spark.driver.defaultJavaOptions": true,
	"spark.driver.extraClassPath":     true,
	"spark.driver.extraLibraryPath":   true,
	"spark.jars.packages":             true,
	"spark.jars.repositories":         true,
	"spark.jars.excludes":             true,
	"spark.jars.ivy":                  true,
	"spark.jars.ivySettings":          true,
}

// DriverLaunchKey reports whether a setting only takes effect when the
// driver JVM is launched: a job that spark-submit starts sets it in its
// code too late.
func (c *Catalog) DriverLaunchKey(key string) bool {
	return driverLaunchKeys[key]
}
