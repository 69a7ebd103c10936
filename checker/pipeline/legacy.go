// What a Kafka before 3.0 derives: advertised.listeners from
// advertised.host.name and advertised.port (else host.name and port), and
// listeners from port.

package pipeline

import (
	"strings"

	"github.com/streamlint/streamlint/checker/kafka"
	"github.com/streamlint/streamlint/checker/model"
)

// deriveLegacyListeners fills in, for Kafka before 3.0, the listeners the
// broker derives from the old settings when the new ones are unset:
// listeners from host.name and port (PLAINTEXT://host.name:port), and
// advertised.listeners from advertised.host.name and advertised.port
// (falling back to host.name and port), else from listeners. That is
// what wurstmeister's KAFKA_ADVERTISED_HOST_NAME sets. On Kafka 3.0 and
// later (or an unknown version) the old settings do nothing and nothing is
// derived.
func (s *assembly) deriveLegacyListeners(config map[string]model.Value, version string) {
	if version == "" || kafka.CompareVersions(version, "3.0") >= 0 {
		return
	}
	set := func(key string) (model.Value, bool) {
		v, ok := config[key]
		return v, ok && !v.Unresolved && v.Source != model.SourceDefault && strings.TrimSpace(v.Value) != ""
	}
	unset := func(key string) bool {
		v, ok := config[key]
		return !ok || v.Source == model.SourceDefault || strings.TrimSpace(v.Value) == ""
	}
	if unset("listeners") {
		host, hostOK := set("host.name")
		port, portOK := set("port")
		if hostOK || portOK {
			p := "9092"
			if portOK {
				p = port.Value
			}
			from, loc := legacyFrom([]string{"host.name", "port"}, []model.Value{host, port}, []bool{hostOK, portOK})
			config["listeners"] = s.derived("listeners", "PLAINTEXT://"+host.Value+":"+p, from+", as Kafka before 3.0 derives listeners", loc)
		}
	}
	if !unset("advertised.listeners") {
		return
	}
	ahost, ahostOK := set("advertised.host.name")
	aport, aportOK := set("advertised.port")
	if !ahostOK && !aportOK {
		// Kafka advertises the listeners themselves
		if l := config["listeners"]; l.Source == model.SourceDerived {
			config["advertised.listeners"] = s.derived("advertised.listeners", l.Value, l.Derived+", then advertised as they are", l.Loc)
		}
		return
	}
	host, hostOK := ahost, ahostOK
	if !hostOK {
		host, hostOK = set("host.name")
	}
	port, portOK := aport, aportOK
	if !portOK {
		port, portOK = set("port")
	}
	p := "9092"
	if portOK {
		p = port.Value
	}
	from, loc := legacyFrom([]string{hostKey(ahostOK), portKey(aportOK)}, []model.Value{host, port}, []bool{hostOK, portOK})
	config["advertised.listeners"] = s.derived("advertised.listeners", "PLAINTEXT://"+host.Value+":"+p, from+", as Kafka before 3.0 derives advertised.listeners", loc)
}

func hostKey(advertised bool) string {
	if advertised {
		return "advertised.host.name"
	}
	return "host.name"
}

func portKey(advertised bool) string {
	if advertised {
		return "advertised.port"
	}
	return "port"
}

// legacyFrom describes the settings a derived value comes from and where
// the first of them is written.
func legacyFrom(keys []string, values []model.Value, ok []bool) (string, *model.Location) {
	var parts []string
	var loc *model.Location
	for i, k := range keys {
		if !ok[i] {
			continue
		}
		parts = append(parts, k+"="+values[i].Value)
		if loc == nil && values[i].Loc != nil {
			loc = values[i].Loc
		}
	}
	return strings.Join(parts, " and "), loc
}

// derived is a value Kafka derives from other settings.
func (s *assembly) derived(key, value, from string, loc *model.Location) model.Value {
	v := s.kafkaValue(key, model.Setting{Key: key, Value: value, Source: model.SourceDerived}, false)
	v.Loc, v.Derived = loc, from
	return v
}
