package secret

import (
	"fmt"
	"strings"
	"testing"
)

func TestIsName(t *testing.T) {
	secret := []string{
		"KAFKA_SSL_KEYSTORE_PASSWORD", "ssl.key.password", "sasl.jaas.config", "KAFKA_SASL_JAAS_CONFIG",
		"KAFKA_LISTENER_NAME_SASL__SSL_PLAIN_SASL_JAAS_CONFIG", "listener.name.client.scram-sha-256.sasl.jaas.config",
		"POSTGRES_PASSWORD", "DB_PASS", "DB_PWD", "MYSQL_PWD", "PGPASSWORD", "spark.ssl.keyStorePassword",
		"AIRFLOW__WEBSERVER__SECRET_KEY", "AIRFLOW__CORE__FERNET_KEY", "AWS_SECRET_ACCESS_KEY", "GITHUB_TOKEN",
		"spark.hadoop.fs.azure.account.key.acct.dfs.core.windows.net", "AZURE_STORAGE_KEY", "AZURE_STORAGE_ACCOUNT_KEY",
		"ssl.keystore.key", "KAFKA_SSL_KEYSTORE_KEY", "fs.gs.auth.service.account.private.key", "spark.redis.auth",
		"KAFKA_CONFLUENT_BASIC_AUTH_USER_INFO", "schema.registry.basic.auth.user.info", "delegation.token.secret.key",
		"password.encoder.secret", "spark.authenticate.secret", "MINIO_ROOT_PASSWORD", "sfPassword", "api_key", "apiKey",
		"KAFKA_CLIENT_PASSWORDS", "CLIENT_SECRET", "ssl.truststore.password",
		"CONNECT_CONFIG_PROVIDERS_SECRET_PARAM_MASTER_ENCRYPTION_KEY", "CONNECT_CONFIG_PROVIDERS_SECRET_PARAM_KAFKASTORE_SSL_KEY_PASSWORD",
	}
	notSecret := []string{
		"KAFKA_CONFLUENT_METADATA_SERVER_TOKEN_MAX_LIFETIME_MS", "KAFKA_LISTENER_NAME_TOKEN_SSL_PRINCIPAL_MAPPING_RULES",
		"CASSANDRA_NUM_TOKENS", "ssl.keystore.location", "POSTGRES_PASSWORD_FILE", "KAFKA_SSL_KEYSTORE_CREDENTIALS",
		"KAFKA_SSL_KEYSTORE_FILENAME", "sasl.oauthbearer.token.endpoint.url", "KAFKA_SASL_ENABLED_MECHANISMS",
		"ssl.keystore.type", "fs.azure.account.keyprovider.acct.dfs.core.windows.net", "AWS_ACCESS_KEY_ID",
		"spark.authenticate.secret.file", "password.encoder.cipher.algorithm", "basic.auth.credentials.source",
		"spark.kubernetes.driver.secretKeyRef.DB_PASSWORD", "spark.kubernetes.driver.secrets.spark-secret",
		"KAFKA_BYPASS", "delegation.token.expiry.time.ms", "ssl.client.auth", "KAFKA_SSL_CLIENT_AUTH",
		"confluent.metadata.server.token.key.path", "KAFKA_CLIENT_USERS", "sasl.login.callback.handler.class",
		"KAFKA_NUM_PARTITIONS", "SPARK_MASTER_URL", "CONNECT_CONFIG_PROVIDERS_SECRET_PARAM_KAFKASTORE_BOOTSTRAP_SERVERS",
		"config.providers.secret.param.kafkastore.topic", "CONNECT_CONFIG_PROVIDERS_SECRET_CLASS",
	}
	for _, n := range secret {
		if !IsName(n) {
			t.Errorf("IsName(%q) = false, want true", n)
		}
	}
	for _, n := range notSecret {
		if IsName(n) {
			t.Errorf("IsName(%q) = true, want false", n)
		}
	}
}

