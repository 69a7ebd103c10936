package compose

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/streamlint/streamlint/checker/model"
)

func writeFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, body := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func load(t *testing.T, dir string, opts Options, files ...string) *Project {
	t.Helper()
	if opts.Display == nil {
		opts.Display = func(abs string) string {
			rel, err := filepath.Rel(dir, abs)
			if err != nil {
				return abs
			}
			return rel
		}
	}
	var paths []string
	for _, f := range files {
		paths = append(paths, filepath.Join(dir, f))
	}
	p, err := NewLoader(opts).Load(context.Background(), paths)
	if err != nil {
		t.Fatalf("load: %v", err)
	}
	return p
}

func env(t *testing.T, s *Service, name string) EnvVar {
	t.Helper()
	for _, e := range s.Environment {
		if e.Name == name {
			return e
		}
	}
	t.Fatalf("service %s has no %s; has %+v", s.Name, name, s.Environment)
	return EnvVar{}
}

func service(t *testing.T, p *Project, name string) *Service {
	t.Helper()
	for _, s := range p.Services {
		if s.Name == name {
			return s
		}
	}
	t.Fatalf("no service %s", name)
	return nil
}

func TestEnvironmentPositions(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"compose.yaml": `x-common: &common
  KAFKA_LOG_RETENTION_HOURS: 24
services:
  map:
    image: confluentinc/cp-kafka:7.5.0
    environment:
      <<: *common
      KAFKA_NUM_PARTITIONS: 3
  list:
    image: bitnami/kafka:3.7
    environment:
      - KAFKA_CFG_NUM_PARTITIONS=1
      - "KAFKA_CFG_LOG_RETENTION_HOURS=24"
  folded:
    image: bitnami/spark:3.5
    command: >
      spark-submit --master spark://m:7077
      --conf spark.executor.memory=2g
      /opt/jobs/a.py
`,
	})
	p := load(t, dir, Options{}, "compose.yaml")
	cases := []struct {
		svc, key string
		want     model.Location
		value    string
	}{
		{"map", "KAFKA_NUM_PARTITIONS", model.Location{File: "compose.yaml", Line: 8, Column: 29}, "3"},
		{"map", "KAFKA_LOG_RETENTION_HOURS", model.Location{File: "compose.yaml", Line: 2, Column: 30}, "24"},
		{"list", "KAFKA_CFG_NUM_PARTITIONS", model.Location{File: "compose.yaml", Line: 12, Column: 34}, "1"},
		{"list", "KAFKA_CFG_LOG_RETENTION_HOURS", model.Location{File: "compose.yaml", Line: 13, Column: 40}, "24"},
	}
	for _, c := range cases {
		e := env(t, service(t, p, c.svc), c.key)
		if e.Loc != c.want || e.Value != c.value {
			t.Errorf("%s/%s: got %v %q, want %v %q", c.svc, c.key, e.Loc, e.Value, c.want, c.value)
		}
	}
	if got := service(t, p, "list").Loc; got != (model.Location{File: "compose.yaml", Line: 9, Column: 3}) {
		t.Errorf("service loc = %v", got)
	}
	cmd := service(t, p, "folded").Command
	if cmd == nil || cmd.IsList {
		t.Fatalf("command = %+v", cmd)
	}
	off := strings.Index(cmd.Shell, "spark.executor.memory=2g")
	if got := cmd.ShellAt(off); got != (model.Location{File: "compose.yaml", Line: 18, Column: 14}) {
		t.Errorf("command word at %v", got)
	}
}

