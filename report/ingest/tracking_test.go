package ingest

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/klauspost/compress/gzip"
	"github.com/moocreport/moocreport/report"
)

// week builds an expected LearnerWeek of the tiny course. Events are in
// report.EventKind order: other, page, video, problem, forum, enrollment.
func week(user string, w int, days uint8, events ...int) report.LearnerWeek {
	lw := report.LearnerWeek{Course: "tiny", Learner: pid(user), Week: w, Days: days}
	copy(lw.Events[:], events)
	return lw
}

func sortWeeks(ws []report.LearnerWeek) []report.LearnerWeek {
	sort.Slice(ws, func(i, j int) bool {
		if ws[i].Learner != ws[j].Learner {
			return ws[i].Learner < ws[j].Learner
		}
		return ws[i].Week < ws[j].Week
	})
	return ws
}

// timed sets a week's sessions and their seconds.
func timed(w report.LearnerWeek, sessions, seconds int) report.LearnerWeek {
	w.Sessions, w.Seconds = sessions, seconds
	return w
}

// insights sets a week's Open edX Insights counts.
func insights(w report.LearnerWeek, video, problem, forum int) report.LearnerWeek {
	w.Insights = report.InsightsWeek{PlayedVideo: video, AttemptedProblem: problem, PostedForum: forum}
	return w
}

// tinyWeeks is the activity in testdata/tiny/logs, worked out by hand from
// the events there (see the comments per learner). Sessions use the
// default 30-minute gap and count in the week they start.
var tinyWeeks = []report.LearnerWeek{
	// 101: page + video on Mon 2 Mar (10:15:30.123–10:20:00: one session,
	// 269.877 s, truncated to 269); browser and server problem_check
	// (both problem) on Tue 0.5 s apart (one session, 0 s);
	// showanswer (other) on Wed (one session); two video events on Tue 10
	// Mar five minutes apart (one session, 300 s).
	// Insights: the browser play_video and the server problem_check.
	insights(timed(week("101", 1, 3, 1, 1, 1, 2), 3, 269), 1, 1, 0),
	timed(week("101", 2, 1, 0, 0, 2), 1, 300),
	// 102: page at 23:30 -02:00 on Wed 4 Mar = Thu 01:30 UTC; enrollment
	// change only in week 2 (no active day, no session); forum at 01:00
	// +01:00 on Mon 16 Mar = 00:00 UTC, the first second of week 3.
	timed(week("102", 1, 1, 0, 1), 1, 0),
	week("102", 2, 0, 0, 0, 0, 0, 0, 1),
	insights(timed(week("102", 3, 1, 0, 0, 0, 0, 1), 1, 0), 0, 0, 1),
	// 103: enrolled the day before start (week 0, learner from
	// event.user_id); forum post linked by username only.
	week("103", 0, 0, 0, 0, 0, 0, 0, 1),
	insights(timed(week("103", 1, 1, 0, 0, 0, 0, 1), 1, 0), 0, 0, 1),
	// 104: seq_goto at 23:59:59.999 on Sun 8 Mar (week 1), then a mobile
	// edx.video.played and an edx.ui.lms click on Mon 9 Mar (week 2) 10 s
	// later: one session of 10.001 s, counted in week 1 where it starts.
	timed(week("104", 1, 1, 0, 1), 1, 10),
	week("104", 2, 1, 0, 1, 1),
}

