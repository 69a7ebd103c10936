// Package secret is the one place that knows what a secret looks like:
// which setting names hold one, which values are one (judged by value as
// well as by name), where credentials hide inside longer values (the
// userinfo of a URL, a password= in a JAAS configuration or a query
// string, a -D...Password= JVM option, a PEM private key), and how to mask
// them. The pipeline builder uses it to keep secrets out of the model, the
// linter and the reports as a last line of defence over every string they
// print (SECURITY.md, promise 1).
//
// It imports nothing else from streamlint. Its regular expressions are
// compiled once, at package initialisation, and nothing else runs then.
package secret

import (
	"regexp"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"
)

// Marker replaces every secret: in the policy input, in messages, in
// reports, in baselines. model.RedactedValue is the same string.
const Marker = "<redacted>"

// How a secret is written (model.SecretRef.Secret and Value.Secret).
const (
	Literal  = "literal"  // in the checked file itself
	Variable = "variable" // from ${VAR} (interpolated from .env or --env-file) or a config provider
	File     = "file"     // from a compose env_file
	// Emulator is an AWS credential only LocalStack receives: it accepts
	// any, so the value opens nothing (still redacted, never reported).
	Emulator = "emulator"
)

// --- names

// listenerPrefixRe is Kafka's per-listener prefix, in property form
// (listener.name.<listener>.) and in environment form
// (KAFKA_LISTENER_NAME_<LISTENER>_, KAFKA_CFG_LISTENER_NAME_..., where a
// listener name's own underscore is written __): the listener's name is
// not part of the setting's name (a listener called TOKEN holds no token).
var listenerPrefixRe = regexp.MustCompile(`^(?:(?:kafka_(?:cfg_)?)?listener_name_(?:[a-z0-9]+(?:___?))*[a-z0-9]+_|listener\.name\.[^.]+\.)`)

// providerPrefixRe is the prefix of a Kafka config provider's parameters
// (config.providers.<name>.param., CONNECT_CONFIG_PROVIDERS_<NAME>_PARAM_):
// a provider called "secret" is not a secret.
var providerPrefixRe = regexp.MustCompile(`(?:^|[._])config[._]providers[._][a-z0-9-]+[._]param[._]`)

// nameRe recognises names of settings that hold a secret, on the lower-cased
// name without its listener prefix: passwords (also *_PASS, *_PWD),
// passphrases, secrets, tokens, JAAS configurations, private, API, access,
// account, storage, secret, Fernet, signing, encryption and master keys,
// credentials files' contents, basic-auth user info, Redis auth.
var nameRe = regexp.MustCompile(`passw(?:or)?d|passwd|passphrase|(?:^|[._-])(?:pass|pwd)(?:$|[._-])|secret|token(?:$|[._-])|jaas|(?:private|api|access|account|storage|secret|fernet|signing|encryption|master)[._-]?key(?:$|[._-])|apikey|keystore[._-]key$|credentials?[._-]?(?:json|key)$|user[._-]?info$|redis[._-]?auth$`)

// passwordNameRe marks names that say the value is a password: a number
// written there is the password, not a quantity.
var passwordNameRe = regexp.MustCompile(`passw(?:or)?d|passwd|passphrase|(?:^|[._-])(?:pass|pwd)$`)

// notSecretWords end the names of settings that only point at a secret or
// configure how secrets are handled (ssl.keystore.location,
// KAFKA_SSL_KEYSTORE_CREDENTIALS, a file name under /etc/kafka/secrets on
// Confluent images), or that hold a quantity (..._TOKEN_MAX_LIFETIME_MS).
var notSecretWords = map[string]bool{
	"location": true, "file": true, "filename": true, "files": true, "path": true, "dir": true, "directory": true,
	"type": true, "algorithm": true, "algorithms": true, "provider": true, "providers": true, "class": true,
	"classname": true, "enable": true, "enabled": true, "mechanism": true, "mechanisms": true, "callback": true,
	"handler": true, "manager": true, "endpoint": true, "url": true, "uri": true, "urls": true, "host": true,
	"hosts": true, "port": true, "ms": true, "sec": true, "secs": true, "seconds": true, "minutes": true,
	"hours": true, "days": true, "bytes": true, "size": true, "count": true, "length": true, "lifetime": true,
	"expiry": true, "ttl": true, "timeout": true, "interval": true, "rules": true, "rule": true, "mapping": true,
	"name": true, "names": true, "arn": true, "id": true, "ref": true, "source": true, "format": true,
	"version": true, "prefix": true, "header": true, "mode": true, "policy": true, "protocol": true,
	"factory": true, "iterations": true, "credentials": true, "required": true, "method": true, "methods": true,
	"scope": true, "audience": true, "issuer": true, "claim": true, "max": true, "min": true, "retries": true,
	"backoff": true, "refresh": true, "generator": true, "keyref": true, "secretkeyref": true, "user": true,
	"username": true, "users": true, "server": true, "servers": true, "address": true, "addresses": true,
}

