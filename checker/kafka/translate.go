package kafka

import (
	"fmt"
	"strconv"
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

// confluentKey is dub.py env_to_props: lower-case, single underscores
// between two other characters become dots, then "___" -> "-", "__" -> "_".
func confluentKey(s string) string {
	s = strings.ToLower(s)
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '_' && i > 0 && s[i-1] != '_' && i+1 < len(s) && s[i+1] != '_' {
			c = '.'
		}
		b.WriteByte(c)
	}
	return strings.ReplaceAll(strings.ReplaceAll(b.String(), "___", "-"), "__", "_")
}

// confluentRejected are the variables cp-kafka's configure refuses
// ("... is deprecated. Please use KAFKA_ADVERTISED_LISTENERS instead.").
func confluentRejected(name string) bool {
	switch name {
	case "KAFKA_ADVERTISED_PORT", "KAFKA_ADVERTISED_HOST", "KAFKA_HOST", "KAFKA_PORT":
		return true
	}
	return false
}

// confluentLeakingHelper are image helper variables the Confluent templates
// do not exclude, so they also end up in kafka.properties as junk keys.
func confluentLeakingHelper(name string) bool {
	switch name {
	case "KAFKA_JMX_PORT", "KAFKA_JMX_HOSTNAME",
		"KAFKA_SSL_KEYSTORE_FILENAME", "KAFKA_SSL_KEY_CREDENTIALS", "KAFKA_SSL_KEYSTORE_CREDENTIALS",
		"KAFKA_SSL_TRUSTSTORE_FILENAME", "KAFKA_SSL_TRUSTSTORE_CREDENTIALS",
		"KAFKA_DATA_DIRS", "KAFKA_CUB_ZK_TIMEOUT":
		return true
	}
	return false
}

func (tr *translator) confluent() {
	local := tr.img.Family == FamilyConfluentLocal
	ver := tr.img.KafkaVersion
	// cp ≤8.0 (Kafka ≤4.0) render kafka.properties with the Jinja2 template
	// whose exclude list lacks a comma: KAFKA_HEAP_OPTS and KAFKA_LOG4J_OPTS
	// are written as heap.opts / log4j.opts. 8.1+ use the Go template.
	jinja := !local && versionBetween(ver, "", "4.0", true)
	// cp 5.5–7.9 write KAFKA_ZOOKEEPER_CLIENT_CNXN_SOCKET as zookeeper.clientCnxnSocket.
	cnxn := !local && versionBetween(ver, "2.5", "3.9", true)
	// KRaft-aware configure (cp 7.4+, confluent-local): controller-only nodes
	// must not set KAFKA_ADVERTISED_LISTENERS.
	kraftChecks := local || versionBetween(ver, "3.4", "", true)
	controllerOnly := kraftChecks && tr.controllerOnly()

	for _, v := range tr.env {
		name := v.Name
		switch {
		case local && strings.HasPrefix(name, "KAFKA_REST_"):
			tr.helper(v) // REST proxy settings (excludeWithPrefix)
		case local && strings.HasPrefix(name, "CONFLUENT_"):
			tr.prop(confluentKey(name), v) // confluent-local keeps the CONFLUENT word
		case !local && strings.HasPrefix(name, "CONFLUENT_SUPPORT_"):
			tr.prop("confluent.support."+confluentKey(name[len("CONFLUENT_SUPPORT_"):]), v)
		case tr.img.ConfluentServer() && strings.HasPrefix(name, "CONFLUENT_METRICS_"):
			tr.prop("confluent.metrics."+confluentKey(name[len("CONFLUENT_METRICS_"):]), v)
		case name == "CLUSTER_ID":
			tr.helper(v)
		case !strings.HasPrefix(name, "KAFKA_"):
			// not this image's business
		case confluentRejected(name) && (v.Value != "" || v.Unresolved):
			tr.reject(v, fmt.Sprintf("%s makes %s exit at start-up (%s is deprecated; use KAFKA_ADVERTISED_LISTENERS)",
				name, tr.label(), confluentKey(name[len("KAFKA_"):])))
		case controllerOnly && name == "KAFKA_ADVERTISED_LISTENERS" && (v.Value != "" || v.Unresolved):
			tr.reject(v, fmt.Sprintf("KAFKA_ADVERTISED_LISTENERS on a controller-only node (KAFKA_PROCESS_ROLES=controller) makes %s exit at start-up", tr.label()))
		case confluentExcluded(name, local, jinja):
			tr.helper(v)
		case cnxn && name == "KAFKA_ZOOKEEPER_CLIENT_CNXN_SOCKET":
			tr.prop("zookeeper.clientCnxnSocket", v)
		case name == "KAFKA_HEAP_OPTS" || name == "KAFKA_LOG4J_OPTS" || confluentLeakingHelper(name):
			// Not excluded (see confluentExcluded), still a JVM/image setting.
			tr.leak(confluentKey(name[len("KAFKA_"):]), v)
		case tr.foreign(v, confluentKey(name[len("KAFKA_"):])):
		default:
			tr.property(v, confluentKey(name[len("KAFKA_"):]))
		}
	}
}

