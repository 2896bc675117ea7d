//go:build duckdb

// The DuckDB tests run the generated SQL with DuckDB itself, through
// node and the @duckdb/node-api package that tests/duckdb pins. They need
// `make duckdb-test` (which installs it, and which `make test` runs), and
// fail, never skip, when DuckDB cannot run.

package sqlgen_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/moocreport/moocreport/report"
	"github.com/moocreport/moocreport/report/build"
	"github.com/moocreport/moocreport/report/ingest"
	"github.com/moocreport/moocreport/report/sqlgen"
	"github.com/moocreport/moocreport/report/study"
)

// repoRoot is the repository, two folders up from this package.
func repoRoot(t *testing.T) string {
	t.Helper()
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	return root
}

// sql is the script of o.
func sql(t *testing.T, o sqlgen.Options) string {
	t.Helper()
	var b strings.Builder
	if err := sqlgen.Write(&b, o); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// runDuckDB runs an SQL script in folder dir.
func runDuckDB(t *testing.T, dir, name, text string) {
	t.Helper()
	script := filepath.Join(t.TempDir(), name+".sql")
	if err := os.WriteFile(script, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("node", filepath.Join(repoRoot(t), "tests", "duckdb", "run.mjs"), script)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("DuckDB could not run the SQL (make duckdb-test installs it): %v\n%s", err, out)
	}
	t.Logf("%s", bytes.TrimSpace(out))
}

// withoutLogNames is ps without the display names and first-seen times
// the native reader takes from the logs: the problems table the SQL
// computes has neither (README, "Larger than one machine").
func withoutLogNames(ps []report.ProblemStat) []report.ProblemStat {
	out := append([]report.ProblemStat(nil), ps...)
	for i := range out {
		out[i].Name, out[i].FirstSeen = "", time.Time{}
	}
	return out
}

// compareTracking fails with the first table where got and want differ.
func compareTracking(t *testing.T, got, want *ingest.Tracking) {
	t.Helper()
	for _, c := range []struct {
		name      string
		got, want any
	}{
		{"weeks", got.Weeks, want.Weeks}, {"reach", got.Reach, want.Reach}, {"problems", got.Problems, withoutLogNames(want.Problems)},
		{"chapters", got.Chapters, want.Chapters}, {"enrolments", got.Enrollments, want.Enrollments}, {"skips", got.Skips, want.Skips},
	} {
		if !reflect.DeepEqual(c.got, c.want) {
			g, _ := json.MarshalIndent(c.got, "", " ")
			w, _ := json.MarshalIndent(c.want, "", " ")
			t.Errorf("%s differ:\n%s", c.name, firstDiff(string(g), string(w)))
		}
	}
}

// firstDiff shows the first differing line of two texts with context.
func firstDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := 0; i < max(len(g), len(w)); i++ {
		if i >= len(g) || i >= len(w) || g[i] != w[i] {
			lo := max(0, i-6)
			return "SQL:\n" + strings.Join(g[lo:min(len(g), i+3)], "\n") + "\nnative:\n" + strings.Join(w[lo:min(len(w), i+3)], "\n")
		}
	}
	return ""
}

