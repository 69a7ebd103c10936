package spark

import (
	"cmp"
	_ "embed"
	"fmt"
	"slices"
	"strings"
	"sync"
)

// The catalog of Spark 4.1.1 configuration keys and Kafka source options
// (a verbatim copy of catalogs/spark-configs.tsv), and keys known never to
// have existed that public code uses anyway.
var (
	//go:embed data/spark-configs.tsv
	catalogTSV string
	//go:embed data/spark-extra.tsv
	extraTSV string
)

// Key is one Spark configuration key of the catalog.
type Key struct {
	Name string
	// Type is int, long, double, boolean, string, time or bytes.
	Type string
	// Default as the catalog writes it: a Spark-parsable value ("1g",
	// "200ms", "true", "" for an empty string), or <none>, <alias>,
	// <fallback:KEY> or <dynamic:...>.
	Default string
	// DefaultUnit is the unit of a bare number for time and bytes keys
	// (ns, us, ms, s, min, B, KiB, MiB); "" otherwise.
	DefaultUnit string
	// Since is the Spark version that added the key ("?" marks a guess).
	Since string
	// AppliesTo is core, dstream, structured-streaming, sql or none.
	AppliesTo string
	// Internal keys are .internal() in Spark: real, but undocumented.
	Internal bool
	// Static SQL confs cannot be changed at runtime with spark.conf.set.
	Static bool

	// Deprecated keys still work but log a warning; Removed keys are
	// ignored (or, for removed SQL confs, fail when set to a non-default
	// value: ErrorsIfSet); NeverExisted keys were never read by any Spark.
	Deprecated, Removed, NeverExisted, ErrorsIfSet bool
	// DStreamDeprecated marks the keys of the DStream API, deprecated as a
	// whole since Spark 3.4.0; the keys themselves are still read.
	DStreamDeprecated bool
	// AliasOf is the current name of an old name that Spark still reads
	// when the current name is unset.
	AliasOf string
	// Replacement is the key (or Kafka source option) to use instead, when
	// the catalog names one.
	Replacement string
	// Hint is the catalog's explanation of a deprecated, removed or
	// never-existing key.
	Hint string
	// Notes and Source are the catalog's notes and the Spark source file.
	Notes, Source string
}

// SourceOption is an option of the Kafka source and sink of Structured
// Streaming (kafka-0-10-sql). Option names are case-insensitive.
type SourceOption struct {
	// Name is the option's canonical spelling (for kafka.* options not in
	// the catalog, the name as asked).
	Name        string
	Type        string // int, long, boolean, string, time
	Default     string
	DefaultUnit string
	Since       string
	// PassThrough options (kafka.*) go to the Kafka client, prefix removed.
	PassThrough bool
	// RejectedOnSource and RejectedOnSink options make the query fail
	// with IllegalArgumentException.
	RejectedOnSource, RejectedOnSink bool
	// BatchOnly options are for batch queries (a streaming query rejects
	// or ignores them); SinkOnly options are for writes.
	BatchOnly, SinkOnly bool
	// Warns marks options Spark accepts with a warning (kafka.group.id).
	Warns bool
	Notes string
}

// Catalog holds the Spark configuration catalog. It is read-only and safe
// for concurrent use. Loading only indexes the rows; a key's row is decoded
// when it is looked up.
type Catalog struct {
	rows  map[string]string // key name -> its catalog row
	names []string          // names Suggest may return, in file order
	// the first segments after "spark." of every key (executor, sql,
	// streaming, ...): the namespaces Spark itself uses
	namespaces map[string]bool
	options    map[string]SourceOption
	kafkaKV    SourceOption // the kafka.* row
}

// LoadCatalog returns the embedded catalog, parsed on first use and shared
// by every caller of the process.
func LoadCatalog() (*Catalog, error) { return loadCatalog() }

var loadCatalog = sync.OnceValues(func() (*Catalog, error) {
	return parseCatalog(catalogTSV, extraTSV)
})

