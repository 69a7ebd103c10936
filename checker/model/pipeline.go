package model

// InputVersion is the version of the policy input document. It changes
// only when a field is removed or changes meaning.
const InputVersion = 1

// Pipeline is the document every policy judges: the files checked together
// (docs/concepts.md, Pipeline) with their brokers, topics, Spark apps and
// workers. Field names are the policy input contract (docs/policy-input.md).
type Pipeline struct {
	Version  int       `json:"version"`
	Root     string    `json:"root"`
	Profile  string    `json:"profile"`
	Params   Params    `json:"params"`
	Files    []string  `json:"files"`
	Services []Service `json:"services"`
	Brokers  []Broker  `json:"brokers"`
	Clusters []Cluster `json:"clusters"`
	Topics   []Topic   `json:"topics"`
	Apps     []App     `json:"apps"`
	Workers  []Worker  `json:"workers"`
	// Groups, Live: a running cluster's (live.go); Running: the running
	// cluster matched to this repository's, for drift rules.
	Groups  []Group  `json:"groups,omitempty"`
	Live    *Live    `json:"live,omitempty"`
	Running *Running `json:"running,omitempty"`
	// ConfigFiles are the pipeline's configuration files other than
	// compose files and jobs (spark-defaults.conf, Spark, Kafka broker and
	// Kafka client .properties files, JAAS files), with the secrets
	// written in them.
	ConfigFiles []ConfigFile `json:"config_files"`
}

// ConfigFile is a configuration file of the pipeline, as far as the
// secret rules need it.
type ConfigFile struct {
	File string `json:"file"`
	// Kind is spark-defaults, spark-properties, kafka-properties (a
	// broker's), kafka-client or jaas.
	Kind string `json:"kind"`
	// Services are the compose services that mount the file (or a
	// directory holding it), sorted.
	Services []string `json:"services"`
	// Secrets are the settings (JAAS options) of the file that hold a
	// secret; their values are never kept.
	Secrets []SecretRef `json:"secrets"`
}

// ParamNames are the parameters Set accepts.
const ParamNames = "capacity.avg_record_bytes, capacity.batch_memory_fraction, capacity.produce_rate, spark.batch_seconds, kafka.min_partitions, live.lag_alert, live.retention_risk, live.retention_warning or live.retention_error"

// Service is a compose service, as far as rules need it.
type Service struct {
	Name     string   `json:"name"`
	Loc      Location `json:"loc"`
	Image    string   `json:"image,omitempty"`
	Role     string   `json:"role"` // broker, controller, kafka-client, spark-master, spark-worker, spark-submit, zookeeper, other
	Replicas int      `json:"replicas"`
	MemLimit *Value   `json:"mem_limit,omitempty"`
	// ContainerName is the container_name, "" when unset.
	ContainerName string `json:"container_name,omitempty"`
	// NetworkMode is network_mode ("host", "service:kafka", ...), "" when
	// unset: the container then has its own network namespace, where
	// localhost is the container itself.
	NetworkMode string `json:"network_mode,omitempty"`
	// Hostname is the service's hostname, "" when unset: the container's
	// hostname is then its id, which changes whenever it is recreated.
	Hostname string `json:"hostname,omitempty"`
	// Aliases are the service's network aliases; Addresses its static
	// ipv4_address and ipv6_address: names and addresses other containers
	// reach it by, besides its service name.
	Aliases   []string `json:"aliases,omitempty"`
	Addresses []string `json:"addresses,omitempty"`
	Volumes   []Volume `json:"volumes"`
	// Env lists environment variables that name Kafka endpoints
	// (*BOOTSTRAP*), for the listener and connectivity rules.
	Env map[string]Value `json:"env,omitempty"`
	// Secrets lists the service's secret-looking environment variables.
	Secrets []SecretRef `json:"secrets"`
}

// Volume is a service's mount.
type Volume struct {
	Type   string   `json:"type"`   // bind, volume, tmpfs
	Source string   `json:"source"` // a path relative to the pipeline root for binds, else the volume name
	Target string   `json:"target"`
	Loc    Location `json:"loc"`
}

