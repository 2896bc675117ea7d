package ingest

import (
	"bytes"
	"reflect"
	"strings"
	"testing"

	"github.com/moocreport/moocreport/report"
	"github.com/moocreport/moocreport/report/study"
)

var tinyPre = study.Survey{Key: "pre", Course: "tiny", IDColumn: "edx_username", Questions: []study.Question{
	{ID: "Q1", Type: "single"}, {ID: "Q3", Type: "multi"}, {ID: "Q4_1", Type: "likert", Scale: "agree5"}, {ID: "Q5", Type: "text"},
}}

func TestReadQualtrics(t *testing.T) {
	got, err := ReadQualtrics(open(t, "tiny/T101_pre-course_survey.csv"), "pre.csv", tinyPre, tinyCourse(t))
	if err != nil {
		t.Fatal(err)
	}
	want := []report.Response{
		{Instrument: "pre", Course: "tiny", Learner: pid("101"), Finished: true,
			Answers: map[string]string{"Q1": "Employed full-time", "Q3": "Career advancement,Personal interest", "Q4_1": "Agree"}},
		// Unfinished and unanswered: no Answers at all.
		{Instrument: "pre", Course: "tiny", Learner: pid("103")},
		// Username not in the profile: kept, unlinked.
		{Instrument: "pre", Course: "tiny", Finished: true,
			Answers: map[string]string{"Q1": "Student", "Q3": "Try out online learning", "Q4_1": "Strongly agree"}},
		// The same learner's second response is kept.
		{Instrument: "pre", Course: "tiny", Learner: pid("101"), Finished: true,
			Answers: map[string]string{"Q1": "Employed full-time", "Q3": "Personal interest", "Q4_1": "Strongly agree"}},
		// Username with surrounding spaces still links.
		{Instrument: "pre", Course: "tiny", Learner: pid("104"), Finished: true,
			Answers: map[string]string{"Q1": "Retired", "Q4_1": "Disagree"}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("ReadQualtrics:\n got %+v\nwant %+v", got, want)
	}
}

func TestReadQualtricsErrors(t *testing.T) {
	sv := tinyPre
	sv.Questions = append(sv.Questions, study.Question{ID: "Q9", Type: "numeric"})
	_, err := ReadQualtrics(open(t, "bad/survey_missing_column.csv"), "bad/survey_missing_column.csv", sv, tinyCourse(t))
	checkErr(t, err, "bad/survey_missing_column.csv:1: column \"Q4_1\": missing from the header\n"+
		"bad/survey_missing_column.csv:1: column \"Q9\": missing from the header")

	header := "Finished,Q1,Q1,edx_username\nFinished,Q,Q,u\n"
	tests := []struct {
		name, in, want string
	}{
		{"declared question twice", header,
			`s.csv:1: column "Q1": duplicate column`},
		{"Finished not a boolean", "Finished,Q1,edx_username\nFinished,Q,u\n" + `"{""ImportId"":""finished""}","{""ImportId"":""QID1""}","{""ImportId"":""u""}"` + "\nyes,1,a\n",
			`s.csv:4: column "Finished": want True, False, 1 or 0, got "yes"`},
		{"row too short", "Finished,Q1,edx_username\nFinished,Q,u\nTrue,1\n",
			`s.csv:3: wrong number of fields: want 3, got 2`},
		{"header only", "Finished,Q1,edx_username\n",
			`s.csv:2: want a second header row (question texts)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sv := study.Survey{Key: "pre", IDColumn: "edx_username", Questions: []study.Question{{ID: "Q1", Type: "single"}}}
			_, err := ReadQualtrics(strings.NewReader(tt.in), "s.csv", sv, &Course{})
			checkErr(t, err, tt.want)
		})
	}
}

func TestIsImportIDRow(t *testing.T) {
	tests := []struct {
		row  []string
		want bool
	}{
		{[]string{`{"ImportId":"startDate","timeZone":"America/Denver"}`, `{"ImportId":"QID1"}`}, true},
		{[]string{"", `{"ImportId":"QID1"}`}, true},
		{[]string{"R_2YPOQ602ER1jkf1", "Standard"}, false},
		{[]string{`{"id":"x"}`}, false},
		{[]string{`{"ImportId":`}, false},
		{nil, false},
	}
	for _, tt := range tests {
		if got := isImportIDRow(tt.row); got != tt.want {
			t.Errorf("isImportIDRow(%q) = %v, want %v", tt.row, got, tt.want)
		}
	}
}

// FuzzReadQualtrics: no panics; accepted responses carry only declared,
// non-text questions.
func FuzzReadQualtrics(f *testing.F) {
	for _, name := range []string{"tiny/T101_pre-course_survey.csv", "bad/survey_missing_column.csv"} {
		f.Add(readFixture(f, name))
	}
	f.Add([]byte("V1,V2,Q1,Q5,edx_username,\nResponseID,Finished,Q,T,u,\nR_1,1,2,secret,ana_s,\n"))
	c := tinyCourse(f)
	sv := study.Survey{Key: "pre", IDColumn: "edx_username", Questions: []study.Question{{ID: "Q1", Type: "single"}, {ID: "Q5", Type: "text"}}}
	f.Fuzz(func(t *testing.T, b []byte) {
		rs, err := ReadQualtrics(bytes.NewReader(b), "f.csv", sv, c)
		if err != nil {
			return
		}
		for _, r := range rs {
			for id := range r.Answers {
				if id != "Q1" {
					t.Fatalf("answer to %q kept", id)
				}
			}
		}
	})
}
