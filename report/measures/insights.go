package measures

import (
	"fmt"

	"github.com/moocreport/moocreport/report"
)

// insightsKinds are the engagement counts Open edX Insights publishes, in
// the order of its engagement page, with their measure id parts and
// definitions.
var insightsKinds = []struct {
	id, label, def string
	count          func(report.InsightsWeek) int
}{
	{"played-video", "Learners who played a video in week %d",
		"Learners in the learner profile export who started playing a course video in that course week, in the browser or the mobile app, as Open edX Insights counts them.",
		func(w report.InsightsWeek) int { return w.PlayedVideo }},
	{"attempted-problem", "Learners who attempted a problem in week %d",
		"Learners in the learner profile export who submitted an answer to a problem in that course week, as recorded by the course server and counted by Open edX Insights.",
		func(w report.InsightsWeek) int { return w.AttemptedProblem }},
	{"posted-forum", "Learners who posted in the forum in week %d",
		"Learners in the learner profile export who started a discussion thread or wrote a response or comment in the course forum in that course week, as Open edX Insights counts them.",
		func(w report.InsightsWeek) int { return w.PostedForum }},
}

// insights publishes, under the insights preset, the weekly distinct
// learners of each Open edX Insights engagement kind, for the courses whose
// tracking logs were read: <course>.played-video.w<N>,
// <course>.attempted-problem.w<N> and <course>.posted-forum.w<N>.
func (c *computer) insights() error {
	if c.s.Activity.Preset != "insights" {
		return nil
	}
	// learners[course][kind][week-1]: distinct learners, as each learner
	// has at most one LearnerWeek per course week.
	learners := map[string][][]int{}
	for i, w := range c.ds.Activity {
		co, ok := c.s.Course(w.Course)
		if !ok || c.rowLearner[i] < 0 {
			continue
		}
		if learners[w.Course] == nil {
			learners[w.Course] = make([][]int, len(insightsKinds))
			for k := range insightsKinds {
				learners[w.Course][k] = make([]int, co.Weeks)
			}
		}
		if w.Week < 1 || w.Week > co.Weeks {
			continue
		}
		for k, kind := range insightsKinds {
			if kind.count(w.Insights) > 0 {
				learners[w.Course][k][w.Week-1]++
			}
		}
	}
	for _, co := range c.s.Courses {
		per := learners[co.Key]
		if per == nil {
			continue // no tracking logs: nothing to count, not zero
		}
		for k, kind := range insightsKinds {
			for w := 1; w <= co.Weeks; w++ {
				c.count(fmt.Sprintf("%s.%s.w%d", co.Key, kind.id, w), co.Key, fmt.Sprintf(kind.label, w), per[k][w-1], kind.def)
			}
		}
	}
	return nil
}