// wordSplitRe splits a lower-cased name into its words.
var wordSplitRe = regexp.MustCompile(`[._-]+`)

// IsName reports whether a setting or environment variable name holds a
// secret (KAFKA_SSL_KEYSTORE_PASSWORD, sasl.jaas.config, DB_PWD,
// spark.hadoop.fs.azure.account.key.<account>.dfs.core.windows.net) rather
// than pointing at one (ssl.keystore.location, POSTGRES_PASSWORD_FILE) or
// measuring something (KAFKA_CONFLUENT_METADATA_SERVER_TOKEN_MAX_LIFETIME_MS,
// CASSANDRA_NUM_TOKENS).
func IsName(name string) bool {
	if v, ok := isNameCache.Load(name); ok {
		return v.(bool)
	}
	is := isName(name)
	if isNameCached.Add(1) <= maxCachedNames {
		isNameCache.Store(name, is)
	}
	return is
}

// isNameCache memoizes IsName (its regular expressions backtrack: 5% of a
// large run's CPU, judging the same few hundred names in every pipeline),
// for at most maxCachedNames names.
var (
	isNameCache  sync.Map
	isNameCached atomic.Int64
)

const maxCachedNames = 1 << 14

func isName(name string) bool {
	n := normName(name)
	if !nameRe.MatchString(n) {
		return false
	}
	words := wordSplitRe.Split(n, -1)
	if notSecretWords[words[len(words)-1]] {
		return false
	}
	// Kubernetes secrets Spark mounts or reads: the value names the secret
	if strings.Contains(n, "secretkeyref") || strings.HasPrefix(n, "spark.kubernetes.") && strings.Contains(n, ".secrets.") {
		return false
	}
	return true
}

func normName(name string) string {
	n := strings.ToLower(strings.TrimSpace(name))
	n = listenerPrefixRe.ReplaceAllString(n, "")
	if i := providerPrefixRe.FindStringIndex(n); i != nil {
		n = n[i[1]:]
	}
	return n
}

// isPasswordName reports whether the name says its value is a password.
func isPasswordName(name string) bool { return passwordNameRe.MatchString(normName(name)) }

// userInfoNameRe marks names whose value is user:password (Confluent's
// basic.auth.user.info, *_BASIC_AUTH_USER_INFO).
var userInfoNameRe = regexp.MustCompile(`user[._-]?info$`)

// --- values

