package compose

import (
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/streamlint/streamlint/checker/yamlpos"
)

// command returns a service's command or entrypoint with the position of
// every byte of its text, interpolated as compose does.
func (x *index) command(files []string, name, key string, env map[string]string) *Command {
	f, _, n := x.lookup(files, name, key)
	if n == nil {
		return nil
	}
	display := x.display(f)
	switch n.Kind {
	case yaml.ScalarNode:
		if n.Tag == "!!null" {
			return nil
		}
		m := interpolate(yamlpos.ScalarMap(x.lines[f], n), env)
		// the text starts at its first non-blank byte (a block scalar may
		// begin with empty lines)
		text := m.Text()
		start := len(text) - len(strings.TrimLeft(text, " \t\r\n"))
		if start == len(text) {
			start = 0
		}
		return &Command{Shell: text, ShellLoc: x.loc(f, m.At(start)), file: display, shellMap: m}
	case yaml.SequenceNode:
		c := &Command{IsList: true, file: display}
		for _, item := range n.Content {
			item = yamlpos.Resolve(item)
			if item == nil || item.Kind != yaml.ScalarNode {
				continue
			}
			m := interpolate(yamlpos.ScalarMap(x.lines[f], item), env)
			loc := x.loc(f, m.At(0))
			if m.Text() == "" {
				loc = x.loc(f, yamlpos.ScalarStart(item))
			}
			c.Args = append(c.Args, Arg{Text: m.Text(), Loc: loc, m: m})
		}
		return c
	}
	return nil
}

// interpolate applies compose's interpolation to a mapped text: "$$" is
// "$" (at the first '$'), a set variable is replaced by its value (every
// byte at the reference's '$'); ${VAR:-default} and the other forms apply
// as compose applies them. A reference whose value is unknown (the
// variable is not set and no default applies, a required variable is
// missing, or a default itself refers to a variable) stays written as it
// is, so that a shell reading the text sees a variable it does not know.
func interpolate(m yamlpos.Map, env map[string]string) yamlpos.Map {
	text := m.Text()
	if !strings.Contains(text, "$") {
		return m
	}
	type repl struct {
		start, end int
		with       string
	}
	var repls []repl
	for _, loc := range refRe.FindAllStringSubmatchIndex(text, -1) {
		whole := text[loc[0]:loc[1]]
		if whole == "$$" {
			repls = append(repls, repl{loc[0], loc[1], "$"})
			continue
		}
		var r ref
		if loc[2] >= 0 {
			r.name = text[loc[2]:loc[3]]
			if loc[4] >= 0 {
				r.op, r.msg = text[loc[4]:loc[5]], text[loc[6]:loc[7]]
			}
		} else {
			r.name = text[loc[8]:loc[9]]
		}
		if v, ok := refValue(r, env); ok {
			repls = append(repls, repl{loc[0], loc[1], v})
		}
	}
	if len(repls) == 0 {
		return m
	}
	var b yamlpos.MapBuilder
	next := 0
	m.Each(func(off int, p yamlpos.Pos) {
		for next < len(repls) && repls[next].end <= off {
			next++
		}
		if next < len(repls) && off >= repls[next].start {
			if off == repls[next].start {
				b.Add(repls[next].with, p, true)
			}
			return
		}
		end := off + 1
		for end < len(text) && !runeStart(text[end]) {
			end++
		}
		b.Add(text[off:end], p, false)
	})
	return b.Map()
}

func runeStart(c byte) bool { return c&0xC0 != 0x80 }

// refValue is the value compose substitutes for a reference, and whether
// it is known.
func refValue(r ref, env map[string]string) (string, bool) {
	v, set := env[r.name]
	if set && strings.HasPrefix(v, markerPrefix) {
		return "", false // a required variable that is missing
	}
	out, known := v, true
	switch r.op {
	case "":
		known = set
	case ":-":
		if !set || v == "" {
			out = r.msg
		}
	case "-":
		if !set {
			out = r.msg
		}
	case ":+", "+":
		out = ""
		if set && (r.op == "+" || v != "") {
			out = r.msg
		}
	default: // ":?" and "?": compose refuses to start without it
		known = set && (r.op == "?" || v != "")
	}
	if !known || strings.Contains(out, "$") {
		return "", false
	}
	return out, true
}
