package pipeline

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/streamlint/streamlint/checker/model"
)

func modelJSON(t *testing.T, p *model.Pipeline) string {
	t.Helper()
	data, err := json.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func serviceSecrets(p *model.Pipeline, name string) map[string]model.SecretRef {
	out := map[string]model.SecretRef{}
	for _, s := range p.Services {
		if s.Name == name {
			for _, r := range s.Secrets {
				out[r.Name] = r
			}
		}
	}
	return out
}

// A secret interpolated from .env is a variable, redacted, and masked
// where the same variable feeds another setting.
func TestInterpolatedSecretIsMaskedEverywhere(t *testing.T) {
	p := buildDir(t, map[string]string{
		".env": "PW=Env-Secret-1\n",
		"compose.yaml": `services:
  kafka:
    image: confluentinc/cp-kafka:7.5.0
    environment:
      KAFKA_ZOOKEEPER_CONNECT: zookeeper:2181
      KAFKA_SSL_KEYSTORE_PASSWORD: ${PW}
      KAFKA_ADVERTISED_LISTENERS: SASL_SSL://admin:${PW}@kafka:9093
      KAFKA_LOG_RETENTION_HOURS: 24
      KAFKA_BOOTSTRAP_SERVERS: kafka:9092,${PW}
`,
	})
	if strings.Contains(modelJSON(t, p), "Env-Secret-1") {
		t.Errorf("the model holds the interpolated secret:\n%s", modelJSON(t, p))
	}
	got := serviceSecrets(p, "kafka")
	if got["KAFKA_SSL_KEYSTORE_PASSWORD"].Secret != "variable" {
		t.Errorf("KAFKA_SSL_KEYSTORE_PASSWORD: %+v, want variable", got["KAFKA_SSL_KEYSTORE_PASSWORD"])
	}
	if r := got["KAFKA_ADVERTISED_LISTENERS"]; r.Secret != "variable" || r.Part != "the password of a URL" {
		t.Errorf("KAFKA_ADVERTISED_LISTENERS: %+v, want a variable URL password", r)
	}
	adv := p.Brokers[0].Config["advertised.listeners"]
	if adv.Value != "SASL_SSL://<redacted>@kafka:9093" || adv.Secret != "variable" {
		t.Errorf("advertised.listeners = %+v", adv)
	}
}

// A password equal to a service's name does not rename the service, and
// a value shared through an alias under another key is masked there
// without becoming a secret of that key.
// A bare environment entry (KEY: or - KEY) passes on the variable of the
// same name, as KEY: ${KEY} does: its value comes from .env, not from the
// compose file, so it is a variable, never a literal of the compose file.
// A value written in the file, even empty, is the file's.
func TestPassThroughEnvironmentIsAVariable(t *testing.T) {
	for _, tt := range []struct {
		name, entry, want string
	}{
		{name: "bare key", entry: "      RPC_SHARED_SECRET:\n", want: "variable"},
		{name: "null", entry: "      RPC_SHARED_SECRET: null\n", want: "variable"},
		{name: "reference", entry: "      RPC_SHARED_SECRET: ${RPC_SHARED_SECRET}\n", want: "variable"},
		{name: "literal", entry: "      RPC_SHARED_SECRET: Literal-Secret-2\n", want: "literal"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p := buildDir(t, map[string]string{
				".env":         "RPC_SHARED_SECRET=Env-Secret-2\n",
				"compose.yaml": "services:\n  kafka:\n    image: confluentinc/cp-kafka:7.6.1\n  web:\n    image: example/web:1\n    environment:\n" + tt.entry,
			})
			if r := serviceSecrets(p, "web")["RPC_SHARED_SECRET"]; r.Secret != tt.want {
				t.Errorf("RPC_SHARED_SECRET: %+v, want %s", r, tt.want)
			}
		})
	}
	for _, form := range []string{"      - RPC_SHARED_SECRET\n", "      - RPC_SHARED_SECRET=${RPC_SHARED_SECRET}\n"} {
		p := buildDir(t, map[string]string{
			".env":         "RPC_SHARED_SECRET=Env-Secret-2\n",
			"compose.yaml": "services:\n  web:\n    image: example/web:1\n    environment:\n" + form,
		})
		if r := serviceSecrets(p, "web")["RPC_SHARED_SECRET"]; r.Secret != "variable" {
			t.Errorf("list form %q: %+v, want variable", strings.TrimSpace(form), r)
		}
	}
}