var (
	numberRe   = regexp.MustCompile(`^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$`)
	booleanRe  = regexp.MustCompile(`(?i)^(?:true|false|yes|no|on|off|enabled?|disabled?|null|none|nil)$`)
	durationRe = regexp.MustCompile(`(?i)^(?:\d+(?:\.\d+)?\s*(?:ns|us|µs|ms|s|sec|secs|seconds?|m|min|mins|minutes?|h|hr|hrs|hours?|d|days?|w|weeks?)|P(?:\d+[YMWD])+(?:T(?:\d+(?:\.\d+)?[HMS])+)?|PT(?:\d+(?:\.\d+)?[HMS])+)$`)
	// a path: absolute, relative, home, Windows, file: URL, or a file name
	// with an extension that key material and configuration files use
	pathRe = regexp.MustCompile(`(?i)^(?:/|\./|\.\./|~/|[a-z]:[\\/]|file:)\S*$|^[\w.\-/]+\.(?:jks|p12|pfx|pem|crt|cer|der|key|keytab|conf|json|properties|txt|ya?ml|env|jceks|bcfks|truststore|keystore|creds|cred|secret|password)$`)
	// a reference to a variable or a template: ${VAR}, $VAR, $(cmd),
	// {{ .Values.x }}, %(var)s, Jasypt's ENC(...)
	referenceRe = regexp.MustCompile(`\$\{|\$\(|^\$[A-Za-z_]|\{\{|^%\([\w.]+\)s$|^ENC\(.*\)$`)
	// a reference to a secret store: Nessie/Quarkus urn:*secret*, Vault,
	// AWS Secrets Manager and SSM, GCP Secret Manager, Azure Key Vault,
	// 1Password, Kubernetes, Kafka's config providers (file:, env:, vault:)
	storeRe = regexp.MustCompile(`(?i)^(?:urn:[a-z0-9.-]*secret|vault:|secrets?://|secret:|arn:aws[a-z-]*:(?:secretsmanager|ssm|kms):|ssm:|awssm:|aws-?sm:|aws-?secrets?-?manager:|sm://|gcp-?sm:|gcpsm:|projects/[^/\s]+/secrets/|https://[^/\s]+\.vault\.azure\.net/|azure-?kv:|keyvault:|op://|k8s:|kubernetes:|env:|sops:|doppler:)`)
	// a regular expression (ssl.principal.mapping.rules,
	// sasl.kerberos.principal.to.local.rules, a pattern)
	regexpRe = regexp.MustCompile(`^(?:RULE:|DEFAULT$)|^\^.*(?:\$|\.\*|\.\+|\\[dwsDWS.]|\[[^\]]+\]|\([^)]*\))`)
	// a placeholder that asks to be replaced, or a value that says it is
	// not a real one (dummy, test: LocalStack accepts any; the AWS
	// documentation's ...EXAMPLE keys): it is not a credential
	placeholderRe = regexp.MustCompile(`(?i)^(?:<[^<>]*>|\[[^\[\]]*\]|\{[A-Za-z][\w .-]*\}|%[A-Za-z_][\w ]*%|@@[^@]*@@|x{3,}|\*{3,}|\.{3,}|#{3,}|_{3,}|-{3,}|change[-_ ]?me|change[-_ ]?this|replace[-_ ]?me|replace[-_ ]?with[-_ ].*|to[-_ ]?be[-_ ]?replaced|dummy|fake|test|placeholder|redacted|todo|tbd|fixme|your[-_ ].*|.*example.*|akia\w*samples?)$`)
	// a JAAS configuration: a login module with its control flag
	jaasRe = regexp.MustCompile(`\b[\w.$]*LoginModule\s+(?:required|requisite|sufficient|optional)\b`)
)

// NotSecret says why a value written for a secret-looking name is not a
// secret, or "" when it is one: a number (except for a password), a
// duration, a boolean, a regular expression, a path, a ${VAR} or template
// reference, a reference to a secret store, a placeholder, empty.
func NotSecret(name, value string) string {
	v := unquote(strings.TrimSpace(value))
	switch {
	case v == "":
		return "empty"
	case referenceRe.MatchString(v):
		return "a reference to a variable"
	case storeRe.MatchString(v):
		return "a reference to a secret store"
	case placeholderRe.MatchString(v):
		return "a placeholder"
	case connectionKeysHoldNone(v):
		return "a connection string whose keys are not credentials"
	case booleanRe.MatchString(v):
		return "a boolean"
	case numberRe.MatchString(v) && !isPasswordName(name):
		return "a number"
	case durationRe.MatchString(v) && !isPasswordName(name):
		return "a duration"
	case regexpRe.MatchString(v):
		return "a regular expression"
	case pathRe.MatchString(v):
		return "a path"
	}
	return ""
}

