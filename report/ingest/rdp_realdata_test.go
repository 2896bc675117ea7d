package ingest

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/moocreport/moocreport/report/study"
)

// Conformance on the LMS table dumps of Open edX's analytics pipeline
// (../shared/realdata/openedx-analytics-pipeline/load_*.sql, see its
// SOURCE.md). Each count is checked twice: by the reader, and by a second,
// independent method in the test — counting the "),(" boundaries of a
// file's single extended INSERT (no string value in these files holds
// "),(": checked by hand and with a Python regex over the tuples' leading
// ids), or counting INSERT statements where each holds one row.

func TestOpenEdXTableDumps(t *testing.T) {
	dir := filepath.Join(realdata(t), "openedx-analytics-pipeline")
	read := func(name string) string {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	tests := []struct {
		file, table string
		tuples      int
		count       func(s string) int // the independent count
	}{
		{"load_student_courseenrollment.sql", "student_courseenrollment", 7, func(s string) int { return strings.Count(s, "),(") + 1 }},
		{"load_certificates_generatedcertificate.sql", "certificates_generatedcertificate", 4, func(s string) int { return strings.Count(s, "),(") + 1 }},
		{"load_courseware_studentmodule.sql", "courseware_studentmodule", 45, func(s string) int { return strings.Count(s, "),(") + 1 }},
		{"load_auth_userprofile.sql", "auth_userprofile", 4, func(s string) int { return strings.Count(s, "INSERT INTO") }},
		// One INSERT with a column list, a row per "(\n  … \n)".
		{"load_grades_persistentcoursegrade.sql", "grades_persistentcoursegrade", 4, func(s string) int { return strings.Count(s, "\n(\n") }},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			src := read(tt.file)
			if n := tt.count(src); n != tt.tuples {
				t.Fatalf("independent count %d, want %d: the fixture changed", n, tt.tuples)
			}
			tab, err := openRDPTable(strings.NewReader(src), tt.file, tt.table, study.DefaultLimits)
			if err != nil {
				t.Fatal(err)
			}
			n := 0
			for row, err := range tab.rows() {
				if err != nil {
					t.Fatal(err)
				}
				if len(row) != len(tab.header) {
					t.Fatalf("row %d has %d fields, header %d", n, len(row), len(tab.header))
				}
				n++
			}
			if n != tt.tuples || tab.otherTables != 0 {
				t.Errorf("read %d rows (%d of other tables), want %d", n, tab.otherTables, tt.tuples)
			}
		})
	}
}

// TestOpenEdXTablesLoad builds a Dataset from the real dumps through
// study.yaml, checks what each table gives, and that no personal string
// of the dumps reaches it.
func TestOpenEdXTablesLoad(t *testing.T) {
	dir := filepath.Join(realdata(t), "openedx-analytics-pipeline")
	yaml := `id: real
title: Real dumps
version: "1"
salt: tiny-salt
courses:
  - {key: demo, name: Demo, course_id: "edX/Open_DemoX/edx_demo_course", role: study, start: 2014-07-01, weeks: 4, pass_mark: 0.5,
     sources: [{format: edx-rdp-enrollment, path: load_student_courseenrollment.sql}, {format: edx-rdp-userprofile, path: load_auth_userprofile.sql}]}
  - {key: certs, name: Certs, course_id: "course-v1:edX+DemoX+Demo_Course", role: baseline, start: 2012-09-01, weeks: 4, pass_mark: 0.5,
     sources: [{format: edx-rdp-certificates, path: load_certificates_generatedcertificate.sql}]}
  - {key: e929, name: E929, course_id: "edX/E929/2014_T1", role: baseline, start: 2014-03-01, weeks: 4, pass_mark: 0.5,
     sources: [{format: edx-rdp-studentmodule, path: load_courseware_studentmodule.sql}]}
  - {key: pr, name: PR, course_id: "course-v1:OpenCraft+PRDemo1+2016", role: baseline, start: 2016-01-01, weeks: 4, pass_mark: 0.5,
     sources: [{format: edx-course-blocks, path: course_blocks.json}]}
`
	s, err := study.Parse("study.yaml", []byte(yaml))
	if err != nil {
		t.Fatal(err)
	}
	s.Dir = dir
	ds, err := Load(s)
	if err != nil {
		t.Fatal(err)
	}
	count := map[string]int{}
	for _, l := range ds.Learners {
		count[l.Course]++
		if l.Course == "demo" && l.Mode == "" {
			t.Errorf("learner %s has no mode", l.ID)
		}
	}
	delivered := 0
	for _, g := range ds.Grades {
		count["grades "+g.Course]++
		if g.CertificateDelivered {
			delivered++
		}
	}
	reach := map[int]int{}
	for _, r := range ds.Reach {
		reach[r.Chapters]++
	}
	submitted := 0
	for _, p := range ds.Problems {
		submitted += p.Learners
	}
	skips := map[string]int{}
	for _, sk := range ds.Skips {
		skips[sk.File+": "+sk.Reason] = sk.Count
	}
	// student_courseenrollment: rows 1–6 are the demo course (user 5
	// inactive), row 7 another course; auth_userprofile lists users 1–4,
	// so 5 and 6 are learners without a profile.
	// certificates: 4 rows of one course, 2 "downloadable".
	// studentmodule: 43 rows of edX/E929/2014_T1: 7 chapter rows (user
	// 1091: 5 chapters, user 570: 2), 18 problem rows of which 96140 was
	// only opened (no attempts, no grade), 18 other module types.
	got := fmt.Sprintf("learners %d, grades %d (%d delivered), reach %v, problems %d (%d submissions), chapters %v",
		count["demo"], count["grades certs"], delivered, reach, len(ds.Problems), submitted, ds.Chapters)
	want := "learners 6, grades 4 (2 delivered), reach map[2:1 5:1], problems 17 (17 submissions), chapters map[e929:5 pr:3]"
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	wantSkips := map[string]int{
		"load_student_courseenrollment.sql: other course":                  1,
		"load_student_courseenrollment.sql: " + reasonInactive:             1,
		"load_courseware_studentmodule.sql: other course":                  2,
		"load_courseware_studentmodule.sql: module type not measured":      18,
		"load_courseware_studentmodule.sql: problem opened, not submitted": 1,
		"course_blocks.json: other course":                                 3,
	}
	if fmt.Sprint(skips) != fmt.Sprint(wantSkips) {
		t.Errorf("skips:\n got %v\nwant %v", skips, wantSkips)
	}
	dump := fmt.Sprintf("%#v", ds.Learners) + fmt.Sprintf("%#v", ds.Grades) + fmt.Sprintf("%#v", ds.Reach) + fmt.Sprintf("%#v", ds.Skips)
	for _, secret := range []string{"Luna", "ARANJUEZ", "28300", "encanta", "aprender", "Madrid", "Europe", "es-ES", "course.xml", "xxxxxxxx",
		"John Doe", "Jane Doe", "example.com", "@", "staff", "482,173", "319a92979a02", "a6c04f14d61d"} {
		if strings.Contains(dump, secret) {
			t.Errorf("dataset contains %q", secret)
		}
	}
}
