package pipeline

import (
	"slices"
	"strings"
	"testing"

	"github.com/streamlint/streamlint/checker/compose"
)

func shellCmd(s string) *compose.Command { return &compose.Command{Shell: s} }

func listCmd(words ...string) *compose.Command {
	c := &compose.Command{IsList: true}
	for _, w := range words {
		c.Args = append(c.Args, compose.Arg{Text: w})
	}
	return c
}

// TestRunsTool: a Kafka-image service that runs a CLI tool or a script is
// a client, unless the script ends by starting the broker.
func TestRunsTool(t *testing.T) {
	for _, tc := range []struct {
		name       string
		entrypoint *compose.Command
		command    *compose.Command
		want       bool
	}{
		{"no command", nil, nil, false},
		{"tool as command", nil, shellCmd("kafka-topics --bootstrap-server kafka:9092 --list"), true},
		{"tool path", nil, shellCmd("/opt/kafka/bin/kafka-topics.sh --create --topic t"), true},
		// entrypoint ["/bin/sh", "-c"] with the script quoted in a folded
		// command, the usual topic-init service.
		{"sh -c entrypoint, quoted tool", listCmd("/bin/sh", "-c"), shellCmd("\"kafka-topics --bootstrap-server kafka:29092 --create --topic orders\"\n"), true},
		{"sh -c entrypoint only", listCmd("sh", "-c"), nil, true},
		{"bash -c list command", nil, listCmd("bash", "-c", "sleep 5; kafka-configs --alter"), true},
		{"script", nil, shellCmd("/scripts/create-topics.sh"), true},
		// cp-all-in-one (KRaft, 7.x) broker started through a script.
		{"broker behind a script", nil, shellCmd("bash -c 'if [ ! -f /tmp/update_run.sh ]; then exit 1 ; else /tmp/update_run.sh && /etc/confluent/docker/run ; fi'"), false},
		{"apache broker after a wait", listCmd("sh", "-c"), shellCmd("sleep 3 && /etc/kafka/docker/run"), false},
		{"plain broker run", nil, shellCmd("/etc/confluent/docker/run"), false},
	} {
		svc := &compose.Service{Entrypoint: tc.entrypoint, Command: tc.command}
		if got := runsTool(svc); got != tc.want {
			t.Errorf("%s: runsTool = %v, want %v", tc.name, got, tc.want)
		}
	}
}

// TestOptionsAsPrograms: a script line that starts with an option runs as
// a command of its own; options given to the image's entrypoint are fine.
// The note says why the line break ended the command before it: compose
// dropped the backslash that continued it, or the YAML block kept the line
// break (Amitind800/Real-time-data-pipeline's airflow-init: `entrypoint: >`
// with `--role Admin ...` indented more than the block's first line, no
// backslash anywhere, where the note blamed a dropped backslash).
func TestOptionsAsPrograms(t *testing.T) {
	for _, tc := range []struct {
		name       string
		entrypoint *compose.Command
		command    *compose.Command
		want       []string
		cause      string
	}{
		{"continuation dropped by compose's split", listCmd("/bin/bash", "-c"),
			shellCmd("\"\nkafka-topics --create \\\n  --topic a --partitions 3\n\""), []string{"--topic"}, "compose's split drops a `\\`"},
		{"line break kept by a folded block", nil,
			shellCmd("bash -c \"airflow db init &&\n   airflow users create --username a\n   --role Admin\""), []string{"--role"}, "the YAML block keeps the line break"},
		{"continuation kept in the list form", nil,
			listCmd("bash", "-c", "kafka-topics --create \\\n  --topic a --partitions 3"), nil, ""},
		{"line break in the list form", nil,
			listCmd("bash", "-c", "kafka-topics --create\n  --topic a --partitions 3"), []string{"--topic"}, "does not end with a `\\`"},
		{"options to the image's entrypoint", nil, shellCmd("--copy-service --loglevel debug"), nil, ""},
		{"one line", listCmd("sh", "-c"), shellCmd("\"kafka-topics --create --topic a\""), nil, ""},
	} {
		s := &assembly{b: &Builder{opts: Options{Display: func(p string) string { return p }}}, res: &Result{}}
		s.runCommands(&compose.Service{Name: "init", Entrypoint: tc.entrypoint, Command: tc.command})
		var got []string
		for _, n := range s.res.Notes {
			if i := strings.Index(n.Message, `" runs as a command of its own`); i > 0 {
				got = append(got, n.Message[strings.Index(n.Message, `: "`)+3:i])
			}
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("%s: options run as programs = %q, want %q (notes %+v)", tc.name, got, tc.want, s.res.Notes)
		}
		for _, n := range s.res.Notes {
			if tc.cause != "" && strings.Contains(n.Message, "runs as a command of its own") && !strings.Contains(n.Message, tc.cause) {
				t.Errorf("%s: note %q does not say %q", tc.name, n.Message, tc.cause)
			}
		}
	}
}
