package measures

import (
	"testing"

	"github.com/moocreport/moocreport/report"
	"github.com/moocreport/moocreport/report/study"
)

// TestInsightsMeasures: the weekly distinct learners of each Open edX
// Insights kind, under the insights preset only, withheld under k, and
// not published for a course without tracking logs.
func TestInsightsMeasures(t *testing.T) {
	ds := smallDataset()
	// big, week 1: learners B00–B39. Every learner played a video (some
	// twice), every fourth attempted a problem, three posted.
	for i := range ds.Activity {
		w := &ds.Activity[i]
		if w.Course != "big" {
			continue
		}
		w.Insights.PlayedVideo = 1 + i%2
		if i%4 == 0 {
			w.Insights.AttemptedProblem = 3
		}
		if i < 3 {
			w.Insights.PostedForum = 1
		}
	}
	// A learner not in the profile counts nowhere; week 2 has no one.
	ds.Activity = append(ds.Activity, report.LearnerWeek{Course: "big", Learner: "stray", Week: 1, Insights: report.InsightsWeek{PlayedVideo: 1}})
	for _, preset := range []string{"insights", "harvardx"} {
		t.Run(preset, func(t *testing.T) {
			s := smallStudy()
			s.Activity = study.Activity{Preset: preset, Explored: 0.5}
			res, err := Compute(s, ds)
			if err != nil {
				t.Fatal(err)
			}
			byID := measureMap(res)
			want := map[string]string{
				"big.played-video.w1": "40", "big.attempted-problem.w1": "10", "big.posted-forum.w1": "<5",
				"big.played-video.w2": "0", "big.attempted-problem.w2": "0", "big.posted-forum.w2": "0",
				// tiny has fewer than k learners: nothing about it is
				// shown, zeros included.
				"tiny.played-video.w1": "<5",
			}
			for id, text := range want {
				m, ok := byID[id]
				if preset != "insights" {
					if ok {
						t.Errorf("%s published under the %s preset", id, preset)
					}
					continue
				}
				if !ok || m.Text != text {
					t.Errorf("%s = %+v, want %s", id, m, text)
				}
			}
		})
	}
	s := smallStudy()
	s.Activity = study.Activity{Preset: "insights", Explored: 0.5}
	ds.Activity = nil
	res, err := Compute(s, ds)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := measureMap(res)["big.played-video.w1"]; ok {
		t.Error("played-video published for a course without tracking logs")
	}
}