func TestMaskingKeepsIdentifiers(t *testing.T) {
	p := buildDir(t, map[string]string{
		"compose.yaml": `services:
  kafka:
    image: confluentinc/cp-kafka:7.5.0
    environment:
      KAFKA_ZOOKEEPER_CONNECT: zookeeper:2181
      KAFKA_ADVERTISED_LISTENERS: PLAINTEXT://kafka:9092
      KAFKA_SSL_KEY_PASSWORD: kafka
      KAFKA_SSL_TRUSTSTORE_PASSWORD: &pw Alias-Secret-2
      KAFKA_NUM_PARTITIONS: *pw
`,
	})
	if p.Services[0].Name != "kafka" || p.Brokers[0].Service != "kafka" {
		t.Errorf("service renamed: %+v", p.Services[0])
	}
	if adv := p.Brokers[0].Config["advertised.listeners"]; adv.Value != "PLAINTEXT://kafka:9092" || len(adv.Listeners) != 1 || adv.Listeners[0].Host != "kafka" {
		t.Errorf("advertised.listeners = %+v", adv)
	}
	if strings.Contains(modelJSON(t, p), "Alias-Secret-2") {
		t.Error("the aliased secret is in the model")
	}
	np := p.Brokers[0].Config["num.partitions"]
	if np.Value != model.RedactedValue || np.Secret != "" {
		t.Errorf("num.partitions = %+v, want masked, not a secret of its own", np)
	}
	if got := serviceSecrets(p, "kafka"); got["KAFKA_SSL_KEY_PASSWORD"].Secret != "literal" || len(got) != 2 {
		t.Errorf("secrets = %+v", got)
	}
}

// Configuration files: Kafka client properties and JAAS files, also one a
// service names with -Djava.security.auth.login.config= under a name
// discovery does not know, with the services that mount them.
func TestConfigFilesSecrets(t *testing.T) {
	p := buildDir(t, map[string]string{
		"compose.yaml": `services:
  kafka:
    image: confluentinc/cp-kafka:7.5.0
    volumes:
      - ./jaas:/etc/kafka/jaas
    environment:
      KAFKA_ZOOKEEPER_CONNECT: zookeeper:2181
      KAFKA_ADVERTISED_LISTENERS: SASL_PLAINTEXT://kafka:9092
      KAFKA_OPTS: "-Djava.security.auth.login.config=/etc/kafka/jaas/server.jaas.txt"
`,
		"jaas/server.jaas.txt": `KafkaServer {
  org.apache.kafka.common.security.plain.PlainLoginModule required
  username="admin" password="Jaas-Secret-3"
  user_admin="Jaas-Secret-3";
};
`,
		"client/admin.properties": "bootstrap.servers=kafka:9092\nsecurity.protocol=SASL_PLAINTEXT\nsasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username=\"a\" password=\"${file:/run/secrets/p:pw}\";\nssl.key.password=Props-Secret-4\n",
	})
	if s := modelJSON(t, p); strings.Contains(s, "Jaas-Secret-3") || strings.Contains(s, "Props-Secret-4") {
		t.Errorf("a secret is in the model:\n%s", s)
	}
	files := map[string]model.ConfigFile{}
	for _, f := range p.ConfigFiles {
		files[f.Kind] = f
	}
	jaas := files["jaas"]
	if len(jaas.Secrets) != 2 || jaas.Secrets[0].Name != "KafkaServer password" || jaas.Secrets[0].Loc.Line != 3 || jaas.Secrets[1].Name != "KafkaServer user_admin" {
		t.Errorf("jaas = %+v", jaas)
	}
	if len(jaas.Services) != 1 || jaas.Services[0] != "kafka" {
		t.Errorf("jaas services = %v", jaas.Services)
	}
	client := files["kafka-client"]
	if len(client.Secrets) != 1 || client.Secrets[0].Name != "ssl.key.password" || client.Secrets[0].Secret != "literal" {
		t.Errorf("client = %+v (the config provider reference is not a secret)", client)
	}
}

// Two brokers whose ZooKeeper connect strings differ only by a credential
// stay one cluster after masking (two clusters of one id would make
// policies fail).
func TestClusterIDsAreRedacted(t *testing.T) {
	p := buildDir(t, map[string]string{
		"compose.yaml": `services:
  kafka-1:
    image: confluentinc/cp-kafka:7.5.0
    environment:
      KAFKA_ZOOKEEPER_CONNECT: u:Zk-Secret-5@zookeeper:2181
  kafka-2:
    image: confluentinc/cp-kafka:7.5.0
    environment:
      KAFKA_ZOOKEEPER_CONNECT: u:Zk-Secret-6@zookeeper:2181
`,
	})
	if len(p.Clusters) != 1 || p.Clusters[0].BrokerCount != 2 {
		t.Errorf("clusters = %+v", p.Clusters)
	}
	if s := modelJSON(t, p); strings.Contains(s, "Zk-Secret") {
		t.Errorf("a secret is in the model:\n%s", s)
	}
}