func TestJudge(t *testing.T) {
	cases := []struct {
		name, value string
		want        bool
	}{
		// measured false alarms
		{"KAFKA_CONFLUENT_METADATA_SERVER_TOKEN_MAX_LIFETIME_MS", "3600000", false},
		{"KAFKA_LISTENER_NAME_TOKEN_SSL_PRINCIPAL_MAPPING_RULES", "RULE:^CN=([a-zA-Z0-9.]*).*$/$1/ , DEFAULT", false},
		{"KAFKA_LISTENER_NAME_TOKEN_OAUTHBEARER_SASL_JAAS_CONFIG", `org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required publicKeyPath="/tmp/conf/public.pem";`, false},
		{"CASSANDRA_NUM_TOKENS", "256", false},
		{"NESSIE_CATALOG_SECRETS_ACCESS_KEY", "urn:nessie-secret:quarkus:my-secrets.s3-default", false},
		// measured misses
		{"KAFKA_CONFLUENT_BASIC_AUTH_USER_INFO", "superUser:superUser", true},
		{"SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO", "sr:sr-secret", true},
		{"KAFKA_SASL_JAAS_CONFIG", `org.apache.kafka.common.security.plain.PlainLoginModule required username="admin" password="admin-secret" user_alice="alice-secret";`, true},
		// judged by value
		{"KAFKA_SASL_JAAS_CONFIG", "org.apache.kafka.common.security.scram.ScramLoginModule required;", false},
		{"KAFKA_SASL_JAAS_CONFIG", `org.apache.kafka.common.security.scram.ScramLoginModule required username="admin" password="${file:/etc/kafka/pw.properties:pw}";`, false},
		{"KAFKA_SASL_JAAS_CONFIG", `org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required clientId="x" clientSecret="s3cr3t";`, true},
		{"KAFKA_SSL_KEYSTORE_PASSWORD", "confluent", true},
		{"KAFKA_SSL_KEYSTORE_PASSWORD", "${KEYSTORE_PASSWORD}", false},
		{"KAFKA_SSL_KEYSTORE_PASSWORD", "$KEYSTORE_PASSWORD", false},
		{"KAFKA_SSL_KEYSTORE_PASSWORD", "/run/secrets/keystore", false},
		{"KAFKA_SSL_KEYSTORE_PASSWORD", "<keystore password>", false},
		{"KAFKA_SSL_KEYSTORE_PASSWORD", "changeme", false},
		{"KAFKA_SSL_KEYSTORE_PASSWORD", "dummy", false},
		{"spark.hadoop.fs.s3a.secret.key", "test", false}, // LocalStack accepts any
		{"AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", false},
		{"spark.hadoop.fs.s3a.secret.key", "minio123", true},
		// placeholders seen in public repositories (demo-scene, lakeFS-samples)
		{"sasl.password", "{API Secret or Password}", false},
		{"KAFKA_SSL_KEYSTORE_PASSWORD", "%KEYSTORE_PASSWORD%", false},
		{"KAFKA_SSL_KEYSTORE_PASSWORD", "@@KEYSTORE_PASSWORD@@", false},
		{"spark.hadoop.fs.s3a.access.key", "AKIAIOSAWSSSAMPLES", false},
		{"GOOGLE_CREDENTIALS", `{"type":"service_account","private_key":"-----BEGIN PRIVATE KEY-----abc"}`, true},
		{"spring.datasource.password", "{noop}s3cr3t", true},
		{"KAFKA_SSL_KEYSTORE_PASSWORD", "123456", true}, // a number written as a password is the password
		{"KAFKA_SSL_KEYSTORE_PASSWORD", "changeit", true},
		{"GITHUB_TOKEN", "3600", false},
		{"TOKEN_REFRESH", "30s", false},
		{"SECRET_ENABLED", "true", false},
		{"MYSQL_ALLOW_EMPTY_PASSWORD", "yes", false},
		{"VAULT_SECRET", "vault:secret/data/kafka#password", false},
		{"DB_SECRET", "arn:aws:secretsmanager:eu-west-1:123456789012:secret:db", false},
		{"GOOGLE_APPLICATION_CREDENTIALS", "/secrets/gcp.json", false},
		{"KAFKA_SSL_KEYSTORE_PASSWORD", "", false},
		// credentials found by value whatever the name
		{"KAFKA_ADVERTISED_LISTENERS", "SASL_SSL://admin:pw-123@kafka:9092", true},
		{"KAFKA_ADVERTISED_LISTENERS", "SASL_SSL://kafka:9092,PLAINTEXT://localhost:29092", false},
		{"KAFKA_ZOOKEEPER_CONNECT", "zkuser:zk-pw@zookeeper:2181", true},
		{"KAFKA_ZOOKEEPER_CONNECT", "zookeeper:2181", false},
		{"SPARK_JDBC_URL", "jdbc:postgresql://db:5432/app?user=app&password=app-pw", true},
		{"SPARK_JDBC_URL", "jdbc:postgresql://db:5432/app?user=app&password=${PW}", false},
		{"CONN", "jdbc:sqlserver://db:1433;databaseName=x;user=sa;password=Sa-pass1", true},
		{"AZURE_STORAGE_CONNECTION_STRING", "DefaultEndpointsProtocol=https;AccountName=a;AccountKey=abc123==;EndpointSuffix=core.windows.net", true},
		{"AZURE_STORAGE_CONNECTION_STRING", "DefaultEndpointsProtocol=https;AccountName=a;AccountKey=<account-key>;EndpointSuffix=core.windows.net", false},
		// a connection string is judged by its keys, as a URL by its
		// userinfo: Event Hubs' template holds no credential
		{"KAFKA_SASL_JAAS_CONFIG", `org.apache.kafka.common.security.plain.PlainLoginModule required username="$ConnectionString" password="Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=XXXXXX;SharedAccessKey=XXXXXX";`, false},
		{"KAFKA_SASL_JAAS_CONFIG", `org.apache.kafka.common.security.plain.PlainLoginModule required username="$ConnectionString" password="Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=<your-key>";`, false},
		{"KAFKA_SASL_JAAS_CONFIG", `org.apache.kafka.common.security.plain.PlainLoginModule required username="$ConnectionString" password="Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=kq3Fh2x9ZbC1+abcDEF0=";`, true},
		{"EVENTHUB_PASSWORD", "Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=XXXXXX;SharedAccessKey=XXXXXX", false},
		{"EVENTHUB_PASSWORD", "Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=kq3Fh2x9ZbC1+abcDEF0=", true},
		{"DB_PASSWORD", "Server=db;User Id=sa;Password=<password>", false},
		{"DB_PASSWORD", "Server=db;User Id=sa;Password=Sa-pass1", true},
		// a value with no key to judge is judged as a whole
		{"EVENTHUB_PASSWORD", "Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=send", true},
		{"KAFKA_OPTS", "-Djavax.net.ssl.trustStorePassword=ts-pw -Djava.security.auth.login.config=/etc/kafka/jaas.conf", true},
		{"KAFKA_OPTS", "-Djava.security.auth.login.config=/etc/kafka/jaas.conf", false},
		{"KAFKA_SUPER_USERS", "User:admin;User:alice@EXAMPLE.COM", false},
		{"IMAGE", "confluentinc/cp-kafka:7.5.0@sha256:abcdef", false},
		{"MAILTO", "mailto:ops@example.com", false},
		{"CERT", "-----BEGIN PRIVATE KEY-----\nMIIEv\n-----END PRIVATE KEY-----", true},
		{"KAFKA_BOOTSTRAP_SERVERS", "kafka:9092", false},
	}
	for _, c := range cases {
		if got := Judge(c.name, c.value).Secret; got != c.want {
			t.Errorf("Judge(%q, %q).Secret = %v, want %v", c.name, c.value, got, c.want)
		}
	}
}

