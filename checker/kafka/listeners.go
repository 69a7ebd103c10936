package kafka

import (
	"regexp"
	"strconv"
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

// voterRe is one controller.quorum.voters entry: id@host:port, the host
// in brackets for an IPv6 literal.
var voterRe = regexp.MustCompile(`^\s*(\d+)@\[?([^\]]+?)\]?:(\d+)\s*$`)

// ParseVoters parses controller.quorum.voters (id@host:port,...) as
// QuorumConfig does: one model.Voter per entry, its id the node.id of the
// controller at that address. Entries that are not of that form, or whose
// id is no int, are left out (Kafka refuses to start on them).
func ParseVoters(value string) []model.Voter {
	var out []model.Voter
	for _, part := range strings.Split(value, ",") {
		m := voterRe.FindStringSubmatch(part)
		if m == nil {
			continue
		}
		id, err := strconv.ParseInt(m[1], 10, 32)
		if err != nil {
			continue
		}
		out = append(out, model.Voter{ID: int(id), Host: m[2], Port: m[3], Text: strings.TrimSpace(part)})
	}
	return out
}