func TestHermeticInterpolation(t *testing.T) {
	t.Setenv("STREAMLINT_CANARY", "leaked")
	dir := writeFiles(t, map[string]string{
		".env": "RETENTION=48\n",
		"compose.yaml": `services:
  kafka:
    image: confluentinc/cp-kafka:7.5.0
    environment:
      KAFKA_LOG_RETENTION_HOURS: ${RETENTION}
      FROM_PROCESS: ${STREAMLINT_CANARY}
      WITH_DEFAULT: ${NOPE:-7}
      REQUIRED: ${MUST:?set it}
    env_file: missing.env
`,
	})
	p := load(t, dir, Options{}, "compose.yaml")
	k := service(t, p, "kafka")
	if v := env(t, k, "KAFKA_LOG_RETENTION_HOURS"); v.Value != "48" || v.Unresolved {
		t.Errorf(".env not used: %+v", v)
	}
	if v := env(t, k, "FROM_PROCESS"); v.Value == "leaked" || !v.Unresolved {
		t.Errorf("process environment leaked or not marked: %+v", v)
	}
	if v := env(t, k, "WITH_DEFAULT"); v.Value != "7" || v.Unresolved {
		t.Errorf("default: %+v", v)
	}
	if v := env(t, k, "REQUIRED"); !v.Unresolved {
		t.Errorf("required: %+v", v)
	}
	var msgs []string
	for _, u := range p.Unresolved {
		msgs = append(msgs, u.Loc.String()+" "+u.Message)
	}
	joined := strings.Join(msgs, "\n")
	for _, want := range []string{"compose.yaml:6:21 variable STREAMLINT_CANARY is not set", "compose.yaml:8:17 required variable MUST", "compose.yaml:9:15 env_file \"missing.env\""} {
		if !strings.Contains(joined, want) {
			t.Errorf("missing %q in\n%s", want, joined)
		}
	}
	p = load(t, dir, Options{UseProcessEnv: true, Environ: []string{"STREAMLINT_CANARY=asked"}}, "compose.yaml")
	if v := env(t, service(t, p, "kafka"), "FROM_PROCESS"); v.Value != "asked" {
		t.Errorf("--use-env: %+v", v)
	}
}

func TestRemoteIncludeRefused(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"compose.yaml": "include:\n  - oci://docker.io/foo/bar:latest\nservices:\n  a:\n    image: busybox\n",
	})
	_, err := NewLoader(Options{}).Load(context.Background(), []string{filepath.Join(dir, "compose.yaml")})
	if err == nil || !strings.Contains(err.Error(), "never reads the network") {
		t.Fatalf("err = %v", err)
	}
}

func TestOverrideAndExtendsPositions(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"compose.yaml":          "services:\n  kafka:\n    extends:\n      file: base.yaml\n      service: broker\n    image: confluentinc/cp-kafka:7.5.0\n",
		"base.yaml":             "services:\n  broker:\n    image: x\n    environment:\n      KAFKA_NUM_PARTITIONS: 1\n",
		"compose.override.yaml": "services:\n  kafka:\n    environment:\n      KAFKA_LOG_RETENTION_HOURS: 12\n",
	})
	p := load(t, dir, Options{}, "compose.yaml", "compose.override.yaml")
	k := service(t, p, "kafka")
	if e := env(t, k, "KAFKA_NUM_PARTITIONS"); e.Loc != (model.Location{File: "base.yaml", Line: 5, Column: 29}) {
		t.Errorf("extends position %v", e.Loc)
	}
	if e := env(t, k, "KAFKA_LOG_RETENTION_HOURS"); e.Loc != (model.Location{File: "compose.override.yaml", Line: 4, Column: 34}) {
		t.Errorf("override position %v", e.Loc)
	}
}

// TestBlockScalarStart: the text of a block scalar (| or >) starts on the
// first line below the indicator that holds text, at its indentation, not
// at the indicator's column, which may lie past the end of that line (the
// init-topics pattern: `command: |` followed by a line holding only `"`).
func TestBlockScalarStart(t *testing.T) {
	dir := writeFiles(t, map[string]string{"compose.yaml": `services:
  init-topics:
    image: confluentinc/cp-kafka:7.6.1
    entrypoint: ["/bin/bash", "-c"]
    command: |

      "
      kafka-topics --create --topic orders
      "
  client:
    image: confluentinc/cp-kafka:7.6.1
    environment:
      KAFKA_LOG4J_OPTS: |
        -Dlog4j.configuration=file:/etc/kafka/log4j.properties
        -Dkafka.logs.dir="${LOGS_DIR}"
`})
	p := load(t, dir, Options{}, "compose.yaml")
	cmd := service(t, p, "init-topics").Command
	if cmd == nil || cmd.IsList {
		t.Fatalf("command = %+v", cmd)
	}
	if want := (model.Location{File: "compose.yaml", Line: 7, Column: 7}); cmd.ShellLoc != want {
		t.Errorf("command starts at %v, want %v", cmd.ShellLoc, want)
	}
	if len(p.Unresolved) != 1 {
		t.Fatalf("unresolved: %+v", p.Unresolved)
	}
	if got, want := p.Unresolved[0].Loc, (model.Location{File: "compose.yaml", Line: 15, Column: 27}); got != want {
		t.Errorf("LOGS_DIR at %v, want %v (where it is written in the block)", got, want)
	}
}