// Value is a setting's effective value with where it came from, typed as
// Kafka or Spark reads it: Num holds the number for numeric settings
// (bytes for sizes), Ms milliseconds for durations, Bool the boolean of
// boolean settings. They are set only for a value the setting's parser
// accepts, and only ever finite; a value it rejects has none of them and
// says why in Invalid. Policies judge these fields and never parse Value.
type Value struct {
	Value      string    `json:"value"`
	Source     string    `json:"source"`
	Loc        *Location `json:"loc,omitempty"` // nil for defaults and baselines
	Var        string    `json:"var,omitempty"`
	Num        *float64  `json:"num,omitempty"`
	Ms         *float64  `json:"ms,omitempty"`
	Bool       *bool     `json:"bool,omitempty"`
	Unresolved bool      `json:"unresolved,omitempty"`
	// Set is true when the project's own configuration sets it.
	Set bool `json:"set"`
	// Invalid says why the value does not fit the setting's type or unit.
	Invalid string `json:"invalid,omitempty"`
	// Secret is set for values that hold a secret: "literal" when the
	// secret is written in the checked file, "variable" when it comes from
	// ${VAR}, "file" when from an env_file. Value is then RedactedValue,
	// or, for a credential inside a longer value (the userinfo of a URL, a
	// -D...Password= option), the value with that part replaced by it.
	Secret string `json:"secret,omitempty"`
	// Listeners is the parsed value of a listener list (listeners,
	// advertised.listeners).
	Listeners []Listener `json:"listeners,omitempty"`
	// Derived says what a value with Source "derived" comes from
	// ("advertised.host.name=localhost and port=9092, as Kafka < 3.0
	// derives advertised.listeners"); Loc is then the first of those.
	Derived string `json:"derived,omitempty"`
	// Voters is the parsed value of controller.quorum.voters.
	Voters []Voter `json:"voters,omitempty"`
}

// Voter is one id@host:port entry of controller.quorum.voters: ID is the
// node.id the controller at Host:Port must have; Host keeps no brackets;
// Text is the entry as written.
type Voter struct {
	ID   int    `json:"id"`
	Host string `json:"host"`
	Port string `json:"port"`
	Text string `json:"text"`
}

// Listener is one NAME://host:port item of a listener list. Name is
// upper-cased as Kafka normalises it; Host is "" when left out and keeps
// the brackets of an IPv6 literal; Port is "" when there is none; Text is
// the item as written.
type Listener struct {
	Name string `json:"name"`
	Host string `json:"host"`
	Port string `json:"port"`
	Text string `json:"text"`
}

// RedactedValue replaces every secret in the model: secrets never reach
// policies or output. It is secret.Marker.
const RedactedValue = "<redacted>"

// SecretRef is a setting that holds a secret (an environment variable of
// a service, a key of a configuration file, a JAAS option); its value is
// never kept.
type SecretRef struct {
	Name   string   `json:"name"`
	Loc    Location `json:"loc"`
	Secret string   `json:"secret"` // literal, variable or file
	// Part says which part of the value is the secret when it is not the
	// whole value ("the password of a URL", "the JAAS option password");
	// "" when the whole value is.
	Part string `json:"part,omitempty"`
	// ValueID is equal for equal secrets within the pipeline (1, 2, ...,
	// in the order they are met; 0 when the value is unknown): one value
	// written at several places is one secret to move. It says nothing
	// else about the value.
	ValueID int `json:"value_id,omitempty"`
}

