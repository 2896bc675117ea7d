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

	"github.com/moocreport/moocreport/report"
)

// ParseError points at the place in a raw input file that a reader could
// not accept: it is the report.InputError every stage that reads input
// returns, printed as file:line:column: column "name": message, the shape
// editors and terminals turn into a link. Column is the 1-based byte in the
// line, for inputs whose lines are long (an SQL dump's INSERT holds a whole
// table on one line); Field is set with columnField(name) for a CSV column.
type ParseError = report.InputError

// column names a table column in a ParseError's Field.
func columnField(name string) string { return fmt.Sprintf("column %q", name) }

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
