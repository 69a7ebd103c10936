package compose

import (
	"strings"
	"testing"

	"github.com/streamlint/streamlint/checker/model"
)

func TestCommandPositionsAndInterpolation(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		".env": "PARTS=6\n",
		"compose.yaml": `services:
  init:
    image: confluentinc/cp-kafka:7.6.1
    entrypoint: ["/bin/sh", "-c"]
    command: |
      "
      kafka-topics --create --topic a --partitions ${PARTS}
      for t in x y; do echo $$t; done
      kafka-topics --create --topic b --partitions ${UNSET}
      "
  list:
    image: confluentinc/cp-kafka:7.6.1
    command:
      - bash
      - -c
      - >
        kafka-topics --create
        --topic c --partitions ${NOPE:-2}
`,
	})
	p := load(t, dir, Options{}, "compose.yaml")
	at := func(line, col int) model.Location {
		return model.Location{File: "compose.yaml", Line: line, Column: col}
	}
	init := service(t, p, "init").Command
	for _, c := range []struct {
		word string
		want model.Location
	}{
		{"--partitions 6", at(7, 39)}, // the value of PARTS is at its '$'
		{"6", at(7, 52)},              // ... every byte of it
		{"$t", at(8, 29)},             // $$ is $, at the first '$'
		{"t; done", at(8, 31)},        // after the $$, columns follow the source again
		{"${UNSET}", at(9, 52)},       // unset: kept as written
		{"kafka-topics --create --topic b", at(9, 7)},
	} {
		off := strings.Index(init.Shell, c.word)
		if off < 0 {
			t.Fatalf("%q not in %q", c.word, init.Shell)
		}
		if got := init.ShellAt(off); got != c.want {
			t.Errorf("%q at %v, want %v", c.word, got, c.want)
		}
	}
	if init.ShellLoc != at(6, 7) {
		t.Errorf("ShellLoc = %v", init.ShellLoc)
	}
	ep := service(t, p, "init").Entrypoint
	if !ep.IsList || len(ep.Args) != 2 || ep.Args[1].Text != "-c" || ep.Args[1].Loc != at(4, 30) {
		t.Errorf("entrypoint = %+v", ep)
	}
	list := service(t, p, "list").Command
	if !list.IsList || len(list.Args) != 3 {
		t.Fatalf("list = %+v", list)
	}
	script := list.Args[2]
	if script.Text != "kafka-topics --create --topic c --partitions 2\n" {
		t.Errorf("folded, interpolated: %q", script.Text)
	}
	if got := script.At(strings.Index(script.Text, "--topic")); got != at(18, 9) {
		t.Errorf("--topic at %v, want 18:9", got)
	}
	if got := script.At(strings.Index(script.Text, "--create") + len("--create")); got != at(17, 30) {
		t.Errorf("folded line break at %v, want the end of line 17", got)
	}
	if script.Loc != at(17, 9) {
		t.Errorf("script starts at %v", script.Loc)
	}
}

func TestRefValue(t *testing.T) {
	env := map[string]string{"SET": "v", "EMPTY": "", "REQ": markerPrefix + "REQ"}
	for _, c := range []struct {
		r     ref
		want  string
		known bool
	}{
		{ref{name: "SET"}, "v", true},
		{ref{name: "NOPE"}, "", false},
		{ref{name: "NOPE", op: ":-", msg: "d"}, "d", true},
		{ref{name: "EMPTY", op: ":-", msg: "d"}, "d", true},
		{ref{name: "EMPTY", op: "-", msg: "d"}, "", true},
		{ref{name: "SET", op: ":+", msg: "alt"}, "alt", true},
		{ref{name: "EMPTY", op: ":+", msg: "alt"}, "", true},
		{ref{name: "EMPTY", op: "+", msg: "alt"}, "alt", true},
		{ref{name: "NOPE", op: "+", msg: "alt"}, "", true},
		{ref{name: "REQ", op: ":?"}, "", false},
		{ref{name: "SET", op: ":?"}, "v", true},
		{ref{name: "NOPE", op: ":-", msg: "$OTHER"}, "", false},
	} {
		got, known := refValue(c.r, env)
		if got != c.want || known != c.known {
			t.Errorf("%+v: %q %v, want %q %v", c.r, got, known, c.want, c.known)
		}
	}
}
