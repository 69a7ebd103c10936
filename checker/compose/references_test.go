package compose

import (
	"strings"
	"testing"
)

// TestUnsetSecretVariables: an unset variable that only ever gives its
// value to a setting whose name holds a secret is what SEC001 asks for
// (KAFKA_SSL_KEYSTORE_PASSWORD: ${KEYSTORE_PASSWORD}, the value in an
// untracked .env or the CI's secrets): LNT003 does not report it, though
// its value stays unknown. Any other use of the variable is reported.
func TestUnsetSecretVariables(t *testing.T) {
	for _, tt := range []struct {
		name   string
		env    string // the service's environment block
		report []string
	}{
		{name: "map form", env: "      KAFKA_SSL_KEYSTORE_PASSWORD: ${KEYSTORE_PASSWORD}\n"},
		{name: "required", env: "      KAFKA_SSL_KEY_PASSWORD: ${KEY_PASSWORD:?set KEY_PASSWORD}\n"},
		{name: "list form", env: "      - KAFKA_SSL_TRUSTSTORE_PASSWORD=${TRUSTSTORE_PASSWORD}\n"},
		{name: "user info", env: "      SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO: ${SR_USER}:${SR_PASSWORD}\n"},
		{name: "inside a JAAS configuration", env: "      KAFKA_SASL_JAAS_CONFIG: org.apache.kafka.common.security.plain.PlainLoginModule required username=\"app\" password=\"${APP_PASSWORD}\";\n"},
		{
			name:   "not a secret's name",
			env:    "      KAFKA_LOG_RETENTION_HOURS: ${RETENTION}\n",
			report: []string{"variable RETENTION is not set"},
		},
		{
			name:   "a secret's location",
			env:    "      KAFKA_SSL_KEYSTORE_LOCATION: ${SECRETS_DIR}/kafka.keystore.jks\n",
			report: []string{"variable SECRETS_DIR is not set"},
		},
		{
			name:   "also used elsewhere",
			env:    "      KAFKA_SSL_KEYSTORE_PASSWORD: ${STORE_PASSWORD}\n      KAFKA_OPTS: -Dstore.password=${STORE_PASSWORD}\n",
			report: []string{"variable STORE_PASSWORD is not set"},
		},
		{name: "a login shell's variable", env: "      KAFKA_LOG_DIRS: ${HOME}/kafka/data\n      KAFKA_OPTS: -Dconf=$PWD/conf -Duser=${USER}\n"},
		{
			name:   "list form, not a secret's name",
			env:    "      - KAFKA_NUM_PARTITIONS=${PARTITIONS}\n",
			report: []string{"variable PARTITIONS is not set"},
		},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeFiles(t, map[string]string{"compose.yaml": "services:\n  kafka:\n    image: confluentinc/cp-kafka:7.6.1\n    environment:\n" + tt.env})
			p := load(t, dir, Options{}, "compose.yaml")
			var got []string
			for _, u := range p.Unresolved {
				got = append(got, u.Message)
			}
			if len(got) != len(tt.report) {
				t.Fatalf("LNT003 reports %q, want %q", got, tt.report)
			}
			for i, want := range tt.report {
				if !strings.HasPrefix(got[i], want) {
					t.Errorf("LNT003 reports %q, want %q", got[i], want)
				}
			}
			// not reported is not known: the value is still unknown
			for _, e := range service(t, p, "kafka").Environment {
				if strings.Contains(tt.env, e.Name+": ${") && !e.Unresolved {
					t.Errorf("%s is not marked unresolved: %+v", e.Name, e)
				}
			}
		})
	}
}
