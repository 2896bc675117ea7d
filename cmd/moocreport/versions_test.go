package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSecondVersion publishes 1.0.0, then 1.1.0 a day later: the versions
// page lists both, newest first, latest/ is 1.1.0, and 1.0.0 is untouched.
func TestSecondVersion(t *testing.T) {
	dir := copyStudy(t)
	studyFile := filepath.Join(dir, "study.yaml")
	public := filepath.Join(dir, "public")
	t.Setenv("SOURCE_DATE_EPOCH", epoch)
	if code, _, errOut := moocreport(t, "build", "-study", studyFile); code != 0 {
		t.Fatal(errOut)
	}
	first := snapshot(t, filepath.Join(public, "1.0.0"))

	b := readFile(t, studyFile)
	b = bytes.Replace(b, []byte(`version: "1.0.0"`), []byte(`version: "1.1.0"`), 1)
	b = bytes.Replace(b, []byte("summary: \""), []byte("summary: \"Corrected: "), 1)
	if err := os.WriteFile(studyFile, b, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv("SOURCE_DATE_EPOCH", "1767312000") // a day later
	if code, _, errOut := moocreport(t, "build", "-study", studyFile); code != 0 {
		t.Fatal(errOut)
	}

	index := string(readFile(t, filepath.Join(public, "index.html")))
	i, j := strings.Index(index, "1.1.0/index.html"), strings.Index(index, "1.0.0/index.html")
	if i < 0 || j < 0 || i > j {
		t.Errorf("public/index.html should link 1.1.0 before 1.0.0 (positions %d, %d)", i, j)
	}
	if !strings.Contains(index, "Corrected: ") {
		t.Errorf("public/index.html lacks the new version's summary")
	}
	var m struct{ Version string }
	readJSON(t, filepath.Join(public, "latest", "manifest.json"), &m)
	if m.Version != "1.1.0" {
		t.Errorf("latest/ is version %q, want 1.1.0", m.Version)
	}
	if d := diffSnap(first, snapshot(t, filepath.Join(public, "1.0.0"))); d != "" {
		t.Errorf("publishing 1.1.0 changed 1.0.0: %s", d)
	}
	if !strings.Contains(string(readFile(t, filepath.Join(public, "1.1.0", "index.html"))), "../1.0.0/index.html") {
		t.Errorf("1.1.0's version switcher does not link 1.0.0")
	}
}