func TestReadTrackingFiles(t *testing.T) {
	c := tinyCourse(t)
	files := []string{"logs/tracking.log-20260302", "logs/tracking.log-20260309.gz"}
	tr, err := ReadTrackingFiles("testdata/tiny", files, c, TrackingOptions{})
	if err != nil {
		t.Fatal(err)
	}
	weeks, skips := tr.Weeks, tr.Skips
	if want := sortWeeks(append([]report.LearnerWeek(nil), tinyWeeks...)); !reflect.DeepEqual(weeks, want) {
		t.Errorf("weeks:\n got %+v\nwant %+v", weeks, want)
	}
	wantSkips := []report.Skip{
		{File: files[0], Reason: SkipBadTime, Count: 1, Course: "tiny"},
		{File: files[0], Reason: SkipComment, Count: 3, Course: "tiny"},
		{File: files[0], Reason: SkipNoCourse, Count: 1, Course: "tiny"},
		{File: files[0], Reason: SkipNoLearner, Count: 1, Course: "tiny"},
		{File: files[0], Reason: SkipOtherCourse, Count: 2, Course: "tiny"},
		{File: files[0], Reason: SkipTask, Count: 1, Course: "tiny"},
		{File: files[1], Reason: SkipNoLearner, Count: 1, Course: "tiny"},
		{File: files[1], Reason: SkipOtherCourse, Count: 1, Course: "tiny"},
	}
	if !reflect.DeepEqual(skips, wantSkips) {
		t.Errorf("skips:\n got %+v\nwant %+v", skips, wantSkips)
	}
	wantOther := map[string]map[string]int{files[0]: {"course-v1:OtherX+O1+2026": 1, "TinyX/T101/2026": 1}, files[1]: {"course-v1:OtherX+O1+2026": 1}}
	if !reflect.DeepEqual(tr.OtherCourses, wantOther) {
		t.Errorf("other courses:\n got %v\nwant %v", tr.OtherCourses, wantOther)
	}
}

// TestReadTrackingSplit proves the worker pool changes nothing: the plain
// log cut into one file per line, some gzipped, gives the same activity as
// the whole file read at once.
func TestReadTrackingSplit(t *testing.T) {
	c := tinyCourse(t)
	whole, err := ReadTracking(open(t, "tiny/logs/tracking.log-20260302"), "whole", c, TrackingOptions{})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	var files []string
	for i, line := range strings.SplitAfter(string(readFixture(t, "tiny/logs/tracking.log-20260302")), "\n") {
		name := fmt.Sprintf("part-%02d", i)
		b := []byte(line)
		if i%2 == 1 {
			b = gzipBytes(t, b)
		}
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, name)
	}
	split, err := ReadTrackingFiles(dir, files, c, TrackingOptions{})
	if err != nil {
		t.Fatal(err)
	}
	split.Skips, whole.Skips = nil, nil // per file by design
	split.OtherCourses, whole.OtherCourses = nil, nil
	if !reflect.DeepEqual(split, whole) {
		t.Errorf("split read:\n got %+v\nwant %+v", split, whole)
	}
}

func gzipBytes(t testing.TB, b []byte) []byte {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	if _, err := zw.Write(b); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestReadTrackingErrors(t *testing.T) {
	c := tinyCourse(t)
	event := `{"time": "2026-03-02T10:00:00+00:00", "event_type": "seq_goto", "context": {"course_id": "course-v1:TinyX+T101+2026", "user_id": 101}}` + "\n"
	tests := []struct {
		name string
		in   []byte
		want string // "" for no error
	}{
		{"truncated gzip names the line reached", readFixture(t, "bad/truncated.log.gz"),
			"bad.log:4: gzip data truncated or corrupt: unexpected EOF"},
		{"one malformed line in 999 is too many", []byte(strings.Repeat(event, 4) + "{\"time\": \n" + strings.Repeat(event, 994)),
			"bad.log:5: too many malformed lines: 1 of 999 lines are not JSON events, at most 0 (0.1 %) tolerated; this is the first: unexpected end of JSON input"},
		{"one malformed line in 1000 is tolerated", []byte(strings.Repeat(event, 4) + "{\"time\": \n" + strings.Repeat(event, 995)), ""},
		{"two malformed lines in 1999 are too many", []byte("[1]\n" + strings.Repeat(event, 1997) + "{,}"),
			"bad.log:1: too many malformed lines: 2 of 1999 lines are not JSON events, at most 1 (0.1 %) tolerated; this is the first: want a JSON object, got '['"},
		{"user id of the wrong type is malformed", []byte(`{"context": {"user_id": true}}`),
			"bad.log:1: too many malformed lines: 1 of 1 lines are not JSON events, at most 0 (0.1 %) tolerated; this is the first: user_id: want an integer or a string, got true"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tr, err := ReadTracking(bytes.NewReader(tt.in), "bad.log", c, TrackingOptions{})
			if tt.want == "" {
				if err != nil {
					t.Fatal(err)
				}
				skips := tr.Skips
				if want := []report.Skip{{File: "bad.log", Reason: SkipMalformed, Count: 1, Course: "tiny"}}; !reflect.DeepEqual(skips, want) {
					t.Errorf("skips = %+v, want %+v", skips, want)
				}
				return
			}
			checkErr(t, err, tt.want)
		})
	}
}

