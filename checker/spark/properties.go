package spark

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/magiconair/properties"

	"github.com/streamlint/streamlint/checker/model"
)

// PropertiesFile is a spark-defaults.conf or *.properties file as Spark
// reads it.
type PropertiesFile struct {
	Path string
	// Settings holds every key=value line in file order, duplicates
	// included; when a key repeats, the last one is what Spark uses.
	Settings []model.Setting
	// Comments holds the comment lines (#, !), for suppression comments.
	Comments []Comment
}

// Comment is one comment line of a properties file.
type Comment struct {
	Line int
	// Text is the comment from its marker (# or !) to the end of the line,
	// trailing whitespace removed: "# streamlint:ignore SPK004 reason".
	Text string
}

// ParseError is a properties file that java.util.Properties (and the
// magiconair/properties library) cannot load, such as a bad \u escape.
type ParseError struct {
	Path   string
	Line   int // 1-based; 0 when unknown
	Column int // 1-based, in code points; 0 when unknown
	Msg    string
}

func (e *ParseError) Error() string {
	return model.Location{File: e.Path, Line: e.Line, Column: e.Column}.String() + ": " + e.Msg
}

// libraryError splits the library's "properties: Line N: msg" into N and msg.
func libraryError(err error) (line int, msg string) {
	msg = err.Error()
	rest, ok := strings.CutPrefix(msg, "properties: Line ")
	if !ok {
		return 0, msg
	}
	n, m, ok := strings.Cut(rest, ": ")
	if !ok {
		return 0, msg
	}
	line, convErr := strconv.Atoi(n)
	if convErr != nil {
		return 0, msg
	}
	return line, m
}

// MaxSettings is the most settings streamlint checks from one file
// (a properties file, or the code of one job). Spark knows about 1,300
// keys; checking one setting costs about half a millisecond (the rules
// judge each), so a generated file of 100,000 keys would hold a shared
// CI runner for a minute. Past this a file is an error (LNT002), not
// checked: bounded work, like --max-file-size.
const MaxSettings = 5000

// TooManySettings is the message for a file with n settings, over
// MaxSettings.
func TooManySettings(n int) string {
	return fmt.Sprintf("%d settings, more than the %d streamlint checks in one file (Spark knows about 1,300 keys): not checked", n, MaxSettings)
}

// ParseProperties parses a Java properties file as Spark reads it
// (java.util.Properties.load, then Utils.trimExceptCRLF on each value).
// The magiconair/properties library loads the file, with ${} expansion
// disabled so that values stay verbatim and nothing is read from the
// environment; an indexer of our own that follows the library's lexer
// rule for rule finds where each key and value is written, and keeps
// every occurrence of a repeated key.
//
// Line endings are normalised first (CRLF and a lone CR become LF, as Java
// treats them all as line terminators), which also makes a backslash
// continuation before a CRLF work as it does in Java. A UTF-8 byte order
// mark is skipped. Each setting's Loc is where its trimmed value starts; an
// empty value points just after the separator (or after the key when there
// is none). source is model.SourceSparkDefaults or model.SourcePropertiesFile.
func ParseProperties(path string, data []byte, source string) (*PropertiesFile, error) {
	text := normaliseNewlines(strings.TrimPrefix(string(data), "\uFEFF"))
	sc := scanProperties(text)
	if sc.err != nil {
		// The library would agree (the fuzz test checks it), but a value
		// without a key makes it leak its lexer goroutine, so it is not
		// asked about files the scanner already rejects.
		l := sc.lines.loc(path, sc.err.off)
		return nil, &ParseError{Path: path, Line: l.Line, Column: l.Column, Msg: sc.err.msg}
	}
	if len(sc.entries) > MaxSettings {
		l := sc.lines.loc(path, sc.entries[MaxSettings].valueOff)
		return nil, &ParseError{Path: path, Line: l.Line, Msg: TooManySettings(len(sc.entries))}
	}
	loader := &properties.Loader{Encoding: properties.UTF8, DisableExpansion: true}
	p, err := loader.LoadBytes([]byte(text))
	if err != nil {
		line, msg := libraryError(err)
		return nil, &ParseError{Path: path, Line: line, Msg: msg}
	}

	f := &PropertiesFile{Path: path}
	last := make(map[string]int, len(sc.entries))
	for _, e := range sc.entries {
		last[e.key] = len(f.Settings)
		f.Settings = append(f.Settings, model.Setting{
			Key:    e.key,
			Value:  e.value,
			Source: source,
			Loc:    sc.lines.loc(path, e.valueOff),
		})
	}
	// The library is the authority on the final value of each key; the
	// scanner mirrors it, so this only matters if the two ever disagree.
	for _, k := range p.Keys() {
		v, _ := p.Get(k)
		v = TrimExceptCRLF(v)
		if i, ok := last[k]; ok {
			f.Settings[i].Value = v
		} else {
			f.Settings = append(f.Settings, model.Setting{Key: k, Value: v, Source: source, Loc: model.Location{File: path, Line: 1, Column: 1}})
		}
	}
	for _, c := range sc.comments {
		l := sc.lines.loc(path, c.off)
		f.Comments = append(f.Comments, Comment{Line: l.Line, Text: c.text})
	}
	return f, nil
}

