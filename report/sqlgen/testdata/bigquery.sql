-- moocreport sql -engine bigquery: tracking logs of course eat (course-v1:NordhavnX+EAT101x+1T2026)
--
-- Computes from the logs what moocreport computes from them natively (source
-- format edx-tracking), as the tables activity_course, _files, _weeks,
-- _reach, _problems and _enrolments, written to gs://nordhavn-moocreport/activity/eat/ for a source of
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
-- Input: gs://nordhavn-edx-logs/eat/tracking.log-*.gz
-- Run: bq mk moocreport (once), then bq query --use_legacy_sql=false "$(cat eat.sql)"

-- The settings (see the header).
CREATE TEMP TABLE mr_params AS
SELECT CAST('course-v1:NordhavnX+EAT101x+1T2026' AS STRING) AS course_id, CAST(1772409600000 AS INT64) AS week_start_ms, CAST(1800000 AS INT64) AS session_gap_ms, CAST('user_id' AS STRING) AS learner_id, CAST(1 AS INT64) AS page_rule;

-- Usernames → user ids from the course's profile export (edx-profile).
CREATE OR REPLACE EXTERNAL TABLE moocreport.mr_profile_csv_1
OPTIONS (format = 'CSV', uris = ['gs://nordhavn-edx-exports/eat/NordhavnX_EAT101x_1T2026_student_profile_info_2026-05-11.csv'], skip_leading_rows = 1);
CREATE TEMP TABLE mr_profile AS
SELECT username, MAX(id) AS id FROM (SELECT CAST(username AS STRING) AS username, CAST(id AS STRING) AS id FROM moocreport.mr_profile_csv_1 AS profile) AS profiles WHERE username <> '' GROUP BY username;