// Debezium's tutorial: the Cassandra file runs its own KRaft kafka but
// keeps a `depends_on: zookeeper` that only the ZooKeeper variant defines,
// and that variant defines kafka too: an alternative, not the file it is
// used with (the note said "meant to be used with it"). A -f set whose
// sibling defines only what this file lacks keeps the old note.
func TestDependsOnLeftOverFromAnAlternative(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"docker-compose-zookeeper.yaml": "services:\n  zookeeper:\n    image: quay.io/debezium/zookeeper:2.7\n  kafka:\n    image: quay.io/debezium/kafka:2.7\n    environment:\n      - ZOOKEEPER_CONNECT=zookeeper:2181\n",
		"docker-compose-cassandra.yaml": "services:\n  kafka:\n    image: quay.io/debezium/kafka:2.7\n    environment:\n      - CLUSTER_ID=oh-sxaDRTcyAr6pFRbXyzA\n  cassandra:\n    image: cassandra:4\n    depends_on:\n      - zookeeper\n      - kafka\n",
		"zookeeper.yml":                 "services:\n  zk:\n    image: confluentinc/cp-zookeeper:7.6.1\n",
		"kafka_cluster.yml":             "services:\n  broker:\n    image: confluentinc/cp-kafka:7.6.1\n    depends_on:\n      - zk\n",
	})
	notes := func(file string) string {
		var out []string
		for _, n := range load(t, dir, Options{}, file).Notes {
			out = append(out, n.Message)
		}
		return strings.Join(out, "\n")
	}
	if got := notes("docker-compose-cassandra.yaml"); !strings.Contains(got, `service "cassandra" depends on "zookeeper", which only docker-compose-zookeeper.yaml defines; that file also defines "kafka"`) {
		t.Errorf("cassandra notes:\n%s", got)
	}
	if got := notes("kafka_cluster.yml"); !strings.Contains(got, `service "zk" is defined in zookeeper.yml, not here: this file is meant to be used with it`) {
		t.Errorf("-f set notes:\n%s", got)
	}
}

// An override kept in a subdirectory of its base (dev/docker-compose.yml
// used with -f ../docker-compose.yml -f docker-compose.yml): a service
// with neither an image nor a build that a compose file up the tree
// defines with one is a note naming that file, not a load error; without
// such a file, docker compose refuses the project.
func TestOverrideOfAServiceDefinedUpTheTree(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"docker-compose.yml":     "services:\n  kafka:\n    image: confluentinc/cp-kafka:7.6.1\n",
		"dev/docker-compose.yml": "services:\n  kafka:\n    environment:\n      KAFKA_NUM_PARTITIONS: 6\n  spark:\n    environment:\n      SPARK_MODE: worker\n",
	})
	p := load(t, dir, Options{}, filepath.Join("dev", "docker-compose.yml"))
	var notes []string
	for _, n := range p.Notes {
		notes = append(notes, n.Message)
	}
	if got := strings.Join(notes, "\n"); !strings.Contains(got, `service "kafka" gets its image from docker-compose.yml, not here: this file is meant to be used with it (docker compose -f ../docker-compose.yml -f docker-compose.yml)`) {
		t.Errorf("notes:\n%s", got)
	}
	if len(p.Problems) != 1 || !strings.Contains(p.Problems[0].Msg, `service "spark" has neither an image nor a build context`) {
		t.Errorf("problems = %+v, want one for spark, which no file defines", p.Problems)
	}
}

// Two overrides of one base in a directory (docker-compose.yaml with
// docker-compose.jmxexporter.yaml and docker-compose.tieredstorage.yaml,
// combined by a start script): an override's service gets its image from
// the base, not from the other override that sorts first and declares the
// service without one (confluentinc/jmx-monitoring-stacks' dev-toolkit got
// a load error for each of its four brokers).
func TestOverrideBesideAnotherOverride(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"docker-compose.yaml":               "services:\n  kafka1:\n    image: confluentinc/cp-server:7.6.1\n",
		"docker-compose.jmxexporter.yaml":   "services:\n  kafka1:\n    environment:\n      KAFKA_OPTS: -javaagent:/jmx.jar=1234:/jmx.yml\n",
		"docker-compose.tieredstorage.yaml": "services:\n  kafka1:\n    environment:\n      KAFKA_CONFLUENT_TIER_FEATURE: \"true\"\n",
	})
	p := load(t, dir, Options{}, "docker-compose.tieredstorage.yaml")
	if len(p.Problems) > 0 {
		t.Errorf("problems = %+v, want none: the base defines kafka1's image", p.Problems)
	}
	var notes []string
	for _, n := range p.Notes {
		notes = append(notes, n.Message)
	}
	if got := strings.Join(notes, "\n"); !strings.Contains(got, `service "kafka1" gets its image from docker-compose.yaml, not here`) {
		t.Errorf("notes:\n%s", got)
	}
}

