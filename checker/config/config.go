// Package config reads .streamlint.yaml: the profile, the failing
// severity, per-rule settings, parameters, excludes, env files, extra
// policy directories, assumed versions and the docs URL.
package config

import (
	"fmt"
	"math"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/streamlint/streamlint/checker/model"
	"github.com/streamlint/streamlint/internal/safefile"
)

// FileNames are the names searched for, in order.
var FileNames = []string{".streamlint.yaml", ".streamlint.yml"}

// Config is the content of a configuration file.
type Config struct {
	Path     string // where it was read from ("" when none)
	Profile  string
	FailOn   string
	Rules    map[string]string // id -> "off" or a severity
	Params   map[string]float64
	Exclude  []string
	EnvFiles []string
	Policies []string
	Versions Versions
	DocsURL  string
	// envFileLines, policyLines and excludeLines are the lines of the
	// EnvFiles, Policies and Exclude entries.
	envFileLines, policyLines, excludeLines []int
}

// Versions are the Kafka and Spark versions to assume where image tags do
// not say.
type Versions struct {
	Kafka string
	Spark string
}

// Error is a configuration error with its position.
type Error struct {
	File string
	Line int
	Msg  string
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.File, e.Msg)
}

// Find searches dir and its parents for a configuration file; "" if none.
// Anything but a directory counts as found, so that a configuration file
// that is a FIFO or a link to a device is refused by Load (exit 2), not
// passed over as if there were none.
func Find(dir string) string {
	for d := dir; ; d = filepath.Dir(d) {
		for _, n := range FileNames {
			p := filepath.Join(d, n)
			if st, err := os.Lstat(p); err == nil && !st.IsDir() {
				return p
			}
		}
		if filepath.Dir(d) == d {
			return ""
		}
	}
}

// Load reads and validates a configuration file. Relative paths in it
// (exclude globs excepted) are resolved against the file's directory.
// The env files it names must lie in scope: a configuration committed
// to the repository under check may not feed the host's files to
// interpolation (the zero Scope, for a --config the user names, admits
// any path). Policy directories may lie anywhere (a team's shared
// policies checked out beside the repository): they are code the
// configuration already chooses, and a policy file's text is never
// printed.
func Load(path string, scope safefile.Scope) (*Config, error) {
	data, err := safefile.Read(path, safefile.DefaultLimit)
	if err != nil {
		return nil, &Error{File: path, Msg: safefile.Message(err)}
	}
	c, err := Parse(path, data)
	if err != nil {
		return nil, err
	}
	dir := filepath.Dir(path)
	for i, f := range c.EnvFiles {
		if !filepath.IsAbs(f) {
			c.EnvFiles[i] = filepath.Join(dir, f)
		}
		// a pull request may commit the configuration: an env file that
		// is a FIFO, a device or a link into /proc is refused here, on
		// its line (a missing one is reported by each project)
		if _, err := scope.Vet(c.EnvFiles[i], 0); err != nil && !safefile.IsNotExist(err) {
			return nil, &Error{File: path, Line: lineOf(c.envFileLines, i), Msg: fmt.Sprintf("env-files: %q %s", f, safefile.Message(err))}
		}
	}
	for i, p := range c.Policies {
		if !filepath.IsAbs(p) {
			c.Policies[i] = filepath.Join(dir, p)
		}
		// a committed configuration loads policies from the repository
		// only: policies: [/] walked the runner's whole file system
		if err := scope.VetDir(c.Policies[i]); err != nil {
			return nil, &Error{File: path, Line: lineOf(c.policyLines, i), Msg: fmt.Sprintf("policies: %q %s; to load policies from elsewhere, name them with --policy", p, safefile.Message(err))}
		}
	}
	return c, nil
}

// lineOf is the i-th of lines, 0 when unknown.
func lineOf(lines []int, i int) int {
	if i < len(lines) {
		return lines[i]
	}
	return 0
}

// ExcludeLine is the line of the i-th exclude entry (0 when unknown).
func (c *Config) ExcludeLine(i int) int {
	if i < len(c.excludeLines) {
		return c.excludeLines[i]
	}
	return 0
}

// Parse parses configuration bytes; path is used in errors.
func Parse(path string, data []byte) (*Config, error) {
	c := &Config{Path: path, Rules: map[string]string{}, Params: map[string]float64{}}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		line := 0
		if i := strings.Index(err.Error(), "line "); i >= 0 {
			_, _ = fmt.Sscanf(err.Error()[i:], "line %d", &line)
		}
		return nil, &Error{File: path, Line: line, Msg: "invalid YAML: " + strings.TrimPrefix(err.Error(), "yaml: ")}
	}
	if len(doc.Content) == 0 {
		return c, nil
	}
	root := doc.Content[0]
	if root.Kind == yaml.ScalarNode && root.Tag == "!!null" {
		return c, nil // "---", "~" or "null": an empty document
	}
	if root.Kind != yaml.MappingNode {
		return nil, &Error{File: path, Line: root.Line, Msg: "the configuration must be a mapping of keys"}
	}
	bad := func(n *yaml.Node, format string, args ...any) error {
		return &Error{File: path, Line: n.Line, Msg: fmt.Sprintf(format, args...)}
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		if v.Kind == yaml.ScalarNode && v.Tag == "!!null" && k.Value != "" && slices.Contains(knownKeys(), k.Value) {
			continue // a key with only comments under it
		}
		if err := c.set(k, v, bad); err != nil {
			return nil, err
		}
	}
	return c, nil
}

