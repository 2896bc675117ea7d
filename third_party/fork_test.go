// Package thirdparty_test checks that the vendored forks under third_party
// are exactly their upstream release plus the patch stored beside them, so
// a reader can trust PATCHED.md and nobody edits a fork by accident.
package thirdparty_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"testing"

	"github.com/rogpeppe/go-internal/diff"
)

var update = flag.Bool("update", false, "rewrite the stored patch from the fork")

// fork describes one vendored module: where the copy lives, the upstream
// module it was copied from, and the patch file (unified diff, upstream →
// copy) that holds every change.
type fork struct {
	dir, module, version, patch string
	// own lists files of the copy that are not upstream's (notes, the patch).
	own []string
}

var forks = []fork{{
	dir: "fpdf", module: "github.com/go-pdf/fpdf", version: "v0.9.0",
	patch: "fpdf/moocreport.patch", own: []string{"PATCHED.md", "moocreport.patch"},
}}

// upstreamDir downloads (or finds in the module cache) the upstream module.
func upstreamDir(t *testing.T, module, version string) string {
	t.Helper()
	out, err := exec.Command("go", "mod", "download", "-json", module+"@"+version).Output()
	if err != nil {
		t.Fatalf("go mod download %s@%s: %v", module, version, err)
	}
	var info struct{ Dir, Error string }
	if err := json.Unmarshal(out, &info); err != nil || info.Dir == "" {
		t.Fatalf("go mod download %s@%s: %s %v", module, version, info.Error, err)
	}
	return info.Dir
}

// files lists the regular files under root, relative and sorted.
func files(t *testing.T, root string) []string {
	t.Helper()
	var list []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Type().IsRegular() {
			rel, _ := filepath.Rel(root, p)
			list = append(list, filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(list)
	return list
}

// TestForksAreUpstreamPlusPatch rebuilds each fork's patch from the copy and
// the upstream module and compares it with the stored one; every file of the
// copy must come from upstream (changed only as the patch says).
func TestForksAreUpstreamPlusPatch(t *testing.T) {
	for _, f := range forks {
		t.Run(f.dir, func(t *testing.T) {
			up := upstreamDir(t, f.module, f.version)
			own := map[string]bool{}
			for _, o := range f.own {
				own[o] = true
			}
			var patch bytes.Buffer
			for _, name := range files(t, f.dir) {
				if own[name] {
					continue
				}
				mine, err := os.ReadFile(filepath.Join(f.dir, name))
				if err != nil {
					t.Fatal(err)
				}
				theirs, err := os.ReadFile(filepath.Join(up, name))
				if err != nil {
					t.Errorf("%s/%s is not a file of %s@%s", f.dir, name, f.module, f.version)
					continue
				}
				patch.Write(diff.Diff("upstream/"+name, theirs, "fork/"+name, mine))
			}
			if *update {
				if err := os.WriteFile(f.patch, patch.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			stored, err := os.ReadFile(f.patch)
			if err != nil {
				t.Fatalf("%v (go test -update writes it)", err)
			}
			if !bytes.Equal(stored, patch.Bytes()) {
				t.Errorf("%s differs from %s@%s plus %s; the change made is:\n%s\n(if it is meant, run go test ./third_party -update and explain it in PATCHED.md)",
					f.dir, f.module, f.version, f.patch, diff.Diff(f.patch, stored, "fork", patch.Bytes()))
			}
		})
	}
}