// Broker is one Kafka broker service.
type Broker struct {
	Service string   `json:"service"`
	Loc     Location `json:"loc"`
	Image   string   `json:"image"`
	Family  string   `json:"family"`
	// ImageGuessed is true when Family was guessed from the variable
	// names (an image streamlint does not know, a local build whose base
	// cannot be followed): the variables are translated by that
	// convention, but the image's own variables, packaged configuration
	// and derived listeners are unknown.
	ImageGuessed bool   `json:"image_guessed,omitempty"`
	KafkaVersion string `json:"kafka_version"`
	// KafkaVersionFrom says where KafkaVersion comes from: "tag" (the
	// image tag), "config" (the configuration file's versions: kafka, for
	// tags that name no version), "" when unknown.
	KafkaVersionFrom string `json:"kafka_version_from,omitempty"`
	// KafkaRelease is KafkaVersion's major and minor as numbers ([3, 7]),
	// absent when the version is unknown or does not start with them.
	KafkaRelease []int            `json:"kafka_release,omitempty"`
	Mode         string           `json:"mode"` // kraft or zookeeper
	Roles        []string         `json:"roles"`
	Replicas     int              `json:"replicas"`
	Cluster      string           `json:"cluster"`
	Config       map[string]Value `json:"config"`
	// EnvNames maps a property to the environment variable that sets it
	// on this image, for remediation messages.
	EnvNames map[string]string `json:"env_names"`
	// Unknown are broker properties that are neither in the catalog nor
	// an image helper (KAF010), with a suggestion; Misplaced are topic-level
	// or client keys given to the broker (KAF009).
	Properties []Property   `json:"properties"`
	Ignored    []IgnoredVar `json:"ignored"`
	// Rejected are variables that make the image's entrypoint exit.
	Rejected []IgnoredVar `json:"rejected"`
	// Heap is the JVM's -Xmx (bytes in Num): KAFKA_HEAP_OPTS, else the
	// image's default of 1 GiB.
	Heap Value `json:"heap"`
	// ClusterID is the KRaft cluster id the image formats storage with
	// (CLUSTER_ID, KAFKA_CLUSTER_ID on Bitnami); Value "" when unset.
	ClusterID Value `json:"cluster_id"`
	// MountedConfig is true when a server.properties is mounted into the
	// broker; MountedConfigFound when that file is in the repository.
	MountedConfig      bool `json:"mounted_config"`
	MountedConfigFound bool `json:"mounted_config_found"`
	// PackagedDefaultsDropped is true on apache/kafka when some KAFKA_*
	// property variable is set and nothing is mounted: the image then
	// writes only those variables and drops its packaged defaults.
	PackagedDefaultsDropped bool `json:"packaged_defaults_dropped"`
	// Native is true on apache/kafka-native, a GraalVM binary: no JVM, so
	// KAFKA_HEAP_OPTS and the 1 GiB default heap do not apply.
	Native bool `json:"native,omitempty"`
	// ClusterIDDefault is the KRaft cluster id the image uses when none is
	// given: its fixed id (apache/kafka, confluent-local, debezium),
	// "random" on bitnami (a new id per container), "" when the image
	// requires one (cp-kafka, cp-server).
	ClusterIDDefault string `json:"cluster_id_default,omitempty"`
	// Live is set on a running cluster's broker (live.go).
	Live *LiveBroker `json:"live,omitempty"`
}

