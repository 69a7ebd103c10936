package pipeline

import (
	"testing"
)

// TestUnknownPropertySuggestions checks the facts KAF010 judges, through
// each image's mapping: a misspelt property is not Known and carries the
// closest catalog key ("did you mean") with the variable that sets that
// key on the same image; helpers, topic-level and client keys are not
// suggested; another image's convention is Ignored with what was meant.
func TestUnknownPropertySuggestions(t *testing.T) {
	t.Parallel()
	type want struct {
		suggestion, envName string
	}
	for _, tc := range []struct {
		name    string
		files   map[string]string
		unknown map[string]want // by variable (or key, for a mounted file)
		ignored map[string]string
	}{
		{
			name: "cp-kafka",
			files: map[string]string{"docker-compose.yml": `services:
  kafka:
    image: confluentinc/cp-kafka:7.6.1
    environment:
      KAFKA_BROKER_ID: 1
      KAFKA_ZOOKEEPER_CONNECT: zookeeper:2181
      KAFKA_REPLICA_FETCH_MAX_BYES: 8388608
      KAFKA_LOG_RETENTION_HOUR: 24
      KAFKA_AUTO_CREATE_TOPIC_ENABLE: "false"
      KAFKA_LISTENER_NAME_CLIENT_SSL_KEYSTORE_LOCATON: /etc/kafka/secrets/client.jks
      KAFKA_SOMETHING_ELSE_ENTIRELY: 1
      KAFKA_HEAP_OPTS: -Xmx1G
      KAFKA_JMX_PORT: 9101
      KAFKA_OPTS: -Djava.security.auth.login.config=/etc/kafka/jaas.conf
      KAFKA_MAX_MESSAGE_BYTES: 1048588
      KAFKA_MAX_REQUEST_SIZE: 1048588
      KAFKA_CFG_NUM_PARTITIONS: 3
      KAFKA_CREATE_TOPICS: events:3:1
`},
			unknown: map[string]want{
				"KAFKA_REPLICA_FETCH_MAX_BYES":                    {"replica.fetch.max.bytes", "KAFKA_REPLICA_FETCH_MAX_BYTES"},
				"KAFKA_LOG_RETENTION_HOUR":                        {"log.retention.hours", "KAFKA_LOG_RETENTION_HOURS"},
				"KAFKA_AUTO_CREATE_TOPIC_ENABLE":                  {"auto.create.topics.enable", "KAFKA_AUTO_CREATE_TOPICS_ENABLE"},
				"KAFKA_LISTENER_NAME_CLIENT_SSL_KEYSTORE_LOCATON": {"listener.name.client.ssl.keystore.location", "KAFKA_LISTENER_NAME_CLIENT_SSL_KEYSTORE_LOCATION"},
				"KAFKA_SOMETHING_ELSE_ENTIRELY":                   {"", ""},
			},
			ignored: map[string]string{"KAFKA_CFG_NUM_PARTITIONS": "num.partitions", "KAFKA_CREATE_TOPICS": ""},
		},
		{
			name: "bitnami",
			files: map[string]string{"docker-compose.yml": `services:
  kafka:
    image: bitnami/kafka:3.7
    environment:
      KAFKA_CFG_NODE_ID: 0
      KAFKA_CFG_PROCESS_ROLES: controller,broker
      KAFKA_CFG_LOG_RETENTION_HOUR: 24
      KAFKA_LOG_RETENTION_CHECK_INTERVALS_MS: 300000
      KAFKA_HEAP_OPTS: -Xmx1G
      KAFKA_LOG_RETENTION_MS: 86400000
`},
			unknown: map[string]want{
				"KAFKA_CFG_LOG_RETENTION_HOUR": {"log.retention.hours", "KAFKA_CFG_LOG_RETENTION_HOURS"},
				// bitnami's own alias yields a misspelt key
				"KAFKA_LOG_RETENTION_CHECK_INTERVALS_MS": {"log.retention.check.interval.ms", "KAFKA_CFG_LOG_RETENTION_CHECK_INTERVAL_MS"},
			},
			ignored: map[string]string{"KAFKA_LOG_RETENTION_MS": "log.retention.ms"},
		},
		{
			name: "apache with a mounted file",
			files: map[string]string{
				"docker-compose.yml": `services:
  kafka:
    image: apache/kafka:3.8.0
    volumes:
      - ./server.properties:/mnt/shared/config/server.properties
    environment:
      KAFKA_NUM_PARTITION: 3
`,
				"server.properties": "process.roles=broker,controller\nnode.id=1\nlog.retention.byte=1073741824\n",
			},
			unknown: map[string]want{
				"KAFKA_NUM_PARTITION": {"num.partitions", "KAFKA_NUM_PARTITIONS"},
				"log.retention.byte":  {"log.retention.bytes", "KAFKA_LOG_RETENTION_BYTES"},
			},
		},
		{
			name: "wurstmeister",
			files: map[string]string{"docker-compose.yml": `services:
  kafka:
    image: wurstmeister/kafka:2.13-2.8.1
    environment:
      KAFKA_ZOOKEEPER_CONNECT: zookeeper:2181
      KAFKA_NUM_PARTITONS: 3
      KAFKA_CREATE_TOPICS: events:3:1
      KAFKA_JMX_PORT: 9101
`},
			unknown: map[string]want{"KAFKA_NUM_PARTITONS": {"num.partitions", "KAFKA_NUM_PARTITIONS"}},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			p := buildDir(t, tc.files)
			if len(p.Brokers) != 1 {
				t.Fatalf("want one broker, got %d", len(p.Brokers))
			}
			b := p.Brokers[0]
			got := map[string]want{}
			for _, pr := range b.Properties {
				if pr.Known || pr.TopicLevel || pr.Client {
					continue
				}
				id := pr.Var
				if id == "" {
					id = pr.Key
				}
				got[id] = want{pr.Suggestion, b.EnvNames[pr.Suggestion]}
			}
			for id, w := range tc.unknown {
				g, ok := got[id]
				switch {
				case !ok:
					t.Errorf("%s: not an unknown property; properties: %+v", id, b.Properties)
				case g != w:
					t.Errorf("%s: suggestion %q (%q), want %q (%q)", id, g.suggestion, g.envName, w.suggestion, w.envName)
				}
			}
			for id := range got {
				if _, ok := tc.unknown[id]; !ok {
					t.Errorf("%s: reported as unknown, want known, a helper, or judged by KAF009", id)
				}
			}
			gotIgnored := map[string]string{}
			for _, ig := range b.Ignored {
				gotIgnored[ig.Var] = ig.WouldBe
			}
			for v, would := range tc.ignored {
				if g, ok := gotIgnored[v]; !ok || g != would {
					t.Errorf("%s: ignored=%v would_be=%q, want would_be %q", v, ok, g, would)
				}
			}
			if len(gotIgnored) != len(tc.ignored) {
				t.Errorf("ignored %v, want %v", gotIgnored, tc.ignored)
			}
		})
	}
}