// TrimExceptCRLF is Spark's Utils.trimExceptCRLF: it strips characters up to
// and including ' ' (spaces and control characters) from both ends of s,
// except '\r' and '\n'.
func TrimExceptCRLF(s string) string {
	return strings.TrimFunc(s, trimmable)
}

func trimmable(r rune) bool { return r <= ' ' && r != '\r' && r != '\n' }

// normaliseNewlines turns CRLF and lone CR into LF.
func normaliseNewlines(s string) string {
	if !strings.Contains(s, "\r") {
		return s
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.ReplaceAll(s, "\r", "\n")
}

// lineIndex maps byte offsets of a text to 1-based lines and columns.
type lineIndex struct {
	text   string
	starts []int // byte offset of each line's first byte
}

func newLineIndex(text string) lineIndex {
	starts := []int{0}
	for i := 0; i < len(text); i++ {
		if text[i] == '\n' {
			starts = append(starts, i+1)
		}
	}
	return lineIndex{text: text, starts: starts}
}

// loc returns the location of byte offset off (off may be len(text)).
func (li lineIndex) loc(file string, off int) model.Location {
	off = min(max(off, 0), len(li.text))
	// binary search for the last line start <= off
	lo, hi := 0, len(li.starts)-1
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if li.starts[mid] <= off {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	col := utf8.RuneCountInString(li.text[li.starts[lo]:off]) + 1
	return model.Location{File: file, Line: lo + 1, Column: col}
}

// propEntry is one key/value line found by the scanner.
type propEntry struct {
	key      string
	value    string // trimmed as Spark trims
	valueOff int    // byte offset where the trimmed value starts
}

type propComment struct {
	off  int
	text string
}

type scanError struct {
	off int
	msg string
}

type propScan struct {
	lines    lineIndex
	entries  []propEntry
	comments []propComment
	err      *scanError
}

// scanProperties mirrors the state machine of magiconair/properties'
// lexer (lexBeforeKey, lexComment, lexKey, lexBeforeValue, lexValue) on a
// text whose line endings are already "\n", recording byte offsets. It is
// one function, like the lexer it mirrors, so that the two can be compared
// state by state.
func scanProperties(text string) *propScan {
	sc := &propScan{lines: newLineIndex(text)}
	s := propScanner{text: text}
	for {
		// lexBeforeKey
		r, start := s.next()
		switch r {
		case eofRune:
			return sc
		case '\n', ' ', '\t', '\f':
			continue
		case '#', '!':
			for s.pos < len(text) && text[s.pos] != '\n' {
				s.pos++
			}
			sc.comments = append(sc.comments, propComment{off: start, text: strings.TrimRight(text[start:s.pos], " \t\f")})
			continue
		}
		s.pos = start

		// lexKey
		var key strings.Builder
		atEOF := false
	key:
		for {
			r, at := s.next()
			switch {
			case r == '\\':
				v, err := s.escape(at)
				if err != nil {
					sc.err = err
					return sc
				}
				key.WriteRune(v)
			case r == eofRune:
				atEOF = true
				break key
			case strings.ContainsRune(" \f\t\n:=", r):
				s.pos = at
				break key
			default:
				key.WriteRune(r)
			}
		}
		hasKey := key.Len() > 0
		if atEOF {
			if hasKey {
				sc.entries = append(sc.entries, propEntry{key: key.String(), valueOff: s.pos})
			}
			return sc
		}

		// lexBeforeValue: whitespace, at most one of ':' '=', whitespace
		s.skipWhitespace()
		if s.pos < len(text) && (text[s.pos] == ':' || text[s.pos] == '=') {
			s.pos++
		}
		afterSep := s.pos // where an empty value is reported
		s.skipWhitespace()

		// lexValue
		var (
			value strings.Builder
			offs  []int // source offset of each rune written to value
		)
	value:
		for {
			r, at := s.next()
			switch r {
			case '\\':
				if s.pos < len(text) && text[s.pos] == '\n' {
					s.pos++
					s.skipWhitespace()
					continue
				}
				v, err := s.escape(at)
				if err != nil {
					sc.err = err
					return sc
				}
				value.WriteRune(v)
				offs = append(offs, at)
			case '\n', eofRune:
				break value
			default:
				value.WriteRune(r)
				offs = append(offs, at)
			}
		}
		if !hasKey {
			// The library's parser rejects a value that has no key
			// (a line that starts with '=' or ':').
			sc.err = &scanError{off: start, msg: fmt.Sprintf("a value without a key (the line starts with %q)", text[start:start+1])}
			return sc
		}
		e := propEntry{key: key.String(), valueOff: afterSep}
		raw := []rune(value.String())
		first := 0
		for first < len(raw) && trimmable(raw[first]) {
			first++
		}
		if first < len(raw) {
			e.valueOff = offs[first]
		}
		e.value = TrimExceptCRLF(value.String())
		sc.entries = append(sc.entries, e)
	}
}

const eofRune rune = -1

type propScanner struct {
	text string
	pos  int
}

// next returns the rune at pos and its offset, and advances.
func (s *propScanner) next() (rune, int) {
	at := s.pos
	if at >= len(s.text) {
		return eofRune, at
	}
	r, w := utf8.DecodeRuneInString(s.text[at:])
	s.pos += w
	return r, at
}

func (s *propScanner) skipWhitespace() {
	for s.pos < len(s.text) {
		switch s.text[s.pos] {
		case ' ', '\t', '\f':
			s.pos++
		default:
			return
		}
	}
}

// escape decodes the escape sequence after a backslash at offset at, as
// the library's scanEscapeSequence does.
func (s *propScanner) escape(at int) (rune, *scanError) {
	r, _ := s.next()
	switch r {
	case eofRune:
		return 0, &scanError{off: at, msg: "premature EOF (the file ends with a backslash)"}
	case 'f':
		return '\f', nil
	case 'n':
		return '\n', nil
	case 'r':
		return '\r', nil
	case 't':
		return '\t', nil
	case 'u':
		var v rune
		for range 4 {
			d, _ := s.next()
			var x rune
			switch {
			case d >= '0' && d <= '9':
				x = d - '0'
			case d >= 'a' && d <= 'f':
				x = d - 'a' + 10
			case d >= 'A' && d <= 'F':
				x = d - 'A' + 10
			default:
				return 0, &scanError{off: at, msg: "invalid unicode literal (want \\u and four hex digits)"}
			}
			v = v<<4 | x
		}
		return v, nil
	}
	// any other escaped character stands for itself
	return r, nil
}
