package ingest

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/bits"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/klauspost/compress/gzip"
	"github.com/moocreport/moocreport/report"
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

// logEvent holds only the fields of a tracking-log event that activity
// needs; encoding/json skips the rest (agent, ip, referer, page, …) without
// allocating, and `event` stays raw until an enrollment event needs it.
type logEvent struct {
	Time        string `json:"time"`
	EventType   string `json:"event_type"`
	EventSource string `json:"event_source"`
	Username    string `json:"username"`
	Context     struct {
		CourseID string `json:"course_id"`
		UserID   userID `json:"user_id"`
	} `json:"context"`
	Event json.RawMessage `json:"event"`
}

// userID accepts the shapes edX writes for a user id: a number, a string
// (empty for anonymous events) or null.
type userID string

// UnmarshalJSON keeps a number's digits as text; anything but an integer,
// a string or null makes the event malformed.
func (u *userID) UnmarshalJSON(b []byte) error {
	switch {
	case string(b) == "null":
		*u = ""
	case len(b) > 0 && b[0] == '"':
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*u = userID(s)
	case isDigits(string(b)):
		*u = userID(b)
	default:
		return fmt.Errorf("user_id: want an integer or a string, got %s", b)
	}
	return nil
}

// tally is one learner's activity in one course week.
type tally struct {
	events [report.NumKinds]int
	days   uint8 // bit d set: activity on day d (0–6) of the week
}

type weekKey struct {
	user string // raw edX user id; pseudonymised only when merging
	week int
}

// logPart is the aggregate of one log file. Workers build parts
// independently; mergeLogs combines them in file order.
type logPart struct {
	file      string
	weeks     map[weekKey]*tally
	skips     map[string]int
	lines     int
	malformed int
	firstBad  int   // line of the first malformed line
	badErr    error // its decoding error
	ev        logEvent
}

func newLogPart(file string) *logPart {
	return &logPart{file: file, weeks: map[weekKey]*tally{}, skips: map[string]int{}}
}

// line counts one line of a log: as activity of kind k for a learner week,
// or as a skip with its reason.
func (p *logPart) line(c *Course, b []byte, lineNo int) {
	p.lines++
	b = bytes.TrimSpace(b)
	if len(b) == 0 || b[0] == '#' {
		p.skips[SkipComment]++
		return
	}
	ev := &p.ev
	*ev = logEvent{}
	if err := json.Unmarshal(b, ev); err != nil {
		p.skips[SkipMalformed]++
		if p.malformed == 0 {
			p.firstBad, p.badErr = lineNo, err
		}
		p.malformed++
		return
	}
	if ev.EventSource == "task" {
		p.skips[SkipTask]++
		return
	}
	kind := classify(ev.EventType, ev.EventSource)
	var payload *enrollment
	if kind == report.KindEnrollment {
		payload = parseEnrollment(ev.Event)
	}
	course := ev.Context.CourseID
	if course == "" {
		course = courseFromPath(ev.EventType)
	}
	if course == "" && payload != nil {
		course = payload.CourseID
	}
	switch {
	case course == "":
		p.skips[SkipNoCourse]++
		return
	case course != c.ID:
		p.skips[SkipOtherCourse]++
		return
	}
	user := string(ev.Context.UserID)
	if user == "" && ev.Username != "" {
		user = c.users[ev.Username]
	}
	if user == "" && payload != nil {
		user = string(payload.UserID)
	}
	if user == "" {
		p.skips[SkipNoLearner]++
		return
	}
	t, ok := parseTime(ev.Time)
	if !ok {
		p.skips[SkipBadTime]++
		return
	}
	day := floorDiv(int64(t.Sub(c.Start)), int64(24*time.Hour))
	week := floorDiv(day, 7)
	k := weekKey{user, int(week) + 1}
	w := p.weeks[k]
	if w == nil {
		w = &tally{}
		p.weeks[k] = w
	}
	w.events[kind]++
	if kind != report.KindEnrollment {
		w.days |= 1 << (day - week*7)
	}
}

// enrollment is the payload of edx.course.enrollment.* server events, which
// carry the learner there rather than in the context.
type enrollment struct {
	CourseID string `json:"course_id"`
	UserID   userID `json:"user_id"`
}

