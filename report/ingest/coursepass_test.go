package ingest

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/moocreport/moocreport/internal/fixture"
	"github.com/moocreport/moocreport/report"
	"github.com/moocreport/moocreport/report/study"
)

// loadBothWays loads the study at file with the by-course passes read
// course by course, then with the courses at once.
func loadBothWays(t *testing.T, file string) (serial, parallel *report.Dataset, serialErr, parallelErr error) {
	t.Helper()
	s, err := study.Load(file)
	if err != nil {
		t.Fatal(err)
	}
	var passes []*Format
	for _, f := range sourcePasses() {
		if f.byCourse {
			passes = append(passes, f)
		}
	}
	if len(passes) == 0 {
		t.Fatal("no by-course pass to test")
	}
	for _, f := range passes {
		f.byCourse = false
	}
	serial, serialErr = Load(s)
	for _, f := range passes {
		f.byCourse = true
	}
	parallel, parallelErr = Load(s)
	return
}

// TestByCoursePassesAsIfSerial: reading the courses' profiles and grade
// reports at once gives the dataset, and the errors in the order, that
// reading them one course after the other gives.
func TestByCoursePassesAsIfSerial(t *testing.T) {
	root := fixture.RepoRoot(t)
	serial, parallel, serr, perr := loadBothWays(t, filepath.Join(root, "study.yaml"))
	if serr != nil || perr != nil {
		t.Fatalf("the example study: %v / %v", serr, perr)
	}
	if len(parallel.Learners) == 0 || len(parallel.Grades) == 0 {
		t.Fatal("the example study read no learners or grades")
	}
	if !reflect.DeepEqual(serial, parallel) {
		t.Error("the example study's dataset differs when its courses are read at once")
	}

	// A study whose profile and grade paths are wrong in both courses.
	dir := t.TempDir()
	if err := os.Symlink(filepath.Join(root, "data"), filepath.Join(dir, "data")); err != nil {
		t.Fatal(err)
	}
	y, err := os.ReadFile(filepath.Join(root, "study.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "study.yaml"), y, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, old := range []string{"EAT101x_1T2026_student_profile_info", "EAT101x_1T2026_grade_report", "SUS201x_1T2026_student_profile_info", "SUS201x_1T2026_grade_report"} {
		fixture.Replace(t, filepath.Join(dir, "study.yaml"), old, "missing_"+old)
	}
	_, _, serr, perr = loadBothWays(t, filepath.Join(dir, "study.yaml"))
	if serr == nil || perr == nil {
		t.Fatalf("no error for missing files: %v / %v", serr, perr)
	}
	if serr.Error() != perr.Error() {
		t.Errorf("errors read course by course:\n%v\nread at once:\n%v", serr, perr)
	}
}

// TestAdoptTakesEveryTable: adopt extends every list of the dataset and
// merges every map, by reflection, so a table added to Dataset later is
// not lost when a by-course pass writes it.
func TestAdoptTakesEveryTable(t *testing.T) {
	l := &loader{ds: &report.Dataset{Learners: []report.Learner{{ID: "a"}}}, inputs: map[string]bool{"x": true}}
	sub := &loader{ds: &report.Dataset{Learners: []report.Learner{{ID: "b"}}, Grades: []report.Grade{{Learner: "b"}},
		Chapters: map[string]int{"k": 3}, Skips: []report.Skip{{File: "f"}}}, inputs: map[string]bool{"y": true}}
	l.adopt(sub)
	want := &report.Dataset{Learners: []report.Learner{{ID: "a"}, {ID: "b"}}, Grades: []report.Grade{{Learner: "b"}},
		Chapters: map[string]int{"k": 3}, Skips: []report.Skip{{File: "f"}}}
	if !reflect.DeepEqual(l.ds, want) {
		t.Errorf("adopted %+v, want %+v", l.ds, want)
	}
	if !l.inputs["x"] || !l.inputs["y"] {
		t.Errorf("inputs %v, want x and y", l.inputs)
	}
	defer func() {
		if recover() == nil {
			t.Error("two courses setting the same count adopted without a panic")
		}
	}()
	l.adopt(&loader{ds: &report.Dataset{Chapters: map[string]int{"k": 4}}})
}
