package ingest

import (
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/moocreport/moocreport/report"
)

// ouladStart is the study start of the fixture's AAA/2013J presentation.
var ouladStart = time.Date(2013, 10, 1, 0, 0, 0, 0, time.UTC)

func ouladCourses() map[string]*Course {
	return map[string]*Course{"AAA/2013J": {Key: "aaa", ID: "AAA/2013J", Start: ouladStart, Salt: "s"}}
}

// ouladFixture loads testdata/oulad into memory, so tests can alter it.
func ouladFixture(t testing.TB) fstest.MapFS {
	fsys := fstest.MapFS{}
	for _, name := range OULADFiles {
		fsys[name] = &fstest.MapFile{Data: readFixture(t, "oulad/"+name)}
	}
	return fsys
}

func ou(id string) string { return Pseudonym("s", id) }

// TestReadOULAD checks every mapping on the fixture, worked out by hand
// from its rows (BBB/2014B is in the files but not in the study).
func TestReadOULAD(t *testing.T) {
	o, err := ReadOULAD(ouladFixture(t), "oulad", ouladCourses())
	if err != nil {
		t.Fatal(err)
	}
	day := func(d int) time.Time { return ouladStart.AddDate(0, 0, d) }
	wantLearners := map[string]report.Learner{
		ou("100"): {ID: ou("100"), Course: "aaa", Gender: "m", Region: "East Anglian Region", Education: "HE Qualification", AgeBand: "55<=", Enrolled: day(-159)},
		ou("200"): {ID: ou("200"), Course: "aaa", Gender: "f", Region: "Scotland", Education: "A Level or Equivalent", AgeBand: "0-35", Enrolled: day(-53), Unenrolled: day(12)},
		ou("300"): {ID: ou("300"), Course: "aaa", Region: "Wales", Education: "Lower Than A Level", AgeBand: "35-55"},
	}
	if len(o.Learners) != len(wantLearners) {
		t.Fatalf("%d learners, want %d", len(o.Learners), len(wantLearners))
	}
	for _, l := range o.Learners {
		if !reflect.DeepEqual(l, wantLearners[l.ID]) {
			t.Errorf("learner\n got %+v\nwant %+v", l, wantLearners[l.ID])
		}
	}
	// Assessments named by type and date order: 11 (day 19) is TMA 1, 10
	// (day 54) TMA 2, the undated exam 12 Exam 1. Grade = coursework
	// score: (80×25 + 60×75) / 100 / 100 = 0.65 for 100; 40×25/100/100 =
	// 0.1 for 300; 0 for 200, whose one submission has no score.
	wantGrades := map[string]report.Grade{
		ou("100"): {Learner: ou("100"), Course: "aaa", Result: "Pass", Grade: 0.65, Assignments: map[string]float64{"TMA 1": 0.8, "TMA 2": 0.6, "Exam 1": 0.9}},
		ou("200"): {Learner: ou("200"), Course: "aaa", Result: "Withdrawn"},
		ou("300"): {Learner: ou("300"), Course: "aaa", Result: "Fail", Grade: 0.1, Assignments: map[string]float64{"TMA 1": 0.4}},
	}
	for _, g := range o.Grades {
		w := wantGrades[g.Learner]
		if math.Abs(g.Grade-w.Grade) > 1e-12 {
			t.Errorf("%s: grade %v, want %v", g.Learner, g.Grade, w.Grade)
		}
		g.Grade = w.Grade
		if !reflect.DeepEqual(g, w) {
			t.Errorf("grade\n got %+v\nwant %+v", g, w)
		}
	}
	// Clicks by kind (other, page, video, problem, forum, enrollment):
	// day -10 is week -1; days 0 and 6 week 1; 7 and 8 week 2 (site 4 is
	// dataplus, site 77 is not in vle.csv: both other).
	lw := func(id string, week int, days uint8, events ...int) report.LearnerWeek {
		w := report.LearnerWeek{Course: "aaa", Learner: ou(id), Week: week, Days: days}
		copy(w.Events[:], events)
		return w
	}
	wantWeeks := sortWeeksBy([]report.LearnerWeek{
		lw("100", -1, 1, 0, 5), lw("100", 1, 2, 0, 0, 0, 3, 2), lw("100", 2, 2, 6), lw("200", 1, 1, 0, 0, 0, 0, 1),
	})
	if !reflect.DeepEqual(o.Activity, wantWeeks) {
		t.Errorf("activity\n got %+v\nwant %+v", o.Activity, wantWeeks)
	}
	wantSkips := []report.Skip{
		{File: "oulad/studentInfo.csv", Reason: SkipOtherCourse, Count: 1},
		{File: "oulad/studentRegistration.csv", Reason: SkipUnregistered, Count: 1},
		{File: "oulad/studentRegistration.csv", Reason: SkipOtherCourse, Count: 1},
		{File: "oulad/studentAssessment.csv", Reason: SkipUnregistered, Count: 1},
		{File: "oulad/studentAssessment.csv", Reason: SkipNoScore, Count: 1},
		{File: "oulad/studentAssessment.csv", Reason: SkipOtherCourse, Count: 1},
		{File: "oulad/studentAssessment.csv", Reason: SkipUnknownAssessment, Count: 1},
		{File: "oulad/studentVle.csv", Reason: SkipUnregistered, Count: 1},
		{File: "oulad/studentVle.csv", Reason: SkipOtherCourse, Count: 1},
	}
	if !reflect.DeepEqual(o.Skips, wantSkips) {
		t.Errorf("skips\n got %+v\nwant %+v", o.Skips, wantSkips)
	}
}