// connStringRe is a connection string: name=value pairs separated by
// semicolons (Azure's Endpoint=sb://...;SharedAccessKeyName=...;
// SharedAccessKey=..., ADO.NET's Server=...;User Id=...;Password=...).
var connStringRe = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9 _]*=[^;]*(?:;[ \t]*[A-Za-z][A-Za-z0-9 _]*=[^;]*)+;?$`)

// connectionKeysHoldNone reports whether v is a connection string with
// credential keys (SharedAccessKey=, AccountKey=, Password=, the names
// Find looks for in connection strings) none of which holds a credential:
// a connection string is judged by its keys, as a URL by its userinfo, so
// that Event Hubs' template (SharedAccessKey=XXXXXX) is a placeholder as
// password="XXXXXX" is.
func connectionKeysHoldNone(v string) bool {
	if !strings.Contains(v, ";") || !connStringRe.MatchString(v) {
		return false
	}
	keys := findAll(paramRe, v, paramWords)
	for _, m := range keys {
		if NotSecret(v[m[2]:m[3]], v[m[4]:m[5]]) == "" {
			return false
		}
	}
	return len(keys) > 0
}

func unquote(v string) string {
	if len(v) >= 2 && (v[0] == '"' || v[0] == '\'') && v[len(v)-1] == v[0] {
		return strings.TrimSpace(v[1 : len(v)-1])
	}
	return v
}

// Span is a credential inside a value: its name (the JAAS option, the query
// parameter, the JVM property; "userinfo" for a URL's) and where its text
// is in the value (byte offsets, the credential alone, quotes excluded).
type Span struct {
	Name       string
	Start, End int
	// What says what the credential is, for messages: "the password of a
	// URL", "the JAAS option password", "the password= parameter", "the
	// -Djavax.net.ssl.trustStorePassword= option", "a private key".
	What string
}

// Judgement says whether a value holds secrets, and which parts of it.
type Judgement struct {
	// Secret is true when the value holds at least one credential.
	Secret bool
	// Whole is true when the value as a whole is the secret (a password
	// written under a password's name); otherwise Spans locate the
	// credentials inside it.
	Whole bool
	Spans []Span
}

// Parts are the secret texts of value the judgement found.
func (j Judgement) Parts(value string) []string {
	if j.Whole {
		return []string{strings.TrimSpace(value)}
	}
	out := make([]string, 0, len(j.Spans))
	for _, s := range j.Spans {
		out = append(out, value[s.Start:s.End])
	}
	return out
}

// Judge says whether value, written under name, holds a secret: by name
// (IsName) unless the value is not one (NotSecret), a JAAS configuration
// only when it holds a credential, basic-auth user info only as
// user:password; and by value whatever the name (Find: URL userinfo,
// password= in JAAS, query strings and JVM options, PEM private keys).
func Judge(name, value string) Judgement {
	spans := Find(value)
	if IsName(name) {
		v := strings.TrimSpace(value)
		switch {
		case isJAAS(v) || strings.Contains(normName(name), "jaas"):
			// a JAAS configuration is a secret when it holds a credential
			// (Find looked for them): ScramLoginModule required; is not
		case userInfoNameRe.MatchString(normName(name)):
			if u, p, ok := strings.Cut(unquote(v), ":"); ok && u != "" && NotSecret(name, p) == "" && !strings.ContainsAny(p, "/@") {
				return Judgement{Secret: true, Whole: true}
			}
		case NotSecret(name, v) == "":
			return Judgement{Secret: true, Whole: true}
		}
	}
	return Judgement{Secret: len(spans) > 0, Spans: spans}
}

// escQuoted is a value in escaped double quotes, \"x\", as a JSON string
// holds a quoted value (a connector's sasl.jaas.config posted with curl).
const escQuoted = `\\"(?:[^"\\]|\\[^"])*\\"`

var (
	// scheme://user:password@host (the password may hold @; it ends at the
	// last @ before the host)
	urlUserinfoRe = regexp.MustCompile(`(?i)\b[a-z][a-z0-9+.\-_]*://([^\s/?#'",;:@]*):([^\s/?#'",;]*)@`)
	// user:password@host:port without a scheme (ZooKeeper connect strings)
	bareUserinfoRe = regexp.MustCompile(`(?:^|[\s,;=(])([^\s:/@,;=()'"<>]+):([^\s/@,;'"<>]+)@([A-Za-z0-9][A-Za-z0-9.\-]*)`)
	// password-like parameters of query strings, JDBC URLs and connection
	// strings: ?password=, ;password=, AccountKey=, SharedAccessKey=; the
	// value may be in escaped quotes (\"x\", inside a JSON string)
	paramRe = regexp.MustCompile(`(?i)(?:^|[?&;\s])(password|passwd|pwd|secret|client_secret|token|access_token|refresh_token|api_?key|apikey|sig|accountkey|sharedaccesskey|sharedaccesssignature)=(` + escQuoted + `|[^&;\s'"]*)`)
	// -Dname=value JVM options whose name holds a secret
	jvmOptionRe = regexp.MustCompile(`-D([\w.\-]+)=("[^"]*"|'[^']*'|\S+)`)
	// JAAS options: name=value, the value quoted, in escaped quotes (a JAAS
	// configuration inside a JSON string) or bare
	jaasOptionRe = regexp.MustCompile(`([A-Za-z_][\w.\-]*)\s*=\s*(` + escQuoted + `|"(?:[^"\\]|\\.)*"|'[^']*'|[^\s;"']+)`)
	// user names of user:x@y forms that are not credentials
	notUserinfo = map[string]bool{"mailto": true, "user": true, "group": true, "role": true}
	// a PEM private key block
	pemRe = regexp.MustCompile(`-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z0-9 ]*PRIVATE KEY-----|$)`)
)

