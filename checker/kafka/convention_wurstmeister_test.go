package kafka

import (
	"fmt"
	"slices"
	"testing"
)

// TestTranslateWurstmeister is section 4 of the conventions notes.
func TestTranslateWurstmeister(t *testing.T) {
	t.Parallel()
	const wm = "wurstmeister/kafka:2.13-2.8.1"
	runTranslateCases(t, []translateCase{
		{name: "advertised host name", image: wm, env: []string{"KAFKA_ADVERTISED_HOST_NAME=192.168.99.100"}, props: []string{"advertised.host.name=192.168.99.100"}},
		{name: "message max bytes", image: wm, env: []string{"KAFKA_MESSAGE_MAX_BYTES=2000000"}, props: []string{"message.max.bytes=2000000"}},
		{name: "auto create", image: wm, env: []string{"KAFKA_AUTO_CREATE_TOPICS_ENABLE=false"}, props: []string{"auto.create.topics.enable=false"}},
		{name: "topic-level name", image: wm, env: []string{"KAFKA_MAX_MESSAGE_BYTES=1"}, props: []string{"max.message.bytes=1"}},
		{name: "no escapes", image: wm, env: []string{"KAFKA_LISTENER_NAME_SASL_SSL_X=1", "KAFKA_A__B=2"}, props: []string{"listener.name.sasl.ssl.x=1", "a..b=2"}},
		{
			name: "exclusions", image: wm,
			env: []string{
				"KAFKA_VERSION=2.8.1", "KAFKA_HOME=/opt/kafka", "KAFKA_DEBUG=y", "KAFKA_GC_LOG_OPTS=x", "KAFKA_HEAP_OPTS=-Xmx1G",
				"KAFKA_JMX_OPTS=x", "KAFKA_JVM_PERFORMANCE_OPTS=x", "KAFKA_LOG=x", "KAFKA_OPTS=x",
			},
			helpers: []string{
				"KAFKA_VERSION", "KAFKA_HOME", "KAFKA_DEBUG", "KAFKA_GC_LOG_OPTS", "KAFKA_HEAP_OPTS", "KAFKA_JMX_OPTS",
				"KAFKA_JVM_PERFORMANCE_OPTS", "KAFKA_LOG", "KAFKA_OPTS",
			},
		},
		{
			name: "helpers and leaks", image: wm,
			env: []string{
				"KAFKA_LOG4J_OPTS=-Dx", "KAFKA_JMX_PORT=1099", "KAFKA_CREATE_TOPICS_SEPARATOR=;", "KAFKA_CREATE_TOPICS=a:1:1",
				"HOSTNAME_COMMAND=hostname -i", "PORT_COMMAND=x", "BROKER_ID_COMMAND=x", "RACK_COMMAND=x", "CUSTOM_INIT_SCRIPT=x",
				"LOG4J_LOGGER_KAFKA_AUTHORIZER_LOGGER=DEBUG",
			},
			helpers: []string{
				"KAFKA_LOG4J_OPTS", "KAFKA_JMX_PORT", "KAFKA_CREATE_TOPICS_SEPARATOR", "KAFKA_CREATE_TOPICS",
				"HOSTNAME_COMMAND", "PORT_COMMAND", "BROKER_ID_COMMAND", "RACK_COMMAND", "CUSTOM_INIT_SCRIPT",
				"LOG4J_LOGGER_KAFKA_AUTHORIZER_LOGGER",
			},
			leaked: []string{"log4j.opts=-Dx", "jmx.port=1099", "create.topics.separator=;"},
		},
		{
			name: "bitnami convention on wurstmeister", image: wm, env: []string{"KAFKA_CFG_NUM_PARTITIONS=3"},
			ignored: []string{"KAFKA_CFG_NUM_PARTITIONS>num.partitions>cfg.num.partitions"},
		},
	})
}

func TestTopics(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		image string
		env   []string
		want  []string // name/partitions/replicas/cleanup
	}{
		{"wurstmeister", "wurstmeister/kafka", []string{"KAFKA_CREATE_TOPICS=Topic1:1:3,Topic2:1:1:compact"}, []string{"Topic1/1/3/", "Topic2/1/1/compact"}},
		{"spaces", "wurstmeister/kafka", []string{"KAFKA_CREATE_TOPICS= a:3:1 , b:2:1 ,,"}, []string{"a/3/1/", "b/2/1/"}},
		{"separator", "wurstmeister/kafka", []string{"KAFKA_CREATE_TOPICS=a:1:1;b:2:1", "KAFKA_CREATE_TOPICS_SEPARATOR=;"}, []string{"a/1/1/", "b/2/1/"}},
		{"newline separator", "wurstmeister/kafka", []string{"KAFKA_CREATE_TOPICS=a:1:1\nb:2:1\n", `KAFKA_CREATE_TOPICS_SEPARATOR=$'\n'`}, []string{"a/1/1/", "b/2/1/"}},
		{"missing fields", "wurstmeister/kafka", []string{"KAFKA_CREATE_TOPICS=a,b:x:1"}, []string{"a/-1/-1/", "b/-1/1/"}},
		{"debezium", "debezium/kafka:2.7", []string{"CREATE_TOPICS=orders:3:1"}, []string{"orders/3/1/"}},
		{"not on confluent", "confluentinc/cp-kafka:7.5.0", []string{"KAFKA_CREATE_TOPICS=a:1:1"}, nil},
	}
	for _, tt := range tests {
		tr := Translate(ParseImage(tt.image), env(tt.env...))
		var got []string
		for _, tp := range tr.Topics {
			got = append(got, fmt.Sprintf("%s/%d/%d/%s", tp.Name, tp.Partitions, tp.ReplicationFactor, tp.CleanupPolicy))
			if tp.Loc.Line != 1 || tp.Source == "" || tp.Raw == "" {
				t.Errorf("%s: topic %+v lacks location, source or raw text", tt.name, tp)
			}
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s: topics %q, want %q", tt.name, got, tt.want)
		}
	}
	unresolved := []EnvVar{{Name: "KAFKA_CREATE_TOPICS", Value: "${TOPICS}", Unresolved: true}}
	if tr := Translate(ParseImage("wurstmeister/kafka"), unresolved); len(tr.Topics) != 0 || len(tr.Helpers) != 1 {
		t.Errorf("unresolved topics: %+v", tr)
	}
}
