package ingest

import (
	"bytes"
	"math/bits"
	"sort"
	"strings"
	"time"

	"github.com/moocreport/moocreport/report"
)

// tally is one learner's activity in one course week.
type tally struct {
	events [report.NumKinds]int
	days   uint8 // bit d set: activity on day d (0–6) of the week
}

type weekKey struct {
	user string // raw edX user id; pseudonymised only when merging
	week int
}

// problemAcc aggregates the server problem_check events of one problem.
type problemAcc struct {
	learners      map[string]struct{}
	first, firstC int
}

// enrolSpan is the latest activation and deactivation seen, unix ms.
type enrolSpan struct {
	on, off       int64
	hasOn, hasOff bool
}

func (e *enrolSpan) add(o enrolSpan) {
	if o.hasOn && (!e.hasOn || o.on > e.on) {
		e.on, e.hasOn = o.on, true
	}
	if o.hasOff && (!e.hasOff || o.off > e.off) {
		e.off, e.hasOff = o.off, true
	}
}

// logPart is the aggregate of one log file. Workers build parts
// independently; mergeLogs combines them in file order.
//
// Memory grows with learners, not events: per learner it keeps week
// tallies, sessions (as merged time intervals), chapters and enrolment
// times, whatever the number of events.
type logPart struct {
	file      string
	gap       int64 // session gap, ms
	byName    bool
	weeks     map[weekKey]*tally
	sessions  map[string][]span
	chapters  map[string]map[string]struct{}
	problems  map[string]*problemAcc
	enrol     map[string]*enrolSpan
	skips     map[string]int
	others    map[string]int // other-course lines by their course id
	lines     int
	malformed int
	firstBad  int   // line of the first malformed line
	badErr    error // its decoding error
	ev        logEvent
	top       [7][]byte
	ctx       [3][]byte
	pay       [5][]byte
}

