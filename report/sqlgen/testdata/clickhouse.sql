-- moocreport sql -engine clickhouse: tracking logs of course eat (course-v1:NordhavnX+EAT101x+1T2026)
--
-- Computes from the logs what moocreport computes from them natively (source
-- format edx-tracking), as the tables activity_course, _files, _weeks,
-- _reach, _problems and _enrolments, written to activity/eat/ for a source of
-- format edx-activity. Rows hold raw edX user ids: moocreport pseudonymises
-- them when it reads the tables. The settings, from study.yaml, are the
-- table mr_params below:
--   course_id       course-v1:NordhavnX+EAT101x+1T2026
--   week_start_ms   1772409600000 = 2026-03-02T00:00:00Z: week 1 begins at midnight (UTC) of
--                   the course start (weeks: monday); days are the 24-hour
--                   periods from then, as moocreport counts them
--   session_gap_ms  1800000 (30m0s): a longer pause between two events ends a session
--   learner_id      user_id
--   page_rule       1: 1 takes a browser event's course from its page URL
--                   when its context names none (the insights preset)
-- activity.preset "insights" and exclude none decide which of the counted kinds make
-- a learner active; moocreport applies them to these tables, which count
-- every kind separately.
-- Unlike the native reader, _problems keeps no display names
-- (context.module.display_name) or first-submission times: a course built
-- from these tables names its problems from its course structure or problem
-- grade report, else numbers them.
--
-- Input: data/eat/logs/tracking.log-*.gz
-- Run: mkdir -p activity/eat && clickhouse local --queries-file eat.sql
--   in the folder of study.yaml (paths are relative to it)
SET join_use_nulls = 1;
SET prefer_column_name_to_alias = 1;
SET engine_file_truncate_on_insert = 1;

-- The settings (see the header).
CREATE TABLE mr_params ENGINE = MergeTree ORDER BY tuple() AS
SELECT CAST('course-v1:NordhavnX+EAT101x+1T2026' AS String) AS course_id, CAST(1772409600000 AS Int64) AS week_start_ms, CAST(1800000 AS Int64) AS session_gap_ms, CAST('user_id' AS String) AS learner_id, CAST(1 AS Int64) AS page_rule;

-- Usernames → user ids from the course's profile export (edx-profile).
CREATE TABLE mr_profile ENGINE = MergeTree ORDER BY tuple() AS
SELECT username, MAX(id) AS id FROM (SELECT CAST(username AS String) AS username, CAST(id AS String) AS id FROM file('data/eat/NordhavnX_EAT101x_1T2026_student_profile_info_2026-05-11.csv', 'CSVWithNames') AS profile) AS profiles WHERE username <> '' GROUP BY username;

