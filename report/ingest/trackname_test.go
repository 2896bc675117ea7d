package ingest

import (
	"bytes"
	"encoding/gob"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

// TestProblemNamesFromRealLogs reads the display names and first-seen
// times of PRDemo1's problems from the Open edX pipeline's
// problem_response_tracking.log, whose server problem_check events carry
// context.module.display_name. Expected values: python3 over the file,
// server problem_check events of the course, by event.problem_id, the
// display_name of the latest event and the earliest event time.
func TestProblemNamesFromRealLogs(t *testing.T) {
	name := "problem_response_tracking.log"
	in, err := os.Open(filepath.Join(realdata(t), "openedx-analytics-pipeline", name))
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	c := &Course{Key: "demo", ID: "course-v1:OpenCraft+PRDemo1+2016", Start: time.Date(2016, 9, 1, 0, 0, 0, 0, time.UTC), Salt: "s"}
	tr, err := ReadTracking(in, name, c, TrackingOptions{})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]struct{ name, first string }{
		"d2069c02adc347318bc6e022705f2346": {"Multiple Choice", "2016-09-06T04:57:09.509Z"},
		"9ddba291e7d549bc96128f3accd34e80": {"Multiple Choice with Hints and Feedback", "2016-09-07T04:57:21.465Z"},
		"a9cf3850b4b5467a9c9e7ec91b9b9c70": {"Checkboxes with Hints and Feedback", "2016-09-07T04:58:04.13Z"},
		"8ea3115a1a2f463397de20b231b8caeb": {"Text Input", "2016-09-07T04:58:32.634Z"},
		"a0e5785dcf05453b868b0e0692a2dd6b": {"Reflections", "2016-09-07T04:59:07.675Z"},
		"7cb701dffe9841c3adea9f40134744f9": {"Multiple Choice", "2016-09-07T05:00:28.047Z"},
		"8313adf80369439292ccb5935a69e535": {"Text Input with Hints and Feedback", "2016-09-07T05:02:00.744Z"},
	}
	// The memo and the build cache keep a Tracking as gob: the names and
	// times must come back as read, so a cached build names problems alike.
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(tr); err != nil {
		t.Fatal(err)
	}
	var back Tracking
	if err := gob.NewDecoder(&buf).Decode(&back); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(back.Problems, tr.Problems) {
		t.Errorf("problems after a gob round trip:\n%+v\nwant\n%+v", back.Problems, tr.Problems)
	}
	if len(tr.Problems) != len(want) {
		t.Fatalf("%d problems, want %d: %+v", len(tr.Problems), len(want), tr.Problems)
	}
	for _, p := range tr.Problems {
		w, ok := want[p.Problem[strings.LastIndex(p.Problem, "@")+1:]]
		if !ok {
			t.Errorf("unexpected problem %s", p.Problem)
			continue
		}
		if p.Name != w.name {
			t.Errorf("%s: name %q, want %q", p.Problem, p.Name, w.name)
		}
		if got := p.FirstSeen.Format(time.RFC3339Nano); got != w.first {
			t.Errorf("%s: first seen %s, want %s", p.Problem, got, w.first)
		}
	}
}

// TestProblemNameChoice checks the rule problemAcc.noteName keeps: the
// latest event's name, at equal times the one that sorts first, events
// without a name ignored, whatever order the events come in.
func TestProblemNameChoice(t *testing.T) {
	type seen struct {
		name string
		ms   int64
	}
	tests := []struct {
		name   string
		events []seen
		want   string
	}{
		{"renamed: the later name", []seen{{"Quiz 1", 10}, {"Week 1 quiz", 20}}, "Week 1 quiz"},
		{"later name read first", []seen{{"Week 1 quiz", 20}, {"Quiz 1", 10}}, "Week 1 quiz"},
		{"same time: the first in order", []seen{{"B", 5}, {"A", 5}}, "A"},
		{"same time, other order", []seen{{"A", 5}, {"B", 5}}, "A"},
		{"an event without a name keeps the name", []seen{{"Quiz", 5}, {"", 9}}, "Quiz"},
		{"no event names it", []seen{{"", 1}}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var a problemAcc
			for _, e := range tt.events {
				a.noteName([]byte(e.name), e.ms)
			}
			if a.name != tt.want {
				t.Errorf("name %q, want %q", a.name, tt.want)
			}
		})
	}
}

// TestDisplayName checks that a display name typed by course staff is
// redacted like other free text and cut to maxDisplayName characters.
func TestDisplayName(t *testing.T) {
	long := strings.Repeat("é", maxDisplayName+10)
	tests := []struct{ name, in, want string }{
		{"plain", "Multiple Choice", "Multiple Choice"},
		{"white space collapsed", "  Week 1:\tquiz  ", "Week 1: quiz"},
		{"e-mail removed", "Ask jane.doe@example.org", "Ask [e-mail]"},
		{"cut with an ellipsis", long, strings.Repeat("é", maxDisplayName-1) + "…"},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := displayName(tt.in); got != tt.want {
				t.Errorf("displayName(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// TestStructureNamesAreLabels: a course structure's display names are
// published as labels, so they get the same cleaning as the logs' names:
// an address a course team typed into a name is not published, and white
// space is collapsed.
func TestStructureNamesAreLabels(t *testing.T) {
	cb := courseBlocks{Root: "c", Blocks: map[string]courseBlock{
		"c":  {Type: "course", DisplayName: "Course", Children: []string{"p1"}},
		"p1": {Type: "problem", DisplayName: "  Ask   tutor.name@example.edu\tfor help "},
	}}
	out := cb.outline()
	if len(out) != 2 {
		t.Fatalf("outline has %d blocks, want 2", len(out))
	}
	if got := out[1].Name; strings.Contains(got, "@") || strings.Contains(got, "  ") || !strings.HasPrefix(got, "Ask ") {
		t.Errorf("problem name = %q: want the address redacted and white space collapsed", got)
	}
}
