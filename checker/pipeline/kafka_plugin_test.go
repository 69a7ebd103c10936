package pipeline

import (
	"testing"
)

// TestPluginKeys checks that a key the broker does not define is taken as
// the one of a third-party plugin the broker loads when the key's first
// segment is a word of the plugin's class name (OPA's OpaAuthorizer reads
// opa.authorizer.url: StyraInc/opa-kafka-plugin's example compose got two
// KAF010 warnings), and only then: a misspelt Kafka key, a key of no
// plugin's words and a key beside Kafka's own StandardAuthorizer stay
// unknown.
func TestPluginKeys(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name    string
		env     string
		plugins map[string]string // variable -> plugin ("" for an unknown key of no plugin)
	}{
		{
			name: "opa authorizer",
			env: `      KAFKA_AUTHORIZER_CLASS_NAME: org.openpolicyagent.kafka.OpaAuthorizer
      KAFKA_OPA_AUTHORIZER_URL: http://opa:8181/v1/data/kafka/authz/allow
      KAFKA_OPA_AUTHORIZER_CACHE_EXPIRE_AFTER_SECONDS: 10
      KAFKA_LOG_RETENTION_HOUR: 24
      KAFKA_SOMETHING_ELSE_ENTIRELY: 1
`,
			plugins: map[string]string{
				"KAFKA_OPA_AUTHORIZER_URL":                        "org.openpolicyagent.kafka.OpaAuthorizer",
				"KAFKA_OPA_AUTHORIZER_CACHE_EXPIRE_AFTER_SECONDS": "org.openpolicyagent.kafka.OpaAuthorizer",
				"KAFKA_LOG_RETENTION_HOUR":                        "",
				"KAFKA_SOMETHING_ELSE_ENTIRELY":                   "",
			},
		},
		{
			name: "strimzi authorizer in its package",
			env: `      KAFKA_AUTHORIZER_CLASS_NAME: io.strimzi.kafka.oauth.server.authorizer.KeycloakAuthorizer
      KAFKA_STRIMZI_AUTHORIZATION_TOKEN_ENDPOINT_URI: http://keycloak:8080/token
`,
			plugins: map[string]string{"KAFKA_STRIMZI_AUTHORIZATION_TOKEN_ENDPOINT_URI": "io.strimzi.kafka.oauth.server.authorizer.KeycloakAuthorizer"},
		},
		{
			name: "kafka's own authorizer is no plugin",
			env: `      KAFKA_AUTHORIZER_CLASS_NAME: org.apache.kafka.metadata.authorizer.StandardAuthorizer
      KAFKA_METADATA_AUTHORIZER_X: 1
      KAFKA_OPA_AUTHORIZER_URL: http://opa:8181/v1/data/kafka/authz/allow
`,
			plugins: map[string]string{"KAFKA_OPA_AUTHORIZER_URL": ""},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			p := buildDir(t, map[string]string{"docker-compose.yml": `services:
  kafka:
    image: confluentinc/cp-kafka:7.6.1
    environment:
      KAFKA_BROKER_ID: 1
      KAFKA_ZOOKEEPER_CONNECT: zookeeper:2181
` + tc.env})
			if len(p.Brokers) != 1 {
				t.Fatalf("want one broker, got %d", len(p.Brokers))
			}
			seen := map[string]bool{}
			for _, pr := range p.Brokers[0].Properties {
				want, ok := tc.plugins[pr.Var]
				if !ok {
					continue
				}
				seen[pr.Var] = true
				if pr.Known {
					t.Errorf("%s: Known, want an unknown key", pr.Var)
				}
				if pr.Plugin != want {
					t.Errorf("%s: Plugin = %q, want %q", pr.Var, pr.Plugin, want)
				}
			}
			for v := range tc.plugins {
				if !seen[v] {
					t.Errorf("%s: no property", v)
				}
			}
		})
	}
}
