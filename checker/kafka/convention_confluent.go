package kafka

import (
	"fmt"
	"strings"
)

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
