package kafka

import (
	"strconv"
	"strings"
)

// Family is a group of Kafka container images that share one convention for
// turning environment variables into broker properties.
type Family string

// The image families streamlint recognises.
const (
	FamilyConfluent      Family = "confluent"       // confluentinc/cp-kafka, cp-server, cp-enterprise-kafka
	FamilyConfluentLocal Family = "confluent-local" // confluentinc/confluent-local
	FamilyApache         Family = "apache"          // apache/kafka, apache/kafka-native
	FamilyBitnami        Family = "bitnami"         // bitnami/kafka, bitnamilegacy/kafka (any registry)
	FamilyWurstmeister   Family = "wurstmeister"    // wurstmeister/kafka
	FamilyDebezium       Family = "debezium"        // debezium/kafka, quay.io/debezium/kafka
	FamilyUbuntu         Family = "ubuntu"          // ubuntu/kafka (no known env convention)
	FamilyRedpanda       Family = "redpanda"        // redpandadata/redpanda, vectorized/redpanda (not Kafka config)
	FamilyUnknown        Family = ""
)

// Image is a parsed image reference.
type Image struct {
	Ref    string // as written in the compose file
	Repo   string // repository path, lower-cased, registry host, tag and digest stripped: "confluentinc/cp-kafka"
	Tag    string // "7.5.0"; "" when absent or when the reference is pinned by digest only
	Family Family
	// KafkaVersion is the Kafka major.minor the tag implies ("3.5", "4.0",
	// "2.8"), or "" when the tag does not say (latest, no tag, digest, a
	// major-only tag such as bitnami/kafka:3, debezium tags).
	KafkaVersion string
	// Heuristic is true when Family was guessed from the environment
	// (GuessImage) rather than recognised from the reference.
	Heuristic bool
}

// ConfluentServer reports whether the image is Confluent Server
// (cp-server, or its old name cp-enterprise-kafka), which understands
// confluent.* broker properties and maps CONFLUENT_METRICS_* variables.
func (img Image) ConfluentServer() bool {
	return img.Family == FamilyConfluent &&
		(repoIs(img.Repo, "confluentinc/cp-server") || repoIs(img.Repo, "confluentinc/cp-enterprise-kafka"))
}

// Native reports whether the image is apache/kafka-native (a GraalVM binary:
// KAFKA_HEAP_OPTS and other JVM settings have no effect).
func (img Image) Native() bool {
	return img.Family == FamilyApache && repoIs(img.Repo, "apache/kafka-native")
}

// familyOf maps a repository path to its family. A path matches an entry
// when it equals the entry or ends with "/" + entry, so mirrors such as
// "registry.example.com/mirror/bitnami/kafka" are recognised too.
func familyOf(repo string) Family {
	known := [...]struct {
		repo   string
		family Family
	}{
		{"confluentinc/cp-kafka", FamilyConfluent},
		{"confluentinc/cp-server", FamilyConfluent},
		{"confluentinc/cp-enterprise-kafka", FamilyConfluent},
		{"confluentinc/confluent-local", FamilyConfluentLocal},
		{"apache/kafka", FamilyApache},
		{"apache/kafka-native", FamilyApache},
		{"bitnami/kafka", FamilyBitnami},
		{"bitnamilegacy/kafka", FamilyBitnami},
		{"bitnamisecure/kafka", FamilyBitnami}, // hardened line; assumed to share the scripts (unverified)
		{"wurstmeister/kafka", FamilyWurstmeister},
		{"debezium/kafka", FamilyDebezium},
		{"ubuntu/kafka", FamilyUbuntu},
		{"redpandadata/redpanda", FamilyRedpanda},
		{"vectorized/redpanda", FamilyRedpanda},
	}
	for _, k := range known {
		if repoIs(repo, k.repo) {
			return k.family
		}
	}
	return FamilyUnknown
}

func repoIs(repo, want string) bool {
	if repo == want || strings.HasSuffix(repo, "/"+want) {
		return true
	}
	// "$REGISTRY/cp-server" is confluentinc/cp-server on some registry:
	// names only one vendor uses are recognised under a variable prefix
	i := strings.LastIndexByte(repo, '/')
	j := strings.LastIndexByte(want, '/')
	if i < 0 || j < 0 || !strings.Contains(repo[:i], "$") || repo[i+1:] != want[j+1:] {
		return false
	}
	name := repo[i+1:]
	return strings.HasPrefix(name, "cp-") || name == "confluent-local" || name == "kafka-native"
}

