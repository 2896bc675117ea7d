package ingest

import (
	"strings"
	"testing"

	"github.com/moocreport/moocreport/report"
)

// TestInsightsKinds: Open edX Insights' three engagement kinds, event by
// event, and the course of a browser event taken from its page under the
// insights preset only.
func TestInsightsKinds(t *testing.T) {
	c := tinyCourse(t)
	const ctx = `"context": {"course_id": "course-v1:TinyX+T101+2026", "user_id": 101}`
	ev := func(typ, src, rest string) string {
		return `{"time": "2026-03-03T12:00:00Z", "event_type": "` + typ + `", "event_source": "` + src + `", ` + rest + "}\n"
	}
	tests := []struct {
		name       string
		line       string
		pageCourse bool
		want       report.InsightsWeek
		events     int // events counted in the course
	}{
		{"browser play_video is played video", ev("play_video", "browser", ctx), false, report.InsightsWeek{PlayedVideo: 1}, 1},
		{"mobile play_video is played video", ev("play_video", "mobile", ctx), false, report.InsightsWeek{PlayedVideo: 1}, 1},
		{"server play_video is not", ev("play_video", "server", ctx), false, report.InsightsWeek{}, 1},
		{"edx.video.played is not", ev("edx.video.played", "mobile", ctx), false, report.InsightsWeek{}, 1},
		{"server problem_check is an attempt", ev("problem_check", "server", ctx), false, report.InsightsWeek{AttemptedProblem: 1}, 1},
		{"browser problem_check is not", ev("problem_check", "browser", ctx), false, report.InsightsWeek{}, 1},
		{"server forum post", ev("edx.forum.comment.created", "server", ctx), false, report.InsightsWeek{PostedForum: 1}, 1},
		{"forum vote is not a post", ev("edx.forum.thread.voted", "server", ctx), false, report.InsightsWeek{}, 1},
		{"browser forum event is not a post", ev("edx.forum.thread.created", "browser", ctx), false, report.InsightsWeek{}, 1},
		{"course from the page under the insights preset", ev("play_video", "browser",
			`"page": "https://lms.example.org/courses/course-v1:TinyX+T101+2026/courseware/week1/?x=1", "context": {"user_id": 101}`),
			true, report.InsightsWeek{PlayedVideo: 1}, 1},
		{"no course from the page otherwise", ev("play_video", "browser",
			`"page": "https://lms.example.org/courses/course-v1:TinyX+T101+2026/courseware/week1/", "context": {"user_id": 101}`),
			false, report.InsightsWeek{}, 0},
		{"server events keep no course from the page", ev("problem_check", "server",
			`"page": "https://lms.example.org/courses/course-v1:TinyX+T101+2026/courseware/week1/", "context": {"user_id": 101}`),
			true, report.InsightsWeek{}, 0},
		{"page of another course", ev("play_video", "browser",
			`"page": "https://lms.example.org/courses/course-v1:OtherX+O1+2026/", "context": {"user_id": 101}`),
			true, report.InsightsWeek{}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tr, err := ReadTracking(strings.NewReader(tt.line), "f", c, TrackingOptions{PageCourse: tt.pageCourse})
			if err != nil {
				t.Fatal(err)
			}
			var got report.InsightsWeek
			n := 0
			for _, w := range tr.Weeks {
				got = w.Insights
				n += w.Total()
			}
			if got != tt.want || n != tt.events {
				t.Errorf("got %+v in %d events, want %+v in %d (skips %+v)", got, n, tt.want, tt.events, tr.Skips)
			}
		})
	}
}
