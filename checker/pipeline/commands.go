package pipeline

import (
	"fmt"
	"path"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/streamlint/streamlint/checker/compose"
	"github.com/streamlint/streamlint/checker/model"
	"github.com/streamlint/streamlint/checker/shell"
	"github.com/streamlint/streamlint/checker/spark"
	"github.com/streamlint/streamlint/internal/safefile"
)

// What a service runs (checker/shell): the words compose passes to the
// container, the commands of its sh -c scripts, and those of the shell
// scripts it runs from a bind-mounted directory of the repository, every
// word located where it is written.

// runCommands returns the commands a service runs, read once per service;
// scripts that cannot be read become notes.
func (s *assembly) runCommands(svc *compose.Service) []shell.Command {
	if cmds, ok := s.commands[svc]; ok {
		return cmds
	}
	if s.commands == nil {
		s.commands = map[*compose.Service][]shell.Command{}
	}
	argv, problems := containerArgv(svc)
	res := shell.Exec(argv)
	res.Problems = append(problems, res.Problems...)
	cmds := res.Commands
	res.Problems = append(res.Problems, optionsAsPrograms(svc, res.Commands)...)
	for _, c := range res.Commands {
		cmds = append(cmds, s.mountedScript(svc, c, &res.Problems)...)
	}
	for _, p := range res.Problems {
		s.res.Notes = append(s.res.Notes, model.Note{Location: p.Loc, Message: fmt.Sprintf("service %q: %s", svc.Name, p.Msg)})
	}
	s.commands[svc] = cmds
	return cmds
}

// optionsAsPrograms notes a command whose program is an option
// (`--topic x` on a line of its own): the shell runs it and fails, and
// the command before it lost those options. The first command is what the
// container is started with (options given to the image's entrypoint are
// fine); the others come from its scripts. Why the line break ends the
// command is said as it is written (lineBreakCause).
func optionsAsPrograms(svc *compose.Service, cmds []shell.Command) []shell.Problem {
	var out []shell.Problem
	for i, c := range cmds {
		if i == 0 {
			continue
		}
		w := c.Words[0]
		if w.Unknown || len(w.Text) < 2 || w.Text[0] != '-' {
			continue
		}
		out = append(out, shell.Problem{Loc: w.Loc, Msg: fmt.Sprintf(
			"%q runs as a command of its own, so the command before it does not get these options: %s", w.Text, lineBreakCause(svc, w.Loc))})
	}
	return out
}

// lineBreakCause says why the line break before the word at loc ends a
// command: a `\` continuation that compose's split of a double-quoted
// command removed, a line break a YAML block keeps (a `>` block folds only
// lines indented like its first), or a line of a script that does not end
// with a `\`.
func lineBreakCause(svc *compose.Service, loc model.Location) string {
	for _, c := range []*compose.Command{svc.Entrypoint, svc.Command} {
		if c == nil || c.IsList {
			continue
		}
		for i := range len(c.Shell) {
			if c.ShellAt(i) != loc {
				continue
			}
			j := strings.LastIndex(c.Shell[:i], "\n")
			if j < 0 || strings.TrimLeft(c.Shell[j+1:i], " \t") != "" {
				break
			}
			if strings.HasSuffix(strings.TrimSuffix(c.Shell[:j], "\r"), "\\") {
				return "inside a double-quoted command: compose's split drops a `\\` before a line break, and the shell then ends the command at that line break; write `\\\\` there, or the script on one line, or use the list form of command:"
			}
			return "the YAML block keeps the line break before it (a `|` block keeps every line break, a `>` block those around the lines indented more than its first), and the shell ends the command at that line break; write the command on one line, or indent the lines of a `>` block alike"
		}
	}
	return "the line before it does not end with a `\\`, so the shell ends the command at that line break; end that line with ` \\`"
}

// containerArgv is what the container is started with: the entrypoint's
// words, then the command's (the image's own entrypoint, unknown here,
// is left out when compose sets none).
func containerArgv(svc *compose.Service) ([]shell.Word, []shell.Problem) {
	var argv []shell.Word
	var problems []shell.Problem
	for _, c := range []*compose.Command{svc.Entrypoint, svc.Command} {
		words, err := composeWords(c)
		if err != nil {
			problems = append(problems, shell.Problem{Loc: c.ShellLoc, Msg: err.Error()})
		}
		if c == svc.Command && len(words) > 1 && !c.IsList && strings.Contains(strings.TrimSpace(c.Shell), "\n") && endsWithShellC(argv) {
			problems = append(problems, shell.Problem{Loc: words[1].Loc, Msg: fmt.Sprintf(
				"the entrypoint's sh -c runs only the first word of this command (%q) as its script: compose splits an unquoted command: into words and the others become $0, $1, ...; write the script as one quoted word (a `\"` line before and after it)", words[0].Text)})
		}
		argv = append(argv, words...)
	}
	return argv, problems
}

// endsWithShellC reports an entrypoint such as ["/bin/sh", "-c"], whose
// script is the command's first word.
func endsWithShellC(entry []shell.Word) bool {
	if len(entry) < 2 || !isShellProgram(path.Base(entry[0].Text)) {
		return false
	}
	last := entry[len(entry)-1].Text
	return len(last) > 1 && last[0] == '-' && last[1] != '-' && strings.ContainsRune(last, 'c')
}

