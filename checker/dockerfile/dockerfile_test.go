package dockerfile

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/streamlint/streamlint/checker/model"
	"github.com/streamlint/streamlint/internal/fuzzseed"
)

const multiStage = `# syntax=docker/dockerfile:1
ARG KAFKA_VERSION=3.7.0
FROM apache/kafka:${KAFKA_VERSION} AS base
ENV KAFKA_HEAP_OPTS="-Xmx2G" \
    LOG_DIR=/var/log/kafka
FROM golang:1.22 AS tools
RUN go build -o /x ./cmd/x
FROM base
ARG PARTS=3
ENV KAFKA_NUM_PARTITIONS=${PARTS}
WORKDIR /opt/kafka
COPY config/server.properties config/
COPY --from=tools /x /usr/local/bin/x
ADD --chown=1000 log4j.properties /opt/kafka/config/log4j.properties
CMD ["/opt/kafka/bin/kafka-server-start.sh", "/opt/kafka/config/server.properties"]
`

func str(s string) *string { return &s }

func at(line, col int) model.Location {
	return model.Location{File: "Dockerfile", Line: line, Column: col}
}

func TestParseMultiStage(t *testing.T) {
	t.Parallel()
	img, err := Parse("Dockerfile", []byte(multiStage), map[string]*string{"KAFKA_VERSION": str("3.8.0"), "UNDECLARED": str("x")})
	if err != nil {
		t.Fatal(err)
	}
	if img.Base != "apache/kafka:3.8.0" || img.BaseLoc != at(3, 6) {
		t.Errorf("base %q at %v", img.Base, img.BaseLoc)
	}
	var env []string
	for _, e := range img.Env {
		env = append(env, fmt.Sprintf("%s=%s@%d:%d", e.Name, e.Value, e.Loc.Line, e.Loc.Column))
	}
	if got, want := strings.Join(env, " "), "KAFKA_HEAP_OPTS=-Xmx2G@4:21 LOG_DIR=/var/log/kafka@5:13 KAFKA_NUM_PARTITIONS=3@10:26"; got != want {
		t.Errorf("env %s, want %s", got, want)
	}
	if len(img.Copies) != 2 {
		t.Fatalf("copies = %+v (the --from copy is not the context's)", img.Copies)
	}
	c := img.Copies[0]
	if c.Loc != at(12, 6) || c.Target(c.Sources[0]) != "/opt/kafka/config/server.properties" {
		t.Errorf("copy %+v targets %s", c, c.Target(c.Sources[0]))
	}
	if a := img.Copies[1]; a.Target(a.Sources[0]) != "/opt/kafka/config/log4j.properties" || a.Loc != at(14, 18) {
		t.Errorf("add %+v", a)
	}
	if img.Cmd == nil || len(img.Cmd.Args) != 2 || img.Cmd.Args[1].Text != "/opt/kafka/config/server.properties" || img.Cmd.Args[1].Loc != at(15, 47) {
		t.Errorf("cmd %+v", img.Cmd)
	}
	if img.Entrypoint != nil {
		t.Errorf("entrypoint %+v", img.Entrypoint)
	}
}

func TestParseForms(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, src, want string
	}{
		{"wurstmeister, shell-form CMD", "FROM wurstmeister/kafka\nCMD start-kafka.sh --override x\n",
			"base=wurstmeister/kafka@1:6 cmd=sh:start-kafka.sh --override x@2:5"},
		{"ENTRYPOINT resets an inherited CMD", "FROM a AS one\nCMD [\"x\"]\nFROM one\nENTRYPOINT [\"/e.sh\"]\n",
			"base=a@1:6 entrypoint=/e.sh@4:14"},
		{"CMD after ENTRYPOINT", "FROM a\nENTRYPOINT [\"/e.sh\"]\nCMD [\"run\"]\n",
			"base=a@1:6 cmd=run@3:7 entrypoint=/e.sh@2:14"},
		{"continuations and the escape directive", "# escape=`\nFROM `\n  bitnami/kafka:3.7\nENV A=1 `\n  B=2\n",
			"base=bitnami/kafka:3.7@3:3 env=A=1@4:7,B=2@5:5"},
		{"legacy ENV", "FROM a\nENV KEY some value\n", "base=a@1:6 env=KEY=some value@2:9"},
		{"platform flag and a digest", "FROM --platform=linux/amd64 confluentinc/cp-kafka:7.6.1@sha256:abc\n",
			"base=confluentinc/cp-kafka:7.6.1@sha256:abc@1:29"},
		{"build arg without a value keeps the default", "ARG V=1\nFROM img:$V\n", "base=img:1@2:6"},
		{"unset variable in ENV", "FROM a\nENV X=${NOPE}/y\n", "base=a@1:6 env=X=/y?@2:7"},
		{"scratch", "FROM scratch\n", "base=@1:6"},
		{"relative WORKDIR and dest", "FROM a\nWORKDIR app\nWORKDIR conf\nCOPY x.properties .\n", "base=a@1:6 copy=/app/conf/x.properties@4:6"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			img, err := Parse("Dockerfile", []byte(tc.src), map[string]*string{"V": nil})
			if err != nil {
				t.Fatal(err)
			}
			if got := render(img); got != tc.want {
				t.Errorf("got  %s\nwant %s", got, tc.want)
			}
		})
	}
}

