package ingest

import (
	"bytes"
	"fmt"
	"strconv"
	"time"

	"github.com/moocreport/moocreport/internal/jsonscan"
	"github.com/moocreport/moocreport/report"
	"github.com/moocreport/moocreport/report/study"
)

// Skip reasons of the tracking-log reader. They are stable ids: measures.json
// ids and the SQL generator use them; the data-quality section shows them in
// readers' words (report/measures skipWords).
const (
	SkipComment     = "comment or blank line"
	SkipMalformed   = "malformed JSON"
	SkipTask        = "task event"
	SkipOtherCourse = "other course"
	SkipNoCourse    = "no course id"
	SkipNoLearner   = "no learner id"
	SkipBadTime     = "bad timestamp"
	SkipTooLong     = "line too long"
)

// Top-level and context members a tracking-log line is read for; all
// others (agent, ip, referer, host, session, the payload of most events)
// are validated and skipped without being decoded.
var (
	eventKeys   = jsonscan.NewKeys("time", "event_type", "event_source", "username", "page", "context", "event")
	contextKeys = jsonscan.NewKeys("course_id", "user_id", "path", "module")
	moduleKeys  = jsonscan.NewKeys("display_name")
	payloadKeys = jsonscan.NewKeys("course_id", "user_id", "problem_id", "attempts", "success")
)

const (
	kTime = iota
	kType
	kSource
	kUsername
	kPage
	kContext
	kEvent
)

// logEvent holds the fields of a tracking-log event that ingest needs,
// as slices of the line (or, for strings with escapes, of decoded copies):
// reading an event allocates nothing.
type logEvent struct {
	Time, EventType, EventSource, Username, Page []byte
	CourseID, UserID                             []byte
	Event                                        []byte // raw payload, decoded only where needed
	// Module is the raw context.module object (display_name, usage_key),
	// decoded only for graded problem submissions (trackState.nameProblem).
	Module []byte
}

// decode fills ev from one line, with the raw-value buffers of st; a line
// that is not a JSON object, or whose fields have the wrong types, is an
// error (a malformed line).
func (st *trackState) decode(b []byte, ev *logEvent) error {
	top, ctx := st.top, st.ctx
	if err := jsonscan.ObjectIn(b, eventKeys, top, kContext, contextKeys, ctx); err != nil {
		return err
	}
	*ev = logEvent{Event: top.Raw[kEvent]}
	var err error
	str := func(dst *[]byte, f *jsonscan.Found, i int, name string) {
		if err == nil {
			*dst, err = f.Text(i, name)
		}
	}
	str(&ev.Time, top, kTime, "time")
	str(&ev.EventType, top, kType, "event_type")
	str(&ev.EventSource, top, kSource, "event_source")
	str(&ev.Username, top, kUsername, "username")
	str(&ev.Page, top, kPage, "page")
	if err != nil {
		return err
	}
	if c := top.Raw[kContext]; c != nil && string(c) != "null" {
		if c[0] != '{' {
			return fmt.Errorf("context: want an object, got %s", jsonscan.Clip(c))
		}
		var path []byte // read for its type only: a non-string path is malformed
		ev.Module = ctx.Raw[3]
		str(&ev.CourseID, ctx, 0, "context.course_id")
		str(&path, ctx, 2, "context.path")
		if err != nil {
			return err
		}
		if ev.UserID, err = jsonUserID(ctx.Raw[1]); err != nil {
			return err
		}
	}
	return nil
}

// jsonUserID decodes the shapes edX writes for a user id: an integer, a
// string (empty for anonymous events) or null.
func jsonUserID(raw []byte) ([]byte, error) {
	switch {
	case raw == nil || string(raw) == "null":
		return nil, nil
	case raw[0] == '"':
		return jsonscan.Text(raw, "user_id")
	case isDigits(string(raw)):
		return raw, nil
	}
	return nil, fmt.Errorf("user_id: want an integer or a string, got %s", jsonscan.Clip(raw))
}

// payload holds the members of an event's payload that enrollment and
// problem events carry.
type payload struct {
	CourseID, UserID, ProblemID, Success []byte
	Attempts                             int // 0 when absent or not an integer
}

// parsePayload reads an event's payload, an object or a JSON string
// holding one, into pl; false when it is neither or its members have the
// wrong types.
func (st *trackState) parsePayload(raw []byte, pl *payload) bool {
	obj := jsonscan.Embedded(raw)
	if obj == nil {
		return false
	}
	f := st.pay
	if jsonscan.Object(obj, payloadKeys, f) != nil {
		return false
	}
	*pl = payload{}
	var err error
	if pl.CourseID, err = f.Text(0, "course_id"); err != nil {
		return false
	}
	if pl.UserID, err = jsonUserID(f.Raw[1]); err != nil {
		return false
	}
	pl.ProblemID, _ = f.Text(2, "problem_id")
	pl.Success, _ = f.Text(4, "success")
	if a := f.Raw[3]; isDigits(string(a)) && len(a) < 9 {
		pl.Attempts, _ = strconv.Atoi(string(a))
	}
	return true
}

