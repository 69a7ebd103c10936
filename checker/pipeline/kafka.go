package pipeline

import (
	"cmp"
	"encoding/base64"
	"errors"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/streamlint/streamlint/checker/compose"
	"github.com/streamlint/streamlint/checker/kafka"
	"github.com/streamlint/streamlint/checker/model"
)

// kafkaService is a compose service of a Kafka image.
type kafkaService struct {
	svc   *compose.Service
	image kafka.Image
	tr    kafka.Translation
	// controller is the model of a KRaft controller-only node (not a
	// broker), kept for the cluster's quorum facts.
	controller *model.Broker
	// direct is true when a script of the repository starts Kafka itself:
	// no KAFKA_* variable reaches the configuration, so fixes name the
	// properties, not variables
	direct bool
	// scriptReadsEnv is true when that script reads the service's KAFKA_*
	// variables (a loop over KAFKA_CFG_*, a variable by name): what they
	// set is its own translation, unknown here
	scriptReadsEnv bool
}

// effectiveKeys are the broker properties whose effective value (with the
// default) every broker carries in the model, whether set or not.
var effectiveKeys = []string{
	"auto.create.topics.enable",
	"default.replication.factor",
	"listener.security.protocol.map",
	"listeners",
	"log.dir",
	"log.dirs",
	"log.retention.bytes",
	"log.retention.hours",
	"log.retention.minutes",
	"log.retention.ms",
	"log.roll.hours",
	"log.roll.ms",
	"log.segment.bytes",
	"message.max.bytes",
	"min.insync.replicas",
	"num.partitions",
	"offsets.topic.replication.factor",
	"replica.fetch.max.bytes",
	"security.inter.broker.protocol",
	"socket.request.max.bytes",
	"transaction.state.log.min.isr",
	"transaction.state.log.replication.factor",
	"unclean.leader.election.enable",
}

// nameKeys are the properties whose environment variable every broker
// names in EnvNames (besides effectiveKeys and what the project sets), for
// the remediation of the listener and quorum rules.
var nameKeys = []string{
	"advertised.listeners",
	"controller.listener.names",
	"controller.quorum.bootstrap.servers",
	"controller.quorum.voters",
	"inter.broker.listener.name",
	"node.id",
	"broker.id",
	"process.roles",
	"zookeeper.metadata.migration.enable",
}

// quorumKeys are the settings a controller-only node carries in the model.
var quorumKeys = []string{
	"advertised.listeners",
	"controller.listener.names",
	"controller.quorum.bootstrap.servers",
	"controller.quorum.voters",
	"inter.broker.listener.name",
	"listener.security.protocol.map",
	"listeners",
	"node.id",
	"process.roles",
	"zookeeper.metadata.migration.enable",
}

func (s *assembly) buildBrokers() {
	if s.project == nil {
		return
	}
	for _, svc := range s.project.Services {
		role := s.roleOf(svc)
		s.p.Services = append(s.p.Services, s.modelService(svc, role))
	}
	s.buildClusters()
}