type lineWeek struct {
	user string
	week int
}

// oneLine counts one line with a fresh scanner state and returns its week
// tallies by raw user id and week, and its skips by reason.
func oneLine(c *Course, line []byte) (map[lineWeek]tally, map[string]int) {
	st := newTrackState(c, TrackingOptions{})
	var fs fileStats
	st.line(line, 1, &fs)
	weeks := map[lineWeek]tally{}
	for i, ls := range st.learners {
		for _, w := range ls.weeks {
			weeks[lineWeek{st.users[i], w.week}] = w.tally
		}
	}
	skips := map[string]int{}
	for i, n := range fs.skips {
		if n > 0 {
			skips[skipNames[i]] = n
		}
	}
	return weeks, skips
}

// TestTrackingLine checks, one event at a time, how a line is classified,
// which course and learner it belongs to and in which week and day.
func TestTrackingLine(t *testing.T) {
	c := tinyCourse(t)
	const course = `"context": {"course_id": "course-v1:TinyX+T101+2026", "user_id": 101}`
	tests := []struct {
		name string
		line string
		user string // "" when skipped
		week int
		day  int // -1: no active day
		kind report.EventKind
		skip string
	}{
		{"server problem_check is a problem", `{"time": "2026-03-02T00:00:00+00:00", "event_type": "problem_check", "event_source": "server", ` + course + `}`, "101", 1, 0, report.KindProblem, ""},
		{"browser problem_check is a problem too", `{"time": "2026-03-02T00:00:00+00:00", "event_type": "problem_check", "event_source": "browser", ` + course + `}`, "101", 1, 0, report.KindProblem, ""},
		{"last second before start is week 0, day 6", `{"time": "2026-03-01T23:59:59.999999+00:00", "event_type": "load_video", ` + course + `}`, "101", 0, 6, report.KindVideo, ""},
		{"seven days before start is week 0, day 0", `{"time": "2026-02-23T00:00:00Z", "event_type": "edx.ui.lms.outline.selected", ` + course + `}`, "101", 0, 0, report.KindPage, ""},
		{"a second earlier is week -1, day 6", `{"time": "2026-02-22T23:59:59Z", "event_type": "edx.ui.lms.outline.selected", ` + course + `}`, "101", -1, 6, report.KindPage, ""},
		{"offset moves the event to the next UTC day", `{"time": "2026-03-08T20:00:00-05:00", "event_type": "seq_next", ` + course + `}`, "101", 2, 0, report.KindPage, ""},
		{"time without zone is UTC", `{"time": "2026-03-03T12:00:00", "event_type": "edx.forum.thread.voted", ` + course + `}`, "101", 1, 1, report.KindForum, ""},
		{"enrollment makes no active day", `{"time": "2026-03-03T12:00:00Z", "event_type": "edx.course.enrollment.mode_changed", ` + course + `}`, "101", 1, -1, report.KindEnrollment, ""},
		{"learner from event.user_id of an enrollment", `{"time": "2026-03-03T12:00:00Z", "event_type": "edx.course.enrollment.activated", "username": "", "context": {"user_id": null}, "event": {"course_id": "course-v1:TinyX+T101+2026", "user_id": 104}}`, "104", 1, -1, report.KindEnrollment, ""},
		{"learner from username when user_id is empty", `{"time": "2026-03-03T12:00:00Z", "event_type": "/courses/course-v1:TinyX+T101+2026/progress", "username": "bjorn_k", "context": {"user_id": ""}}`, "102", 1, 1, report.KindPage, ""},
		{"user id as a string", `{"time": "2026-03-03T12:00:00Z", "event_type": "stop_video", "context": {"course_id": "course-v1:TinyX+T101+2026", "user_id": "103"}}`, "103", 1, 1, report.KindVideo, ""},
		{"unknown username is anonymous", `{"time": "2026-03-03T12:00:00Z", "event_type": "seq_prev", "username": "anonymous", "context": {"course_id": "course-v1:TinyX+T101+2026"}}`, "", 0, 0, 0, SkipNoLearner},
		{"legacy id of the same course is another course", `{"time": "2026-03-03T12:00:00Z", "event_type": "/courses/TinyX/T101/2026/info", ` + `"context": {"user_id": 101}}`, "", 0, 0, 0, SkipOtherCourse},
		{"course prefix is not the course", `{"time": "2026-03-03T12:00:00Z", "event_type": "/courses/course-v1:TinyX+T101+2026x/info", ` + `"context": {"user_id": 101}}`, "", 0, 0, 0, SkipOtherCourse},
		{"no course anywhere", `{"time": "2026-03-03T12:00:00Z", "event_type": "/dashboard", "context": {"user_id": 101}}`, "", 0, 0, 0, SkipNoCourse},
		{"task event", `{"time": "2026-03-03T12:00:00Z", "event_type": "problem_rescore", "event_source": "task", ` + course + `}`, "", 0, 0, 0, SkipTask},
		{"date only is a bad timestamp", `{"time": "2026-03-03", "event_type": "seq_goto", ` + course + `}`, "", 0, 0, 0, SkipBadTime},
		{"indented comment", `   # note`, "", 0, 0, 0, SkipComment},
		{"CRLF blank line", "\r\n", "", 0, 0, 0, SkipComment},
		{"not JSON", `{"time": 2026-03-03}`, "", 0, 0, 0, SkipMalformed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			weeks, skips := oneLine(c, []byte(tt.line))
			if tt.skip != "" {
				if len(weeks) != 0 || !reflect.DeepEqual(skips, map[string]int{tt.skip: 1}) {
					t.Errorf("got weeks %v, skips %v; want skip %q", weeks, skips, tt.skip)
				}
				return
			}
			if len(skips) != 0 {
				t.Fatalf("skipped: %v", skips)
			}
			w, ok := weeks[lineWeek{tt.user, tt.week}]
			if !ok || len(weeks) != 1 {
				t.Fatalf("weeks = %v, want user %s week %d", weeks, tt.user, tt.week)
			}
			var want tally
			want.events[tt.kind] = 1
			if tt.day >= 0 {
				want.days = 1 << tt.day
			}
			if w != want {
				t.Errorf("tally = %+v, want %+v", w, want)
			}
		})
	}
}

