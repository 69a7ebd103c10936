package kafka

import (
	"fmt"
	"strings"
)

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
		case name == "ZOOKEEPER_CONNECT":
			// exported as KAFKA_ZOOKEEPER_CONNECT by the entrypoint
			tr.prop("zookeeper.connect", v)
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