-- One row per line: why it is not counted (status), or what it counts for.
CREATE OR REPLACE EXTERNAL TABLE moocreport.tracking_lines (line STRING)
OPTIONS (format = 'CSV', uris = ['gs://nordhavn-edx-logs/eat/tracking.log-*.gz'], field_delimiter = '\x01', quote = '', preserve_ascii_control_characters = true, compression = 'GZIP');
CREATE TEMP TABLE mr_events AS
WITH l AS (
  SELECT file, COALESCE(TRIM(line, CODE_POINTS_TO_STRING([32, 9, 10, 11, 12, 13])), '') AS t FROM (SELECT _FILE_NAME AS file, line FROM moocreport.tracking_lines) AS input_lines
),
p AS (
  SELECT file, CASE WHEN t = '' OR t LIKE '#%' THEN 1 ELSE 0 END AS is_comment,
    CASE WHEN t = '' OR t LIKE '#%' THEN NULL ELSE SAFE.PARSE_JSON(t) END AS doc, t
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
    JSON_QUERY(members, '$.time') AS v_time,
    JSON_QUERY(members, '$.event_type') AS v_event_type,
    JSON_QUERY(members, '$.event_source') AS v_event_source,
    JSON_QUERY(members, '$.username') AS v_username,
    JSON_QUERY(members, '$.page') AS v_page,
    JSON_QUERY(members, '$.context') AS v_context,
    JSON_QUERY(members, '$.context.course_id') AS v_ctx_course,
    JSON_QUERY(members, '$.context.user_id') AS v_ctx_user,
    JSON_QUERY(members, '$.context.path') AS v_ctx_path,
    JSON_QUERY(members, '$.event') AS v_event
  FROM ev_m
),
evk AS (
  SELECT ev.*,
    CASE WHEN JSON_TYPE(v_time) IS NULL THEN NULL WHEN JSON_TYPE(v_time) = 'string' THEN 'string' WHEN JSON_TYPE(v_time) = 'object' THEN 'object' WHEN JSON_TYPE(v_time) = 'null' THEN 'null' WHEN JSON_TYPE(v_time) = 'number' THEN 'number' ELSE 'other' END AS k_time,
    CASE WHEN JSON_TYPE(v_event_type) IS NULL THEN NULL WHEN JSON_TYPE(v_event_type) = 'string' THEN 'string' WHEN JSON_TYPE(v_event_type) = 'object' THEN 'object' WHEN JSON_TYPE(v_event_type) = 'null' THEN 'null' WHEN JSON_TYPE(v_event_type) = 'number' THEN 'number' ELSE 'other' END AS k_event_type,
    CASE WHEN JSON_TYPE(v_event_source) IS NULL THEN NULL WHEN JSON_TYPE(v_event_source) = 'string' THEN 'string' WHEN JSON_TYPE(v_event_source) = 'object' THEN 'object' WHEN JSON_TYPE(v_event_source) = 'null' THEN 'null' WHEN JSON_TYPE(v_event_source) = 'number' THEN 'number' ELSE 'other' END AS k_event_source,
    CASE WHEN JSON_TYPE(v_username) IS NULL THEN NULL WHEN JSON_TYPE(v_username) = 'string' THEN 'string' WHEN JSON_TYPE(v_username) = 'object' THEN 'object' WHEN JSON_TYPE(v_username) = 'null' THEN 'null' WHEN JSON_TYPE(v_username) = 'number' THEN 'number' ELSE 'other' END AS k_username,
    CASE WHEN JSON_TYPE(v_page) IS NULL THEN NULL WHEN JSON_TYPE(v_page) = 'string' THEN 'string' WHEN JSON_TYPE(v_page) = 'object' THEN 'object' WHEN JSON_TYPE(v_page) = 'null' THEN 'null' WHEN JSON_TYPE(v_page) = 'number' THEN 'number' ELSE 'other' END AS k_page,
    CASE WHEN JSON_TYPE(v_context) IS NULL THEN NULL WHEN JSON_TYPE(v_context) = 'string' THEN 'string' WHEN JSON_TYPE(v_context) = 'object' THEN 'object' WHEN JSON_TYPE(v_context) = 'null' THEN 'null' WHEN JSON_TYPE(v_context) = 'number' THEN 'number' ELSE 'other' END AS k_context,
    CASE WHEN JSON_TYPE(v_ctx_course) IS NULL THEN NULL WHEN JSON_TYPE(v_ctx_course) = 'string' THEN 'string' WHEN JSON_TYPE(v_ctx_course) = 'object' THEN 'object' WHEN JSON_TYPE(v_ctx_course) = 'null' THEN 'null' WHEN JSON_TYPE(v_ctx_course) = 'number' THEN 'number' ELSE 'other' END AS k_ctx_course,
    CASE WHEN JSON_TYPE(v_ctx_user) IS NULL THEN NULL WHEN JSON_TYPE(v_ctx_user) = 'string' THEN 'string' WHEN JSON_TYPE(v_ctx_user) = 'object' THEN 'object' WHEN JSON_TYPE(v_ctx_user) = 'null' THEN 'null' WHEN JSON_TYPE(v_ctx_user) = 'number' THEN 'number' ELSE 'other' END AS k_ctx_user,
    CASE WHEN JSON_TYPE(v_ctx_path) IS NULL THEN NULL WHEN JSON_TYPE(v_ctx_path) = 'string' THEN 'string' WHEN JSON_TYPE(v_ctx_path) = 'object' THEN 'object' WHEN JSON_TYPE(v_ctx_path) = 'null' THEN 'null' WHEN JSON_TYPE(v_ctx_path) = 'number' THEN 'number' ELSE 'other' END AS k_ctx_path,
    CASE WHEN JSON_TYPE(v_event) IS NULL THEN NULL WHEN JSON_TYPE(v_event) = 'string' THEN 'string' WHEN JSON_TYPE(v_event) = 'object' THEN 'object' WHEN JSON_TYPE(v_event) = 'null' THEN 'null' WHEN JSON_TYPE(v_event) = 'number' THEN 'number' ELSE 'other' END AS k_event
  FROM ev
),
f AS (
  SELECT file,
    CASE WHEN is_comment = 1 THEN 'comment or blank line'
      WHEN COALESCE(k_doc, '') <> 'object' OR NOT COALESCE(k_time, 'null') IN ('string', 'null') OR NOT COALESCE(k_event_type, 'null') IN ('string', 'null') OR NOT COALESCE(k_event_source, 'null') IN ('string', 'null') OR NOT COALESCE(k_username, 'null') IN ('string', 'null') OR NOT COALESCE(k_page, 'null') IN ('string', 'null') OR NOT COALESCE(k_ctx_course, 'null') IN ('string', 'null') OR NOT COALESCE(k_ctx_path, 'null') IN ('string', 'null')
        OR COALESCE(k_context, 'null') NOT IN ('object', 'null') OR NOT (COALESCE(k_ctx_user, 'null') IN ('string', 'null') OR k_ctx_user = 'number' AND REGEXP_CONTAINS(TO_JSON_STRING(v_ctx_user), '^(?:[0-9]+)$')) THEN 'malformed JSON'
      WHEN COALESCE(CASE WHEN k_event_source = 'string' THEN JSON_VALUE(v_event_source) END, '') = 'task' THEN 'task event' END AS skip,
    COALESCE(CASE WHEN k_time = 'string' THEN JSON_VALUE(v_time) END, '') AS time,
    COALESCE(CASE WHEN k_event_type = 'string' THEN JSON_VALUE(v_event_type) END, '') AS event_type,
    COALESCE(CASE WHEN k_event_source = 'string' THEN JSON_VALUE(v_event_source) END, '') AS event_source,
    COALESCE(CASE WHEN k_username = 'string' THEN JSON_VALUE(v_username) END, '') AS username,
    COALESCE(CASE WHEN k_page = 'string' THEN JSON_VALUE(v_page) END, '') AS page,
    COALESCE(CASE WHEN k_ctx_course = 'string' THEN JSON_VALUE(v_ctx_course) END, '') AS ctx_course,
    COALESCE(CASE WHEN k_ctx_user = 'string' THEN JSON_VALUE(v_ctx_user) WHEN k_ctx_user = 'number' THEN TO_JSON_STRING(v_ctx_user) END, '') AS ctx_user,
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
  SELECT k.*, CASE WHEN skip IS NULL AND (kind = 'enrollment' OR kind = 'problem' AND event_source = 'server') THEN CASE k_event WHEN 'object' THEN v_event WHEN 'string' THEN SAFE.PARSE_JSON(JSON_VALUE(v_event)) END END AS pdoc FROM k
),
plk AS (
  SELECT pl.*, CASE WHEN JSON_TYPE(pdoc) IS NULL THEN NULL WHEN JSON_TYPE(pdoc) = 'string' THEN 'string' WHEN JSON_TYPE(pdoc) = 'object' THEN 'object' WHEN JSON_TYPE(pdoc) = 'null' THEN 'null' WHEN JSON_TYPE(pdoc) = 'number' THEN 'number' ELSE 'other' END AS k_pdoc FROM pl
),
pv_m AS (
  SELECT file, skip, time, event_type, event_source, username, page, ctx_course, ctx_user, kind, k_pdoc, pdoc AS members FROM plk
),
pv AS (
  SELECT file, skip, time, event_type, event_source, username, page, ctx_course, ctx_user, kind, k_pdoc,
    JSON_QUERY(members, '$.course_id') AS v_pl_course,
    JSON_QUERY(members, '$.user_id') AS v_pl_user,
    JSON_QUERY(members, '$.problem_id') AS v_pl_problem,
    JSON_QUERY(members, '$.success') AS v_pl_success,
    JSON_QUERY(members, '$.attempts') AS v_pl_attempts
  FROM pv_m
),
pvk AS (
  SELECT pv.*,
    CASE WHEN JSON_TYPE(v_pl_course) IS NULL THEN NULL WHEN JSON_TYPE(v_pl_course) = 'string' THEN 'string' WHEN JSON_TYPE(v_pl_course) = 'object' THEN 'object' WHEN JSON_TYPE(v_pl_course) = 'null' THEN 'null' WHEN JSON_TYPE(v_pl_course) = 'number' THEN 'number' ELSE 'other' END AS k_pl_course,
    CASE WHEN JSON_TYPE(v_pl_user) IS NULL THEN NULL WHEN JSON_TYPE(v_pl_user) = 'string' THEN 'string' WHEN JSON_TYPE(v_pl_user) = 'object' THEN 'object' WHEN JSON_TYPE(v_pl_user) = 'null' THEN 'null' WHEN JSON_TYPE(v_pl_user) = 'number' THEN 'number' ELSE 'other' END AS k_pl_user,
    CASE WHEN JSON_TYPE(v_pl_problem) IS NULL THEN NULL WHEN JSON_TYPE(v_pl_problem) = 'string' THEN 'string' WHEN JSON_TYPE(v_pl_problem) = 'object' THEN 'object' WHEN JSON_TYPE(v_pl_problem) = 'null' THEN 'null' WHEN JSON_TYPE(v_pl_problem) = 'number' THEN 'number' ELSE 'other' END AS k_pl_problem,
    CASE WHEN JSON_TYPE(v_pl_success) IS NULL THEN NULL WHEN JSON_TYPE(v_pl_success) = 'string' THEN 'string' WHEN JSON_TYPE(v_pl_success) = 'object' THEN 'object' WHEN JSON_TYPE(v_pl_success) = 'null' THEN 'null' WHEN JSON_TYPE(v_pl_success) = 'number' THEN 'number' ELSE 'other' END AS k_pl_success,
    CASE WHEN JSON_TYPE(v_pl_attempts) IS NULL THEN NULL WHEN JSON_TYPE(v_pl_attempts) = 'string' THEN 'string' WHEN JSON_TYPE(v_pl_attempts) = 'object' THEN 'object' WHEN JSON_TYPE(v_pl_attempts) = 'null' THEN 'null' WHEN JSON_TYPE(v_pl_attempts) = 'number' THEN 'number' ELSE 'other' END AS k_pl_attempts
  FROM pv
),
pp AS (
  SELECT pvk.*,
    CASE WHEN k_pdoc = 'object' AND COALESCE(k_pl_course, 'null') IN ('string', 'null') AND (COALESCE(k_pl_user, 'null') IN ('string', 'null') OR k_pl_user = 'number' AND REGEXP_CONTAINS(TO_JSON_STRING(v_pl_user), '^(?:[0-9]+)$')) THEN 1 ELSE 0 END AS p_ok,
    COALESCE(CASE WHEN k_pl_course = 'string' THEN JSON_VALUE(v_pl_course) END, '') AS p_course, COALESCE(CASE WHEN k_pl_user = 'string' THEN JSON_VALUE(v_pl_user) WHEN k_pl_user = 'number' THEN TO_JSON_STRING(v_pl_user) END, '') AS p_user, COALESCE(CASE WHEN k_pl_problem = 'string' THEN JSON_VALUE(v_pl_problem) END, '') AS p_problem, COALESCE(CASE WHEN k_pl_success = 'string' THEN JSON_VALUE(v_pl_success) END, '') AS p_success,
    CASE WHEN k_pl_attempts = 'number' AND TO_JSON_STRING(v_pl_attempts) = '1' THEN 1 ELSE 0 END AS p_first,
    CASE WHEN event_type LIKE '/courses/course-v1:%' THEN COALESCE(REGEXP_EXTRACT(event_type, '^/courses/([^/]*)'), '') WHEN event_type LIKE '/courses/%' THEN COALESCE(REGEXP_EXTRACT(event_type, '^/courses/([^/]+/[^/]+/[^/]+)'), '') ELSE '' END AS path_course,
    CASE WHEN (CASE WHEN STRPOS(page, '://') > 0 THEN COALESCE(REGEXP_EXTRACT(page, '://[^/]*(/[^?#]*)'), '') ELSE COALESCE(REGEXP_EXTRACT(page, '^([^?#]*)'), '') END) LIKE '/courses/course-v1:%' THEN COALESCE(REGEXP_EXTRACT((CASE WHEN STRPOS(page, '://') > 0 THEN COALESCE(REGEXP_EXTRACT(page, '://[^/]*(/[^?#]*)'), '') ELSE COALESCE(REGEXP_EXTRACT(page, '^([^?#]*)'), '') END), '^/courses/([^/]*)'), '') WHEN (CASE WHEN STRPOS(page, '://') > 0 THEN COALESCE(REGEXP_EXTRACT(page, '://[^/]*(/[^?#]*)'), '') ELSE COALESCE(REGEXP_EXTRACT(page, '^([^?#]*)'), '') END) LIKE '/courses/%' THEN COALESCE(REGEXP_EXTRACT((CASE WHEN STRPOS(page, '://') > 0 THEN COALESCE(REGEXP_EXTRACT(page, '://[^/]*(/[^?#]*)'), '') ELSE COALESCE(REGEXP_EXTRACT(page, '^([^?#]*)'), '') END), '^/courses/([^/]+/[^/]+/[^/]+)'), '') ELSE '' END AS page_course
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
    CASE WHEN REGEXP_CONTAINS(time, '^(?:[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T([01]?[0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]([.,][0-9]+)?(Z|[+-]([01][0-9]|2[0-4]):([0-5][0-9]|60))?)$') THEN UNIX_MILLIS(SAFE.PARSE_TIMESTAMP('%Y-%m-%dT%H:%M:%S', SUBSTR(time, 1, 10) || 'T00:00:00'))
      + CAST(REGEXP_EXTRACT(time, 'T([0-9][0-9]?):') AS INT64) * 3600000 + CAST(REGEXP_EXTRACT(time, 'T[0-9][0-9]?:([0-9][0-9])') AS INT64) * 60000 + CAST(REGEXP_EXTRACT(time, 'T[0-9][0-9]?:[0-9][0-9]:([0-9][0-9])') AS INT64) * 1000
      + CAST(SUBSTR(COALESCE(REGEXP_EXTRACT(time, ':[0-9][0-9][.,]([0-9]+)'), '') || '000', 1, 3) AS INT64) - (CASE WHEN COALESCE(REGEXP_EXTRACT(time, '([+-][0-9][0-9]:[0-9][0-9])$'), '') = '' THEN 0 ELSE (CASE WHEN SUBSTR(COALESCE(REGEXP_EXTRACT(time, '([+-][0-9][0-9]:[0-9][0-9])$'), ''), 1, 1) = '-' THEN -1 ELSE 1 END) * (CAST(SUBSTR(COALESCE(REGEXP_EXTRACT(time, '([+-][0-9][0-9]:[0-9][0-9])$'), ''), 2, 2) AS INT64) * 60 + CAST(SUBSTR(COALESCE(REGEXP_EXTRACT(time, '([+-][0-9][0-9]:[0-9][0-9])$'), ''), 5, 2) AS INT64)) END) * 60000 END AS ms,
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
  SELECT s.*, CASE WHEN status = 'ok' THEN DIV(ms - week_start_ms - MOD(MOD(ms - week_start_ms, 86400000) + 86400000, 86400000), 86400000) END AS ev_day,
    STRPOS(event_type, '/courseware/') AS ci_type, STRPOS(page, '/courseware/') AS ci_page
  FROM s
),
h AS (
  SELECT w.*, CASE WHEN ci_type > 0 AND STRPOS(SUBSTR(event_type, 1, ci_type - 1), '/courses/') > 0 THEN COALESCE(REGEXP_EXTRACT(SUBSTR(event_type, ci_type + 12, 1073741824), '^([^/?#]*)'), '') ELSE '' END AS ch_type, CASE WHEN ci_page > 0 AND STRPOS(SUBSTR(page, 1, ci_page - 1), '/courses/') > 0 THEN COALESCE(REGEXP_EXTRACT(SUBSTR(page, ci_page + 12, 1073741824), '^([^/?#]*)'), '') ELSE '' END AS ch_page FROM w
)
SELECT file, status, user_id, kind, event_type, event_source, ms, ev_day, DIV(ev_day - MOD(MOD(ev_day, 7) + 7, 7), 7) + 1 AS week,
  CASE WHEN status <> 'ok' OR kind = 'enrollment' THEN '' WHEN ch_type <> '' THEN ch_type ELSE ch_page END AS chapter,
  CASE WHEN status = 'ok' AND kind = 'problem' AND p_ok = 1 THEN p_problem ELSE '' END AS problem_id,
  p_first AS first_attempt, CASE WHEN p_first = 1 AND p_success = 'correct' THEN 1 ELSE 0 END AS first_correct