func TestCourseFromPath(t *testing.T) {
	tests := []struct{ path, want string }{
		{"/courses/course-v1:edX+DemoX+Demo_Course/courseware/abc/", "course-v1:edX+DemoX+Demo_Course"},
		{"/courses/course-v1:edX+DemoX+Demo_Course", "course-v1:edX+DemoX+Demo_Course"},
		{"/courses/edX/DemoX/Demo_Course/about", "edX/DemoX/Demo_Course"},
		{"/courses/edX/DemoX/Demo_Course", "edX/DemoX/Demo_Course"},
		{"/courses/edX/DemoX", ""},
		{"/courses//DemoX/x/y", ""},
		{"/courses/", ""},
		{"/dashboard", ""},
		{"problem_check", ""},
	}
	for _, tt := range tests {
		if got := string(courseFromPath([]byte(tt.path))); got != tt.want {
			t.Errorf("courseFromPath(%q) = %q, want %q", tt.path, got, tt.want)
		}
	}
}

// FuzzTrackingLine: any line is counted exactly once, as activity or as a
// skip, and never panics.
func FuzzTrackingLine(f *testing.F) {
	for _, name := range []string{"tiny/logs/tracking.log-20260302"} {
		for _, line := range strings.Split(string(readFixture(f, name)), "\n") {
			f.Add([]byte(line))
		}
	}
	c := tinyCourse(f)
	f.Fuzz(func(t *testing.T, line []byte) {
		weeks, skips := oneLine(c, line)
		n := 0
		for k, w := range weeks {
			for _, e := range w.events {
				n += e
			}
			if w.events[report.KindEnrollment] == 1 && w.days != 0 {
				t.Fatalf("an enrollment event made an active day: %v %+v", k, w)
			}
		}
		for _, s := range skips {
			n += s
		}
		if n != 1 {
			t.Fatalf("line counted %d times: weeks %v, skips %v", n, weeks, skips)
		}
	})
}

