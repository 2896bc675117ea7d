package main

import (
	"bytes"
	"encoding/csv"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/moocreport/moocreport/internal/fixture"
	"github.com/moocreport/moocreport/report/detect"
	"github.com/moocreport/moocreport/report/study"
)

// exportsFolder copies the example's data/ into dir/exports, nested as a
// user's downloads are, with one file no format knows.
func exportsFolder(t *testing.T, dir string) string {
	t.Helper()
	root := fixture.RepoRoot(t)
	exports := filepath.Join(dir, "exports")
	err := filepath.WalkDir(filepath.Join(root, "data"), func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(filepath.Join(root, "data"), p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(exports, rel), 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(exports, rel), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(exports, "meeting-notes.txt"), []byte("Notes from the course team meeting.\nDecided to send the post survey in week 8.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	numericIDs(t, filepath.Join(exports, "eat"), "EAT101x_pre-course_survey.csv")
	return exports
}

// numericIDs rewrites a Qualtrics export of dir so its learner column holds
// the numeric edX user id (the profile's id) instead of the username, as a
// survey link that passes the user id writes it.
func numericIDs(t *testing.T, dir, survey string) {
	t.Helper()
	profiles, _ := filepath.Glob(filepath.Join(dir, "*student_profile_info*.csv"))
	if len(profiles) != 1 {
		t.Fatalf("want one profile export in %s, got %v", dir, profiles)
	}
	ids := map[string]string{} // username → user id
	for _, rec := range readCSV(t, profiles[0])[1:] {
		ids[rec[1]] = rec[0]
	}
	path := filepath.Join(dir, survey)
	recs := readCSV(t, path)
	col := slices.Index(recs[0], "edx_username")
	if col < 0 {
		t.Fatalf("%s has no edx_username column", path)
	}
	changed := 0
	for _, rec := range recs[3:] { // after the three header rows
		if id, ok := ids[rec[col]]; ok {
			rec[col] = id
			changed++
		}
	}
	if changed == 0 {
		t.Fatalf("%s: no username of the profile", path)
	}
	var b bytes.Buffer
	b.WriteString("\uFEFF")
	w := csv.NewWriter(&b)
	w.WriteAll(recs)
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

func readCSV(t *testing.T, path string) [][]string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte("\uFEFF"))))
	r.FieldsPerRecord = -1
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return recs
}

