package report

import (
	"fmt"
	"strings"
)

// InputError points at a problem in a file the user wrote or exported — study.yaml, a
// narrative file, a data file — in the shape editors and terminals turn into a link:
//
//	study.yaml:12:16: courses[0].pass_mark: want a grade in (0, 1], got 50
//
// It is the one error type of every stage that reads input, so a caller reaches the
// place with errors.As whichever stage failed, and the cause with errors.Is.
type InputError struct {
	// File is the path as the user knows it (relative to the study directory where
	// there is one, slash-separated).
	File string
	// Line and Column are 1-based; 0 when unknown (Column: when the line says enough;
	// Line: when the problem concerns the whole file).
	Line, Column int
	// Field names what the problem concerns inside the place: a study.yaml setting
	// ("courses[0].pass_mark"), a CSV column (`column "Grade"`); "" when none applies.
	Field string
	// Msg says what was expected and what was found; Err is the wrapped cause. Either
	// may be empty; with both, the message reads "Msg: Err".
	Msg string
	Err error
}

// Error writes file:line:column: field: message, leaving out the parts not known.
func (e *InputError) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
		if e.Column > 0 {
			fmt.Fprintf(&b, ":%d", e.Column)
		}
	}
	if b.Len() > 0 {
		b.WriteString(": ")
	}
	if e.Field != "" {
		b.WriteString(e.Field + ": ")
	}
	b.WriteString(e.Msg)
	if e.Err != nil {
		if e.Msg != "" {
			b.WriteString(": ")
		}
		b.WriteString(e.Err.Error())
	}
	return strings.TrimSuffix(b.String(), ": ")
}

// Unwrap gives errors.Is and errors.As access to the cause.
func (e *InputError) Unwrap() error { return e.Err }

// DidYouMean returns ` (did you mean "x"?)` naming Closest(got, known), or "" when
// none is close.
func DidYouMean(got string, known []string) string {
	best := Closest(got, known)
	if best == "" {
		return ""
	}
	return fmt.Sprintf(" (did you mean %q?)", best)
}

// Closest returns the entry of known closest to got — the same word in another
// case, or within three edits that change at most half of it — or "" when none is
// close or got is itself known. Keys, ids and setting values are short, so a plain
// Levenshtein distance is enough and no library is needed.
func Closest(got string, known []string) string {
	best, bestD := "", 4
	for _, k := range known {
		d := editDistance(strings.ToLower(got), strings.ToLower(k))
		if d < bestD && 2*d <= len(k) {
			best, bestD = k, d
		}
	}
	if best == got {
		return ""
	}
	return best
}

// editDistance is the Levenshtein distance between a and b, by byte.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(b)]
}
