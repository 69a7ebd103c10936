package pipeline

import (
	"path/filepath"
	"regexp"
	"strings"

	"github.com/streamlint/streamlint/checker/compose"
)

// Roles: what a compose service is in the pipeline (a broker, a KRaft
// controller, a Kafka client, a Spark master, worker or submit), from its
// image, command and environment.

// kafkaToolRe recognises a service that runs a Kafka CLI tool or a
// script rather than a broker: any program of Kafka's bin directory but
// kafka-server-start (MirrorMaker 2 and Connect workers, ZooKeeper run
// from a Kafka image, kafka-run-class of another class than kafka.Kafka,
// which brokerStartRe sees first). The tool may be quoted, as in the
// common `entrypoint: ["/bin/sh", "-c"]` + `command: "kafka-topics ..."`
// form.
var kafkaToolRe = regexp.MustCompile(`(^|[/\s"'])(kafka-(topics|configs|console-(producer|consumer|share-consumer)|consumer-groups|acls|storage|mirror-maker|run-class|streams-application-reset|reassign-partitions|leader-election|log-dirs|dump-log|get-offsets|metadata-quorum|metadata-shell|delete-records|broker-api-versions|features|transactions|cluster|groups|share-groups|client-metrics|delegation-tokens|replica-verification|(producer|consumer)-perf-test|verifiable-(producer|consumer)|e2e-latency|jmx)|connect-(mirror-maker|distributed|standalone|plugin-path)|zookeeper-(server-start|shell|security-migration)|trogdor)(\.sh)?(\s|$|["'])|(^|[/\s])(sh|bash)\s+-c(\s|$)|\.sh(\s|$|["'])`)

// brokerStartRe recognises a script that ends by starting the broker
// (cp-all-in-one's `bash -c '... && /etc/confluent/docker/run'`): such a
// service is a broker, not a client.
var brokerStartRe = regexp.MustCompile(`/etc/confluent/docker/run|/etc/kafka/docker/run|kafka-server-start|start-kafka\.sh|/opt/bitnami/scripts/kafka/(run|entrypoint)\.sh|\bkafka\.Kafka\b`)

// brokerScript is the text of a script of the repository, copied into
// the service's image or bind-mounted, that its entrypoint or command runs
// and that starts the broker (a custom entrypoint.sh that formats the
// storage and then execs kafka-server-start.sh); nil when there is none.
func (s *assembly) brokerScript(svc *compose.Service) []byte {
	for _, c := range []*compose.Command{svc.Entrypoint, svc.Command} {
		for _, p := range scriptPaths(c) {
			host := s.hostPath(svc, p)
			if host == "" {
				continue
			}
			if data, err := s.readBounded(host); err == nil && brokerStartRe.Match(data) {
				return data
			}
		}
	}
	return nil
}

// imageRunRe recognises the images' own start scripts, which write the
// KAFKA_* variables into the broker's configuration before starting it.
var imageRunRe = regexp.MustCompile(`/etc/confluent/docker/run|/etc/kafka/docker/run|start-kafka\.sh|/opt/bitnami/scripts/kafka/(run|entrypoint)\.sh`)

// scriptPaths are the absolute .sh paths a command runs.
func scriptPaths(c *compose.Command) []string {
	if c == nil {
		return nil
	}
	words := strings.Fields(c.Shell)
	if c.IsList {
		words = words[:0]
		for _, a := range c.Args {
			words = append(words, strings.Fields(a.Text)...)
		}
	}
	var out []string
	for _, w := range words {
		w = strings.Trim(w, `"';&|`)
		if strings.HasPrefix(w, "/") && strings.HasSuffix(w, ".sh") {
			out = append(out, w)
		}
	}
	return out
}

// hostPath is the repository file at a path of the service's container:
// bind-mounted, or copied into its image from the build context; "" when
// neither.
func (s *assembly) hostPath(svc *compose.Service, p string) string {
	for _, v := range svc.Volumes {
		t := strings.TrimSuffix(v.Target, "/")
		if v.Type == "bind" && t != "" && (p == t || strings.HasPrefix(p, t+"/")) {
			return filepath.Join(v.Source, filepath.FromSlash(strings.TrimPrefix(p, t)))
		}
	}
	img := s.images[svc]
	if img == nil || svc.Build == nil {
		return ""
	}
	for _, c := range img.Copies {
		for _, src := range c.Sources {
			if c.Target(src) == p && !strings.ContainsAny(src, "*?[") {
				return filepath.Join(svc.Build.Context, filepath.FromSlash(src))
			}
		}
	}
	return ""
}

// commandText is a command or entrypoint as one string, for matching.
func commandText(c *compose.Command) string {
	if c == nil {
		return ""
	}
	if !c.IsList {
		return c.Shell
	}
	words := make([]string, len(c.Args))
	for i, a := range c.Args {
		words[i] = a.Text
	}
	return strings.Join(words, " ")
}

