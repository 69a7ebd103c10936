package kafka

import (
	"fmt"
	"slices"
	"strings"

	"github.com/streamlint/streamlint/checker/model"
)

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

// bitnamiSettings are bitnami's own image settings (kafka-env.sh,
// libkafka.sh, the older images' switches); bitnamiSetting also accepts
// their _FILE forms.
var bitnamiSettings = []string{"BITNAMI_DEBUG", "ALLOW_PLAINTEXT_LISTENER", "BROKER_ID_COMMAND", "JMX_PORT",
	"KAFKA_ENABLE_KRAFT", "KAFKA_NODE_ID_COMMAND", "KAFKA_CONTROLLER_QUORUM_VOTERS_COMMAND",
	"KAFKA_BROKER_ID_COMMAND", "KAFKA_CLIENT_SASL_MECHANISM", "KAFKA_KRAFT_BOOTSTRAP_SCRAM_USERS",
	"KAFKA_ZOOKEEPER_BOOTSTRAP_SCRAM_USERS", "KAFKA_BROKER_USER", "KAFKA_BROKER_PASSWORD",
	"KAFKA_CLIENT_LISTENER", "KAFKA_JMX_OPTS", "KAFKA_LOG4J_OPTS", "KAFKA_JVM_PERFORMANCE_OPTS",
	"KAFKA_GC_LOG_OPTS", "KAFKA_DEBUG", "KAFKA_JMX_PORT"}

// nearBitnamiSetting returns the bitnami setting that name is the plural
// or singular of (KAFKA_CLIENT_SASL_MECHANISM for
// KAFKA_CLIENT_SASL_MECHANISMS), "" when there is none.
func nearBitnamiSetting(name string) string {
	for _, s := range bitnamiSettings {
		if name == s+"S" || name+"S" == s {
			return s
		}
	}
	return ""
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
	if slices.Contains(bitnamiSettings, name) {
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
			reason := fmt.Sprintf("bitnami only reads KAFKA_CFG_* and a fixed list of plain aliases, so %s is ignored", name)
			if near := nearBitnamiSetting(name); near != "" {
				reason += fmt.Sprintf("; did you mean %s, one of bitnami's own settings?", near)
				tr.ignore(v, reason, "", "")
				continue
			}
			if strings.HasSuffix(name, "_OPTS") {
				reason += "; the JVM takes its options from KAFKA_OPTS, KAFKA_HEAP_OPTS and KAFKA_JVM_PERFORMANCE_OPTS (kafka-run-class.sh)"
				tr.ignore(v, reason, "", "")
				continue
			}
			tr.t.Ignored = append(tr.t.Ignored, Ignored{Var: v.Name, Value: v.Value, Loc: v.Loc, Reason: reason,
				WouldBe: bitnamiKey(suffix), Instead: "KAFKA_CFG_" + suffix})
		}
	}
	tr.t.Properties = append(tr.t.Properties, aliases...)
}