func render(img *Image) string {
	out := []string{fmt.Sprintf("base=%s@%d:%d", img.Base, img.BaseLoc.Line, img.BaseLoc.Column)}
	cmd := func(name string, c *Command) {
		if c == nil {
			return
		}
		if c.Args == nil {
			out = append(out, fmt.Sprintf("%s=sh:%s@%d:%d", name, c.Shell, c.Loc.Line, c.Loc.Column))
			return
		}
		var args []string
		for _, a := range c.Args {
			args = append(args, fmt.Sprintf("%s@%d:%d", a.Text, a.Loc.Line, a.Loc.Column))
		}
		out = append(out, name+"="+strings.Join(args, ","))
	}
	cmd("cmd", img.Cmd)
	cmd("entrypoint", img.Entrypoint)
	if len(img.Env) > 0 {
		var env []string
		for _, e := range img.Env {
			mark := ""
			if e.Unresolved {
				mark = "?"
			}
			env = append(env, fmt.Sprintf("%s=%s%s@%d:%d", e.Name, e.Value, mark, e.Loc.Line, e.Loc.Column))
		}
		out = append(out, "env="+strings.Join(env, ","))
	}
	for _, c := range img.Copies {
		for _, s := range c.Sources {
			out = append(out, fmt.Sprintf("copy=%s@%d:%d", c.Target(s), c.Loc.Line, c.Loc.Column))
		}
	}
	return strings.Join(out, " ")
}

func TestCannotFollow(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, src string
		line      int
		msg       string
	}{
		{"unset FROM variable", "ARG TAG\nFROM apache/kafka:${TAG}\n", 2, "TAG not set"},
		{"unset global in a later stage", "FROM a AS x\nFROM ${BASE}\n", 2, "BASE not set"},
		{"no FROM", "ARG A=1\n", 1, "no FROM"},
		{"only comments", "# nothing\n", 1, "no instructions"},
		{"no instruction at all", "", 1, "cannot parse"},
		{"syntax error", "FROM a\nENV A=1 B\n", 2, "cannot parse"},
		{"unterminated heredoc", "FROM a\nRUN <<EOF\nx\n", 2, "cannot parse"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			_, err := Parse("Dockerfile", []byte(tc.src), nil)
			var de *Error
			if !errors.As(err, &de) || de.Loc.Line != tc.line || !strings.Contains(de.Msg, tc.msg) {
				t.Errorf("err = %v, want a line %d %q error", err, tc.line, tc.msg)
			}
		})
	}
}

func TestRead(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "kafka"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "kafka", "Dockerfile.broker"), []byte("FROM apache/kafka:3.8.0\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	display := func(abs string) string { r, _ := filepath.Rel(dir, abs); return filepath.ToSlash(r) }
	img, abs, err := Read(filepath.Join(dir, "kafka"), "Dockerfile.broker", nil, os.ReadFile, display)
	if err != nil || img.Base != "apache/kafka:3.8.0" || img.File != "kafka/Dockerfile.broker" || abs != filepath.Join(dir, "kafka", "Dockerfile.broker") {
		t.Errorf("img %+v abs %s err %v", img, abs, err)
	}
	_, _, err = Read(filepath.Join(dir, "kafka"), "", nil, os.ReadFile, display)
	var de *Error
	if !errors.As(err, &de) || de.Loc.File != "kafka/Dockerfile" || !strings.Contains(de.Msg, "kafka/Dockerfile does not exist") {
		t.Errorf("missing Dockerfile: %v", err)
	}
}

// FuzzParse: Parse never panics, fails only with an *Error inside the
// input, and every location it gives is inside the input.
func FuzzParse(f *testing.F) {
	f.Add(multiStage)
	f.Add("# escape=`\nFROM `\n a\nENV A=1 `\n B=2\nCMD x\n")
	f.Add("ARG A\nFROM ${A:-b}:${C}\nCOPY <<EOF /x\nhi\nEOF\nENTRYPOINT [\"a\", \"b\"]\n")
	for _, s := range fuzzseed.Files("Dockerfile") {
		f.Add(string(s))
	}
	f.Fuzz(func(t *testing.T, src string) {
		fuzzseed.Count()
		check := func(what string, l model.Location) {
			t.Helper()
			if l.Line == 0 && l.Column == 0 {
				return
			}
			if !fuzzseed.Inside([]byte(src), l.Line, l.Column) && (l.Line != 1 || l.Column != 1) {
				t.Fatalf("%s at %v is outside the input %q", what, l, src)
			}
		}
		img, err := Parse("Dockerfile", []byte(src), map[string]*string{"A": str("a"), "B": nil})
		if err != nil {
			var de *Error
			if !errors.As(err, &de) {
				t.Fatalf("error %v (%T) is not an *Error", err, err)
			}
			check("error", de.Loc)
			return
		}
		check("FROM", img.BaseLoc)
		for _, e := range img.Env {
			check("ENV "+e.Name, e.Loc)
		}
		for _, c := range img.Copies {
			check("COPY", c.Loc)
		}
		for _, c := range []*Command{img.Cmd, img.Entrypoint} {
			if c == nil {
				continue
			}
			check("command", c.Loc)
			for _, a := range c.Args {
				check("command arg", a.Loc)
			}
		}
	})
}
