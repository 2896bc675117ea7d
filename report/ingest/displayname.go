package ingest

import (
	"strings"
	"unicode/utf8"
)

// maxDisplayName is the most characters of a display name the report
// shows: course staff type display names freely, and a pasted paragraph
// must not become a table row label. Real problem names are a few words.
const maxDisplayName = 120

// displayName makes a display name fit to be a label, wherever it comes
// from (the course structure, the tracking logs, a problem grade report's
// column): it goes through the redaction survey answers get (an e-mail
// address, URL, IP address or phone number a course team typed into a
// name is replaced, invisible characters removed, white space collapsed)
// and is cut to maxDisplayName characters, with an ellipsis. A display
// name is not learner data, but it is free text published as it is.
func displayName(s string) string {
	if s == "" {
		return ""
	}
	var r *Redactor // no learners' names: a display name names none
	s = strings.Join(strings.Fields(r.Redact(s)), " ")
	if utf8.RuneCountInString(s) <= maxDisplayName {
		return s
	}
	n := 0
	for i := range s {
		if n == maxDisplayName-1 {
			return strings.TrimSpace(s[:i]) + "…"
		}
		n++
	}
	return s
}