// Find locates credentials written inside a value, whatever the setting's
// name: the userinfo of URLs (SASL_SSL://admin:pw@kafka:9092, user:pw@zk:2181),
// password-like query and connection-string parameters
// (jdbc:...?password=, AccountKey=), credentials of a JAAS configuration
// (password=, user_<name>=, clientSecret=), -D...Password= JVM options, and
// PEM private keys. References (${VAR}), secret-store references and
// placeholders are not credentials. Spans are sorted and do not overlap.
func Find(value string) []Span {
	if len(value) < 3 {
		return nil
	}
	var out []Span
	var what string
	add := func(name string, start, end int) {
		if start >= 0 && end > start && NotSecret(name, value[start:end]) == "" {
			out = append(out, Span{Name: name, Start: start, End: end, What: what})
		}
	}
	if strings.Contains(value, "PRIVATE KEY-----") {
		for _, m := range pemRe.FindAllStringIndex(value, -1) {
			out = append(out, Span{Name: "private key", Start: m[0], End: m[1], What: "a private key"})
		}
	}
	if strings.Contains(value, "@") {
		what = "the password of a URL"
		for _, m := range urlUserinfoRe.FindAllStringSubmatchIndex(value, -1) {
			add("password", m[4], m[5])
		}
		for _, m := range bareUserinfoRe.FindAllStringSubmatchIndex(value, -1) {
			user, host := strings.ToLower(value[m[2]:m[3]]), value[m[6]:m[7]]
			// not mailto:a@b, ACL principals (User:alice@EXAMPLE.COM: a
			// Kerberos realm is upper case), image digests (repo:tag@sha256)
			if notUserinfo[user] || isRealm(host) || strings.HasPrefix(host, "sha") {
				continue
			}
			what = "the password of a user:password@host address"
			add("password", m[4], m[5])
		}
	}
	if strings.Contains(value, "=") {
		for _, m := range findAll(paramRe, value, paramWords) {
			name := value[m[2]:m[3]]
			what = "the " + name + "= parameter"
			s, e := trimQuotes(value, m[4], m[5])
			add(strings.ToLower(name), s, e)
		}
		if strings.Contains(value, "-D") {
			for _, m := range jvmOptionRe.FindAllStringSubmatchIndex(value, -1) {
				if name := value[m[2]:m[3]]; IsName(name) {
					what = "the -D" + name + "= option"
					s, e := trimQuotes(value, m[4], m[5])
					add(name, s, e)
				}
			}
		}
		if isJAAS(value) {
			jaasSpans(value, func(name string, start, end int) {
				what = "the JAAS option " + name
				add(name, start, end)
			})
		}
	}
	return normalise(out)
}

// isJAAS reports whether a value holds a JAAS login module entry. The
// literal is looked for first: the expression cannot be anchored, and
// running it over every finding's message was most of Find's cost.
func isJAAS(value string) bool {
	return strings.Contains(value, "LoginModule") && jaasRe.MatchString(value)
}

// JAAS finds the credentials of a JAAS configuration (a sasl.jaas.config
// value or a JAAS file): options whose name holds a secret (password,
// clientSecret, token, ...) and PlainLoginModule's user_<name> entries.
func JAAS(text string) []Span {
	var out []Span
	jaasSpans(text, func(name string, start, end int) {
		if NotSecret(name, text[start:end]) == "" {
			out = append(out, Span{Name: name, Start: start, End: end, What: "the JAAS option " + name})
		}
	})
	return normalise(out)
}

// jaasSpans calls add with each credential option of a JAAS text.
func jaasSpans(text string, add func(name string, start, end int)) {
	for _, m := range jaasOptionRe.FindAllStringSubmatchIndex(text, -1) {
		name := text[m[2]:m[3]]
		if m[2] > 1 && text[m[2]-1] == 'D' && text[m[2]-2] == '-' {
			continue // a -D JVM option, judged as one
		}
		if !strings.HasPrefix(strings.ToLower(name), "user_") && !IsName(name) {
			continue
		}
		s, e := trimQuotes(text, m[4], m[5])
		add(name, s, e)
	}
}