// catalogColumns is the number of tab-separated columns of a catalog row.
const catalogColumns = 10

// splitRow splits a catalog row, which add has checked, into its columns.
func splitRow(row string) (f [catalogColumns]string) {
	rest := row
	for i := range catalogColumns - 1 {
		f[i], rest, _ = strings.Cut(rest, "\t")
	}
	f[catalogColumns-1] = strings.TrimSuffix(rest, "\r")
	return f
}

// parseCatalog reads catalog files in the spark-configs.tsv format; rows of
// later files add to (and may not repeat) those of earlier ones.
func parseCatalog(files ...string) (*Catalog, error) {
	c := &Catalog{
		rows:       make(map[string]string, 1500),
		names:      make([]string, 0, 1500),
		namespaces: make(map[string]bool, 100),
		options:    make(map[string]SourceOption, 40),
	}
	for n, data := range files {
		line := 0
		for row := range strings.SplitSeq(data, "\n") {
			line++
			if row == "" || row[0] == '#' || strings.HasPrefix(row, "name\t") {
				continue
			}
			if err := c.add(row); err != nil {
				return nil, fmt.Errorf("spark catalog file %d line %d: %w", n+1, line, err)
			}
		}
	}
	return c, nil
}

// add indexes one row. Only Kafka option rows are decoded now; a key row is
// checked for its column count and status, and decoded by Lookup.
func (c *Catalog) add(row string) error {
	// one pass over the row: find its tabs
	var tabs [catalogColumns - 1]int
	n := 0
	for i := 0; i < len(row); i++ {
		if row[i] == '\t' {
			if n == len(tabs) {
				n++
				break
			}
			tabs[n] = i
			n++
		}
	}
	if n != len(tabs) {
		return fmt.Errorf("want %d tab-separated columns", catalogColumns)
	}
	name := row[:tabs[0]]
	appliesTo, status := row[tabs[3]+1:tabs[4]], row[tabs[4]+1:tabs[5]]
	if name == "" {
		return fmt.Errorf("empty key name")
	}
	if appliesTo == "kafka-source-option" {
		return c.addOption(splitRow(row))
	}
	if _, dup := c.rows[name]; dup {
		return fmt.Errorf("key %s listed twice", name)
	}
	switch {
	case status == "", strings.HasPrefix(status, "DStream API deprecated"):
		c.names = append(c.names, name)
	case strings.HasPrefix(status, "never-existed"), strings.HasPrefix(status, "removed"),
		strings.HasPrefix(status, "deprecated"), strings.HasPrefix(status, "alias of"):
	default:
		return fmt.Errorf("key %s: unknown status %q", name, status)
	}
	c.rows[name] = row
	if ns, ok := namespaceOf(name); ok {
		c.namespaces[ns] = true
	}
	return nil
}

// namespaceOf returns the first segment after "spark." of a key with at
// least two more segments: "redis" for spark.redis.host, nothing for
// spark.master.
func namespaceOf(key string) (string, bool) {
	rest, ok := strings.CutPrefix(key, "spark.")
	if !ok {
		return "", false
	}
	ns, tail, ok := strings.Cut(rest, ".")
	return ns, ok && ns != "" && tail != ""
}

// IsLibraryKey reports whether key (spark.<lib>.<key>) lies in a
// namespace that Spark itself never uses and that is not a misspelling
// of one: a library's own key, which the library reads from the Spark
// configuration (spark-redis reads spark.redis.host, XGBoost, Sedona and
// many connectors do the same). Spark cannot say whether such a key is
// read, so a linter cannot either. spark.exector.memory is no library
// key: "exector" is one edit from "executor".
func (c *Catalog) IsLibraryKey(key string) bool {
	ns, ok := namespaceOf(key)
	if !ok || c.namespaces[ns] {
		return false
	}
	limit := 1
	if len(ns) > 8 {
		limit = 2
	}
	var buf [3][]int
	for known := range c.namespaces {
		if osaDistance(ns, known, limit, &buf) <= limit {
			return false
		}
	}
	return true
}

