package ingest

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/moocreport/moocreport/report"
	"github.com/moocreport/moocreport/report/study"
)

const rdpCourse = "course-v1:DemoX+D101+2026"

func rdpTestCourse() *Course {
	return &Course{Key: "demo", ID: rdpCourse, Start: time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC), Salt: tinySalt}
}

func TestIsSQLDump(t *testing.T) {
	tests := []struct {
		head string
		want bool
	}{
		{"-- MySQL dump 10.13", true},
		{"/*!40101 SET NAMES utf8 */;", true},
		{"\n\nCREATE TABLE `x` (", true},
		{"INSERT INTO `x` VALUES (1);", true},
		{"id\tuser_id\tname\n", false},
		{"user_id\tcourse_id\n", false},
		{"set\tmode\n", false}, // a TSV whose first column is named like a keyword
	}
	for _, tt := range tests {
		if got := isSQLDump([]byte(tt.head)); got != tt.want {
			t.Errorf("isSQLDump(%q) = %v, want %v", tt.head, got, tt.want)
		}
	}
}

func loadRDP(t *testing.T) *report.Dataset {
	t.Helper()
	s, err := study.Load("testdata/rdp/study.yaml")
	if err != nil {
		t.Fatal(err)
	}
	ds, err := Load(s)
	if err != nil {
		t.Fatal(err)
	}
	return ds
}

// TestLoadRDP reads testdata/rdp: enrolments and certificates as the
// research data package's TSV files, the profile and studentmodule
// tables as MySQL dumps, and a course structure.
func TestLoadRDP(t *testing.T) {
	ds := loadRDP(t)
	at := func(s string) time.Time { v, _ := time.Parse("2006-01-02 15:04:05.999999", s); return v }
	wantLearners := map[string]report.Learner{
		// profile + enrolment
		"11": {Course: "demo", YearOfBirth: 1990, Gender: "f", Education: "m", Country: "SE", Mode: "audit", Enrolled: at("2026-02-20 10:00:00")},
		"12": {Course: "demo", Gender: "m", Education: "b", Country: "GH", Mode: "verified", Enrolled: at("2026-02-21 11:30:00.123456")},
		// is_active 0: still a learner, unenrolment time unknown
		"13": {Course: "demo", YearOfBirth: 1985, Education: "p", Country: "CN", Mode: "audit", Enrolled: at("2026-03-05 09:00:00")},
		// enrolled, no profile row
		"15": {Course: "demo", Mode: "honor"},
	}
	if len(ds.Learners) != len(wantLearners) {
		t.Errorf("got %d learners, want %d (user 14 is not enrolled in the course)", len(ds.Learners), len(wantLearners))
	}
	for id, want := range wantLearners {
		want.ID = pid(id)
		found := false
		for _, l := range ds.Learners {
			if l.ID == want.ID {
				found = true
				if !reflect.DeepEqual(l, want) {
					t.Errorf("learner %s:\n got %+v\nwant %+v", id, l, want)
				}
			}
		}
		if !found {
			t.Errorf("learner %s missing", id)
		}
	}
	wantGrades := []report.Grade{
		{Learner: pid("12"), Course: "demo", Grade: 0.91, Track: "verified", CertificateEligible: true, CertificateDelivered: true, CertificateType: "verified"},
		{Learner: pid("11"), Course: "demo", Grade: 0.35, Track: "audit", CertificateType: "N/A"},
	}
	if len(ds.Grades) != 2 {
		t.Fatalf("got %d grades, want 2 (user 13's certificate has no grade)", len(ds.Grades))
	}
	for _, want := range wantGrades {
		ok := false
		for _, g := range ds.Grades {
			ok = ok || reflect.DeepEqual(g, want)
		}
		if !ok {
			t.Errorf("grade %+v missing from %+v", want, ds.Grades)
		}
	}
	wantReach := []report.Reach{{Course: "demo", Learner: pid("11"), Chapters: 2}, {Course: "demo", Learner: pid("12"), Chapters: 1}}
	if len(ds.Reach) != 2 || !(reflect.DeepEqual(ds.Reach, wantReach) || reflect.DeepEqual(ds.Reach, []report.Reach{wantReach[1], wantReach[0]})) {
		t.Errorf("Reach = %+v, want %+v", ds.Reach, wantReach)
	}
	wantProblems := []report.ProblemStat{{Course: "demo", Problem: "block-v1:DemoX+D101+2026+type@problem+block@p1", Learners: 2}}
	if !reflect.DeepEqual(ds.Problems, wantProblems) {
		t.Errorf("Problems = %+v, want %+v", ds.Problems, wantProblems)
	}
	if ds.Chapters["demo"] != 3 {
		t.Errorf("Chapters = %v, want demo: 3 from the course structure (the studentmodule table saw 2)", ds.Chapters)
	}
	var skips []string
	for _, s := range ds.Skips {
		skips = append(skips, fmt.Sprintf("%s: %s: %d", s.File, s.Reason, s.Count))
	}
	wantSkips := []string{
		"DemoX-D101-2026-certificates_generatedcertificate-prod-analytics.sql: certificate without a grade, no grade report row: 1",
		"DemoX-D101-2026-certificates_generatedcertificate-prod-analytics.sql: other course: 1",
		"DemoX-D101-2026-student_courseenrollment-prod-analytics.sql: " + reasonInactive + ": 1",
		"DemoX-D101-2026-student_courseenrollment-prod-analytics.sql: other course: 1",
		"auth_userprofile.sql: not enrolled in the course: 1",
		"course_blocks.json: other course: 1",
		"courseware_studentmodule.sql: module type not measured: 1",
		"courseware_studentmodule.sql: other course: 1",
		"courseware_studentmodule.sql: problem opened, not submitted: 1",
		"courseware_studentmodule.sql: problem state not readable: 1",
	}
	if !reflect.DeepEqual(skips, wantSkips) {
		t.Errorf("skips:\n got %q\nwant %q", skips, wantSkips)
	}
	dump := fmt.Sprintf("%#v", ds.Learners) + fmt.Sprintf("%#v", ds.Grades) + fmt.Sprintf("%#v", ds.Reach) + fmt.Sprintf("%#v", ds.Skips)
	for _, secret := range []string{"Åsa", "Brien", "Kwame", "Mensah", "Lily", "Storgatan", "Stockholm", "example.org", "Learn; grow", "session_id", "Not Enrolled", `"11"`, `"12"`} {
		if strings.Contains(dump, secret) {
			t.Errorf("dataset contains %q", secret)
		}
	}
	if again := loadRDP(t); !reflect.DeepEqual(ds, again) {
		t.Error("two loads of the same study differ")
	}
}