// Property is one property the project sets on a broker, with catalog facts.
type Property struct {
	Key        string   `json:"key"`
	Value      string   `json:"value"`
	Var        string   `json:"var,omitempty"`
	Loc        Location `json:"loc"`
	Known      bool     `json:"known"`                 // a broker property of the catalog
	TopicLevel bool     `json:"topic_level"`           // a topic-level name (not a broker one)
	BrokerName string   `json:"broker_name,omitempty"` // the broker synonym of a topic-level name
	Client     bool     `json:"client"`                // a producer/consumer key
	// Plugin is the pluggable class the broker loads (not one of Kafka's)
	// that plausibly reads this key the broker itself does not define:
	// org.openpolicyagent.kafka.OpaAuthorizer for opa.authorizer.url.
	Plugin     string `json:"plugin,omitempty"`
	Suggestion string `json:"suggestion,omitempty"` // did you mean
	// Secret: see Value.Secret.
	Secret     string `json:"secret,omitempty"`
	Unresolved bool   `json:"unresolved,omitempty"`
	// Invalid says why the value does not fit the property's type or range.
	Invalid string `json:"invalid,omitempty"`
	// RemovedIn is the Kafka release that removed the property, when the
	// broker's version is that release or later; Deprecated marks
	// deprecated properties; Status is the catalog's note on either.
	RemovedIn  string `json:"removed_in,omitempty"`
	Deprecated bool   `json:"deprecated,omitempty"`
	Status     string `json:"status,omitempty"`
	// Fix is what to write instead of an invalid value, when streamlint can
	// tell (nil otherwise); Accepted marks an invalid value Kafka still
	// starts with (NaN or Infinity for a double).
	Fix      *ValueFix `json:"fix,omitempty"`
	Accepted bool      `json:"accepted,omitempty"`
	// ZooKeeper marks ZooKeeper-mode properties, which a KRaft node ignores.
	ZooKeeper bool `json:"zookeeper,omitempty"`
	// DeprecatedSince is the Kafka release that deprecated the property,
	// when the catalog says ("" otherwise).
	DeprecatedSince string `json:"deprecated_since,omitempty"`
}

// ValueFix is the correction of an invalid value: write Key=Value (Key
// may be a smaller unit's key, such as log.retention.minutes for a
// fraction of log.retention.hours), with Note after it (" (1 GiB)",
// ", without the quotes"); or, when no value can be computed, Hint says
// what to write ("write a value of at most 2147483647").
type ValueFix struct {
	Key   string `json:"key,omitempty"`
	Value string `json:"value,omitempty"`
	Note  string `json:"note,omitempty"`
	Hint  string `json:"hint,omitempty"`
}

// IgnoredVar is an environment variable the image silently ignores.
type IgnoredVar struct {
	Var     string   `json:"var"`
	Loc     Location `json:"loc"`
	Reason  string   `json:"reason"`
	WouldBe string   `json:"would_be,omitempty"`
}

// Cluster is the brokers that share a ZooKeeper or a KRaft quorum.
type Cluster struct {
	ID          string   `json:"id"`
	Brokers     []string `json:"brokers"`
	BrokerCount int      `json:"broker_count"`
	// Controllers are the cluster's KRaft controller-only nodes, which are
	// not brokers (docs/concepts.md, Services and their roles). They carry only the quorum
	// and listener settings (config) and the facts the quorum rules need;
	// their properties are not judged.
	Controllers []Broker `json:"controllers"`
	// Partial is true when the compose project is one part of a set of
	// files used together (docker compose -f a.yml -f b.yml: it depends on
	// services another file defines): the other files may add brokers, so
	// BrokerCount is a lower bound.
	Partial bool `json:"partial,omitempty"`
}

// Topic is a topic the project creates.
type Topic struct {
	Name              string   `json:"name"`
	Partitions        int      `json:"partitions"`
	ReplicationFactor int      `json:"replication_factor"`
	Loc               Location `json:"loc"`
	PartitionsLoc     Location `json:"partitions_loc"`
	Source            string   `json:"source"`
	Cluster           string   `json:"cluster,omitempty"`
	// Config is a running topic's effective configuration, with the
	// source Kafka reports; Live its partitions (live.go).
	Config map[string]Value `json:"config,omitempty"`
	Live   *LiveTopic       `json:"live,omitempty"`
}