// confluentExcluded is the exclude list of the image's kafka.properties
// template (plus confluent-local's JSON spec).
func confluentExcluded(name string, local, jinja bool) bool {
	switch name {
	case "KAFKA_VERSION", "KAFKA_OPTS", "KAFKA_JMX_OPTS", "KAFKA_JVM_PERFORMANCE_OPTS", "KAFKA_GC_LOG_OPTS",
		"KAFKA_LOG4J_ROOT_LOGLEVEL", "KAFKA_LOG4J_LOGGERS", "KAFKA_TOOLS_LOG4J_LOGLEVEL":
		return true
	case "KAFKA_HEAP_OPT": // confluent-local's typo'd entry; harmless elsewhere
		return local
	case "KAFKA_LOG4J_OPTS":
		return local || !jinja
	case "KAFKA_HEAP_OPTS":
		return !local && !jinja
	}
	return false
}

// property records v as key, or as ignored when the name leaves no key.
func (tr *translator) property(v EnvVar, key string) {
	if key == "" {
		tr.ignore(v, fmt.Sprintf("%s leaves an empty property name", v.Name), "", "")
		return
	}
	tr.prop(key, v)
}

// ---- Apache: apache/kafka, apache/kafka-native

// apacheKey is KafkaDockerWrapper.getServerConfigsFromEnv: remove "KAFKA_"
// (every occurrence up to 3.9, the first from 4.0), lower-case, "_" -> ".",
// then "..." -> "-" and ".." -> "_".
func apacheKey(name string, upTo39 bool) string {
	if upTo39 {
		name = strings.ReplaceAll(name, "KAFKA_", "")
	} else {
		name = strings.Replace(name, "KAFKA_", "", 1)
	}
	s := strings.ReplaceAll(strings.ToLower(name), "_", ".")
	return strings.ReplaceAll(strings.ReplaceAll(s, "...", "-"), "..", "_")
}

func apacheExcluded(name string, heapTypo bool) bool {
	switch name {
	case "KAFKA_VERSION", "KAFKA_LOG4J_OPTS", "KAFKA_OPTS", "KAFKA_JMX_OPTS", "KAFKA_JVM_PERFORMANCE_OPTS",
		"KAFKA_GC_LOG_OPTS", "KAFKA_LOG4J_ROOT_LOGLEVEL", "KAFKA_LOG4J_LOGGERS", "KAFKA_TOOLS_LOG4J_LOGLEVEL",
		"KAFKA_JMX_HOSTNAME":
		return true
	case "KAFKA_HEAP_OPTS":
		return !heapTypo
	case "KAFKA_HEAP_OPT":
		return heapTypo
	}
	return false
}

func apacheLeakingHelper(name string) bool {
	switch name {
	case "KAFKA_JMX_PORT", "KAFKA_SSL_KEYSTORE_FILENAME", "KAFKA_SSL_KEY_CREDENTIALS",
		"KAFKA_SSL_KEYSTORE_CREDENTIALS", "KAFKA_SSL_TRUSTSTORE_FILENAME", "KAFKA_SSL_TRUSTSTORE_CREDENTIALS":
		return true
	}
	return false
}

// apacheUpTo39 reports whether the image removes every KAFKA_ occurrence.
func apacheUpTo39(img Image) bool { return versionBetween(img.KafkaVersion, "", "3.9", false) }

// apacheHeapTypo reports whether the image is 3.7.0, whose exclude list
// had KAFKA_HEAP_OPT instead of KAFKA_HEAP_OPTS (fixed in 3.7.1).
func apacheHeapTypo(img Image) bool {
	return img.Tag == "3.7.0" || strings.HasPrefix(img.Tag, "3.7.0-")
}

