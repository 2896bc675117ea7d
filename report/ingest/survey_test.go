package ingest

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"strings"
	"testing"

	"github.com/moocreport/moocreport/report"
	"github.com/moocreport/moocreport/report/study"
)

// utf16BE re-encodes a UTF-16LE file (with BOM) as big-endian.
func utf16BE(t *testing.T, le []byte) []byte {
	t.Helper()
	if !bytes.HasPrefix(le, []byte{0xFF, 0xFE}) {
		t.Fatal("fixture has no UTF-16LE BOM")
	}
	out := []byte{0xFE, 0xFF}
	for i := 2; i+1 < len(le); i += 2 {
		out = binary.BigEndian.AppendUint16(out, binary.LittleEndian.Uint16(le[i:]))
	}
	return out
}

// TestQualtricsDialects: the UTF-16, tab-separated "Excel" export of the
// tiny pre-course survey (written from the UTF-8 fixture by Python's csv
// module) reads exactly like the UTF-8 comma-separated one, sniffed or
// with the delimiter named.
func TestQualtricsDialects(t *testing.T) {
	want, err := ReadQualtrics(open(t, "tiny/T101_pre-course_survey.csv"), "pre.csv", tinyPre, tinyCourse(t))
	if err != nil {
		t.Fatal(err)
	}
	le := readFixture(t, "surveys/qualtrics_utf16.tsv")
	tab := tinyPre
	tab.Delimiter = "tab"
	tests := []struct {
		name string
		in   []byte
		sv   study.Survey
	}{
		{"UTF-16LE, tab sniffed", le, tinyPre},
		{"UTF-16BE, tab sniffed", utf16BE(t, le), tinyPre},
		{"UTF-16LE, tab named", le, tab},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ReadQualtrics(bytes.NewReader(tt.in), "pre.tsv", tt.sv, tinyCourse(t))
			if err != nil {
				t.Fatal(err)
			}
			if fmt.Sprintf("%#v", got) != fmt.Sprintf("%#v", want) {
				t.Errorf("got %#v\nwant %#v", got, want)
			}
		})
	}
	wrong := tinyPre
	wrong.Delimiter = ";"
	if _, err := ReadQualtrics(bytes.NewReader(le), "pre.tsv", wrong, tinyCourse(t)); err == nil {
		t.Error("a tab-separated file read with ';' gave no error")
	}
}

var limeSurvey = study.Survey{Key: "post", Course: "tiny", IDColumn: "token", Questions: []study.Question{
	{ID: "Q1", Type: "single"}, {ID: "Q2[SQ001]", Type: "single"}, {ID: "Q2[SQ002]", Type: "single"}, {ID: "Q3", Type: "text"},
}}

var googleForm = study.Survey{Key: "post", Course: "tiny", IDColumn: "What is your edX username?", FinishedColumn: "Completed",
	Questions: []study.Question{
		{ID: "satisfaction", Column: "How satisfied are you with the course?", Type: "numeric"},
		{ID: "other", Column: "Anything else?", Type: "text"},
	}}

func TestFlatSurveys(t *testing.T) {
	resp := func(learner string, finished bool, answers map[string]string) report.Response {
		r := report.Response{Instrument: "post", Course: "tiny", Finished: finished, Answers: answers}
		if learner != "" {
			r.Learner = pid(learner)
		}
		return r
	}
	tests := []struct {
		name string
		read func() ([]report.Response, error)
		want []report.Response
	}{
		// ';'-separated, CRLF, a quoted newline and ';' in free text;
		// finished = submitdate set; tokA is no username.
		{"LimeSurvey", func() ([]report.Response, error) {
			return ReadLimeSurvey(open(t, "surveys/limesurvey.csv"), "lime.csv", limeSurvey, tinyCourse(t))
		}, []report.Response{
			resp("", true, map[string]string{"Q1": "A1", "Q2[SQ001]": "Y"}),
			resp("102", false, map[string]string{"Q1": "A2", "Q2[SQ002]": "Y"}),
			resp("103", true, map[string]string{"Q2[SQ001]": "Y", "Q2[SQ002]": "Y"}),
		}},
		// Google Forms: columns headed by question text, mapped to ids;
		// a free-text answer with a comma and a newline is not copied.
		{"Google Forms CSV", func() ([]report.Response, error) {
			return ReadCSVSurvey(open(t, "surveys/google_forms.csv"), "form.csv", googleForm, tinyCourse(t))
		}, []report.Response{
			resp("101", true, map[string]string{"satisfaction": "4"}),
			resp("", false, map[string]string{"satisfaction": "2"}),
			resp("104", false, map[string]string{"satisfaction": "5"}),
		}},
		{"CSV without a finished column: every row finished", func() ([]report.Response, error) {
			sv := googleForm
			sv.FinishedColumn = ""
			sv.Delimiter = ","
			rs, err := ReadCSVSurvey(open(t, "surveys/google_forms.csv"), "form.csv", sv, tinyCourse(t))
			for i := range rs {
				rs[i].Answers = nil
			}
			return rs, err
		}, []report.Response{resp("101", true, nil), resp("", true, nil), resp("104", true, nil)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.read()
			if err != nil {
				t.Fatal(err)
			}
			if fmt.Sprintf("%#v", got) != fmt.Sprintf("%#v", tt.want) {
				t.Errorf("got  %#v\nwant %#v", got, tt.want)
			}
		})
	}
}

