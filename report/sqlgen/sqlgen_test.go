package sqlgen

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/moocreport/moocreport/report/study"
)

var update = flag.Bool("update", false, "rewrite the golden SQL files in testdata/")

// goldenOptions are the example course eat's settings, with the Cloud
// Storage locations a BigQuery run would use.
func goldenOptions(engine string) Options {
	o := Options{Engine: engine, CourseKey: "eat", CourseID: "course-v1:NordhavnX+EAT101x+1T2026",
		WeekStart: time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC), Weeks: "monday", Preset: "insights",
		Input:    "data/eat/logs/tracking.log-*.gz",
		Profiles: []string{"data/eat/NordhavnX_EAT101x_1T2026_student_profile_info_2026-05-11.csv"},
		Out:      "activity/eat"}
	if engine == "bigquery" {
		o.Input = "gs://nordhavn-edx-logs/eat/tracking.log-*.gz"
		o.Profiles = []string{"gs://nordhavn-edx-exports/eat/NordhavnX_EAT101x_1T2026_student_profile_info_2026-05-11.csv"}
		o.Out = "gs://nordhavn-moocreport/activity/eat"
	}
	return o
}

// TestGolden pins each engine's text (testdata/<engine>.sql, rewritten
// with -update): a change to the query or a dialect shows as a diff to
// review. DuckDB's is also executed (duckdb_test.go); the others are not.
func TestGolden(t *testing.T) {
	for _, engine := range Engines {
		t.Run(engine, func(t *testing.T) {
			var b strings.Builder
			if err := Write(&b, goldenOptions(engine)); err != nil {
				t.Fatal(err)
			}
			file := filepath.Join("testdata", engine+".sql")
			if *update {
				if err := os.WriteFile(file, []byte(b.String()), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			if b.String() != string(want) {
				t.Errorf("%s differs from the generated text (go test ./report/sqlgen -run TestGolden -update, then review the diff)", file)
			}
		})
	}
}

// TestWriteSettings checks that the settings reach the SQL as readable
// parameters, and that each engine writes every result table.
func TestWriteSettings(t *testing.T) {
	o := goldenOptions("duckdb")
	o.SessionGap, o.ByUsername, o.Format = 10*time.Minute, true, "csv"
	var b strings.Builder
	if err := Write(&b, o); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"CAST('course-v1:NordhavnX+EAT101x+1T2026' AS VARCHAR) AS course_id",
		"CAST(1772409600000 AS BIGINT) AS week_start_ms", "CAST(600000 AS BIGINT) AS session_gap_ms",
		"CAST('username' AS VARCHAR) AS learner_id", "2026-03-02T00:00:00Z",
		"TO 'activity/eat/weeks.csv' (FORMAT csv, HEADER true)",
	} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("the SQL lacks %q", want)
		}
	}
	for _, engine := range Engines {
		var b strings.Builder
		if err := Write(&b, goldenOptions(engine)); err != nil {
			t.Fatal(err)
		}
		for _, name := range Tables {
			if !strings.Contains(b.String(), "FROM activity_"+name+" ORDER BY") {
				t.Errorf("%s: table %s is not written out", engine, name)
			}
		}
	}
}

func TestWriteErrors(t *testing.T) {
	for _, c := range []struct {
		name string
		edit func(*Options)
		want string
	}{
		{"unknown engine", func(o *Options) { o.Engine = "oracle" }, `engine: want one of duckdb, spark, bigquery, clickhouse, got "oracle"`},
		{"unknown format", func(o *Options) { o.Format = "json" }, `format: want parquet or csv, got "json"`},
		{"no input", func(o *Options) { o.Input = "" }, "course eat: no tracking-log input"},
		{"no output", func(o *Options) { o.Out = "" }, "course eat: no output folder"},
	} {
		t.Run(c.name, func(t *testing.T) {
			o := goldenOptions("duckdb")
			c.edit(&o)
			err := Write(&strings.Builder{}, o)
			if err == nil || err.Error() != c.want {
				t.Errorf("got %v, want %s", err, c.want)
			}
		})
	}
}

// TestForStudy reads the example study.yaml: one script per course with
// its settings, and -input only where one source is selected.
func TestForStudy(t *testing.T) {
	s, err := study.Load(filepath.Join("..", "..", "study.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	opts, err := ForStudy(s, "spark", "", "", "", "out", "csv")
	if err != nil {
		t.Fatal(err)
	}
	if len(opts) != 2 || opts[0].CourseKey != "eat" || opts[1].Out != "out/sus" || len(opts[0].Profiles) != 1 || opts[1].Format != "csv" {
		t.Errorf("got %+v", opts)
	}
	if !opts[1].WeekStart.Equal(s.Activity.WeekStart(s.Courses[1].Start.Time)) {
		t.Errorf("week start %s", opts[1].WeekStart)
	}
	if _, err := ForStudy(s, "spark", "", "logs/*.gz", "", "out", ""); err == nil || !strings.Contains(err.Error(), "name a course with -course") {
		t.Errorf("-input for two courses: got %v", err)
	}
	if _, err := ForStudy(s, "spark", "nope", "", "", "out", ""); err == nil || !strings.Contains(err.Error(), `no course "nope"`) {
		t.Errorf("unknown course: got %v", err)
	}
	opts, err = ForStudy(s, "duckdb", "sus", "table:lines", "table:profile", "out", "")
	if err != nil || len(opts) != 1 || opts[0].Input != "table:lines" || opts[0].Profiles[0] != "table:profile" {
		t.Errorf("-input for one course: %+v, %v", opts, err)
	}
}
