package ingest

import (
	"bytes"
	"math/rand/v2"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/moocreport/moocreport/report"
)

// TestTrackingDerived checks what the tiny logs give beyond learner
// weeks, worked out by hand from the fixture lines.
func TestTrackingDerived(t *testing.T) {
	c := tinyCourse(t)
	files := []string{"logs/tracking.log-20260302", "logs/tracking.log-20260309.gz"}
	tr, err := ReadTrackingFiles("testdata/tiny", files, c, TrackingOptions{})
	if err != nil {
		t.Fatal(err)
	}
	// 101 opened courseware/week1/intro/, 102 courseware/week1/reading/;
	// the bare courseware/ pages name no chapter.
	wantReach := []report.Reach{{Course: "tiny", Learner: pid("101"), Chapters: 1}, {Course: "tiny", Learner: pid("102"), Chapters: 1}}
	sort.Slice(wantReach, func(i, j int) bool { return wantReach[i].Learner < wantReach[j].Learner })
	if !reflect.DeepEqual(tr.Reach, wantReach) {
		t.Errorf("reach = %+v, want %+v", tr.Reach, wantReach)
	}
	if tr.Chapters != 1 {
		t.Errorf("chapters = %d, want 1 (week1)", tr.Chapters)
	}
	// One server problem_check: attempts 1, correct; the browser one for
	// the same submission is problem activity but not a graded attempt.
	wantProblems := []report.ProblemStat{{Course: "tiny", Problem: "block-v1:TinyX+T101+2026+type@problem+block@p1", Learners: 1, FirstAttempts: 1, FirstCorrect: 1,
		FirstSeen: time.Date(2026, 3, 3, 9, 0, 1, 0, time.UTC)}}
	if !reflect.DeepEqual(tr.Problems, wantProblems) {
		t.Errorf("problems = %+v, want %+v", tr.Problems, wantProblems)
	}
	wantEnrol := map[string]Enrollment{
		pid("103"): {Enrolled: time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)},
		pid("102"): {Unenrolled: time.Date(2026, 3, 12, 8, 0, 0, 0, time.UTC)},
	}
	if !reflect.DeepEqual(tr.Enrollments, wantEnrol) {
		t.Errorf("enrollments = %+v, want %+v", tr.Enrollments, wantEnrol)
	}
}

// TestLoadMergesEnrollments: the dates from the logs reach the profile's
// learners.
func TestLoadMergesEnrollments(t *testing.T) {
	ds := loadTiny(t)
	got := map[string][2]time.Time{}
	for _, l := range ds.Learners {
		if !l.Enrolled.IsZero() || !l.Unenrolled.IsZero() {
			got[l.ID] = [2]time.Time{l.Enrolled, l.Unenrolled}
		}
	}
	want := map[string][2]time.Time{
		pid("103"): {time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC), {}},
		pid("102"): {{}, time.Date(2026, 3, 12, 8, 0, 0, 0, time.UTC)},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("enrolment dates = %v, want %v", got, want)
	}
	if len(ds.Problems) != 1 || len(ds.Reach) != 2 || ds.Chapters["tiny"] != 1 {
		t.Errorf("problems %d, reach %d, chapters %v; want 1, 2, tiny:1", len(ds.Problems), len(ds.Reach), ds.Chapters)
	}
}

