package kafka

import (
	"strings"

	"github.com/streamlint/streamlint/checker/model"
)

// ListenerKeys are the broker settings whose value is a list of
// NAME://host:port listeners.
var listenerKeys = map[string]bool{"listeners": true, "advertised.listeners": true}

// IsListenerKey reports whether a broker setting holds a listener list.
func IsListenerKey(key string) bool { return listenerKeys[key] }

// ParseListeners parses a listeners or advertised.listeners value: one
// model.Listener per comma-separated NAME://host:port item. The name is
// upper-cased as Kafka normalises it (ListenerName.normalised); the host is
// "" when left out ("PLAINTEXT://:9092") and keeps the brackets of an IPv6
// literal; the port is "" when there is none. Items that are not of the
// NAME://host:port form are left out.
func ParseListeners(value string) []model.Listener {
	var out []model.Listener
	for _, part := range strings.Split(value, ",") {
		t := strings.TrimSpace(part)
		if t == "" || strings.Count(t, "://") != 1 {
			continue
		}
		name, hp, _ := strings.Cut(t, "://")
		l := model.Listener{Name: strings.ToUpper(name), Host: hp, Text: t}
		if i := strings.LastIndex(hp, ":"); i >= 0 {
			l.Host, l.Port = hp[:i], hp[i+1:]
		}
		out = append(out, l)
	}
	return out
}
