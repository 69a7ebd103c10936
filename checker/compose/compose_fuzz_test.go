package compose

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/streamlint/streamlint/checker/model"
	"github.com/streamlint/streamlint/internal/fuzzseed"
)

// FuzzLoad loads arbitrary bytes as a compose file (with a .env beside
// it) and checks that nothing panics, that a load error is a *LoadError
// whose position is inside the file, and that on success every position
// the project reports in the file (services, images, memory limits,
// environment values, command words and spans, volumes, unresolved
// references) is inside it.
func FuzzLoad(f *testing.F) {
	for _, s := range fuzzseed.Files("compose.yml", "compose.yaml", "docker-compose.yml") {
		f.Add(s)
	}
	f.Add([]byte("services:\n  a:\n    image: x\n    environment:\n      - K=${MISSING:?set it}\n      - L\n    env_file: nope.env\n"))
	f.Add([]byte("x-a: &a {image: y, environment: {A: 1}}\nservices:\n  s: {<<: *a, command: [\"spark-submit\", \"--conf\", \"spark.a=1\"]}\n"))
	f.Add([]byte("services:\n  s:\n    image: x\n    command: >\n      spark-submit\n      --conf spark.b=2 app.py\n    volumes: [./a:/b, data:/c]\nvolumes: {data: {}}\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		fuzzseed.Count()
		// a fuzzed include or env_file may name any local path; keep
		// it away from the special filesystems (reading /proc/kmsg
		// blocks, even if a regular file)
		for _, bad := range []string{"/proc", "/sys", "/dev"} {
			if bytes.Contains(src, []byte(bad)) {
				return
			}
		}
		dir := t.TempDir()
		path := filepath.Join(dir, "compose.yaml")
		if err := os.WriteFile(path, src, 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, ".env"), []byte("SET=1\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		check := func(what string, l model.Location) {
			t.Helper()
			if l.Line == 0 && l.Column == 0 {
				return // no position
			}
			if l.File != "compose.yaml" {
				return // another file (an env_file, an include)
			}
			if !fuzzseed.Inside(src, l.Line, l.Column) {
				t.Fatalf("%s at %d:%d is outside the file: %q", what, l.Line, l.Column, src)
			}
		}
		display := func(abs string) string {
			rel, err := filepath.Rel(dir, abs)
			if err != nil {
				return abs
			}
			return filepath.ToSlash(rel)
		}
		p, err := NewLoader(Options{Display: display, MaxFileSize: 1 << 20}).Load(context.Background(), []string{path})
		if err != nil {
			var le *LoadError
			if !errors.As(err, &le) {
				t.Fatalf("error %v (%T) is not a *LoadError", err, err)
			}
			check("load error", le.Loc)
			return
		}
		for _, u := range p.Unresolved {
			check("unresolved", u.Loc)
		}
		for _, s := range p.Services {
			check("service", s.Loc)
			check("image", s.ImageLoc)
			check("mem_limit", s.MemLimitLoc)
			for _, e := range s.Environment {
				check("environment "+e.Name, e.Loc)
			}
			for _, v := range s.Volumes {
				check("volume", v.Loc)
			}
			for _, c := range []*Command{s.Command, s.Entrypoint} {
				if c == nil {
					continue
				}
				check("command", c.ShellLoc)
				for i := range c.Shell {
					check("command byte", c.ShellAt(i))
				}
				for _, a := range c.Args {
					check("command word", a.Loc)
					for i := range a.Text {
						check("command word byte", a.At(i))
					}
				}
			}
		}
	})
}
