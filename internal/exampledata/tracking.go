package exampledata

import (
	"math"
	"math/rand/v2"
	"slices"
	"time"
)

// evType is what a simulated event records; logs.go renders each as the
// tracking-log line edX writes for it.
type evType uint8

const (
	evEnroll         evType = iota // edx.course.enrollment.activated
	evModeChange                   // edx.course.enrollment.mode_changed
	evCourseHome                   // implicit page view of the course home
	evPage                         // implicit page view of a sequential
	evSeqGoto                      // browser seq_goto
	evLoadVideo                    // browser load_video
	evPlayVideo                    // browser play_video
	evPauseVideo                   // browser pause_video
	evSeekVideo                    // browser seek_video
	evStopVideo                    // browser stop_video
	evProblemBrowser               // browser problem_check (query string)
	evProblemServer                // server problem_check (graded)
	evThread                       // edx.forum.thread.created
	evResponse                     // edx.forum.response.created
	evComment                      // edx.forum.comment.created
	evLegacy                       // page view in an old course of the same learner
	evAnon                         // page view by a visitor who is not logged in
	evTask                         // instructor task: problem_rescore
)

// event is one simulated action, kept compact: the log line is rendered
// only when its day's file is written.
type event struct {
	at   int64 // Unix microseconds
	who  int32 // index into the course's learners; -1 for none
	typ  evType
	sess uint16 // the learner's session number, for the session id
	seq  int16  // sequential index, -1 when none
	item int16  // video index in seq, problem index, or text index
	n    int32  // attempts, grade points, or seq_goto position
	x, y float32
}

// logWindow is the span the tracking logs cover: two weeks before the
// start to two weeks after the last course week.
func logWindow(c *courseSpec) (from, to time.Time) {
	return c.start.AddDate(0, 0, -14), c.start.AddDate(0, 0, 7*c.weeks+14)
}

// sim holds the state of one course's simulation.
type sim struct {
	c        *courseSpec
	st       *structure
	r        *rand.Rand
	evs      []event
	from, to time.Time
	sess     uint16 // session counter of the current learner
}

// simulate plays every learner's course and returns the events in time
// order. It also fills the learners' problem scores and activity summary.
func simulate(seed uint64, c *courseSpec, st *structure, ls []*learner) []event {
	s := &sim{c: c, st: st, r: newRand(seed, "activity:"+c.key)}
	s.from, s.to = logWindow(c)
	for i, l := range ls {
		s.learner(int32(i), l)
	}
	s.oddities(ls)
	slices.SortStableFunc(s.evs, func(a, b event) int {
		switch {
		case a.at < b.at:
			return -1
		case a.at > b.at:
			return 1
		}
		return 0
	})
	return s.evs
}

func (s *sim) emit(e event) {
	if e.at >= s.from.UnixMicro() && e.at < s.to.UnixMicro() {
		s.evs = append(s.evs, e)
	}
}

func micros(t time.Time) int64 { return t.UnixMicro() }

func seconds(x float64) int64 { return int64(x * 1e6) }

// learner simulates one learner: enrolment events, a look before the
// start, and then weeks of activity until they drop out.
func (s *sim) learner(i int32, l *learner) {
	r, c := s.r, s.c
	s.sess = 0
	l.best = make([]float64, len(s.st.problems))
	l.tries = make([]uint8, len(s.st.problems))
	for k := range l.best {
		l.best[k] = -1
	}
	s.emit(event{at: micros(l.enrolled), who: i, typ: evEnroll, seq: -1})
	if !l.upgraded.IsZero() {
		s.emit(event{at: micros(l.upgraded), who: i, typ: evModeChange, seq: -1})
	}
	// Some enrolled learners look at the course home before it opens.
	if l.enrolled.Before(c.start) && chance(r, 0.2+0.3*l.motivation) {
		from := l.enrolled
		if from.Before(s.from) {
			from = s.from
		}
		if span := c.start.Sub(from); span > time.Hour {
			s.sess++
			at := micros(from) + r.Int64N(span.Microseconds())
			s.emit(event{at: at, who: i, typ: evCourseHome, sess: s.sess, seq: -1})
		}
	}
	show := c.showUp
	if l.mode == "verified" {
		show = 0.97
	}
	if !chance(r, show) {
		return
	}
	first := 1
	if l.enrolled.After(c.start) {
		first = int(l.enrolled.Sub(c.start)/(7*24*time.Hour)) + 1
	}
	for chance(r, 0.06) { // a slow start
		first++
	}
	for w := first; w <= c.weeks+2; w++ {
		p := 0.93
		if w > c.weeks {
			p = 0.2
		}
		if chance(r, p) && s.week(i, l, w) {
			l.lastWeek = w
			if w <= c.weeks {
				l.weeksSeen++
			}
		}
		keep := c.retention + (1-c.retention)*0.55*l.motivation
		if l.mode == "verified" {
			keep = 1 - (1-c.retention)*0.25
		}
		if !chance(r, keep) {
			break
		}
	}
}