// A missing include or extends file is a load error at the line that
// names it, with the path as written (compose-go's error names the
// absolute path, at no line).
func TestMissingReferencedFileIsLocated(t *testing.T) {
	for _, tt := range []struct {
		name, compose string
		want          model.Location
		msg           string
	}{
		{"extends", "services:\n  kafka:\n    extends:\n      file: ../shared/base.yml\n      service: kafka\n", model.Location{File: "compose.yaml", Line: 4, Column: 13}, `extends file "../shared/base.yml" does not exist: docker compose refuses the project`},
		{"include", "include:\n  - path: ./missing/compose.yml\nservices:\n  a:\n    image: x\n", model.Location{File: "compose.yaml", Line: 2, Column: 11}, `include "./missing/compose.yml" does not exist: docker compose refuses the project`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeFiles(t, map[string]string{"compose.yaml": tt.compose})
			_, err := NewLoader(Options{Display: func(p string) string { return filepath.Base(p) }}).Load(context.Background(), []string{filepath.Join(dir, "compose.yaml")})
			var le *LoadError
			if !errors.As(err, &le) {
				t.Fatalf("err = %v, want a LoadError", err)
			}
			if le.Loc != tt.want || le.Msg != tt.msg {
				t.Errorf("got %v %q, want %v %q", le.Loc, le.Msg, tt.want, tt.msg)
			}
		})
	}
}

// An unset variable in a mount's source leaves it a bind mount, as docker
// compose's empty string does (before: the placeholder made
// `${HOME}/dv/kafka:/bitnami/kafka` a named volume "1/dv/kafka" that no
// volumes: entry declares, a load error on files docker compose accepts).
func TestUnsetVariableInMountSourceIsABindMount(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"compose.yaml": "services:\n  kafka:\n    image: bitnami/kafka:3.7.0\n    volumes:\n      - ${HOME}/dv/kafka:/bitnami/kafka\n      - ./$CONFIG_FILE:/etc/app.conf\n      - $GOPATH/pkg/mod:/go/pkg/mod\n      - type: bind\n        source: ${ASSETS}/polaris\n        target: /polaris\n",
	})
	p := load(t, dir, Options{}, "compose.yaml")
	if len(p.Problems) > 0 {
		t.Errorf("problems: %+v", p.Problems)
	}
	if len(p.Services) != 1 || len(p.Services[0].Volumes) != 4 {
		t.Fatalf("services: %+v", p.Services)
	}
	for _, v := range p.Services[0].Volumes {
		if v.Type != "bind" {
			t.Errorf("%s at %s is a %s mount, want bind", v.Source, v.Target, v.Type)
		}
	}
}

// An env_file named by a variable that is not set (factorhouse/examples'
// `env_file: [$KPOW_LICENSE]`, the licence file each user points to) is an
// env_file whose variables are unknown, the variable reported once as
// LNT003; before, the placeholder became a path with a NUL byte that could
// not be opened: a load error "env_file \"…/\x00unset-KPOW_LICENSE\" cannot
// read: invalid argument" for every service using it.
func TestEnvFileNamedByUnsetVariable(t *testing.T) {
	for _, tt := range []struct {
		name, entry, unread string
	}{
		{"whole path", "$LICENSE", "$LICENSE"},
		{"braced in a path", "./config/${LICENSE}.env", "config/$LICENSE.env"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeFiles(t, map[string]string{
				"compose.yaml": "services:\n  ui:\n    image: example/ui:1\n    env_file:\n      - " + tt.entry + "\n",
			})
			p := load(t, dir, Options{}, "compose.yaml")
			if len(p.Problems) > 0 {
				t.Errorf("problems: %+v", p.Problems)
			}
			ui := service(t, p, "ui")
			if len(ui.UnreadEnvFiles) != 1 || ui.UnreadEnvFiles[0].Name != tt.unread || ui.UnreadEnvFiles[0].Loc.Line != 5 {
				t.Errorf("unread env files: %+v, want %q at line 5", ui.UnreadEnvFiles, tt.unread)
			}
			var msgs []string
			for _, u := range p.Unresolved {
				msgs = append(msgs, u.Message)
			}
			if len(msgs) != 1 || !strings.Contains(msgs[0], "variable LICENSE is not set") {
				t.Errorf("unresolved: %q, want the variable once", msgs)
			}
		})
	}
}

