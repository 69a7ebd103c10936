// Package ruledoc renders a rule's documentation page from its metadata
// and its fixtures, so docs/rules/*.md never drift from the rules.
package ruledoc

import (
	"bytes"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"

	"github.com/streamlint/streamlint/checker/engine"
)

// Example is a fixture file shown on a rule's page.
type Example struct {
	Path    string // relative to the repository root
	Content string
}

// Examples reads fixtures/rules/<ID>/{bad,good}/** from fsys (the
// repository root).
func Examples(fsys fs.FS, id string) (bad, good []Example, err error) {
	read := func(dir string) ([]Example, error) {
		var out []Example
		err := fs.WalkDir(fsys, dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() || strings.HasPrefix(d.Name(), ".") && d.Name() != ".env" {
				return nil
			}
			b, err := fs.ReadFile(fsys, p)
			if err != nil {
				return err
			}
			out = append(out, Example{Path: p, Content: string(b)})
			return nil
		})
		sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
		return out, err
	}
	base := path.Join("fixtures", "rules", id)
	if bad, err = read(path.Join(base, "bad")); err != nil {
		return nil, nil, err
	}
	if good, err = read(path.Join(base, "good")); err != nil {
		return nil, nil, err
	}
	return bad, good, nil
}

// Render returns the Markdown page of a rule.
func Render(r *engine.Rule, bad, good []Example) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "<!-- Generated from the rule's METADATA and fixtures by `go generate ./...`; do not edit. -->\n")
	fmt.Fprintf(&b, "# %s: %s\n\n", r.ID, r.Title)
	fmt.Fprintf(&b, "Default severity: **%s**", r.Severity)
	if len(r.Profiles) > 0 {
		var ps []string
		for p, s := range r.Profiles {
			ps = append(ps, fmt.Sprintf("%s in the `%s` profile", s, p))
		}
		sort.Strings(ps)
		fmt.Fprintf(&b, " (%s)", strings.Join(ps, ", "))
	}
	b.WriteString("\n\n## What it checks\n\n")
	b.WriteString(strings.TrimSpace(r.Description) + "\n\n")
	b.WriteString("## How to fix it\n\n")
	b.WriteString(strings.TrimSpace(r.Remediation) + "\n\n")
	if len(bad) > 0 {
		b.WriteString("## Example that triggers it\n\n")
		writeExamples(&b, bad)
	}
	if len(good) > 0 {
		b.WriteString("## A near miss that does not\n\n")
		writeExamples(&b, good)
	}
	fmt.Fprintf(&b, "## Turning it off\n\nOne place: `# streamlint:ignore %s -- reason` on the line or the line above. Everywhere: `--disable %s`.\n", r.ID, r.ID)
	if len(r.Related) > 0 {
		b.WriteString("\n## References\n\n")
		for _, l := range r.Related {
			desc := l.Description
			if desc == "" {
				desc = l.URL
			}
			fmt.Fprintf(&b, "- [%s](%s)\n", desc, l.URL)
		}
	}
	return b.Bytes()
}

func writeExamples(b *bytes.Buffer, exs []Example) {
	for _, ex := range exs {
		fmt.Fprintf(b, "`%s`:\n\n```%s\n%s\n```\n\n", ex.Path, lang(ex.Path), strings.TrimRight(ex.Content, "\n"))
	}
}

func lang(p string) string {
	switch path.Ext(p) {
	case ".yml", ".yaml":
		return "yaml"
	case ".py":
		return "python"
	case ".scala":
		return "scala"
	case ".conf", ".properties":
		return "properties"
	}
	return ""
}