// App is one Spark application (docs/concepts.md, App).
type App struct {
	ID       string   `json:"id"`
	Kind     string   `json:"kind"` // dstream, structured, unknown
	File     string   `json:"file,omitempty"`
	Loc      Location `json:"loc"` // line 1 of the file holding the app's settings
	Services []string `json:"services,omitempty"`
	// Settings are the effective Spark settings, by precedence; each lists
	// every place it was set in All (winner first).
	Settings map[string]SparkValue `json:"settings"`
	// SessionIgnored are settings of keys nothing else sets, written on a
	// SparkSession.builder whose getOrCreate returns the session an
	// earlier getOrCreate of the file made: Spark applies only runtime
	// SQL confs then, so these have no effect (each has ExistingSession);
	// and settings of keys nothing else sets given to a second
	// SparkContext, whose constructor throws (each has FailedContext);
	// and driver JVM options the code of a job spark-submit starts sets
	// after the JVM started (each has LaunchedDriver). Such settings of keys that are set elsewhere too are in Settings'
	// All, after the values in force.
	SessionIgnored []Setting `json:"session_ignored,omitempty"`
	// HelperSettings are set for an app whose job builds no Spark session
	// of its own (it gets one from a helper of the project, get_spark()):
	// the settings the pipeline's session helpers (files that build a
	// session and run no query) write on the sessions they build, the
	// first place of each key. The app may run in such a
	// session, so these keys are unknown for it rather than unset.
	HelperSettings   map[string]Value  `json:"helper_settings,omitempty"`
	Sources          []Stream          `json:"sources"`
	Sinks            []Stream          `json:"sinks"`
	StreamingContext *StreamingContext `json:"streaming_context,omitempty"`
	Submit           *Submit           `json:"submit,omitempty"`
	BatchSeconds     Value             `json:"batch_seconds"`
	Executors        Executors         `json:"executors"`
	Consumes         []Consumption     `json:"consumes"`
	BootstrapServers []Value           `json:"bootstrap_servers,omitempty"`
	MainLoc          Location          `json:"main_loc"`
	// SparkVersion comes from the Spark image tag or the Kafka connector
	// package ("" when unknown); SparkRelease is its numbers ([3, 5]),
	// absent when it is not a plain version.
	SparkVersion string `json:"spark_version,omitempty"`
	SparkRelease []int  `json:"spark_release,omitempty"`
	// KafkaParams are the Kafka consumer settings a DStream job passes to
	// KafkaUtils (kafkaParams: "auto.offset.reset" -> "earliest", ...),
	// by key, where the job writes them as string literals.
	KafkaParams map[string]Value `json:"kafka_params,omitempty"`
	// KafkaDStream is true when the job calls KafkaUtils.createDirectStream
	// (or createStream): its DStreams read Kafka, not a socket or files.
	KafkaDStream bool `json:"kafka_dstream,omitempty"`
	// OtherDStream is true when the job creates an input DStream that does
	// not read Kafka (ssc.socketTextStream, textFileStream, receiverStream).
	OtherDStream bool `json:"other_dstream,omitempty"`
	// ReceiverDStream is true when one of those is receiver-based
	// (socketTextStream, receiverStream): it has a rate controller, which
	// spark.streaming.backpressure.enabled drives. File and queue streams
	// have none.
	ReceiverDStream bool `json:"receiver_dstream,omitempty"`
	// Bootstrap is every kafka.bootstrap.servers the app gives a Kafka
	// source or sink (bootstrap.servers of a DStream's kafkaParams), each
	// address with the broker of the project it names.
	Bootstrap []Bootstrap `json:"bootstrap"`
}

