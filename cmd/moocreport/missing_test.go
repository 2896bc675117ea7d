package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/moocreport/moocreport/internal/fixture"
	"github.com/moocreport/moocreport/internal/pdftest"
)

// profileAndGradesStudy makes, from the example, a study with a profile and
// a grade report per course and nothing else: no tracking logs, no surveys,
// no comparisons. Its narrative is the example's performance section only,
// the one whose values it still has.
func profileAndGradesStudy(t *testing.T) string {
	t.Helper()
	root := fixture.RepoRoot(t)
	b, err := os.ReadFile(filepath.Join(root, "study.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	yaml, _, ok := strings.Cut(string(b), "\nscales:")
	if !ok {
		t.Fatal("the example study.yaml has no scales: the test needs updating")
	}
	tracking := regexp.MustCompile(`(?m)^ *- format: edx-tracking\n *path: .*\n`)
	if n := len(tracking.FindAllString(yaml, -1)); n != 2 {
		t.Fatalf("found %d tracking sources in the example, want 2", n)
	}
	yaml = tracking.ReplaceAllString(yaml, "")
	// The course structures go too: the study has profiles and grade
	// reports alone.
	yaml = regexp.MustCompile(`(?m)^ *- format: edx-course-blocks\n *path: .*\n`).ReplaceAllString(yaml, "")
	dir := t.TempDir()
	files := map[string][]byte{"study.yaml": []byte(yaml + "\n")}
	for _, src := range regexp.MustCompile(`path: (data/\S+\.csv)`).FindAllStringSubmatch(yaml, -1) {
		if files[src[1]], err = os.ReadFile(filepath.Join(root, src[1])); err != nil {
			t.Fatal(err)
		}
	}
	if files["content/performance.md"], err = os.ReadFile(filepath.Join(root, "content", "performance.md")); err != nil {
		t.Fatal(err)
	}
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestMissingDataIsNotZero builds a study with profile and grades only:
// it publishes no activity measure, no activity, survey or comparison
// section in the site, the PDF or the contents, and its data-quality
// section says which sources were absent and what is not reported.
func TestMissingDataIsNotZero(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", epoch)
	dir := profileAndGradesStudy(t)
	code, out, errOut := moocreport(t, "build", "-study", filepath.Join(dir, "study.yaml"))
	if code != 0 {
		t.Fatalf("build failed (%d): %s%s", code, out, errOut)
	}
	v := filepath.Join(dir, "public", "1.0.0")
	var ms struct {
		Measures []struct{ ID, Text string }
	}
	readJSON(t, filepath.Join(v, "measures.json"), &ms)
	activity := regexp.MustCompile(`\.(active|activity|events|events-per-learner|active-days|time-on-task|retained)(\.|$)|\.funnel\.(active|explored)|activity-grade`)
	ids := map[string]bool{}
	for _, m := range ms.Measures {
		ids[m.ID] = true
		if activity.MatchString(m.ID) {
			t.Errorf("measures.json has activity measure %s = %q, without tracking logs", m.ID, m.Text)
		}
	}
	for _, id := range []string{"eat.enrolled", "eat.pass-rate", "sus.passed", "eat.certificates"} {
		if !ids[id] {
			t.Errorf("measures.json lacks %s, whose data the study has", id)
		}
	}
	for _, page := range []string{"activity.html", "surveys.html", "comparisons.html"} {
		if _, err := os.Stat(filepath.Join(v, page)); err == nil {
			t.Errorf("the site has %s", page)
		}
	}
	index := readFile(t, filepath.Join(v, "index.html"))
	for _, link := range []string{`href="activity.html"`, `href="surveys.html"`, `href="comparisons.html"`} {
		if strings.Contains(string(index), link) {
			t.Errorf("the contents link to %s", link)
		}
	}
	text := pdftest.Text(t, filepath.Join(v, "report.pdf"))
	for _, heading := range []string{"Weekly active learners", "Surveys", "Comparisons and tests", "tracking logs hold"} {
		if strings.Contains(text, heading) {
			t.Errorf("the PDF has %q", heading)
		}
	}
	quality := readFile(t, filepath.Join(v, "data-quality.html"))
	for _, want := range []string{"no tracking logs (activity data) for EAT101x and SUS201x", "no weekly active learners", "no engagement funnel", "no surveys"} {
		if !strings.Contains(string(quality), want) {
			t.Errorf("data quality does not say %q", want)
		}
	}
}
