package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestPublishedFreeTextIsRedacted opts the example study in to publishing
// free text: the answers appear, redacted, and no username, name, e-mail
// or IP address from the inputs does.
func TestPublishedFreeTextIsRedacted(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", epoch)
	dir := copyStudy(t)
	studyFile := filepath.Join(dir, "study.yaml")
	b, err := os.ReadFile(studyFile)
	if err != nil {
		t.Fatal(err)
	}
	b = bytes.Replace(b, []byte("  min_cell: 5\n"), []byte("  min_cell: 5\n  publish_text: true\n"), 1)
	if err := os.WriteFile(studyFile, b, 0o644); err != nil {
		t.Fatal(err)
	}
	if code, out, errOut := moocreport(t, "build", "-study", studyFile); code != 0 {
		t.Fatalf("build failed: %s%s", out, errOut)
	}
	page, err := os.ReadFile(filepath.Join(dir, "public", "1.0.0", "surveys.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"surveys-text-eat-post-q4", "[e-mail]", "[name]"} {
		if !bytes.Contains(page, []byte(want)) {
			t.Errorf("surveys.html lacks %q: free text not published or not redacted", want)
		}
	}
	secrets := personalData(t, dir)
	for s, kind := range secrets {
		if strings.HasSuffix(kind, ":Q4") || strings.HasSuffix(kind, ":Q5") {
			delete(secrets, s) // whole answers are published on purpose here
		}
	}
	checkNoSecrets(t, filepath.Join(dir, "public"), secrets)
}
