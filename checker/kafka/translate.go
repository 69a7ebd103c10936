package kafka

import (
	"fmt"
	"strings"

	"github.com/streamlint/streamlint/checker/model"
)

// EnvVar is one environment variable of a compose service.
type EnvVar struct {
	Name  string
	Value string
	Loc   model.Location // where the value is written (the variable's line when there is no value)
	// Unresolved is true when the value could not be known statically (an
	// unset ${VAR}); Value then holds the raw text.
	Unresolved bool
}

// Translation is what an image makes of a service's environment.
//
// Every variable of the input lands in at most one of Properties, Helpers,
// Ignored and Rejected, except that a helper the image also writes into its
// properties file appears in Helpers and, as the junk key, in Leaked; and an
// apache/kafka ≤3.9 KAFKA_KAFKA_* variable appears both in Properties (the key
// the broker really gets) and in Ignored (what was meant). Variables that
// belong to no Kafka convention at all (TZ, JAVA_HOME, ...) appear nowhere.
type Translation struct {
	// Properties are the broker properties the image writes from property
	// variables: Key is the property name exactly as the image writes it
	// (typos, topic-level names and client keys included, for the rules to
	// judge), Value the value, Var the variable, Loc the variable's Loc,
	// Source model.SourceEnv. When several variables produce one key, the
	// last entry is the one the broker uses (see Property).
	Properties []model.Setting
	// Leaked are junk keys the image writes into the properties file from
	// helper variables (heap.opts from KAFKA_HEAP_OPTS on cp-kafka ≤8.0,
	// jmx.port from KAFKA_JMX_PORT, ...). Kafka logs and ignores them; they
	// are never worth a finding, but on apache/kafka they count as written
	// configuration (see Baseline).
	Leaked []model.Setting
	// Helpers are image settings that are not broker properties
	// (KAFKA_HEAP_OPTS, KAFKA_JMX_PORT, CLUSTER_ID, KAFKA_OPTS, bitnami's
	// KAFKA_CLIENT_USERS, wurstmeister's KAFKA_CREATE_TOPICS, ...). They are
	// never reported as unknown properties.
	Helpers []EnvVar
	// Ignored are variables that do not reach the broker as their name
	// suggests: another image's convention (KAFKA_CFG_* on Confluent or
	// Apache images, KAFKA_CREATE_TOPICS outside wurstmeister), plain
	// KAFKA_* names bitnami does not alias, variables debezium overwrites,
	// and apache/kafka ≤3.9 KAFKA_KAFKA_* names.
	Ignored []Ignored
	// Rejected are variables that make the image's entrypoint exit before
	// Kafka starts (cp-kafka: KAFKA_PORT, KAFKA_HOST, KAFKA_ADVERTISED_PORT,
	// KAFKA_ADVERTISED_HOST; KAFKA_ADVERTISED_LISTENERS on a controller-only
	// KRaft node). They are not in Properties.
	Rejected []Ignored
	// Topics are the topics the image creates at start-up from
	// KAFKA_CREATE_TOPICS (wurstmeister) or CREATE_TOPICS (debezium).
	Topics []Topic
}

// Ignored is a variable that does not do what its name suggests.
type Ignored struct {
	Var    string
	Value  string
	Loc    model.Location
	Reason string // one sentence, for the finding's message
	// WouldBe is the broker property the variable was presumably meant to
	// set ("log.retention.hours"), "" when that is not clear.
	WouldBe string
	// Writes is the key the image actually writes into the properties file
	// from this variable ("cfg.log.retention.hours"), "" when it writes
	// nothing.
	Writes string
	// Instead is the variable that would set WouldBe ("KAFKA_CFG_JVM_OPTS"),
	// to suggest when WouldBe is a broker property (the translator does
	// not know the catalog; the caller does).
	Instead string
}

// Topic is a topic an image creates at start-up.
type Topic struct {
	Name string
	// Partitions and ReplicationFactor are -1 when the entry leaves them out
	// or they are not integers.
	Partitions        int
	ReplicationFactor int
	CleanupPolicy     string // optional fourth field, "" when absent
	Loc               model.Location
	Source            string // the variable: "KAFKA_CREATE_TOPICS" or "CREATE_TOPICS"
	Raw               string // the entry as written, e.g. "transactions:1:1"
}

// Property returns the setting the broker uses for key: the last
// Properties entry with that key.
func (t Translation) Property(key string) (model.Setting, bool) {
	for i := len(t.Properties) - 1; i >= 0; i-- {
		if t.Properties[i].Key == key {
			return t.Properties[i], true
		}
	}
	return model.Setting{}, false
}

// Helper returns the helper variable called name.
func (t Translation) Helper(name string) (EnvVar, bool) {
	for i := len(t.Helpers) - 1; i >= 0; i-- {
		if t.Helpers[i].Name == name {
			return t.Helpers[i], true
		}
	}
	return EnvVar{}, false
}

// WritesConfig reports whether the image writes at least one line into its
// properties file from the environment: a property, a leaked helper, or a
// variable of another convention that still becomes a (junk) key. This is
// what decides whether apache/kafka keeps its packaged defaults.
func (t Translation) WritesConfig() bool {
	if len(t.Properties) > 0 || len(t.Leaked) > 0 {
		return true
	}
	for _, ig := range t.Ignored {
		if ig.Writes != "" {
			return true
		}
	}
	return false
}