-- One row per line: why it is not counted (status), or what it counts for.
CREATE TABLE mr_events ENGINE = MergeTree ORDER BY tuple() AS
WITH l AS (
  SELECT file, COALESCE(trim(BOTH ' \t\n\x0B\x0C\r' FROM line), '') AS t FROM (SELECT _path AS file, line FROM file('data/eat/logs/tracking.log-*.gz', 'LineAsString', 'line String')) AS input_lines
),
p AS (
  SELECT file, CASE WHEN t = '' OR t LIKE '#%' THEN 1 ELSE 0 END AS is_comment,
    CASE WHEN t = '' OR t LIKE '#%' THEN NULL ELSE if(isValidJSON(t), t, NULL) END AS doc, t
  FROM l
),
pj AS (
  SELECT file, is_comment, doc, CASE WHEN doc IS NULL THEN NULL WHEN t LIKE '{%' THEN 'object' ELSE 'other' END AS k_doc FROM p
),
ev_m AS (
  SELECT file, is_comment, k_doc, doc AS members FROM pj
),
ev AS (
  SELECT file, is_comment, k_doc,
    if(JSONHas(members, 'time'), JSONExtractRaw(members, 'time'), NULL) AS v_time,
    if(JSONHas(members, 'event_type'), JSONExtractRaw(members, 'event_type'), NULL) AS v_event_type,
    if(JSONHas(members, 'event_source'), JSONExtractRaw(members, 'event_source'), NULL) AS v_event_source,
    if(JSONHas(members, 'username'), JSONExtractRaw(members, 'username'), NULL) AS v_username,
    if(JSONHas(members, 'page'), JSONExtractRaw(members, 'page'), NULL) AS v_page,
    if(JSONHas(members, 'context'), JSONExtractRaw(members, 'context'), NULL) AS v_context,
    if(JSONHas(members, 'context', 'course_id'), JSONExtractRaw(members, 'context', 'course_id'), NULL) AS v_ctx_course,
    if(JSONHas(members, 'context', 'user_id'), JSONExtractRaw(members, 'context', 'user_id'), NULL) AS v_ctx_user,
    if(JSONHas(members, 'context', 'path'), JSONExtractRaw(members, 'context', 'path'), NULL) AS v_ctx_path,
    if(JSONHas(members, 'event'), JSONExtractRaw(members, 'event'), NULL) AS v_event
  FROM ev_m
),
evk AS (
  SELECT ev.*,
    CASE WHEN toString(JSONType(v_time)) IS NULL THEN NULL WHEN toString(JSONType(v_time)) = 'String' THEN 'string' WHEN toString(JSONType(v_time)) = 'Object' THEN 'object' WHEN toString(JSONType(v_time)) = 'Null' THEN 'null' WHEN toString(JSONType(v_time)) IN ('Int64', 'UInt64', 'Double') THEN 'number' ELSE 'other' END AS k_time,
    CASE WHEN toString(JSONType(v_event_type)) IS NULL THEN NULL WHEN toString(JSONType(v_event_type)) = 'String' THEN 'string' WHEN toString(JSONType(v_event_type)) = 'Object' THEN 'object' WHEN toString(JSONType(v_event_type)) = 'Null' THEN 'null' WHEN toString(JSONType(v_event_type)) IN ('Int64', 'UInt64', 'Double') THEN 'number' ELSE 'other' END AS k_event_type,
    CASE WHEN toString(JSONType(v_event_source)) IS NULL THEN NULL WHEN toString(JSONType(v_event_source)) = 'String' THEN 'string' WHEN toString(JSONType(v_event_source)) = 'Object' THEN 'object' WHEN toString(JSONType(v_event_source)) = 'Null' THEN 'null' WHEN toString(JSONType(v_event_source)) IN ('Int64', 'UInt64', 'Double') THEN 'number' ELSE 'other' END AS k_event_source,
    CASE WHEN toString(JSONType(v_username)) IS NULL THEN NULL WHEN toString(JSONType(v_username)) = 'String' THEN 'string' WHEN toString(JSONType(v_username)) = 'Object' THEN 'object' WHEN toString(JSONType(v_username)) = 'Null' THEN 'null' WHEN toString(JSONType(v_username)) IN ('Int64', 'UInt64', 'Double') THEN 'number' ELSE 'other' END AS k_username,
    CASE WHEN toString(JSONType(v_page)) IS NULL THEN NULL WHEN toString(JSONType(v_page)) = 'String' THEN 'string' WHEN toString(JSONType(v_page)) = 'Object' THEN 'object' WHEN toString(JSONType(v_page)) = 'Null' THEN 'null' WHEN toString(JSONType(v_page)) IN ('Int64', 'UInt64', 'Double') THEN 'number' ELSE 'other' END AS k_page,
    CASE WHEN toString(JSONType(v_context)) IS NULL THEN NULL WHEN toString(JSONType(v_context)) = 'String' THEN 'string' WHEN toString(JSONType(v_context)) = 'Object' THEN 'object' WHEN toString(JSONType(v_context)) = 'Null' THEN 'null' WHEN toString(JSONType(v_context)) IN ('Int64', 'UInt64', 'Double') THEN 'number' ELSE 'other' END AS k_context,
    CASE WHEN toString(JSONType(v_ctx_course)) IS NULL THEN NULL WHEN toString(JSONType(v_ctx_course)) = 'String' THEN 'string' WHEN toString(JSONType(v_ctx_course)) = 'Object' THEN 'object' WHEN toString(JSONType(v_ctx_course)) = 'Null' THEN 'null' WHEN toString(JSONType(v_ctx_course)) IN ('Int64', 'UInt64', 'Double') THEN 'number' ELSE 'other' END AS k_ctx_course,
    CASE WHEN toString(JSONType(v_ctx_user)) IS NULL THEN NULL WHEN toString(JSONType(v_ctx_user)) = 'String' THEN 'string' WHEN toString(JSONType(v_ctx_user)) = 'Object' THEN 'object' WHEN toString(JSONType(v_ctx_user)) = 'Null' THEN 'null' WHEN toString(JSONType(v_ctx_user)) IN ('Int64', 'UInt64', 'Double') THEN 'number' ELSE 'other' END AS k_ctx_user,
    CASE WHEN toString(JSONType(v_ctx_path)) IS NULL THEN NULL WHEN toString(JSONType(v_ctx_path)) = 'String' THEN 'string' WHEN toString(JSONType(v_ctx_path)) = 'Object' THEN 'object' WHEN toString(JSONType(v_ctx_path)) = 'Null' THEN 'null' WHEN toString(JSONType(v_ctx_path)) IN ('Int64', 'UInt64', 'Double') THEN 'number' ELSE 'other' END AS k_ctx_path,
    CASE WHEN toString(JSONType(v_event)) IS NULL THEN NULL WHEN toString(JSONType(v_event)) = 'String' THEN 'string' WHEN toString(JSONType(v_event)) = 'Object' THEN 'object' WHEN toString(JSONType(v_event)) = 'Null' THEN 'null' WHEN toString(JSONType(v_event)) IN ('Int64', 'UInt64', 'Double') THEN 'number' ELSE 'other' END AS k_event
  FROM ev
),
f AS (
  SELECT file,
    CASE WHEN is_comment = 1 THEN 'comment or blank line'
      WHEN COALESCE(k_doc, '') <> 'object' OR NOT COALESCE(k_time, 'null') IN ('string', 'null') OR NOT COALESCE(k_event_type, 'null') IN ('string', 'null') OR NOT COALESCE(k_event_source, 'null') IN ('string', 'null') OR NOT COALESCE(k_username, 'null') IN ('string', 'null') OR NOT COALESCE(k_page, 'null') IN ('string', 'null') OR NOT COALESCE(k_ctx_course, 'null') IN ('string', 'null') OR NOT COALESCE(k_ctx_path, 'null') IN ('string', 'null')
        OR COALESCE(k_context, 'null') NOT IN ('object', 'null') OR NOT (COALESCE(k_ctx_user, 'null') IN ('string', 'null') OR k_ctx_user = 'number' AND match(v_ctx_user, '^(?:[0-9]+)$')) THEN 'malformed JSON'
      WHEN COALESCE(CASE WHEN k_event_source = 'string' THEN JSONExtractString(v_event_source) END, '') = 'task' THEN 'task event' END AS skip,
    COALESCE(CASE WHEN k_time = 'string' THEN JSONExtractString(v_time) END, '') AS time,
    COALESCE(CASE WHEN k_event_type = 'string' THEN JSONExtractString(v_event_type) END, '') AS event_type,
    COALESCE(CASE WHEN k_event_source = 'string' THEN JSONExtractString(v_event_source) END, '') AS event_source,
    COALESCE(CASE WHEN k_username = 'string' THEN JSONExtractString(v_username) END, '') AS username,
    COALESCE(CASE WHEN k_page = 'string' THEN JSONExtractString(v_page) END, '') AS page,
    COALESCE(CASE WHEN k_ctx_course = 'string' THEN JSONExtractString(v_ctx_course) END, '') AS ctx_course,
    COALESCE(CASE WHEN k_ctx_user = 'string' THEN JSONExtractString(v_ctx_user) WHEN k_ctx_user = 'number' THEN v_ctx_user END, '') AS ctx_user,
    v_event, k_event
  FROM evk
),
k AS (
  SELECT f.*, CASE
    WHEN event_type = 'problem_check' THEN 'problem'
    WHEN event_type IN ('play_video', 'pause_video', 'seek_video', 'stop_video', 'load_video') THEN 'video'
    WHEN event_type IN ('seq_goto', 'seq_next', 'seq_prev') THEN 'page'
    WHEN event_type LIKE '/%' THEN 'page'
    WHEN event_type LIKE 'edx.video.%' THEN 'video'
    WHEN event_type LIKE 'edx.forum.%' THEN 'forum'
    WHEN event_type LIKE 'edx.ui.lms.%' THEN 'page'
    WHEN event_type LIKE 'edx.course.enrollment.%' THEN 'enrollment'
    ELSE 'other' END AS kind FROM f
),
pl AS (
  SELECT k.*, CASE WHEN skip IS NULL AND (kind = 'enrollment' OR kind = 'problem' AND event_source = 'server') THEN CASE k_event WHEN 'object' THEN v_event WHEN 'string' THEN if(isValidJSON(JSONExtractString(v_event)), JSONExtractString(v_event), NULL) END END AS pdoc FROM k
),
plk AS (
  SELECT pl.*, CASE WHEN toString(JSONType(pdoc)) IS NULL THEN NULL WHEN toString(JSONType(pdoc)) = 'String' THEN 'string' WHEN toString(JSONType(pdoc)) = 'Object' THEN 'object' WHEN toString(JSONType(pdoc)) = 'Null' THEN 'null' WHEN toString(JSONType(pdoc)) IN ('Int64', 'UInt64', 'Double') THEN 'number' ELSE 'other' END AS k_pdoc FROM pl
),
pv_m AS (
  SELECT file, skip, time, event_type, event_source, username, page, ctx_course, ctx_user, kind, k_pdoc, pdoc AS members FROM plk
),
pv AS (
  SELECT file, skip, time, event_type, event_source, username, page, ctx_course, ctx_user, kind, k_pdoc,
    if(JSONHas(members, 'course_id'), JSONExtractRaw(members, 'course_id'), NULL) AS v_pl_course,
    if(JSONHas(members, 'user_id'), JSONExtractRaw(members, 'user_id'), NULL) AS v_pl_user,
    if(JSONHas(members, 'problem_id'), JSONExtractRaw(members, 'problem_id'), NULL) AS v_pl_problem,
    if(JSONHas(members, 'success'), JSONExtractRaw(members, 'success'), NULL) AS v_pl_success,
    if(JSONHas(members, 'attempts'), JSONExtractRaw(members, 'attempts'), NULL) AS v_pl_attempts
  FROM pv_m
),
pvk AS (
  SELECT pv.*,
    CASE WHEN toString(JSONType(v_pl_course)) IS NULL THEN NULL WHEN toString(JSONType(v_pl_course)) = 'String' THEN 'string' WHEN toString(JSONType(v_pl_course)) = 'Object' THEN 'object' WHEN toString(JSONType(v_pl_course)) = 'Null' THEN 'null' WHEN toString(JSONType(v_pl_course)) IN ('Int64', 'UInt64', 'Double') THEN 'number' ELSE 'other' END AS k_pl_course,
    CASE WHEN toString(JSONType(v_pl_user)) IS NULL THEN NULL WHEN toString(JSONType(v_pl_user)) = 'String' THEN 'string' WHEN toString(JSONType(v_pl_user)) = 'Object' THEN 'object' WHEN toString(JSONType(v_pl_user)) = 'Null' THEN 'null' WHEN toString(JSONType(v_pl_user)) IN ('Int64', 'UInt64', 'Double') THEN 'number' ELSE 'other' END AS k_pl_user,
    CASE WHEN toString(JSONType(v_pl_problem)) IS NULL THEN NULL WHEN toString(JSONType(v_pl_problem)) = 'String' THEN 'string' WHEN toString(JSONType(v_pl_problem)) = 'Object' THEN 'object' WHEN toString(JSONType(v_pl_problem)) = 'Null' THEN 'null' WHEN toString(JSONType(v_pl_problem)) IN ('Int64', 'UInt64', 'Double') THEN 'number' ELSE 'other' END AS k_pl_problem,
    CASE WHEN toString(JSONType(v_pl_success)) IS NULL THEN NULL WHEN toString(JSONType(v_pl_success)) = 'String' THEN 'string' WHEN toString(JSONType(v_pl_success)) = 'Object' THEN 'object' WHEN toString(JSONType(v_pl_success)) = 'Null' THEN 'null' WHEN toString(JSONType(v_pl_success)) IN ('Int64', 'UInt64', 'Double') THEN 'number' ELSE 'other' END AS k_pl_success,
    CASE WHEN toString(JSONType(v_pl_attempts)) IS NULL THEN NULL WHEN toString(JSONType(v_pl_attempts)) = 'String' THEN 'string' WHEN toString(JSONType(v_pl_attempts)) = 'Object' THEN 'object' WHEN toString(JSONType(v_pl_attempts)) = 'Null' THEN 'null' WHEN toString(JSONType(v_pl_attempts)) IN ('Int64', 'UInt64', 'Double') THEN 'number' ELSE 'other' END AS k_pl_attempts
  FROM pv
),
pp AS (
  SELECT pvk.*,
    CASE WHEN k_pdoc = 'object' AND COALESCE(k_pl_course, 'null') IN ('string', 'null') AND (COALESCE(k_pl_user, 'null') IN ('string', 'null') OR k_pl_user = 'number' AND match(v_pl_user, '^(?:[0-9]+)$')) THEN 1 ELSE 0 END AS p_ok,
    COALESCE(CASE WHEN k_pl_course = 'string' THEN JSONExtractString(v_pl_course) END, '') AS p_course, COALESCE(CASE WHEN k_pl_user = 'string' THEN JSONExtractString(v_pl_user) WHEN k_pl_user = 'number' THEN v_pl_user END, '') AS p_user, COALESCE(CASE WHEN k_pl_problem = 'string' THEN JSONExtractString(v_pl_problem) END, '') AS p_problem, COALESCE(CASE WHEN k_pl_success = 'string' THEN JSONExtractString(v_pl_success) END, '') AS p_success,
    CASE WHEN k_pl_attempts = 'number' AND v_pl_attempts = '1' THEN 1 ELSE 0 END AS p_first,
    CASE WHEN event_type LIKE '/courses/course-v1:%' THEN COALESCE(extract(event_type, '^/courses/([^/]*)'), '') WHEN event_type LIKE '/courses/%' THEN COALESCE(extract(event_type, '^/courses/([^/]+/[^/]+/[^/]+)'), '') ELSE '' END AS path_course,
    CASE WHEN (CASE WHEN position(page, '://') > 0 THEN COALESCE(extract(page, '://[^/]*(/[^?#]*)'), '') ELSE COALESCE(extract(page, '^([^?#]*)'), '') END) LIKE '/courses/course-v1:%' THEN COALESCE(extract((CASE WHEN position(page, '://') > 0 THEN COALESCE(extract(page, '://[^/]*(/[^?#]*)'), '') ELSE COALESCE(extract(page, '^([^?#]*)'), '') END), '^/courses/([^/]*)'), '') WHEN (CASE WHEN position(page, '://') > 0 THEN COALESCE(extract(page, '://[^/]*(/[^?#]*)'), '') ELSE COALESCE(extract(page, '^([^?#]*)'), '') END) LIKE '/courses/%' THEN COALESCE(extract((CASE WHEN position(page, '://') > 0 THEN COALESCE(extract(page, '://[^/]*(/[^?#]*)'), '') ELSE COALESCE(extract(page, '^([^?#]*)'), '') END), '^/courses/([^/]+/[^/]+/[^/]+)'), '') ELSE '' END AS page_course
  FROM pvk
),
c AS (
  SELECT pp.*,
    CASE WHEN ctx_course <> '' THEN ctx_course WHEN path_course <> '' THEN path_course WHEN kind = 'enrollment' AND p_ok = 1 AND p_course <> '' THEN p_course
      WHEN prm.page_rule = 1 AND event_source = 'browser' AND page_course <> '' THEN page_course ELSE '' END AS course,
    CASE WHEN prm.learner_id = 'username' AND pp.username <> '' AND prof.id IS NOT NULL THEN prof.id
      WHEN ctx_user <> '' THEN ctx_user
      WHEN pp.username <> '' AND prof.id IS NOT NULL THEN prof.id
      WHEN kind = 'enrollment' AND p_ok = 1 THEN p_user ELSE '' END AS user_id,
    CASE WHEN match(time, '^(?:[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T([01]?[0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]([.,][0-9]+)?(Z|[+-]([01][0-9]|2[0-4]):([0-5][0-9]|60))?)$') THEN toUnixTimestamp(parseDateTimeOrNull(substring(time, 1, 10) || 'T00:00:00', '%Y-%m-%dT%H:%i:%S', 'UTC')) * 1000
      + CAST(extract(time, 'T([0-9][0-9]?):') AS Int64) * 3600000 + CAST(extract(time, 'T[0-9][0-9]?:([0-9][0-9])') AS Int64) * 60000 + CAST(extract(time, 'T[0-9][0-9]?:[0-9][0-9]:([0-9][0-9])') AS Int64) * 1000
      + CAST(substring(COALESCE(extract(time, ':[0-9][0-9][.,]([0-9]+)'), '') || '000', 1, 3) AS Int64) - (CASE WHEN COALESCE(extract(time, '([+-][0-9][0-9]:[0-9][0-9])$'), '') = '' THEN 0 ELSE (CASE WHEN substring(COALESCE(extract(time, '([+-][0-9][0-9]:[0-9][0-9])$'), ''), 1, 1) = '-' THEN -1 ELSE 1 END) * (CAST(substring(COALESCE(extract(time, '([+-][0-9][0-9]:[0-9][0-9])$'), ''), 2, 2) AS Int64) * 60 + CAST(substring(COALESCE(extract(time, '([+-][0-9][0-9]:[0-9][0-9])$'), ''), 5, 2) AS Int64)) END) * 60000 END AS ms,
    prm.course_id AS want_course, prm.week_start_ms
  FROM pp CROSS JOIN mr_params AS prm LEFT JOIN mr_profile AS prof ON prof.username = pp.username
),
s AS (
  SELECT c.*,
    CASE WHEN skip IS NOT NULL THEN skip
      WHEN course = '' THEN 'no course id'
      WHEN course <> want_course THEN 'other course'
      WHEN user_id = '' THEN 'no learner id'
      WHEN ms IS NULL THEN 'bad timestamp'
      ELSE 'ok' END AS status
  FROM c
),
w AS (
  SELECT s.*, CASE WHEN status = 'ok' THEN intDiv(ms - week_start_ms - modulo(modulo(ms - week_start_ms, 86400000) + 86400000, 86400000), 86400000) END AS ev_day,
    position(event_type, '/courseware/') AS ci_type, position(page, '/courseware/') AS ci_page
  FROM s
),
h AS (
  SELECT w.*, CASE WHEN ci_type > 0 AND position(substring(event_type, 1, ci_type - 1), '/courses/') > 0 THEN COALESCE(extract(substring(event_type, ci_type + 12, 1073741824), '^([^/?#]*)'), '') ELSE '' END AS ch_type, CASE WHEN ci_page > 0 AND position(substring(page, 1, ci_page - 1), '/courses/') > 0 THEN COALESCE(extract(substring(page, ci_page + 12, 1073741824), '^([^/?#]*)'), '') ELSE '' END AS ch_page FROM w
)
SELECT file, status, user_id, kind, event_type, event_source, ms, ev_day, intDiv(ev_day - modulo(modulo(ev_day, 7) + 7, 7), 7) + 1 AS week,
  CASE WHEN status <> 'ok' OR kind = 'enrollment' THEN '' WHEN ch_type <> '' THEN ch_type ELSE ch_page END AS chapter,
  CASE WHEN status = 'ok' AND kind = 'problem' AND p_ok = 1 THEN p_problem ELSE '' END AS problem_id,
  p_first AS first_attempt, CASE WHEN p_first = 1 AND p_success = 'correct' THEN 1 ELSE 0 END AS first_correct
