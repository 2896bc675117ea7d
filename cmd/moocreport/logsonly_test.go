package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/moocreport/moocreport/internal/fixture"
)

// TestCheckTrackingOnly runs check and build on a study of tracking logs alone (the
// Open edX analytics pipeline's fixtures, named by an absolute path): its
// learners are those the logs show — user ids 1–4 enrol in
// edX/DemoX/Demo_Course in these logs — not zero.
func TestCheckTrackingOnly(t *testing.T) {
	logs := filepath.Join(filepath.Dir(fixture.RepoRoot(t)), "shared", "realdata", "openedx-analytics-pipeline")
	if _, err := os.Stat(filepath.Join(logs, "student_engagement_acceptance_tracking.log")); err != nil {
		t.Fatalf("Open edX pipeline fixtures missing: %v (put them in ../shared/realdata beside the repository)", err)
	}
	dir := t.TempDir()
	study := `id: logs-only
title: Logs only
version: "1"
salt: s
courses:
  - key: demo
    name: Demo
    course_id: edX/DemoX/Demo_Course
    role: study
    start: 2015-04-06
    weeks: 2
    pass_mark: 0.5
    sources:
      - {format: edx-tracking, path: "` + filepath.ToSlash(logs) + `/*engagement*.log"}
`
	file := filepath.Join(dir, "study.yaml")
	if err := os.WriteFile(file, []byte(study), 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := moocreport(t, "check", "-study", file)
	if code != 0 {
		t.Fatalf("check exited %d\nstdout:\n%s\nstderr:\n%s", code, stdout, stderr)
	}
	if !strings.Contains(stdout, "ok: 3 input files, 4 learners,") {
		t.Errorf("check said %q, want 3 input files and 4 learners", stdout)
	}
	// And it builds: activity is reported for the logs' learners, and
	// nothing is said about grades or surveys the study does not have
	// (performance keeps the logs' first-attempt problem statistics).
	t.Setenv("SOURCE_DATE_EPOCH", epoch)
	code, stdout, stderr = moocreport(t, "build", "-no-cache", "-study", file)
	if code != 0 {
		t.Fatalf("build exited %d\nstdout:\n%s\nstderr:\n%s", code, stdout, stderr)
	}
	var doc struct {
		Measures []struct {
			ID string `json:"id"`
		} `json:"measures"`
	}
	readJSON(t, filepath.Join(dir, "public", "1", "measures.json"), &doc)
	var activity, grades bool
	for _, m := range doc.Measures {
		activity = activity || strings.HasPrefix(m.ID, "demo.active.")
		grades = grades || strings.HasPrefix(m.ID, "demo.pass-rate")
	}
	if !activity || grades {
		t.Errorf("logs-only build: activity measures %v (want true), pass rate %v (want false)", activity, grades)
	}
	for _, page := range []string{"surveys.html", "comparisons.html"} {
		if _, err := os.Stat(filepath.Join(dir, "public", "1", page)); err == nil {
			t.Errorf("%s published for a study without surveys or a second course", page)
		}
	}
}