// TestJAASConnectionString: a JAAS file's password that is a connection
// string holds a credential only when one of its keys does.
func TestJAASConnectionString(t *testing.T) {
	for _, tt := range []struct {
		key  string
		want int
	}{
		{key: "XXXXXX"},
		{key: "<your-key>"},
		{key: "${EVENTHUB_KEY}"},
		{key: "kq3Fh2x9ZbC1+abcDEF0=", want: 1},
	} {
		text := "KafkaClient {\n    org.apache.kafka.common.security.plain.PlainLoginModule required\n" +
			"    username=\"$ConnectionString\"\n" +
			"    password=\"Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=XXXXXX;SharedAccessKey=" + tt.key + "\";\n};\n"
		if got := JAAS(text); len(got) != tt.want {
			t.Errorf("SharedAccessKey=%s: %d credentials %+v, want %d", tt.key, len(got), got, tt.want)
		}
	}
}

func TestJudgeParts(t *testing.T) {
	v := `org.apache.kafka.common.security.plain.PlainLoginModule required username="admin" password="admin-secret" user_alice="alice-secret";`
	got := strings.Join(Judge("KAFKA_SASL_JAAS_CONFIG", v).Parts(v), ",")
	if got != "admin-secret,alice-secret" {
		t.Errorf("parts = %q", got)
	}
	v = "SASL_SSL://admin:p@ss@kafka:9092,SASL_SSL://u:v@k2:9093"
	if got := strings.Join(Judge("KAFKA_ADVERTISED_LISTENERS", v).Parts(v), ","); got != "p@ss,v" {
		t.Errorf("parts = %q", got)
	}
}

