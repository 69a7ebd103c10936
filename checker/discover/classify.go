// Classifying a candidate file by its name and, when the name does not
// say, by its first bytes (sniffBytes), or all of it (up to MaxFileSize)
// when they do not say yes.

package discover

import (
	"bytes"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/streamlint/streamlint/internal/safefile"
)

const sniffBytes = 64 << 10

// sniff reads what classifying p needs: its first sniffBytes, or, when
// they are not enough for says (a job whose imports follow a 64 KiB
// licence header or docstring, a compose file whose services: follows
// large x- anchors), the file up to opts.MaxFileSize, so that padding
// never hides a file from the check. The whole file is returned only
// when it holds one of hints (plain substrings, fast to look for), so
// that large files of another kind cost a read, not a regular expression.
func sniff(p string, opts Options, says func([]byte) bool, hints ...string) ([]byte, error) {
	head, err := opts.ReadHead(p, sniffBytes)
	if err != nil || len(head) < sniffBytes || says(head) {
		return head, err
	}
	limit := opts.MaxFileSize
	if limit <= 0 {
		limit = safefile.DefaultLimit
	}
	all, err := opts.ReadHead(p, int(limit))
	if err != nil {
		return nil, err
	}
	for _, h := range hints {
		if bytes.Contains(all[len(head)-len(h):], []byte(h)) {
			return all, nil
		}
	}
	return head, nil
}

var (
	composeName    = regexp.MustCompile(`^(compose|docker-compose)([.-][^/]*)?\.ya?ml$|\.compose\.ya?ml$`)
	yamlName       = regexp.MustCompile(`\.ya?ml$`)
	servicesKey    = regexp.MustCompile(`(?m)^services:[ \t]*(#.*)?\r?$`)
	sparkKey       = regexp.MustCompile(`(?m)^[ \t]*spark\.[A-Za-z]`)
	kafkaKey       = regexp.MustCompile(`(?m)^[ \t]*(broker\.id|node\.id|process\.roles|zookeeper\.connect|listeners|advertised\.listeners|log\.dirs|log\.retention\.[a-z]+|num\.partitions|controller\.quorum\.voters|offsets\.topic\.replication\.factor)[ \t]*[=:]`)
	kafkaClientKey = regexp.MustCompile(`(?m)^[ \t]*(bootstrap\.servers|security\.protocol|sasl\.(mechanism|jaas\.config|username|password)|ssl\.(truststore|keystore|key)\.[a-z.]+|(key|value)\.(de)?serializer|group\.id|schema\.registry\.url|basic\.auth\.[a-z.]+)[ \t]*[=:]`)
	// a JAAS entry starts its line with the login module's class (after
	// the context's name and brace on a one-line entry): a sasl.jaas.config
	// value quoted in an application's HOCON .conf, or a commented-out one,
	// does not make that file a JAAS file
	jaasModule = regexp.MustCompile(`(?m)^[ \t]*(?:[\w.-]+[ \t]*\{[ \t]*)?[\w.$]*LoginModule\s+(required|requisite|sufficient|optional)\b`)
	jobTokens  = regexp.MustCompile(`\b(SparkSession|SparkConf|SparkContext|StreamingContext|readStream|writeStream|KafkaUtils)\b`)
	// the plain substrings without which jobTokens and the properties keys
	// cannot match (sniff)
	jobHints        = []string{"Spark", "StreamingContext", "readStream", "writeStream", "KafkaUtils"}
	propertiesHints = []string{"spark.", "broker.id", "node.id", "process.roles", "zookeeper.connect", "listeners", "log.", "num.partitions",
		"controller.quorum.voters", "offsets.topic", "bootstrap.servers", "security.protocol", "sasl.", "ssl.", "serializer", "group.id",
		"schema.registry.url", "basic.auth."}
)

// candidateName reports whether a file named name could be checked
// (by its name, before its content is looked at).
func candidateName(name string) bool {
	return composeName.MatchString(name) || yamlName.MatchString(name) || name == "spark-defaults.conf" ||
		strings.HasSuffix(name, ".properties") || strings.HasSuffix(name, ".py") || strings.HasSuffix(name, ".scala")
}

func excluded(globs []string, rel string) bool {
	for _, g := range globs {
		if globMatch(g, rel) || globMatch(g, filepath.Base(rel)) {
			return true
		}
		if strings.HasSuffix(g, "/**") && strings.HasPrefix(rel+"/", strings.TrimSuffix(g, "**")) {
			return true
		}
	}
	return false
}

// namedLikeConfig reports whether the name alone makes p a configuration
// file (a compose file or spark-defaults.conf), whatever it contains.
func namedLikeConfig(p string) bool {
	base := filepath.Base(p)
	return composeName.MatchString(base) || base == "spark-defaults.conf"
}

// classify decides a file's kind from its name and, where the name is not
// enough, its first bytes.
func classify(p string, opts Options) (Kind, string) {
	k, reason, err := classifyHead(p, opts)
	if err != nil {
		return "", "unreadable: " + err.Error()
	}
	return k, reason
}