func (c *Catalog) addOption(f [catalogColumns]string) error {
	name, status, notes := f[0], f[5], f[8]
	o := SourceOption{
		Name: name, Type: f[1], Default: f[2], Since: f[3], DefaultUnit: f[6], Notes: notes,
		PassThrough: strings.HasPrefix(name, "kafka."),
		BatchOnly:   strings.Contains(notes, "batch only") || strings.Contains(notes, "batch queries only"),
		SinkOnly:    strings.HasPrefix(notes, "sink option"),
		Warns:       strings.Contains(notes, "logs a warning"),
	}
	if status == "rejected-by-source" {
		if strings.Contains(notes, "(sink)") {
			o.RejectedOnSink = true
		} else {
			o.RejectedOnSource = true
		}
	}
	if name == "kafka.*" {
		c.kafkaKV = o
		return nil
	}
	lower := strings.ToLower(name)
	if _, dup := c.options[lower]; dup {
		return fmt.Errorf("kafka option %s listed twice", name)
	}
	c.options[lower] = o
	return nil
}

// decodeKey builds the Key of a row that add accepted.
func decodeKey(row string) Key {
	f := splitRow(row)
	status, notes := f[5], f[8]
	k := Key{
		Name: f[0], Type: f[1], Default: f[2], Since: f[3], AppliesTo: f[4], DefaultUnit: f[6],
		Internal: f[7] == "true", Notes: notes, Source: f[9],
		Static: strings.Contains(notes, "static SQL conf"),
	}
	switch {
	case strings.HasPrefix(status, "DStream API deprecated"):
		k.DStreamDeprecated = true
	case strings.HasPrefix(status, "never-existed"):
		k.NeverExisted = true
		k.Hint = strings.TrimSpace(strings.TrimPrefix(status, "never-existed:"))
	case strings.HasPrefix(status, "removed"):
		k.Removed = true
		k.ErrorsIfSet = strings.Contains(status, "non-default value raises an error")
		k.Hint = status
	case strings.HasPrefix(status, "deprecated"):
		k.Deprecated = true
		k.Hint = status
	case strings.HasPrefix(status, "alias of"):
		k.Hint = status
	}
	if alias, ok := keyAfter(status, "alias of "); ok {
		k.AliasOf = alias
	}
	k.Replacement = replacement(status)
	return k
}

// replacement finds the key a status text points to ("use X", "replaced by
// X", "alias of X", "misspelling of X", "the setting is X", "option X",
// "set X=... instead").
func replacement(status string) string {
	best, bestAt := "", len(status)+1
	for _, marker := range [...]string{"replaced by ", "alias of ", "use ", "misspelling of ", "the setting is ", "option ", "set "} {
		i := strings.Index(status, marker)
		if i < 0 || i >= bestAt {
			continue
		}
		if k, ok := keyAfter(status[i:], marker); ok {
			best, bestAt = k, i
		}
	}
	return best
}

// keyAfter returns the configuration-key-like word that follows marker in
// s: it must contain a dot and no parenthesis; "=value" is cut off.
func keyAfter(s, marker string) (string, bool) {
	i := strings.Index(s, marker)
	if i < 0 {
		return "", false
	}
	w := s[i+len(marker):]
	if j := strings.IndexAny(w, " ;,"); j >= 0 {
		w = w[:j]
	}
	w, _, _ = strings.Cut(w, "=")
	w = strings.TrimRight(w, ").")
	if !strings.Contains(w, ".") || strings.ContainsAny(w, "()\"") {
		return "", false
	}
	return w, true
}

