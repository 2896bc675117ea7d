// Package ingest turns the raw exports of a study (edX learner profiles,
// grade reports and tracking logs, Qualtrics surveys) into the canonical
// tables of a report.Dataset.
//
// Pseudonymisation happens here and nowhere else: usernames, e-mail
// addresses, names, IP addresses and free-text answers are read only to link
// records and never leave this package. Every learner identity in a Dataset
// is a Pseudonym keyed by the study's salt.
//
// Readers stream their input and report problems as a *ParseError naming the
// file, line and column, so the user knows what to fix in their files.
// Input that is deliberately not counted (another course's events, comment
// lines, anonymous events) becomes a report.Skip, never a silent drop.
package ingest

import (
	"errors"
	"fmt"
	"strings"
)

// ParseError points at the place in a raw input file that a reader could not
// accept. Callers reach it with errors.As to show the user where to look.
type ParseError struct {
	File string // path relative to the study directory, slash-separated
	Line int    // 1-based line; 0 when the problem concerns the whole file
	// Column is the 1-based byte in the line where the problem is, for
	// inputs whose lines are long (an SQL dump's INSERT holds a whole
	// table on one line); 0 when the line says enough.
	Column int
	Field  string // column name (CSV) or field; "" when none applies
	Err    error
}

// Error formats the problem as file:line: column "name": message (or
// file:line:col: when the byte is known), the shape editors and terminals
// turn into a link.
func (e *ParseError) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
		if e.Column > 0 {
			fmt.Fprintf(&b, ":%d", e.Column)
		}
	}
	b.WriteString(": ")
	if e.Field != "" {
		fmt.Fprintf(&b, "column %q: ", e.Field)
	}
	if e.Err != nil {
		b.WriteString(e.Err.Error())
	}
	return b.String()
}

// Unwrap gives errors.Is and errors.As access to the cause.
func (e *ParseError) Unwrap() error { return e.Err }

// Sentinel causes, so callers and tests can tell kinds of problems apart
// with errors.Is without matching message text.
var (
	// ErrMissingColumn: a column the reader needs is not in the header.
	ErrMissingColumn = errors.New("missing from the header")
	// ErrDuplicate: a learner or column appears twice where it must be unique.
	ErrDuplicate = errors.New("duplicate")
	// ErrNoMatch: a source path in study.yaml matches no file.
	ErrNoMatch = errors.New("matches no file")
	// ErrTooManyMalformed: a tracking log has more malformed lines than
	// the tolerated 0.1 %.
	ErrTooManyMalformed = errors.New("too many malformed lines")
	// ErrTooLong: a field, record or line is longer than the study's
	// limits allow.
	ErrTooLong = errors.New("too long")
	// ErrNotUTF8: a text file holds bytes that are not UTF-8.
	ErrNotUTF8 = errors.New("not UTF-8 text")
)
