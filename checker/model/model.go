// Package model holds the types shared by streamlint's loaders, engine and
// reports: source locations, configuration settings, the pipeline document
// that policies judge, and the findings they produce.
//
// It imports nothing else from streamlint, so every other package may use it.
package model

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"regexp"
)

// Location is a place in a checked file. Line and Column are 1-based;
// Column counts Unicode code points, as yaml.v3 does. File is the path as
// the user will see it (relative to the working directory where possible).
type Location struct {
	File   string `json:"file"`
	Line   int    `json:"line"`
	Column int    `json:"column"`
}

// IsZero reports whether l names no place at all.
func (l Location) IsZero() bool { return l.File == "" && l.Line == 0 && l.Column == 0 }

// OrNil is a pointer to l, nil when l is zero (no location), for the
// optional locations of the model.
func (l Location) OrNil() *Location {
	if l.IsZero() {
		return nil
	}
	return &l
}

// String formats l as file:line:col, leaving out what is unknown.
func (l Location) String() string {
	switch {
	case l.Line <= 0:
		return l.File
	case l.Column <= 0:
		return fmt.Sprintf("%s:%d", l.File, l.Line)
	default:
		return fmt.Sprintf("%s:%d:%d", l.File, l.Line, l.Column)
	}
}

// Before orders locations by file, line and column.
func (l Location) Before(o Location) bool {
	if l.File != o.File {
		return l.File < o.File
	}
	if l.Line != o.Line {
		return l.Line < o.Line
	}
	return l.Column < o.Column
}

// Where a Spark or Kafka setting was written. These strings reach policies
// and messages, so they are part of the policy input contract.
const (
	SourceCode           = "code"            // SparkSession.builder.config, SparkConf().set, .option
	SourceSubmit         = "spark-submit"    // --conf k=v and flags such as --executor-memory
	SourcePropertiesFile = "properties-file" // spark-submit --properties-file
	SourceSparkDefaults  = "spark-defaults"  // conf/spark-defaults.conf
	SourceEnv            = "env"             // SPARK_* / KAFKA_* environment of a compose service
	SourceMountedFile    = "mounted-file"    // a server.properties mounted into a broker
	SourceBaseline       = "image-baseline"  // the image's packaged configuration
	SourceDefault        = "default"         // the Kafka or Spark built-in default
	SourceDerived        = "derived"         // what Kafka derives from other settings (Value.Derived says from what)
)

// Setting is one key set to one value at one place.
type Setting struct {
	Key    string   `json:"key"`
	Value  string   `json:"value"`
	Source string   `json:"source"`
	Loc    Location `json:"loc"`
	// Var is the environment variable or flag the setting was written as,
	// when that differs from Key (KAFKA_LOG_RETENTION_HOURS, --executor-memory).
	Var string `json:"var,omitempty"`
	// Unresolved is true when the value could not be known statically
	// (a variable in code, an unset ${VAR}); Value then holds the raw text.
	Unresolved bool `json:"unresolved,omitempty"`
	// ExistingSession is set on a setting of a SparkSession.builder that
	// runs after an earlier getOrCreate of the same file, to that
	// getOrCreate: the builder gets the session that exists, and Spark
	// applies only its runtime SQL settings. The pipeline keeps it only on
	// the settings so lost (spark.Catalog.IgnoredByExistingSession): they
	// never win over the first session's values.
	ExistingSession *Location `json:"existing_session,omitempty"`
	// FailedContext is set on a setting given to a SparkContext that is
	// constructed after the file's first context (or session) in the same
	// flow, to where that first one is made: the constructor throws (one
	// SparkContext per JVM), so the setting never applies.
	FailedContext *Location `json:"failed_context,omitempty"`
	// LaunchedDriver is set on a code setting of a driver JVM option
	// or package setting (spark.driver.memory, spark.jars.packages, ...) of a job
	// that spark-submit starts, to that spark-submit: the driver JVM is
	// already running when the job's code sets it, so it never applies
	// (spark.Catalog.DriverLaunchKey).
	LaunchedDriver *Location `json:"launched_driver,omitempty"`
	// Invalid says why the value does not fit the key's type or unit
	// ("" when it fits or the key is unknown).
	Invalid string `json:"invalid,omitempty"`
	// Secret: see Value.Secret.
	Secret string `json:"secret,omitempty"`
	// Branches are the arms of if/elif/else chains a code setting is
	// written in, outermost first: two settings in different arms of one
	// chain are alternatives, only one of which runs.
	Branches []Branch `json:"branches,omitempty"`
	// Runtime is set on a job's spark.conf.set(key, value): the session's
	// configuration changes when that line runs, so the value applies to
	// what runs after it, and an earlier value to what ran before.
	Runtime bool `json:"runtime,omitempty"`
}

// Branch is one arm of an if/elif/else chain: If is where the chain's if
// is, Arm counts the arms from 0 (the if's own).
type Branch struct {
	If  Location `json:"if"`
	Arm int      `json:"arm"`
}

// Severity of a finding.
type Severity string

// Severities, most severe first.
const (
	SeverityError   Severity = "error"
	SeverityWarning Severity = "warning"
	SeverityInfo    Severity = "info"
)

// Rank orders severities: error 3, warning 2, info 1, anything else 0.
func (s Severity) Rank() int {
	switch s {
	case SeverityError:
		return 3
	case SeverityWarning:
		return 2
	case SeverityInfo:
		return 1
	}
	return 0
}

// ParseSeverity accepts error, warning and info.
func ParseSeverity(s string) (Severity, error) {
	switch Severity(s) {
	case SeverityError, SeverityWarning, SeverityInfo:
		return Severity(s), nil
	}
	return "", fmt.Errorf("unknown severity %q (want error, warning or info)", s)
}

// Related is a secondary place a finding involves.
type Related struct {
	Location
	Message string `json:"message"`
}

// Finding is one problem a rule reported.
type Finding struct {
	RuleID      string    `json:"rule_id"`
	Severity    Severity  `json:"severity"`
	Title       string    `json:"title"`
	Message     string    `json:"message"`
	Location              // primary location: the setting to change
	Remediation string    `json:"remediation"`
	Docs        string    `json:"docs"`
	Related     []Related `json:"related,omitempty"`
	// Suppressed is set when an inline comment or the baseline silences
	// the finding; it is then left out of text output and kept elsewhere.
	Suppressed *Suppression `json:"suppressed,omitempty"`
}

// Suppression says why a finding is silenced.
type Suppression struct {
	Kind   string `json:"kind"` // inline or baseline
	Reason string `json:"reason"`
}

// FileError is a file that could not be read or parsed as configuration
// (LNT002). It always makes the run exit 2.
type FileError struct {
	Location
	Message string `json:"message"`
}

// Note is something a user should know that never changes the exit code,
// such as a job file the extractor could not follow.
type Note struct {
	Location
	Message string `json:"message"`
}

// positionRe matches ":line" and ":line:col" after a path in messages, so
// fingerprints survive lines moving.
var positionRe = regexp.MustCompile(`(\.[A-Za-z]+):\d+(:\d+)?`)

// Fingerprint identifies a finding independently of its line and column:
// the rule, the file and the message with positions removed. The message
// names the service or key and the value, so the fingerprint changes when
// they do and survives unrelated edits above the finding.
func Fingerprint(f Finding) string {
	h := sha256.New()
	h.Write([]byte(f.RuleID))
	h.Write([]byte{0})
	h.Write([]byte(f.File))
	h.Write([]byte{0})
	h.Write([]byte(positionRe.ReplaceAllString(f.Message, "$1")))
	return hex.EncodeToString(h.Sum(nil))[:32]
}
