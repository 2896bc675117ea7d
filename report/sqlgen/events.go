package sqlgen

import (
	"fmt"
	"strings"
)

// timestampRE is the language of ingest's parseTime: Go's time.Parse
// with RFC 3339 (a fraction after '.' or ',', any number of digits; an
// hour of one or two digits; an offset of up to 24 hours and 60 minutes,
// which Go's parser tolerates) or the same without an offset, read as
// UTC. Whether the day exists in its month is the engine's date parser's
// check (UTCMillis).
const timestampRE = `[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T([01]?[0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]([.,][0-9]+)?(Z|[+-]([01][0-9]|2[0-4]):([0-5][0-9]|60))?`

// eventPaths are the members of an event that ingest reads (eventKeys,
// contextKeys), named eventNames in the query; payloadPaths those of an
// enrollment or problem event's payload (payloadKeys).
var (
	eventPaths = [][]string{{"time"}, {"event_type"}, {"event_source"}, {"username"}, {"page"},
		{"context"}, {"context", "course_id"}, {"context", "user_id"}, {"context", "path"}, {"event"}}
	eventNames   = []string{"time", "event_type", "event_source", "username", "page", "context", "ctx_course", "ctx_user", "ctx_path", "event"}
	payloadPaths = [][]string{{"course_id"}, {"user_id"}, {"problem_id"}, {"success"}, {"attempts"}}
	payloadNames = []string{"pl_course", "pl_user", "pl_problem", "pl_success", "pl_attempts"}
)

// events is logPart.line for every line at once: mr_events holds one row
// per line with its status ('ok' or the skip reason) and, for counted
// events, the learner, time, course week and day, kind, chapter and
// problem.
func (q query) events() string {
	d := q.d
	var b strings.Builder
	// l, p: every line of the logs, trimmed, and parsed (a comment or
	// blank line is not); valid JSON starting with { is an object.
	_, input := from(q.o.Input, q.d.Lines)
	fmt.Fprintf(&b, "WITH l AS (\n  SELECT file, COALESCE(%s, '') AS t FROM %s AS input_lines\n),\n", d.Trim("line"), input)
	fmt.Fprintf(&b, "p AS (\n  SELECT file, CASE WHEN t = '' OR t LIKE '#%%' THEN 1 ELSE 0 END AS is_comment,\n    CASE WHEN t = '' OR t LIKE '#%%' THEN NULL ELSE %s END AS doc, t\n  FROM l\n),\n", d.ParseJSON("t"))
	b.WriteString("pj AS (\n  SELECT file, is_comment, doc, CASE WHEN doc IS NULL THEN NULL WHEN t LIKE '{%' THEN 'object' ELSE 'other' END AS k_doc FROM p\n),\n")
	q.members(&b, "ev", "pj", "file, is_comment, k_doc", "doc", eventPaths, eventNames)
	// f: logPart.decode: the members' types, then their values.
	b.WriteString("f AS (\n  SELECT file,\n    CASE WHEN is_comment = 1 THEN 'comment or blank line'\n      WHEN COALESCE(k_doc, '') <> 'object'")
	for _, n := range []string{"time", "event_type", "event_source", "username", "page", "ctx_course", "ctx_path"} {
		fmt.Fprintf(&b, " OR NOT %s", q.okString(n))
	}
	fmt.Fprintf(&b, "\n        OR COALESCE(k_context, 'null') NOT IN ('object', 'null') OR NOT %s THEN 'malformed JSON'", q.okUserID("ctx_user"))
	fmt.Fprintf(&b, "\n      WHEN %s = 'task' THEN 'task event' END AS skip,\n", q.str("event_source"))
	for _, n := range []string{"time", "event_type", "event_source", "username", "page"} {
		fmt.Fprintf(&b, "    %s AS %s,\n", q.str(n), n)
	}
	fmt.Fprintf(&b, "    %s AS ctx_course,\n    %s AS ctx_user,\n    v_event, k_event\n  FROM evk\n),\n", q.str("ctx_course"), q.userID("ctx_user"))
	// k: classify; the payload of enrollment events and the server's problem events (parsePayload, gradedProblem).
	fmt.Fprintf(&b, "k AS (\n  SELECT f.*, %s AS kind FROM f\n),\n", classify)
	fmt.Fprintf(&b, "pl AS (\n  SELECT k.*, CASE WHEN skip IS NULL AND (kind = 'enrollment' OR kind = 'problem' AND event_source = 'server') THEN CASE k_event WHEN 'object' THEN v_event WHEN 'string' THEN %s END END AS pdoc FROM k\n),\n",
		d.ParseJSON(d.JSONString("v_event")))
	fmt.Fprintf(&b, "plk AS (\n  SELECT pl.*, %s AS k_pdoc FROM pl\n),\n", d.JSONKind("pdoc"))
	keep := "file, skip, time, event_type, event_source, username, page, ctx_course, ctx_user, kind, k_pdoc"
	q.members(&b, "pv", "plk", keep, "pdoc", payloadPaths, payloadNames)
	fmt.Fprintf(&b, "pp AS (\n  SELECT pvk.*,\n    CASE WHEN k_pdoc = 'object' AND %s AND %s THEN 1 ELSE 0 END AS p_ok,\n", q.okString("pl_course"), q.okUserID("pl_user"))
	fmt.Fprintf(&b, "    %s AS p_course, %s AS p_user, %s AS p_problem, %s AS p_success,\n", q.str("pl_course"), q.userID("pl_user"), q.str("pl_problem"), q.str("pl_success"))
	fmt.Fprintf(&b, "    CASE WHEN k_pl_attempts = 'number' AND %s = '1' THEN 1 ELSE 0 END AS p_first,\n", d.JSONText("v_pl_attempts"))
	// courseFromPath: /courses/<id>/… in either id style; courseFromPage:
	// the same of a page URL's path (after scheme://host, before ? or #).
	coursePath := func(p string) string {
		return fmt.Sprintf("CASE WHEN %s LIKE '/courses/course-v1:%%' THEN COALESCE(%s, '') WHEN %s LIKE '/courses/%%' THEN COALESCE(%s, '') ELSE '' END",
			p, d.Extract(p, `^/courses/([^/]*)`), p, d.Extract(p, `^/courses/([^/]+/[^/]+/[^/]+)`))
	}
	pagePath := fmt.Sprintf("(CASE WHEN %s > 0 THEN COALESCE(%s, '') ELSE COALESCE(%s, '') END)",
		d.Strpos("page", "'://'"), d.Extract("page", `://[^/]*(/[^?#]*)`), d.Extract("page", `^([^?#]*)`))
	fmt.Fprintf(&b, "    %s AS path_course,\n    %s AS page_course\n  FROM pvk\n),\n", coursePath("event_type"), coursePath(pagePath))
	q.status(&b)
	q.eventRows(&b)
	return b.String()
}

