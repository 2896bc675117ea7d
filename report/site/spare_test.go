package site

import (
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// folders lists the folders under root (slash-separated, relative to it)
// and reports whether root holds any file but the stage's lock.
func folders(t *testing.T, root string) (dirs []string, hasFiles bool) {
	t.Helper()
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		if d.IsDir() {
			dirs = append(dirs, filepath.ToSlash(rel))
		} else if rel != stLock {
			hasFiles = true
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return dirs, hasFiles
}

// TestSpareFolders: a forced publish leaves the folders it displaced,
// emptied, for the next build's stage (public/.moocreport-spare, folders
// and the stage's lock only); the next build takes them, and a version that does not fill one
// of them is published without it (nor in latest/); a spare holding a
// file is never used, so the file reaches no version.
func TestSpareFolders(t *testing.T) {
	public := t.TempDir()
	spare := filepath.Join(public, spareName)
	withData := version("1.0", day, "one")
	withData["data/t.csv"] = "a,b\n"
	if out, err := publishStaged(public, "1.0", withData, false); err != nil || out != Published {
		t.Fatalf("first publish: %v, %v", out, err)
	}
	withData["index.html"] = "two"
	if out, err := publishStaged(public, "1.0", withData, true); err != nil || out != Replaced {
		t.Fatalf("forced publish: %v, %v", out, err)
	}
	dirs, hasFiles := folders(t, spare)
	for _, want := range []string{"new/data", "new/figures", "pre-latest/data", "pre-latest/figures"} {
		if !slices.Contains(dirs, want) {
			t.Errorf("the spare has %v, not %s", dirs, want)
		}
	}
	if hasFiles {
		t.Errorf("the spare holds files")
	}

	noData := version("1.0", day, "three")
	if out, err := publishStaged(public, "1.0", noData, true); err != nil || out != Replaced {
		t.Fatalf("publish without data/: %v, %v", out, err)
	}
	for _, dir := range []string{"1.0", Latest} {
		if got := tree(t, filepath.Join(public, dir)); !same(got, noData) {
			t.Errorf("%s = %v, want %v", dir, got, noData)
		}
		if exists(filepath.Join(public, dir, "data")) {
			t.Errorf("%s/data, a folder the build did not fill, was published", dir)
		}
	}

	if err := os.WriteFile(filepath.Join(spare, "new", "stray.txt"), []byte("not ours"), 0o644); err != nil {
		t.Fatal(err)
	}
	noData["index.html"] = "four"
	if out, err := publishStaged(public, "1.0", noData, true); err != nil || out != Replaced {
		t.Fatalf("publish after a file was put in the spare: %v, %v", out, err)
	}
	for _, dir := range []string{"1.0", Latest} {
		if got := tree(t, filepath.Join(public, dir)); !same(got, noData) {
			t.Errorf("%s = %v, want %v", dir, got, noData)
		}
	}
	if _, hasFiles := folders(t, spare); hasFiles {
		t.Errorf("the spare holds files")
	}
	if left := leftovers(public); len(left) != 0 {
		t.Errorf("left behind: %v", left)
	}
}
