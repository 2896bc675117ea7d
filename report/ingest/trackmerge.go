package ingest

import (
	"cmp"
	"math/bits"
	"slices"
	"sort"
	"time"

	"github.com/moocreport/moocreport/report"
)

// merge folds o, another worker's state, into st. Every combination is
// commutative (sums, unions, latest times, and addSpan, whose result does
// not depend on insertion order), so the merged state is the same whatever
// lines each worker read (TestReadTrackingSplit).
func (st *trackState) merge(o *trackState) {
	remap := make([]int32, len(o.users))
	for j, u := range o.users {
		i := st.learnerIxString(u)
		remap[j] = i
		a, b := &st.learners[i], &o.learners[j]
		for _, w := range b.weeks {
			t := a.week(w.week)
			for k, n := range w.events {
				t.events[k] += n
			}
			t.days |= w.days
			t.insights.PlayedVideo += w.insights.PlayedVideo
			t.insights.AttemptedProblem += w.insights.AttemptedProblem
			t.insights.PostedForum += w.insights.PostedForum
		}
		if a.sessions == nil {
			a.sessions = b.sessions
		} else {
			for _, s := range b.sessions {
				a.sessions = addSpan(a.sessions, s, st.gap)
			}
		}
		a.enrol.add(b.enrol)
	}
	for k := range o.reach {
		ch := intern(st.chapterIDs, &st.chapters, []byte(o.chapters[k&0xffffffff]))
		st.reach[uint64(remap[k>>32])<<32|uint64(ch)] = struct{}{}
	}
	pmap := make([]int32, len(o.problemIx))
	for j, id := range o.problemIx {
		pi := intern(st.problemIDs, &st.problemIx, []byte(id))
		isNew := int(pi) == len(st.problems)
		if isNew {
			st.problems = append(st.problems, problemAcc{})
		}
		pmap[j] = pi
		a, b := &st.problems[pi], o.problems[j]
		a.first += b.first
		a.firstC += b.firstC
		a.seen(b.firstMs, isNew)
		a.noteName([]byte(b.name), b.nameMs)
	}
	for k := range o.solvers {
		st.solvers[uint64(pmap[k>>32])<<32|uint64(remap[k&0xffffffff])] = struct{}{}
	}
}

// finish pseudonymises the learners and sorts every table.
func (st *trackState) finish() *Tracking {
	c := st.c
	c.awaitSources() // the pseudonyms are the profiles' too
	out := &Tracking{Enrollments: map[string]Enrollment{}}
	const weekMs = 7 * dayMs
	chapters := make([]int, len(st.users))
	for k := range st.reach {
		chapters[k>>32]++
	}
	nweeks := 0
	for i := range st.learners {
		nweeks += len(st.learners[i].weeks)
	}
	out.Weeks = make([]report.LearnerWeek, 0, nweeks)
	var secs [][2]int // sessions and seconds by index in the learner's weeks
	// Learners in pseudonym order, each one's weeks in week order (as
	// learnerState keeps them): the tables come out sorted without
	// sorting their rows.
	pids := make([]string, len(st.users))
	order := make([]int, len(st.users))
	for i, u := range st.users {
		pids[i], order[i] = c.pseudonym(u), i
	}
	slices.SortFunc(order, func(a, b int) int { return cmp.Compare(pids[a], pids[b]) })
	for _, i := range order {
		ls := &st.learners[i]
		pid := pids[i]
		// Sessions count in the week they start (they may run past
		// midnight); that week always has a tally, from the session's
		// first event.
		secs = append(secs[:0], make([][2]int, len(ls.weeks))...)
		for _, s := range ls.sessions {
			if k, ok := ls.find(int(floorDiv(s.from-st.start, weekMs)) + 1); ok {
				secs[k][0]++
				secs[k][1] += int((s.to - s.from) / 1000)
			}
		}
		for k, t := range ls.weeks {
			out.Weeks = append(out.Weeks, report.LearnerWeek{
				Course:   c.Key,
				Learner:  pid,
				Week:     t.week,
				Events:   t.events,
				Days:     uint8(bits.OnesCount8(t.days)),
				Sessions: secs[k][0],
				Seconds:  secs[k][1],
				Insights: t.insights,
			})
		}
		if chapters[i] > 0 {
			out.Reach = append(out.Reach, report.Reach{Course: c.Key, Learner: pid, Chapters: chapters[i]})
		}
		if en, ok := ls.enrol.enrollment(); ok {
			out.Enrollments[pid] = en
		}
	}
	seen := make([]bool, len(st.chapters))
	for k := range st.reach {
		if ch := k & 0xffffffff; !seen[ch] {
			seen[ch] = true
			out.Chapters++
		}
	}
	learners := make([]int, len(st.problemIx))
	for k := range st.solvers {
		learners[k>>32]++
	}
	for i, id := range st.problemIx {
		a := st.problems[i]
		out.Problems = append(out.Problems, report.ProblemStat{Course: c.Key, Problem: id,
			Learners: learners[i], FirstAttempts: a.first, FirstCorrect: a.firstC,
			Name: displayName(a.name), FirstSeen: time.UnixMilli(a.firstMs).UTC()})
	}
	sort.Slice(out.Problems, func(i, j int) bool { return out.Problems[i].Problem < out.Problems[j].Problem })
	return out
}