// classify is ingest's classify.
const classify = `CASE
    WHEN event_type = 'problem_check' THEN 'problem'
    WHEN event_type IN ('play_video', 'pause_video', 'seek_video', 'stop_video', 'load_video') THEN 'video'
    WHEN event_type IN ('seq_goto', 'seq_next', 'seq_prev') THEN 'page'
    WHEN event_type LIKE '/%' THEN 'page'
    WHEN event_type LIKE 'edx.video.%' THEN 'video'
    WHEN event_type LIKE 'edx.forum.%' THEN 'forum'
    WHEN event_type LIKE 'edx.ui.lms.%' THEN 'page'
    WHEN event_type LIKE 'edx.course.enrollment.%' THEN 'enrollment'
    ELSE 'other' END`

// status picks the course (context, else the URL path, else an
// enrollment payload) and the learner (logPart.learner), and parses the
// time, in ingest's order of skip reasons.
func (q query) status(b *strings.Builder) {
	d := q.d
	fmt.Fprintf(b, "c AS (\n  SELECT pp.*,\n    CASE WHEN ctx_course <> '' THEN ctx_course WHEN path_course <> '' THEN path_course WHEN kind = 'enrollment' AND p_ok = 1 AND p_course <> '' THEN p_course\n      WHEN prm.page_rule = 1 AND event_source = 'browser' AND page_course <> '' THEN page_course ELSE '' END AS course,\n")
	b.WriteString("    CASE WHEN prm.learner_id = 'username' AND pp.username <> '' AND prof.id IS NOT NULL THEN prof.id\n")
	b.WriteString("      WHEN ctx_user <> '' THEN ctx_user\n      WHEN pp.username <> '' AND prof.id IS NOT NULL THEN prof.id\n")
	b.WriteString("      WHEN kind = 'enrollment' AND p_ok = 1 THEN p_user ELSE '' END AS user_id,\n")
	num := func(re string) string { return fmt.Sprintf("CAST(%s AS %s)", d.Extract("time", re), d.Int) }
	frac := d.Substr(fmt.Sprintf("COALESCE(%s, '') || '000'", d.Extract("time", `:[0-9][0-9][.,]([0-9]+)`)), "1", "3")
	off := fmt.Sprintf("COALESCE(%s, '')", d.Extract("time", `([+-][0-9][0-9]:[0-9][0-9])$`))
	offMin := fmt.Sprintf("CASE WHEN %s = '' THEN 0 ELSE (CASE WHEN %s = '-' THEN -1 ELSE 1 END) * (CAST(%s AS %s) * 60 + CAST(%s AS %s)) END",
		off, d.Substr(off, "1", "1"), d.Substr(off, "2", "2"), d.Int, d.Substr(off, "5", "2"), d.Int)
	fmt.Fprintf(b, "    CASE WHEN %s THEN %s\n      + %s * 3600000 + %s * 60000 + %s * 1000\n      + CAST(%s AS %s) - (%s) * 60000 END AS ms,\n",
		d.Matches("time", timestampRE), d.UTCMillis(d.Substr("time", "1", "10")+" || 'T00:00:00'"),
		num(`T([0-9][0-9]?):`), num(`T[0-9][0-9]?:([0-9][0-9])`), num(`T[0-9][0-9]?:[0-9][0-9]:([0-9][0-9])`), frac, d.Int, offMin)
	b.WriteString("    prm.course_id AS want_course, prm.week_start_ms\n")
	b.WriteString("  FROM pp CROSS JOIN mr_params AS prm LEFT JOIN mr_profile AS prof ON prof.username = pp.username\n),\n")
	b.WriteString(`s AS (
  SELECT c.*,
    CASE WHEN skip IS NOT NULL THEN skip
      WHEN course = '' THEN 'no course id'
      WHEN course <> want_course THEN 'other course'
      WHEN user_id = '' THEN 'no learner id'
      WHEN ms IS NULL THEN 'bad timestamp'
      ELSE 'ok' END AS status
  FROM c
),
`)
}

