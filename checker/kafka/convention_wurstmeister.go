package kafka

import (
	"strconv"
	"strings"
)

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