// FuzzReadTracking feeds whole streams, plain and gzipped, to the reader.
func FuzzReadTracking(f *testing.F) {
	f.Add(readFixture(f, "tiny/logs/tracking.log-20260302"))
	f.Add(readFixture(f, "tiny/logs/tracking.log-20260309.gz"))
	f.Add(readFixture(f, "bad/truncated.log.gz"))
	c := tinyCourse(f)
	f.Fuzz(func(t *testing.T, b []byte) {
		tr, err := ReadTracking(bytes.NewReader(b), "f", c, TrackingOptions{})
		if err != nil {
			return
		}
		for _, w := range tr.Weeks {
			if w.Days > 7 || w.Learner == "" {
				t.Fatalf("bad learner week %+v", w)
			}
		}
	})
}

// benchEvent is one realistic event line: the edX key set with a long user
// agent, a mix of kinds, 2000 learners, and 5 % for another course. Server
// events of a block carry context.module, as edX writes it.
func benchEvent(course string, day, i int) string {
	user := (i*7919 + day) % 2000
	if i%20 == 0 {
		course = "course-v1:OtherX+O1+2026"
	}
	t := time.Date(2026, 3, 2+day, 0, 0, 0, 0, time.UTC).Add(time.Duration(i) * 17 * time.Second)
	const module = `, "module": {"display_name": "Torque curves: check your understanding", "usage_key": "block-v1:BenchX+B101+2026+type@problem+block@p1"}`
	types := []struct{ typ, src, event, ctx string }{
		{"/courses/" + course + "/courseware/week/unit/", "server", `"{\"POST\": {}, \"GET\": {}}"`, ""},
		{"play_video", "browser", `"{\"id\": \"a1b2c3\", \"currentTime\": 12.3, \"code\": \"html5\"}"`, ""},
		{"problem_check", "server", `{"problem_id": "block-v1:BenchX+B101+2026+type@problem+block@p1", "success": "correct", "grade": 1, "max_grade": 1, "attempts": 1, "answers": {"p1_2_1": "choice_2"}}`, module},
		{"edx.forum.comment.created", "server", `{"body": "I think the answer is the second one, because torque curves differ.", "id": "c1", "category_name": "Week 1", "user_course_roles": []}`, ""},
		{"seq_goto", "browser", `"{\"old\": 1, \"new\": 2, \"id\": \"block-v1:BenchX+B101+2026+type@sequential+block@s1\"}"`, ""},
	}
	e := types[i%len(types)]
	return fmt.Sprintf(`{"username": "learner%d", "event_source": %q, "name": %q, "accept_language": "en-US,en;q=0.9", "time": %q, "agent": "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36", "page": "https://courses.example.org/courses/%s/courseware/week/unit/", "host": "courses.example.org", "session": "9f8e7d6c5b4a39281706f5e4d3c2b1a0", "referer": "https://courses.example.org/courses/%s/courseware/", "context": {"user_id": %d, "org_id": "BenchX", "course_id": %q, "path": "/event"%s}, "ip": "203.0.113.%d", "event": %s, "event_type": %q}`+"\n",
		user, e.src, e.typ, t.Format("2006-01-02T15:04:05.000000+00:00"), course, course, 100000+user, course, e.ctx, user%250, e.event, e.typ)
}