// ParseImage recognises the image family and Kafka version from an image
// reference such as "confluentinc/cp-kafka:7.5.0",
// "docker.io/bitnami/kafka:3.7.0-debian-12-r3@sha256:..." or
// "quay.io/debezium/kafka:2.7". A bare "kafka" image (the planned Docker
// Official Image) is not recognised: its provenance is unknown.
func ParseImage(ref string) Image {
	img := Image{Ref: ref}
	s := strings.TrimSpace(ref)
	if i := strings.IndexByte(s, '@'); i >= 0 {
		s = s[:i]
	}
	if i := strings.LastIndexByte(s, ':'); i >= 0 && i > strings.LastIndexByte(s, '/') {
		img.Tag = s[i+1:]
		s = s[:i]
	}
	if i := strings.IndexByte(s, '/'); i >= 0 {
		if first := s[:i]; strings.ContainsAny(first, ".:") || first == "localhost" {
			s = s[i+1:]
		}
	}
	img.Repo = strings.ToLower(s)
	img.Family = familyOf(img.Repo)
	if !strings.Contains(img.Tag, "$") { // a tag from a variable says nothing
		img.KafkaVersion = kafkaVersionFromTag(img.Family, img.Tag)
	}
	return img
}

// GuessImage parses ref and, when it names no recognised image (a service
// built locally with build:, or an image of the project's own registry),
// guesses the family from the environment with GuessFamily and marks the
// result Heuristic.
func GuessImage(ref string, env []EnvVar) Image {
	img := ParseImage(ref)
	if img.Family != FamilyUnknown {
		return img
	}
	f := GuessFamily(env)
	if f == FamilyConfluent && confluentDerived(img.Repo) {
		// a re-tag of cp-server or cp-kafka with a few packages added
		// (confluentinc/examples builds localbuild/cp-server-tc:<CP
		// version> FROM cp-server): Confluent's packaging, whose version
		// the tag names
		img.Family = FamilyConfluent
		if !strings.Contains(img.Tag, "$") {
			img.KafkaVersion = kafkaVersionFromTag(img.Family, img.Tag)
		}
		return img
	}
	if f != FamilyUnknown {
		img.Family = f
		img.Heuristic = true
	}
	return img
}

// confluentDerived reports whether an image's name is Confluent's broker
// image with a suffix of its own (cp-server-tc, cp-kafka-custom), and not
// one of Confluent's other cp-kafka-* and cp-server-* images (Connect,
// the REST proxy), which are not brokers.
func confluentDerived(repo string) bool {
	name := repo[strings.LastIndexByte(repo, '/')+1:]
	for _, base := range []string{"cp-server-", "cp-kafka-"} {
		if rest, ok := strings.CutPrefix(name, base); ok {
			return !strings.Contains(rest, "connect") && !strings.Contains(rest, "rest") && rest != "mqtt"
		}
	}
	return false
}

// GuessFamily guesses the env convention of a service whose image is not
// recognised, from the variable names alone, in this order:
// KAFKA_CFG_* means bitnami; KAFKA_ADVERTISED_HOST_NAME or
// KAFKA_CREATE_TOPICS means wurstmeister; the broker settings every
// broker needs (CLUSTER_ID with KAFKA_PROCESS_ROLES, KAFKA_NODE_ID,
// KAFKA_BROKER_ID, KAFKA_ZOOKEEPER_CONNECT, KAFKA_ADVERTISED_LISTENERS,
// KAFKA_LISTENERS, KAFKA_CONTROLLER_QUORUM_VOTERS) mean the Confluent
// convention (which apache/kafka shares: KAFKA_X_Y is x.y). Without any
// of these signals it returns FamilyUnknown: a service that merely has
// KAFKA_BOOTSTRAP_SERVERS, or the KAFKA_CLUSTERS_* of Kafka UI, is a
// client, not a broker.
func GuessFamily(env []EnvVar) Family {
	has := func(name string) bool {
		for _, v := range env {
			if v.Name == name {
				return true
			}
		}
		return false
	}
	for _, v := range env {
		if strings.HasPrefix(v.Name, "KAFKA_CFG_") {
			return FamilyBitnami
		}
	}
	if has("KAFKA_ADVERTISED_HOST_NAME") || has("KAFKA_CREATE_TOPICS") {
		return FamilyWurstmeister
	}
	if has("CLUSTER_ID") && has("KAFKA_PROCESS_ROLES") {
		return FamilyConfluent
	}
	for _, name := range []string{"KAFKA_ZOOKEEPER_CONNECT", "KAFKA_ADVERTISED_LISTENERS", "KAFKA_PROCESS_ROLES",
		"KAFKA_NODE_ID", "KAFKA_BROKER_ID", "KAFKA_LISTENERS", "KAFKA_CONTROLLER_QUORUM_VOTERS"} {
		if has(name) {
			return FamilyConfluent
		}
	}
	return FamilyUnknown
}

