package study

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/moocreport/moocreport/internal/fixture"
)

const valid = `id: s
title: T
version: "1.0"
salt: x
courses:
  - key: eat
    name: EAT
    course_id: course-v1:O+N+R
    role: study
    start: 2026-03-02
    weeks: 8
    pass_mark: 0.5
    sources:
      - format: edx-profile
        path: p.csv
`

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name string
		yaml string
		want []string // substrings, each on its own error line
	}{
		{name: "unknown key is an error with its line", yaml: strings.Replace(valid, "salt: x", "salt: x\ntitel: typo", 1),
			want: []string{`study.yaml:5:1: unknown key "titel" (did you mean "title"?)`}},
		{name: "wrong type is an error with its line", yaml: strings.Replace(valid, "weeks: 8", "weeks: eight", 1),
			want: []string{`study.yaml:11:12: courses[0].weeks: want a whole number, got "eight"`}},
		{name: "a value where a list belongs names the line", yaml: strings.Replace(valid, "    sources:\n      - format: edx-profile\n        path: p.csv\n", "    sources: p.csv\n", 1),
			want: []string{`study.yaml:13:14: courses[0].sources: want a list of sources, got "p.csv"`}},
		{name: "bad date names the line", yaml: strings.Replace(valid, "2026-03-02", "03/02/2026", 1),
			want: []string{`study.yaml:10:12: courses[0].start: want a date YYYY-MM-DD, got "03/02/2026"`}},
		{name: "unknown format names the source line", yaml: strings.Replace(valid, "edx-profile", "edx-profil", 1),
			want: []string{`study.yaml:14:17: courses[0].sources[0].format: want one of edx-profile, edx-grades, edx-problem-grades, edx-tracking, edx-activity, edx-rdp-userprofile, edx-rdp-enrollment, edx-rdp-certificates, edx-rdp-studentmodule, edx-course-blocks, oulad, edx-anonymous-ids, got "edx-profil" (did you mean "edx-profile"?)`}},
		{name: "two kinds of profile are refused", yaml: valid + "      - {format: edx-rdp-userprofile, path: auth_userprofile.sql}\n",
			want: []string{"study.yaml:16:9: courses[0].sources[1]: edx-profile and edx-rdp-userprofile both list the learners: use one"}},
		{name: "tracking logs and studentmodule are refused together", yaml: valid + "      - {format: edx-tracking, path: 'logs/*'}\n      - {format: edx-rdp-studentmodule, path: sm.sql}\n",
			want: []string{"study.yaml:17:9: courses[0].sources[2]: edx-tracking and edx-rdp-studentmodule both give chapters reached and problem submissions: use one"}},
		{name: "one course structure per course", yaml: valid + "      - {format: edx-course-blocks, path: a.json}\n      - {format: edx-course-blocks, path: b.json}\n",
			want: []string{"study.yaml:16:9: courses[0].sources[1]: want at most one edx-course-blocks source, got 2"}},
		{name: "every validation problem is reported at once", yaml: strings.Replace(strings.Replace(valid, "role: study", "role: main", 1), "pass_mark: 0.5", "pass_mark: 50", 1),
			want: []string{`study.yaml:9:11: courses[0].role: want one of study, baseline, got "main"`, "study.yaml:12:16: courses[0].pass_mark: want a grade in (0, 1], got 50"}},
		{name: "latest is not a version", yaml: strings.Replace(valid, `"1.0"`, "latest", 1),
			want: []string{`study.yaml:3:10: version: "latest" is kept for the published site's own use`}},
		{name: "tracking settings only on tracking sources", yaml: strings.Replace(valid, "path: p.csv", "path: p.csv\n        session_gap: 10m\n        learner_id: email", 1),
			want: []string{"courses[0].sources[0].session_gap: want a duration of at least 1s on an edx-tracking source, got 10m0s on edx-profile",
				`courses[0].sources[0].learner_id: want "user_id" or "username", got "email"`}},
		{name: "max_bad_lines is a share", yaml: strings.Replace(strings.Replace(valid, "edx-profile", "edx-tracking", 1), "path: p.csv", "path: p.csv\n        max_bad_lines: 5", 1),
			want: []string{"courses[0].sources[0].max_bad_lines: want a share in [0, 1) on an edx-tracking source, got 5 on edx-tracking"}},
		{name: "survey format and delimiter", yaml: valid + "surveys:\n  - {key: pre, course: eat, format: typeform, path: s.csv, id_column: u, delimiter: '|', finished_column: done}\n",
			want: []string{`surveys[0].format: want one of qualtrics, limesurvey, csv, got "typeform"`, `surveys[0].delimiter: want`, `surveys[0].finished_column: only format csv takes it`}},
		{name: "survey must name a known course", yaml: valid + "surveys:\n  - {key: pre, course: nope, format: qualtrics, path: s.csv, id_column: u}\n",
			want: []string{`study.yaml:17:24: surveys[0].course: no course with key "nope"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("MOOCREPORT_SALT", "")
			_, err := Parse("study.yaml", []byte(tt.yaml))
			if err == nil {
				t.Fatal("no error")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error\n%v\ndoes not contain\n%s", err, w)
				}
			}
			if n := strings.Count(err.Error(), "\n") + 1; n != len(tt.want) {
				t.Errorf("got %d error lines, want %d:\n%v", n, len(tt.want), err)
			}
		})
	}
}

func TestParseDefaultsAndSaltOverride(t *testing.T) {
	t.Setenv("MOOCREPORT_SALT", "from-env")
	s, err := Parse(filepath.Join("dir", "study.yaml"), []byte(valid))
	if err != nil {
		t.Fatal(err)
	}
	if s.Salt != "from-env" {
		t.Errorf("salt = %q, want the MOOCREPORT_SALT value", s.Salt)
	}
	if s.Privacy.MinCell != 5 {
		t.Errorf("min_cell default = %d, want 5", s.Privacy.MinCell)
	}
	if s.Dir != "dir" || len(s.Outline) != len(DefaultOutline) {
		t.Errorf("dir %q, outline %v", s.Dir, s.Outline)
	}
	if s.Courses[0].Sources[0].Line != 14 {
		t.Errorf("source line = %d, want 14", s.Courses[0].Sources[0].Line)
	}
}

// TestExampleStudy proves the committed example study.yaml is valid.
func TestExampleStudy(t *testing.T) {
	root := fixture.RepoRoot(t)
	if _, err := os.Stat(filepath.Join(root, "study.yaml")); err != nil {
		t.Fatal(err)
	}
	s, err := Load(filepath.Join(root, "study.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Courses) != 2 || len(s.Surveys) != 4 {
		t.Errorf("example study has %d courses and %d surveys, want 2 and 4", len(s.Courses), len(s.Surveys))
	}
}

func TestSourceSettings(t *testing.T) {
	t.Setenv("MOOCREPORT_SALT", "")
	y := strings.Replace(strings.Replace(valid, "edx-profile", "edx-tracking", 1), "path: p.csv",
		"path: p.csv\n        session_gap: 45m\n        learner_id: username\n        max_bad_lines: 0.01", 1)
	s, err := Parse("study.yaml", []byte(y))
	if err != nil {
		t.Fatal(err)
	}
	src := s.Courses[0].Sources[0]
	if src.SessionGap != 45*60*1e9 || src.LearnerID != "username" || src.MaxBadLines == nil || *src.MaxBadLines != 0.01 {
		t.Errorf("got %+v", src)
	}
}

func TestActivityWeeksAndTimeZone(t *testing.T) {
	wed := time.Date(2026, 3, 4, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name string
		yaml string
		want time.Time
		err  string
	}{
		{"insights counts Monday weeks in UTC", "", time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC), ""},
		{"harvardx counts from the start date", "activity: {preset: harvardx}\n", wed, ""},
		{"a time zone moves midnight", "activity: {weeks: start, time_zone: Europe/Stockholm}\n", time.Date(2026, 3, 3, 23, 0, 0, 0, time.UTC), ""},
		{"unknown week rule", "activity: {weeks: sunday}\n", time.Time{}, `activity.weeks: want one of monday, start, got "sunday"`},
		{"unknown time zone", "activity: {time_zone: Mars/Olympus}\n", time.Time{}, `activity.time_zone: want an IANA time zone`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := Parse("study.yaml", []byte(valid+tt.yaml))
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("err = %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := s.Activity.WeekStart(wed); !got.Equal(tt.want) {
				t.Errorf("week 1 starts %v, want %v", got.UTC(), tt.want)
			}
		})
	}
}

// TestProblemGradesSource: a problem grade report may sit beside either
// other source of problems (ingest prefers theirs), and takes no tracking
// settings.
func TestProblemGradesSource(t *testing.T) {
	t.Setenv("MOOCREPORT_SALT", "")
	tests := []struct {
		name, extra, err string
	}{
		{"beside tracking logs", "      - {format: edx-problem-grades, path: pg.csv}\n      - {format: edx-tracking, path: 'logs/*'}\n", ""},
		{"beside the studentmodule table", "      - {format: edx-problem-grades, path: pg.csv}\n      - {format: edx-rdp-studentmodule, path: sm.sql}\n", ""},
		{"two reports (downloads on two dates)", "      - {format: edx-problem-grades, path: a.csv}\n      - {format: edx-problem-grades, path: b.csv}\n", ""},
		{"no tracking settings", "      - {format: edx-problem-grades, path: pg.csv, session_gap: 10m}\n",
			"courses[0].sources[1].session_gap: want a duration of at least 1s on an edx-tracking source, got 10m0s on edx-problem-grades"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("study.yaml", []byte(valid+tt.extra))
			switch {
			case tt.err == "" && err != nil:
				t.Fatal(err)
			case tt.err != "" && (err == nil || !strings.Contains(err.Error(), tt.err)):
				t.Fatalf("error %v, want one containing %q", err, tt.err)
			}
		})
	}
}

// FuzzParse feeds study.yaml variants to the strict parser: it may refuse
// them, with an error naming the file, but never panic.
func FuzzParse(f *testing.F) {
	example, err := os.ReadFile(filepath.Join(fixture.RepoRoot(f), "study.yaml"))
	if err != nil {
		f.Fatal(err)
	}
	for _, seed := range []string{valid, string(example), valid + "activity: {weeks: monday, time_zone: Europe/Oslo}\n", "courses: [1, 2]", "id: [", ""} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, y string) {
		s, err := Parse("study.yaml", []byte(y))
		if err != nil {
			if !strings.HasPrefix(err.Error(), "study.yaml") {
				t.Errorf("error does not name the file: %v", err)
			}
			return
		}
		if s.Version == "" || len(s.Courses) == 0 {
			t.Errorf("accepted a study without version or courses: %q", y)
		}
	})
}
