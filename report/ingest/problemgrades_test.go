package ingest

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/moocreport/moocreport/report"
	"github.com/moocreport/moocreport/report/study"
)

const tinyProblemGrades = "tiny/TinyX_T101_2026_problem_grade_report.csv"

func TestReadProblemGrades(t *testing.T) {
	got, err := ReadProblemGrades(open(t, tinyProblemGrades), "pg.csv", &Course{Key: "tiny", Salt: tinySalt})
	if err != nil {
		t.Fatal(err)
	}
	want := []report.ProblemStat{
		// 101 earned 1.0, 102 earned 0.5; 103 "Not Available".
		{Course: "tiny", Problem: "Homework 1: Week 1 - Problem 1", Learners: 2},
		// 0.0 earned is an attempt; "Not Attempted" is not.
		{Course: "tiny", Problem: "Homework 1: Week 1 - Multiple Choice", Learners: 1},
		// The same display name again: numbered, not merged; "N/A" and
		// an empty cell are not attempts.
		{Course: "tiny", Problem: "Homework 1: Week 1 - Multiple Choice #2", Learners: 1},
		// A quoted header with a comma.
		{Course: "tiny", Problem: "Final Exam 1: Exam, part A - Question 1", Learners: 1},
		// "Homework 2: Week 2 - Unseen": nobody attempted it, so not listed.
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("ReadProblemGrades:\n got %+v\nwant %+v", got, want)
	}
}

func TestReadProblemGradesErrors(t *testing.T) {
	files := []struct {
		name, file, want string
	}{
		{"earned cell not points", "bad/problem_grades_bad_earned.csv",
			`bad/problem_grades_bad_earned.csv:3: column "HW 1: W - P1 (Earned)": want points (a number ≥ 0), "Not Attempted", "Not Available" or "N/A", got "attempted"`},
		{"earned column without its possible column", "bad/problem_grades_unpaired.csv",
			`bad/problem_grades_unpaired.csv:1: column "HW 1: W - P1 (Earned)": want "HW 1: W - P1 (Possible)" right after it`},
	}
	for _, tt := range files {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadProblemGrades(open(t, tt.file), tt.file, &Course{Key: "tiny", Salt: tinySalt})
			checkErr(t, err, tt.want)
		})
	}
	const head = "Student ID,Email,Username,Enrollment Status,Grade,P (Earned),P (Possible)\n"
	inline := []struct {
		name, in, want string
	}{
		{"possible column without its earned column", "Student ID,Enrollment Status,Grade,P (Possible),P (Earned)\n",
			`pg.csv:1: column "P (Possible)": want "P (Earned)" right before it`},
		{"grade report given instead", "Student ID,Email,Username,Grade,Enrollment Track\n",
			`pg.csv:1: column "Enrollment Status": missing from the header`},
		{"grade above 1", head + "7,e,u,enrolled,87,1,1\n",
			`pg.csv:2: column "Grade": want a number 0–1, got "87"`},
		{"negative earned points", head + "7,e,u,enrolled,0.5,-1,1\n",
			`pg.csv:2: column "P (Earned)": want points (a number ≥ 0), "Not Attempted", "Not Available" or "N/A", got "-1"`},
		{"possible says Not Attempted", head + "7,e,u,enrolled,0.5,1,Not Attempted\n",
			`pg.csv:2: column "P (Possible)": want points (a number ≥ 0), "Not Available" or "N/A", got "Not Attempted"`},
		{"infinite points", head + "7,e,u,enrolled,0.5,Inf,1\n",
			`pg.csv:2: column "P (Earned)": want points (a number ≥ 0), "Not Attempted", "Not Available" or "N/A", got "Inf"`},
		{"duplicate learner", head + "7,e,u,enrolled,0.5,1,1\n7,e,u,enrolled,0.5,1,1\n",
			`pg.csv:3: column "Student ID": duplicate: learner already listed on line 2`},
		{"student id not numeric", head + "ana,e,u,enrolled,0.5,1,1\n",
			`pg.csv:2: column "Student ID": want a numeric edX user id, got "ana"`},
		{"short row", head + "7,e,u,enrolled,0.5,1\n",
			`pg.csv:2: wrong number of fields: want 7, got 6`},
	}
	for _, tt := range inline {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadProblemGrades(strings.NewReader(tt.in), "pg.csv", &Course{})
			checkErr(t, err, tt.want)
		})
	}
}

