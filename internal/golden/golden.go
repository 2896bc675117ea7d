// Package golden holds the helper tests use to compare an output with a
// golden file under testdata/, or to rewrite that file when the test runs
// with -update. It registers the -update flag itself, so a test package that
// uses it must not define its own; review the diff after rewriting, as the
// golden file is the expected output.
package golden

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/ instead of comparing with them")

// Update reports whether the test runs with -update, for tests that keep
// golden outputs of their own kind (a whole folder, say).
func Update() bool { return *update }

// Check compares got with the golden file at path. Under -update it writes
// got there instead, creating the folders it needs. A missing file or a
// difference fails the test, naming the first line that differs.
func Check(t testing.TB, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file %s\n(go test -update rewrites it; review the diff)", firstDiff(got, want), path)
	}
}

// firstDiff says at which line got first differs from want, and how.
func firstDiff(got, want []byte) string {
	g, w := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
	line := 0
	for line < len(g) && line < len(w) && g[line] == w[line] {
		line++
	}
	at := func(l []string) string {
		if line < len(l) {
			return l[line]
		}
		return "(end of file)"
	}
	return fmt.Sprintf("line %d:\n got: %s\nwant: %s\n", line+1, at(g), at(w))
}
