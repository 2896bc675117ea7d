package build

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"testing/fstest"

	"github.com/moocreport/moocreport/internal/fixture"
)

// TestPrepareHashesTemplateOverrides: a study's own templates change the
// published pages, so the manifest lists them with the data.
func TestPrepareHashesTemplateOverrides(t *testing.T) {
	root := fixture.RepoRoot(t)
	dir := t.TempDir()
	for _, name := range []string{"study.yaml", "content", "data"} {
		if err := os.Symlink(filepath.Join(root, name), filepath.Join(dir, name)); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.MkdirAll(filepath.Join(dir, "templates"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "templates", "style.css"), []byte("body { color: #111; }\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	p, err := Prepare(filepath.Join(dir, "study.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, in := range p.Inputs {
		if in.Path == "templates/style.css" {
			found = in.Bytes == 22 && len(in.SHA256) == 64
		}
	}
	if !found {
		t.Errorf("templates/style.css is not among the hashed inputs: %+v", p.Inputs[len(p.Inputs)-3:])
	}
}

// brokenFS is a file system whose folder "partials" cannot be listed.
type brokenFS struct{ fstest.MapFS }

func (f brokenFS) ReadDir(name string) ([]fs.DirEntry, error) {
	if name == "partials" {
		return nil, &fs.PathError{Op: "readdirent", Path: name, Err: syscall.EIO}
	}
	return f.MapFS.ReadDir(name)
}

// TestTemplateFiles: a study's templates are listed whole; a folder that
// cannot be read is an error naming the templates, never a manifest with
// files missing; no templates/ folder is no templates.
func TestTemplateFiles(t *testing.T) {
	m := fstest.MapFS{"layout.html": {Data: []byte("x")}, "partials/head.html": {Data: []byte("y")}}
	if got, err := templateFiles(m); err != nil || strings.Join(got, " ") != "layout.html partials/head.html" {
		t.Errorf("templateFiles = %v, %v", got, err)
	}
	if got, err := templateFiles(brokenFS{m}); err == nil || !strings.Contains(err.Error(), "templates") {
		t.Errorf("unreadable folder: %v, %v; want an error naming the templates", got, err)
	}
	if got, err := templateFiles(os.DirFS(filepath.Join(t.TempDir(), "templates"))); err != nil || len(got) != 0 {
		t.Errorf("no templates folder: %v, %v", got, err)
	}
}