func (tr *translator) apache() {
	upTo39 := apacheUpTo39(tr.img)
	heapTypo := apacheHeapTypo(tr.img)
	controllerOnly := tr.controllerOnly()
	for _, v := range tr.env {
		name := v.Name
		switch {
		case name == "CLUSTER_ID":
			tr.helper(v)
		case !strings.HasPrefix(name, "KAFKA_"):
		case controllerOnly && name == "KAFKA_ADVERTISED_LISTENERS" && (v.Value != "" || v.Unresolved):
			tr.reject(v, fmt.Sprintf("KAFKA_ADVERTISED_LISTENERS on a controller-only node (KAFKA_PROCESS_ROLES=controller) makes %s exit at start-up", tr.label()))
		case apacheExcluded(name, heapTypo):
			tr.helper(v)
		case name == "KAFKA_HEAP_OPTS" || apacheLeakingHelper(name):
			tr.leak(apacheKey(name, upTo39), v)
		case tr.foreign(v, apacheKey(name, upTo39)):
		default:
			key := apacheKey(name, upTo39)
			tr.property(v, key)
			if meant := apacheKey(name, false); upTo39 && meant != key && key != "" {
				tr.ignore(v, fmt.Sprintf("%s before 4.0 removes every \"KAFKA_\" from the name, so %s sets %q, not %q",
					tr.label(), name, key, meant), meant, key)
			}
		}
	}
}

// ---- Bitnami

// bitnamiKey is kafka_configure_from_environment_variables for a
// KAFKA_CFG_* name (it also accepts a bare suffix).
func bitnamiKey(name string) string {
	if name == "KAFKA_CFG_ZOOKEEPER_CLIENTCNXNSOCKET" {
		return "zookeeper.clientCnxnSocket"
	}
	s := strings.ToLower(strings.ReplaceAll(strings.TrimPrefix(name, "KAFKA_CFG_"), "_", "."))
	s = strings.ReplaceAll(s, "sasl.ssl", "sasl_ssl")
	return strings.ReplaceAll(s, "sasl.plaintext", "sasl_plaintext")
}

// bitnamiAlias is kafka_create_alias_environment_variables: the plain
// KAFKA_* names bitnami copies to a KAFKA_CFG_* variable. It returns that
// variable's property.
func bitnamiAlias(name string) (key string, ok bool) {
	switch name {
	case "KAFKA_LOGS_DIRS":
		return "log.dirs", true
	case "KAFKA_SEGMENT_BYTES":
		return "log.segment.bytes", true
	case "KAFKA_MAX_MESSAGE_BYTES":
		return "message.max.bytes", true
	case "KAFKA_ZOOKEEPER_CONNECT_TIMEOUT_MS":
		return "zookeeper.connection.timeout.ms", true
	case "KAFKA_AUTO_CREATE_TOPICS_ENABLE":
		return "auto.create.topics.enable", true
	}
	suffix, ok := strings.CutPrefix(name, "KAFKA_")
	if !ok {
		return "", false
	}
	switch suffix {
	case "ADVERTISED_LISTENERS", "BROKER_ID", "NODE_ID", "CONTROLLER_QUORUM_VOTERS", "PROCESS_ROLES",
		"DEFAULT_REPLICATION_FACTOR", "DELETE_TOPIC_ENABLE", "INTER_BROKER_LISTENER_NAME", "LISTENERS",
		"LISTENER_SECURITY_PROTOCOL_MAP", "LOG_DIRS", "LOG_FLUSH_INTERVAL_MESSAGES", "LOG_FLUSH_INTERVAL_MS",
		"LOG_MESSAGE_FORMAT_VERSION", "LOG_RETENTION_BYTES",
		"LOG_RETENTION_CHECK_INTERVALS_MS", // sic: yields log.retention.check.intervals.ms
		"LOG_RETENTION_HOURS", "LOG_SEGMENT_BYTES", "MESSAGE_MAX_BYTES", "NUM_IO_THREADS",
		"NUM_NETWORK_THREADS", "NUM_PARTITIONS", "NUM_RECOVERY_THREADS_PER_DATA_DIR",
		"OFFSETS_TOPIC_REPLICATION_FACTOR", "SOCKET_RECEIVE_BUFFER_BYTES", "SOCKET_REQUEST_MAX_BYTES",
		"SOCKET_SEND_BUFFER_BYTES", "SSL_ENDPOINT_IDENTIFICATION_ALGORITHM", "TRANSACTION_STATE_LOG_MIN_ISR",
		"TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "ZOOKEEPER_CONNECT", "ZOOKEEPER_CONNECTION_TIMEOUT_MS":
		return bitnamiKey(suffix), true
	}
	return "", false
}