// Files docker compose reads only with others are notes, not load errors:
// a comment-only layer (opentelemetry-demo's compose.extras.yaml, always
// passed last with -f; compose-go alone says "empty compose file") and an
// X.override.yml whose X.yml is not in its directory (confluentinc/
// examples downloads the base in a start script).
func TestLayersReadOnlyWithOtherFiles(t *testing.T) {
	for _, tt := range []struct {
		name, file, body, note string
	}{
		{"comment-only layer", "compose.extras.yaml", "# services added here are started with the demo\n", "empty compose file (nothing but comments): nothing to check"},
		{"empty layer", "compose.extras.yaml", "", "empty compose file"},
		{"override with an image without its base", "docker-compose.override.yml", "services:\n  orphan-broker:\n    image: confluentinc/cp-server:7.3.0\n    environment:\n      KAFKA_METRIC_REPORTERS: io.confluent.metrics.reporter.ConfluentMetricsReporter\n", "docker-compose.override.yml overrides docker-compose.yml, which is not in its directory"},
		{"override without its base", "docker-compose.override.yml", "services:\n  orphan-broker:\n    environment:\n      KAFKA_NUM_PARTITIONS: 6\n", `service "orphan-broker" has no image or build here: docker-compose.override.yml overrides docker-compose.yml, which is not in its directory`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeFiles(t, map[string]string{tt.file: tt.body})
			p := load(t, dir, Options{}, tt.file)
			if len(p.Problems) > 0 {
				t.Errorf("problems: %+v", p.Problems)
			}
			var notes []string
			for _, n := range p.Notes {
				notes = append(notes, n.Message)
			}
			if got := strings.Join(notes, "\n"); !strings.Contains(got, tt.note) {
				t.Errorf("notes:\n%s\nwant %q", got, tt.note)
			}
		})
	}
}

// Variants of one environment kept side by side: ssl/docker-compose.yml
// overrides the service that plaintext/docker-compose.yml defines
// (kafka-docker-playground's environment/ directory): a note naming it.
func TestOverrideOfAServiceDefinedInASiblingDirectory(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"environment/plaintext/docker-compose.yml": "services:\n  sibling-broker:\n    image: confluentinc/cp-server:7.6.0\n",
		"environment/sasl/docker-compose.yml":      "services:\n  sibling-broker:\n    environment:\n      KAFKA_SASL_ENABLED_MECHANISMS: PLAIN\n",
		"environment/ssl/docker-compose.yml":       "services:\n  sibling-broker:\n    environment:\n      KAFKA_SSL_CLIENT_AUTH: required\n",
	})
	p := load(t, dir, Options{}, filepath.Join("environment", "ssl", "docker-compose.yml"))
	if len(p.Problems) > 0 {
		t.Errorf("problems: %+v", p.Problems)
	}
	var notes []string
	for _, n := range p.Notes {
		notes = append(notes, n.Message)
	}
	if got := strings.Join(notes, "\n"); !strings.Contains(got, `service "sibling-broker" gets its image from environment/plaintext/docker-compose.yml, not here: this file is meant to be used with it (docker compose -f ../plaintext/docker-compose.yml -f docker-compose.yml)`) {
		t.Errorf("notes:\n%s", got)
	}
}

// A service's keys indented to the level of the services (image: under
// services:) are one located error, the first in the file, the same on
// every run (compose-go's schema named one of them by map order, at 1:1:
// "services.ports must be a mapping" on one run, "services.image" on the
// next).
func TestServiceThatIsNotAMappingIsLocated(t *testing.T) {
	dir := writeFiles(t, map[string]string{"compose.yaml": "services:\n  kafka:\n    image: bitnami/kafka:3.6\n  lag-exporter:\n  image: seglo/kafka-lag-exporter\n  ports:\n    - \"8000:8000\"\n  depends_on:\n    - kafka\n"})
	for range 5 {
		_, err := NewLoader(Options{Display: func(p string) string { return filepath.Base(p) }}).Load(context.Background(), []string{filepath.Join(dir, "compose.yaml")})
		var le *LoadError
		if !errors.As(err, &le) {
			t.Fatalf("err = %v, want a LoadError", err)
		}
		if want := (model.Location{File: "compose.yaml", Line: 5, Column: 3}); le.Loc != want || !strings.HasPrefix(le.Msg, "services.image must be a mapping") {
			t.Fatalf("got %v %q, want %v and services.image", le.Loc, le.Msg, want)
		}
	}
}

