package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/moocreport/moocreport/internal/fixture"
	"github.com/moocreport/moocreport/report/study"
)

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