// set reads one top-level key of the configuration.
func (c *Config) set(k, v *yaml.Node, bad func(*yaml.Node, string, ...any) error) error {
	var err error
	switch k.Value {
	case "profile":
		c.Profile, err = scalar(v, bad)
		if err == nil && c.Profile != "prod" && c.Profile != "dev" {
			err = bad(v, "profile: %q is not prod or dev", c.Profile)
		}
	case "fail-on":
		c.FailOn, err = scalar(v, bad)
		if err == nil && c.FailOn != "none" {
			if _, perr := model.ParseSeverity(c.FailOn); perr != nil {
				err = bad(v, "fail-on: %v (or none)", perr)
			}
		}
	case "rules":
		err = mapping(v, bad, func(id, val *yaml.Node) error {
			s := strings.ToLower(val.Value)
			if s != "off" {
				if _, perr := model.ParseSeverity(s); perr != nil {
					return bad(val, "rules.%s: %q is not off, error, warning or info", id.Value, val.Value)
				}
			}
			c.Rules[strings.ToUpper(id.Value)] = s
			return nil
		})
	case "params":
		err = mapping(v, bad, func(key, val *yaml.Node) error {
			n, perr := strconv.ParseFloat(val.Value, 64)
			if perr != nil || math.IsNaN(n) || math.IsInf(n, 0) {
				return bad(val, "params.%s: %q is not a number", key.Value, val.Value)
			}
			c.Params[key.Value] = n
			return nil
		})
	case "exclude":
		c.Exclude, err = list(v, bad)
		for _, item := range v.Content {
			c.excludeLines = append(c.excludeLines, item.Line)
		}
	case "env-files":
		c.EnvFiles, err = list(v, bad)
		for _, item := range v.Content {
			c.envFileLines = append(c.envFileLines, item.Line)
		}
	case "policies":
		c.Policies, err = list(v, bad)
		for _, item := range v.Content {
			c.policyLines = append(c.policyLines, item.Line)
		}
	case "versions":
		err = mapping(v, bad, func(key, val *yaml.Node) error {
			switch key.Value {
			case "kafka":
				c.Versions.Kafka = val.Value
			case "spark":
				c.Versions.Spark = val.Value
			default:
				return bad(key, "versions: unknown key %q (want kafka or spark)", key.Value)
			}
			return nil
		})
	case "docs-url":
		if c.DocsURL, err = scalar(v, bad); err == nil && !webURL(c.DocsURL) {
			err = bad(v, "docs-url must be an http or https address (it becomes every rule's help link, in SARIF too)")
		}
	default:
		err = bad(k, "unknown key %q (known: %s)", k.Value, strings.Join(knownKeys(), ", "))
	}
	return err
}

func knownKeys() []string {
	keys := []string{"profile", "fail-on", "rules", "params", "exclude", "env-files", "policies", "versions", "docs-url"}
	sort.Strings(keys)
	return keys
}

type badFunc func(*yaml.Node, string, ...any) error

// webURL reports whether s is an absolute http(s) address with a host
// and nothing a viewer could take for something else (spaces, control
// characters): a committed configuration's docs-url reaches SARIF
// helpUri links, where javascript: or data: would be a trap.
func webURL(s string) bool {
	if strings.ContainsFunc(s, func(r rune) bool { return r <= ' ' || r == 0x7f }) {
		return false
	}
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "https" || u.Scheme == "http") && u.Host != "" && u.User == nil
}

func scalar(n *yaml.Node, bad badFunc) (string, error) {
	if n.Kind != yaml.ScalarNode {
		return "", bad(n, "expected a single value")
	}
	return n.Value, nil
}

func list(n *yaml.Node, bad badFunc) ([]string, error) {
	if n.Kind != yaml.SequenceNode {
		return nil, bad(n, "expected a list")
	}
	out := make([]string, 0, len(n.Content))
	for _, item := range n.Content {
		if item.Kind != yaml.ScalarNode {
			return nil, bad(item, "expected a string")
		}
		out = append(out, item.Value)
	}
	return out, nil
}

func mapping(n *yaml.Node, bad badFunc, fn func(k, v *yaml.Node) error) error {
	if n.Kind != yaml.MappingNode {
		return bad(n, "expected a mapping")
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i+1].Kind != yaml.ScalarNode {
			return bad(n.Content[i+1], "expected a single value")
		}
		if err := fn(n.Content[i], n.Content[i+1]); err != nil {
			return err
		}
	}
	return nil
}