// classifyHead is classify that also returns the error of reading the
// first bytes of a file whose kind depends on them: such a file cannot
// be said not to be configuration, so it must not be passed over quietly.
func classifyHead(p string, opts Options) (Kind, string, error) {
	base := filepath.Base(p)
	switch {
	case composeName.MatchString(base):
		return KindCompose, "", nil
	case base == "spark-defaults.conf":
		return KindSparkDefaults, "", nil
	case yamlName.MatchString(base):
		head, err := sniff(p, opts, servicesMapping, "services:")
		if err != nil {
			return "", "", err
		}
		if servicesMapping(head) {
			return KindCompose, "", nil
		}
		return "", "a YAML file without a top-level services: mapping", nil
	case strings.HasSuffix(base, ".properties"):
		head, err := sniff(p, opts, func(b []byte) bool { return sparkKey.Match(b) || kafkaKey.Match(b) || kafkaClientKey.Match(b) }, propertiesHints...)
		if err != nil {
			return "", "", err
		}
		if sparkKey.Match(head) {
			return KindSparkProperties, "", nil
		}
		if kafkaKey.Match(head) {
			return KindKafkaProperties, "", nil
		}
		if kafkaClientKey.Match(head) {
			return KindKafkaClientProperties, "", nil
		}
		return "", "a properties file without Spark or Kafka keys", nil
	case strings.HasSuffix(base, ".conf") || strings.HasSuffix(base, ".jaas"):
		head, err := sniff(p, opts, jaasModule.Match, "LoginModule")
		if err != nil {
			return "", "", err
		}
		if jaasModule.Match(head) {
			return KindJAAS, "", nil
		}
		return "", "a .conf file that is neither spark-defaults.conf nor a JAAS configuration", nil
	case strings.HasSuffix(base, ".py") || strings.HasSuffix(base, ".scala"):
		head, err := sniff(p, opts, jobTokens.Match, jobHints...)
		if err != nil {
			return "", "", err
		}
		if jobTokens.Match(head) {
			return KindJob, "", nil
		}
		return "", "source that builds no SparkSession, SparkConf or StreamingContext", nil
	}
	return "", "not a compose, Spark or Kafka configuration file", nil
}

// classifyExplicit is classify for a named file: a spark-defaults-like
// .conf is taken as Spark configuration whatever its name; anything else
// must look like what its name says (pre-commit passes every changed YAML
// or Python file, most of which are not pipeline configuration).
func classifyExplicit(p string, opts Options) (Kind, string) {
	if k, reason := classify(p, opts); k != "" {
		return k, reason
	}
	if strings.HasSuffix(filepath.Base(p), ".conf") {
		return KindSparkDefaults, ""
	}
	return classify(p, opts)
}

// readHead reads the first n bytes of a file through safefile: a pipe
// or device is never opened (opening a FIFO blocks, reading /dev/zero
// never ends), nor anything under /proc, /sys or /dev.
func readHead(path string, n int) ([]byte, error) {
	return safefile.ReadHead(path, n)
}

// topLevelKey is a key at the start of a line of a YAML block mapping.
var topLevelKey = regexp.MustCompile(`(?m)^([A-Za-z_][\w.-]*)[ \t]*:`)

// composeTopLevel are the top-level keys of the compose specification
// (x-* extensions aside).
var composeTopLevel = map[string]bool{"version": true, "name": true, "include": true, "services": true, "networks": true, "volumes": true, "configs": true, "secrets": true, "models": true}

// onlyComposeTopLevel reports whether every top-level key of head is one
// the compose specification has: another tool's file with a services:
// mapping (Conduktor's scenario.yaml: title, tag, services.<x>.properties)
// is not a compose file, and docker compose would refuse it.
func onlyComposeTopLevel(head []byte) bool {
	for _, m := range topLevelKey.FindAllSubmatch(head, -1) {
		key := string(m[1])
		if !composeTopLevel[key] && !strings.HasPrefix(key, "x-") {
			return false
		}
	}
	return true
}

// servicesMapping reports whether head has a top-level services: key whose
// value is a block mapping (compose), not a list (.travis.yml's
// `services: [docker]`, GitLab CI's `services:` of images): the first line
// below the key that holds something is indented and is not a list item.
func servicesMapping(head []byte) bool {
	loc := servicesKey.FindIndex(head)
	if loc == nil || !onlyComposeTopLevel(head) {
		return false
	}
	for _, line := range strings.Split(string(head[loc[1]:]), "\n") {
		t := strings.TrimRight(line, " \t\r")
		trimmed := strings.TrimLeft(t, " \t")
		if trimmed == "" || strings.HasPrefix(trimmed, "#") {
			continue
		}
		return len(trimmed) < len(t) && !strings.HasPrefix(trimmed, "- ") && trimmed != "-"
	}
	return false
}