func TestFlatSurveyErrors(t *testing.T) {
	tests := []struct {
		name string
		in   string
		sv   study.Survey
		want string
	}{
		{"missing mapped column", "Completed,What is your edX username?\nYes,ana_s\n", googleForm,
			`form.csv:1: column "How satisfied are you with the course?": missing from the header` + "\n" +
				`form.csv:1: column "Anything else?": missing from the header`},
		{"bad finished cell names line and column", "Completed;What is your edX username?;How satisfied are you with the course?;Anything else?\r\nYes;a;1;\r\nmaybe;b;2;\r\n", googleForm,
			`form.csv:3: column "Completed": want True/False, Yes/No or 1/0, got "maybe"`},
		{"ragged row", "a,b\n1\n", study.Survey{Questions: []study.Question{{ID: "a", Type: "single"}}},
			"form.csv:2: wrong number of fields: want 2, got 1"},
		{"odd UTF-16", "\xff\xfea\x00b", googleForm, "form.csv: UTF-16 file with an odd number of bytes (5): truncated?"},
		{"empty file", "", googleForm, "form.csv: empty file: want a header row"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadCSVSurvey(strings.NewReader(tt.in), "form.csv", tt.sv, tinyCourse(t))
			checkErr(t, err, tt.want)
		})
	}
}

func TestSniffDelimiter(t *testing.T) {
	tests := []struct {
		header string
		want   rune
	}{
		{"a,b,c\n", ','},
		{"a;b;c\n", ';'},
		{"a\tb\tc\r\n", '\t'},
		{`"x,y";"z,w";v` + "\n", ';'},
		{"single\n", ','},
		{"a;b\nc,d,e,f\n", ';'},
	}
	for _, tt := range tests {
		if got := sniffDelimiter([]byte(tt.header)); got != tt.want {
			t.Errorf("sniffDelimiter(%q) = %q, want %q", tt.header, got, tt.want)
		}
	}
}

// FuzzReadSurveys feeds arbitrary bytes, in every dialect, to the three
// survey readers: no panics, and only declared non-text answers survive.
func FuzzReadSurveys(f *testing.F) {
	for _, name := range []string{"surveys/limesurvey.csv", "surveys/google_forms.csv", "surveys/qualtrics_utf16.tsv", "tiny/T101_pre-course_survey.csv"} {
		f.Add(readFixture(f, name))
	}
	f.Add([]byte("\xfe\xff\x00a\x00,\x00b"))
	c := tinyCourse(f)
	allowed := map[string]bool{}
	for _, sv := range []study.Survey{limeSurvey, googleForm, tinyPre} {
		for _, q := range sv.Questions {
			if q.Type != "text" {
				allowed[q.ID] = true
			}
		}
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		for _, read := range []func() ([]report.Response, error){
			func() ([]report.Response, error) { return ReadLimeSurvey(bytes.NewReader(b), "f", limeSurvey, c) },
			func() ([]report.Response, error) { return ReadCSVSurvey(bytes.NewReader(b), "f", googleForm, c) },
			func() ([]report.Response, error) { return ReadQualtrics(bytes.NewReader(b), "f", tinyPre, c) },
		} {
			rs, err := read()
			if err != nil {
				continue
			}
			for _, r := range rs {
				for id := range r.Answers {
					if !allowed[id] {
						t.Fatalf("undeclared or text answer %q kept", id)
					}
				}
			}
		}
	})
}