func TestTrackingOptions(t *testing.T) {
	c := tinyCourse(t)
	ev := func(tm, user string) string {
		return `{"time": "` + tm + `", "event_type": "seq_goto", "username": "` + user + `", "context": {"course_id": "course-v1:TinyX+T101+2026", "user_id": 101}}` + "\n"
	}
	log := ev("2026-03-02T10:00:00Z", "bjorn_k") + ev("2026-03-02T10:20:00Z", "bjorn_k") + ev("2026-03-02T10:45:00Z", "bjorn_k")
	tests := []struct {
		name          string
		opt           TrackingOptions
		learner       string
		sessions, sec int
	}{
		{"default gap of 30 min joins 20- and 25-minute pauses", TrackingOptions{}, "101", 1, 2700},
		{"a 21-minute gap splits at the 25-minute pause", TrackingOptions{SessionGap: 21 * time.Minute}, "101", 2, 1200},
		{"a 20-minute gap is inclusive", TrackingOptions{SessionGap: 20 * time.Minute}, "101", 2, 1200},
		{"username first", TrackingOptions{ByUsername: true}, "102", 1, 2700},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tr, err := ReadTracking(strings.NewReader(log), "f", c, tt.opt)
			if err != nil {
				t.Fatal(err)
			}
			if len(tr.Weeks) != 1 {
				t.Fatalf("weeks = %+v", tr.Weeks)
			}
			w := tr.Weeks[0]
			if w.Learner != pid(tt.learner) || w.Sessions != tt.sessions || w.Seconds != tt.sec {
				t.Errorf("got learner %s, %d sessions, %d s; want %s, %d, %d", w.Learner, w.Sessions, w.Seconds, pid(tt.learner), tt.sessions, tt.sec)
			}
		})
	}
	share := 0.5
	bad := log + "{\n"
	if _, err := ReadTracking(strings.NewReader(bad), "f", c, TrackingOptions{MaxBadLines: &share}); err != nil {
		t.Errorf("1 bad line in 4 with max_bad_lines 0.5: %v", err)
	}
	if _, err := ReadTracking(strings.NewReader(bad), "f", c, TrackingOptions{}); err == nil {
		t.Error("1 bad line in 4 tolerated by default")
	}
}

// bruteSessions is the definition: sort the times, split where
// consecutive ones are more than gap apart.
func bruteSessions(ts []int64, gap int64) []span {
	ts = append([]int64(nil), ts...)
	sort.Slice(ts, func(i, j int) bool { return ts[i] < ts[j] })
	var out []span
	for _, t := range ts {
		if n := len(out); n > 0 && t-out[n-1].to <= gap {
			out[n-1].to = t
		} else {
			out = append(out, span{t, t})
		}
	}
	return out
}

// TestAddSpan: events in any order, and sessions merged across files in
// any grouping, give exactly the sessions of the definition.
func TestAddSpan(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for iter := 0; iter < 2000; iter++ {
		n := r.IntN(40)
		gap := int64(1 + r.IntN(50))
		ts := make([]int64, n)
		for i := range ts {
			ts[i] = int64(r.IntN(1000)) - 200
		}
		want := bruteSessions(ts, gap)
		var direct []span
		for _, t := range ts {
			direct = addSpan(direct, span{t, t}, gap)
		}
		if !reflect.DeepEqual(direct, want) && !(len(direct) == 0 && len(want) == 0) {
			t.Fatalf("events %v gap %d: got %v, want %v", ts, gap, direct, want)
		}
		// split into "files", build each, merge the files' sessions
		var merged []span
		for len(ts) > 0 {
			k := 1 + r.IntN(len(ts))
			var part []span
			for _, t := range ts[:k] {
				part = addSpan(part, span{t, t}, gap)
			}
			for _, s := range part {
				merged = addSpan(merged, s, gap)
			}
			ts = ts[k:]
		}
		if !reflect.DeepEqual(merged, want) && !(len(merged) == 0 && len(want) == 0) {
			t.Fatalf("merged files: got %v, want %v", merged, want)
		}
	}
}

// FuzzIndexCourseware holds indexCourseware to bytes.Index.
func FuzzIndexCourseware(f *testing.F) {
	for _, s := range []string{"", "/courseware/", "w", "xx/courseware/", "/courses/x/courseware/ch/seq", "https://courses.edx.org/courses/course-v1:A+B+C/courseware/abc/def/?w=1",
		"/coursewar/courseware/", "/courseware/courseware/", "/courseware", "wwwwwww/courseware/w"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, u []byte) {
		if got, want := indexCourseware(u), bytes.Index(u, []byte("/courseware/")); got != want {
			t.Fatalf("indexCourseware(%q) = %d, bytes.Index %d", u, got, want)
		}
	})
}