// Lookup returns the catalog entry of a Spark configuration key (matched
// case-sensitively, as SparkConf does). Old alias names, deprecated,
// removed and never-existing keys are found too; check their flags.
func (c *Catalog) Lookup(name string) (Key, bool) {
	row, ok := c.rows[name]
	if !ok {
		return Key{}, false
	}
	return decodeKey(row), true
}

// Keys returns every configuration key of the catalog, in no set order.
// It is a test seam: the false-positive tests set every key.
func (c *Catalog) Keys() []Key {
	out := make([]Key, 0, len(c.rows))
	for _, row := range c.rows {
		out = append(out, decodeKey(row))
	}
	return out
}

// IsDynamic reports whether name lies in a namespace whose keys the
// catalog cannot list: Spark's dynamic namespaces (spark.hadoop.,
// spark.executorEnv., spark.sql.catalog., spark.{driver,executor,task}.resource.,
// spark.metrics.conf., ...), the resource managers (spark.kubernetes.,
// spark.yarn., spark.mesos.), prefix-read families
// (spark.sql.streaming.stateStore.rocksdb., spark.kafka.clusters.) and
// known third-party connectors (spark.cassandra., spark.mongodb., spark.es.,
// spark.databricks., spark.delta., spark.sql.gravitino., ...), and the
// keys Amazon EMR's Spark build adds to its namespaces
// (spark.sql.parquet.fs.optimized.committer.optimization-enabled, ...).
func (c *Catalog) IsDynamic(name string) bool {
	for _, p := range [...]string{
		// Spark's own dynamic namespaces
		"spark.hadoop.", "spark.hive.", "spark.executorEnv.", "spark.sql.catalog.",
		"spark.driver.resource.", "spark.executor.resource.", "spark.task.resource.",
		"spark.metrics.conf.", "spark.ssl.", "spark.kafka.clusters.",
		"spark.sql.streaming.stateStore.rocksdb.",
		// resource managers, not in the catalog; spark.executor.uri is
		// the Mesos backend's (deploy/mesos/config.scala EXECUTOR_URI)
		"spark.kubernetes.", "spark.yarn.", "spark.mesos.", "spark.executor.uri",
		// third-party connectors and platforms
		"spark.cassandra.", "spark.mongodb.", "spark.es.", "spark.databricks.", "spark.delta.",
		"spark.sql.iceberg.", "spark.openlineage.", "spark.neo4j.", "spark.snowflake.",
		"spark.synapse.", "spark.rapids.",
		// Amazon EMR's Spark build: the keys of its spark-defaults.conf
		// (EMRFS S3-optimized committer, node decommissioning, session
		// extensions) that sit in Spark's own namespaces
		"spark.sql.emr.", "spark.blacklist.decommissioning.",
		"spark.stage.attempt.ignoreOnDecommissionFetchFailure",
		"spark.sql.parquet.fs.optimized.committer.",
		// the Apache Gravitino connector (spark.plugins GravitinoSparkPlugin)
		"spark.sql.gravitino.",
	} {
		if strings.HasPrefix(name, p) {
			return true
		}
	}
	return false
}

// Suggest returns the known key closest to name, for "did you mean", or ""
// when none is close: at most 1 edit for names up to 8 characters, 2 up to
// 20 and 3 beyond (a transposition counts as one edit). Deprecated,
// removed and alias names are never suggested. For a key of the catalog it
// returns "", except for keys that never existed (spark.serlizer), whose
// closest real key it returns.
func (c *Catalog) Suggest(name string) string {
	if row, ok := c.rows[name]; ok && !strings.Contains(row, "\tnever-existed") {
		return ""
	}
	limit := 3
	switch n := len(name); {
	case n <= 8:
		limit = 1
	case n <= 20:
		limit = 2
	}
	best, bestD := "", limit+1
	var buf [3][]int
	for _, cand := range c.names {
		bound := min(bestD, limit) // distances up to bound are exact
		if d := len(cand) - len(name); d > bound || -d > bound {
			continue
		}
		d := osaDistance(name, cand, bound, &buf)
		// ties go to the alphabetically first key, for stable output
		if d <= limit && (d < bestD || (d == bestD && cand < best)) {
			best, bestD = cand, d
		}
	}
	return best
}