// classify maps an event to its kind. Both problem_check events of a
// submission, the browser's (its event is the raw form data) and the
// server's (the graded result), are problem activity, as learners and course
// teams count them; the first-attempt statistics read the server's alone
// (see gradedProblem).
func classify(eventType, source []byte) report.EventKind {
	switch string(eventType) {
	case "problem_check":
		return report.KindProblem
	case "play_video", "pause_video", "seek_video", "stop_video", "load_video":
		return report.KindVideo
	case "seq_goto", "seq_next", "seq_prev":
		return report.KindPage
	}
	switch {
	case len(eventType) > 0 && eventType[0] == '/':
		return report.KindPage // implicit event: the URL path of a page request
	case bytes.HasPrefix(eventType, []byte("edx.video.")):
		return report.KindVideo
	case bytes.HasPrefix(eventType, []byte("edx.forum.")):
		return report.KindForum
	case bytes.HasPrefix(eventType, []byte("edx.ui.lms.")):
		return report.KindPage
	case bytes.HasPrefix(eventType, []byte("edx.course.enrollment.")):
		return report.KindEnrollment
	}
	return report.KindOther
}

// courseFromPath takes the course id from an implicit event's URL path,
// /courses/<id>/…, in either id style: course-v1:Org+Num+Run (one path
// segment) or the legacy Org/Num/Run (three segments).
func courseFromPath(p []byte) []byte {
	rest, ok := bytes.CutPrefix(p, []byte("/courses/"))
	if !ok {
		return nil
	}
	segments := 3
	if bytes.HasPrefix(rest, []byte("course-v1:")) {
		segments = 1
	}
	end := 0
	for i := 0; i < segments; i++ {
		j := bytes.IndexByte(rest[end:], '/')
		if j < 0 {
			if i == segments-1 && end < len(rest) {
				return rest
			}
			return nil
		}
		if j == 0 {
			return nil
		}
		end += j + 1
	}
	return rest[:end-1]
}

func floorDiv(a, b int64) int64 {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

// TrackingOptions are a tracking source's reading settings (study.Source);
// the zero value means the defaults.
type TrackingOptions struct {
	// SessionGap ends a session; 0 means study.DefaultSessionGap.
	SessionGap time.Duration
	// ByUsername identifies learners by username (through the profile)
	// before context.user_id.
	ByUsername bool
	// MaxBadLines is the share of malformed lines tolerated per file; nil
	// means study.DefaultMaxBadLines.
	MaxBadLines *float64
	// Meter, when not nil, counts the bytes read from the files.
	Meter *Meter
	// PageCourse takes a browser event's course from its page URL when its
	// context names none, as Open edX Insights does (the insights preset).
	PageCourse bool
	// MaxLine is the longest line read, in bytes without the newline; 0
	// means DefaultMaxLine. A longer line is not held in memory: it is
	// skipped as SkipTooLong and counts as a malformed line.
	MaxLine int
	// scanned, when not nil, is called once every line has been read and
	// tallied, before the workers' tallies are merged and finished: a
	// reader of several sources in turn starts the next one then, so the
	// merge of one overlaps the reading of the next (trackprefetch.go).
	scanned func()
}

// DefaultMaxLine is the default TrackingOptions.MaxLine: edX events are a
// few kB, the largest real ones (problem_check with long answers) well
// under 1 MiB, so 16 MiB refuses only what is not a log line (a gzip bomb
// of zeros is one "line" of gigabytes) while bounding memory.
const DefaultMaxLine = 16 << 20

func (o TrackingOptions) maxLine() int {
	if o.MaxLine > 0 {
		return o.MaxLine
	}
	return DefaultMaxLine
}

func (o TrackingOptions) gap() int64 {
	if o.SessionGap > 0 {
		return int64(o.SessionGap / time.Millisecond)
	}
	return int64(study.DefaultSessionGap / time.Millisecond)
}

func (o TrackingOptions) maxBad() float64 {
	if o.MaxBadLines != nil {
		return *o.MaxBadLines
	}
	return study.DefaultMaxBadLines
}

// Tracking is what the tracking logs of one course give: activity per
// learner week, reach, problem statistics, enrolment dates, and what was
// not counted.
type Tracking struct {
	Weeks    []report.LearnerWeek // sorted by learner, week
	Reach    []report.Reach       // sorted by learner; learners with a chapter view only
	Problems []report.ProblemStat // sorted by problem id
	Chapters int                  // distinct chapters seen in courseware URLs
	// Enrollments maps a learner pseudonym to when they last enrolled and,
	// if they left afterwards, unenrolled.
	Enrollments map[string]Enrollment
	Skips       []report.Skip // per file, in file order, reasons sorted
	// OtherCourses counts, per file and course id, the lines skipped as
	// another course's, so a loader reading one file for several courses
	// can count only the lines none of them used (see sharedLogs).
	OtherCourses map[string]map[string]int
}

// Enrollment is a learner's last enrolment and unenrolment; zero when the
// logs hold none.
type Enrollment struct{ Enrolled, Unenrolled time.Time }
