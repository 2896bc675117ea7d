package ingest

import (
	"bytes"
	"math"
	"reflect"
	"testing"

	"github.com/moocreport/moocreport/report"
)

func TestReadGrades(t *testing.T) {
	got, err := ReadGrades(open(t, "tiny/TinyX_T101_2026_grade_report.csv"), "grades.csv", &Course{Key: "tiny", Salt: tinySalt})
	if err != nil {
		t.Fatal(err)
	}
	want := []report.Grade{
		{Learner: pid("101"), Course: "tiny", Grade: 0.87, Track: "verified", CertificateEligible: true, CertificateDelivered: true, CertificateType: "verified",
			Assignments: map[string]float64{"Homework 1": 1, "Homework 2": 0.75, "Homework (Avg)": 0.875, "Final Exam": 0.9}},
		{Learner: pid("102"), Course: "tiny", Grade: 0.2, Track: "audit", CertificateType: "N/A",
			Assignments: map[string]float64{"Homework 1": 0.4, "Homework (Avg)": 0.2}},
		{Learner: pid("103"), Course: "tiny", Grade: 0, Track: "audit", CertificateType: "N/A",
			Assignments: map[string]float64{"Homework (Avg)": 0}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("ReadGrades:\n got %+v\nwant %+v", got, want)
	}
}

func TestReadGradesErrors(t *testing.T) {
	tests := []struct {
		name, file, want string
	}{
		{"grade not a number", "bad/grades_na.csv",
			`bad/grades_na.csv:3: column "Grade": want a number 0–1, got "n/a"`},
		{"assignment score out of range", "bad/grades_out_of_range.csv",
			`bad/grades_out_of_range.csv:3: column "Homework 1": want a number 0–1, "Not Attempted" or "Not Available", got "40"`},
		{"certificate flag not Y or N", "bad/grades_bad_flag.csv",
			`bad/grades_bad_flag.csv:2: column "Certificate Eligible": want Y or N, got "Yes"`},
		{"Certificate Type missing", "bad/grades_missing_columns.csv",
			`bad/grades_missing_columns.csv:1: column "Certificate Type": missing from the header`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadGrades(open(t, tt.file), tt.file, &Course{Key: "tiny", Salt: tinySalt})
			checkErr(t, err, tt.want)
		})
	}
	inline := []struct {
		name, in, want string
	}{
		{"grade above 1", "Student ID,Grade,Enrollment Track,Certificate Eligible,Certificate Delivered,Certificate Type\n7,1.5,audit,N,N,N/A\n",
			`g.csv:2: column "Grade": want a number 0–1, got "1.5"`},
		{"grade NaN", "Student ID,Grade,Enrollment Track,Certificate Eligible,Certificate Delivered,Certificate Type\n7,NaN,audit,N,N,N/A\n",
			`g.csv:2: column "Grade": want a number 0–1, got "NaN"`},
		{"duplicate learner", "Student ID,Grade,Enrollment Track,Certificate Eligible,Certificate Delivered,Certificate Type\n7,0,audit,N,N,N/A\n7,0,audit,N,N,N/A\n",
			`g.csv:3: column "Student ID": duplicate: learner already listed on line 2`},
		{"duplicate assignment column", "Student ID,Grade,Enrollment Track,Certificate Eligible,Certificate Delivered,Certificate Type,HW,HW\n",
			`g.csv:1: column "HW": duplicate column`},
		{"student id not numeric", "Student ID,Grade,Enrollment Track,Certificate Eligible,Certificate Delivered,Certificate Type\nana,0,audit,N,N,N/A\n",
			`g.csv:2: column "Student ID": want a numeric edX user id, got "ana"`},
	}
	for _, tt := range inline {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadGrades(bytes.NewReader([]byte(tt.in)), "g.csv", &Course{})
			checkErr(t, err, tt.want)
		})
	}
}

// FuzzReadGrades: no panics, and every accepted grade and score is in 0–1.
func FuzzReadGrades(f *testing.F) {
	for _, name := range []string{"tiny/TinyX_T101_2026_grade_report.csv", "bad/grades_na.csv", "bad/grades_out_of_range.csv", "bad/grades_bad_flag.csv"} {
		f.Add(readFixture(f, name))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		gs, err := ReadGrades(bytes.NewReader(b), "f.csv", &Course{Key: "k", Salt: "s"})
		if err != nil {
			return
		}
		for _, g := range gs {
			ok := func(v float64) bool { return v >= 0 && v <= 1 && !math.IsNaN(v) }
			if !ok(g.Grade) {
				t.Fatalf("grade %v accepted", g.Grade)
			}
			for a, v := range g.Assignments {
				if !ok(v) {
					t.Fatalf("assignment %q score %v accepted", a, v)
				}
			}
		}
	})
}