// One schema mistake repeated in several services (a template's
// placeholder written as a list in every broker) is one error naming the
// first service in the file, the same on every run: compose-go validates
// a Go map and named a random one.
func TestSchemaErrorIsTheFirstInTheFile(t *testing.T) {
	svc := func(name string) string {
		return "  " + name + ":\n    image: apache/kafka:3.9.0\n    restart: [always]\n    environment:\n      KAFKA_NODE_ID: 1\n"
	}
	dir := writeFiles(t, map[string]string{"compose.yaml": "services:\n" + svc("broker1") + svc("broker2") + svc("broker3") + svc("broker4")})
	for range 12 {
		_, err := NewLoader(Options{Display: func(p string) string { return filepath.Base(p) }}).Load(context.Background(), []string{filepath.Join(dir, "compose.yaml")})
		var le *LoadError
		if !errors.As(err, &le) {
			t.Fatalf("err = %v, want a LoadError", err)
		}
		want := model.Location{File: "compose.yaml", Line: 4, Column: 5}
		if le.Loc != want || le.Msg != "validating compose.yaml: services.broker1.restart must be a string" {
			t.Fatalf("got %v %q, want %v and services.broker1.restart must be a string", le.Loc, le.Msg, want)
		}
	}
}

// An image written as a mapping in several services ({$IMAGE}, a typo of
// ${IMAGE}, in AutoMQ's copy of Kafka's docker test fixtures) is one
// located error, the first in the file, the same on every run
// (compose-go's schema named one of the services by map order:
// controller1 on one run, broker1 or controller2 on the next).
func TestImageThatIsNotAStringIsLocated(t *testing.T) {
	dir := writeFiles(t, map[string]string{"compose.yaml": "services:\n  controller1:\n    image: {$IMAGE}\n  controller2:\n    image: {$IMAGE}\n  broker1:\n    image: {$IMAGE}\n  broker2:\n    image: [a, b]\n"})
	for range 8 {
		_, err := NewLoader(Options{Display: func(p string) string { return filepath.Base(p) }}).Load(context.Background(), []string{filepath.Join(dir, "compose.yaml")})
		var le *LoadError
		if !errors.As(err, &le) {
			t.Fatalf("err = %v, want a LoadError", err)
		}
		if want := (model.Location{File: "compose.yaml", Line: 3, Column: 5}); le.Loc != want || !strings.HasPrefix(le.Msg, "services.controller1.image must be a string") {
			t.Fatalf("got %v %q, want %v and services.controller1.image", le.Loc, le.Msg, want)
		}
	}
}

// A schema branch that allows nothing ("false schema") is not told when
// compose-go's own error is as specific: environment: null was reported
// as "services.kafka.image false schema" on the image line, and, among
// the alternatives of a oneOf, compose-go's wording ("must be a mapping",
// not "must be a array") is kept.
func TestSchemaErrorKeepsComposeWording(t *testing.T) {
	for _, tc := range []struct{ body, want string }{
		{"services:\n  kafka:\n    image: apache/kafka:3.9.0\n    environment: null\n", "compose.yaml:4:5 validating compose.yaml: services.kafka.environment must be a mapping"},
		{"services:\n  a:\n    image: alpine\n    environment: null\n  b:\n    image: alpine\n    environment: null\n", "compose.yaml:4:5 validating compose.yaml: services.a.environment must be a mapping"},
	} {
		dir := writeFiles(t, map[string]string{"compose.yaml": tc.body})
		for range 6 {
			_, err := NewLoader(Options{Display: func(p string) string { return filepath.Base(p) }}).Load(context.Background(), []string{filepath.Join(dir, "compose.yaml")})
			var le *LoadError
			if !errors.As(err, &le) {
				t.Fatalf("err = %v, want a LoadError", err)
			}
			if got := le.Loc.String() + " " + le.Msg; got != tc.want {
				t.Fatalf("got %q, want %q", got, tc.want)
			}
		}
	}
}
