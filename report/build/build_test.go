package build

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// TestPrepareHashesTemplateOverrides: a study's own templates change the
// published pages, so the manifest lists them with the data.
func TestPrepareHashesTemplateOverrides(t *testing.T) {
	_, file, _, _ := runtime.Caller(0)
	root := filepath.Join(filepath.Dir(file), "..", "..")
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