func sortWeeksBy(ws []report.LearnerWeek) []report.LearnerWeek {
	return sortWeeks(ws) // one course only
}

func TestReadOULADErrors(t *testing.T) {
	tests := []struct {
		name       string
		file       string // "" removes nothing
		from, to   string // replace in file; to "<remove>" deletes the file
		wantPrefix string
	}{
		{"missing table", "studentVle.csv", "", "<remove>",
			"oulad/studentVle.csv: an oulad folder needs courses.csv, vle.csv, assessments.csv, studentInfo.csv, studentRegistration.csv, studentAssessment.csv, studentVle.csv: open studentVle.csv: file does not exist"},
		{"course not in courses.csv", "courses.csv", `"AAA","2013J"`, `"AAB","2013J"`,
			"oulad/courses.csv: no module presentation AAA/2013J (course aaa's course_id)"},
		{"unknown gender names line and column", "studentInfo.csv", `"100","M"`, `"100","X"`,
			`oulad/studentInfo.csv:2: column "gender": want M, F or nothing, got "X"`},
		{"unknown result", "studentInfo.csv", `"Withdrawn"`, `"Withdrew"`,
			`oulad/studentInfo.csv:3: column "final_result": want Pass, Fail, Withdrawn or Distinction, got "Withdrew"`},
		{"missing column", "studentInfo.csv", `"final_result"`, `"result"`,
			`oulad/studentInfo.csv:1: column "final_result": missing from the header`},
		{"duplicate registration", "studentInfo.csv", `"AAA","2013J","200"`, `"AAA","2013J","100"`,
			`oulad/studentInfo.csv:3: column "id_student": duplicate: student 100 listed twice for AAA/2013J`},
		{"score out of range", "studentAssessment.csv", "11,300,19,0,40", "11,300,19,0,140",
			`oulad/studentAssessment.csv:6: column "score": want a score 0–100 or nothing, got "140"`},
		{"date not a number", "studentRegistration.csv", `"-53"`, `"last week"`,
			`oulad/studentRegistration.csv:3: column "date_registration": want an integer or nothing, got "last week"`},
		{"missing VLE day", "studentVle.csv", `"200","3","1"`, `"200","3","?"`,
			`oulad/studentVle.csv:8: column "date": want a day number, got nothing`},
		{"ragged row", "vle.csv", `"4","AAA","2013J","dataplus","?","?"`, `"4","AAA"`,
			`oulad/vle.csv:5: wrong number of fields: want 6, got 2`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := ouladFixture(t)
			if tt.to == "<remove>" {
				delete(fsys, tt.file)
			} else {
				b := string(fsys[tt.file].Data)
				if !strings.Contains(b, tt.from) {
					t.Fatalf("%s has no %q", tt.file, tt.from)
				}
				fsys[tt.file] = &fstest.MapFile{Data: []byte(strings.Replace(b, tt.from, tt.to, 1))}
			}
			_, err := ReadOULAD(fsys, "oulad", ouladCourses())
			checkErr(t, err, tt.wantPrefix)
		})
	}
}

