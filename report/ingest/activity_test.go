package ingest

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

// The tables under testdata/activity were written by DuckDB from
// ../sqlgen/testdata/edge.log with the SQL of `moocreport sql -engine
// duckdb` (default settings, that folder's edge-profile.csv), as Parquet
// and as CSV.

var edgeLogs = filepath.Join("..", "sqlgen", "testdata")

func edgeCourse(t *testing.T) *Course {
	t.Helper()
	c := &Course{Key: "edge", ID: "course-v1:EdgeX+E1+2026", Start: time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC), Salt: "s"}
	f, err := os.Open(filepath.Join(edgeLogs, "edge-profile.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := ReadProfile(f, "edge-profile.csv", c); err != nil {
		t.Fatal(err)
	}
	return c
}

// TestReadActivity reads DuckDB's Parquet and CSV tables and gets exactly
// what ReadTrackingFiles reads from the log they were computed from.
func TestReadActivity(t *testing.T) {
	tolerant := 0.5
	opt := TrackingOptions{MaxBadLines: &tolerant, PageCourse: true}
	want, err := ReadTrackingFiles(edgeLogs, []string{"edge.log"}, edgeCourse(t), opt)
	if err != nil {
		t.Fatal(err)
	}
	// The tables count another course's lines per file, not per course id.
	for f, byID := range want.OtherCourses {
		n := 0
		for _, k := range byID {
			n += k
		}
		want.OtherCourses[f] = map[string]int{otherCourse: n}
	}
	// The SQL generator's problems table has no display names or
	// first-seen times (README, SQL generator): the log reader's are
	// left out of the comparison.
	for i := range want.Problems {
		want.Problems[i].Name, want.Problems[i].FirstSeen = "", time.Time{}
	}
	for _, dir := range []string{"activity/edge-parquet", "activity/edge-csv"} {
		t.Run(dir, func(t *testing.T) {
			got, inputs, err := ReadActivity("testdata", dir, edgeCourse(t), opt)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("got\n%+v\nwant\n%+v", got, want)
			}
			if len(inputs) != 6 || !strings.HasPrefix(inputs[0], dir+"/course.") {
				t.Errorf("inputs %v", inputs)
			}
		})
	}
}

// copyTables copies the CSV tables into a temporary study folder, as
// activity/edge, for a test to break.
func copyTables(t *testing.T) string {
	t.Helper()
	base := t.TempDir()
	dir := filepath.Join(base, "activity", "edge")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join("testdata", "activity", "edge-csv", "*.csv"))
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, filepath.Base(f)), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return base
}