// Nearby returns up to max keys Spark reads under the namespace of name
// (spark.sql.shuffle.partitions for spark.sql.shuffle.parallelism), for a
// key no known key is close to: the longest prefix of at least two
// segments after "spark." that some documented key shares, shortest first.
// Internal, deprecated, removed and alias names are left out.
func (c *Catalog) Nearby(name string, max int) []string {
	parts := strings.Split(name, ".")
	for n := len(parts) - 1; n >= 3; n-- {
		prefix := strings.Join(parts[:n], ".") + "."
		var out []string
		for _, cand := range c.names {
			if strings.HasPrefix(cand, prefix) && cand != name && splitRow(c.rows[cand])[7] != "true" {
				out = append(out, cand)
			}
		}
		if len(out) > 0 {
			// the shortest first: the namespace's everyday keys
			slices.SortFunc(out, func(a, b string) int { return cmp.Or(cmp.Compare(len(a), len(b)), cmp.Compare(a, b)) })
			if len(out) > max {
				out = out[:max]
			}
			return out
		}
	}
	return nil
}

// osaDistance is the optimal string alignment distance between a and b
// (insertions, deletions, substitutions and adjacent transpositions),
// computed bytewise. When it exceeds limit it returns limit+1.
func osaDistance(a, b string, limit int, buf *[3][]int) int {
	n := len(b)
	for i := range buf {
		if cap(buf[i]) < n+1 {
			buf[i] = make([]int, n+1)
		}
		buf[i] = buf[i][:n+1]
	}
	prev2, prev, cur := buf[0], buf[1], buf[2]
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= n; j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			v := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				v = min(v, prev2[j-2]+1)
			}
			cur[j] = v
			rowMin = min(rowMin, v)
		}
		if rowMin > limit {
			return limit + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return min(prev[n], limit+1)
}

// KafkaSourceOption returns the Kafka source/sink option name (matched
// case-insensitively, as Spark does). Any kafka.-prefixed name is an
// option: the listed ones carry their own facts (kafka.auto.offset.reset is
// RejectedOnSource, kafka.group.id Warns), the others are PassThrough
// settings of the Kafka client. A Kafka client setting written without the
// kafka. prefix (bootstrap.servers, max.poll.records) is not an option: ok
// is false, and Spark silently ignores it.
func (c *Catalog) KafkaSourceOption(name string) (SourceOption, bool) {
	lower := strings.ToLower(name)
	if o, ok := c.options[lower]; ok {
		return o, true
	}
	if strings.HasPrefix(lower, "kafka.") && len(lower) > len("kafka.") {
		o := c.kafkaKV
		o.Name = name
		return o, true
	}
	return SourceOption{}, false
}

// SuggestKafkaOption returns the listed Kafka source/sink option closest
// to name (case-insensitively, as Spark matches them), in its canonical
// spelling, or "" when name is an option or none is close: at most 1 edit
// for names up to 8 characters, 2 beyond. kafka.-prefixed names are client
// settings, never misspelt options.
func (c *Catalog) SuggestKafkaOption(name string) string {
	lower := strings.ToLower(name)
	if _, ok := c.options[lower]; ok || strings.HasPrefix(lower, "kafka.") {
		return ""
	}
	limit := 2
	if len(lower) <= 8 {
		limit = 1
	}
	best, bestD := "", limit+1
	var buf [3][]int
	for key, o := range c.options {
		if strings.HasPrefix(key, "kafka.") {
			continue
		}
		d := osaDistance(lower, key, limit, &buf)
		if d <= limit && (d < bestD || (d == bestD && o.Name < best)) {
			best, bestD = o.Name, d
		}
	}
	return best
}
