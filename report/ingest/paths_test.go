package ingest

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/moocreport/moocreport/report/study"
)

// TestSourcePaths checks what is done with absolute source paths and with
// paths leaving the study folder: both are read, and the inputs are named
// relative to the study folder.
func TestSourcePaths(t *testing.T) {
	dir := t.TempDir()
	if err := os.CopyFS(filepath.Join(dir, "tiny"), os.DirFS("testdata/tiny")); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(dir, "outside"), 0o755); err != nil {
		t.Fatal(err)
	}
	grades := readFixture(t, "tiny/TinyX_T101_2026_grade_report.csv")
	if err := os.WriteFile(filepath.Join(dir, "outside", "g.csv"), grades, 0o644); err != nil {
		t.Fatal(err)
	}
	profile := "TinyX_T101_2026_student_profile_info.csv"
	gradePath := "TinyX_T101_2026_grade_report.csv"
	abs := func(parts ...string) string {
		return filepath.ToSlash(filepath.Join(append([]string{dir}, parts...)...))
	}
	tests := []struct {
		name, from, to string
		input          string // expected among the inputs
		err            string
	}{
		{name: "absolute path inside the study folder", from: profile, to: abs("tiny", profile), input: profile},
		{name: "absolute glob outside the study folder", from: gradePath, to: abs("outside", "*.csv"), input: "../outside/g.csv"},
		{name: "../ leaves the study folder", from: gradePath, to: "../outside/g.csv", input: "../outside/g.csv"},
		{name: "absolute path matching nothing is named as written", from: profile, to: abs("tiny", "gone.csv"),
			err: `study.yaml:16: course tiny edx-profile source: path "` + abs("tiny", "gone.csv") + `": matches no file`},
	}
	yaml := readFixture(t, "tiny/study.yaml")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := study.Parse("study.yaml", bytes.Replace(yaml, []byte(tt.from), []byte(tt.to), 1))
			if err != nil {
				t.Fatal(err)
			}
			s.Dir = filepath.Join(dir, "tiny")
			ds, err := Load(s)
			if tt.err != "" {
				// The first error; others follow from the missing file
				// (the survey then links to no learner).
				if err == nil || strings.Split(err.Error(), "\n")[0] != tt.err {
					t.Errorf("error %v, want first %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Contains(ds.Inputs, tt.input) {
				t.Errorf("inputs %q do not name %q", ds.Inputs, tt.input)
			}
			if len(ds.Learners) != 4 || len(ds.Grades) == 0 {
				t.Errorf("%d learners and %d grades, want the tiny study's 4 and its grades", len(ds.Learners), len(ds.Grades))
			}
		})
	}
}