FROM h;

-- Sessions per learner week: events further apart than the gap start a new one; a session counts in the week it starts.
CREATE TEMP TABLE mr_sessions AS
WITH g AS (
  SELECT user_id, ms,
    CASE WHEN ms - LAG(ms) OVER (PARTITION BY user_id ORDER BY ms) <= prm.session_gap_ms THEN 0 ELSE 1 END AS starts
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
  SELECT user_id, DIV(first_ms - prm.week_start_ms - MOD(MOD(first_ms - prm.week_start_ms, 604800000) + 604800000, 604800000), 604800000) + 1 AS week, DIV(last_ms - first_ms, 1000) AS seconds
  FROM spans CROSS JOIN mr_params AS prm
)
SELECT user_id, week, COUNT(*) AS sessions, SUM(seconds) AS seconds FROM weeks GROUP BY user_id, week;

-- The settings used and the number of distinct chapters seen.
CREATE TEMP TABLE activity_course AS
SELECT prm.course_id, prm.week_start_ms, prm.session_gap_ms, prm.learner_id, prm.page_rule, ch.chapters
FROM mr_params AS prm CROSS JOIN (SELECT CAST(COUNT(DISTINCT chapter) AS INT64) AS chapters FROM mr_events WHERE status = 'ok' AND kind <> 'enrollment' AND chapter <> '') AS ch;