// TestFindEscapedQuotes: a JAAS configuration inside a JSON string (a
// connector's config posted with curl -d) escapes its quotes: the value of
// password=\"...\" is what the escaped quotes hold, not the backslash
// before them (MaterializeInc/demos' mysql_dbz.sh, whose password is
// \"'${API_SECRET}'\", was reported as a literal secret).
func TestFindEscapedQuotes(t *testing.T) {
	cases := []struct{ value, want string }{
		{`{"sasl.jaas.config": "PlainLoginModule required username=\"${API_KEY}\" password=\"${API_SECRET}\";"}`, ""},
		{`{"sasl.jaas.config": "PlainLoginModule required username=\"${API_KEY}\" password=\"<secret>\";"}`, ""},
		{`{"sasl.jaas.config": "PlainLoginModule required username=\"alice\" password=\"alice-secret\";"}`, "alice-secret"},
		{`{"sasl.jaas.config": "PlainLoginModule required username=\"alice\" password=\"a\\b\";"}`, `a\\b`},
		{`jdbc:postgresql://db/x?user=u&password=\"p-w\"`, "p-w"},
	}
	for _, c := range cases {
		var parts []string
		for _, sp := range Find(c.value) {
			parts = append(parts, c.value[sp.Start:sp.End])
		}
		if got := strings.Join(parts, ","); got != c.want {
			t.Errorf("Find(%q) = %q, want %q", c.value, got, c.want)
		}
	}
}

func TestRedact(t *testing.T) {
	cases := map[string]string{
		"SASL_SSL://admin:pw-123@kafka:9092":                     "SASL_SSL://<redacted>@kafka:9092",
		"listeners SASL_SSL://admin:pw-123@kafka:9092 and x":     "listeners SASL_SSL://<redacted>@kafka:9092 and x",
		"zookeeper.connect=zkuser:zk-pw@zookeeper:2181":          "zookeeper.connect=zkuser:<redacted>@zookeeper:2181",
		"jdbc:postgresql://db/app?user=app&password=app-pw&x=1":  "jdbc:postgresql://db/app?user=app&password=<redacted>&x=1",
		"-Djavax.net.ssl.trustStorePassword=ts-pw -Dx=y":         "-Djavax.net.ssl.trustStorePassword=<redacted> -Dx=y",
		`PlainLoginModule required username="a" password="b-c";`: `PlainLoginModule required username="a" password="<redacted>";`,
		"nothing here: kafka:9092, a=b":                          "nothing here: kafka:9092, a=b",
		"scheme://<redacted>@host":                               "scheme://<redacted>@host",
	}
	for in, want := range cases {
		if got := Redact(in); got != want {
			t.Errorf("Redact(%q) = %q, want %q", in, got, want)
		}
		if got := Redact(Redact(in)); got != want {
			t.Errorf("Redact is not idempotent on %q: %q", in, got)
		}
	}
}