// week simulates one active week: the learner works through a share of
// the week's sequentials, in order, over a few sessions. The more motivated
// cover more of it, which is what makes grades follow activity. It reports
// whether any session happened (a week can fall before enrolment or after
// the logs end).
func (s *sim) week(i int32, l *learner, w int) bool {
	r, c := s.r, s.c
	tw := w
	if w > c.weeks { // after the end: the exam, or revisiting a week
		tw = c.weeks
		if chance(r, 0.5) {
			tw = 1 + r.IntN(c.weeks)
		}
	}
	ch := s.st.chapters[tw-1]
	cover := clamp(c.coverage*(0.25+1.0*l.motivation)+0.15*r.NormFloat64(), 0.1, 1)
	visits := max(1, int(math.Round(cover*float64(len(ch.seqs)))))
	n := min(7, visits, 1+poisson(r, c.sessions*(0.5+l.motivation)))
	days := r.Perm(7)[:n]
	slices.Sort(days)
	any := false
	for j, d := range days {
		seqs := ch.seqs[visits*j/n : visits*(j+1)/n]
		if w > 1 && w <= c.weeks && chance(r, 0.15) { // catching up on an earlier week
			seqs = []*sequential{pick(r, s.st.chapters[r.IntN(w-1)].seqs)}
		}
		day := c.start.AddDate(0, 0, 7*(w-1)+d)
		if !day.Add(24*time.Hour).After(l.enrolled) || !day.Before(s.to) {
			continue
		}
		h := math.Mod(l.hour+1.3*r.NormFloat64()+48, 24)
		at := micros(day) + seconds(clamp(h, 0.1, 23.2)*3600) + r.Int64N(1e6)
		if e := micros(l.enrolled) + seconds(600); at < e {
			at = e
		}
		s.session(i, l, seqs, at)
		any = true
	}
	return any
}

// session simulates one sitting: the given sequentials, each with its
// videos and problems, and now and then a forum post.
func (s *sim) session(i int32, l *learner, seqs []*sequential, at int64) {
	r, c := s.r, s.c
	s.sess++
	sess := s.sess
	if chance(r, 0.2) {
		s.emit(event{at: at, who: i, typ: evCourseHome, sess: sess, seq: -1})
		at += seconds(5 + 25*r.Float64())
	}
	for _, sq := range seqs {
		s.emit(event{at: at, who: i, typ: evPage, sess: sess, seq: int16(sq.index)})
		at += seconds(3 + 20*r.Float64())
		if chance(r, 0.25) {
			s.emit(event{at: at, who: i, typ: evSeqGoto, sess: sess, seq: int16(sq.index), n: 1})
			at += seconds(2 + 10*r.Float64())
		}
		for v := range sq.videos {
			if chance(r, c.depth*(0.1+0.22*l.motivation)) {
				at = s.watch(i, l, sess, sq, v, at)
			}
		}
		for _, p := range sq.problems {
			if p.exam && c.examGated && l.mode != "verified" {
				continue // the exam is locked for the audit track
			}
			if l.best[p.index] < 1 && chance(r, c.depth*(0.6+0.4*l.motivation)) {
				at = s.attempt(i, l, sess, sq, p, at)
			}
		}
		if chance(r, c.forum*(0.5+l.motivation)) {
			typ := []evType{evThread, evResponse, evResponse, evComment}[r.IntN(4)]
			s.emit(event{at: at, who: i, typ: typ, sess: sess, seq: int16(sq.index), item: int16(r.IntN(1 << 14))})
			at += seconds(60 + 240*r.Float64())
		}
	}
}