func parseEnrollment(raw json.RawMessage) *enrollment {
	var e enrollment
	if len(raw) == 0 || raw[0] != '{' || json.Unmarshal(raw, &e) != nil {
		return nil
	}
	return &e
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

var gzipMagic = []byte{0x1f, 0x8b}

// readLog reads one log stream, gzipped or plain (told apart by the gzip
// magic bytes, not the file name), into a part.
func readLog(r io.Reader, file string, c *Course) (*logPart, error) {
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
	p := newLogPart(file)
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
	if allowed := p.lines / 1000; p.malformed > allowed {
		return nil, &ParseError{File: file, Line: p.firstBad, Err: fmt.Errorf(
			"%w: %d of %d lines are not JSON events, at most %d (0.1 %%) tolerated; this is the first: %v",
			ErrTooManyMalformed, p.malformed, p.lines, allowed, p.badErr)}
	}
	return p, nil
}

// ReadTracking reads one tracking log, gzipped or plain JSON lines, and
// returns course c's activity per learner week and the lines it did not
// count. Up to 0.1 % of a file's lines may be malformed (a crash can leave
// a torn line); more is an error naming the first.
func ReadTracking(r io.Reader, file string, c *Course) ([]report.LearnerWeek, []report.Skip, error) {
	p, err := readLog(r, file, c)
	if err != nil {
		return nil, nil, err
	}
	weeks, skips := mergeLogs(c, []*logPart{p})
	return weeks, skips, nil
}

// ReadTrackingFiles reads the logs dir/files[i] (files slash-separated and
// relative to dir, as they appear in skips and errors) on a bounded pool of
// runtime.GOMAXPROCS workers, one file at a time each, and merges the parts
// in the order of files, so the result does not depend on scheduling.
func ReadTrackingFiles(dir string, files []string, c *Course) ([]report.LearnerWeek, []report.Skip, error) {
	parts := make([]*logPart, len(files))
	errs := make([]error, len(files))
	jobs := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < min(runtime.GOMAXPROCS(0), len(files)); w++ {
		wg.Go(func() {
			for i := range jobs {
				parts[i], errs[i] = readLogFile(filepath.Join(dir, filepath.FromSlash(files[i])), files[i], c)
			}
		})
	}
	for i := range files {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, nil, err
	}
	weeks, skips := mergeLogs(c, parts)
	return weeks, skips, nil
}

func readLogFile(path, file string, c *Course) (*logPart, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return readLog(f, file, c)
}

// mergeLogs adds up the parts' learner weeks, pseudonymises the learners,
// and sorts by learner and week; skips stay per file, in file order.
func mergeLogs(c *Course, parts []*logPart) ([]report.LearnerWeek, []report.Skip) {
	if len(parts) == 0 {
		return nil, nil
	}
	all := parts[0].weeks
	if len(parts) > 1 {
		all = map[weekKey]*tally{}
		for _, p := range parts {
			for k, t := range p.weeks {
				a := all[k]
				if a == nil {
					a = &tally{}
					all[k] = a
				}
				for i, n := range t.events {
					a.events[i] += n
				}
				a.days |= t.days
			}
		}
	}
	weeks := make([]report.LearnerWeek, 0, len(all))
	for k, t := range all {
		weeks = append(weeks, report.LearnerWeek{
			Course:  c.Key,
			Learner: c.pseudonym(k.user),
			Week:    k.week,
			Events:  t.events,
			Days:    uint8(bits.OnesCount8(t.days)),
		})
	}
	sort.Slice(weeks, func(i, j int) bool {
		if weeks[i].Learner != weeks[j].Learner {
			return weeks[i].Learner < weeks[j].Learner
		}
		return weeks[i].Week < weeks[j].Week
	})
	var skips []report.Skip
	for _, p := range parts {
		reasons := make([]string, 0, len(p.skips))
		for r := range p.skips {
			reasons = append(reasons, r)
		}
		sort.Strings(reasons)
		for _, r := range reasons {
			skips = append(skips, report.Skip{File: p.file, Reason: r, Count: p.skips[r]})
		}
	}
	return weeks, skips
}
