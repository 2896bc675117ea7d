package measures

import (
	"fmt"
	"strings"

	"github.com/moocreport/moocreport/report"
	"github.com/moocreport/moocreport/report/study"
)

// learnerActivity is one enrolled learner's activity over course weeks
// 1…W, counting only the events that make a learner active.
type learnerActivity struct {
	Events   int // active events
	Days     int // days with activity, summed over active weeks
	Seconds  int // time on task, from ingest's sessions
	Sessions int
	Last     int // last active course week
}

// indexActivity applies the study's definition of "active" once, so every
// activity measure and comparison counts the same events.
func (c *computer) indexActivity() {
	for _, k := range c.s.Activity.ExcludedKinds() {
		for i := report.EventKind(0); i < report.NumKinds; i++ {
			if i.String() == k {
				c.excluded[i] = true
			}
		}
	}
	c.excluded[report.KindEnrollment] = true
	c.acts = map[string]map[string]*learnerActivity{}
	var (
		co, known = study.Course{}, false
		a         *learnerActivity // of learner, rows being sorted by course and learner
		learner   string
	)
	for i, w := range c.ds.Activity {
		if i == 0 || w.Course != c.ds.Activity[i-1].Course {
			co, known = c.s.Course(w.Course)
			a = nil
		}
		if !known || c.rowLearner[i] < 0 || w.Week < 1 || w.Week > co.Weeks {
			continue
		}
		n := c.activeEvents(w)
		if n == 0 {
			continue
		}
		if c.acts[w.Course] == nil {
			c.acts[w.Course] = map[string]*learnerActivity{}
		}
		if a == nil || learner != w.Learner {
			a, learner = c.acts[w.Course][w.Learner], w.Learner
		}
		if a == nil {
			a = &learnerActivity{}
			c.acts[w.Course][w.Learner] = a
		}
		a.Events += n
		a.Days += int(w.Days)
		a.Seconds += w.Seconds
		a.Sessions += w.Sessions
		a.Last = max(a.Last, w.Week)
	}
}

// activeEvents counts the events of w that make a learner active.
func (c *computer) activeEvents(w report.LearnerWeek) int {
	n := 0
	for k, e := range w.Events {
		if !c.excluded[k] {
			n += e
		}
	}
	return n
}

// activeDef writes out the definition of an active learner in force.
func (c *computer) activeDef() string {
	a := c.s.Activity
	var b strings.Builder
	switch a.Preset {
	case "harvardx":
		b.WriteString("A learner is active in a course week when the tracking logs hold at least one page-view, video or problem event of theirs for the course in that week (interacting with the courseware, as HarvardX's \"viewed\" counts it; forum, enrollment and other events do not count).")
	default:
		b.WriteString("A learner is active in a course week when the tracking logs hold at least one event of theirs for the course in that week, other than enrollment events, as Open edX Insights counts active learners.")
	}
	if len(a.Exclude) > 0 {
		var kinds []string
		for _, k := range a.Exclude {
			kinds = append(kinds, excludedWords[k])
		}
		fmt.Fprintf(&b, " By the study's choice, %s do not count either.", joinAnd(kinds))
	}
	if a.Weeks == "monday" {
		fmt.Fprintf(&b, " Weeks run Monday to Sunday, from 00:00 in %s; course week 1 is the week holding the course start date.", zoneName(a.TimeZone))
	} else {
		fmt.Fprintf(&b, " Course week 1 starts at 00:00 %s on the course start date; each week is 7 days.", zoneName(a.TimeZone))
	}
	b.WriteString(" Only learners in the learner profile export count.")
	return b.String()
}

// excludedWords names the kinds of activity a study may leave out of
// "active" (study.ActivityKinds) in a reader's words.
var excludedWords = map[string]string{"page": "course page views", "video": "video events", "problem": "problem submissions",
	"forum": "discussion forum events", "other": "other events"}

// zoneName names a time zone for a definition; the empty zone is UTC.
func zoneName(tz string) string {
	if tz == "" {
		return "UTC"
	}
	return tz
}
