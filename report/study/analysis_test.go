package study

import (
	"strings"
	"testing"
)

// analysisBase is a valid study with two courses and pre/post surveys.
const analysisBase = `id: s
title: T
version: "1.0"
salt: x
courses:
  - {key: eat, name: EAT, course_id: a, role: study, start: 2026-03-02, weeks: 8, pass_mark: 0.5}
  - {key: sus, name: SUS, course_id: b, role: baseline, start: 2026-01-12, weeks: 8, pass_mark: 0.5}
scales:
  agree5: {labels: [SD, D, N, A, SA]}
surveys:
  - key: pre
    course: eat
    format: qualtrics
    path: pre.csv
    id_column: u
    questions:
      - {id: Q4_1, label: a, type: likert, scale: agree5}
      - {id: Q4_2, label: b, type: likert, scale: agree5}
      - {id: Q1, label: c, type: single}
  - key: post
    course: eat
    format: qualtrics
    path: post.csv
    id_column: u
    questions:
      - {id: Q1_1, label: a, type: likert, scale: agree5}
      - {id: Q1_2, label: b, type: likert, scale: agree5}
`

func TestAnalysisValidation(t *testing.T) {
	tests := []struct {
		name  string
		extra string
		want  []string // substrings of the error; none means valid
	}{
		{name: "no analysis settings is valid", extra: ""},
		{name: "courses comparison with defaults", extra: "comparisons:\n  - kind: courses\n"},
		{name: "pre-post comparison", extra: "comparisons:\n  - {kind: pre-post, course: eat, pairs: [{pre: Q4_1, post: Q1_1}]}\n"},
		{name: "unknown key in a comparison names its line", extra: "comparisons:\n  - {kind: courses, baselin: sus}\n",
			want: []string{`study.yaml:29:21: comparisons[0]: unknown key "baselin" (did you mean "baseline"?)`}},
		{name: "unknown kind", extra: "comparisons:\n  - {kind: cohorts}\n", want: []string{`study.yaml:29:12: comparisons[0].kind: want one of courses, pre-post, got "cohorts"`}},
		{name: "unknown course", extra: "comparisons:\n  - {study: eat, baseline: nope}\n", want: []string{`comparisons[0].baseline: no course with key "nope"`}},
		{name: "a course against itself", extra: "comparisons:\n  - {study: eat, baseline: eat}\n", want: []string{`study and baseline are both "eat"`}},
		{name: "pre-post keys on a courses comparison", extra: "comparisons:\n  - {study: eat, baseline: sus, pairs: [{pre: Q4_1, post: Q1_1}]}\n",
			want: []string{"belong to kind pre-post"}},
		{name: "pair item must be likert", extra: "comparisons:\n  - {kind: pre-post, course: eat, pairs: [{pre: Q1, post: Q1_1}]}\n",
			want: []string{`pairs[0].pre: "Q1" is not a likert question of survey "pre"`}},
		{name: "pre-post needs the instruments", extra: "comparisons:\n  - {kind: pre-post, course: sus, pairs: [{pre: Q4_1, post: Q1_1}]}\n",
			want: []string{`comparisons[0].pre: no survey "pre" for course "sus"`, `comparisons[0].post: no survey "post" for course "sus"`}},
		{name: "pre-post needs pairs", extra: "comparisons:\n  - {kind: pre-post, course: eat}\n", want: []string{"pairs: want at least one"}},
		{name: "bad preset", extra: "activity: {preset: coursera}\n", want: []string{`activity.preset: want one of insights, harvardx, got "coursera"`}},
		{name: "bad excluded kind", extra: "activity: {exclude: [video, clicks]}\n", want: []string{`study.yaml:28:29: activity.exclude[1]: want one of page, video, problem, forum, other, got "clicks"`}},
		{name: "explored out of range", extra: "activity: {explored: 50}\n", want: []string{"activity.explored: want a share of chapters in (0, 1], got 50"}},
		{name: "a written explored of 0 is refused, not replaced", extra: "activity:\n  explored: 0\n", want: []string{"study.yaml:29:13: activity.explored: want a share of chapters in (0, 1], got 0"}},
		{name: "unknown week rule suggests", extra: "activity: {weeks: Monday}\n", want: []string{`study.yaml:28:19: activity.weeks: want one of monday, start, got "Monday" (did you mean "monday"?)`}},
		{name: "misspelt preset suggests", extra: "activity: {preset: harvard}\n", want: []string{`(did you mean "harvardx"?)`}},
		{name: "comparison course typo suggests", extra: "comparisons:\n  - {study: eat, baseline: su}\n", want: []string{`study.yaml:29:28: comparisons[0].baseline: no course with key "su" (say which course to compare) (did you mean "sus"?)`}},
		{name: "scale items must be likert questions", extra: "  conf: {labels: [a, b], items: {pre: [Q4_1, Q1]}}\n",
			want: []string{`study.yaml:9:46: scales.conf.items.pre[1]: "Q1" is not a likert question of survey "pre"`}},
		{name: "scale items per instrument must match in number", extra: "  conf: {labels: [a, b], items: {pre: [Q4_1, Q4_2], post: [Q1_1]}}\n",
			want: []string{"scales.conf.items.post: want at least 2 items", "want the same number of items in every instrument"}},
		{name: "reverse item must be an item", extra: "  conf: {labels: [a, b], items: {pre: [Q4_1, Q4_2]}, reverse: [Q1_1]}\n",
			want: []string{`study.yaml:9:64: scales.conf.reverse[0]: "Q1_1" is not one of the scale's items`}},
		{name: "scale items of an unknown instrument", extra: "  conf: {labels: [a, b], items: {mid: [Q4_1, Q4_2]}}\n",
			want: []string{`study.yaml:9:39: scales.conf.items.mid: no survey with key "mid"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("MOOCREPORT_SALT", "")
			y := analysisBase + tt.extra
			if strings.HasPrefix(tt.extra, "  ") { // a scale: goes under scales:
				y = strings.Replace(analysisBase, "scales:\n", "scales:\n"+tt.extra, 1)
			}
			_, err := Parse("study.yaml", []byte(y))
			if len(tt.want) == 0 {
				if err != nil {
					t.Fatalf("unexpected error: %v", err)
				}
				return
			}
			if err == nil {
				t.Fatal("no error")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error\n%v\ndoes not contain\n%s", err, w)
				}
			}
		})
	}
}

func TestAnalysisDefaults(t *testing.T) {
	t.Setenv("MOOCREPORT_SALT", "")
	s, err := Parse("study.yaml", []byte(analysisBase+"comparisons:\n  - {}\n  - {kind: pre-post, course: eat, pairs: [{pre: Q4_1, post: Q1_1}]}\n"))
	if err != nil {
		t.Fatal(err)
	}
	if a := s.Activity; a.Preset != "insights" || a.Explored != 0.5 {
		t.Errorf("activity defaults = %+v, want preset insights, explored 0.5", a)
	}
	if c := s.Comparisons[0]; c.Kind != "courses" || c.Study != "eat" || c.Baseline != "sus" {
		t.Errorf("courses defaults = %+v, want eat vs sus", c)
	}
	if c := s.Comparisons[1]; c.Pre != "pre" || c.Post != "post" || c.Pairs[0].ID() != "q4-1-q1-1" {
		t.Errorf("pre-post defaults = %+v (pair id %q)", c, c.Pairs[0].ID())
	}
}

func TestExcludedKinds(t *testing.T) {
	for _, tt := range []struct {
		a    Activity
		want string
	}{
		{Activity{Preset: "insights"}, "enrollment"},
		{Activity{Preset: "harvardx"}, "enrollment forum other"},
		{Activity{Preset: "insights", Exclude: []string{"video"}}, "enrollment video"},
	} {
		if got := strings.Join(tt.a.ExcludedKinds(), " "); got != tt.want {
			t.Errorf("%+v: excluded %q, want %q", tt.a, got, tt.want)
		}
	}
}