// TestInitExample runs init on a copy of the example's exports plus one
// unrecognisable file, then check and build on the written study.yaml
// without editing it: every survey column that is a question is declared,
// responses link to learners, and the unrecognised file is reported.
func TestInitExample(t *testing.T) {
	dir := t.TempDir()
	exportsFolder(t, dir)
	t.Chdir(dir)
	code, stdout, stderr := moocreport(t, "init", "exports")
	if code != 0 {
		t.Fatalf("init exited %d\n%s\n%s", code, stdout, stderr)
	}
	if !strings.Contains(stdout, "not recognised (1):\n  exports/meeting-notes.txt: ") {
		t.Errorf("unrecognised file not reported:\n%s", stdout)
	}
	for _, f := range []string{"study.yaml", "content/introduction.md", "content/provenance.md", ".gitignore"} {
		if _, err := os.Stat(f); err != nil {
			t.Errorf("%s not written: %v", f, err)
		}
	}
	s, err := study.Load("study.yaml")
	if err != nil {
		t.Fatal(err)
	}
	idTypes := map[string]string{}
	for _, sv := range s.Surveys {
		idTypes[filepath.Base(sv.Path)] = sv.IDType
	}
	if got := idTypes["EAT101x_pre-course_survey.csv"]; got != "user_id" {
		t.Errorf("the survey carrying numeric user ids links by %q, want user_id (all: %v)", got, idTypes)
	}
	if got := idTypes["EAT101x_post-course_survey.csv"]; got != "username" {
		t.Errorf("the survey carrying usernames links by %q, want username", got)
	}
	for _, sv := range s.Surveys {
		declared := map[string]bool{sv.IDColumn: true}
		for _, q := range sv.Questions {
			declared[q.ID] = true
		}
		for _, col := range surveyColumns(t, sv.Path) {
			if !declared[col] && !detect.QualtricsMeta(col) {
				t.Errorf("%s: column %s not declared", sv.Path, col)
			}
		}
	}
	if code, stdout, stderr := moocreport(t, "check"); code != 0 {
		t.Fatalf("check exited %d\n%s\n%s", code, stdout, stderr)
	}
	t.Setenv("SOURCE_DATE_EPOCH", epoch)
	if code, stdout, stderr := moocreport(t, "build"); code != 0 {
		t.Fatalf("build exited %d\n%s\n%s", code, stdout, stderr)
	}
	var doc struct {
		Measures []struct {
			ID       string   `json:"id"`
			Value    *float64 `json:"value"`
			Withheld string   `json:"withheld"`
		} `json:"measures"`
	}
	readJSON(t, filepath.Join("public", "0.1.0", "measures.json"), &doc)
	linked := map[string]float64{}
	for _, m := range doc.Measures {
		switch {
		case !strings.HasSuffix(m.ID, ".linked"):
		case m.Value == nil && m.Withheld != "":
			linked[m.ID] = math.NaN() // withheld, not zero
		case m.Value != nil:
			linked[m.ID] = *m.Value
		}
	}
	if len(linked) != 4 {
		t.Errorf("linked measures %v, want one per survey", linked)
	}
	for id, n := range linked {
		if n == 0 {
			t.Errorf("%s = 0: responses not linked", id)
		}
	}
	if code, _, stderr := moocreport(t, "init", "exports"); code != 1 || !strings.Contains(stderr, "study.yaml already exists") {
		t.Errorf("second init: exit %d, %q; want a refusal", code, stderr)
	}
}

// surveyColumns is the first header row of a survey export.
func surveyColumns(t *testing.T, path string) []string {
	t.Helper()
	smp, err := detect.ReadSample(path)
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := smp.Rows()
	return rows[0]
}

// TestInitRealData runs init on ../shared/realdata: every export is
// recognised (the Open edX pipeline's logs, dumps and course structures,
// both Qualtrics folders in their layouts with their .qsf files, OULAD),
// and init says which files it did not recognise (the SOURCE.md notes)
// and which it recognised but does not read.
func TestInitRealData(t *testing.T) {
	real, err := filepath.Abs(filepath.Join(fixture.RepoRoot(t), "..", "shared", "realdata"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(real); err != nil {
		t.Fatalf("conformance data missing: %v", err)
	}
	t.Chdir(t.TempDir())
	code, stdout, stderr := moocreport(t, "init", real)
	if code != 0 {
		t.Fatalf("init exited %d\n%s\n%s", code, stdout, stderr)
	}
	for _, want := range []string{
		"recognised 67 of 71 files:",
		"    16  qsf (survey definition)",
		"    25  qualtrics (survey)",
		"     7  oulad (course source)",
		"     9  edx-tracking (course source)",
		"     5  edx-course-blocks (course source)",
		"not recognised (4):",
		"/openedx-analytics-pipeline/SOURCE.md: Markdown text, not an export",
		"/oulad/SOURCE.md: Markdown text, not an export",
		"/qualtrics-QualtricsTools/SOURCE.md: Markdown text, not an export",
		"/qualtrics-qualtRics/SOURCE.md: Markdown text, not an export",
		"load_grades_persistentcoursegrade.sql: recognised (grades_persistentcoursegrade) but not used",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, stdout)
		}
	}
	// The study is valid; 22 OULAD module presentations are among its courses.
	s, err := study.Load("study.yaml")
	if err != nil {
		t.Fatal(err)
	}
	oulad := 0
	for _, c := range s.Courses {
		if len(c.Sources) > 0 && c.Sources[0].Format == "oulad" {
			oulad++
		}
	}
	if oulad != 22 {
		t.Errorf("%d OULAD courses, want the 22 presentations of courses.csv", oulad)
	}
}
