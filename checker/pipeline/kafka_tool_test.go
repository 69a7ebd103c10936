package pipeline

import (
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