// roleOf decides what a service is (docs/concepts.md, Services and their
// roles) and, for a Kafka node, adds it to the model. A Kafka node is
// recognised by its image, whatever the registry, or by the broker
// settings of its environment whatever the image (a local build, a
// mirror, ${IMAGE}); the convention then follows from the variable names.
// The applications of Kafka's ecosystem (Connect, Schema Registry, ...)
// are clients.
func (s *assembly) roleOf(svc *compose.Service) string {
	env := envVars(svc)
	img := kafka.GuessImage(s.imageRef(svc), env)
	spark := s.sparkRole(svc)
	script := s.brokerScript(svc)
	switch {
	case clientImage(s.imageRef(svc)):
		return "kafka-client"
	case img.Family == kafka.FamilyUnknown || img.Family == kafka.FamilyRedpanda || img.Family == kafka.FamilyUbuntu,
		img.Heuristic && spark != "":
		switch {
		case spark != "":
			return spark
		case zookeeperService(svc):
			return "zookeeper"
		}
		return "other"
	case runsTool(svc) && script == nil:
		s.topicsFromCommand(svc)
		return "kafka-client"
	}
	direct := script != nil && !imageRunRe.Match(script) &&
		!imageRunRe.MatchString(commandText(svc.Entrypoint)+" "+commandText(svc.Command))
	if direct {
		// the repository's script starts Kafka itself: the image's
		// entrypoint, which writes the KAFKA_* variables into the
		// configuration, never runs
		env = nil
	}
	ks := &kafkaService{svc: svc, image: img, tr: kafka.Translate(img, env), direct: direct}
	if direct {
		var props []model.Setting
		for _, p := range kafka.Translate(img, envVars(svc)).Properties {
			if _, known := s.b.kafkaCat.Broker(p.Key); known {
				props = append(props, p)
			}
		}
		ks.scriptReadsEnv = readsKafkaEnv(script, props)
	}
	s.kafkaSvcs = append(s.kafkaSvcs, ks)
	return s.addBroker(ks)
}

func (s *assembly) modelService(svc *compose.Service, role string) model.Service {
	ms := model.Service{Name: svc.Name, Loc: svc.Loc, Image: svc.Image, Role: role, Replicas: svc.Replicas, ContainerName: svc.ContainerName,
		NetworkMode: svc.NetworkMode, Hostname: svc.Hostname, Aliases: svc.Aliases, Addresses: svc.Addresses, Volumes: []model.Volume{}}
	for _, v := range svc.Volumes {
		src := v.Source
		if v.Type == "bind" && s.project != nil {
			if rel, err := filepath.Rel(s.project.Dir, v.Source); err == nil {
				src = filepath.ToSlash(rel)
			}
		}
		ms.Volumes = append(ms.Volumes, model.Volume{Type: v.Type, Source: src, Target: v.Target, Loc: v.Loc})
	}
	if svc.MemLimit > 0 {
		ms.MemLimit = &model.Value{Value: strconv.FormatInt(svc.MemLimit, 10), Source: model.SourceEnv, Loc: svc.MemLimitLoc.OrNil(), Num: ptr(float64(svc.MemLimit)), Set: true}
	}
	for _, e := range svc.Environment {
		if strings.Contains(strings.ToUpper(e.Name), "BOOTSTRAP") {
			if ms.Env == nil {
				ms.Env = map[string]model.Value{}
			}
			ms.Env[e.Name] = model.Value{Value: e.Value, Source: model.SourceEnv, Loc: e.Loc.OrNil(), Var: e.Name, Unresolved: e.Unresolved, Set: true}
		}
	}
	return ms
}

func envVars(svc *compose.Service) []kafka.EnvVar {
	out := make([]kafka.EnvVar, 0, len(svc.Environment))
	for _, e := range svc.Environment {
		out = append(out, kafka.EnvVar{Name: e.Name, Value: e.Value, Loc: e.Loc, Unresolved: e.Unresolved})
	}
	return out
}

