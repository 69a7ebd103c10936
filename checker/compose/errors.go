package compose

import (
	"fmt"
	"regexp"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/streamlint/streamlint/checker/model"
	"github.com/streamlint/streamlint/checker/yamlpos"
)

var (
	// compose-go's decoding errors: "decoding failed due to the
	// following error(s):\n\n'services[kafka].mem_limit' invalid size:
	// 'abc'"
	decodeErrRe = regexp.MustCompile(`(?s)^decoding failed due to the following error\(s\):\s*'services\[([^\]]+)\]\.([A-Za-z0-9_.]+)' (.*)$`)
	// "invalid interpolation format for services.kafka.environment.[].
	// \nYou may need to escape any $ with another $.\nKEY=VALUE ${"
	interpErrRe = regexp.MustCompile(`(?s)^invalid interpolation format for (.+?)\.?\s*You may need to escape any \$ with another \$\.\s*(.*)$`)
	quotedRe    = regexp.MustCompile(`:?\s*'[^']*'`)
)

// valueError places compose-go's errors about one value on the value,
// and drops the value from the message: compose-go quotes it (a list
// item "KAFKA_SASL_PASSWORD=..." whole), and a value may be a secret.
func (x *index) valueError(files []string, msg string) (model.Location, string, bool) {
	if m := decodeErrRe.FindStringSubmatch(msg); m != nil {
		svc, key := m[1], m[2]
		what := strings.TrimSpace(quotedRe.ReplaceAllString(strings.SplitN(m[3], "\n", 2)[0], ""))
		loc := x.serviceValuePos(files, svc, strings.Split(key, ".")...)
		return loc, fmt.Sprintf("services.%s.%s: %s (the value is at this position)", svc, key, what), true
	}
	if nf, ok := x.nonFiniteValue(files, msg); ok {
		return nf.loc, nf.message(), true
	}
	if m := interpErrRe.FindStringSubmatch(msg); m != nil {
		path, value := m[1], strings.TrimSpace(m[2])
		loc, ok := x.findScalar(files, value)
		if !ok {
			return model.Location{}, "", false
		}
		return loc, fmt.Sprintf("invalid interpolation format for %s: a $ that starts no ${VAR} reference (write $$ for a literal $); the value is not shown, it may be a secret", path), true
	}
	return model.Location{}, "", false
}

// findScalar finds the first scalar of files whose value is value (a
// list item "KEY=VALUE" included), in every document.
func (x *index) findScalar(files []string, value string) (model.Location, bool) {
	for _, f := range files {
		d, err := x.doc(f)
		if err != nil {
			continue
		}
		for _, root := range d.Roots() {
			var found *yaml.Node
			walkScalars(root, 0, "", func(n *yaml.Node, _ string) {
				if found == nil && (n.Value == value || strings.TrimSpace(n.Value) == value) {
					found = n
				}
			})
			if found != nil {
				return x.loc(f, yamlpos.ScalarStart(found)), true
			}
		}
	}
	return model.Location{}, false
}
