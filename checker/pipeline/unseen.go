package pipeline

import (
	"bytes"
	"regexp"

	"github.com/streamlint/streamlint/checker/compose"
	"github.com/streamlint/streamlint/checker/kafka"
	"github.com/streamlint/streamlint/checker/model"
)

// checksClusterID reports whether kafka-storage format refuses a cluster
// id that is not a base64 UUID: up to Kafka 3.6 it parsed the id
// (Uuid.fromString in StorageTool's buildMetadataProperties); from 3.7 it
// writes meta.properties with the string as given, and the node starts
// (Jaeger's CI runs apache/kafka:3.9.0 with CLUSTER_ID
// test_kafka_cluster_id). An unknown version is not judged.
func checksClusterID(release []int) bool {
	return len(release) == 2 && (release[0] < 3 || release[0] == 3 && release[1] < 7)
}

// unknownWhereUnseen marks what the project may set where streamlint
// cannot see it (unseenSettings): every broker key the rules read
// (effectiveKeys, readKeys), the heap and the cluster id that the project
// does not set where streamlint can see them are unknown, as the value of
// an unset ${VAR} is, so that no rule judges a default the unseen part may
// override. The roles stay as the visible configuration gives them (the
// image's mode).
func (s *assembly) unknownWhereUnseen(b *model.Broker, ks *kafkaService) {
	if ks.svc == nil || ks.direct && !ks.scriptReadsEnv {
		return
	}
	unknown, ok := unseenSettings(ks.svc)
	if ks.scriptReadsEnv {
		unknown, ok = model.Value{Value: "<unknown: the repository's start script writes the KAFKA_* variables into the configuration>", Source: model.SourceEnv, Loc: ks.svc.Loc.OrNil(), Set: true, Unresolved: true}, true
	}
	if !ok {
		return
	}
	for _, keys := range [][]string{effectiveKeys, readKeys} {
		for _, key := range keys {
			if v, ok := b.Config[key]; !ok || !v.Set {
				b.Config[key] = unknown
			}
		}
	}
	if !b.Heap.Set {
		b.Heap = unknown
	}
	if !b.ClusterID.Set {
		b.ClusterID = unknown
	}
}

// readsKafkaEnv reports whether a start script reads the service's
// configuration variables: it names a variable the image's convention
// would make a broker property (props, translated from the service's
// environment, Kafka's keys only), or expands or lists the environment by prefix (bash's
// ${!KAFKA_CFG_@}, env | grep KAFKA_). A script that only formats the
// storage with $KAFKA_CLUSTER_ID or echoes $KAFKA_JMX_PORT reads no
// configuration.
func readsKafkaEnv(script []byte, props []model.Setting) bool {
	if scriptEnvLoopRe.Match(script) {
		return true
	}
	for _, p := range props {
		if p.Var != "" && !kafkaRunClassVars[p.Var] && bytes.Contains(script, []byte(p.Var)) {
			return true
		}
	}
	return false
}

var scriptEnvLoopRe = regexp.MustCompile(`\$\{!KAFKA|KAFKA_CFG_|\b(printenv|compgen -e)\b|\benv\s*\|`)

// kafkaRunClassVars are read by Kafka's own scripts (kafka-run-class.sh),
// whoever starts the broker: a start script naming them says nothing of
// the configuration.
var kafkaRunClassVars = map[string]bool{"KAFKA_HEAP_OPTS": true, "KAFKA_OPTS": true, "KAFKA_JMX_OPTS": true, "KAFKA_LOG4J_OPTS": true, "KAFKA_JVM_PERFORMANCE_OPTS": true, "KAFKA_GC_LOG_OPTS": true, "KAFKA_DEBUG": true}

// unseenSettings is the unknown value that stands for settings a service
// may have where streamlint cannot see them: in an env_file that could not
// be read (missing, unparsable; LNT003 reports it), or, for a service with
// neither an image nor a build, in the compose file it overrides (docker
// compose -f base.yml -f this.yml; the base sets the image and may set
// anything else).
func unseenSettings(svc *compose.Service) (model.Value, bool) {
	switch {
	case len(svc.UnreadEnvFiles) > 0:
		return unreadEnvFileValue(svc.UnreadEnvFiles[0]), true
	case svc.Image == "" && !svc.HasBuild || svc.BaseUnseen:
		return model.Value{Value: "<unknown: the service's image and the rest of its settings are in the compose file it overrides>", Source: model.SourceEnv, Loc: svc.Loc.OrNil(), Set: true, Unresolved: true}, true
	}
	return model.Value{}, false
}

// unreadEnvFileValue stands for a value an env_file that could not be
// read may set: unknown, located at the env_file entry.
func unreadEnvFileValue(f compose.UnreadEnvFile) model.Value {
	return model.Value{Value: "<unknown: env_file " + f.Name + " is not read>", Source: model.SourceEnv, Loc: f.Loc.OrNil(), Set: true, Unresolved: true}
}

// unknownImageDefaults: an image recognised only by its variables (a
// local build FROM a JDK with Kafka's tarball or from a base it cannot
// follow, a private image that uses bitnami's KAFKA_CFG_* names, an image
// of its own conventions that happens to use KAFKA_LISTENERS) translates
// them as its convention does, but its packaging is its own: where it
// keeps its data, the cluster id its entrypoint formats with, the keys the
// release archive's server.properties sets (the replication of the
// internal topics, the retention) and listeners it may derive from the
// advertised ones (as cp-kafka does) are unknown here. No rule judges the
// family's packaging or Kafka's code defaults in their place.
func unknownImageDefaults(b *model.Broker, ks *kafkaService) {
	if !ks.image.Heuristic || ks.svc == nil {
		return
	}
	unknown := model.Value{Value: "<unknown: the image's own default>", Source: model.SourceBaseline, Loc: ks.svc.ImageLoc.OrNil(), Set: true, Unresolved: true}
	// The image may derive its listeners from the advertised ones (as
	// cp-kafka and apache/kafka do) and bake a server.properties (the
	// release archive's keys), except where KAFKA_X_Y names on an image
	// named by an unset variable (apache/kafka's examples run
	// IMAGE=apache/kafka:latest) point to cp-kafka or apache/kafka, which
	// start from Kafka's own defaults when the environment configures them.
	keys := []string{"listeners", "log.dirs", "log.dir"}
	if ks.image.Family != kafka.FamilyConfluent || ks.svc.HasBuild || !ks.svc.ImageUnresolved {
		keys = append(kafka.ArchiveServerPropertiesKeys(), "listeners")
	}
	for _, key := range keys {
		if !b.Config[key].Set {
			b.Config[key] = unknown
		}
	}
	if !b.ClusterID.Set {
		b.ClusterID = unknown
	}
}

// readKeys are the broker properties the built-in rules read besides
// effectiveKeys (TestReadKeysCoverThePolicies keeps the two lists whole):
// what an unread env_file makes unknown. Marking only these keeps a broker
// of unknown configuration as small as any other in the model.
var readKeys = []string{
	"advertised.host.name",
	"advertised.listeners",
	"advertised.port",
	"broker.id",
	"broker.rack",
	"controller.listener.names",
	"controller.quorum.bootstrap.servers",
	"controller.quorum.voters",
	"host.name",
	"inter.broker.listener.name",
	"node.id",
	"port",
	"zookeeper.connect",
	"zookeeper.metadata.migration.enable",
}
