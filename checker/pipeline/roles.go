package pipeline

import (
	"regexp"
	"strings"

	"github.com/streamlint/streamlint/checker/compose"
)

// Roles: what a compose service is in the pipeline (a broker, a KRaft
// controller, a Kafka client, a Spark master, worker or submit), from its
// image, command and environment.

// kafkaToolRe recognises a service that runs a Kafka CLI tool or a
// script rather than a broker. The tool may be quoted, as in the common
// `entrypoint: ["/bin/sh", "-c"]` + `command: "kafka-topics ..."` form.
var kafkaToolRe = regexp.MustCompile(`(^|[/\s"'])(kafka-topics|kafka-configs|kafka-console-(producer|consumer)|kafka-consumer-groups|kafka-acls|kafka-storage)(\.sh)?(\s|$|["'])|(^|[/\s])(sh|bash)\s+-c(\s|$)|\.sh(\s|$|["'])`)

// brokerStartRe recognises a script that ends by starting the broker
// (cp-all-in-one's `bash -c '... && /etc/confluent/docker/run'`): such a
// service is a broker, not a client.
var brokerStartRe = regexp.MustCompile(`/etc/confluent/docker/run|/etc/kafka/docker/run|kafka-server-start|start-kafka\.sh|/opt/bitnami/scripts/kafka/(run|entrypoint)\.sh`)

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

// runsTool reports whether a service of a Kafka image runs a tool or a
// script instead of the broker (docs/concepts.md, Broker).
func runsTool(svc *compose.Service) bool {
	text := commandText(svc.Entrypoint) + " " + commandText(svc.Command)
	return kafkaToolRe.MatchString(text) && !brokerStartRe.MatchString(text)
}

var (
	workerCmdRe = regexp.MustCompile(`deploy\.worker\.Worker|start-(worker|slave)\.sh`)
	masterCmdRe = regexp.MustCompile(`deploy\.master\.Master|start-master\.sh`)
)

// sparkRole classifies Spark services; "" when the service is not Spark.
func (s *assembly) sparkRole(svc *compose.Service) string {
	cmd := commandText(svc.Command) + " " + commandText(svc.Entrypoint)
	mode := ""
	for _, e := range svc.Environment {
		if e.Name == "SPARK_MODE" {
			mode = strings.ToLower(e.Value)
		}
	}
	switch {
	case len(s.findSubmits(svc)) > 0:
		return "spark-submit"
	case mode == "worker" || workerCmdRe.MatchString(cmd):
		return "spark-worker"
	case mode == "master" || masterCmdRe.MatchString(cmd):
		return "spark-master"
	}
	return ""
}
