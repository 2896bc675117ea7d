package ingest

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/moocreport/moocreport/report"
	"github.com/moocreport/moocreport/report/study"
)

const tinySalt = "tiny-salt"

// tinyCourse is the course of testdata/tiny/study.yaml, with its profile
// read so that usernames link.
func tinyCourse(t testing.TB) *Course {
	t.Helper()
	c := &Course{Key: "tiny", ID: "course-v1:TinyX+T101+2026", Start: time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC), Salt: tinySalt}
	f := open(t, "tiny/TinyX_T101_2026_student_profile_info.csv")
	if _, err := ReadProfile(f, "profile.csv", c); err != nil {
		t.Fatal(err)
	}
	return c
}

// open opens a file under testdata, closed when the test ends.
func open(t testing.TB, name string) *os.File {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", filepath.FromSlash(name)))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

func readFixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", filepath.FromSlash(name)))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// checkErr fails unless err's text is exactly want and err is a *ParseError
// (possibly joined with others).
func checkErr(t *testing.T, err error, want string) {
	t.Helper()
	if err == nil {
		t.Fatalf("got no error, want %q", want)
	}
	if err.Error() != want {
		t.Errorf("error:\n got %q\nwant %q", err.Error(), want)
	}
	var pe *ParseError
	if !errors.As(err, &pe) {
		t.Errorf("error %T is not a *ParseError", err)
	}
}

func pid(userID string) string { return Pseudonym(tinySalt, userID) }

func TestPseudonym(t *testing.T) {
	tests := []struct {
		name, salt, id, want string
	}{
		// python3 -c 'import hmac,hashlib;print("L"+hmac.new(b"tiny-salt",b"101",hashlib.sha256).hexdigest()[:12])'
		{"reference value", "tiny-salt", "101", "L293f8e6779c8"},
		{"empty salt still keyed", "", "101", "Lcfacd3563641"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Pseudonym(tt.salt, tt.id); got != tt.want {
				t.Errorf("Pseudonym(%q, %q) = %q, want %q", tt.salt, tt.id, got, tt.want)
			}
		})
	}
	if Pseudonym("a", "101") == Pseudonym("b", "101") {
		t.Error("pseudonyms do not depend on the salt")
	}
}

func loadTiny(t *testing.T) *report.Dataset {
	t.Helper()
	s, err := study.Load("testdata/tiny/study.yaml")
	if err != nil {
		t.Fatal(err)
	}
	ds, err := Load(s)
	if err != nil {
		t.Fatal(err)
	}
	return ds
}

func TestLoad(t *testing.T) {
	ds := loadTiny(t)
	wantInputs := []string{
		"T101_pre-course_survey.csv",
		"TinyX_T101_2026_grade_report.csv",
		"TinyX_T101_2026_student_profile_info.csv",
		"logs/tracking.log-20260302",
		"logs/tracking.log-20260309.gz",
	}
	if !reflect.DeepEqual(ds.Inputs, wantInputs) {
		t.Errorf("Inputs = %q, want %q", ds.Inputs, wantInputs)
	}
	if len(ds.Learners) != 4 || len(ds.Grades) != 3 || len(ds.Activity) != 9 || len(ds.Responses) != 5 {
		t.Errorf("got %d learners, %d grades, %d learner weeks, %d responses; want 4, 3, 9, 5",
			len(ds.Learners), len(ds.Grades), len(ds.Activity), len(ds.Responses))
	}
	for i := 1; i < len(ds.Learners); i++ {
		if ds.Learners[i-1].ID >= ds.Learners[i].ID {
			t.Errorf("Learners not sorted by id at %d", i)
		}
	}
	for _, sk := range ds.Skips {
		if !strings.HasPrefix(sk.File, "logs/") {
			t.Errorf("skip file %q not relative to the study directory", sk.File)
		}
	}
	// Loading twice gives the same dataset: nothing depends on map order
	// or scheduling.
	if again := loadTiny(t); !reflect.DeepEqual(ds, again) {
		t.Error("two loads of the same study differ")
	}
}

// TestNoPersonalData proves the pseudonymisation boundary: no username,
// e-mail address, name, IP address, free-text answer or raw user id of the
// fixtures survives into the Dataset.
func TestNoPersonalData(t *testing.T) {
	ds := loadTiny(t)
	// Problem ids are course content ids ("block-v1:…+type@problem+block@…"),
	// not personal data; they would trip the "@" of e-mail addresses.
	ds.Problems = nil
	dump := fmt.Sprintf("%#v", ds)
	for _, secret := range []string{
		"ana_s", "bjorn_k", "chen_li", "dmitri_iv", "nobody_here",
		"example.org", "example.fi", "example.cn", "example.ru", "@",
		"Ana", "Søren", "Björn", "Kärkkäinen", "陈丽", "Дмитрий",
		"198.51.100", "203.0.113", "Nørrebrogade", "København", "Copenhagen",
		"+45", "Call me", "Second try", "curious", "EVs", "Career change",
		"R_1a2B3c4D5e6F7g8", "55.6761",
		`"101"`, `"102"`, `"103"`, `"104"`,
	} {
		if strings.Contains(dump, secret) {
			t.Errorf("dataset contains %q", secret)
		}
	}
}

func TestLoadErrors(t *testing.T) {
	yaml := readFixture(t, "tiny/study.yaml")
	tests := []struct {
		name     string
		from, to string // replace in study.yaml
		want     string
	}{
		{"glob matching nothing names the study.yaml line", `"logs/tracking.log-*"`, `"logs/nothing-*.gz"`,
			`study.yaml:20: course tiny edx-tracking source: path "logs/nothing-*.gz": matches no file`},
		{"missing survey names its line", "T101_pre-course_survey.csv", "gone.csv",
			`study.yaml:26: survey pre of course tiny: path "gone.csv": matches no file`},
		{"reader errors carry the file relative to the study", "TinyX_T101_2026_grade_report.csv", "../bad/grades_na.csv",
			`../bad/grades_na.csv:3: column "Grade": want a number 0–1, got "n/a"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.CopyFS(filepath.Join(dir, "tiny"), os.DirFS("testdata/tiny")); err != nil {
				t.Fatal(err)
			}
			if err := os.CopyFS(filepath.Join(dir, "bad"), os.DirFS("testdata/bad")); err != nil {
				t.Fatal(err)
			}
			b := bytes.Replace(yaml, []byte(tt.from), []byte(tt.to), 1)
			s, err := study.Parse("study.yaml", b)
			if err != nil {
				t.Fatal(err)
			}
			s.Dir = filepath.Join(dir, "tiny")
			_, err = Load(s)
			checkErr(t, err, tt.want)
		})
	}
}
