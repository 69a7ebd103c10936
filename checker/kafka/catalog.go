package kafka

import (
	_ "embed"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// The catalogs are the research notes' TSV files, copied verbatim under
// data/ (each starts with a provenance comment).
var (
	//go:embed data/kafka-broker-configs.tsv
	brokerTSV string
	//go:embed data/kafka-topic-configs.tsv
	topicTSV string
)

// Property is one broker or topic configuration key of the catalog
// (Kafka 3.9 documentation, plus keys removed before 3.9, internal keys 3.9
// accepts, and keys new in 4.0).
type Property struct {
	Name       string
	Scope      string // "broker" or "topic"
	Type       string // int, short, long, double, boolean, string, list, class, password
	Default    string // as Kafka 3.9 prints it; "null" = optional, no default; "" = none
	Importance string // high, medium, low
	Unit       string // ms, bytes, hours, replicas, ... ("" when not a quantity)
	// ValidValues is the catalog's valid_values text ("[1,...]",
	// "[compact, delete]", "-1 or [1,...]"); Check interprets it.
	ValidValues string
	UpdateMode  string // broker: read-only, per-broker, cluster-wide
	Mode        string // broker: both, zk-only, kraft-only, zk-to-kraft-migration
	// Since is the first release that documents the key, as the catalog
	// writes it: "3.0", or "<=0.9.0" for keys present in the oldest
	// documentation diffed; "" for internal keys.
	Since string
	// RemovedOrDeprecated is the catalog's free-text status
	// ("removed in 4.0 (ZooKeeper mode removed; ...)"); Removed and
	// Deprecated are parsed from it.
	RemovedOrDeprecated string
	Removed             string // release that removed the key ("3.0", "4.0"), "" if still accepted
	Deprecated          bool
	DeprecatedSince     string // "3.6"; "" when deprecated without a release, or not deprecated
	DefaultChanges      string // "2.5: 1000012 -> 1048588"
	Default40           string // the catalog's default_4_0 text, "" when unchanged; see DefaultIn
	// TopicSynonym (broker keys) is the topic config whose default this key
	// supplies ("retention.ms" for log.retention.hours), with TopicFactor the
	// multiplier from this key's unit to the topic key's (3600000); 1 when
	// the units agree, 0 when there is no topic synonym.
	TopicSynonym string
	TopicFactor  int64
	// BrokerSynonym (topic keys) is the broker key that supplies the
	// topic's default ("message.max.bytes" for max.message.bytes);
	// BrokerSynonyms lists every broker key that can, first set wins
	// ("log.retention.ms", "log.retention.minutes", "log.retention.hours").
	BrokerSynonym  string
	BrokerSynonyms []string
	Notes          string
}

// RemovedIn reports whether Kafka version v no longer accepts the key.
func (p Property) RemovedIn(v string) bool {
	return p.Removed != "" && v != "" && CompareVersions(v, p.Removed) >= 0
}

// DefaultIn returns the key's default in Kafka version v: the 4.0 default
// for v >= 4.0 where the catalog records a change, else Default.
func (p Property) DefaultIn(v string) string {
	if p.Default40 == "" || v == "" || CompareVersions(v, "4.0") < 0 || strings.HasPrefix(p.Default40, "unchanged") {
		return p.Default
	}
	d := p.Default40
	if i := strings.IndexAny(d, ";("); i >= 0 {
		d = d[:i]
	}
	return strings.TrimSpace(d)
}

// Catalog is the parsed broker and topic configuration catalog. It is
// immutable and safe for concurrent use.
type Catalog struct {
	broker      map[string]Property
	topic       map[string]Property
	brokerNames []string // sorted
	// For Suggest, parallel to brokerNames: lower-cased names and their
	// dot-separated words in sorted order.
	lowerNames []string
	wordKeys   []string
}

var loadCatalog = sync.OnceValues(func() (*Catalog, error) {
	return ParseCatalog(brokerTSV, topicTSV)
})

// LoadCatalog returns the embedded catalog, parsed on first use and shared
// afterwards.
func LoadCatalog() (*Catalog, error) { return loadCatalog() }

// Broker returns the broker key called name.
func (c *Catalog) Broker(name string) (Property, bool) {
	p, ok := c.broker[name]
	return p.clone(), ok
}

// Topic returns the topic key called name.
func (c *Catalog) Topic(name string) (Property, bool) {
	p, ok := c.topic[name]
	return p.clone(), ok
}

func (p Property) clone() Property {
	p.BrokerSynonyms = slices.Clone(p.BrokerSynonyms)
	return p
}

// BrokerNames returns every broker key of the catalog, sorted. It is a
// test seam: the false-positive tests set every key through every image.
func (c *Catalog) BrokerNames() []string { return slices.Clone(c.brokerNames) }

// BrokerSynonymOfTopic returns the broker key that supplies topic key
// topicKey's default: max.message.bytes -> message.max.bytes, retention.ms ->
// log.retention.ms, segment.bytes -> log.segment.bytes. It returns "" when
// topicKey is not a topic key or has no broker-level default.
func (c *Catalog) BrokerSynonymOfTopic(topicKey string) string {
	return c.topic[topicKey].BrokerSynonym
}

// KnownBroker reports whether a broker accepts name as a configuration key
// whatever the image: a catalog key, a per-listener override
// "listener.name.<listener>.<key>" or
// "listener.name.<listener>.<sasl mechanism>.<sasl key>" of a catalog key,
// or a key under the remote-storage plugin prefixes "rsm.config." and
// "rlmm.config.". It does not look at versions (see Property.Since and RemovedIn)
// nor at keys of the image's own server (see KnownBrokerOn).
func (c *Catalog) KnownBroker(name string) bool {
	if _, ok := c.broker[name]; ok {
		return true
	}
	for _, prefix := range [...]string{"rsm.config.", "rlmm.config."} {
		if rest, ok := strings.CutPrefix(name, prefix); ok && rest != "" {
			return true
		}
	}
	if configProviderKey(name) {
		return true
	}
	_, rest, ok := cutListenerName(name)
	if !ok {
		return false
	}
	if _, ok := c.broker[rest]; ok {
		return true
	}
	// <mechanism>.sasl.jaas.config, <mechanism>.sasl.login.callback.handler.class, ...
	mech, key, ok := strings.Cut(rest, ".")
	if !ok || mech == "" || !strings.HasPrefix(key, "sasl.") {
		return false
	}
	_, ok = c.broker[key]
	return ok
}

// configProviderKey is true for config.providers and the keys of the
// providers it names (config.providers.<name>.class,
// config.providers.<name>.param.<key>): every Kafka config, the broker's
// too, resolves ${provider:path:key} references through them
// (AbstractConfig.resolveConfigVariables, KIP-421), so they are read
// although no ConfigDef defines them.
func configProviderKey(name string) bool {
	if name == "config.providers" {
		return true
	}
	rest, ok := strings.CutPrefix(name, "config.providers.")
	if !ok {
		return false
	}
	provider, key, ok := strings.Cut(rest, ".")
	return ok && provider != "" && (key == "class" || strings.HasPrefix(key, "param.") && len(key) > len("param."))
}

// pluginKeys are broker settings that no ConfigDef of the broker itself
// defines but that a component it loads reads: the authorizer's (AclAuthorizer
// and StandardAuthorizer both read super.users and
// allow.everyone.if.no.acl.found).
var pluginKeys = map[string]bool{
	"super.users":                    true,
	"allow.everyone.if.no.acl.found": true,
}

// confluentServerPrefixes are the namespaces Confluent Server (cp-server,
// cp-enterprise-kafka) reads besides Kafka's own keys: the embedded REST
// proxy (kafka.rest.*) and the LDAP authorizer and metadata service
// (ldap.*); confluent.* (metrics reporter, telemetry, license, balancer)
// is accepted on every Confluent image.
var confluentServerPrefixes = []string{"kafka.rest.", "ldap."}

// KnownBrokerOn is KnownBroker for image img: the authorizer's own keys on
// every image, confluent.* on Confluent images (cp-kafka passes them
// through; Confluent Server acts on them), and Confluent Server's
// namespaces on Confluent Server, and on images recognised only from
// their environment, whose server is unknown (never a false alarm when it
// cannot be told).
func (c *Catalog) KnownBrokerOn(img Image, name string) bool {
	if c.KnownBroker(name) || pluginKeys[name] {
		return true
	}
	if img.Family != FamilyConfluent && img.Family != FamilyConfluentLocal {
		return false
	}
	if rest, ok := strings.CutPrefix(name, "confluent."); ok && rest != "" {
		return true
	}
	if !img.ConfluentServer() && !img.Heuristic && !strings.Contains(img.Repo, "cp-server") {
		return false
	}
	for _, prefix := range confluentServerPrefixes {
		if rest, ok := strings.CutPrefix(name, prefix); ok && rest != "" {
			return true
		}
	}
	return false
}

// cutListenerName splits "listener.name.<listener>.<rest>".
func cutListenerName(name string) (listener, rest string, ok bool) {
	s, ok := strings.CutPrefix(name, "listener.name.")
	if !ok {
		return "", "", false
	}
	listener, rest, ok = strings.Cut(s, ".")
	if !ok || listener == "" || rest == "" {
		return "", "", false
	}
	return listener, rest, true
}

// Suggest returns the catalog broker key closest to an unknown name, for a
// "did you mean" hint: the same dot-separated words in another order
// (max.message.bytes -> message.max.bytes), else the smallest edit distance
// within a small budget (replica.fetch.max.byes -> replica.fetch.max.bytes).
// Per-listener keys are matched on their tail. Keys still accepted win ties
// over removed ones. It returns "" for known names and when nothing is
// reasonably close.
func (c *Catalog) Suggest(name string) string {
	if name == "" || c.KnownBroker(name) {
		return ""
	}
	if l, rest, ok := cutListenerName(name); ok {
		if s := c.Suggest(rest); s != "" {
			return "listener.name." + l + "." + s
		}
		return ""
	}
	lower := strings.ToLower(name)
	words := sortedWords(lower)
	budget := min(3, max(1, len(name)/6))
	best, bestDist, bestRemoved := "", budget+1, true
	for i, cand := range c.brokerNames {
		lc := c.lowerNames[i]
		d := 0
		if lc != lower && c.wordKeys[i] != words {
			if diff := len(lc) - len(lower); diff > budget || -diff > budget {
				continue
			}
			d = levenshtein(lower, lc, budget)
		}
		if d > budget {
			continue
		}
		removed := c.broker[cand].Removed != ""
		if d < bestDist || (d == bestDist && bestRemoved && !removed) {
			best, bestDist, bestRemoved = cand, d, removed
		}
	}
	return best
}

func sortedWords(s string) string {
	w := strings.Split(s, ".")
	slices.Sort(w)
	return strings.Join(w, ".")
}

// levenshtein returns the edit distance of a and b, or limit+1 once it is
// certain to exceed limit.
func levenshtein(a, b string, limit int) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			rowMin = min(rowMin, cur[j])
		}
		if rowMin > limit {
			return limit + 1
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// IsClientProperty reports whether name is a producer, consumer, admin,
// Streams or Connect setting that brokers do not have (max.request.size,
// max.partition.fetch.bytes, acks, key.serializer, bootstrap.servers,
// group.id, auto.offset.reset, enable.auto.commit, ...). Keys that are also
// broker keys (compression.type, fetch.max.bytes, request.timeout.ms) are
// not client properties.
func IsClientProperty(name string) bool {
	switch name {
	// common client
	case "bootstrap.servers", "client.id", "client.dns.lookup", "client.rack", "security.protocol", "sasl.mechanism",
		"send.buffer.bytes", "receive.buffer.bytes", "reconnect.backoff.ms", "reconnect.backoff.max.ms",
		"retry.backoff.ms", "retry.backoff.max.ms", "metadata.max.age.ms", "metadata.recovery.strategy",
		"default.api.timeout.ms", "interceptor.classes",
		// producer
		"acks", "batch.size", "buffer.memory", "delivery.timeout.ms", "enable.idempotence", "key.serializer",
		"value.serializer", "linger.ms", "max.block.ms", "max.in.flight.requests.per.connection",
		"max.request.size", "partitioner.class", "partitioner.ignore.keys",
		"partitioner.adaptive.partitioning.enable", "partitioner.availability.timeout.ms", "retries",
		"transactional.id", "transaction.timeout.ms", "metadata.max.idle.ms",
		// consumer
		"allow.auto.create.topics", "auto.commit.interval.ms", "auto.offset.reset", "check.crcs",
		"enable.auto.commit", "exclude.internal.topics", "fetch.max.wait.ms", "fetch.min.bytes", "group.id",
		"group.instance.id", "group.protocol", "group.remote.assignor", "heartbeat.interval.ms",
		"isolation.level", "key.deserializer", "value.deserializer", "max.partition.fetch.bytes",
		"max.poll.interval.ms", "max.poll.records", "partition.assignment.strategy", "session.timeout.ms",
		// Streams
		"application.id", "num.stream.threads", "processing.guarantee", "state.dir", "commit.interval.ms",
		"cache.max.bytes.buffering", "statestore.cache.max.bytes", "default.key.serde", "default.value.serde",
		"replication.factor",
		// Connect and Schema Registry clients
		"key.converter", "value.converter", "offset.storage.topic", "config.storage.topic",
		"status.storage.topic", "plugin.path", "offset.flush.interval.ms", "schema.registry.url":
		return true
	}
	return false
}

// ---- parsing

// ParseCatalog parses broker and topic catalogs in the TSV format of
// data/*.tsv: '#' comment lines, a header line naming the columns, then one
// row per key. Columns are found by header name, so their order may change.
func ParseCatalog(brokerTSV, topicTSV string) (*Catalog, error) {
	c := &Catalog{broker: make(map[string]Property, 400), topic: make(map[string]Property, 50)}
	err := parseTSV(brokerTSV, []string{
		"name", "type", "default", "importance", "scope", "topic_name", "unit", "removed_or_deprecated",
		"valid_values", "update_mode", "mode", "since", "default_changes", "default_4_0", "notes",
	}, func(row func(string) string) error {
		p := Property{
			Name: row("name"), Scope: "broker", Type: row("type"), Default: row("default"),
			Importance: row("importance"), Unit: row("unit"), ValidValues: row("valid_values"),
			UpdateMode: row("update_mode"), Mode: row("mode"), Since: row("since"),
			RemovedOrDeprecated: row("removed_or_deprecated"), DefaultChanges: row("default_changes"),
			Default40: row("default_4_0"), Notes: row("notes"),
		}
		if syn := row("topic_name"); syn != "" {
			name, factor, err := synonymFactor(syn)
			if err != nil {
				return fmt.Errorf("%s: topic_name: %w", p.Name, err)
			}
			p.TopicSynonym, p.TopicFactor = name, factor
		}
		switch scope := row("scope"); scope {
		case "broker", "broker+topic":
		default:
			return fmt.Errorf("%s: unknown scope %q", p.Name, scope)
		}
		return c.add(c.broker, p)
	})
	if err != nil {
		return nil, fmt.Errorf("broker catalog: %w", err)
	}
	err = parseTSV(topicTSV, []string{
		"name", "type", "default", "valid_values", "importance", "broker_name", "broker_synonyms_precedence",
		"unit", "removed_or_deprecated", "since", "default_changes", "default_4_0", "notes",
	}, func(row func(string) string) error {
		p := Property{
			Name: row("name"), Scope: "topic", Type: row("type"), Default: row("default"),
			Importance: row("importance"), Unit: row("unit"), ValidValues: row("valid_values"),
			Since: row("since"), RemovedOrDeprecated: row("removed_or_deprecated"),
			DefaultChanges: row("default_changes"), Default40: row("default_4_0"), Notes: row("notes"),
			BrokerSynonym: row("broker_name"),
		}
		for s := range strings.SplitSeq(row("broker_synonyms_precedence"), ">") {
			if name, _, err := synonymFactor(strings.TrimSpace(s)); err != nil {
				return fmt.Errorf("%s: broker_synonyms_precedence: %w", p.Name, err)
			} else if name != "" {
				p.BrokerSynonyms = append(p.BrokerSynonyms, name)
			}
		}
		return c.add(c.topic, p)
	})
	if err != nil {
		return nil, fmt.Errorf("topic catalog: %w", err)
	}
	for n := range c.broker {
		c.brokerNames = append(c.brokerNames, n)
	}
	slices.Sort(c.brokerNames)
	for _, n := range c.brokerNames {
		l := strings.ToLower(n)
		c.lowerNames = append(c.lowerNames, l)
		c.wordKeys = append(c.wordKeys, sortedWords(l))
	}
	return c, nil
}

func (c *Catalog) add(m map[string]Property, p Property) error {
	if p.Name == "" {
		return fmt.Errorf("row without a name")
	}
	if _, dup := m[p.Name]; dup {
		return fmt.Errorf("%s: duplicate row", p.Name)
	}
	switch p.Type {
	case "int", "short", "long", "double", "boolean", "string", "list", "class", "password":
	default:
		return fmt.Errorf("%s: unknown type %q", p.Name, p.Type)
	}
	p.Removed, p.Deprecated, p.DeprecatedSince = parseStatus(p.RemovedOrDeprecated)
	m[p.Name] = p
	return nil
}

// synonymFactor splits "retention.ms (x3600000)" into the key and factor.
func synonymFactor(s string) (string, int64, error) {
	name, rest, ok := strings.Cut(s, " (x")
	if !ok {
		return strings.TrimSpace(s), 1, nil
	}
	f, err := strconv.ParseInt(strings.TrimSuffix(rest, ")"), 10, 64)
	if err != nil || f <= 0 {
		return "", 0, fmt.Errorf("bad conversion factor in %q", s)
	}
	return strings.TrimSpace(name), f, nil
}

// parseStatus reads the removed_or_deprecated text: "removed in X.Y",
// "not accepted by X.Y", "deprecated in X.Y", "deprecated since X.Y" and a
// bare "deprecated".
func parseStatus(s string) (removed string, deprecated bool, deprecatedSince string) {
	removed = versionAfter(s, "removed in ")
	if removed == "" {
		removed = versionAfter(s, "not accepted by ")
	}
	if i := strings.Index(s, "deprecated"); i >= 0 {
		deprecated = true
		deprecatedSince = versionAfter(s[i:], "deprecated in ")
		if deprecatedSince == "" {
			deprecatedSince = versionAfter(s[i:], "deprecated since ")
		}
	}
	return removed, deprecated, deprecatedSince
}

// versionAfter returns the X.Y that follows marker in s, or "".
func versionAfter(s, marker string) string {
	i := strings.Index(s, marker)
	if i < 0 {
		return ""
	}
	major, minor, ok := leadingMajorMinor(s[i+len(marker):])
	if !ok {
		return ""
	}
	return strconv.Itoa(major) + "." + strconv.Itoa(minor)
}

// parseTSV calls fn for each data row of a catalog TSV with an accessor by
// column name. want lists the columns that must be present.
func parseTSV(data string, want []string, fn func(row func(string) string) error) error {
	var cols map[string]int
	line := 0
	for text := range strings.Lines(data) {
		line++
		text = strings.TrimRight(text, "\r\n")
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		fields := strings.Split(text, "\t")
		if cols == nil {
			cols = make(map[string]int, len(fields))
			for i, f := range fields {
				cols[f] = i
			}
			for _, w := range want {
				if _, ok := cols[w]; !ok {
					return fmt.Errorf("line %d: header lacks column %q", line, w)
				}
			}
			continue
		}
		if len(fields) > len(cols) {
			return fmt.Errorf("line %d: %d fields, header has %d", line, len(fields), len(cols))
		}
		row := func(col string) string {
			i, ok := cols[col]
			if !ok || i >= len(fields) {
				return ""
			}
			return strings.TrimSpace(fields[i])
		}
		if err := fn(row); err != nil {
			return fmt.Errorf("line %d: %w", line, err)
		}
	}
	if cols == nil {
		return fmt.Errorf("no header line")
	}
	return nil
}
