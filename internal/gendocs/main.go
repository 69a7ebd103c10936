// Command gendocs writes docs/rules/<ID>.md for every rule from its
// METADATA and fixtures. Run it with `go generate ./...` from the
// repository root.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"

	"github.com/streamlint/streamlint/checker/engine"
	"github.com/streamlint/streamlint/checker/model"
	"github.com/streamlint/streamlint/checker/ruledoc"
	"github.com/streamlint/streamlint/checker/rules"
	"github.com/streamlint/streamlint/policies"
)

func main() {
	root := flag.String("root", ".", "repository root")
	flag.Parse()
	if err := run(*root); err != nil {
		fmt.Fprintln(os.Stderr, "gendocs:", err)
		os.Exit(1)
	}
}

func run(root string) error {
	mods, err := engine.ReadModules(policies.FS, "policies")
	if err != nil {
		return err
	}
	eng, err := engine.New(context.Background(), mods, engine.Options{})
	if err != nil {
		return err
	}
	rules := append(eng.Rules(), rules.Go()...)
	dir := filepath.Join(root, "docs", "rules")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	schema, err := json.MarshalIndent(model.InputSchema(), "", "  ")
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(root, "docs", "policy-input.schema.json"), append(schema, '\n'), 0o644); err != nil {
		return err
	}
	sort.Slice(rules, func(i, j int) bool { return rules[i].ID < rules[j].ID })
	readme := filepath.Join(root, "README.md")
	doc, err := os.ReadFile(readme)
	if err != nil {
		return err
	}
	doc, ok := ruledoc.ReplaceTable(doc, ruledoc.Table(rules))
	if !ok {
		return fmt.Errorf("README.md has no rules table markers (%q ... %q)", ruledoc.TableBegin, ruledoc.TableEnd)
	}
	if err := os.WriteFile(readme, doc, 0o644); err != nil {
		return err
	}
	for _, r := range rules {
		bad, good, err := ruledoc.Examples(os.DirFS(root), r.ID)
		if err != nil && !os.IsNotExist(err) {
			return err
		}
		if err := os.WriteFile(filepath.Join(dir, r.ID+".md"), ruledoc.Render(r, bad, good), 0o644); err != nil {
			return err
		}
	}
	return nil
}