func trimQuotes(s string, start, end int) (int, int) {
	if end-start >= 4 && s[start] == '\\' && s[start+1] == '"' && s[end-2] == '\\' && s[end-1] == '"' {
		return start + 2, end - 2
	}
	if end-start >= 2 && (s[start] == '"' || s[start] == '\'') && s[end-1] == s[start] {
		return start + 1, end - 1
	}
	return start, end
}

// normalise sorts spans and merges overlapping ones.
func normalise(spans []Span) []Span {
	if len(spans) < 2 {
		return spans
	}
	sort.SliceStable(spans, func(i, j int) bool { return spans[i].Start < spans[j].Start })
	out := spans[:1]
	for _, s := range spans[1:] {
		last := &out[len(out)-1]
		if s.Start < last.End {
			last.End = max(last.End, s.End)
			if last.What != s.What {
				last.What = "credentials"
			}
			continue
		}
		out = append(out, s)
	}
	return out
}

// quotedRe finds a quoted value after a name, as code, YAML and JSON write
// it (password="x", "sasl.jaas.config": "x", ("spark.ssl.keyPassword", "x"),
// "k" -> "x"), for Redact to mask those whose name holds a secret.
var quotedRe = regexp.MustCompile(`["']?([A-Za-z_][\w.\-]*)["']?\s*(?:=|:|->|,)\s*("[^"
]*"|'[^'
]*')`)

// Redact replaces the credentials Find locates in s by Marker, the
// userinfo of URLs as a whole (scheme://<redacted>@host), and quoted
// values written after a secret's name (password="x", as a note may echo
// code). It is what every printed string goes through.
func Redact(s string) string {
	if len(s) < 3 || !strings.ContainsAny(s, "@=-:,") {
		return s
	}
	if strings.Contains(s, "://") && strings.Contains(s, "@") {
		s = urlUserinfoRe.ReplaceAllStringFunc(s, func(m string) string {
			i := strings.Index(m, "://")
			return m[:i+3] + Marker + "@"
		})
	}
	spans := Find(s)
	if strings.ContainsAny(s, `"'`) {
		for _, m := range findAll(quotedRe, s, nameWords) {
			if name := s[m[2]:m[3]]; IsName(name) {
				start, end := trimQuotes(s, m[4], m[5])
				if NotSecret(name, s[start:end]) == "" && !strings.HasPrefix(strings.TrimSpace(s[start:end]), Marker) {
					spans = append(spans, Span{Name: name, Start: start, End: end})
				}
			}
		}
		spans = normalise(spans)
	}
	if len(spans) == 0 {
		return s
	}
	var b strings.Builder
	last := 0
	for _, sp := range spans {
		b.WriteString(s[last:sp.Start])
		b.WriteString(Marker)
		last = sp.End
	}
	b.WriteString(s[last:])
	return b.String()
}

// nameWords are words of which every name IsName accepts holds one, in
// lower case; paramWords, every parameter name paramRe accepts.
var (
	nameWords  = []string{"pass", "pwd", "secret", "token", "jaas", "key", "credential", "info", "auth"}
	paramWords = []string{"pass", "pwd", "secret", "token", "key", "sig"}
)

// findAll is re.FindAllStringSubmatchIndex(s, -1) when s holds one of
// words (case-insensitively) or any non-ASCII character (which (?i) may
// fold to ASCII: the long s), and nil otherwise: a regular expression
// that looks for a name and its value is the most expensive part of
// redacting a long message (the findings of thousands of brokers), which
// rarely names a secret.
func findAll(re *regexp.Regexp, s string, words []string) [][]int {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return re.FindAllStringSubmatchIndex(s, -1)
		}
	}
	lower := strings.ToLower(s)
	for _, w := range words {
		if strings.Contains(lower, w) {
			return re.FindAllStringSubmatchIndex(s, -1)
		}
	}
	return nil
}

// isRealm reports whether host looks like a Kerberos realm: letters, all
// upper case.
func isRealm(host string) bool {
	return strings.ToUpper(host) == host && strings.ToLower(host) != host
}
