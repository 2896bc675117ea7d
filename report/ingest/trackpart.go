package ingest

import (
	"bytes"
	"time"

	"github.com/moocreport/moocreport/internal/jsonscan"
	"github.com/moocreport/moocreport/report"
)

const dayMs = 24 * 3600 * 1000

// tally is one learner's activity in one week (the OULAD reader's too).
type tally struct {
	events [report.NumKinds]int
	days   uint8 // bit d set: activity on day d (0–6) of the week
}

// weekTally is one learner's activity in course week week.
type weekTally struct {
	week int
	tally
	insights report.InsightsWeek
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

// learnerState is everything kept about one learner: week tallies (sorted
// by week), sessions as merged time intervals and the latest enrolment
// times. Its size grows with the weeks and sessions a learner has, never
// with their events.
type learnerState struct {
	weeks    []weekTally
	sessions []span
	enrol    enrolSpan
	chapter  int32 // the last chapter counted in reach, +1; 0 for none
}

// week returns the tally of week w, adding it in order if it is new.
func (ls *learnerState) week(w int) *weekTally {
	lo, ok := ls.find(w)
	if ok {
		return &ls.weeks[lo]
	}
	ls.weeks = append(ls.weeks, weekTally{})
	copy(ls.weeks[lo+1:], ls.weeks[lo:])
	ls.weeks[lo] = weekTally{week: w}
	return &ls.weeks[lo]
}

// find returns the index of week w in ls.weeks, or where it would go.
// Logs are roughly time-ordered, so the last week is almost always the one.
func (ls *learnerState) find(w int) (int, bool) {
	n := len(ls.weeks)
	if n > 0 && ls.weeks[n-1].week == w {
		return n - 1, true
	}
	lo, hi := 0, n
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if ls.weeks[m].week < w {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo, lo < n && ls.weeks[lo].week == w
}

// problemAcc aggregates the server problem_check events of one problem;
// its distinct learners are in trackState.solvers. It holds one display
// name however many events the problem has: the name of the latest
// submission by event time that carries one (course staff may rename a
// problem during the run; the latest name is the one the course shows at
// its end), and of several at that same millisecond the one that sorts
// first, so the choice depends on neither file nor worker order.
type problemAcc struct {
	first, firstC int
	firstMs       int64  // earliest graded submission, unix ms
	name          string // display name, "" when no event gave one
	nameMs        int64  // time of the event name came from
}

// noteName keeps name, seen at ms, if it is later than the one held (or,
// at the same time, sorts first). It copies name only when it differs.
func (a *problemAcc) noteName(name []byte, ms int64) {
	if len(name) == 0 {
		return
	}
	if a.name != "" && (ms < a.nameMs || ms == a.nameMs && string(name) >= a.name) {
		return
	}
	if string(name) != a.name {
		a.name = string(name)
	}
	a.nameMs = ms
}

// seen adds the time of a submission to the problem's first-seen time.
func (a *problemAcc) seen(ms int64, isNew bool) {
	if isNew || ms < a.firstMs {
		a.firstMs = ms
	}
}

// trackState is one scanning worker's aggregate of the lines it was given,
// from any file. Learners, chapters and problems are interned to small
// integers as first seen, so an event costs map lookups that allocate
// nothing; sets of pairs are maps of packed integer keys. Workers' states
// are merged by name at the end (merge), which is commutative, so the
// result does not depend on which worker read which lines.
type trackState struct {
	c          *Course
	gap        int64 // session gap, ms
	byName     bool
	pageCourse bool
	usersRead  bool  // the profiles are read: c.users may be looked at
	start      int64 // week 1 starts, unix ms

	ids      map[string]int32 // raw edX user id → index (see learnerIx)
	numIDs   map[uint64]int32 // the same, for ids in canonical decimal
	users    []string
	learners []learnerState

	chapterIDs map[string]int32
	chapters   []string
	reach      map[uint64]struct{} // learner<<32 | chapter

	problemIDs map[string]int32
	problemIx  []string
	problems   []problemAcc
	solvers    map[uint64]struct{} // problem<<32 | learner

	// buffers reused for every line
	ev                 logEvent
	pl                 payload
	top, ctx, pay, mod *jsonscan.Found
}

// moduleName is the display_name of a context.module object; nil when
// it has none, is not a string or the object is malformed (the name is
// then unknown, the event still counted).
func (st *trackState) moduleName(raw []byte) []byte {
	if raw[0] != '{' || jsonscan.Object(raw, moduleKeys, st.mod) != nil {
		return nil
	}
	name, err := st.mod.Text(0, "display_name")
	if err != nil {
		return nil
	}
	return name
}

func newTrackState(c *Course, opt TrackingOptions) *trackState {
	return &trackState{c: c, gap: opt.gap(), byName: opt.ByUsername, pageCourse: opt.PageCourse, start: c.weekStart().UnixMilli(),
		ids: map[string]int32{}, numIDs: map[uint64]int32{}, chapterIDs: map[string]int32{}, reach: map[uint64]struct{}{},
		problemIDs: map[string]int32{}, solvers: map[uint64]struct{}{},
		top: jsonscan.NewFound(eventKeys), ctx: jsonscan.NewFound(contextKeys), pay: jsonscan.NewFound(payloadKeys), mod: jsonscan.NewFound(moduleKeys)}
}

// learnerIx interns a raw user id; the string is copied only when new.
// edX user ids are integers: those in canonical decimal form (no leading
// zero, at most 18 digits) are looked up by their value, which hashes
// faster than the string; any other id by its text. A given id always
// takes the same way, so it has one index.
func (st *trackState) learnerIx(id []byte) int32 {
	if n, ok := canonicalUint(id); ok {
		if i, ok := st.numIDs[n]; ok {
			return i
		}
		i := st.addLearner(string(id))
		st.numIDs[n] = i
		return i
	}
	if i, ok := st.ids[string(id)]; ok {
		return i
	}
	i := st.addLearner(string(id))
	st.ids[st.users[i]] = i
	return i
}

func (st *trackState) learnerIxString(id string) int32 {
	if n, ok := canonicalUint(id); ok {
		if i, ok := st.numIDs[n]; ok {
			return i
		}
		i := st.addLearner(id)
		st.numIDs[n] = i
		return i
	}
	if i, ok := st.ids[id]; ok {
		return i
	}
	i := st.addLearner(id)
	st.ids[id] = i
	return i
}

// canonicalUint parses b when it is an unsigned integer written as
// strconv.FormatUint would write it and fits in 18 digits.
func canonicalUint[T string | []byte](b T) (uint64, bool) {
	if len(b) == 0 || len(b) > 18 || b[0] == '0' && len(b) > 1 {
		return 0, false
	}
	var n uint64
	for i := 0; i < len(b); i++ {
		c := b[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + uint64(c-'0')
	}
	return n, true
}

func (st *trackState) addLearner(id string) int32 {
	i := int32(len(st.users))
	st.users = append(st.users, id)
	st.learners = append(st.learners, learnerState{})
	return i
}

func intern(ids map[string]int32, names *[]string, name []byte) int32 {
	if i, ok := ids[string(name)]; ok {
		return i
	}
	i := int32(len(*names))
	s := string(name)
	ids[s] = i
	*names = append(*names, s)
	return i
}

// line counts one line of a log (without its newline) in fs: as activity
// of a learner week, or as a skip with its reason.
func (st *trackState) line(b []byte, lineNo int, fs *fileStats) {
	fs.lines++
	b = bytes.TrimSpace(b)
	if len(b) == 0 || b[0] == '#' {
		fs.skips[skComment]++
		return
	}
	ev := &st.ev
	if err := st.decode(b, ev); err != nil {
		fs.bad(skMalformed, lineNo, err)
		return
	}
	if string(ev.EventSource) == "task" {
		fs.skips[skTask]++
		return
	}
	kind := classify(ev.EventType, ev.EventSource)
	var pl *payload
	if (kind == report.KindEnrollment || gradedProblem(kind, ev.EventSource)) && st.parsePayload(ev.Event, &st.pl) {
		pl = &st.pl
	}
	course := ev.CourseID
	if len(course) == 0 {
		course = courseFromPath(ev.EventType)
	}
	if len(course) == 0 && pl != nil && kind == report.KindEnrollment {
		course = pl.CourseID
	}
	if len(course) == 0 && st.pageCourse && string(ev.EventSource) == "browser" {
		course = courseFromPage(ev.Page)
	}
	switch {
	case len(course) == 0:
		fs.skips[skNoCourse]++
		return
	case string(course) != st.c.ID:
		fs.skips[skOtherCourse]++
		if fs.others == nil {
			fs.others = map[string]int{}
		}
		fs.others[string(course)]++
		return
	}
	li, ok := st.learner(ev, pl, kind)
	if !ok {
		fs.skips[skNoLearner]++
		return
	}
	ms, ok := parseTime(ev.Time)
	if !ok {
		fs.skips[skBadTime]++
		return
	}
	st.count(li, kind, ms, pl)
}

// gradedProblem tells whether an event of this kind and source carries a
// graded submission (problem id, attempt, correctness): the server's
// problem_check. The browser's problem_check of the same submission is
// problem activity but holds only the raw form data, so the first-attempt
// statistics never read it.
func gradedProblem(kind report.EventKind, source []byte) bool {
	return kind == report.KindProblem && string(source) == "server"
}

// count adds the event of st.ev (its kind, learner and time known) to the
// learner's week, sessions, chapters, problems or enrolment.
func (st *trackState) count(li int32, kind report.EventKind, ms int64, pl *payload) {
	ev := &st.ev
	day := floorDiv(ms-st.start, dayMs)
	week := floorDiv(day, 7)
	ls := &st.learners[li]
	w := ls.week(int(week) + 1)
	w.events[kind]++
	if kind == report.KindEnrollment {
		ls.enrolment(ev.EventType, ms)
		return
	}
	w.days |= 1 << (day - week*7)
	countInsights(&w.insights, ev.EventType, ev.EventSource)
	ls.sessions = addSpan(ls.sessions, span{ms, ms}, st.gap)
	if ch := chapterOf(ev.EventType, ev.Page); len(ch) > 0 {
		// Learners mostly stay in one chapter for a while: the last one
		// seen saves two map operations.
		if last := ls.chapter - 1; last < 0 || string(ch) != st.chapters[last] {
			ci := intern(st.chapterIDs, &st.chapters, ch)
			st.reach[uint64(li)<<32|uint64(ci)] = struct{}{}
			ls.chapter = ci + 1
		}
	}
	if kind == report.KindProblem && pl != nil && len(pl.ProblemID) > 0 {
		pi := intern(st.problemIDs, &st.problemIx, pl.ProblemID)
		isNew := int(pi) == len(st.problems)
		if isNew {
			st.problems = append(st.problems, problemAcc{})
		}
		st.problems[pi].seen(ms, isNew)
		if len(ev.Module) > 0 {
			st.problems[pi].noteName(st.moduleName(ev.Module), ms)
		}
		st.solvers[uint64(pi)<<32|uint64(li)] = struct{}{}
		if pl.Attempts == 1 {
			st.problems[pi].first++
			if string(pl.Success) == "correct" {
				st.problems[pi].firstC++
			}
		}
	}
}

// learner returns the interned raw user id of an event: context.user_id,
// else the username through the profile, else (enrolment events) the
// payload's user_id. With ByUsername the username comes first. False when
// the event names no learner.
func (st *trackState) learner(ev *logEvent, pl *payload, kind report.EventKind) (int32, bool) {
	user, mapped, fromMap := ev.UserID, "", false
	if st.byName && len(ev.Username) > 0 {
		if id, ok := st.userID(ev.Username); ok {
			mapped, fromMap = id, true
		}
	}
	empty := func() bool { return fromMap && mapped == "" || !fromMap && len(user) == 0 }
	if empty() && len(ev.Username) > 0 {
		mapped, _ = st.userID(ev.Username)
		fromMap = true
	}
	if empty() && pl != nil && kind == report.KindEnrollment {
		user, fromMap = pl.UserID, false
	}
	switch {
	case empty():
		return 0, false
	case fromMap:
		return st.learnerIxString(mapped), true
	}
	return st.learnerIx(user), true
}

// userID is the user id the profiles give username, once they are read
// (see Course.ready).
func (st *trackState) userID(username []byte) (string, bool) {
	if !st.usersRead {
		st.c.awaitSources()
		st.usersRead = true
	}
	id, ok := st.c.users[string(username)]
	return id, ok
}

// enrolment records an activation or deactivation; mode changes only count
// as enrolment events.
func (ls *learnerState) enrolment(eventType []byte, ms int64) {
	switch string(eventType) {
	case "edx.course.enrollment.activated":
		ls.enrol.add(enrolSpan{on: ms, hasOn: true})
	case "edx.course.enrollment.deactivated":
		ls.enrol.add(enrolSpan{off: ms, hasOff: true})
	}
}

// indexCourseware is bytes.Index(u, "/courseware/"), the first one. It
// looks for the pattern's 'w', rare in a URL, where bytes.Index would
// look for its '/', of which a URL has many: every event's page is
// searched, and this was 3 % of reading a large course's logs
// (FuzzIndexCourseware holds it to bytes.Index).
func indexCourseware(u []byte) int {
	const pat = "/courseware/" // 'w' at 7
	for k := 7; k < len(u)-4; k++ {
		j := bytes.IndexByte(u[k:len(u)-4], 'w')
		if j < 0 {
			return -1
		}
		k += j
		if string(u[k-7:k+5]) == pat {
			return k - 7
		}
	}
	return -1
}

// chapterOf returns the chapter of a courseware URL path
// (/courses/<course id>/courseware/<chapter>/<sequential>/…), from an
// implicit event's event_type or else the page the event came from; nil
// when neither is in the courseware. The course itself was checked already.
func chapterOf(eventType, page []byte) []byte {
	for _, u := range [2][]byte{eventType, page} {
		i := indexCourseware(u)
		if i < 0 || !bytes.Contains(u[:i], []byte("/courses/")) {
			continue
		}
		rest := u[i+len("/courseware/"):]
		for j, c := range rest {
			if c == '/' || c == '?' || c == '#' {
				rest = rest[:j]
				break
			}
		}
		if len(rest) > 0 {
			return rest
		}
	}
	return nil
}

// enrollment converts a learner's enrolment span to dates; ok is false
// when the logs hold neither an activation nor a deactivation.
func (e enrolSpan) enrollment() (en Enrollment, ok bool) {
	if e.hasOn {
		en.Enrolled = time.UnixMilli(e.on).UTC()
	}
	if e.hasOff && (!e.hasOn || e.off >= e.on) {
		en.Unenrolled = time.UnixMilli(e.off).UTC()
	}
	return en, e.hasOn || e.hasOff
}