// watch simulates watching one video: load, play, maybe a seek, and pause
// part-way or stop at the end. It returns the time after watching.
func (s *sim) watch(i int32, l *learner, sess uint16, sq *sequential, v int, at int64) int64 {
	r := s.r
	dur := sq.videos[v].duration
	base := event{who: i, sess: sess, seq: int16(sq.index), item: int16(v)}
	e := base
	e.at, e.typ = at, evLoadVideo
	s.emit(e)
	at += seconds(1 + 2*r.Float64())
	e.at, e.typ, e.x = at, evPlayVideo, 0
	s.emit(e)
	end := dur
	if !chance(r, 0.45+0.35*l.motivation) {
		end = math.Round(dur*(0.1+0.8*r.Float64())*1000) / 1000
	}
	pos := 0.0
	if chance(r, 0.2) {
		pos = math.Round(end*r.Float64()*1000) / 1000
		to := clamp(pos+(r.Float64()-0.4)*120, 0, dur)
		e.at, e.typ, e.x, e.y = at+seconds(pos), evSeekVideo, float32(pos), float32(math.Round(to*1000)/1000)
		s.emit(e)
		at += seconds(pos)
		pos = to
		if pos > end {
			end = pos
		}
	}
	at += seconds(end - pos)
	e.at, e.typ, e.x, e.y = at, evPauseVideo, float32(end), 0
	if end == dur {
		e.typ = evStopVideo
	}
	s.emit(e)
	return at + seconds(2+8*r.Float64())
}

// attempt simulates submitting one problem until correct, out of attempts
// or out of patience. Each submission logs the browser event and the
// graded server event.
func (s *sim) attempt(i int32, l *learner, sess uint16, sq *sequential, p *problem, at int64) int64 {
	r := s.r
	maxTries := uint8(3)
	if p.exam {
		maxTries = 2
	}
	for l.tries[p.index] < maxTries {
		l.tries[p.index]++
		pc := clamp(0.35+0.6*l.ability+0.15*float64(l.tries[p.index]-1), 0, 0.97)
		grade := 0
		for k := 0; k < p.max; k++ {
			if chance(r, pc) {
				grade++
			}
		}
		e := event{at: at, who: i, typ: evProblemBrowser, sess: sess, seq: int16(sq.index), item: int16(p.index), n: int32(l.tries[p.index])}
		s.emit(e)
		e.at, e.typ, e.x = at+200_000+r.Int64N(700_000), evProblemServer, float32(grade)
		s.emit(e)
		if sc := float64(grade) / float64(p.max); sc > l.best[p.index] {
			l.best[p.index] = sc
		}
		at += seconds(20 + 70*r.Float64())
		if grade == p.max || !chance(r, 0.55) {
			break
		}
	}
	return at
}

// oddities adds the few events real logs always hold and readers must
// count rather than drop silently: a learner's visits to an old course, page
// views by visitors who are not logged in, and an instructor's rescoring
// task.
func (s *sim) oddities(ls []*learner) {
	r := s.r
	span := s.to.Sub(s.from).Microseconds()
	for k := 0; k < 24+r.IntN(12); k++ {
		s.emit(event{at: micros(s.from) + r.Int64N(span), who: int32(r.IntN(len(ls))), typ: evLegacy, sess: 900, seq: -1, item: int16(r.IntN(6))})
	}
	for k := 0; k < 20+r.IntN(12); k++ {
		s.emit(event{at: micros(s.from) + r.Int64N(span), who: -1, typ: evAnon, seq: -1, item: int16(r.IntN(1 << 14))})
	}
	// A rescoring run in week 3: one problem, rescored for some who tried it.
	p := weekProblems(s.st, 3)[0]
	at := micros(s.c.start.AddDate(0, 0, 16)) + seconds(14*3600)
	for i, n := 0, 0; i < len(ls) && n < 12; i++ {
		if l := ls[i]; l.tries[p.index] > 0 && chance(r, 0.1) {
			n++
			s.emit(event{at: at, who: int32(i), typ: evTask, seq: -1, item: int16(p.index), x: float32(math.Round(l.best[p.index] * float64(p.max))), y: float32(p.max)})
			at += 180_000 + r.Int64N(400_000)
		}
	}
}