// SparkValue is a Spark setting's effective value and every place it is set.
type SparkValue struct {
	Value
	All []Setting `json:"all"`
	// Catalog facts: Known keys are in Spark's catalog or a dynamic
	// namespace (Spark's own, a known connector's, or spark.<lib>.<key>
	// where Spark uses no key under spark.<lib>. and <lib> is no
	// misspelling of a namespace it uses), or read back by a job of the
	// pipeline (ReadAt); Suggestion is the closest known key; Hint explains
	// keys that never existed or were removed; Replacement names what to
	// use instead.
	Known      bool   `json:"known"`
	Dynamic    bool   `json:"dynamic,omitempty"`
	Suggestion string `json:"suggestion,omitempty"`
	// Nearby are known keys under the same namespace, for a key no known
	// key is close to (at most three).
	Nearby []string `json:"nearby,omitempty"`
	// SourceOption is the Kafka source option an unknown key ends with
	// (spark.sql.streaming.kafka.maxOffsetsPerTrigger: maxOffsetsPerTrigger),
	// in its canonical spelling: an option of the reader, not a setting.
	SourceOption string `json:"source_option,omitempty"`
	Deprecated   bool   `json:"deprecated,omitempty"`
	Removed      bool   `json:"removed,omitempty"`
	NeverExisted bool   `json:"never_existed,omitempty"`
	Replacement  string `json:"replacement,omitempty"`
	Hint         string `json:"hint,omitempty"`
	Type         string `json:"type,omitempty"`
	Default      string `json:"default,omitempty"`
	// RemovedIn and DeprecatedSince are the Spark releases the catalog
	// gives for a removed or deprecated key ("3.0.0"; "" when it gives
	// none); ErrorsIfSet marks removed SQL confs that fail when set to a
	// non-default value.
	RemovedIn       string `json:"removed_in,omitempty"`
	DeprecatedSince string `json:"deprecated_since,omitempty"`
	// RemovedInRelease and DeprecatedSinceRelease are those releases as
	// numbers ([3, 0, 0]), to compare with the app's SparkRelease.
	RemovedInRelease       []int `json:"removed_in_release,omitempty"`
	DeprecatedSinceRelease []int `json:"deprecated_since_release,omitempty"`
	ErrorsIfSet            bool  `json:"errors_if_set,omitempty"`
	// ReadAt is where a job of the pipeline reads the key back from the
	// Spark configuration (spark.conf.get("spark.app.kafka_topic"),
	// sc.getConf().get(...)): the key then has an effect and is Known,
	// whether Spark defines it or not.
	ReadAt *Location `json:"read_at,omitempty"`
}

// Stream is a readStream/writeStream (or batch read/write) chain.
type Stream struct {
	Loc       Location         `json:"loc"`
	Format    string           `json:"format"`
	FormatLoc Location         `json:"format_loc"`
	Streaming bool             `json:"streaming"`
	Options   map[string]Value `json:"options"`
	// OptionsUnknown is true when the job also sets options that could not
	// be read (an option name that is not a literal, an options map that
	// cannot be followed): an option missing from Options may be set.
	OptionsUnknown bool `json:"options_unknown,omitempty"`
	// Inputs are, for a sink, the indexes in the app's sources of the
	// sources its query reads, as far as the job's DataFrames could be
	// followed back to them; empty when they could not (every source of
	// the app may then be the query's).
	Inputs []int `json:"inputs,omitempty"`
	// QueryName is a sink's .queryName(...), nil when not given: under
	// spark.sql.streaming.checkpointLocation the query's checkpoint is the
	// sub-directory of that name, else of a new random UUID on every start.
	QueryName *Value   `json:"query_name,omitempty"`
	Trigger   *Trigger `json:"trigger,omitempty"`
}

// Trigger is a writeStream trigger.
type Trigger struct {
	Kind    string   `json:"kind"`
	Value   string   `json:"value"`
	Seconds float64  `json:"seconds"`
	Loc     Location `json:"loc"`
}

// StreamingContext is a DStream StreamingContext construction.
type StreamingContext struct {
	Loc          Location `json:"loc"`
	BatchSeconds float64  `json:"batch_seconds"`
	BatchLoc     Location `json:"batch_loc"`
}

// Submit is the spark-submit command that runs an app.
type Submit struct {
	Service string   `json:"service"`
	Loc     Location `json:"loc"`
	Master  string   `json:"master,omitempty"`
}