// TestLoadProblemGrades checks how a problem grade report combines with
// the tracking logs: alone it gives the course's problems; beside logs
// that have problems, the logs' are kept and the report's problems they
// lack are counted as skipped.
func TestLoadProblemGrades(t *testing.T) {
	const reason = "problem the tracking logs lack (the course's problems come from its logs)"
	tests := []struct {
		name         string
		dropTracking bool
		twice        bool   // the report listed twice (two downloads): learners count once
		logName      string // display name the logs' problem_check gives p1
		wantProblems []string
		wantSkip     int
		wantOutline  []report.OutlineBlock
	}{
		{name: "with tracking logs, the logs' problems stay", wantProblems: []string{"block-v1:TinyX+T101+2026+type@problem+block@p1"}, wantSkip: 4},
		// The report's "Homework 1: Week 1 - Problem 1" ends with the
		// logs' display name of p1: it is that problem, not one the logs
		// lack, and its column gives p1 its place in the course.
		{name: "the logs' display name places the problem in the report's order", logName: "Problem 1",
			wantProblems: []string{"block-v1:TinyX+T101+2026+type@problem+block@p1"}, wantSkip: 3,
			wantOutline: []report.OutlineBlock{{Block: "p1", Type: "problem", Name: "Problem 1"}}},
		// Two columns end with "Multiple Choice": the name does not tell
		// which is p1, so neither places it.
		{name: "a name two columns share places nothing", logName: "Multiple Choice",
			wantProblems: []string{"block-v1:TinyX+T101+2026+type@problem+block@p1"}, wantSkip: 4},
		{name: "without tracking logs, the report gives the problems", dropTracking: true, wantProblems: []string{
			"Final Exam 1: Exam, part A - Question 1", "Homework 1: Week 1 - Multiple Choice", "Homework 1: Week 1 - Multiple Choice #2", "Homework 1: Week 1 - Problem 1"}},
		{name: "the same report twice counts each learner once", dropTracking: true, twice: true, wantProblems: []string{
			"Final Exam 1: Exam, part A - Question 1", "Homework 1: Week 1 - Multiple Choice", "Homework 1: Week 1 - Multiple Choice #2", "Homework 1: Week 1 - Problem 1"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.CopyFS(dir, os.DirFS("testdata/tiny")); err != nil {
				t.Fatal(err)
			}
			src := "      - format: edx-problem-grades\n        path: TinyX_T101_2026_problem_grade_report.csv\n"
			if tt.twice {
				b := readFixture(t, tinyProblemGrades)
				if err := os.WriteFile(filepath.Join(dir, "copy_problem_grade_report.csv"), b, 0o644); err != nil {
					t.Fatal(err)
				}
				src = "      - format: edx-problem-grades\n        path: \"*_problem_grade_report.csv\"\n"
			}
			if tt.logName != "" {
				log := filepath.Join(dir, "logs", "tracking.log-20260302")
				b := readFixture(t, "tiny/logs/tracking.log-20260302")
				b = bytes.Replace(b, []byte(`"course_id": "course-v1:TinyX+T101+2026", "path": "/event"}, "ip": "203.0.113.7", "event": {"problem_id"`),
					[]byte(`"course_id": "course-v1:TinyX+T101+2026", "path": "/event", "module": {"display_name": "`+tt.logName+`"}}, "ip": "203.0.113.7", "event": {"problem_id"`), 1)
				if err := os.WriteFile(log, b, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			y := readFixture(t, "tiny/study.yaml")
			y = bytes.Replace(y, []byte("      - format: edx-tracking\n"), []byte(src+"      - format: edx-tracking\n"), 1)
			if tt.dropTracking {
				y = bytes.Replace(y, []byte("      - format: edx-tracking\n        path: \"logs/tracking.log-*\"\n"), nil, 1)
			}
			s, err := study.Parse("study.yaml", y)
			if err != nil {
				t.Fatal(err)
			}
			s.Dir = dir
			ds, err := Load(s)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, p := range ds.Problems {
				got = append(got, p.Problem)
				if p.Problem == "Homework 1: Week 1 - Problem 1" && p.Learners != 2 {
					t.Errorf("%s: %d learners, want 2", p.Problem, p.Learners)
				}
			}
			if !reflect.DeepEqual(got, tt.wantProblems) {
				t.Errorf("problems = %q, want %q", got, tt.wantProblems)
			}
			skipped := 0
			for _, sk := range ds.Skips {
				if sk.Reason == reason {
					if sk.File != "TinyX_T101_2026_problem_grade_report.csv" {
						t.Errorf("skip under %q, want the report's file", sk.File)
					}
					skipped += sk.Count
				}
			}
			if skipped != tt.wantSkip {
				t.Errorf("skipped %d report problems, want %d", skipped, tt.wantSkip)
			}
			if !tt.dropTracking && !reflect.DeepEqual(ds.Outline["tiny"], tt.wantOutline) {
				t.Errorf("outline = %+v, want %+v", ds.Outline["tiny"], tt.wantOutline)
			}
			if tt.logName != "" && ds.Problems[0].Name != tt.logName {
				t.Errorf("problem name %q, want %q", ds.Problems[0].Name, tt.logName)
			}
		})
	}
}

// FuzzReadProblemGrades: no panics, and what is accepted is consistent:
// each problem listed once, attempted by at least one and at most every
// row's learner, with no first-attempt data invented.
func FuzzReadProblemGrades(f *testing.F) {
	for _, name := range []string{tinyProblemGrades, "bad/problem_grades_bad_earned.csv", "bad/problem_grades_unpaired.csv"} {
		f.Add(readFixture(f, name))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		ps, err := ReadProblemGrades(bytes.NewReader(b), "f.csv", &Course{Key: "k", Salt: "s"})
		if err != nil {
			return
		}
		rows := bytes.Count(b, []byte("\n")) + 1
		seen := map[string]bool{}
		for _, p := range ps {
			if seen[p.Problem] {
				t.Fatalf("problem %q listed twice", p.Problem)
			}
			seen[p.Problem] = true
			if p.Learners < 1 || p.Learners > rows || p.FirstAttempts != 0 || p.FirstCorrect != 0 || p.Course != "k" {
				t.Fatalf("implausible %+v from %d lines", p, rows)
			}
		}
	})
}
