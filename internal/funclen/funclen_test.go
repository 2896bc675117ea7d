package funclen

import (
	"cmp"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/moocreport/moocreport/internal/fixture"
)

// limit is the most lines a function may span, from func to closing brace.
const limit = 80

// skipped are folders, relative to the repository root, whose functions are
// not checked: a fork kept as upstream wrote it, and the generator of the
// example data, whose long tables of made-up learners read best whole.
var skipped = []string{"third_party", "internal/exampledata", "node_modules", "tests"}

// pending are packages being split by another change; their long functions
// are reported but do not fail the test. Remove an entry when its package
// is split.
var pending = []string{}

// fn is one function's name, place and length in lines.
type fn struct {
	name, file  string
	line, lines int
}

func TestFunctionLength(t *testing.T) {
	root := fixture.RepoRoot(t)
	fns := functions(t, root)
	slices.SortFunc(fns, func(a, b fn) int { return cmp.Compare(b.lines, a.lines) })
	for _, f := range fns {
		if f.lines <= limit {
			break
		}
		if under(f.file, pending) {
			t.Logf("pending: %s:%d: %s is %d lines", f.file, f.line, f.name, f.lines)
			continue
		}
		t.Errorf("%s:%d: %s is %d lines, more than %d: split it by what it decides", f.file, f.line, f.name, f.lines, limit)
	}
	for _, f := range fns {
		if !under(f.file, pending) {
			t.Logf("longest checked function: %s:%d: %s, %d lines", f.file, f.line, f.name, f.lines)
			break
		}
	}
}

// under reports whether the slash path file lies in one of dirs.
func under(file string, dirs []string) bool {
	return slices.ContainsFunc(dirs, func(d string) bool { return strings.HasPrefix(file, d+"/") })
}

// functions parses every non-test, hand-written Go file under root outside
// skipped and returns its functions, function literals included.
func functions(t *testing.T, root string) []fn {
	t.Helper()
	var fns []fn
	fset := token.NewFileSet()
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel := filepath.ToSlash(strings.TrimPrefix(path, root+string(filepath.Separator)))
		if d.IsDir() {
			if strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata" || slices.Contains(skipped, rel) {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		f, err := parser.ParseFile(fset, path, src, parser.ParseComments)
		if err != nil {
			return err
		}
		if ast.IsGenerated(f) {
			return nil
		}
		ast.Inspect(f, func(n ast.Node) bool {
			name := ""
			switch n := n.(type) {
			case *ast.FuncDecl:
				name = n.Name.Name
				if n.Recv != nil && len(n.Recv.List) == 1 {
					name = recvName(n.Recv.List[0].Type) + "." + name
				}
			case *ast.FuncLit:
				name = "func literal"
			default:
				return true
			}
			start, end := fset.Position(n.Pos()), fset.Position(n.End())
			fns = append(fns, fn{name: name, file: rel, line: start.Line, lines: end.Line - start.Line + 1})
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return fns
}

// recvName is the type name of a method's receiver.
func recvName(e ast.Expr) string {
	switch e := e.(type) {
	case *ast.StarExpr:
		return recvName(e.X)
	case *ast.IndexExpr:
		return recvName(e.X)
	case *ast.IndexListExpr:
		return recvName(e.X)
	case *ast.Ident:
		return e.Name
	}
	return "?"
}