// Executors is what the cluster can give the app.
type Executors struct {
	Count     int     `json:"count"`
	HeapBytes float64 `json:"heap_bytes"`
	Fraction  float64 `json:"memory_fraction"`
	// ReservedBytes is the heap each JVM keeps for Spark itself (300 MiB);
	// UnifiedBytes is the execution and storage memory of all the app's
	// executors: Count x (HeapBytes - ReservedBytes) x Fraction, as
	// UnifiedMemoryManager gives it (0 for a heap not above the reserve).
	ReservedBytes float64  `json:"reserved_bytes"`
	UnifiedBytes  float64  `json:"unified_bytes"`
	Cluster       string   `json:"cluster"` // standalone, local, unknown
	Workers       []string `json:"workers,omitempty"`
	Explain       string   `json:"explain"`
	// TaskSlots is how many tasks the app runs at once: the cores of its
	// executors (capped by spark.cores.max) / spark.task.cpus, or N of
	// local[N]; 0 when unknown (local[*], workers without
	// SPARK_WORKER_CORES). SlotsExplain shows the arithmetic; SlotsLoc is
	// the setting that bounds it.
	TaskSlots    int       `json:"task_slots"`
	SlotsExplain string    `json:"slots_explain,omitempty"`
	SlotsLoc     *Location `json:"slots_loc,omitempty"`
	// Overhead is the memory each executor JVM needs beyond its heap:
	// spark.executor.memoryOverhead, else max(factor x heap, minimum)
	// (10%, 384 MiB), in bytes in Num.
	Overhead Value `json:"overhead"`
	// PerWorker is how many of the app's executors each standalone worker
	// service runs (per replica).
	PerWorker []WorkerExecutors `json:"per_worker"`
	// Limit says what bounds the number of executors ("spark.cores.max=2
	// caps the app at 2 cores", "one executor per worker: spark.executor.cores
	// is unset"); LimitLoc is the setting to change, when one is written.
	Limit    string    `json:"limit,omitempty"`
	LimitLoc *Location `json:"limit_loc,omitempty"`
}

// WorkerExecutors is the app's share of one worker.
type WorkerExecutors struct {
	Worker    string `json:"worker"`
	Executors int    `json:"executors"`
}

// Bootstrap is one kafka.bootstrap.servers value of an app.
type Bootstrap struct {
	Value   Value            `json:"value"`
	Entries []BootstrapEntry `json:"entries"`
}

// BootstrapEntry is one host:port of a bootstrap list. Broker is the
// broker service it names ("" when none): by service name, container_name,
// network alias or an advertised listener (Via says which).
type BootstrapEntry struct {
	Address string `json:"address"`
	Host    string `json:"host"`
	Port    string `json:"port,omitempty"`
	Broker  string `json:"broker,omitempty"`
	Via     string `json:"via,omitempty"`
	// Listener is the name of the broker's listener the address reaches:
	// the `listeners` entry bound to Port when the host is the broker's
	// service, container_name or alias ("" when no listener binds that
	// port), the advertised listener's name otherwise. Advertised is the
	// host:port that listener advertises, where the client reconnects
	// after bootstrapping ("" when unknown). Ports are the ports of the
	// broker's client listeners (`listeners` without the controller
	// listeners), empty when `listeners` is unknown. AdvertisedHost is
	// the host of Advertised.
	Listener       string   `json:"listener,omitempty"`
	Advertised     string   `json:"advertised,omitempty"`
	AdvertisedHost string   `json:"advertised_host,omitempty"`
	Ports          []string `json:"ports,omitempty"`
}

// Consumption is a topic an app reads and what the brokers say about it.
type Consumption struct {
	Topic      string `json:"topic"`
	Broker     string `json:"broker,omitempty"`
	Partitions Value  `json:"partitions"`
	// RetentionBytes is the broker's (or topic's) effective log.retention.bytes.
	RetentionBytes Value `json:"retention_bytes"`
	RetentionMs    Value `json:"retention_ms"`
	// Source is the index in the app's sources of the Kafka source that
	// reads the topic; -1 for a DStream's KafkaUtils stream.
	Source int `json:"source"`
}

// Worker is a Spark standalone worker service.
type Worker struct {
	Service     string   `json:"service"`
	Loc         Location `json:"loc"`
	Replicas    int      `json:"replicas"`
	MemoryBytes Value    `json:"memory"`
	Cores       Value    `json:"cores"`
	// MemLimit is the worker container's memory limit (nil: none).
	MemLimit *Value `json:"mem_limit,omitempty"`
}
