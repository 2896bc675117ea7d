package sqlgen

import (
	"fmt"
	"strings"
)

// The result tables, each one of trackAcc.finish's.

const counted = "status = 'ok' AND kind <> 'enrollment'"

// sessions is addSpan over a learner's events in time order: an event
// more than the gap after the previous one starts a session.
func (q query) sessions() string {
	d := q.d
	return fmt.Sprintf(`WITH g AS (
  SELECT user_id, ms,
    CASE WHEN ms - %s <= prm.session_gap_ms THEN 0 ELSE 1 END AS starts
  FROM mr_events CROSS JOIN mr_params AS prm WHERE %s
),
n AS (
  SELECT user_id, ms, SUM(starts) OVER (PARTITION BY user_id ORDER BY ms ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS session_no
  FROM g
),
spans AS (
  SELECT user_id, MIN(ms) AS first_ms, MAX(ms) AS last_ms FROM n GROUP BY user_id, session_no
),
weeks AS (
  SELECT user_id, %s + 1 AS week, %s AS seconds
  FROM spans CROSS JOIN mr_params AS prm
)
SELECT user_id, week, COUNT(*) AS sessions, SUM(seconds) AS seconds FROM weeks GROUP BY user_id, week`,
		d.Lag("ms", "PARTITION BY user_id ORDER BY ms"), counted, q.floorDiv("first_ms - prm.week_start_ms", "604800000"), d.Div("last_ms - first_ms", "1000"))
}

// weekKinds are the event kinds in report.EventKind order, the weeks
// table's columns.
var weekKinds = []string{"other", "page", "video", "problem", "forum", "enrollment"}

func (q query) weeks() string {
	var sums []string
	for _, k := range weekKinds {
		sums = append(sums, fmt.Sprintf("CAST(SUM(CASE WHEN kind = '%s' THEN 1 ELSE 0 END) AS %s) AS %s", k, q.d.Int, k))
	}
	// Open edX Insights' three weekly counts (ingest's countInsights).
	for _, c := range [][2]string{
		{"played_video", "event_type = 'play_video' AND event_source IN ('browser', 'mobile')"},
		{"attempted_problem", "event_type = 'problem_check' AND event_source = 'server'"},
		{"posted_forum", "event_source = 'server' AND event_type LIKE 'edx.forum.%' AND event_type LIKE '%.created'"},
	} {
		sums = append(sums, fmt.Sprintf("CAST(SUM(CASE WHEN kind <> 'enrollment' AND %s THEN 1 ELSE 0 END) AS %s) AS %s", c[1], q.d.Int, c[0]))
	}
	return fmt.Sprintf(`WITH t AS (
  SELECT user_id, week, %s,
    CAST(COUNT(DISTINCT CASE WHEN kind <> 'enrollment' THEN ev_day END) AS %s) AS days
  FROM mr_events WHERE status = 'ok' GROUP BY user_id, week
)
SELECT t.*, CAST(COALESCE(s.sessions, 0) AS %s) AS sessions, CAST(COALESCE(s.seconds, 0) AS %s) AS seconds
FROM t LEFT JOIN mr_sessions AS s ON s.user_id = t.user_id AND s.week = t.week`,
		strings.Join(sums, ",\n    "), q.d.Int, q.d.Int, q.d.Int)
}

func (q query) reach() string {
	return fmt.Sprintf("SELECT user_id, CAST(COUNT(DISTINCT chapter) AS %s) AS chapters FROM mr_events WHERE %s AND chapter <> '' GROUP BY user_id", q.d.Int, counted)
}

func (q query) course() string {
	return fmt.Sprintf(`SELECT prm.course_id, prm.week_start_ms, prm.session_gap_ms, prm.learner_id, prm.page_rule, ch.chapters
FROM mr_params AS prm CROSS JOIN (SELECT CAST(COUNT(DISTINCT chapter) AS %s) AS chapters FROM mr_events WHERE %s AND chapter <> '') AS ch`, q.d.Int, counted)
}

func (q query) problems() string {
	i := q.d.Int
	return fmt.Sprintf(`SELECT problem_id, CAST(COUNT(DISTINCT user_id) AS %s) AS learners,
  CAST(SUM(first_attempt) AS %s) AS first_attempts, CAST(SUM(first_correct) AS %s) AS first_correct
FROM mr_events WHERE status = 'ok' AND problem_id <> '' GROUP BY problem_id`, i, i, i)
}

// enrolments: the latest activation and deactivation; an unenrolment
// only when not before the enrolment.
func (q query) enrolments() string {
	return `WITH e AS (
  SELECT user_id,
    MAX(CASE WHEN event_type = 'edx.course.enrollment.activated' THEN ms END) AS on_ms,
    MAX(CASE WHEN event_type = 'edx.course.enrollment.deactivated' THEN ms END) AS off_ms
  FROM mr_events
  WHERE status = 'ok' AND event_type IN ('edx.course.enrollment.activated', 'edx.course.enrollment.deactivated')
  GROUP BY user_id
)
SELECT user_id, on_ms AS enrolled_ms, CASE WHEN off_ms IS NOT NULL AND (on_ms IS NULL OR off_ms >= on_ms) THEN off_ms END AS unenrolled_ms FROM e`
}

// fileReasons are the skip reasons (ingest's Skip* strings) and their
// columns in the files table.
var fileReasons = [][2]string{
	{"comment", "comment or blank line"}, {"malformed", "malformed JSON"}, {"task", "task event"},
	{"other_course", "other course"}, {"no_course", "no course id"}, {"no_learner", "no learner id"},
	{"bad_timestamp", "bad timestamp"},
}

func (q query) files() string {
	cols := []string{fmt.Sprintf("CAST(COUNT(*) AS %s) AS lines", q.d.Int)}
	for _, r := range fileReasons {
		cols = append(cols, fmt.Sprintf("CAST(SUM(CASE WHEN status = '%s' THEN 1 ELSE 0 END) AS %s) AS %s", r[1], q.d.Int, r[0]))
	}
	return "SELECT file, " + strings.Join(cols, ",\n  ") + "\nFROM mr_events GROUP BY file"
}