// addBroker computes a Kafka service's effective configuration; it returns
// the service's role (broker or controller).
func (s *assembly) addBroker(ks *kafkaService) string {
	svc := ks.svc
	versionFrom := ""
	if ks.image.KafkaVersion != "" {
		versionFrom = "tag"
	}
	if ks.image.KafkaVersion == "" && s.b.opts.KafkaVersion != "" {
		ks.image.KafkaVersion = s.b.opts.KafkaVersion
		versionFrom = "config"
	}
	mounted, mountedDeclared := s.mountedServerProperties(svc)
	config, props := s.brokerConfig(ks, mounted)
	b := model.Broker{
		Service: svc.Name, Loc: svc.Loc, Image: cmp.Or(svc.Image, s.imageRef(svc)), Family: string(ks.image.Family), ImageGuessed: ks.image.Heuristic,
		KafkaVersion: ks.image.KafkaVersion, KafkaVersionFrom: versionFrom, KafkaRelease: model.ReleaseNumbers(ks.image.KafkaVersion, true), Replicas: svc.Replicas,
		Config: config, Properties: props, Ignored: []model.IgnoredVar{},
	}
	b.EnvNames = envNames(ks.image, config, props, ks.tr.Ignored)
	if ks.direct {
		b.EnvNames = map[string]string{}
	}
	if b.Properties == nil {
		b.Properties = []model.Property{}
	}
	for _, ig := range ks.tr.Ignored {
		if ig.Instead != "" {
			ig.Reason += s.insteadOf(ig)
		}
		b.Ignored = append(b.Ignored, model.IgnoredVar{Var: ig.Var, Loc: ig.Loc, Reason: ig.Reason, WouldBe: ig.WouldBe})
	}
	for _, r := range ks.tr.Rejected {
		b.Rejected = append(b.Rejected, model.IgnoredVar{Var: r.Var, Loc: r.Loc, Reason: r.Reason, WouldBe: r.WouldBe})
	}
	if b.Rejected == nil {
		b.Rejected = []model.IgnoredVar{}
	}
	b.MountedConfig = mountedDeclared
	b.MountedConfigFound = len(mounted) > 0
	b.PackagedDefaultsDropped = ks.image.Family == kafka.FamilyApache && !mountedDeclared && ks.tr.WritesConfig()
	b.Heap = heapOf(svc, ks.image)
	b.ClusterID = clusterIDOf(svc)
	if ks.image.Heuristic || ks.direct || !checksClusterID(b.KafkaRelease) {
		// a build of the repository's own or its script decides what the
		// variable means (it may write meta.properties itself), and
		// kafka-storage format takes any string from Kafka 3.7
		b.ClusterID.Invalid = ""
	}
	b.Native = ks.image.Native()
	b.ClusterIDDefault = clusterIDDefault(ks.image.Family)
	for _, t := range ks.tr.Topics {
		s.p.Topics = append(s.p.Topics, model.Topic{Name: t.Name, Partitions: t.Partitions, ReplicationFactor: t.ReplicationFactor, Loc: t.Loc, PartitionsLoc: t.Loc, Source: t.Source})
	}
	roles := config["process.roles"].Value
	if roles != "" {
		b.Mode = "kraft"
		for _, r := range strings.Split(roles, ",") {
			b.Roles = append(b.Roles, strings.TrimSpace(r))
		}
	} else {
		b.Mode = "zookeeper"
		b.Roles = []string{"broker"}
	}
	if len(mounted) == 0 || !kafka.SkipsEnvWhenMounted(ks.image.Family) {
		s.unknownWhereUnseen(&b, ks)
	}
	unknownImageDefaults(&b, ks)
	isBroker := false
	for _, r := range b.Roles {
		isBroker = isBroker || r == "broker"
	}
	if !isBroker {
		ks.controller = controllerNode(b)
		return "controller"
	}
	s.p.Brokers = append(s.p.Brokers, b)
	return "broker"
}