// bitnamiFileVar reports whether name is one of the settings bitnami's
// kafka-env.sh also reads from a <NAME>_FILE variable.
func bitnamiFileVar(name string) bool {
	switch name {
	case "KAFKA_MOUNTED_CONF_DIR", "KAFKA_CLUSTER_ID", "KAFKA_INITIAL_CONTROLLERS", "KAFKA_SKIP_KRAFT_STORAGE_INIT",
		"KAFKA_CFG_SASL_ENABLED_MECHANISMS", "KAFKA_CLIENT_LISTENER_NAME", "KAFKA_OPTS", "KAFKA_ZOOKEEPER_PROTOCOL",
		"KAFKA_ZOOKEEPER_PASSWORD", "KAFKA_ZOOKEEPER_USER", "KAFKA_ZOOKEEPER_TLS_KEYSTORE_PASSWORD",
		"KAFKA_ZOOKEEPER_TLS_TRUSTSTORE_PASSWORD", "KAFKA_ZOOKEEPER_TLS_TRUSTSTORE_FILE",
		"KAFKA_ZOOKEEPER_TLS_VERIFY_HOSTNAME", "KAFKA_ZOOKEEPER_TLS_TYPE", "KAFKA_INTER_BROKER_USER",
		"KAFKA_INTER_BROKER_PASSWORD", "KAFKA_CONTROLLER_USER", "KAFKA_CONTROLLER_PASSWORD",
		"KAFKA_CERTIFICATE_PASSWORD", "KAFKA_TLS_TRUSTSTORE_FILE", "KAFKA_TLS_TYPE", "KAFKA_TLS_CLIENT_AUTH",
		"KAFKA_CLIENT_USERS", "KAFKA_CLIENT_PASSWORDS", "KAFKA_HEAP_OPTS", "JAVA_TOOL_OPTIONS",
		"KAFKA_KRAFT_CLUSTER_ID":
		return true
	}
	return false
}

// bitnamiSetting reports whether name is one of bitnami's own image
// settings (kafka-env.sh, libkafka.sh, and the older images' switches).
// KAFKA_CFG_SASL_ENABLED_MECHANISMS is a property variable (only its _FILE
// form is a setting).
func bitnamiSetting(name string) bool {
	if bitnamiFileVar(name) && !strings.HasPrefix(name, "KAFKA_CFG_") {
		return true
	}
	if base, ok := strings.CutSuffix(name, "_FILE"); ok && bitnamiFileVar(base) {
		return true
	}
	switch name {
	case "BITNAMI_DEBUG", "ALLOW_PLAINTEXT_LISTENER", "BROKER_ID_COMMAND", "JMX_PORT",
		"KAFKA_ENABLE_KRAFT", "KAFKA_NODE_ID_COMMAND", "KAFKA_CONTROLLER_QUORUM_VOTERS_COMMAND",
		"KAFKA_BROKER_ID_COMMAND", "KAFKA_CLIENT_SASL_MECHANISM", "KAFKA_KRAFT_BOOTSTRAP_SCRAM_USERS",
		"KAFKA_ZOOKEEPER_BOOTSTRAP_SCRAM_USERS", "KAFKA_BROKER_USER", "KAFKA_BROKER_PASSWORD",
		"KAFKA_CLIENT_LISTENER", "KAFKA_JMX_OPTS", "KAFKA_LOG4J_OPTS", "KAFKA_JVM_PERFORMANCE_OPTS",
		"KAFKA_GC_LOG_OPTS", "KAFKA_DEBUG", "KAFKA_JMX_PORT":
		return true
	}
	// Per-listener client auth: KAFKA_TLS_<LISTENER>_CLIENT_AUTH.
	if strings.HasPrefix(name, "KAFKA_TLS_") && strings.HasSuffix(name, "_CLIENT_AUTH") {
		return true
	}
	return strings.HasPrefix(name, "KAFKA_ZOOKEEPER_TLS_")
}

