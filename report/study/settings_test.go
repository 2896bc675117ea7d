package study

import (
	"errors"
	"strings"
	"testing"

	"github.com/moocreport/moocreport/report"
)

// TestSettingsHonouredOrRefused: a written setting is never silently replaced by
// its default; out of its range it is an error at its line and column.
func TestSettingsHonouredOrRefused(t *testing.T) {
	tests := []struct {
		name, yaml string
		want       string // "" means valid
	}{
		{"min_cell 0 is refused, not turned into 5", valid + "privacy:\n  min_cell: 0\n",
			"study.yaml:17:13: privacy.min_cell: want a whole number from 1 to 100 (1 withholds nothing), got 0"},
		{"min_cell negative", valid + "privacy: {min_cell: -3}\n", "privacy.min_cell: want a whole number from 1 to 100"},
		{"min_cell above the range", valid + "privacy: {min_cell: 500}\n", "got 500"},
		{"min_cell 1 is honoured", valid + "privacy: {min_cell: 1}\n", ""},
		{"session_gap 0s is refused, not turned into 30m", strings.Replace(strings.Replace(valid, "edx-profile", "edx-tracking", 1), "path: p.csv", "path: p.csv\n        session_gap: 0s", 1),
			"study.yaml:16:22: courses[0].sources[0].session_gap: want a duration of at least 1s"},
		{"an empty outline is refused, not replaced", valid + "outline: []\n", "study.yaml:16:10: outline: want at least one section id"},
		{"a scale on a non-likert question", valid + "scales: {a: {labels: [x, y]}}\nsurveys:\n  - {key: pre, course: eat, format: qualtrics, path: s.csv, id_column: u, questions: [{id: Q1, type: single, scale: a}]}\n",
			"surveys[0].questions[0].scale: only likert questions take a scale, this one is single"},
		{"options on a numeric question", valid + "surveys:\n  - {key: pre, course: eat, format: qualtrics, path: s.csv, id_column: u, questions: [{id: Q1, type: numeric, options: [a]}]}\n",
			"surveys[0].questions[0].options: only single and multi questions take options, this one is numeric"},
		{"options on a single-choice question are honoured", valid + "surveys:\n  - {key: pre, course: eat, format: qualtrics, path: s.csv, id_column: u, questions: [{id: Q1, type: single, options: [a]}]}\n", ""},
		{"question type typo suggests", valid + "surveys:\n  - {key: pre, course: eat, format: qualtrics, path: s.csv, id_column: u, questions: [{id: Q1, type: likret}]}\n",
			`surveys[0].questions[0].type: want one of single, multi, numeric, likert, text, got "likret" (did you mean "likert"?)`},
		{"id_type typo suggests", valid + "surveys:\n  - {key: pre, course: eat, format: qualtrics, path: s.csv, id_column: u, id_type: userid}\n",
			`study.yaml:17:84: surveys[0].id_type: want one of username, user_id, email, anonymous, got "userid" (did you mean "user_id"?)`},
		{"anonymous ids need the mapping source", valid + "surveys:\n  - {key: pre, course: eat, format: qualtrics, path: s.csv, id_column: u, id_type: anonymous}\n",
			"surveys[0].id_type: anonymous ids need an edx-anonymous-ids source in course eat"},
		{"anonymous ids with the mapping source", valid + "      - {format: edx-anonymous-ids, path: anon.csv}\nsurveys:\n  - {key: pre, course: eat, format: qualtrics, path: s.csv, id_column: u, id_type: anonymous}\n", ""},
		{"a survey must say how it links", valid + "surveys:\n  - {key: pre, course: eat, format: qualtrics, path: s.csv}\n",
			"surveys[0].id_column: missing: want the column that identifies the learner (with id_type), or linked: false for a survey not linked to learners"},
		{"a survey unlinked on purpose", valid + "surveys:\n  - {key: pre, course: eat, format: qualtrics, path: s.csv, linked: false}\n", ""},
		{"unlinked and an id column contradict", valid + "surveys:\n  - {key: pre, course: eat, format: qualtrics, path: s.csv, id_column: u, linked: false}\n",
			"surveys[0].id_column: a survey declared linked: false takes no id_column"},
		{"a missing setting points at its mapping", strings.Replace(valid, "    course_id: course-v1:O+N+R\n", "", 1),
			"study.yaml:6:5: courses[0].course_id: missing"},
		{"unknown key without a near miss lists the keys", valid + "privacy: {threshold: 5}\n",
			`study.yaml:16:11: privacy: unknown key "threshold" (keys here: min_cell, publish_text)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("MOOCREPORT_SALT", "")
			_, err := Parse("study.yaml", []byte(tt.yaml))
			switch {
			case tt.want == "" && err != nil:
				t.Fatal(err)
			case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
				t.Fatalf("error\n%v\nwant one containing\n%s", err, tt.want)
			}
		})
	}
}

// TestAllProblemsAtOnce: decoding problems (an unknown key, a wrong type) and
// checks (a value out of range, a reference to nothing) are reported together, in
// file order, each an InputError with its line, and a wrongly typed setting is not
// reported a second time as out of range.
func TestAllProblemsAtOnce(t *testing.T) {
	t.Setenv("MOOCREPORT_SALT", "")
	y := strings.NewReplacer("salt: x", "salt: x\nsubtitel: S", "weeks: 8", "weeks: eight", "pass_mark: 0.5", "pass_mark: 50", "role: study", "role: studdy").Replace(valid) +
		"scales:\n  a: {labels: [x, y], items: {pre: [Q1, Q2]}, reverse: [Q3]}\nsurveys:\n  - {key: pre, course: eat, format: qualtrics, path: s.csv, id_column: u, questions: [{id: Q1, type: likert, scale: a}, {id: Q2, type: likert, scale: a}]}\n"
	_, err := Parse("study.yaml", []byte(y))
	if err == nil {
		t.Fatal("no error")
	}
	want := []string{
		`study.yaml:5:1: unknown key "subtitel" (did you mean "subtitle"?)`,
		`study.yaml:10:11: courses[0].role: want one of study, baseline, got "studdy" (did you mean "study"?)`,
		`study.yaml:12:12: courses[0].weeks: want a whole number, got "eight"`,
		`study.yaml:13:16: courses[0].pass_mark: want a grade in (0, 1], got 50`,
		`study.yaml:18:57: scales.a.reverse[0]: "Q3" is not one of the scale's items`,
	}
	if got := err.Error(); got != strings.Join(want, "\n") {
		t.Errorf("errors\n%s\nwant\n%s", got, strings.Join(want, "\n"))
	}
	var ie *report.InputError
	if !errors.As(err, &ie) || ie.File != "study.yaml" || ie.Line != 5 || ie.Column != 1 {
		t.Errorf("errors.As found %+v, want the first problem as an InputError at 5:1", ie)
	}
}

func TestSyntaxErrorNamesTheLine(t *testing.T) {
	_, err := Parse("study.yaml", []byte("id: s\ntitle: [unclosed\nversion: 1\n"))
	var ie *report.InputError
	if !errors.As(err, &ie) || ie.Line == 0 || !strings.HasPrefix(err.Error(), "study.yaml:") {
		t.Fatalf("error %v (%+v), want an InputError with a line", err, ie)
	}
}

func TestPrePostNeedsLinkedSurveys(t *testing.T) {
	t.Setenv("MOOCREPORT_SALT", "")
	y := strings.Replace(analysisBase, "    path: post.csv\n    id_column: u\n", "    path: post.csv\n    linked: false\n", 1) +
		"comparisons:\n  - {kind: pre-post, course: eat, pairs: [{pre: Q4_1, post: Q1_1}]}\n"
	_, err := Parse("study.yaml", []byte(y))
	want := `study.yaml:29:5: comparisons[0].post: survey "post" is declared linked: false; matching pre and post answers needs linked responses`
	if err == nil || err.Error() != want {
		t.Errorf("error %v, want %s", err, want)
	}
}

// TestMisspeltKeyIsNotAlsoMissing: a misspelt required key is reported once, as the
// unknown key with its suggestion, not again as the setting it meant being missing.
func TestMisspeltKeyIsNotAlsoMissing(t *testing.T) {
	t.Setenv("MOOCREPORT_SALT", "")
	_, err := Parse("study.yaml", []byte(strings.Replace(valid, "pass_mark: 0.5", "passmark: 0.5", 1)))
	want := `study.yaml:12:5: courses[0]: unknown key "passmark" (did you mean "pass_mark"?)`
	if err == nil || err.Error() != want {
		t.Errorf("error\n%v\nwant\n%s", err, want)
	}
}

// TestFlowMappingKeepsEveryProblem: in a one-line mapping, a value of the wrong type
// does not hide a problem with another setting on the same line.
func TestFlowMappingKeepsEveryProblem(t *testing.T) {
	t.Setenv("MOOCREPORT_SALT", "")
	y := strings.Replace(valid, "    sources:\n      - format: edx-profile\n        path: p.csv\n", "    sources:\n      - {format: edx-profile, path: p.csv, max_bad_lines: lots, session_gap: 5m}\n", 1)
	_, err := Parse("study.yaml", []byte(y))
	want := `study.yaml:14:59: courses[0].sources[0].max_bad_lines: want a number, got "lots"` + "\n" +
		`study.yaml:14:78: courses[0].sources[0].session_gap: want a duration of at least 1s on an edx-tracking source, got 5m0s on edx-profile`
	if err == nil || err.Error() != want {
		t.Errorf("error\n%v\nwant\n%s", err, want)
	}
}
