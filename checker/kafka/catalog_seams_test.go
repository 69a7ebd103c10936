package kafka

import (
	"slices"
	"strings"
)

// Helpers over the catalog's internals for the package's tests.
// mustLoadCatalog is LoadCatalog for tests.
func mustLoadCatalog() *Catalog {
	c, err := LoadCatalog()
	if err != nil {
		panic(err)
	}
	return c
}

// topicNames returns every topic key of the catalog, sorted.
func topicNames(c *Catalog) []string {
	names := make([]string, 0, len(c.topic))
	for n := range c.topic {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

// topicSynonymOfBroker returns the topic key whose default broker key
// brokerKey supplies (log.retention.hours -> retention.ms), or "".
func topicSynonymOfBroker(c *Catalog, brokerKey string) string {
	return c.broker[brokerKey].TopicSynonym
}

// topicOnly reports whether name is a topic-level key that is not also a
// broker key (max.message.bytes, retention.ms, cleanup.policy, ...): set in
// a broker's configuration, the broker ignores it. Keys valid at both
// levels (min.insync.replicas, compression.type) are not topic-only.
func topicOnly(c *Catalog, name string) bool {
	_, isTopic := c.topic[name]
	_, isBroker := c.broker[name]
	return isTopic && !isBroker
}

// availableIn reports whether Kafka version v ("3.5") accepts the key: it
// exists by then and has not been removed. An unknown v ("") accepts every
// key that any release accepted.
func availableIn(p Property, v string) bool {
	if v == "" {
		return true
	}
	if p.RemovedIn(v) {
		return false
	}
	since := strings.TrimPrefix(p.Since, "<=")
	return since == "" || strings.HasPrefix(p.Since, "<=") || CompareVersions(v, since) >= 0
}
