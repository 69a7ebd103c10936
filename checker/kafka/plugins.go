package kafka

import (
	"strings"
	"unicode"
)

// PluginClasses returns the classes a broker's settings load that are not
// Kafka's own (org.apache.kafka.*, kafka.*): its authorizer, principal
// builder, SASL callback handlers, metric reporters, policies and other
// pluggable classes. Kafka hands such a plugin the broker's whole
// configuration (the authorizer's configure gets config.originals), so the
// plugin may read keys no ConfigDef of the broker defines: OPA's
// OpaAuthorizer reads opa.authorizer.url, Strimzi's KeycloakAuthorizer
// strimzi.authorization.*.
func PluginClasses(settings map[string]string) []string {
	var out []string
	for key, value := range settings {
		if !pluginClassKey(key) {
			continue
		}
		for _, class := range strings.Split(value, ",") {
			class = strings.TrimSpace(class)
			if class == "" || strings.HasPrefix(class, "org.apache.kafka.") || strings.HasPrefix(class, "kafka.") {
				continue
			}
			out = append(out, class)
		}
	}
	return out
}

// pluginClassKey reports whether a broker key names classes to load:
// *.class, *.class.name (listener-prefixed ones included) and the metric
// reporter lists.
func pluginClassKey(key string) bool {
	return strings.HasSuffix(key, ".class") || strings.HasSuffix(key, ".class.name") ||
		key == "metric.reporters" || key == "kafka.metrics.reporters"
}

// PluginReading returns the plugin class among classes that plausibly
// reads key, a key the broker itself does not define, or "": the key's
// first dotted segment is a word of the class's name (a package segment,
// or a word of its CamelCase simple name: opa.authorizer.url and
// org.openpolicyagent.kafka.OpaAuthorizer) and not a namespace of Kafka's
// own keys, so that a misspelt log.* or num.* key stays unknown whatever
// plugin the broker loads.
func (c *Catalog) PluginReading(key string, classes []string) string {
	first, _, ok := strings.Cut(key, ".")
	if !ok || first == "" {
		return ""
	}
	first = strings.ToLower(first)
	if c.kafkaNamespace(first) {
		return ""
	}
	for _, class := range classes {
		for _, w := range classWords(class) {
			if w == first {
				return class
			}
		}
	}
	return ""
}

// kafkaNamespace reports whether segment is the first segment of a key of
// the catalog (log, num, replica, sasl, ...).
func (c *Catalog) kafkaNamespace(segment string) bool {
	for _, n := range c.brokerNames {
		if first, _, _ := strings.Cut(n, "."); first == segment {
			return true
		}
	}
	return false
}

// classWords are the lower-cased words of a class name: its package
// segments and the words of its CamelCase simple name
// (org.openpolicyagent.kafka.OpaAuthorizer: org, openpolicyagent, kafka,
// opa, authorizer).
func classWords(class string) []string {
	parts := strings.Split(class, ".")
	words := make([]string, 0, len(parts)+2)
	for _, p := range parts[:len(parts)-1] {
		words = append(words, strings.ToLower(p))
	}
	var cur []rune
	for _, r := range parts[len(parts)-1] {
		if unicode.IsUpper(r) && len(cur) > 0 && !unicode.IsUpper(cur[len(cur)-1]) {
			words = append(words, strings.ToLower(string(cur)))
			cur = cur[:0]
		}
		cur = append(cur, r)
	}
	if len(cur) > 0 {
		words = append(words, strings.ToLower(string(cur)))
	}
	return words
}