func TestOULADCourseID(t *testing.T) {
	for in, want := range map[string]string{"AAA/2013J": "AAA/2013J", "AAA-2013J": "AAA/2013J", "AAA_2013J": "AAA/2013J", "AAA": "AAA"} {
		if got := OULADCourseID(in); got != want {
			t.Errorf("OULADCourseID(%q) = %q, want %q", in, got, want)
		}
	}
}

// FuzzReadOULAD replaces one table of the fixture with arbitrary bytes:
// no panics, and what is accepted is well formed.
func FuzzReadOULAD(f *testing.F) {
	base := ouladFixture(f)
	for i, name := range OULADFiles {
		f.Add(uint8(i), base[name].Data)
	}
	f.Fuzz(func(t *testing.T, which uint8, b []byte) {
		fsys := fstest.MapFS{}
		for k, v := range base {
			fsys[k] = v
		}
		fsys[OULADFiles[int(which)%len(OULADFiles)]] = &fstest.MapFile{Data: b}
		o, err := ReadOULAD(fsys, "oulad", ouladCourses())
		if err != nil {
			return
		}
		for _, g := range o.Grades {
			if !(g.Grade >= 0 && g.Grade <= 1) || g.Course != "aaa" || g.Result == "" {
				t.Fatalf("bad grade %+v", g)
			}
			for _, s := range g.Assignments {
				if !(s >= 0 && s <= 1) {
					t.Fatalf("bad score %+v", g)
				}
			}
		}
		for _, w := range o.Activity {
			if w.Days > 7 || w.Days == 0 || w.Course != "aaa" {
				t.Fatalf("bad week %+v", w)
			}
		}
	})
}

// TestOULADRealData reads the OULAD tables in ../shared/realdata with every
// presentation of courses.csv as a course and checks the counts SOURCE.md
// states.
func TestOULADRealData(t *testing.T) {
	dir := filepath.Join(realdata(t), "oulad")
	courses := map[string]*Course{}
	for _, id := range []string{"AAA/2013J", "AAA/2014J", "BBB/2013J", "BBB/2014J", "BBB/2013B", "BBB/2014B", "CCC/2014J", "CCC/2014B",
		"DDD/2013J", "DDD/2014J", "DDD/2013B", "DDD/2014B", "EEE/2013J", "EEE/2014J", "EEE/2014B",
		"FFF/2013J", "FFF/2014J", "FFF/2013B", "FFF/2014B", "GGG/2013J", "GGG/2014J", "GGG/2014B"} {
		courses[id] = &Course{Key: strings.ToLower(strings.ReplaceAll(id, "/", "-")), ID: id, Start: ouladStart, Salt: "s"}
	}
	o, err := ReadOULAD(os.DirFS(dir), "oulad", courses)
	if err != nil {
		t.Fatal(err)
	}
	results, genders := map[string]int{}, map[string]int{}
	for _, g := range o.Grades {
		results[g.Result]++
	}
	for _, l := range o.Learners {
		genders[l.Gender]++
	}
	// SOURCE.md: 32,593 registrations; final_result Pass 12,361, Withdrawn
	// 10,156, Fail 7,052, Distinction 3,024; gender M 17,875, F 14,718.
	if len(o.Learners) != 32593 || len(o.Grades) != 32593 {
		t.Errorf("%d learners, %d grades; want 32593 each", len(o.Learners), len(o.Grades))
	}
	if want := map[string]int{"Pass": 12361, "Withdrawn": 10156, "Fail": 7052, "Distinction": 3024}; !reflect.DeepEqual(results, want) {
		t.Errorf("results %v, want %v", results, want)
	}
	if want := map[string]int{"m": 17875, "f": 14718}; !reflect.DeepEqual(genders, want) {
		t.Errorf("genders %v, want %v", genders, want)
	}
	withdrawn := 0
	for _, l := range o.Learners {
		if !l.Unenrolled.IsZero() {
			withdrawn++
		}
	}
	if withdrawn == 0 || withdrawn > 10156+500 {
		t.Errorf("%d learners with an unregistration date", withdrawn)
	}
	for _, s := range o.Skips {
		if s.Reason != SkipNoScore {
			t.Errorf("unexpected skip %+v", s)
		}
	}
}