-- Lines per file and why those not counted were skipped.
CREATE TEMP TABLE activity_files AS
SELECT file, CAST(COUNT(*) AS INT64) AS lines,
  CAST(SUM(CASE WHEN status = 'comment or blank line' THEN 1 ELSE 0 END) AS INT64) AS comment,
  CAST(SUM(CASE WHEN status = 'malformed JSON' THEN 1 ELSE 0 END) AS INT64) AS malformed,
  CAST(SUM(CASE WHEN status = 'task event' THEN 1 ELSE 0 END) AS INT64) AS task,
  CAST(SUM(CASE WHEN status = 'other course' THEN 1 ELSE 0 END) AS INT64) AS other_course,
  CAST(SUM(CASE WHEN status = 'no course id' THEN 1 ELSE 0 END) AS INT64) AS no_course,
  CAST(SUM(CASE WHEN status = 'no learner id' THEN 1 ELSE 0 END) AS INT64) AS no_learner,
  CAST(SUM(CASE WHEN status = 'bad timestamp' THEN 1 ELSE 0 END) AS INT64) AS bad_timestamp
FROM mr_events GROUP BY file;

-- Events per kind, active days, sessions and seconds per learner and course week.
CREATE TEMP TABLE activity_weeks AS
WITH t AS (
  SELECT user_id, week, CAST(SUM(CASE WHEN kind = 'other' THEN 1 ELSE 0 END) AS INT64) AS other,
    CAST(SUM(CASE WHEN kind = 'page' THEN 1 ELSE 0 END) AS INT64) AS page,
    CAST(SUM(CASE WHEN kind = 'video' THEN 1 ELSE 0 END) AS INT64) AS video,
    CAST(SUM(CASE WHEN kind = 'problem' THEN 1 ELSE 0 END) AS INT64) AS problem,
    CAST(SUM(CASE WHEN kind = 'forum' THEN 1 ELSE 0 END) AS INT64) AS forum,
    CAST(SUM(CASE WHEN kind = 'enrollment' THEN 1 ELSE 0 END) AS INT64) AS enrollment,
    CAST(SUM(CASE WHEN kind <> 'enrollment' AND event_type = 'play_video' AND event_source IN ('browser', 'mobile') THEN 1 ELSE 0 END) AS INT64) AS played_video,
    CAST(SUM(CASE WHEN kind <> 'enrollment' AND event_type = 'problem_check' AND event_source = 'server' THEN 1 ELSE 0 END) AS INT64) AS attempted_problem,
    CAST(SUM(CASE WHEN kind <> 'enrollment' AND event_source = 'server' AND event_type LIKE 'edx.forum.%' AND event_type LIKE '%.created' THEN 1 ELSE 0 END) AS INT64) AS posted_forum,
    CAST(COUNT(DISTINCT CASE WHEN kind <> 'enrollment' THEN ev_day END) AS INT64) AS days
  FROM mr_events WHERE status = 'ok' GROUP BY user_id, week
)
SELECT t.*, CAST(COALESCE(s.sessions, 0) AS INT64) AS sessions, CAST(COALESCE(s.seconds, 0) AS INT64) AS seconds
FROM t LEFT JOIN mr_sessions AS s ON s.user_id = t.user_id AND s.week = t.week;

