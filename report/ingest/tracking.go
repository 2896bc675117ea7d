package ingest

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/klauspost/compress/gzip"
	"github.com/moocreport/moocreport/report"
	"github.com/moocreport/moocreport/report/study"
)

// Skip reasons of the tracking-log reader. They are stable strings: the
// data-quality section and measures.json show them as they are.
const (
	SkipComment     = "comment or blank line"
	SkipMalformed   = "malformed JSON"
	SkipTask        = "task event"
	SkipOtherCourse = "other course"
	SkipNoCourse    = "no course id"
	SkipNoLearner   = "no learner id"
	SkipBadTime     = "bad timestamp"
)

// Top-level and context members a tracking-log line is read for; all
// others (agent, ip, referer, host, session, the payload of most events)
// are validated and skipped without being decoded.
var (
	eventKeys   = []string{"time", "event_type", "event_source", "username", "page", "context", "event"}
	contextKeys = []string{"course_id", "user_id", "path"}
	payloadKeys = []string{"course_id", "user_id", "problem_id", "attempts", "success"}
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

// logEvent holds the fields of a tracking-log event that ingest needs.
type logEvent struct {
	Time, EventType, EventSource, Username, Page string
	CourseID, UserID, Path                       string
	Event                                        []byte // raw payload, decoded only where needed
}

// decode fills ev from one line, with the raw-value buffers of p; a line
// that is not a JSON object, or whose fields have the wrong types, is an
// error (a malformed line).
func (p *logPart) decode(b []byte, ev *logEvent) error {
	top, ctx := p.top[:], p.ctx[:]
	if err := scanObject(b, eventKeys, top); err != nil {
		return err
	}
	*ev = logEvent{Event: top[kEvent]}
	var err error
	str := func(dst *string, raw []byte, name string) {
		if err == nil {
			*dst, err = jsonString(raw, name)
		}
	}
	str(&ev.Time, top[kTime], "time")
	str(&ev.EventType, top[kType], "event_type")
	str(&ev.EventSource, top[kSource], "event_source")
	str(&ev.Username, top[kUsername], "username")
	str(&ev.Page, top[kPage], "page")
	if err != nil {
		return err
	}
	if c := top[kContext]; c != nil && string(c) != "null" {
		if c[0] != '{' {
			return fmt.Errorf("context: want an object, got %s", clip(c))
		}
		if err := scanObject(c, contextKeys, ctx); err != nil {
			return err
		}
		str(&ev.CourseID, ctx[0], "context.course_id")
		str(&ev.Path, ctx[2], "context.path")
		if err != nil {
			return err
		}
		if ev.UserID, err = jsonUserID(ctx[1]); err != nil {
			return err
		}
	}
	return nil
}

// payload holds the members of an event's payload that enrollment and
// problem events carry.
type payload struct {
	CourseID, UserID, ProblemID, Success string
	Attempts                             int // 0 when absent or not an integer
}

// parsePayload reads an event's payload, an object or a JSON string
// holding one; nil when it is neither or its members have the wrong types.
func (p *logPart) parsePayload(raw []byte) *payload {
	obj := jsonObject(raw)
	if obj == nil {
		return nil
	}
	f := p.pay[:]
	if scanObject(obj, payloadKeys, f) != nil {
		return nil
	}
	var pl payload
	var err error
	if pl.CourseID, err = jsonString(f[0], "course_id"); err != nil {
		return nil
	}
	if pl.UserID, err = jsonUserID(f[1]); err != nil {
		return nil
	}
	pl.ProblemID, _ = jsonString(f[2], "problem_id")
	pl.Success, _ = jsonString(f[4], "success")
	if a := f[3]; isDigits(string(a)) && len(a) < 9 {
		pl.Attempts, _ = strconv.Atoi(string(a))
	}
	return &pl
}

// classify maps an event to its kind. A problem is the server's
// problem_check only: the browser emits its own problem_check for the same
// submission (its event is the raw form data), so counting both would count
// every submission twice; the browser one counts as other activity.
func classify(eventType, source string) report.EventKind {
	switch eventType {
	case "problem_check":
		if source == "server" {
			return report.KindProblem
		}
		return report.KindOther
	case "play_video", "pause_video", "seek_video", "stop_video", "load_video":
		return report.KindVideo
	case "seq_goto", "seq_next", "seq_prev":
		return report.KindPage
	}
	switch {
	case strings.HasPrefix(eventType, "/"):
		return report.KindPage // implicit event: the URL path of a page request
	case strings.HasPrefix(eventType, "edx.video."):
		return report.KindVideo
	case strings.HasPrefix(eventType, "edx.forum."):
		return report.KindForum
	case strings.HasPrefix(eventType, "edx.ui.lms."):
		return report.KindPage
	case strings.HasPrefix(eventType, "edx.course.enrollment."):
		return report.KindEnrollment
	}
	return report.KindOther
}

// courseFromPath takes the course id from an implicit event's URL path,
// /courses/<id>/…, in either id style: course-v1:Org+Num+Run (one path
// segment) or the legacy Org/Num/Run (three segments).
func courseFromPath(p string) string {
	rest, ok := strings.CutPrefix(p, "/courses/")
	if !ok {
		return ""
	}
	segments := 3
	if strings.HasPrefix(rest, "course-v1:") {
		segments = 1
	}
	end := 0
	for i := 0; i < segments; i++ {
		j := strings.IndexByte(rest[end:], '/')
		if j < 0 {
			if i == segments-1 && end < len(rest) {
				return rest
			}
			return ""
		}
		if j == 0 {
			return ""
		}
		end += j + 1
	}
	return rest[:end-1]
}

// parseTime reads edX's ISO 8601 timestamps, with or without fractional
// seconds, with an offset (normalised to UTC) or, as some old logs have,
// without one (taken as UTC, the time zone edX logs in).
func parseTime(s string) (time.Time, bool) {
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return t.UTC(), true
	}
	if t, err := time.Parse("2006-01-02T15:04:05.999999999", s); err == nil {
		return t, true
	}
	return time.Time{}, false
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
	Skips       []report.Skip // per file, in file order, reasons sorted; Course is the course's key
	// OtherCourses counts, per file and course id, the lines skipped as
	// another course's, so a loader reading one file for several courses
	// can count only the lines none of them used (see sharedLogs).
	OtherCourses map[string]map[string]int
}