func TestRDPErrors(t *testing.T) {
	c := rdpTestCourse()
	tests := []struct {
		name, table, src, want string
	}{
		{"TSV row with the wrong field count", "student_courseenrollment",
			"user_id\tcourse_id\tcreated\tis_active\tmode\n11\t" + rdpCourse + "\tNULL\t1\n",
			`e.tsv:2: row has 4 tab-separated fields, want 5 as the header`},
		{"missing columns, all named", "student_courseenrollment", "user_id\tcourse\n",
			"e.tsv:1: column \"course_id\": missing from the header of table student_courseenrollment\n" +
				"e.tsv:1: column \"created\": missing from the header of table student_courseenrollment\n" +
				"e.tsv:1: column \"is_active\": missing from the header of table student_courseenrollment\n" +
				"e.tsv:1: column \"mode\": missing from the header of table student_courseenrollment"},
		{"bad is_active names line and column", "student_courseenrollment",
			"user_id\tcourse_id\tcreated\tis_active\tmode\n11\t" + rdpCourse + "\t2026-01-01 00:00:00\tyes\taudit\n",
			`e.tsv:2:50: column "is_active": want 1 or 0, got "yes"`},
		{"bad date", "student_courseenrollment",
			"user_id\tcourse_id\tcreated\tis_active\tmode\n11\t" + rdpCourse + "\t01/02/2026\t1\taudit\n",
			`e.tsv:2:30: column "created": want a date and time YYYY-MM-DD hh:mm:ss, got "01/02/2026"`},
		{"duplicate enrolment", "student_courseenrollment",
			"CREATE TABLE student_courseenrollment (user_id int, course_id text, created datetime, is_active int, mode text);\n" +
				"INSERT INTO student_courseenrollment VALUES (11,'" + rdpCourse + "',NULL,1,'audit'),\n(11,'" + rdpCourse + "',NULL,1,'audit');",
			`e.tsv:3:2: column "user_id": duplicate: learner enrolled twice in ` + rdpCourse},
		{"NULL user id", "auth_userprofile",
			"user_id\tgender\tyear_of_birth\tlevel_of_education\tcountry\nNULL\tf\t1990\tm\tSE\n",
			`e.tsv:2:1: column "user_id": want a numeric edX user id, got NULL`},
		{"bad year", "auth_userprofile",
			"user_id\tgender\tyear_of_birth\tlevel_of_education\tcountry\n11\tf\t90\tm\tSE\n",
			`e.tsv:2:6: column "year_of_birth": want a 4-digit year or NULL, got "90"`},
		{"grade out of range", "certificates_generatedcertificate",
			"user_id\tcourse_id\tgrade\tstatus\tmode\n11\t" + rdpCourse + "\t85\tdownloadable\tverified\n",
			`e.tsv:2:30: column "grade": want a number 0–1 or nothing, got "85"`},
		{"a dump without the table", "courseware_studentmodule",
			"CREATE TABLE `auth_user` (`id` int);\nINSERT INTO `auth_user` VALUES (1);",
			"e.tsv: no table `courseware_studentmodule` in this SQL dump (it has: auth_user)"},
		{"empty file", "auth_userprofile", "", "e.tsv: empty file: want a header row of column names"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var err error
			r := strings.NewReader(tt.src)
			switch tt.table {
			case "student_courseenrollment":
				_, _, err = readRDPEnrollment(r, "e.tsv", c)
			case "auth_userprofile":
				_, _, err = readRDPUserProfile(r, "e.tsv", rdpTestCourse(), nil)
			case "certificates_generatedcertificate":
				_, _, err = readRDPCertificates(r, "e.tsv", c)
			case "courseware_studentmodule":
				_, err = readRDPStudentModule(r, "e.tsv", c)
			}
			checkErr(t, err, tt.want)
		})
	}
}

