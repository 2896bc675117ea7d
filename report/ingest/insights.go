package ingest

import (
	"bytes"

	"github.com/moocreport/moocreport/report"
)

// countInsights adds an event to the Open edX Insights kinds of its week
// (report.InsightsWeek says which events those are).
func countInsights(w *report.InsightsWeek, eventType, source []byte) {
	switch {
	case string(eventType) == "play_video" && (string(source) == "browser" || string(source) == "mobile"):
		w.PlayedVideo++
	case string(eventType) == "problem_check" && string(source) == "server":
		w.AttemptedProblem++
	case string(source) == "server" && bytes.HasPrefix(eventType, []byte("edx.forum.")) && bytes.HasSuffix(eventType, []byte(".created")):
		w.PostedForum++
	}
}

// courseFromPage takes the course id from the URL of the page a browser
// event came from (https://host/courses/<id>/…), as Open edX Insights does
// for browser events whose context names no course; nil when the page is
// not a course page.
func courseFromPage(page []byte) []byte {
	if i := bytes.Index(page, []byte("://")); i >= 0 {
		rest := page[i+3:]
		j := bytes.IndexByte(rest, '/')
		if j < 0 {
			return nil
		}
		page = rest[j:]
	}
	if i := bytes.IndexAny(page, "?#"); i >= 0 {
		page = page[:i]
	}
	return courseFromPath(page)
}