func (tr *translator) bitnami() {
	// KAFKA_CFG_* first, then the aliases: an alias overwrites the
	// KAFKA_CFG_* variable it copies to, so it must come last.
	var aliases []model.Setting
	for _, v := range tr.env {
		name := v.Name
		switch {
		case tr.notShell(v):
		case strings.HasPrefix(name, "KAFKA_CFG_") && !bitnamiSetting(name):
			tr.property(v, bitnamiKey(name))
		case bitnamiSetting(name):
			tr.helper(v)
		case name == "KAFKA_CREATE_TOPICS" || name == "KAFKA_CREATE_TOPICS_SEPARATOR":
			tr.foreign(v, "")
		case !strings.HasPrefix(name, "KAFKA_"):
		default:
			if key, ok := bitnamiAlias(name); ok {
				aliases = append(aliases, setting(key, v))
				continue
			}
			suffix := name[len("KAFKA_"):]
			tr.ignore(v, fmt.Sprintf("bitnami only reads KAFKA_CFG_* and a fixed list of plain aliases, so %s is ignored; use KAFKA_CFG_%s",
				name, suffix), bitnamiKey(suffix), "")
		}
	}
	tr.t.Properties = append(tr.t.Properties, aliases...)
}

// ---- wurstmeister

func dotsKey(s string) string { return strings.ReplaceAll(strings.ToLower(s), "_", ".") }

func wurstmeisterExcluded(name string) bool {
	switch name {
	case "KAFKA_VERSION", "KAFKA_HOME", "KAFKA_DEBUG", "KAFKA_GC_LOG_OPTS", "KAFKA_HEAP_OPTS", "KAFKA_JMX_OPTS",
		"KAFKA_JVM_PERFORMANCE_OPTS", "KAFKA_LOG", "KAFKA_OPTS":
		return true
	}
	return false
}

func wurstmeisterHelper(name string) bool {
	switch name {
	case "HOSTNAME_COMMAND", "PORT_COMMAND", "BROKER_ID_COMMAND", "RACK_COMMAND", "CUSTOM_INIT_SCRIPT",
		"START_TIMEOUT", "JMX_PORT":
		return true
	}
	return strings.HasPrefix(name, "LOG4J_")
}

func (tr *translator) wurstmeister() {
	sep := ","
	if v, ok := tr.lookup("KAFKA_CREATE_TOPICS_SEPARATOR"); ok && !v.Unresolved {
		sep = v.Value
	}
	for _, v := range tr.env {
		name := v.Name
		switch {
		case tr.notShell(v):
		case name == "KAFKA_CREATE_TOPICS":
			tr.helper(v) // consumed by create-topics.sh and unset before the mapping
			tr.t.Topics = append(tr.t.Topics, parseTopics(v, sep)...)
		case wurstmeisterHelper(name):
			tr.helper(v)
		case !strings.HasPrefix(name, "KAFKA_"):
		case wurstmeisterExcluded(name):
			tr.helper(v)
		case name == "KAFKA_LOG4J_OPTS" || name == "KAFKA_JMX_PORT" || name == "KAFKA_CREATE_TOPICS_SEPARATOR":
			tr.leak(dotsKey(name[len("KAFKA_"):]), v)
		case tr.foreign(v, dotsKey(name[len("KAFKA_"):])):
		default:
			tr.property(v, dotsKey(name[len("KAFKA_"):]))
		}
	}
}

// ---- debezium

func debeziumHelper(name string) bool {
	switch name {
	case "CLUSTER_ID", "NODE_ROLE", "HEAP_OPTS", "HOST_NAME", "ADVERTISED_HOST_NAME", "PORT", "ADVERTISED_PORT",
		"CONTROLLER_PORT", "JMXPORT", "JMXHOST", "JMXAUTH", "JMXSSL", "LOG_LEVEL", "KAFKA_BROKER",
		// excluded from the mapping
		"KAFKA_VERSION", "KAFKA_HOME", "KAFKA_LOG4J_OPTS", "KAFKA_JMX_OPTS",
		// consumed (and unset) to build the listeners
		"KAFKA_HOST_NAME", "KAFKA_ADVERTISED_HOST_NAME", "KAFKA_PORT", "KAFKA_ADVERTISED_PORT":
		return true
	}
	return false
}

// debeziumKey is the entrypoint's sed "s/^KAFKA_(.*)=.*/\1/" applied to
// one word of `env` output: the greedy match runs to the last '=' of the
// value's first whitespace-separated word, so a value such as "a=b c"
// produces the key "<name>=a". Then lower-case and "_" -> ".".
func debeziumKey(v EnvVar) string {
	word := v.Value
	if i := strings.IndexAny(word, " \t\n"); i >= 0 {
		word = word[:i]
	}
	s := v.Name[len("KAFKA_"):]
	if i := strings.LastIndexByte(word, '='); i >= 0 && !v.Unresolved {
		s += "=" + word[:i]
	}
	return dotsKey(s)
}