-- Distinct chapters each learner visited.
CREATE TEMP TABLE activity_reach AS
SELECT user_id, CAST(COUNT(DISTINCT chapter) AS INT64) AS chapters FROM mr_events WHERE status = 'ok' AND kind <> 'enrollment' AND chapter <> '' GROUP BY user_id;

-- Server-graded problem submissions: learners, first attempts, correct first attempts.
CREATE TEMP TABLE activity_problems AS
SELECT problem_id, CAST(COUNT(DISTINCT user_id) AS INT64) AS learners,
  CAST(SUM(first_attempt) AS INT64) AS first_attempts, CAST(SUM(first_correct) AS INT64) AS first_correct
FROM mr_events WHERE status = 'ok' AND problem_id <> '' GROUP BY problem_id;

-- Each learner's last enrolment and, if later, unenrolment (unix ms).
CREATE TEMP TABLE activity_enrolments AS
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
EXPORT DATA OPTIONS (uri = 'gs://nordhavn-moocreport/activity/eat/course/part-*.parquet', format = 'PARQUET', overwrite = true) AS
SELECT * FROM activity_course ORDER BY course_id;
EXPORT DATA OPTIONS (uri = 'gs://nordhavn-moocreport/activity/eat/files/part-*.parquet', format = 'PARQUET', overwrite = true) AS
SELECT * FROM activity_files ORDER BY file;
EXPORT DATA OPTIONS (uri = 'gs://nordhavn-moocreport/activity/eat/weeks/part-*.parquet', format = 'PARQUET', overwrite = true) AS
SELECT * FROM activity_weeks ORDER BY user_id, week;
EXPORT DATA OPTIONS (uri = 'gs://nordhavn-moocreport/activity/eat/reach/part-*.parquet', format = 'PARQUET', overwrite = true) AS
SELECT * FROM activity_reach ORDER BY user_id;
EXPORT DATA OPTIONS (uri = 'gs://nordhavn-moocreport/activity/eat/problems/part-*.parquet', format = 'PARQUET', overwrite = true) AS
SELECT * FROM activity_problems ORDER BY problem_id;
EXPORT DATA OPTIONS (uri = 'gs://nordhavn-moocreport/activity/eat/enrolments/part-*.parquet', format = 'PARQUET', overwrite = true) AS
SELECT * FROM activity_enrolments ORDER BY user_id;