// kafkaVersionFromTag derives the Kafka major.minor from an image tag.
func kafkaVersionFromTag(f Family, tag string) string {
	switch f {
	case FamilyConfluent, FamilyConfluentLocal:
		major, minor, ok := leadingMajorMinor(tag)
		if !ok {
			return ""
		}
		return confluentToKafka(major, minor)
	case FamilyApache, FamilyBitnami, FamilyUbuntu:
		// apache "3.7.0", bitnami "3.7.0-debian-12-r3", ubuntu "3.1-22.04_beta".
		if major, minor, ok := leadingMajorMinor(tag); ok {
			return strconv.Itoa(major) + "." + strconv.Itoa(minor)
		}
	case FamilyWurstmeister:
		// "<scala>-<kafka>" such as "2.13-2.8.1"; very old tags are just the
		// Kafka version ("0.10.2.1"). The image was frozen at 2.13-2.8.1 in
		// 2022, so "latest" (or no tag) is Kafka 2.8.
		if tag == "" || tag == "latest" {
			return "2.8"
		}
		t := tag
		if i := strings.IndexByte(t, '-'); i >= 0 {
			t = t[i+1:]
		}
		if major, minor, ok := leadingMajorMinor(t); ok {
			return strconv.Itoa(major) + "." + strconv.Itoa(minor)
		}
	}
	return ""
}

// confluentToKafka maps a Confluent Platform release to the Kafka release it
// ships (Confluent's published interoperability table; 8.x continues the
// 8.Y -> 4.Y pattern).
func confluentToKafka(major, minor int) string {
	switch major {
	case 3:
		switch minor {
		case 0, 1, 2:
			return "0.10"
		case 3:
			return "0.11"
		}
	case 4:
		if minor <= 1 {
			return "1." + strconv.Itoa(minor)
		}
	case 5:
		if minor <= 5 {
			return "2." + strconv.Itoa(minor)
		}
	case 6:
		if minor <= 2 {
			return "2." + strconv.Itoa(6+minor)
		}
	case 7:
		if minor <= 9 {
			return "3." + strconv.Itoa(minor)
		}
	case 8:
		return "4." + strconv.Itoa(minor)
	}
	return ""
}

// leadingMajorMinor parses "X.Y" at the start of s ("7.5.0-1-ubi8" -> 7, 5).
func leadingMajorMinor(s string) (major, minor int, ok bool) {
	major, rest, ok := leadingInt(s)
	if !ok || !strings.HasPrefix(rest, ".") {
		return 0, 0, false
	}
	minor, _, ok = leadingInt(rest[1:])
	return major, minor, ok
}

func leadingInt(s string) (n int, rest string, ok bool) {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i == 0 || i > 6 {
		return 0, s, false
	}
	n, err := strconv.Atoi(s[:i])
	return n, s[i:], err == nil
}

// CompareVersions compares dotted version strings numerically, component by
// component ("3.10" > "3.9"; "4" == "4.0"). A component's leading digits are
// compared; anything after them ("0-rc1") is ignored. It returns -1, 0 or +1.
func CompareVersions(a, b string) int {
	for a != "" || b != "" {
		var ca, cb string
		ca, a, _ = strings.Cut(a, ".")
		cb, b, _ = strings.Cut(b, ".")
		na, _, _ := leadingInt(ca)
		nb, _, _ := leadingInt(cb)
		switch {
		case na < nb:
			return -1
		case na > nb:
			return 1
		}
	}
	return 0
}

// versionBetween reports whether v lies in [lo, hi] (either bound may be
// ""). An unknown v ("") yields ifUnknown.
func versionBetween(v, lo, hi string, ifUnknown bool) bool {
	if v == "" {
		return ifUnknown
	}
	if lo != "" && CompareVersions(v, lo) < 0 {
		return false
	}
	if hi != "" && CompareVersions(v, hi) > 0 {
		return false
	}
	return true
}