func TestMasker(t *testing.T) {
	var m Masker
	m.Add("kafka")         // common: exact only
	m.Add(`"Canary-Pw-1"`) // distinctive: everywhere
	cases := map[string]string{
		"kafka":                          Marker,
		"kafka:9092":                     "kafka:9092",
		"Canary-Pw-1":                    Marker,
		"num.partitions=Canary-Pw-1 (x)": "num.partitions=" + Marker + " (x)",
	}
	for in, want := range cases {
		if got := m.Mask(in); got != want {
			t.Errorf("Mask(%q) = %q, want %q", in, got, want)
		}
	}
	type inner struct{ Name, Value string }
	doc := struct {
		Items []inner
		ByKey map[string]inner
		Ptr   *inner
	}{
		Items: []inner{{Name: "kafka", Value: "kafka"}},
		ByKey: map[string]inner{"x": {Name: "y", Value: "a Canary-Pw-1 b"}},
		Ptr:   &inner{Value: "SASL_SSL://u:p-1@h:1"},
	}
	m.MaskAll(&doc, map[string]bool{"Name": true})
	if doc.Items[0].Name != "kafka" || doc.Items[0].Value != Marker {
		t.Errorf("items: %+v", doc.Items)
	}
	if doc.ByKey["x"].Value != "a "+Marker+" b" {
		t.Errorf("map: %+v", doc.ByKey)
	}
	if doc.Ptr.Value != "SASL_SSL://"+Marker+"@h:1" {
		t.Errorf("ptr: %+v", doc.Ptr)
	}
}

func TestRedactQuotedAfterName(t *testing.T) {
	cases := map[string]string{
		`options(password="hunter-2", user="bob")`:                      `options(password="<redacted>", user="bob")`,
		`"kafka.sasl.jaas.config": "x y z"`:                             `"kafka.sasl.jaas.config": "<redacted>"`,
		`.config("spark.ssl.keyPassword", "Kp-1")`:                      `.config("spark.ssl.keyPassword", "<redacted>")`,
		`"ssl.truststore.password" -> "Tp-1"`:                           `"ssl.truststore.password" -> "<redacted>"`,
		`option("kafka.ssl.truststore.location", "/etc/x.jks")`:         `option("kafka.ssl.truststore.location", "/etc/x.jks")`,
		`KAFKA_SSL_KEYSTORE_PASSWORD: "${KEYSTORE_PASSWORD}"`:           `KAFKA_SSL_KEYSTORE_PASSWORD: "${KEYSTORE_PASSWORD}"`,
		`format is not a literal (fmt); the stream's format is unknown`: `format is not a literal (fmt); the stream's format is unknown`,
	}
	for in, want := range cases {
		if got := Redact(in); got != want {
			t.Errorf("Redact(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestMaskAllLongLists: a list long enough to be walked in two halves at
// once is masked in both halves, identifiers kept.
func TestMaskAllLongLists(t *testing.T) {
	var m Masker
	m.Add("Canary-Pw-2")
	type item struct{ Name, Value string }
	doc := struct{ Items []item }{}
	for i := range 1200 {
		doc.Items = append(doc.Items, item{Name: fmt.Sprintf("broker-%d", i), Value: fmt.Sprintf("pw Canary-Pw-2 at %d", i)})
	}
	m.MaskAll(&doc, map[string]bool{"Name": true})
	for i, it := range doc.Items {
		if it.Name != fmt.Sprintf("broker-%d", i) || it.Value != fmt.Sprintf("pw %s at %d", Marker, i) {
			t.Fatalf("item %d = %+v", i, it)
		}
	}
}