// brokerConfig is a broker's effective configuration, in the order Kafka
// reads it: the version's defaults, the image's packaged configuration, a
// mounted server.properties, then the environment the image translates
// (unless the image ignores it when a file is mounted); and the
// properties the project sets, with their facts.
func (s *assembly) brokerConfig(ks *kafkaService, mounted []model.Setting) (map[string]model.Value, []model.Property) {
	config := map[string]model.Value{}
	for _, key := range effectiveKeys {
		if p, ok := s.b.kafkaCat.Broker(key); ok {
			if d := p.DefaultIn(ks.image.KafkaVersion); d != "" {
				config[key] = s.kafkaValue(key, model.Setting{Key: key, Value: d, Source: model.SourceDefault}, false)
			}
		}
	}
	if !ks.image.Heuristic { // an image recognised by its variables alone: its packaging is unknown
		for _, st := range kafka.PackagedDefaults(ks.image, ks.tr, len(mounted) > 0) {
			config[st.Key] = s.kafkaValue(st.Key, st, false)
		}
	}
	for _, st := range mounted {
		config[st.Key] = s.kafkaValue(st.Key, st, true)
	}
	var props []model.Property
	if len(mounted) == 0 || !kafka.SkipsEnvWhenMounted(ks.image.Family) {
		for _, st := range ks.tr.Properties {
			config[st.Key] = s.kafkaValue(st.Key, st, true)
			props = append(props, s.property(ks.image, st))
		}
	}
	for _, st := range mounted {
		props = append(props, s.property(ks.image, st))
	}
	s.deriveLegacyListeners(config, ks.image.KafkaVersion)
	plugins := kafka.PluginClasses(setValues(config))
	for i := range props {
		s.propertyFacts(&props[i], ks.image)
		if p := &props[i]; len(plugins) > 0 && !p.Known && !p.TopicLevel && !p.Client {
			p.Plugin = s.b.kafkaCat.PluginReading(p.Key, plugins)
		}
	}
	return config, props
}

// setValues are the values of the settings the project sets (not the
// defaults), by key.
func setValues(config map[string]model.Value) map[string]string {
	out := map[string]string{}
	for k, v := range config {
		if v.Set && !v.Unresolved {
			out[k] = v.Value
		}
	}
	return out
}

// insteadOf says what to write for an ignored variable: the variable that
// sets the broker property it names, when that is a broker property.
func (s *assembly) insteadOf(ig kafka.Ignored) string {
	if s.b.kafkaCat.KnownBroker(ig.WouldBe) {
		return "; use " + ig.Instead
	}
	return fmt.Sprintf("; %s would not help either: %s is not a broker property", ig.Instead, ig.WouldBe)
}

// clusterIDDefault is the KRaft cluster id an image formats its storage
// with when the project gives none (the images' entrypoint scripts):
// apache/kafka's and confluent-local's configureDefaults use a fixed id,
// debezium/kafka a fixed one of its own, bitnami generates a random id per
// container; cp-kafka and cp-server refuse to start without CLUSTER_ID.
func clusterIDDefault(f kafka.Family) string {
	switch f {
	case kafka.FamilyApache:
		return "5L6g3nShT-eMCtK--X86sw"
	case kafka.FamilyConfluentLocal:
		return "4L6g3nShT-eMCtK--X86sw"
	case kafka.FamilyDebezium:
		return "debezium/kafka's fixed default id"
	case kafka.FamilyBitnami:
		return "random"
	}
	return ""
}

// controllerNode keeps what the quorum and listener rules need of a
// controller-only node: its quorum settings (no other configuration, so
// no secret can reach the model through it) and the facts around them.
func controllerNode(b model.Broker) *model.Broker {
	c := b
	c.Config = map[string]model.Value{}
	for _, k := range quorumKeys {
		if v, ok := b.Config[k]; ok {
			c.Config[k] = v
		}
	}
	c.EnvNames = map[string]string{}
	for _, k := range quorumKeys {
		if name, ok := b.EnvNames[k]; ok {
			c.EnvNames[k] = name
		}
	}
	c.Properties = []model.Property{}
	c.Ignored = []model.IgnoredVar{}
	c.Rejected = []model.IgnoredVar{}
	return &c
}

// validClusterID reports whether kafka-storage format accepts id, as
// Kafka's Uuid.fromString does: at most 24 characters of URL-safe base64
// (padding optional) that decode to 16 bytes.
func validClusterID(id string) bool {
	if len(id) > 24 {
		return false
	}
	b, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(id, "="))
	return err == nil && len(b) == 16
}