// composeWords are the words of a command or entrypoint as compose passes
// them: the list items, or the string split as compose splits it.
func composeWords(c *compose.Command) ([]shell.Word, error) {
	if c == nil {
		return nil, nil
	}
	if !c.IsList {
		words, _, err := shell.SplitCompose(shell.Mapped(c.Shell, c.ShellAt))
		return words, err
	}
	out := make([]shell.Word, len(c.Args))
	for i, a := range c.Args {
		out[i] = shell.Mapped(a.Text, a.At)
		// compose interpolated the item: a reference left is a variable
		// it does not know
		out[i].Unknown = hasReference(a.Text)
	}
	return out, nil
}

// hasReference reports "$NAME" or "${" in s.
func hasReference(s string) bool {
	for i := 0; i+1 < len(s); i++ {
		if s[i] == '$' && (s[i+1] == '{' || s[i+1] == '_' || s[i+1] >= 'A' && s[i+1] <= 'Z' || s[i+1] >= 'a' && s[i+1] <= 'z') {
			return true
		}
	}
	return false
}

// mountedScript reads the shell script a command runs (`/scripts/x.sh`,
// `bash /scripts/x.sh`) when the service mounts it from the repository
// (./scripts:/scripts): its commands, located in the script.
func (s *assembly) mountedScript(svc *compose.Service, c shell.Command, problems *[]shell.Problem) []shell.Command {
	script := c.Words[0]
	if args := c.Args(); isShellProgram(c.Program()) && len(args) > 0 && !strings.HasPrefix(args[0].Text, "-") {
		script = args[0]
	}
	if script.Unknown || !strings.HasSuffix(script.Text, ".sh") || !path.IsAbs(script.Text) {
		return nil
	}
	host := hostPath(svc, script.Text)
	if host == "" {
		return nil
	}
	data, err := s.readOptional(host)
	if err != nil {
		if !safefile.IsNotExist(err) {
			*problems = append(*problems, shell.Problem{Loc: script.Loc, Msg: fmt.Sprintf("script %s not read: %s", s.display(host), safefile.Message(err))})
		}
		return nil
	}
	res := shell.File(s.display(host), data)
	*problems = append(*problems, res.Problems...)
	return res.Commands
}

func isShellProgram(p string) bool {
	switch p {
	case "sh", "bash", "dash", "ash":
		return true
	}
	return false
}

// hostPath maps a container path through the service's bind mounts to
// the repository; "" when no mount holds it.
func hostPath(svc *compose.Service, p string) string {
	best, host := "", ""
	for _, v := range svc.Volumes {
		t := strings.TrimSuffix(v.Target, "/")
		if v.Type != "bind" || t == "" || len(t) <= len(best) {
			continue
		}
		if p == t || strings.HasPrefix(p, t+"/") {
			best, host = t, filepath.Join(v.Source, filepath.FromSlash(strings.TrimPrefix(p, t)))
		}
	}
	return host
}

// readOptional reads a file a service refers to but the project does not
// need (a script, a Dockerfile) within the size limit, recording it as a
// source of the pipeline; failing is no error of the project.
func (s *assembly) readOptional(abs string) ([]byte, error) {
	if data, ok := s.res.Sources[abs]; ok {
		return data, nil
	}
	data, err := s.readBounded(abs)
	if err != nil {
		return nil, err
	}
	s.res.Sources[abs] = data
	s.addFile(abs)
	return data, nil
}

// findSubmits returns the spark-submit invocations a service runs.
func (s *assembly) findSubmits(svc *compose.Service) []spark.Submit {
	return spark.FindSubmits(s.runCommands(svc))
}

// topicsFromCommand records the topics a client service creates with
// kafka-topics --create, each located at its --topic value; a value that
// holds an unknown variable counts as unknown (0), never as wrong.
func (s *assembly) topicsFromCommand(svc *compose.Service) {
	for _, c := range s.runCommands(svc) {
		if p := c.Program(); p != "kafka-topics" && p != "kafka-topics.sh" {
			continue
		}
		if t, ok := createdTopic(c.Args(), svc.Loc); ok {
			s.p.Topics = append(s.p.Topics, t)
		}
	}
}

// createdTopic reads the options of kafka-topics: a topic when --create
// and --topic are given.
func createdTopic(args []shell.Word, at model.Location) (model.Topic, bool) {
	t := model.Topic{Source: "kafka-topics", Loc: at, PartitionsLoc: at}
	create := false
	for i := 0; i < len(args); i++ {
		name, value, valueOff := args[i].Text, shell.Word{}, 0
		if n, _, ok := strings.Cut(name, "="); ok && strings.HasPrefix(n, "--") {
			name, value, valueOff = n, args[i], len(n)+1
		} else if i+1 < len(args) {
			value = args[i+1]
		} else if name != "--create" {
			break // an option without its value: kafka-topics refuses it
		}
		text := value.Text[min(valueOff, len(value.Text)):]
		num := func() int {
			n, err := strconv.Atoi(text)
			if value.Unknown || err != nil {
				return 0
			}
			return n
		}
		switch name {
		case "--create":
			create = true
			continue
		case "--topic":
			t.Name, t.Loc = text, value.LocAt(valueOff)
		case "--partitions":
			t.Partitions, t.PartitionsLoc = num(), value.LocAt(valueOff)
		case "--replication-factor":
			t.ReplicationFactor = num()
		default:
			continue
		}
		if valueOff == 0 {
			i++
		}
	}
	return t, create && t.Name != ""
}