// runsTool reports whether a service of a Kafka image runs something
// other than the broker (docs/concepts.md, Services and their roles): a
// Kafka tool, a script, or a command that replaces the image's own (a
// shell, `sleep infinity`), unless the command ends by starting the
// broker.
func runsTool(svc *compose.Service) bool {
	text := commandText(svc.Entrypoint) + " " + commandText(svc.Command)
	if brokerStartRe.MatchString(text) {
		return false
	}
	return kafkaToolRe.MatchString(text) || replacesProcess(svc)
}

// replacingCommands start something other than the image's server when
// they are a service's command or entrypoint.
var replacingCommands = map[string]bool{
	"bash": true, "sh": true, "ash": true, "zsh": true, "sleep": true, "tail": true, "true": true,
	"cat": true, "echo": true, "python": true, "python3": true,
}

// replacesProcess reports whether the service's entrypoint or command is
// a shell or a utility, which runs instead of the image's server.
func replacesProcess(svc *compose.Service) bool {
	for _, c := range []*compose.Command{svc.Entrypoint, svc.Command} {
		if c == nil {
			continue
		}
		first := ""
		if c.IsList {
			if len(c.Args) > 0 {
				first = c.Args[0].Text
			}
		} else if f := strings.Fields(c.Shell); len(f) > 0 {
			first = f[0]
		}
		first = strings.Trim(first, `"'`)
		if i := strings.LastIndexByte(first, '/'); i >= 0 {
			first = first[i+1:]
		}
		if replacingCommands[first] {
			return true
		}
	}
	return false
}

// kafkaClientRe recognises the images of Kafka's ecosystem that are
// clients of the brokers, not brokers: Connect, Schema Registry, ksqlDB,
// REST Proxy, Control Center, MirrorMaker and the web consoles.
var kafkaClientRe = regexp.MustCompile(`(^|/)(cp-kafka-connect(-base)?|kafka-connect[\w.-]*|connect|cp-schema-registry|schema-registry|cp-ksqldb-(server|cli)|ksqldb-(server|cli)|cp-ksql-(server|cli)|cp-kafka-rest|kafka-rest|cp-enterprise-control-center(-next-gen)?|control-center[\w-]*|kafka-ui|kafdrop|akhq|console|kafka-mirror-maker[\w-]*|mirror-maker[\w-]*|cp-enterprise-replicator[\w-]*)$`)

// clientImage reports whether an image reference names a Kafka client
// application of the ecosystem.
func clientImage(image string) bool {
	repo := image
	if i := strings.IndexByte(repo, '@'); i >= 0 {
		repo = repo[:i]
	}
	if i := strings.LastIndexByte(repo, ':'); i > strings.LastIndexByte(repo, '/') {
		repo = repo[:i]
	}
	return kafkaClientRe.MatchString(strings.ToLower(repo))
}

var (
	workerCmdRe = regexp.MustCompile(`deploy\.worker\.Worker|start-(worker|slave)\.sh`)
	masterCmdRe = regexp.MustCompile(`deploy\.master\.Master|start-master\.sh`)
	// notebookRe: images that run Spark in the notebook's own process
	notebookRe = regexp.MustCompile(`(pyspark|all-spark|spark)-notebook`)
)

// sparkRole classifies Spark services; "" when the service is not Spark.
// A worker or master is recognised by what it runs (the Worker or Master
// class, the start scripts), by the environment the images read
// (SPARK_MODE on bitnami, SPARK_WORKLOAD on many custom images, the worker's
// own SPARK_WORKER_MEMORY and SPARK_WORKER_CORES), or by an image named
// spark-worker or spark-master (big-data-europe's, custom builds).
func (s *assembly) sparkRole(svc *compose.Service) string {
	cmd := commandText(svc.Command) + " " + commandText(svc.Entrypoint)
	mode, workerEnv := "", false
	for _, e := range svc.Environment {
		switch e.Name {
		case "SPARK_MODE", "SPARK_WORKLOAD":
			mode = strings.ToLower(strings.TrimSpace(e.Value))
		case "SPARK_WORKER_MEMORY", "SPARK_WORKER_CORES":
			workerEnv = true
		}
	}
	// a built service is named by its base image and by the tag compose
	// gives the build (image: spark-worker:latest over FROM spark-base)
	image := strings.ToLower(s.imageRef(svc) + " " + svc.Image)
	switch {
	case len(s.findSubmits(svc)) > 0:
		return "spark-submit"
	case mode == "worker" || workerCmdRe.MatchString(cmd):
		return "spark-worker"
	case mode == "master" || masterCmdRe.MatchString(cmd):
		return "spark-master"
	case strings.Contains(image, "spark-worker"):
		return "spark-worker"
	case strings.Contains(image, "spark-master"):
		return "spark-master"
	case workerEnv && mode == "":
		return "spark-worker"
	case notebookRe.MatchString(image):
		return "spark-driver"
	}
	return ""
}

// zookeeperService reports whether a service runs ZooKeeper.
func zookeeperService(svc *compose.Service) bool {
	if strings.Contains(strings.ToLower(svc.Image), "zookeeper") {
		return true
	}
	for _, e := range svc.Environment {
		if e.Name == "ZOOKEEPER_CLIENT_PORT" || e.Name == "ZOO_MY_ID" || e.Name == "ZOO_SERVERS" {
			return true
		}
	}
	return false
}