func newLogPart(file string, opt TrackingOptions) *logPart {
	return &logPart{file: file, gap: opt.gap(), byName: opt.ByUsername,
		weeks: map[weekKey]*tally{}, sessions: map[string][]span{}, chapters: map[string]map[string]struct{}{},
		problems: map[string]*problemAcc{}, enrol: map[string]*enrolSpan{}, skips: map[string]int{}, others: map[string]int{}}
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
	if err := p.decode(b, ev); err != nil {
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
	var pl *payload
	if kind == report.KindEnrollment || kind == report.KindProblem {
		pl = p.parsePayload(ev.Event)
	}
	course := ev.CourseID
	if course == "" {
		course = courseFromPath(ev.EventType)
	}
	if course == "" && pl != nil && kind == report.KindEnrollment {
		course = pl.CourseID
	}
	switch {
	case course == "":
		p.skips[SkipNoCourse]++
		return
	case course != c.ID:
		p.skips[SkipOtherCourse]++
		p.others[course]++
		return
	}
	user := p.learner(c, ev, pl, kind)
	if user == "" {
		p.skips[SkipNoLearner]++
		return
	}
	t, ok := parseTime(ev.Time)
	if !ok {
		p.skips[SkipBadTime]++
		return
	}
	day := floorDiv(int64(t.Sub(c.weekStart())), int64(24*time.Hour))
	week := floorDiv(day, 7)
	k := weekKey{user, int(week) + 1}
	w := p.weeks[k]
	if w == nil {
		w = &tally{}
		p.weeks[k] = w
	}
	w.events[kind]++
	ms := t.UnixMilli()
	if kind == report.KindEnrollment {
		p.enrolment(user, ev.EventType, ms)
		return
	}
	w.days |= 1 << (day - week*7)
	p.sessions[user] = addSpan(p.sessions[user], span{ms, ms}, p.gap)
	if ch := chapterOf(ev.EventType, ev.Page); ch != "" {
		set := p.chapters[user]
		if set == nil {
			set = map[string]struct{}{}
			p.chapters[user] = set
		}
		set[ch] = struct{}{}
	}
	if kind == report.KindProblem && pl != nil && pl.ProblemID != "" {
		a := p.problems[pl.ProblemID]
		if a == nil {
			a = &problemAcc{learners: map[string]struct{}{}}
			p.problems[pl.ProblemID] = a
		}
		a.learners[user] = struct{}{}
		if pl.Attempts == 1 {
			a.first++
			if pl.Success == "correct" {
				a.firstC++
			}
		}
	}
}

// learner returns the raw user id of an event: context.user_id, else the
// username through the profile, else (enrolment events) the payload's
// user_id. With ByUsername the username comes first.
func (p *logPart) learner(c *Course, ev *logEvent, pl *payload, kind report.EventKind) string {
	user := ev.UserID
	if p.byName && ev.Username != "" {
		if id, ok := c.users[ev.Username]; ok {
			user = id
		}
	}
	if user == "" && ev.Username != "" {
		user = c.users[ev.Username]
	}
	if user == "" && pl != nil && kind == report.KindEnrollment {
		user = pl.UserID
	}
	return user
}

// enrolment records an activation or deactivation; mode changes only count
// as enrolment events.
func (p *logPart) enrolment(user, eventType string, ms int64) {
	var on bool
	switch eventType {
	case "edx.course.enrollment.activated":
		on = true
	case "edx.course.enrollment.deactivated":
	default:
		return
	}
	e := p.enrol[user]
	if e == nil {
		e = &enrolSpan{}
		p.enrol[user] = e
	}
	if on {
		e.add(enrolSpan{on: ms, hasOn: true})
	} else {
		e.add(enrolSpan{off: ms, hasOff: true})
	}
}

// chapterOf returns the chapter of a courseware URL path
// (/courses/<course id>/courseware/<chapter>/<sequential>/…), from an
// implicit event's event_type or else the page the event came from; "" when
// neither is in the courseware. The course itself was checked already.
func chapterOf(eventType, page string) string {
	for _, u := range []string{eventType, page} {
		i := strings.Index(u, "/courseware/")
		if i < 0 || !strings.Contains(u[:i], "/courses/") {
			continue
		}
		rest := u[i+len("/courseware/"):]
		if j := strings.IndexAny(rest, "/?#"); j >= 0 {
			rest = rest[:j]
		}
		if rest != "" {
			return rest
		}
	}
	return ""
}

// trackAcc accumulates parts as they finish. Every combination is
// commutative (sums, unions, latest times, and addSpan, whose result does
// not depend on insertion order), so parts can be folded in the order
// workers finish them and dropped at once: memory holds the accumulator
// and the parts in flight, not every file's part. Skips keep file order.
type trackAcc struct {
	gap      int64
	weeks    map[weekKey]*tally
	sessions map[string][]span
	chapters map[string]map[string]struct{}
	problems map[string]*problemAcc
	enrol    map[string]*enrolSpan
	skips    [][]report.Skip // by file index
	others   map[string]map[string]int
}

func newTrackAcc(opt TrackingOptions, files int) *trackAcc {
	return &trackAcc{gap: opt.gap(), weeks: map[weekKey]*tally{}, sessions: map[string][]span{},
		chapters: map[string]map[string]struct{}{}, problems: map[string]*problemAcc{},
		enrol: map[string]*enrolSpan{}, skips: make([][]report.Skip, files), others: map[string]map[string]int{}}
}

// add folds part p, the file with index i, into the accumulator.
func (m *trackAcc) add(i int, p *logPart) {
	for k, t := range p.weeks {
		a := m.weeks[k]
		if a == nil {
			m.weeks[k] = t // parts are not used after add: take it over
			continue
		}
		for i, n := range t.events {
			a.events[i] += n
		}
		a.days |= t.days
	}
	for u, ss := range p.sessions {
		if m.sessions[u] == nil {
			m.sessions[u] = ss
			continue
		}
		for _, s := range ss {
			m.sessions[u] = addSpan(m.sessions[u], s, m.gap)
		}
	}
	for u, set := range p.chapters {
		if m.chapters[u] == nil {
			m.chapters[u] = set
			continue
		}
		for ch := range set {
			m.chapters[u][ch] = struct{}{}
		}
	}
	for id, a := range p.problems {
		t := m.problems[id]
		if t == nil {
			m.problems[id] = a
			continue
		}
		for u := range a.learners {
			t.learners[u] = struct{}{}
		}
		t.first += a.first
		t.firstC += a.firstC
	}
	for u, e := range p.enrol {
		if t := m.enrol[u]; t != nil {
			t.add(*e)
		} else {
			m.enrol[u] = e
		}
	}
	m.skips[i] = p.skipList()
	if len(p.others) > 0 {
		m.others[p.file] = p.others
	}
}

// mergeLogs combines parts in file order; see trackAcc.
func mergeLogs(c *Course, opt TrackingOptions, parts []*logPart) *Tracking {
	m := newTrackAcc(opt, len(parts))
	for i, p := range parts {
		m.add(i, p)
	}
	return m.finish(c)
}

// finish pseudonymises the learners and sorts every table.
func (m *trackAcc) finish(c *Course) *Tracking {
	weeks, sessions, chapters, problems, enrol := m.weeks, m.sessions, m.chapters, m.problems, m.enrol
	out := &Tracking{Enrollments: map[string]Enrollment{}, OtherCourses: m.others}
	for _, s := range m.skips {
		for _, k := range s {
			k.Course = c.Key
			out.Skips = append(out.Skips, k)
		}
	}
	// Sessions count in the week they start (they may run past midnight).
	start := c.weekStart().UnixMilli()
	const weekMs = 7 * 24 * 3600 * 1000
	secs := map[weekKey][2]int{}
	for u, ss := range sessions {
		for _, s := range ss {
			k := weekKey{u, int(floorDiv(s.from-start, weekMs)) + 1}
			v := secs[k]
			v[0]++
			v[1] += int((s.to - s.from) / 1000)
			secs[k] = v
		}
	}
	for k, t := range weeks {
		out.Weeks = append(out.Weeks, report.LearnerWeek{
			Course:   c.Key,
			Learner:  c.pseudonym(k.user),
			Week:     k.week,
			Events:   t.events,
			Days:     uint8(bits.OnesCount8(t.days)),
			Sessions: secs[k][0],
			Seconds:  secs[k][1],
		})
	}
	sort.Slice(out.Weeks, func(i, j int) bool {
		a, b := out.Weeks[i], out.Weeks[j]
		return a.Learner < b.Learner || a.Learner == b.Learner && a.Week < b.Week
	})
	seen := map[string]struct{}{}
	for u, set := range chapters {
		out.Reach = append(out.Reach, report.Reach{Course: c.Key, Learner: c.pseudonym(u), Chapters: len(set)})
		for ch := range set {
			seen[ch] = struct{}{}
		}
	}
	out.Chapters = len(seen)
	sort.Slice(out.Reach, func(i, j int) bool { return out.Reach[i].Learner < out.Reach[j].Learner })
	for id, a := range problems {
		out.Problems = append(out.Problems, report.ProblemStat{Course: c.Key, Problem: id,
			Learners: len(a.learners), FirstAttempts: a.first, FirstCorrect: a.firstC})
	}
	sort.Slice(out.Problems, func(i, j int) bool { return out.Problems[i].Problem < out.Problems[j].Problem })
	for u, e := range enrol {
		var en Enrollment
		if e.hasOn {
			en.Enrolled = time.UnixMilli(e.on).UTC()
		}
		if e.hasOff && (!e.hasOn || e.off >= e.on) {
			en.Unenrolled = time.UnixMilli(e.off).UTC()
		}
		out.Enrollments[c.pseudonym(u)] = en
	}
	return out
}

func (p *logPart) skipList() []report.Skip {
	reasons := make([]string, 0, len(p.skips))
	for r := range p.skips {
		reasons = append(reasons, r)
	}
	sort.Strings(reasons)
	out := make([]report.Skip, 0, len(reasons))
	for _, r := range reasons {
		out = append(out, report.Skip{File: p.file, Reason: r, Count: p.skips[r]})
	}
	return out
}