// TestDuckDBRealLogs runs the SQL on the Open edX analytics pipeline's
// tracking-log fixtures, all files at once, for each course they hold,
// and compares the tables read back (ReadActivity) with what ingest reads
// from the logs themselves: every table, the skips included.
func TestDuckDBRealLogs(t *testing.T) {
	dir := filepath.Join(repoRoot(t), "..", "shared", "realdata", "openedx-analytics-pipeline")
	files, err := filepath.Glob(filepath.Join(dir, "*.log"))
	if err != nil || len(files) == 0 {
		t.Fatalf("conformance data missing in %s (put the real exports in ../shared/realdata beside the repository): %v", dir, err)
	}
	var names []string
	for _, f := range files {
		names = append(names, filepath.Base(f))
	}
	tolerant := 0.5 // the fixtures' comment lines are not malformed, but one torn line is
	courses := []string{"course-v1:OpenCraft+PRDemo1+2016", "edX/DemoX/Demo_Course", "course-v1:edX+DemoX+Test_2014",
		"course-v1:ForumX+1+1", "edX/Open_DemoX/edx_demo_course", "course-v1:edX+DemoX+Demo_Course"}
	for _, id := range courses {
		t.Run(id, func(t *testing.T) {
			start := time.Date(2014, 1, 6, 0, 0, 0, 0, time.UTC)
			opt := ingest.TrackingOptions{SessionGap: 20 * time.Minute, MaxBadLines: &tolerant, PageCourse: true} // the insights preset
			want, err := ingest.ReadTrackingFiles(dir, names, &ingest.Course{Key: "demo", ID: id, Start: start, Salt: "s"}, opt)
			if err != nil {
				t.Fatal(err)
			}
			out := t.TempDir()
			runDuckDB(t, dir, "demo", sql(t, sqlgen.Options{Engine: "duckdb", CourseKey: "demo", CourseID: id, WeekStart: start,
				SessionGap: opt.SessionGap, Input: "*.log", Out: out}))
			got, _, err := ingest.ReadActivity(out, ".", &ingest.Course{Key: "demo", ID: id, Start: start, Salt: "s"}, opt)
			if err != nil {
				t.Fatal(err)
			}
			if len(want.Weeks) == 0 && len(want.Skips) == 0 {
				t.Fatal("the fixtures give this course nothing: the test would prove nothing")
			}
			compareTracking(t, got, want)
		})
	}
}

