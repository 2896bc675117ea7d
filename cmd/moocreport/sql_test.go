package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestSQL drives `moocreport sql` on the example study: one script per
// course with its settings, and usage errors with exit code 2.
func TestSQL(t *testing.T) {
	study := filepath.Join("..", "..", "study.yaml")
	code, out, errOut := moocreport(t, "sql", "-engine", "spark", "-study", study, "-out", "s3://lake/activity")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{
		"-- moocreport sql -engine spark: tracking logs of course eat (course-v1:NordhavnX+EAT101x+1T2026)",
		"-- moocreport sql -engine spark: tracking logs of course sus (course-v1:NordhavnX+SUS201x+1T2026)",
		"text.`data/eat/logs/tracking.log-*.gz`",
		"INSERT OVERWRITE DIRECTORY 's3://lake/activity/sus/weeks' USING parquet",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q", want)
		}
	}
	code, out, errOut = moocreport(t, "sql", "-engine", "bigquery", "-study", study, "-course", "eat", "-input", "table:edx.lines", "-profile", "table:edx.profile", "-out", "gs://b/activity")
	if code != 0 || !strings.Contains(out, "FROM edx.profile AS profile") || !strings.Contains(out, "uri = 'gs://b/activity/eat/weeks/part-*.parquet'") {
		t.Errorf("bigquery with tables: exit %d %s\n%s", code, errOut, out)
	}
	code, out, _ = moocreport(t, "sql", "-engine", "duckdb", "-study", study, "-course", "sus", "-input", "table:lines", "-format", "csv")
	if code != 0 || strings.Contains(out, "course eat") || !strings.Contains(out, "FROM lines AS input_lines") || !strings.Contains(out, "'activity/sus/weeks.csv'") {
		t.Errorf("-course sus -input table:lines -format csv: exit %d\n%s", code, out)
	}
	for _, c := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"sql", "-study", study}, 2, `-engine: want one of duckdb, spark, bigquery, clickhouse, got ""`},
		{[]string{"sql", "-engine", "duckdb", "-study", study, "-format", "xlsx"}, 1, `format: want parquet or csv, got "xlsx"`},
		{[]string{"sql", "-engine", "duckdb", "-study", study, "-input", "x.log"}, 1, "name a course with -course"},
		{[]string{"sql", "-engine", "duckdb", "-study", study, "extra"}, 2, `unexpected argument "extra"`},
		{[]string{"sql", "-engine", "bigquery", "-study", study, "-course", "eat", "-input", "gs://b/eat/*.gz", "-out", "gs://b/activity"}, 1,
			`bigquery reads gs://… files or table:NAME only, not "data/eat/NordhavnX_EAT101x_1T2026_student_profile_info_2026-05-11.csv"`},
		{[]string{"sql", "-engine", "bigquery", "-study", study, "-course", "eat", "-input", "gs://b/eat/*.gz"}, 1, `bigquery writes to gs://… folders only, not "activity/eat" (-out)`},
	} {
		code, _, errOut := moocreport(t, c.args...)
		if code != c.code || !strings.Contains(errOut, c.want) {
			t.Errorf("%v: exit %d, %q; want exit %d with %q", c.args, code, errOut, c.code, c.want)
		}
	}
}
