package report

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/streamlint/streamlint/checker/model"
	"github.com/streamlint/streamlint/checker/secret"
)

// A checked repository is hostile input, and so is everything the text
// and github formats print from it: file and directory names, values,
// messages that quote them. A CI runner reads each line of a step's
// output and runs the ones that start (after leading blanks) with "::"
// as workflow commands; a terminal runs ESC sequences. So every
// character that could start a line, move the cursor, change colours or
// reorder text is shown escaped: newlines and carriage returns as \n and
// \r, other control characters as \xNN or \uNNNN, and the bidirectional
// overrides of "trojan source" too. Ordinary text is unchanged.

// unsafeRune reports whether r must be escaped in a line of output.
func unsafeRune(r rune) bool {
	switch {
	case r == '\t':
		return false
	case r < 0x20, r == 0x7f, r >= 0x80 && r <= 0x9f:
		return true // C0, DEL, C1 (NEL 0x85 ends a line for some readers)
	case r == 0x2028, r == 0x2029: // line and paragraph separators
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069, r == 0x200e, r == 0x200f, r == 0x061c:
		return true // bidirectional controls
	}
	return false
}

// textSafe escapes what unsafeRune reports, and invalid UTF-8 bytes.
func textSafe(s string) string {
	clean := true
	for i, r := range s {
		if unsafeRune(r) || r == utf8.RuneError && !strings.HasPrefix(s[i:], "\uFFFD") {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	for i, r := range s {
		switch {
		case r == utf8.RuneError && !strings.HasPrefix(s[i:], "\uFFFD"):
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case unsafeRune(r) && r < 0x80:
			fmt.Fprintf(&b, `\x%02x`, r)
		case unsafeRune(r):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// lineLoc is a location as the first word of a line: escaped, and with
// "./" before a file name that starts with ':' so that no line of ours
// that is not an annotation starts with "::".
func lineLoc(l model.Location) string {
	s := l.String()
	if strings.HasPrefix(l.File, ":") {
		s = "./" + s
	}
	return textSafe(s)
}

// TextSafe is textSafe for the commands that print lines of their own
// (files, parse, errors on standard error), after secret.Redact: those
// lines are output too.
func TextSafe(s string) string { return textSafe(secret.Redact(s)) }

// LineLoc is lineLoc for the commands that print lines of their own.
func LineLoc(l model.Location) string { return lineLoc(l) }

// markdownSpecial are the characters that start Markdown constructs in
// a table cell: links and images ([...](...)), code, emphasis,
// strikethrough, mentions (@user pings people). They are escaped with a
// backslash, which GitHub renders as the character itself.
var markdownSpecial = strings.NewReplacer(
	`\`, `\\`, "`", "\\`", "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`, "~", `\~`, "@", `\@`,
	"://", `:\/\/`, "www.", `www\.`,
)

// markdownText escapes s for a cell of the step summary's table: control
// characters (textSafe), Markdown syntax, HTML (&, <, >) and the cell
// separator.
func markdownText(s string) string {
	return markdownCell.Replace(markdownSpecial.Replace(textSafe(s)))
}
