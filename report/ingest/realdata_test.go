package ingest

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/moocreport/moocreport/report"
	"github.com/moocreport/moocreport/report/study"
)

// Conformance tests on exports written by others (Open edX's own pipeline
// fixtures, the qualtRics package's sample exports), kept in
// ../shared/realdata next to the repository. CI has the folder; a missing
// folder fails the test rather than skipping it, so the check cannot quietly
// stop running.

func realdata(t *testing.T) string {
	t.Helper()
	dir, err := filepath.Abs(".")
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the test directory")
		}
		dir = parent
	}
	real := filepath.Join(filepath.Dir(dir), "shared", "realdata")
	if _, err := os.Stat(real); err != nil {
		t.Fatalf("conformance data missing: %v (put the real exports in ../shared/realdata beside the repository)", err)
	}
	return real
}

func TestOpenEdXTrackingLogs(t *testing.T) {
	dir := filepath.Join(realdata(t), "openedx-analytics-pipeline")
	// JSON events per file, from the folder's SOURCE.md. SOURCE.md says
	// obfuscation_tracking.log has 16 lines with one holding two events;
	// in fact its 17th line lacks a final newline, so `wc -l` counts 16.
	// The reader treats an unterminated last line as a line: 17 lines, 17
	// events, none dropped.
	files := []struct {
		name          string
		lines, events int
		course        string
		counted       int // events of course counted; -1: any but none
	}{
		{"problem_response_tracking.log", 846, 846, "course-v1:OpenCraft+PRDemo1+2016", 161},
		{"student_engagement_acceptance_tracking.log", 304, 226, "edX/DemoX/Demo_Course", 124},
		{"module_engagement_acceptance_tracking_20150413.log", 68, 68, "edX/DemoX/Demo_Course", -1},
		{"module_engagement_acceptance_tracking_20150416.log", 126, 126, "edX/DemoX/Demo_Course", -1},
		{"video_timeline.log", 29, 18, "course-v1:edX+DemoX+Test_2014", 2},
		{"video_timeline.log", 29, 18, "edX/DemoX/Demo_Course", 14},
		{"student_forum_activity.log", 25, 13, "course-v1:ForumX+1+1", -1},
		{"enrollment_trends_tracking.log", 15, 15, "edX/Open_DemoX/edx_demo_course", 13},
		{"location_by_course_tracking.log", 74, 74, "edX/Open_DemoX/edx_demo_course", -1},
		{"obfuscation_tracking.log", 17, 17, "course-v1:edX+DemoX+Demo_Course", 15},
	}
	for _, f := range files {
		t.Run(f.name+"/"+f.course, func(t *testing.T) {
			c := &Course{Key: "demo", ID: f.course, Start: time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC), Salt: "s"}
			in, err := os.Open(filepath.Join(dir, f.name))
			if err != nil {
				t.Fatal(err)
			}
			defer in.Close()
			tr, err := ReadTracking(in, f.name, c, TrackingOptions{})
			if err != nil {
				t.Fatal(err)
			}
			weeks, skips := tr.Weeks, tr.Skips
			counted, skipped, comments := 0, 0, 0
			for _, w := range weeks {
				for _, n := range w.Events {
					counted += n
				}
			}
			for _, s := range skips {
				switch s.Reason {
				case SkipComment:
					comments += s.Count
				case SkipMalformed:
					t.Errorf("%d malformed lines in a file of valid JSON", s.Count)
				default:
					skipped += s.Count
				}
			}
			if counted+skipped != f.events {
				t.Errorf("counted %d + skipped %d = %d, want the %d JSON events of SOURCE.md (skips %+v)", counted, skipped, counted+skipped, f.events, skips)
			}
			if counted+skipped+comments != f.lines {
				t.Errorf("events %d + comment lines %d = %d, want %d lines", counted+skipped, comments, counted+skipped+comments, f.lines)
			}
			if f.counted >= 0 && counted != f.counted {
				// python3 on the file: events whose course (context, URL
				// path, or enrollment payload) is f.course with a learner id.
				t.Errorf("counted %d events of %s, want %d", counted, f.course, f.counted)
			} else if counted == 0 {
				t.Errorf("no events of %s counted", f.course)
			}
		})
	}
	t.Run("enrollment learners come from event.user_id", func(t *testing.T) {
		c := &Course{Key: "demo", ID: "edX/Open_DemoX/edx_demo_course", Start: time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC), Salt: "s"}
		in, err := os.Open(filepath.Join(dir, "enrollment_trends_tracking.log"))
		if err != nil {
			t.Fatal(err)
		}
		defer in.Close()
		tr, err := ReadTracking(in, "enrollment_trends_tracking.log", c, TrackingOptions{})
		if err != nil {
			t.Fatal(err)
		}
		weeks := tr.Weeks
		learners := map[string]bool{}
		for _, w := range weeks {
			if w.Total() != 0 || w.Days != 0 {
				t.Errorf("enrollment-only week %+v has activity", w)
			}
			learners[w.Learner] = true
		}
		for _, id := range []string{"1", "2", "3", "4", "5", "6"} {
			if !learners[Pseudonym("s", id)] {
				t.Errorf("user %s of the enrollment events not found", id)
			}
		}
	})
}

func TestQualtricsSamples(t *testing.T) {
	dir := filepath.Join(realdata(t), "qualtrics-qualtRics")
	sv := study.Survey{Key: "sample", Course: "demo", Questions: []study.Question{
		{ID: "Q1", Type: "single"},
		{ID: "Q2", Type: "text"},
	}}
	for _, name := range []string{"sample.csv", "sample_legacy.csv"} {
		t.Run(name, func(t *testing.T) {
			in, err := os.Open(filepath.Join(dir, name))
			if err != nil {
				t.Fatal(err)
			}
			defer in.Close()
			rs, err := ReadQualtrics(in, name, sv, &Course{Key: "demo", Salt: "s"})
			if err != nil {
				t.Fatal(err)
			}
			want := []report.Response{{Instrument: "sample", Course: "demo", Finished: true, Answers: map[string]string{"Q1": "2"}}}
			if fmt.Sprintf("%#v", rs) != fmt.Sprintf("%#v", want) {
				t.Errorf("got %#v\nwant %#v", rs, want)
			}
			dump := fmt.Sprintf("%#v", rs)
			for _, secret := range []string{"130.92.34.66", "Hello World", "R_2YPOQ602ER1jkf1", "47.115"} {
				if strings.Contains(dump, secret) {
					t.Errorf("responses contain %q", secret)
				}
			}
		})
	}
}
