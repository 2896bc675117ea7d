package ingest

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/moocreport/moocreport/report"
	"github.com/moocreport/moocreport/report/study"
)

// TestSharedLogCountedOnce reads one log file for two courses, as an
// institution's daily log is. Its skips are counted once per file: the
// line-level ones (comment, task, no course id) once with no course, the
// other course's line not at all (the second course used it), and the
// skips after a line matched a course (no learner id, bad timestamp)
// under that course.
func TestSharedLogCountedOnce(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{"TinyX_T101_2026_student_profile_info.csv", "logs/tracking.log-20260302"} {
		if err := os.MkdirAll(filepath.Join(dir, filepath.Dir(f)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, f), readFixture(t, "tiny/"+f), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	course := func(key, id string) string {
		return `
  - key: ` + key + `
    name: "Course ` + key + `"
    course_id: "` + id + `"
    role: study
    start: 2026-03-02
    weeks: 4
    pass_mark: 0.5
    sources:
      - format: edx-profile
        path: TinyX_T101_2026_student_profile_info.csv
      - format: edx-tracking
        path: logs/tracking.log-20260302`
	}
	yaml := "id: shared\ntitle: Shared log\nversion: \"0.1\"\nsalt: tiny-salt\ncourses:" + course("tiny", "course-v1:TinyX+T101+2026") + course("other", "course-v1:OtherX+O1+2026") + "\n"
	if err := os.WriteFile(filepath.Join(dir, "study.yaml"), []byte(yaml), 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := study.Load(filepath.Join(dir, "study.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	ds, err := Load(s)
	if err != nil {
		t.Fatal(err)
	}
	const f = "logs/tracking.log-20260302"
	// Of the fixture's lines: 3 comment or blank lines, 1 task event, 1
	// without a course id, 1 of an old-style course id neither course has
	// ("other course"; the line of OtherX is the second course's, not a
	// skip), and of TinyX's lines 1 without a learner id and 1 with a bad
	// timestamp. Read for each course and summed, as before, this file
	// gave 3+3 comment lines, 1+1 task events, 1+1 without a course, and
	// 2 + 13 "other course" lines.
	want := []report.Skip{
		{File: f, Reason: SkipBadTime, Count: 1, Course: "tiny"},
		{File: f, Reason: SkipComment, Count: 3},
		{File: f, Reason: SkipNoCourse, Count: 1},
		{File: f, Reason: SkipNoLearner, Count: 1, Course: "tiny"},
		{File: f, Reason: SkipOtherCourse, Count: 1},
		{File: f, Reason: SkipTask, Count: 1},
	}
	if !reflect.DeepEqual(ds.Skips, want) {
		t.Errorf("skips of the shared log\n got %+v\nwant %+v", ds.Skips, want)
	}
}
