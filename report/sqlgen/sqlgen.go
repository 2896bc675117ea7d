// Package sqlgen writes, for an SQL engine, the one stage of ingest that
// grows with the number of events: turning a course's edX tracking logs
// into the learner-week, reach, problem, enrolment and data-quality tables
// that ingest.ReadTrackingFiles computes natively. The engine runs it where
// the logs already are (a warehouse, a data lake); format edx-activity
// reads its output back (ingest.ReadActivity), and everything after that
// is the same build.
//
// One query (query.go) is written once with the small per-engine
// templates of dialect.go; the settings it depends on are spelled out in
// its first table, mr_params, so a reader can check them. The package
// knows nothing of learners' identities: the output holds raw edX user
// ids, which moocreport pseudonymises when it reads them.
package sqlgen

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/moocreport/moocreport/report/study"
)

// Tables lists the output tables, each written as DIR/<name>.<format> (or
// a folder of part files DIR/<name>/, as Spark and BigQuery write them).
var Tables = []string{"course", "files", "weeks", "reach", "problems", "enrolments"}

// Options are the settings of one course's SQL.
type Options struct {
	Engine    string // a key of Dialects
	CourseKey string // study.yaml course key, for comments and table names
	CourseID  string // edX course id; events of other courses are counted, not used
	// WeekStart is when course week 1 begins (study.Activity.WeekStart);
	// Weeks and TimeZone are the study.yaml settings it came from.
	WeekStart       time.Time
	Weeks, TimeZone string
	SessionGap      time.Duration // 0 means study.DefaultSessionGap
	ByUsername      bool          // learner_id: username
	Preset          string        // activity.preset: the page rule (see pageRule) and the header
	Exclude         []string      // activity.exclude, for the header only
	// Input is the logs: a glob of JSON-lines files (gzipped or not), or
	// "table:NAME" for an existing table with columns file and line.
	Input string
	// Profiles are the course's edx-profile CSV files (globs, or
	// "table:NAME" with columns id and username), for events that name
	// the learner by username only.
	Profiles []string
	Out      string // output folder
	Format   string // "parquet" (default) or "csv"
}

func (o Options) gap() time.Duration {
	if o.SessionGap > 0 {
		return o.SessionGap
	}
	return study.DefaultSessionGap
}

// pageRule is 1 when a browser event whose context names no course takes
// it from its page URL, as Open edX Insights does (the insights preset,
// the default), else 0.
func (o Options) pageRule() int {
	if o.Preset == "" || o.Preset == "insights" {
		return 1
	}
	return 0
}

func (o Options) learnerID() string {
	if o.ByUsername {
		return "username"
	}
	return "user_id"
}

func (o Options) format() string {
	if o.Format == "" {
		return "parquet"
	}
	return o.Format
}

// Write writes the SQL script of one course's tracking logs to w.
func Write(w io.Writer, o Options) error {
	d := Dialects[o.Engine]
	if d == nil {
		return fmt.Errorf("engine: want one of %s, got %q", strings.Join(Engines, ", "), o.Engine)
	}
	if f := o.format(); f != "parquet" && f != "csv" {
		return fmt.Errorf("format: want parquet or csv, got %q", o.Format)
	}
	if o.Input == "" {
		return fmt.Errorf("course %s: no tracking-log input", o.CourseKey)
	}
	if o.Out == "" {
		return fmt.Errorf("course %s: no output folder", o.CourseKey)
	}
	if r := d.Remote; r != "" {
		if !strings.HasPrefix(o.Out, r) {
			return fmt.Errorf("course %s: %s writes to %s… folders only, not %q (-out)", o.CourseKey, d.Name, r, o.Out)
		}
		for _, in := range append([]string{o.Input}, o.Profiles...) {
			if !strings.HasPrefix(in, r) && !strings.HasPrefix(in, "table:") {
				return fmt.Errorf("course %s: %s reads %s… files or table:NAME only, not %q (-input, or the source paths)", o.CourseKey, d.Name, r, in)
			}
		}
	}
	var b strings.Builder
	header(&b, o)
	if d.Prologue != "" {
		b.WriteString(d.Prologue)
	}
	q := query{d: d, o: o}
	for _, t := range q.tables() {
		fmt.Fprintf(&b, "\n-- %s\n%s%s", t.comment, t.setup, d.Table(t.name, t.sql))
	}
	b.WriteString("\n-- The result tables, one folder or file each, for moocreport's edx-activity source.\n")
	for _, name := range Tables {
		sel := fmt.Sprintf("SELECT * FROM activity_%s ORDER BY %s", name, orderBy[name])
		b.WriteString(d.Export(sel, o.Out, name, o.format()))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// orderBy sorts each output table, so its files are deterministic.
var orderBy = map[string]string{
	"course": "course_id", "files": "file", "weeks": "user_id, week", "reach": "user_id",
	"problems": "problem_id", "enrolments": "user_id",
}

// run says how to run the script, from where.
func run(d *Dialect, o Options) string {
	cmd := fmt.Sprintf(d.Run, o.Out, o.CourseKey)
	if d.Remote != "" {
		return cmd
	}
	return cmd + "\n--   in the folder of study.yaml (paths are relative to it)"
}

// header writes what the script computes and the settings it was made
// with, in the reader's words.
func header(b *strings.Builder, o Options) {
	exclude := "none"
	if len(o.Exclude) > 0 {
		exclude = strings.Join(o.Exclude, ", ")
	}
	tz := o.TimeZone
	if tz == "" {
		tz = "UTC"
	}
	weeks := o.Weeks
	if weeks == "" {
		weeks = "start"
	}
	fmt.Fprintf(b, `-- moocreport sql -engine %s: tracking logs of course %s (%s)
--
-- Computes from the logs what moocreport computes from them natively (source
-- format edx-tracking), as the tables activity_course, _files, _weeks,
-- _reach, _problems and _enrolments, written to %s/ for a source of
-- format edx-activity. Rows hold raw edX user ids: moocreport pseudonymises
-- them when it reads the tables. The settings, from study.yaml, are the
-- table mr_params below:
--   course_id       %s
--   week_start_ms   %d = %s: week 1 begins at midnight (%s) of
--                   the course start (weeks: %s); days are the 24-hour
--                   periods from then, as moocreport counts them
--   session_gap_ms  %d (%s): a longer pause between two events ends a session
--   learner_id      %s
--   page_rule       %d: 1 takes a browser event's course from its page URL
--                   when its context names none (the insights preset)
-- activity.preset %q and exclude %s decide which of the counted kinds make
-- a learner active; moocreport applies them to these tables, which count
-- every kind separately.
-- Unlike the native reader, _problems keeps no display names
-- (context.module.display_name) or first-submission times: a course built
-- from these tables names its problems from its course structure or problem
-- grade report, else numbers them.
--
-- Input: %s
-- Run: %s
`, o.Engine, o.CourseKey, o.CourseID, o.Out, o.CourseID, o.WeekStart.UnixMilli(), o.WeekStart.UTC().Format(time.RFC3339),
		tz, weeks, o.gap().Milliseconds(), o.gap(), o.learnerID(), o.pageRule(), o.Preset, exclude, o.Input, run(Dialects[o.Engine], o))
}