func TestCourseBlocksErrors(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"syntax error names line and column", "{\"root\": \"x\",\n \"blocks\": {,}}", "b.json:2:13: want course blocks JSON: invalid character ',' looking for beginning of object key string"},
		{"course missing lists the ones there", `{"course_id": "course-v1:A+B+C", "blocks": {}}`, "b.json: no course " + rdpCourse + " here (courses: course-v1:A+B+C)"},
		{"not course blocks", `{"x": 1}`, `b.json:1: want an object with "blocks" and "course_id" or "root"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := readCourseBlocks(strings.NewReader(tt.src), "b.json", rdpTestCourse())
			checkErr(t, err, tt.want)
		})
	}
}

// rdpSeeds are the fuzz seeds: the fixtures and, where present, the real
// dumps of Open edX's analytics pipeline.
func rdpSeeds(f *testing.F) {
	for _, name := range []string{"auth_userprofile.sql", "courseware_studentmodule.sql",
		"DemoX-D101-2026-student_courseenrollment-prod-analytics.sql", "DemoX-D101-2026-certificates_generatedcertificate-prod-analytics.sql"} {
		f.Add(readFixture(f, "rdp/"+name))
	}
	real, _ := filepath.Glob("../../../shared/realdata/openedx-analytics-pipeline/load_*.sql")
	for _, p := range real {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
}

// FuzzRDPTables runs every table reader over the same input: TSV or SQL,
// no panic, and only *ParseErrors.
func FuzzRDPTables(f *testing.F) {
	rdpSeeds(f)
	f.Add([]byte("user_id\tcourse_id\tcreated\tis_active\tmode\n11\t" + rdpCourse + "\tNULL\t1\taudit\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		check := func(err error) {
			var pe *ParseError
			if err != nil && !asParseError(err, &pe) {
				t.Fatalf("error %T is not a *ParseError: %v", err, err)
			}
		}
		c := rdpTestCourse()
		_, _, err := readRDPEnrollment(strings.NewReader(string(b)), "f", c)
		check(err)
		_, _, err = readRDPUserProfile(strings.NewReader(string(b)), "f", c, nil)
		check(err)
		_, _, err = readRDPCertificates(strings.NewReader(string(b)), "f", c)
		check(err)
		_, err = readRDPStudentModule(strings.NewReader(string(b)), "f", c)
		check(err)
	})
}

func FuzzCourseBlocks(f *testing.F) {
	f.Add(readFixture(f, "rdp/course_blocks.json"))
	f.Fuzz(func(t *testing.T, b []byte) {
		cs, _, err := readCourseBlocks(strings.NewReader(string(b)), "f.json", rdpTestCourse())
		n := cs.Chapters
		var pe *ParseError
		if err != nil && !asParseError(err, &pe) {
			t.Fatalf("error %T is not a *ParseError: %v", err, err)
		}
		if n < 0 {
			t.Fatalf("negative chapter count %d", n)
		}
	})
}

func asParseError(err error, pe **ParseError) bool { return errors.As(err, pe) }