func (tr *translator) debezium() {
	// NODE_ID (legacy BROKER_ID) becomes both node.id and broker.id.
	idVar, idSet := tr.lookup("NODE_ID")
	if !idSet || idVar.Value == "" {
		idVar, idSet = tr.lookup("BROKER_ID")
		idSet = idSet && idVar.Value != ""
	}
	bootstrapSet := tr.set("KAFKA_CONTROLLER_QUORUM_BOOTSTRAP_SERVERS")
	for _, v := range tr.env {
		name := v.Name
		switch {
		case tr.notShell(v):
		case name == "NODE_ID" || name == "BROKER_ID":
			if idSet && v == idVar {
				tr.prop("node.id", v)
				tr.prop("broker.id", v)
			} else {
				tr.helper(v)
			}
		case name == "CREATE_TOPICS":
			tr.helper(v)
			tr.t.Topics = append(tr.t.Topics, parseTopics(v, ",")...)
		case debeziumHelper(name):
			tr.helper(v)
		case !strings.HasPrefix(name, "KAFKA_"):
		case name == "KAFKA_HEAP_OPTS" || name == "KAFKA_JMX_PORT" || name == "KAFKA_DATA":
			tr.leak(debeziumKey(v), v)
		case name == "KAFKA_NODE_ID" || name == "KAFKA_BROKER_ID":
			tr.ignore(v, fmt.Sprintf("debezium/kafka overwrites %s from NODE_ID (default 1); set NODE_ID instead", name),
				dotsKey(name[len("KAFKA_"):]), "")
		case name == "KAFKA_LOG_DIRS":
			tr.ignore(v, "debezium/kafka overwrites KAFKA_LOG_DIRS with $KAFKA_DATA/<node id>; mount a volume at /kafka/data instead",
				"log.dirs", "")
		case name == "KAFKA_CONTROLLER_QUORUM_VOTERS" && !bootstrapSet && (v.Value != "" || v.Unresolved):
			// Converted to the first voter's host:port (entrypoint, for Kafka 4.1.1+).
			s := setting("controller.quorum.bootstrap.servers", v)
			if !v.Unresolved {
				s.Value = debeziumVotersToBootstrap(v.Value)
			}
			tr.t.Properties = append(tr.t.Properties, s)
		case tr.foreign(v, debeziumKey(v)):
		default:
			tr.property(v, debeziumKey(v))
		}
	}
}

// debeziumVotersToBootstrap is the entrypoint's
// sed 's/\[//g;s/\]//g' | sed 's/[0-9]*@//g' | cut -d',' -f1.
func debeziumVotersToBootstrap(voters string) string {
	s := strings.NewReplacer("[", "", "]", "").Replace(voters)
	var b strings.Builder
	for i := 0; i < len(s); {
		j := i
		for j < len(s) && s[j] >= '0' && s[j] <= '9' {
			j++
		}
		if j < len(s) && s[j] == '@' {
			i = j + 1
			continue
		}
		if j == i {
			b.WriteByte(s[i])
			i++
			continue
		}
		b.WriteString(s[i:j])
		i = j
	}
	first, _, _ := strings.Cut(b.String(), ",")
	return first
}

// parseTopics splits a wurstmeister/debezium topic list
// ("name:partitions:replicas[:cleanup.policy]", separated by any character
// of sep, default ","). A separator written as $'\n' (the wurstmeister
// README's multi-line form) means a newline.
func parseTopics(v EnvVar, sep string) []Topic {
	if v.Unresolved {
		return nil
	}
	switch sep {
	case "", ",":
		sep = ","
	case `$'\n'`, `\n`:
		sep = "\n"
	}
	var out []Topic
	for entry := range strings.FieldsFuncSeq(v.Value, func(r rune) bool { return strings.ContainsRune(sep, r) }) {
		entry = strings.TrimSpace(entry)
		if entry == "" {
			continue
		}
		fields := strings.Split(entry, ":")
		t := Topic{
			Name: strings.TrimSpace(fields[0]), Partitions: -1, ReplicationFactor: -1,
			Loc: v.Loc, Source: v.Name, Raw: entry,
		}
		if len(fields) > 1 {
			t.Partitions = atoiOr(fields[1], -1)
		}
		if len(fields) > 2 {
			t.ReplicationFactor = atoiOr(fields[2], -1)
		}
		if len(fields) > 3 {
			t.CleanupPolicy = strings.TrimSpace(fields[3])
		}
		out = append(out, t)
	}
	return out
}

func atoiOr(s string, def int) int {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil {
		return def
	}
	return n
}
