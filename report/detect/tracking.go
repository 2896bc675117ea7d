package detect

import (
	"encoding/json"
	"fmt"
	"regexp"
	"sort"
	"strings"
)

// trackingEvent holds the fields of a tracking-log event detection needs.
type trackingEvent struct {
	Time      *string `json:"time"`
	EventType *string `json:"event_type"`
	Context   struct {
		CourseID string `json:"course_id"`
	} `json:"context"`
}

// coursePath finds a course id in an implicit event's URL path.
var coursePath = regexp.MustCompile(`/courses/(course-v1:[^/]+|[^/]+/[^/]+/[^/]+)/`)

// TrackingLog recognises edX tracking logs (edx-tracking), gzipped or
// plain: JSON lines, each an event with "time" and "event_type", where
// lines starting with '#' and blank lines are comments (the analytics
// pipeline's fixtures have them). It lists the course ids it saw in the
// sample (context.course_id, else the /courses/<id>/ path).
func TrackingLog(s *Sample) Match {
	events, other := 0, 0
	ids := map[string]bool{}
	for _, line := range s.Lines() {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		var e trackingEvent
		if json.Unmarshal([]byte(line), &e) != nil || e.Time == nil || e.EventType == nil {
			other++
			continue
		}
		events++
		if id := CourseOf(e.Context.CourseID, *e.EventType); id != "" {
			ids[id] = true
		}
	}
	if events == 0 {
		return Match{}
	}
	m := Match{Kind: Source, Format: "edx-tracking", Confidence: confidence(events, events+other)}
	for id := range ids {
		m.CourseIDs = append(m.CourseIDs, id)
	}
	sort.Strings(m.CourseIDs)
	kind := "plain"
	if s.Gzip {
		kind = "gzipped"
	}
	m.Saw = fmt.Sprintf("edX tracking log (%s JSON lines): %d events in the first %d KiB", kind, events, len(s.Text)>>10)
	if len(m.CourseIDs) > 0 {
		m.Saw += ", courses " + list(m.CourseIDs, 4)
	}
	return m
}

// CourseOf is an event's course: its context.course_id, else the course
// in its URL path (an implicit page view's event_type): /courses/<id>/,
// where an old-style id is Org/Num/Run.
func CourseOf(contextID, eventType string) string {
	if contextID != "" {
		return contextID
	}
	if m := coursePath.FindStringSubmatch(eventType); m != nil {
		return m[1]
	}
	return ""
}
