package ingest

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/moocreport/moocreport/report"
	"github.com/moocreport/moocreport/report/study"
)

// logOnlyUsers counts independently of the tracking reader the learners
// the Open edX pipeline's fixture shows for course: context.user_id of
// its events, and event.user_id of its enrolment events.
func logOnlyUsers(t *testing.T, file, course string) []string {
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	ids := map[string]bool{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		var ev struct {
			EventType string          `json:"event_type"`
			Event     json.RawMessage `json:"event"`
			Context   struct {
				CourseID string `json:"course_id"`
				UserID   any    `json:"user_id"` // a number, "" or absent
			} `json:"context"`
		}
		if err := json.Unmarshal([]byte(line), &ev); err != nil {
			t.Fatal(err)
		}
		if ev.Context.CourseID != course {
			continue
		}
		if id, ok := ev.Context.UserID.(float64); ok {
			ids[strconv.Itoa(int(id))] = true
		}
		if strings.HasPrefix(ev.EventType, "edx.course.enrollment.") {
			var p struct {
				UserID int `json:"user_id"`
			}
			if err := json.Unmarshal(ev.Event, &p); err != nil {
				t.Fatal(err)
			}
			ids[strconv.Itoa(p.UserID)] = true
		}
	}
	var out []string
	for id := range ids {
		out = append(out, id)
	}
	sort.Strings(out)
	return out
}

// TestTrackingOnlyLearners checks that a course with tracking logs and no
// learner list takes its learners from the logs, with their enrolment
// dates, and that beside a profile the logs' other learners are counted.
func TestTrackingOnlyLearners(t *testing.T) {
	log := filepath.Join(realdata(t), "openedx-analytics-pipeline", "student_engagement_acceptance_tracking.log")
	const course = "edX/DemoX/Demo_Course"
	users := logOnlyUsers(t, log, course)
	if len(users) != 4 {
		t.Fatalf("independent count %d learners (%v), want 4: the fixture changed", len(users), users)
	}
	yaml := `id: logs-only
title: Logs only
version: "1"
salt: s
courses:
  - key: demo
    name: Demo
    course_id: ` + course + `
    role: study
    start: 2015-04-06
    weeks: 2
    pass_mark: 0.5
    sources:
      - {format: edx-tracking, path: "` + filepath.ToSlash(log) + `"}
`
	load := func(t *testing.T, yaml string, files map[string]string) *report.Dataset {
		dir := t.TempDir()
		for name, body := range files {
			if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		s, err := study.Parse(filepath.Join(dir, "study.yaml"), []byte(yaml))
		if err != nil {
			t.Fatal(err)
		}
		ds, err := Load(s)
		if err != nil {
			t.Fatal(err)
		}
		return ds
	}
	t.Run("no learner list: the logs' learners", func(t *testing.T) {
		ds := load(t, yaml, nil)
		var got, want []string
		for _, ln := range ds.Learners {
			got = append(got, ln.ID)
			if ln.Enrolled.IsZero() {
				t.Errorf("learner %s has no enrolment date; every learner of this log enrolled", ln.ID)
			}
		}
		for _, u := range users {
			want = append(want, Pseudonym("s", u))
		}
		sort.Strings(want)
		if !slices.Equal(got, want) {
			t.Errorf("learners %v, want the pseudonyms of user ids %v", got, users)
		}
	})
	t.Run("with a profile: the others are counted", func(t *testing.T) {
		profile := "id,username,name,email,year_of_birth,gender,level_of_education,enrollment_mode,verification_status,country\n" +
			"1,honor,,,,,,honor,,\n9,nolog,,,,,,audit,,\n"
		ds := load(t, yaml+"      - {format: edx-profile, path: p.csv}\n", map[string]string{"p.csv": profile})
		if len(ds.Learners) != 2 {
			t.Errorf("%d learners, want the profile's 2", len(ds.Learners))
		}
		want := report.Skip{File: filepath.ToSlash(log), Reason: reasonNotInProfile, Count: 3}
		var found bool
		for _, sk := range ds.Skips {
			if sk.Reason == reasonNotInProfile {
				found = true
				if sk.Count != want.Count || !strings.HasSuffix(sk.File, "student_engagement_acceptance_tracking.log") {
					t.Errorf("skip %+v, want %d learners of the log", sk, want.Count)
				}
			}
		}
		if !found {
			t.Errorf("no skip %q in %+v", reasonNotInProfile, ds.Skips)
		}
	})
}
