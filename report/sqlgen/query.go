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

// table is one step: a named table, the query that fills it, and any
// statements that must run before (defining its input).
type table struct{ name, comment, sql, setup string }

func (q query) tables() []table {
	return []table{
		{name: "mr_params", comment: "The settings (see the header).", sql: q.params()},
		q.profile(),
		{name: "mr_events", setup: q.inputSetup(), comment: "One row per line: why it is not counted (status), or what it counts for.", sql: q.events()},
		{name: "mr_sessions", comment: "Sessions per learner week: events further apart than the gap start a new one; a session counts in the week it starts.", sql: q.sessions()},
		{name: "activity_course", comment: "The settings used and the number of distinct chapters seen.", sql: q.course()},
		{name: "activity_files", comment: "Lines per file and why those not counted were skipped.", sql: q.files()},
		{name: "activity_weeks", comment: "Events per kind, active days, sessions and seconds per learner and course week.", sql: q.weeks()},
		{name: "activity_reach", comment: "Distinct chapters each learner visited.", sql: q.reach()},
		{name: "activity_problems", comment: "Server-graded problem submissions: learners, first attempts, correct first attempts.", sql: q.problems()},
		{name: "activity_enrolments", comment: "Each learner's last enrolment and, if later, unenrolment (unix ms).", sql: q.enrolments()},
	}
}

func (q query) params() string {
	return fmt.Sprintf("SELECT CAST(%s AS %s) AS course_id, CAST(%d AS %s) AS week_start_ms, CAST(%d AS %s) AS session_gap_ms, CAST(%s AS %s) AS learner_id, CAST(%d AS %s) AS page_rule",
		q.d.Quote(q.o.CourseID), q.d.Str, q.o.WeekStart.UnixMilli(), q.d.Int, q.o.gap().Milliseconds(), q.d.Int, q.d.Quote(q.o.learnerID()), q.d.Str, q.o.pageRule(), q.d.Int)
}

// from is a FROM item for an input, a table or files, and the setup
// statements files need.
func from(in string, files func(string) (string, string)) (setup, item string) {
	if name, ok := strings.CutPrefix(in, "table:"); ok {
		return "", name
	}
	return files(in)
}

// inputSetup is what the engine must run before it can read the logs.
func (q query) inputSetup() string {
	setup, _ := from(q.o.Input, q.d.Lines)
	return setup
}

// profile is ReadProfile's username → id map: non-empty usernames; a
// username listed twice (edX usernames are unique) takes the largest id.
func (q query) profile() table {
	t := table{name: "mr_profile", comment: "Usernames → user ids from the course's profile export (edx-profile)."}
	if len(q.o.Profiles) == 0 {
		t.sql = "SELECT '' AS username, '' AS id FROM mr_params WHERE 1 = 0"
		return t
	}
	var parts []string
	for i, p := range q.o.Profiles {
		setup, item := from(p, func(glob string) (string, string) {
			return q.d.ProfileRows(glob, fmt.Sprintf("mr_profile_csv_%d", i+1))
		})
		t.setup += setup
		parts = append(parts, fmt.Sprintf("SELECT CAST(username AS %s) AS username, CAST(id AS %s) AS id FROM %s AS profile", q.d.Str, q.d.Str, item))
	}
	t.sql = "SELECT username, MAX(id) AS id FROM (" + strings.Join(parts, " UNION ALL ") + ") AS profiles WHERE username <> '' GROUP BY username"
	return t
}

// The helpers below read a JSON member n through two columns: its value
// v_n and its kind k_n (Dialect.JSONKind).

// str is member n's string, the empty string when it is anything else or
// absent (jsonString after the type checks).
func (q query) str(n string) string {
	return fmt.Sprintf("COALESCE(CASE WHEN k_%s = 'string' THEN %s END, '')", n, q.d.JSONString("v_"+n))
}

// userID is jsonUserID's value: a string, or an integer's digits.
func (q query) userID(n string) string {
	return fmt.Sprintf("COALESCE(CASE WHEN k_%s = 'string' THEN %s WHEN k_%s = 'number' THEN %s END, '')",
		n, q.d.JSONString("v_"+n), n, q.d.JSONText("v_"+n))
}

// okUserID is jsonUserID's type check: a string, null or absent, or a
// non-negative integer written in digits.
func (q query) okUserID(n string) string {
	return fmt.Sprintf("(COALESCE(k_%s, 'null') IN ('string', 'null') OR k_%s = 'number' AND %s)", n, n, q.d.Matches(q.d.JSONText("v_"+n), "[0-9]+"))
}

// okString: a string, null or absent (jsonString's check).
func (q query) okString(n string) string {
	return fmt.Sprintf("COALESCE(k_%s, 'null') IN ('string', 'null')", n)
}

// members writes two steps from step from: name (the values of the
// members at paths of document doc, as v_<names[i]>) and name+"k" (their
// kinds, as k_<names[i]>). keep lists the columns of from to carry on.
func (q query) members(b *strings.Builder, name, from, keep, doc string, paths [][]string, names []string) {
	d := q.d
	fmt.Fprintf(b, "%s_m AS (\n  SELECT %s, %s AS members FROM %s\n),\n", name, keep, d.Members(doc, paths), from)
	fmt.Fprintf(b, "%s AS (\n  SELECT %s", name, keep)
	for i, n := range names {
		fmt.Fprintf(b, ",\n    %s AS v_%s", d.Member("members", paths, i), n)
	}
	fmt.Fprintf(b, "\n  FROM %s_m\n),\n%sk AS (\n  SELECT %s.*", name, name, name)
	for _, n := range names {
		fmt.Fprintf(b, ",\n    %s AS k_%s", d.JSONKind("v_"+n), n)
	}
	fmt.Fprintf(b, "\n  FROM %s\n),\n", name)
}

// floorDiv is ingest's floorDiv: the quotient rounded down.
func (q query) floorDiv(a, b string) string {
	pmod := q.d.Mod(q.d.Mod(a, b)+" + "+b, b)
	return q.d.Div(fmt.Sprintf("%s - %s", a, pmod), b)
}
