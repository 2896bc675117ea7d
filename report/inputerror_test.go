package report

import (
	"errors"
	"io/fs"
	"testing"
)

func TestInputErrorFormat(t *testing.T) {
	tests := []struct {
		name string
		e    InputError
		want string
	}{
		{"every part", InputError{File: "study.yaml", Line: 12, Column: 16, Field: "courses[0].pass_mark", Msg: "want a grade in (0, 1], got 50"},
			"study.yaml:12:16: courses[0].pass_mark: want a grade in (0, 1], got 50"},
		{"line without column", InputError{File: "content/intro.md", Line: 3, Msg: `unknown value id "x"`}, `content/intro.md:3: unknown value id "x"`},
		{"column without line is dropped", InputError{File: "a.csv", Column: 4, Msg: "empty"}, "a.csv: empty"},
		{"whole file with a cause", InputError{File: "a.csv", Err: fs.ErrNotExist}, "a.csv: file does not exist"},
		{"message and cause", InputError{File: "a.csv", Line: 2, Field: `column "Grade"`, Msg: "want a number", Err: errors.New("got n/a")},
			`a.csv:2: column "Grade": want a number: got n/a`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.e.Error(); got != tc.want {
				t.Errorf("Error() = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestInputErrorUnwraps(t *testing.T) {
	var err error = &InputError{File: "a.csv", Err: fs.ErrNotExist}
	if !errors.Is(err, fs.ErrNotExist) {
		t.Error("errors.Is does not reach the cause")
	}
	var ie *InputError
	if !errors.As(errors.Join(errors.New("other"), err), &ie) || ie.File != "a.csv" {
		t.Error("errors.As does not find the InputError")
	}
}

func TestDidYouMean(t *testing.T) {
	tests := []struct {
		got   string
		known []string
		want  string
	}{
		{"edx-profil", []string{"edx-profile", "edx-grades"}, ` (did you mean "edx-profile"?)`},
		{"Monday", []string{"start", "monday"}, ` (did you mean "monday"?)`},
		{"titel", []string{"title", "subtitle"}, ` (did you mean "title"?)`},
		{"main", []string{"study", "baseline"}, ""},
		{"x", []string{"UTC"}, ""},
		{"study", []string{"study"}, ""},
	}
	for _, tc := range tests {
		if got := DidYouMean(tc.got, tc.known); got != tc.want {
			t.Errorf("DidYouMean(%q) = %q, want %q", tc.got, got, tc.want)
		}
	}
}