func TestReadActivityErrors(t *testing.T) {
	tolerant := 0.5
	edit := func(file, old, new string) func(*testing.T, string) {
		return func(t *testing.T, base string) {
			p := filepath.Join(base, "activity", "edge", file)
			b, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(b), old) {
				t.Fatalf("%s lacks %q", file, old)
			}
			if err := os.WriteFile(p, []byte(strings.Replace(string(b), old, new, 1)), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	for _, c := range []struct {
		name  string
		spoil func(*testing.T, string)
		opt   TrackingOptions
		week  time.Time
		want  string
		is    error
	}{
		{name: "another course", spoil: edit("course.csv", "EdgeX+E1", "EdgeX+E2"), opt: TrackingOptions{MaxBadLines: &tolerant, PageCourse: true},
			want: `activity/edge/course.csv:2: computed for course "course-v1:EdgeX+E2+2026", want "course-v1:EdgeX+E1+2026": run moocreport sql for this course`},
		{name: "another session gap", opt: TrackingOptions{SessionGap: 10 * time.Minute, MaxBadLines: &tolerant},
			want: "activity/edge/course.csv:2: computed with session gap 30m0s, want 10m0s (session_gap): run moocreport sql again"},
		{name: "another learner id", opt: TrackingOptions{ByUsername: true, MaxBadLines: &tolerant},
			want: `activity/edge/course.csv:2: computed with learner_id "user_id", want "username": run moocreport sql again`},
		{name: "another week start", opt: TrackingOptions{MaxBadLines: &tolerant, PageCourse: true}, week: time.Date(2026, 2, 23, 0, 0, 0, 0, time.UTC),
			want: "activity/edge/course.csv:2: computed with week 1 starting 2026-03-02T00:00:00Z, want 2026-02-23T00:00:00Z (course start and activity weeks, time_zone): run moocreport sql again"},
		{name: "another preset", opt: TrackingOptions{MaxBadLines: &tolerant},
			want: "activity/edge/course.csv:2: computed with page_rule 1, want 0 (activity.preset): run moocreport sql again"},
		{name: "too many malformed lines", opt: TrackingOptions{PageCourse: true}, want: "edge.log: too many malformed lines: 10 of 74 lines are not JSON events, at most 0 (0.1 %) tolerated", is: ErrTooManyMalformed},
		{name: "not a number", spoil: edit("weeks.csv", "\n1,1,", "\n1,one,"), opt: TrackingOptions{MaxBadLines: &tolerant, PageCourse: true},
			want: `activity/edge/weeks.csv:2: column "week": want a whole number, got "one"`},
		{name: "a missing column", spoil: edit("reach.csv", "chapters", "chapter"), opt: TrackingOptions{MaxBadLines: &tolerant, PageCourse: true},
			want: `activity/edge/reach.csv:1: column "chapters": missing from the header`, is: ErrMissingColumn},
		{name: "a missing table", spoil: func(t *testing.T, base string) { os.Remove(filepath.Join(base, "activity", "edge", "problems.csv")) },
			opt: TrackingOptions{MaxBadLines: &tolerant, PageCourse: true}, want: `activity/edge: want the table "problems" as problems.parquet, problems.csv or a folder problems/ of part files, found none`},
		{name: "two copies of a table", spoil: func(t *testing.T, base string) {
			os.WriteFile(filepath.Join(base, "activity", "edge", "reach.parquet"), []byte("PAR1"), 0o644)
		}, opt: TrackingOptions{MaxBadLines: &tolerant, PageCourse: true}, want: `table "reach": want one format in one place, found activity/edge/reach.csv, activity/edge/reach.parquet`},
	} {
		t.Run(c.name, func(t *testing.T) {
			base := copyTables(t)
			if c.spoil != nil {
				c.spoil(t, base)
			}
			course := edgeCourse(t)
			course.WeekStart = c.week
			_, _, err := ReadActivity(base, "activity/edge", course, c.opt)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("got %v\nwant %s", err, c.want)
			}
			if c.is != nil && !errors.Is(err, c.is) {
				t.Errorf("%v is not %v", err, c.is)
			}
		})
	}
}

// TestReadActivityParts reads a table written as Spark does: a folder of
// part files with a header each, a _SUCCESS marker and checksum files;
// an empty table is a folder without part files.
func TestReadActivityParts(t *testing.T) {
	tolerant := 0.5
	opt := TrackingOptions{MaxBadLines: &tolerant, PageCourse: true}
	want, _, err := ReadActivity("testdata", "activity/edge-csv", edgeCourse(t), opt)
	if err != nil {
		t.Fatal(err)
	}
	base := copyTables(t)
	dir := filepath.Join(base, "activity", "edge")
	b, _ := os.ReadFile(filepath.Join(dir, "weeks.csv"))
	lines := strings.SplitAfter(strings.TrimSuffix(string(b), "\n"), "\n")
	header, rows := lines[0], lines[1:]
	os.Remove(filepath.Join(dir, "weeks.csv"))
	os.Mkdir(filepath.Join(dir, "weeks"), 0o755)
	half := len(rows) / 2
	files := map[string]string{"_SUCCESS": "", ".part-00000.csv.crc": "x",
		"part-00000-9c1d.csv": header + strings.Join(rows[:half], ""), "part-00001-9c1d.csv": header + strings.Join(rows[half:], "") + "\n"}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, "weeks", name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, inputs, err := ReadActivity(base, "activity/edge", edgeCourse(t), opt)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got.Weeks, want.Weeks) || len(got.Weeks) == 0 {
		t.Errorf("weeks from part files differ:\n%+v\n%+v", got.Weeks, want.Weeks)
	}
	if !strings.Contains(strings.Join(inputs, " "), "activity/edge/weeks/part-00001-9c1d.csv") {
		t.Errorf("inputs %v", inputs)
	}
	os.Remove(filepath.Join(dir, "problems.csv"))
	os.Mkdir(filepath.Join(dir, "problems"), 0o755)
	os.WriteFile(filepath.Join(dir, "problems", "_SUCCESS"), nil, 0o644)
	got, _, err = ReadActivity(base, "activity/edge", edgeCourse(t), opt)
	if err != nil || len(got.Problems) != 0 {
		t.Errorf("an empty Spark table: %v, %+v", err, got.Problems)
	}
}