// Enrollment is a learner's last enrolment and unenrolment; zero when the
// logs hold none.
type Enrollment struct{ Enrolled, Unenrolled time.Time }

var gzipMagic = []byte{0x1f, 0x8b}

// readLog reads one log stream, gzipped or plain (told apart by the gzip
// magic bytes, not the file name), into a part.
func readLog(r io.Reader, file string, c *Course, opt TrackingOptions) (*logPart, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	var src io.Reader = br
	zipped := false
	if magic, _ := br.Peek(2); bytes.Equal(magic, gzipMagic) {
		zipped = true
		gz, err := gzip.NewReader(br)
		if err != nil {
			return nil, &ParseError{File: file, Err: err}
		}
		defer gz.Close()
		src = bufio.NewReaderSize(gz, 256<<10)
	}
	lines := src.(*bufio.Reader)
	p := newLogPart(file, opt)
	var long []byte
	for lineNo := 1; ; lineNo++ {
		b, err := lines.ReadSlice('\n')
		if err == bufio.ErrBufferFull {
			long = append(long[:0], b...)
			for err == bufio.ErrBufferFull {
				b, err = lines.ReadSlice('\n')
				long = append(long, b...)
			}
			b = long
		}
		if err != nil && err != io.EOF {
			if zipped {
				err = fmt.Errorf("gzip data truncated or corrupt: %w", err)
			}
			return nil, &ParseError{File: file, Line: lineNo, Err: err}
		}
		if len(b) > 0 {
			p.line(c, b, lineNo)
		}
		if err == io.EOF {
			break
		}
	}
	share := opt.maxBad()
	if allowed := int(math.Floor(float64(p.lines)*share + 1e-9)); p.malformed > allowed {
		return nil, &ParseError{File: file, Line: p.firstBad, Err: fmt.Errorf(
			"%w: %d of %d lines are not JSON events, at most %d (%s %%) tolerated; this is the first: %v",
			ErrTooManyMalformed, p.malformed, p.lines, allowed, strconv.FormatFloat(share*100, 'g', -1, 64), p.badErr)}
	}
	return p, nil
}

// ReadTracking reads one tracking log, gzipped or plain JSON lines, for
// course c. Up to opt.MaxBadLines of a file's lines may be malformed (a
// crash can leave a torn line); more is an error naming the first.
func ReadTracking(r io.Reader, file string, c *Course, opt TrackingOptions) (*Tracking, error) {
	p, err := readLog(r, file, c, opt)
	if err != nil {
		return nil, err
	}
	return mergeLogs(c, opt, []*logPart{p}), nil
}

// ReadTrackingFiles reads the logs dir/files[i] (files slash-separated and
// relative to dir, as they appear in skips and errors) on a bounded pool of
// runtime.GOMAXPROCS workers, one file at a time each, folding each file's
// part into one accumulator as it finishes. The folding is commutative and
// the tables are sorted at the end, so the result does not depend on
// scheduling (TestReadTrackingSplit); skips stay in file order.
func ReadTrackingFiles(dir string, files []string, c *Course, opt TrackingOptions) (*Tracking, error) {
	acc := newTrackAcc(opt, len(files))
	var mu sync.Mutex
	errs := make([]error, len(files))
	jobs := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < min(runtime.GOMAXPROCS(0), len(files)); w++ {
		wg.Go(func() {
			for i := range jobs {
				p, err := readLogFile(filepath.Join(dir, filepath.FromSlash(files[i])), files[i], c, opt)
				if err != nil {
					errs[i] = err
					continue
				}
				mu.Lock()
				acc.add(i, p)
				mu.Unlock()
			}
		})
	}
	for i := range files {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return acc.finish(c), nil
}

func readLogFile(path, file string, c *Course, opt TrackingOptions) (*logPart, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return readLog(f, file, c, opt)
}