// clusterIDOf is the KRaft cluster id given to the image.
func clusterIDOf(svc *compose.Service) model.Value {
	for _, name := range []string{"CLUSTER_ID", "KAFKA_CLUSTER_ID", "KAFKA_KRAFT_CLUSTER_ID"} {
		for _, e := range svc.Environment {
			if e.Name == name {
				v := model.Value{Value: e.Value, Source: model.SourceEnv, Loc: e.Loc.OrNil(), Var: e.Name, Set: true, Unresolved: e.Unresolved}
				if !e.Unresolved && e.Value != "" && !validClusterID(e.Value) {
					v.Invalid = fmt.Sprintf("%q is not a Kafka cluster id (a base64 UUID: 22 characters of URL-safe base64 for 16 bytes, as `kafka-storage random-uuid` prints), so kafka-storage format fails and the node does not start", e.Value)
				}
				return v
			}
		}
	}
	return model.Value{Source: model.SourceDefault}
}

// propertyFacts adds the catalog's judgement material to a property:
// value check, removal for the broker's version, deprecation.
func (s *assembly) propertyFacts(p *model.Property, img kafka.Image) {
	p.ZooKeeper = strings.HasPrefix(p.Key, "zookeeper.")
	cp, ok := s.b.kafkaCat.Broker(p.Key)
	if !ok {
		return
	}
	if !p.Unresolved {
		if err := cp.Check(p.Value); err != nil {
			p.Invalid = err.Error()
			p.Fix = cp.Fix(p.Value, err)
			var ve *kafka.ValueError
			p.Accepted = errors.As(err, &ve) && ve.Accepted
		}
	}
	if img.KafkaVersion != "" && cp.RemovedIn(img.KafkaVersion) {
		p.RemovedIn = cp.Removed
	}
	// Deprecated for the broker's version: a key deprecated in 3.6 is not
	// deprecated on a 3.5 image (an unknown version is taken as the latest).
	p.Deprecated = cp.Deprecated && (cp.DeprecatedSince == "" || img.KafkaVersion == "" ||
		kafka.CompareVersions(img.KafkaVersion, cp.DeprecatedSince) >= 0)
	if p.Deprecated {
		p.DeprecatedSince = cp.DeprecatedSince
	}
	p.Status = cp.RemovedOrDeprecated
	if cp.Mode == "zk-only" || strings.Contains(strings.ToLower(cp.RemovedOrDeprecated), "zookeeper mode") {
		p.ZooKeeper = true
	}
}

func (s *assembly) property(img kafka.Image, st model.Setting) model.Property {
	p := model.Property{Key: st.Key, Value: st.Value, Var: st.Var, Loc: st.Loc, Unresolved: st.Unresolved}
	cat := s.b.kafkaCat
	if cat.KnownBrokerOn(img, st.Key) {
		p.Known = true
		return p
	}
	if _, ok := cat.Topic(st.Key); ok {
		p.TopicLevel = true
		p.BrokerName = cat.BrokerSynonymOfTopic(st.Key)
		return p
	}
	if kafka.IsClientProperty(st.Key) {
		p.Client = true
		return p
	}
	p.Suggestion = cat.Suggest(st.Key)
	return p
}

// kafkaValue types a broker setting as Kafka reads it (kafka.Property.Typed:
// numbers, ms for durations, booleans; listener lists parsed). A value the
// project sets that Kafka would reject carries Invalid instead of a type.
func (s *assembly) kafkaValue(key string, st model.Setting, set bool) model.Value {
	v := model.Value{Value: st.Value, Source: st.Source, Loc: st.Loc.OrNil(), Var: st.Var, Unresolved: st.Unresolved, Set: set}
	if cp, ok := s.b.kafkaCat.Broker(key); ok && set && !st.Unresolved {
		if err := cp.Check(st.Value); err != nil {
			v.Invalid = err.Error()
		}
	}
	s.b.kafkaCat.TypeValue(key, false, &v)
	return v
}
