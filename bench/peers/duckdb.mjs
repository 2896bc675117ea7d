// DuckDB's side of make bench-peers: the weekly distinct learners per event
// kind of every course of the generated study, straight from the gzipped
// tracking logs, with the kinds and weeks moocreport uses (an edX server
// problem_check is a problem, a browser one other activity; weeks start at
// the course start). Only this aggregation, not the rest of a report: it is
// the least a researcher would compute before any measure.
//
// usage: node duckdb.mjs <study dir>   (prints the number of result rows)
import { DuckDBInstance } from '@duckdb/node-api';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: node duckdb.mjs <study dir>');
  process.exit(2);
}
// The courses of the example study.yaml: course id and start.
const courses = [
  ['course-v1:NordhavnX+EAT101x+1T2026', '2026-03-02', 'eat'],
  ['course-v1:NordhavnX+SUS201x+1T2026', '2026-01-12', 'sus'],
];
const files = courses.map(([, , key]) => `'${dir}/data/${key}/logs/*.gz'`).join(', ');
const starts = courses.map(([id, start]) => `('${id}', TIMESTAMPTZ '${start} 00:00:00+00')`).join(', ');
const sql = `
WITH starts(course, start) AS (VALUES ${starts}),
ev AS (
  SELECT context.course_id AS course, context.user_id AS learner, event_type, event_source,
         TRY_CAST("time" AS TIMESTAMPTZ) AS t
  FROM read_json([${files}], format = 'newline_delimited', ignore_errors = true,
       columns = {"time": 'VARCHAR', event_type: 'VARCHAR', event_source: 'VARCHAR',
                  context: 'STRUCT(course_id VARCHAR, user_id VARCHAR)'})
),
kinds AS (
  SELECT course, learner,
    CASE
      WHEN event_type = 'problem_check' THEN CASE WHEN event_source = 'server' THEN 'problem' ELSE 'other' END
      WHEN event_type IN ('play_video', 'pause_video', 'seek_video', 'stop_video', 'load_video') OR event_type LIKE 'edx.video.%' THEN 'video'
      WHEN event_type IN ('seq_goto', 'seq_next', 'seq_prev') OR event_type LIKE '/%' OR event_type LIKE 'edx.ui.lms.%' THEN 'page'
      WHEN event_type LIKE 'edx.forum.%' THEN 'forum'
      WHEN event_type LIKE 'edx.course.enrollment.%' THEN 'enrollment'
      ELSE 'other'
    END AS kind,
    CAST(floor(epoch(t - start) / 604800) AS INTEGER) + 1 AS week
  FROM ev JOIN starts USING (course)
  WHERE learner IS NOT NULL AND learner <> '' AND t IS NOT NULL AND coalesce(event_source, '') <> 'task'
)
SELECT course, week, kind, count(DISTINCT learner) AS learners
FROM kinds GROUP BY ALL ORDER BY ALL`;

const db = await DuckDBInstance.create(':memory:');
const con = await db.connect();
const rows = (await con.runAndReadAll(sql)).getRows();
if (rows.length === 0) {
  console.error('duckdb: no rows: are the logs there?');
  process.exit(1);
}
console.log(`${rows.length} course-week-kind rows`);