// eventRows is the last step of events: the day and week of counted
// events (floorDiv from the week start) and chapterOf.
func (q query) eventRows(b *strings.Builder) {
	d := q.d
	day := q.floorDiv("ms - week_start_ms", "86400000")
	fmt.Fprintf(b, "w AS (\n  SELECT s.*, CASE WHEN status = 'ok' THEN %s END AS ev_day,\n    %s AS ci_type, %s AS ci_page\n  FROM s\n),\n",
		day, d.Strpos("event_type", "'/courseware/'"), d.Strpos("page", "'/courseware/'"))
	chapter := func(u, ci string) string {
		return fmt.Sprintf("CASE WHEN %s > 0 AND %s > 0 THEN COALESCE(%s, '') ELSE '' END",
			ci, d.Strpos(d.Substr(u, "1", ci+" - 1"), "'/courses/'"), d.Extract(d.Substr(u, ci+" + 12", "1073741824"), `^([^/?#]*)`))
	}
	fmt.Fprintf(b, "h AS (\n  SELECT w.*, %s AS ch_type, %s AS ch_page FROM w\n)\n", chapter("event_type", "ci_type"), chapter("page", "ci_page"))
	fmt.Fprintf(b, `SELECT file, status, user_id, kind, event_type, event_source, ms, ev_day, %s + 1 AS week,
  CASE WHEN status <> 'ok' OR kind = 'enrollment' THEN '' WHEN ch_type <> '' THEN ch_type ELSE ch_page END AS chapter,
  CASE WHEN status = 'ok' AND kind = 'problem' AND p_ok = 1 THEN p_problem ELSE '' END AS problem_id,
  p_first AS first_attempt, CASE WHEN p_first = 1 AND p_success = 'correct' THEN 1 ELSE 0 END AS first_correct
FROM h`, q.floorDiv("ev_day", "7"))
}