FROM h;

-- Sessions per learner week: events further apart than the gap start a new one; a session counts in the week it starts.
CREATE TABLE mr_sessions ENGINE = MergeTree ORDER BY tuple() AS
WITH g AS (
  SELECT user_id, ms,
    CASE WHEN ms - lagInFrame(toNullable(ms)) OVER (PARTITION BY user_id ORDER BY ms ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) <= prm.session_gap_ms THEN 0 ELSE 1 END AS starts
  FROM mr_events CROSS JOIN mr_params AS prm WHERE status = 'ok' AND kind <> 'enrollment'
),
n AS (
  SELECT user_id, ms, SUM(starts) OVER (PARTITION BY user_id ORDER BY ms ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS session_no
  FROM g
),
spans AS (
  SELECT user_id, MIN(ms) AS first_ms, MAX(ms) AS last_ms FROM n GROUP BY user_id, session_no
),
weeks AS (
  SELECT user_id, intDiv(first_ms - prm.week_start_ms - modulo(modulo(first_ms - prm.week_start_ms, 604800000) + 604800000, 604800000), 604800000) + 1 AS week, intDiv(last_ms - first_ms, 1000) AS seconds
  FROM spans CROSS JOIN mr_params AS prm
)
SELECT user_id, week, COUNT(*) AS sessions, SUM(seconds) AS seconds FROM weeks GROUP BY user_id, week;

-- The settings used and the number of distinct chapters seen.
CREATE TABLE activity_course ENGINE = MergeTree ORDER BY tuple() AS
SELECT prm.course_id, prm.week_start_ms, prm.session_gap_ms, prm.learner_id, prm.page_rule, ch.chapters
FROM mr_params AS prm CROSS JOIN (SELECT CAST(COUNT(DISTINCT chapter) AS Int64) AS chapters FROM mr_events WHERE status = 'ok' AND kind <> 'enrollment' AND chapter <> '') AS ch;

-- Lines per file and why those not counted were skipped.
CREATE TABLE activity_files ENGINE = MergeTree ORDER BY tuple() AS
SELECT file, CAST(COUNT(*) AS Int64) AS lines,
  CAST(SUM(CASE WHEN status = 'comment or blank line' THEN 1 ELSE 0 END) AS Int64) AS comment,
  CAST(SUM(CASE WHEN status = 'malformed JSON' THEN 1 ELSE 0 END) AS Int64) AS malformed,
  CAST(SUM(CASE WHEN status = 'task event' THEN 1 ELSE 0 END) AS Int64) AS task,
  CAST(SUM(CASE WHEN status = 'other course' THEN 1 ELSE 0 END) AS Int64) AS other_course,
  CAST(SUM(CASE WHEN status = 'no course id' THEN 1 ELSE 0 END) AS Int64) AS no_course,
  CAST(SUM(CASE WHEN status = 'no learner id' THEN 1 ELSE 0 END) AS Int64) AS no_learner,
  CAST(SUM(CASE WHEN status = 'bad timestamp' THEN 1 ELSE 0 END) AS Int64) AS bad_timestamp
FROM mr_events GROUP BY file;

-- Events per kind, active days, sessions and seconds per learner and course week.
CREATE TABLE activity_weeks ENGINE = MergeTree ORDER BY tuple() AS
WITH t AS (
  SELECT user_id, week, CAST(SUM(CASE WHEN kind = 'other' THEN 1 ELSE 0 END) AS Int64) AS other,
    CAST(SUM(CASE WHEN kind = 'page' THEN 1 ELSE 0 END) AS Int64) AS page,
    CAST(SUM(CASE WHEN kind = 'video' THEN 1 ELSE 0 END) AS Int64) AS video,
    CAST(SUM(CASE WHEN kind = 'problem' THEN 1 ELSE 0 END) AS Int64) AS problem,
    CAST(SUM(CASE WHEN kind = 'forum' THEN 1 ELSE 0 END) AS Int64) AS forum,
    CAST(SUM(CASE WHEN kind = 'enrollment' THEN 1 ELSE 0 END) AS Int64) AS enrollment,
    CAST(SUM(CASE WHEN kind <> 'enrollment' AND event_type = 'play_video' AND event_source IN ('browser', 'mobile') THEN 1 ELSE 0 END) AS Int64) AS played_video,
    CAST(SUM(CASE WHEN kind <> 'enrollment' AND event_type = 'problem_check' AND event_source = 'server' THEN 1 ELSE 0 END) AS Int64) AS attempted_problem,
    CAST(SUM(CASE WHEN kind <> 'enrollment' AND event_source = 'server' AND event_type LIKE 'edx.forum.%' AND event_type LIKE '%.created' THEN 1 ELSE 0 END) AS Int64) AS posted_forum,
    CAST(COUNT(DISTINCT CASE WHEN kind <> 'enrollment' THEN ev_day END) AS Int64) AS days
  FROM mr_events WHERE status = 'ok' GROUP BY user_id, week
)
SELECT t.*, CAST(COALESCE(s.sessions, 0) AS Int64) AS sessions, CAST(COALESCE(s.seconds, 0) AS Int64) AS seconds
FROM t LEFT JOIN mr_sessions AS s ON s.user_id = t.user_id AND s.week = t.week;

-- Distinct chapters each learner visited.
CREATE TABLE activity_reach ENGINE = MergeTree ORDER BY tuple() AS
SELECT user_id, CAST(COUNT(DISTINCT chapter) AS Int64) AS chapters FROM mr_events WHERE status = 'ok' AND kind <> 'enrollment' AND chapter <> '' GROUP BY user_id;

-- Server-graded problem submissions: learners, first attempts, correct first attempts.
CREATE TABLE activity_problems ENGINE = MergeTree ORDER BY tuple() AS
SELECT problem_id, CAST(COUNT(DISTINCT user_id) AS Int64) AS learners,
  CAST(SUM(first_attempt) AS Int64) AS first_attempts, CAST(SUM(first_correct) AS Int64) AS first_correct
FROM mr_events WHERE status = 'ok' AND problem_id <> '' GROUP BY problem_id;

-- Each learner's last enrolment and, if later, unenrolment (unix ms).
CREATE TABLE activity_enrolments ENGINE = MergeTree ORDER BY tuple() AS
WITH e AS (
  SELECT user_id,
    MAX(CASE WHEN event_type = 'edx.course.enrollment.activated' THEN ms END) AS on_ms,
    MAX(CASE WHEN event_type = 'edx.course.enrollment.deactivated' THEN ms END) AS off_ms
  FROM mr_events
  WHERE status = 'ok' AND event_type IN ('edx.course.enrollment.activated', 'edx.course.enrollment.deactivated')
  GROUP BY user_id
)
SELECT user_id, on_ms AS enrolled_ms, CASE WHEN off_ms IS NOT NULL AND (on_ms IS NULL OR off_ms >= on_ms) THEN off_ms END AS unenrolled_ms FROM e;

-- The result tables, one folder or file each, for moocreport's edx-activity source.
INSERT INTO FUNCTION file('activity/eat/course.parquet', 'Parquet')
SELECT * FROM activity_course ORDER BY course_id;
INSERT INTO FUNCTION file('activity/eat/files.parquet', 'Parquet')
SELECT * FROM activity_files ORDER BY file;
INSERT INTO FUNCTION file('activity/eat/weeks.parquet', 'Parquet')
SELECT * FROM activity_weeks ORDER BY user_id, week;
INSERT INTO FUNCTION file('activity/eat/reach.parquet', 'Parquet')
SELECT * FROM activity_reach ORDER BY user_id;
INSERT INTO FUNCTION file('activity/eat/problems.parquet', 'Parquet')
SELECT * FROM activity_problems ORDER BY problem_id;
INSERT INTO FUNCTION file('activity/eat/enrolments.parquet', 'Parquet')
SELECT * FROM activity_enrolments ORDER BY user_id;
