package compose

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/compose-spec/compose-go/v2/dotenv"
)

// envFileError is an env file compose's parser rejects. Its message
// never quotes the file: the parser's own errors print the rest of the
// line ("unterminated quoted value s3cr3t..."), and an env file is where
// secrets live.
type envFileError struct {
	Line int // 1-based; 0 when unknown
	Msg  string
}

func (e *envFileError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("line %d: %s", e.Line, e.Msg)
	}
	return e.Msg
}

// quoteStart is the line where the quoted value that compose's parser
// found unterminated at line end opens: the last assignment of a quoted
// value at or before it (the parser counts the lines it ran through).
func quoteStart(data []byte, end int) int {
	lines := strings.Split(strings.ReplaceAll(string(data), "\r\n", "\n"), "\n")
	for i := min(end, len(lines)) - 1; i >= 0; i-- {
		if quotedAssignRe.MatchString(lines[i]) {
			return i + 1
		}
	}
	return end
}

var quotedAssignRe = regexp.MustCompile(`^\s*(export\s+)?[A-Za-z0-9_.\-\[\]]+\s*=\s*["']`)

var dotenvErrRe = regexp.MustCompile(`^line (\d+): (unterminated quoted value|key cannot contain a space|unexpected character)`)

// parseEnvFile parses an env file as docker compose does; lookup
// resolves ${VAR} references to variables set before this file.
func parseEnvFile(data []byte, lookup func(string) (string, bool)) (map[string]string, error) {
	if i := bytes.IndexByte(data, 0); i >= 0 {
		// /proc/self/environ and other binary files: NUL-separated
		// content would parse as one variable holding the rest
		return nil, &envFileError{Line: 1 + bytes.Count(data[:i], []byte("\n")), Msg: "binary content (a NUL byte): not an env file"}
	}
	vars, err := dotenv.UnmarshalBytesWithLookup(data, lookup)
	if err != nil {
		if m := dotenvErrRe.FindStringSubmatch(err.Error()); m != nil {
			line, _ := strconv.Atoi(m[1])
			if m[2] == "unterminated quoted value" {
				line = quoteStart(data, line)
			}
			return nil, &envFileError{Line: line, Msg: m[2] + " (the line is not shown: it may hold a secret)"}
		}
		return nil, &envFileError{Msg: "cannot be parsed as an env file (the content is not shown: it may hold a secret)"}
	}
	return vars, nil
}