// exampleStudy makes a study folder beside the example's data: its
// study.yaml with each edx-tracking source replaced by an edx-activity
// source reading <tables>/<course key>, and a link to data/, so log names
// read the same as in the example (content/ and templates/ shape pages,
// not measures).
func exampleStudy(t *testing.T, tables string) string {
	t.Helper()
	root, dir := repoRoot(t), t.TempDir()
	for _, d := range []string{"data"} {
		if err := os.Symlink(filepath.Join(root, d), filepath.Join(dir, d)); err != nil {
			t.Fatal(err)
		}
	}
	b, err := os.ReadFile(filepath.Join(root, "study.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	y := string(b)
	for _, key := range []string{"eat", "sus"} {
		old := "- format: edx-tracking\n        path: \"data/" + key + "/logs/tracking.log-*.gz\""
		if !strings.Contains(y, old) {
			t.Fatalf("study.yaml: no %s tracking source to replace", key)
		}
		y = strings.Replace(y, old, "- format: edx-activity\n        path: "+tables+"/"+key, 1)
	}
	if err := os.WriteFile(filepath.Join(dir, "study.yaml"), []byte(y), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestDuckDBExample is the acceptance test: the example study's
// logs through the generated DuckDB SQL, the tables written as Parquet, as
// CSV and as folders of part files, and the study built from each; its
// measures.json must equal the native build's (the golden file
// TestBuildExample keeps) byte for byte, and the site the native build's
// apart from provenance.
func TestDuckDBExample(t *testing.T) {
	root := repoRoot(t)
	native, err := study.Load(filepath.Join(root, "study.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile(filepath.Join(root, "cmd", "moocreport", "testdata", "example-measures.json"))
	if err != nil {
		t.Fatal(err)
	}
	// One DuckDB run per course writes both formats: the Parquet script
	// and the CSV script's COPY statements, on the same tables.
	dir := exampleStudy(t, "activity")
	opts, err := sqlgen.ForStudy(native, "duckdb", "", "", "", "activity", "parquet")
	if err != nil {
		t.Fatal(err)
	}
	csvOpts, err := sqlgen.ForStudy(native, "duckdb", "", "", "", "activity-csv", "csv")
	if err != nil {
		t.Fatal(err)
	}
	for i, o := range opts {
		script := sql(t, o)
		for _, line := range strings.SplitAfter(sql(t, csvOpts[i]), "\n") {
			if strings.HasPrefix(line, "COPY ") {
				script += line
			}
		}
		for _, out := range []string{o.Out, csvOpts[i].Out} {
			if err := os.MkdirAll(filepath.Join(dir, out), 0o755); err != nil {
				t.Fatal(err)
			}
		}
		runDuckDB(t, dir, o.CourseKey, script)
	}
	nativeDir := nativeBuild(t)
	for _, tables := range []string{"activity", "activity-csv", "activity-parts"} {
		t.Run(tables, func(t *testing.T) {
			study := exampleStudy(t, tables)
			if tables == "activity-parts" {
				splitParts(t, filepath.Join(dir, "activity"), filepath.Join(study, tables))
			} else if err := os.Symlink(filepath.Join(dir, tables), filepath.Join(study, tables)); err != nil {
				t.Fatal(err)
			}
			res, err := build.Run(build.Options{StudyFile: filepath.Join(study, "study.yaml"), Public: filepath.Join(study, "public"),
				Built: time.Unix(1767225600, 0).UTC(), Now: time.Unix(1767225600, 0).UTC(), Tool: "moocreport test"})
			if err != nil {
				t.Fatal(err)
			}
			got, err := os.ReadFile(filepath.Join(res.Dir, "measures.json"))
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("measures.json from the DuckDB tables differs from the native build:\n%s", firstDiff(string(got), string(want)))
			}
			if tables == "activity" {
				comparePublished(t, nativeDir, res.Dir)
			}
		})
	}
}

// nativeBuild builds the example study from its logs, beside the same
// data link as exampleStudy's, and returns its published version folder.
func nativeBuild(t *testing.T) string {
	t.Helper()
	root, dir := repoRoot(t), t.TempDir()
	if err := os.Symlink(filepath.Join(root, "data"), filepath.Join(dir, "data")); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(root, "study.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "study.yaml"), b, 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := build.Run(build.Options{StudyFile: filepath.Join(dir, "study.yaml"), Public: filepath.Join(dir, "public"),
		Built: time.Unix(1767225600, 0).UTC(), Now: time.Unix(1767225600, 0).UTC(), Tool: "moocreport test"})
	if err != nil {
		t.Fatal(err)
	}
	return res.Dir
}

// inputCount is the data-quality section's count of files read, which
// is provenance: the tables are other files than the logs.
var inputCount = regexp.MustCompile(`built from [0-9]+ input files`)

// comparePublished checks that two published versions are the same
// report apart from provenance: every page, figure and data file equal,
// except the provenance page, its inputs list, the manifest, the input
// count and the PDF (which holds both).
func comparePublished(t *testing.T, want, got string) {
	t.Helper()
	skip := map[string]bool{"manifest.json": true, "provenance.html": true, "data/provenance-inputs.csv": true, "report.pdf": true}
	n := 0
	err := filepath.WalkDir(want, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(want, path)
		if skip[filepath.ToSlash(rel)] {
			return nil
		}
		w, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		g, err := os.ReadFile(filepath.Join(got, rel))
		if err != nil {
			return err
		}
		n++
		w, g = inputCount.ReplaceAll(w, nil), inputCount.ReplaceAll(g, nil)
		if !bytes.Equal(w, g) {
			t.Errorf("%s differs from the native build's", rel)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n < 10 {
		t.Fatalf("only %d files compared", n)
	}
	t.Logf("%d published files equal to the native build's", n)
}

// splitParts copies each course's tables from the folder from into
// folders <table>/ under to, as Spark writes them: part files and a
// _SUCCESS marker.
func splitParts(t *testing.T, from, to string) {
	t.Helper()
	courses, _ := filepath.Glob(filepath.Join(from, "*"))
	for _, c := range courses {
		for _, name := range sqlgen.Tables {
			folder := filepath.Join(to, filepath.Base(c), name)
			if err := os.MkdirAll(folder, 0o755); err != nil {
				t.Fatal(err)
			}
			b, err := os.ReadFile(filepath.Join(c, name+".parquet"))
			if err != nil {
				t.Fatal(err)
			}
			for f, data := range map[string][]byte{"_SUCCESS": nil, ".part-00000-1a2b.snappy.parquet.crc": []byte("crc"), "part-00000-1a2b.snappy.parquet": b} {
				if err := os.WriteFile(filepath.Join(folder, f), data, 0o644); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
}

// TestDuckDBEdgeCases runs testdata/edge.log, one tricky line after
// another (wrong member types, payloads as JSON strings, offsets and
// fractions, impossible dates, course ids from URLs, learners known only
// by username, sessions exactly at the gap, days and weeks at midnight),
// under two sets of settings, and compares every table with ingest's.
func TestDuckDBEdgeCases(t *testing.T) {
	dir, err := filepath.Abs("testdata")
	if err != nil {
		t.Fatal(err)
	}
	tolerant := 0.5
	const id = "course-v1:EdgeX+E1+2026"
	start := time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		name     string
		act      study.Activity
		gap      time.Duration
		username bool
	}{
		{"defaults", study.Activity{}, 0, false},
		{"username, monday weeks in Stockholm, 10m gap", study.Activity{Weeks: "monday", TimeZone: "Europe/Stockholm"}, 10 * time.Minute, true},
		{"start weeks in Kolkata", study.Activity{Weeks: "start", TimeZone: "Asia/Kolkata"}, time.Hour, false},
		{"harvardx preset: no course from the page URL", study.Activity{Preset: "harvardx"}, 0, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			course := func() *ingest.Course {
				cs := &ingest.Course{Key: "edge", ID: id, Start: start, WeekStart: c.act.WeekStart(start), Salt: "s"}
				f, err := os.Open(filepath.Join(dir, "edge-profile.csv"))
				if err != nil {
					t.Fatal(err)
				}
				defer f.Close()
				if _, err := ingest.ReadProfile(f, "edge-profile.csv", cs); err != nil {
					t.Fatal(err)
				}
				return cs
			}
			opt := ingest.TrackingOptions{SessionGap: c.gap, ByUsername: c.username, MaxBadLines: &tolerant, PageCourse: c.act.Preset != "harvardx"}
			want, err := ingest.ReadTrackingFiles(dir, []string{"edge.log"}, course(), opt)
			if err != nil {
				t.Fatal(err)
			}
			out := t.TempDir()
			runDuckDB(t, dir, "edge", sql(t, sqlgen.Options{Engine: "duckdb", CourseKey: "edge", CourseID: id, WeekStart: c.act.WeekStart(start), Preset: c.act.Preset,
				SessionGap: c.gap, ByUsername: c.username, Input: "edge.log", Profiles: []string{"edge-profile.csv"}, Out: out, Format: "csv"}))
			got, _, err := ingest.ReadActivity(out, ".", course(), opt)
			if err != nil {
				t.Fatal(err)
			}
			compareTracking(t, got, want)
			if len(want.Problems) < 2 || len(want.Enrollments) < 2 || len(want.Reach) < 2 || len(want.Skips) < 6 {
				t.Errorf("edge.log no longer exercises every table: %+v", want)
			}
		})
	}
}

// TestDuckDBIngestFixtures keeps the edx-activity fixtures of the ingest
// tests (report/ingest/testdata/activity/edge-csv and edge-parquet) what
// DuckDB writes for the edge-case log today: it compares them with a fresh
// run, and with -update writes them.
func TestDuckDBIngestFixtures(t *testing.T) {
	dir, err := filepath.Abs("testdata")
	if err != nil {
		t.Fatal(err)
	}
	for _, format := range []string{"csv", "parquet"} {
		t.Run(format, func(t *testing.T) {
			out := t.TempDir()
			runDuckDB(t, dir, "edge", sql(t, sqlgen.Options{Engine: "duckdb", CourseKey: "edge", CourseID: "course-v1:EdgeX+E1+2026",
				WeekStart: time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC), Preset: "insights", Input: "edge.log",
				Profiles: []string{"edge-profile.csv"}, Out: out, Format: format}))
			fixtures := filepath.Join(repoRoot(t), "report", "ingest", "testdata", "activity", "edge-"+format)
			names, _ := filepath.Glob(filepath.Join(out, "*."+format))
			if len(names) != 6 {
				t.Fatalf("DuckDB wrote %v, want six tables", names)
			}
			for _, name := range names {
				got, err := os.ReadFile(name)
				if err != nil {
					t.Fatal(err)
				}
				path := filepath.Join(fixtures, filepath.Base(name))
				if updating() {
					if err := os.WriteFile(path, got, 0o644); err != nil {
						t.Fatal(err)
					}
					continue
				}
				if format == "parquet" {
					continue // Parquet files carry the writer's version: compared through the reader instead
				}
				if want, err := os.ReadFile(path); err != nil || !bytes.Equal(got, want) {
					t.Errorf("%s differs from what DuckDB writes now (go test -tags duckdb -run TestDuckDBIngestFixtures -update rewrites it)", path)
				}
			}
		})
	}
}

// updating reports the -update flag, which the package's own tests define.
func updating() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}
