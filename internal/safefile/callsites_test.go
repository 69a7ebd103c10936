package safefile

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
)

// forbidden are the functions that open a file for reading (or read
// one) without going through this package. os.OpenFile is allowed only
// for writing (O_WRONLY or O_APPEND without O_RDWR).
var forbidden = map[string]map[string]bool{
	"os":        {"ReadFile": true, "Open": true, "OpenFile": true, "DirFS": true},
	"io/ioutil": {"ReadFile": true},
	"github.com/compose-spec/compose-go/v2/dotenv": {"GetEnvFromFile": true, "Read": true, "ReadFile": true, "ReadWithLookup": true, "Load": true, "Overload": true},
	"github.com/magiconair/properties":             {"LoadFile": true, "LoadFiles": true, "MustLoadFile": true, "MustLoadFiles": true},
}

// devTools never read a repository under check: the docs generator, the
// fuzz seed loader and the live-cluster seed loader (tests only), and
// the benchmark corpus generator.
var devTools = []string{"internal/gendocs/", "internal/fuzzseed/", "checker/live/livetest/", "bench/"}

// TestOnlySafefileOpens walks every non-test Go file of the module and
// fails on any call that reads a file without this package.
func TestOnlySafefileOpens(t *testing.T) {
	_, self, _, _ := runtime.Caller(0)
	root := filepath.Clean(filepath.Join(filepath.Dir(self), "..", ".."))
	fset := token.NewFileSet()
	checked := 0
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel := filepath.ToSlash(strings.TrimPrefix(p, root+string(filepath.Separator)))
		if d.IsDir() {
			if d.Name() == "testdata" || d.Name() == "fixtures" || strings.HasPrefix(d.Name(), ".") && p != root {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") || strings.HasPrefix(rel, "internal/safefile/") {
			return nil
		}
		for _, dt := range devTools {
			if strings.HasPrefix(rel, dt) {
				return nil
			}
		}
		f, err := parser.ParseFile(fset, p, nil, 0)
		if err != nil {
			return err
		}
		checked++
		imports := map[string]string{} // local name -> path
		for _, im := range f.Imports {
			path, _ := strconv.Unquote(im.Path.Value)
			name := filepath.Base(path)
			if strings.HasPrefix(name, "v") && strings.Contains(path, "/") { // .../v2
				name = filepath.Base(filepath.Dir(path))
			}
			if im.Name != nil {
				name = im.Name.Name
			}
			imports[name] = path
		}
		ast.Inspect(f, func(n ast.Node) bool {
			sel, ok := n.(*ast.SelectorExpr)
			if !ok {
				return true
			}
			id, ok := sel.X.(*ast.Ident)
			if !ok {
				return true
			}
			if !forbidden[imports[id.Name]][sel.Sel.Name] {
				return true
			}
			if imports[id.Name] == "os" && sel.Sel.Name == "OpenFile" && writeOnly(f, sel) {
				return true
			}
			t.Errorf("%s: %s.%s reads a file without internal/safefile (use safefile.Read or ReadHead)", fset.Position(sel.Pos()), id.Name, sel.Sel.Name)
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if checked < 50 {
		t.Fatalf("only %d files checked: the walk is wrong", checked)
	}
}

// writeOnly reports whether the os.OpenFile call at sel opens for
// writing only: its flags name O_WRONLY and not O_RDWR or O_RDONLY.
func writeOnly(f *ast.File, sel *ast.SelectorExpr) bool {
	var ok bool
	ast.Inspect(f, func(n ast.Node) bool {
		call, isCall := n.(*ast.CallExpr)
		if !isCall || call.Fun != sel || len(call.Args) < 2 {
			return true
		}
		var names []string
		ast.Inspect(call.Args[1], func(m ast.Node) bool {
			if s, isSel := m.(*ast.SelectorExpr); isSel {
				names = append(names, s.Sel.Name)
			}
			return true
		})
		flags := strings.Join(names, " ")
		ok = strings.Contains(flags, "O_WRONLY") && !strings.Contains(flags, "O_RDWR") && !strings.Contains(flags, "O_RDONLY")
		return false
	})
	return ok
}
