package sqlgen

import (
	"fmt"
	"strings"
)

// query writes the aggregation once, with a dialect's templates. Each
// step mirrors a piece of report/ingest, named in its comment, and the
// tests run the DuckDB text against ingest on real logs.
type query struct {
	d *Dialect
	o Options
}

// table is one step: a named table and the query that fills it.
type table struct{ name, comment, sql string }

func (q query) tables() []table {
	return []table{
		{"mr_params", "The settings (see the header).", q.params()},
		{"mr_lines", "Every line of the logs, with its file.", q.lines()},
		{"mr_profile", "Usernames → user ids from the course's profile export (edx-profile).", q.profile()},
		{"mr_events", "One row per line: why it is not counted (status), or what it counts for.", q.events()},
		{"mr_sessions", "Sessions per learner week: events further apart than the gap start a new one; a session counts in the week it starts.", q.sessions()},
		{"activity_course", "The settings used and the number of distinct chapters seen.", q.course()},
		{"activity_files", "Lines per file and why those not counted were skipped.", q.files()},
		{"activity_weeks", "Events per kind, active days, sessions and seconds per learner and course week.", q.weeks()},
		{"activity_reach", "Distinct chapters each learner visited.", q.reach()},
		{"activity_problems", "Server-graded problem submissions: learners, first attempts, correct first attempts.", q.problems()},
		{"activity_enrolments", "Each learner's last enrolment and, if later, unenrolment (unix ms).", q.enrolments()},
	}
}

func (q query) params() string {
	return fmt.Sprintf("SELECT CAST(%s AS %s) AS course_id, CAST(%d AS %s) AS week_start_ms, CAST(%d AS %s) AS session_gap_ms, CAST(%s AS %s) AS learner_id",
		lit(q.o.CourseID), q.d.Str, q.o.WeekStart.UnixMilli(), q.d.Int, q.o.gap().Milliseconds(), q.d.Int, lit(q.o.learnerID()), q.d.Str)
}

// from is a FROM item for an input: a table, or rows read from files.
func from(in string, files func(string) string) string {
	if name, ok := strings.CutPrefix(in, "table:"); ok {
		return name
	}
	return files(in)
}

func (q query) lines() string {
	return "SELECT file, line FROM " + from(q.o.Input, q.d.Lines) + " AS input_lines"
}

// profile is ReadProfile's username → id map: non-empty usernames; a
// username listed twice (edX usernames are unique) takes the largest id.
func (q query) profile() string {
	if len(q.o.Profiles) == 0 {
		return fmt.Sprintf("SELECT CAST(NULL AS %s) AS username, CAST(NULL AS %s) AS id FROM mr_params WHERE 1 = 0", q.d.Str, q.d.Str)
	}
	var parts []string
	for _, p := range q.o.Profiles {
		parts = append(parts, fmt.Sprintf("SELECT CAST(username AS %s) AS username, CAST(id AS %s) AS id FROM %s AS profile", q.d.Str, q.d.Str, from(p, q.d.ProfileRows)))
	}
	return "SELECT username, MAX(id) AS id FROM (" + strings.Join(parts, " UNION ALL ") + ") AS profiles WHERE username <> '' GROUP BY username"
}

// str is a string value, ” when it is anything else or absent
// (jsonString after the type checks).
func (q query) str(v string) string {
	return fmt.Sprintf("COALESCE(CASE WHEN %s = 'string' THEN %s END, '')", q.d.JSONKind(v), q.d.JSONString(v))
}

// userID is jsonUserID's value: a string, or an integer's digits.
func (q query) userID(v string) string {
	k := q.d.JSONKind(v)
	return fmt.Sprintf("COALESCE(CASE WHEN %s = 'string' THEN %s WHEN %s = 'number' THEN %s END, '')",
		k, q.d.JSONString(v), k, q.d.JSONText(v))
}

// okUserID is jsonUserID's type check: a string, null or absent, or a
// non-negative integer written in digits.
func (q query) okUserID(v string) string {
	k := q.d.JSONKind(v)
	return fmt.Sprintf("(COALESCE(%s, 'null') IN ('string', 'null') OR %s = 'number' AND %s)", k, k, q.d.Matches(q.d.JSONText(v), "[0-9]+"))
}

// okString: a string, null or absent (jsonString's check).
func (q query) okString(v string) string {
	return fmt.Sprintf("COALESCE(%s, 'null') IN ('string', 'null')", q.d.JSONKind(v))
}

// floorDiv is ingest's floorDiv: the quotient rounded down.
func (q query) floorDiv(a, b string) string {
	pmod := q.d.Mod(q.d.Mod(a, b)+" + "+b, b)
	return q.d.Div(fmt.Sprintf("%s - %s", a, pmod), b)
}
