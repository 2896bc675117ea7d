package ingest

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/moocreport/moocreport/report/study"
)

// TestWeekStartMovesWeeks proves study.yaml's activity weeks and time zone
// decide which course week an event falls in.
func TestWeekStartMovesWeeks(t *testing.T) {
	// The course starts on Wednesday 4 March 2026.
	start := time.Date(2026, 3, 4, 0, 0, 0, 0, time.UTC)
	line := func(ts string) string {
		return fmt.Sprintf(`{"username": "", "event_source": "browser", "event_type": "play_video", "time": %q, "context": {"user_id": 7, "course_id": "course-v1:O+N+R"}, "event": "{}"}`, ts)
	}
	tests := []struct {
		name string
		act  study.Activity
		ts   string
		want int
	}{
		{"start weeks: the day before the start is week 0", study.Activity{}, "2026-03-03T12:00:00+00:00", 0},
		{"start weeks: Tuesday after the start is week 1", study.Activity{}, "2026-03-10T12:00:00+00:00", 1},
		{"monday weeks: Monday before the start is week 1", study.Activity{Weeks: "monday"}, "2026-03-02T00:00:01+00:00", 1},
		{"monday weeks: the next Monday is week 2", study.Activity{Weeks: "monday"}, "2026-03-09T00:00:00+00:00", 2},
		{"time zone: 23:30 UTC on Tuesday is Wednesday in Stockholm, week 1", study.Activity{TimeZone: "Europe/Stockholm"}, "2026-03-03T23:30:00+00:00", 1},
		{"time zone: 22:30 UTC on Tuesday is still Tuesday in Stockholm, week 0", study.Activity{TimeZone: "Europe/Stockholm"}, "2026-03-03T22:30:00+00:00", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := NewCourse(study.Course{Key: "k", CourseID: "course-v1:O+N+R", Start: study.Date{Time: start}}, "salt")
			c.WeekStart = tt.act.WeekStart(start)
			tr, err := ReadTracking(strings.NewReader(line(tt.ts)+"\n"), "t.log", c, TrackingOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if len(tr.Weeks) != 1 || tr.Weeks[0].Week != tt.want {
				t.Errorf("weeks = %+v, want one in week %d", tr.Weeks, tt.want)
			}
		})
	}
}