// Translate applies the image family's convention exactly as the image's
// entrypoint does. img.KafkaVersion selects version-specific behaviour; when
// it is "" the function assumes the release compose files most often use:
// Confluent 5.5–7.9 behaviour for cp-kafka/cp-server (the
// KAFKA_ZOOKEEPER_CLIENT_CNXN_SOCKET special case applies, heap.opts leaks),
// Kafka 4.x behaviour for apache/kafka (only the first KAFKA_ is removed).
//
// Images whose entrypoint is a bash script (bitnami, wurstmeister,
// debezium) cannot see variables whose names are not shell identifiers
// ("KAFKA_CFG_SCRAM-SHA-256"); those KAFKA_* variables are Ignored.
//
// Families without a known convention (ubuntu, redpanda, unknown) yield an
// empty Translation: their KAFKA_* variables are neither mapped nor judged.
func Translate(img Image, env []EnvVar) Translation {
	tr := &translator{img: img, env: env}
	switch img.Family {
	case FamilyConfluent, FamilyConfluentLocal:
		tr.confluent()
	case FamilyApache:
		tr.apache()
	case FamilyBitnami:
		tr.bitnami()
	case FamilyWurstmeister:
		tr.wurstmeister()
	case FamilyDebezium:
		tr.debezium()
	}
	return tr.t
}

type translator struct {
	img Image
	env []EnvVar
	t   Translation
}

func (tr *translator) prop(key string, v EnvVar) {
	tr.t.Properties = append(tr.t.Properties, setting(key, v))
}

func (tr *translator) helper(v EnvVar) { tr.t.Helpers = append(tr.t.Helpers, v) }

// leak records a helper variable that the image also writes as key.
func (tr *translator) leak(key string, v EnvVar) {
	tr.helper(v)
	tr.t.Leaked = append(tr.t.Leaked, setting(key, v))
}

func (tr *translator) ignore(v EnvVar, reason, wouldBe, writes string) {
	tr.t.Ignored = append(tr.t.Ignored, Ignored{
		Var: v.Name, Value: v.Value, Loc: v.Loc, Reason: reason, WouldBe: wouldBe, Writes: writes,
	})
}

func (tr *translator) reject(v EnvVar, reason string) {
	tr.t.Rejected = append(tr.t.Rejected, Ignored{Var: v.Name, Value: v.Value, Loc: v.Loc, Reason: reason})
}

// lookup returns the last variable called name.
func (tr *translator) lookup(name string) (EnvVar, bool) {
	return lookupEnv(tr.env, name)
}

func lookupEnv(env []EnvVar, name string) (EnvVar, bool) {
	for i := len(env) - 1; i >= 0; i-- {
		if env[i].Name == name {
			return env[i], true
		}
	}
	return EnvVar{}, false
}

// set reports whether the variable is set to a non-empty (or unknown)
// value, as bash's [[ -n "${X-}" ]] sees it.
func (tr *translator) set(name string) bool {
	v, ok := tr.lookup(name)
	return ok && (v.Value != "" || v.Unresolved)
}

func setting(key string, v EnvVar) model.Setting {
	return model.Setting{
		Key: key, Value: v.Value, Source: model.SourceEnv, Loc: v.Loc, Var: v.Name, Unresolved: v.Unresolved,
	}
}

func (tr *translator) label() string {
	if tr.img.Repo != "" {
		return tr.img.Repo
	}
	return string(tr.img.Family) + " image"
}

// controllerOnly reports whether KAFKA_PROCESS_ROLES is exactly
// "controller", the test the Confluent and Apache configure scripts make.
func (tr *translator) controllerOnly() bool {
	v, ok := tr.lookup("KAFKA_PROCESS_ROLES")
	return ok && !v.Unresolved && v.Value == "controller"
}

// foreign handles variables that belong to another image's convention and
// reports whether v was one. writes is what this image makes of the name.
func (tr *translator) foreign(v EnvVar, writes string) bool {
	switch {
	case strings.HasPrefix(v.Name, "KAFKA_CFG_"):
		would := bitnamiKey(v.Name)
		tr.ignore(v, fmt.Sprintf("KAFKA_CFG_* is the bitnami convention; %s does not strip KAFKA_CFG_ and writes %q, which the broker ignores",
			tr.label(), writes), would, writes)
		return true
	case v.Name == "KAFKA_CREATE_TOPICS" || v.Name == "KAFKA_CREATE_TOPICS_SEPARATOR":
		reason := fmt.Sprintf("%s is the wurstmeister convention; %s creates no topics from it", v.Name, tr.label())
		if tr.img.Family == FamilyDebezium {
			reason += " (debezium/kafka reads CREATE_TOPICS)"
		}
		if writes != "" {
			reason += fmt.Sprintf(" and writes the unknown key %q", writes)
		}
		tr.ignore(v, reason, "", writes)
		return true
	}
	return false
}

// shellName reports whether name is a valid shell variable name. Images
// whose entrypoint is a bash script (bitnami, wurstmeister, debezium) never
// see other variables: bash does not import them.
func shellName(name string) bool {
	if name == "" || (name[0] >= '0' && name[0] <= '9') {
		return false
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		if c != '_' && (c < 'A' || c > 'Z') && (c < 'a' || c > 'z') && (c < '0' || c > '9') {
			return false
		}
	}
	return true
}

// notShell records a KAFKA_* variable a bash entrypoint cannot read and
// reports whether v was one.
func (tr *translator) notShell(v EnvVar) bool {
	if shellName(v.Name) {
		return false
	}
	if strings.HasPrefix(v.Name, "KAFKA_") {
		tr.ignore(v, fmt.Sprintf("%q is not a valid shell variable name, so the entrypoint script of %s never sees it",
			v.Name, tr.label()), "", "")
	}
	return true
}

// ---- Confluent: cp-kafka, cp-server, cp-enterprise-kafka, confluent-local

// ---- Apache: apache/kafka, apache/kafka-native

// ---- Bitnami

// ---- wurstmeister

// ---- debezium
