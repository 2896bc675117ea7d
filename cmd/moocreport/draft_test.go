package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/moocreport/moocreport/internal/pdftest"
)

// TestDraftThenPublish: -draft writes public/draft/, marked on every page
// and in the PDF and listed nowhere; publishing leaves it alone; a later
// draft replaces it without touching the version; and a changed build of
// the published version is refused with what to do next.
func TestDraftThenPublish(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", epoch)
	dir := copyStudy(t)
	studyFile := filepath.Join(dir, "study.yaml")
	public := filepath.Join(dir, "public")
	draft := filepath.Join(public, "draft")

	code, out, errOut := moocreport(t, "build", "-draft", "-study", studyFile)
	if code != 0 {
		t.Fatalf("draft build: %s", errOut)
	}
	if !strings.Contains(out, "built a draft of version 1.0.0 in "+draft) {
		t.Errorf("draft build says: %s", out)
	}
	for _, gone := range []string{"1.0.0", "latest", "index.html"} {
		if _, err := os.Stat(filepath.Join(public, gone)); err == nil {
			t.Errorf("a draft build wrote public/%s", gone)
		}
	}
	checkDraftMarked(t, draft)
	var man struct {
		Version string
		Draft   bool
	}
	readJSON(t, filepath.Join(draft, "manifest.json"), &man)
	if man.Version != "1.0.0" || !man.Draft {
		t.Errorf("draft/manifest.json says version %q, draft %v; want 1.0.0, true", man.Version, man.Draft)
	}

	code, out, errOut = moocreport(t, "build", "-study", studyFile)
	if code != 0 {
		t.Fatalf("publishing build: %s", errOut)
	}
	t.Run("the summary and the data-quality section count the same files", func(t *testing.T) {
		m := regexp.MustCompile(`read (\d+) input files`).FindStringSubmatch(out)
		page := string(readFile(t, filepath.Join(public, "1.0.0", "data-quality.html")))
		if m == nil || !strings.Contains(page, "The report was built from "+m[1]+" input files.") {
			t.Errorf("build said %q; data-quality.html says %q", m, regexp.MustCompile(`built from \d+ input files`).FindString(page))
		}
	})
	published := snapshot(t, filepath.Join(public, "1.0.0"))
	index := string(readFile(t, filepath.Join(public, "index.html")))
	if strings.Contains(index, `href="draft`) {
		t.Errorf("public/index.html links the draft")
	}
	if strings.Contains(string(readFile(t, filepath.Join(public, "1.0.0", "index.html"))), "draft-banner") {
		t.Errorf("the published version carries the draft banner")
	}

	intro := filepath.Join(dir, "content", "introduction.md")
	if err := os.WriteFile(intro, append(readFile(t, intro), "\nA sentence added in the draft.\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, errOut := moocreport(t, "build", "-draft", "-study", studyFile); code != 0 {
		t.Fatalf("second draft build: %s", errOut)
	}
	if !strings.Contains(pdftest.Text(t, filepath.Join(draft, "report.pdf")), "A sentence added in the draft.") {
		t.Errorf("the second draft did not replace the first")
	}
	page := string(readFile(t, filepath.Join(draft, "index.html")))
	if !strings.Contains(page, `href="../1.0.0/index.html"`) || strings.Contains(page, "(this version)") {
		t.Errorf("the draft's version list should link 1.0.0 and call none of them this version")
	}
	checkDraftMarked(t, draft)

	code, _, errOut = moocreport(t, "build", "-study", studyFile)
	if code == 0 {
		t.Fatal("a changed build of the published version was accepted")
	}
	for _, want := range []string{"already published with different content", `set version: "1.0.1" in study.yaml`, "moocreport build -draft", "moocreport build -force"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("refusal does not say %q:\n%s", want, errOut)
		}
	}
	if d := diffSnap(published, snapshot(t, filepath.Join(public, "1.0.0"))); d != "" {
		t.Errorf("drafts and a refused build changed 1.0.0: %s", d)
	}
}

// checkDraftMarked: every page of the draft has the banner, and the PDF
// says "DRAFT" on its title page and in its running header.
func checkDraftMarked(t *testing.T, draft string) {
	t.Helper()
	pages, _ := filepath.Glob(filepath.Join(draft, "*.html"))
	if len(pages) < 5 {
		t.Fatalf("only %d pages in the draft", len(pages))
	}
	for _, p := range pages {
		b := string(readFile(t, p))
		if !strings.Contains(b, `<p class="draft-banner" role="note"><strong>Draft.</strong>`) || !strings.Contains(b, "<title>Draft: ") {
			t.Errorf("%s is not marked as a draft", filepath.Base(p))
		}
	}
	text := pdftest.Text(t, filepath.Join(draft, "report.pdf"))
	if !strings.Contains(text, "DRAFT: not a published version") {
		t.Errorf("the draft PDF's title page does not say it is a draft")
	}
	if n := strings.Count(text, "DRAFT of version 1.0.0 (not published)"); n < 5 {
		t.Errorf("the draft PDF's running header says so on %d pages", n)
	}
}
