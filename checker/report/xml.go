package report

import (
	"encoding/xml"
	"io"
	"strings"
)

// xmlSafe replaces what XML 1.0 cannot carry (control characters other
// than tab, newline and carriage return, surrogates, U+FFFE and U+FFFF,
// invalid UTF-8) with U+FFFD, so that the output always parses again.
func xmlSafe(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\t' || r == '\n' || r == '\r',
			r >= 0x20 && r <= 0xD7FF,
			r >= 0xE000 && r <= 0xFFFD,
			r >= 0x10000 && r <= 0x10FFFF:
			return r
		}
		return '\uFFFD'
	}, s)
}

// writeXML writes the XML declaration and v, indented, and a final newline.
func writeXML(w io.Writer, v any) error {
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(v); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}
