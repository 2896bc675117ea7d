package measures

import (
	"unicode"
	"unicode/utf8"
)

// skipWords gives, for a skip reason that names a format or a reader's
// internals (ingest's Skip* constants and the export readers' reasons),
// the words a reader of the data-quality section sees. The reason itself
// stays the stable id: measures.json ids (quality.skipped.<slug>) and the
// SQL generator's activity_files table use it unchanged. A reason missing
// here is already in plain words and is shown as it is.
var skipWords = map[string]string{
	// Tracking logs (ingest.Skip*).
	"comment or blank line": "blank or comment lines in the logs, which hold no event",
	"malformed JSON":        "log lines that could not be read as an event (damaged or cut short)",
	"task event":            "events from the course platform's background tasks, not learners",
	"other course":          "records of courses outside this report",
	"no course id":          "events that name no course",
	"no learner id":         "events that name no learner (such as visitors who were not logged in)",
	"bad timestamp":         "events whose time could not be read",
	"line too long":         "log lines too long to be one event",
	// OULAD tables (ingest.SkipNoScore and the others).
	"no score":                   "assessment results without a score",
	"unknown assessment":         "results for an assessment missing from the course's list of assessments",
	"learner not in studentInfo": "records of learners missing from the course's list of learners",
	// Research data package tables.
	"is_active 0: unenrolled at an unknown time, counted as enrolled": "learners who unenrolled at an unknown time, counted as enrolled",
	"other table":                   "tables of the export the report does not use",
	"module type not measured":      "course content other than problems and sections, not measured",
	"problem state not readable":    "problem records whose saved state could not be read",
	"problem opened, not submitted": "problems opened but not submitted",
}

// reasonCell is reasonText(r) as a table cell starts: with a capital.
func reasonCell(r string) string {
	w := reasonText(r)
	if w == "" {
		return w
	}
	c, n := utf8.DecodeRuneInString(w)
	return string(unicode.ToUpper(c)) + w[n:]
}

// reasonText is the reader's words for skip reason r, as they read within
// a sentence.
func reasonText(r string) string {
	if w, ok := skipWords[r]; ok {
		return w
	}
	return r
}
