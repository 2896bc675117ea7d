package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
)

// Withheld says why disclosure control withheld a published value; "" is
// a value that is shown.
type Withheld string

// Kinds of withheld values. The two are marked differently wherever they
// appear, so a reader never takes a secondary cell (which may be k or
// more) for a small count.
const (
	// WithheldPrimary is a count of 1 to k−1, a share or statistic of one,
	// or any value of a group under k.
	WithheldPrimary Withheld = "primary"
	// WithheldSecondary is withheld to protect another cell from being
	// worked out by subtraction; it may be k or more.
	WithheldSecondary Withheld = "secondary"
)

// SecondaryMark is the text shown for a secondary withheld cell: "[c]"
// ("confidential"), the mark the UK statistics code uses, distinct from
// "–" (not applicable) and from "<k" (a small count).
const SecondaryMark = "[c]"

// Mark is the text shown in place of a value withheld for reason w under
// minimum cell size k: "<k" for primary, SecondaryMark for secondary.
func (w Withheld) Mark(k int) string {
	switch w {
	case WithheldPrimary:
		return fmt.Sprintf("<%d", k)
	case WithheldSecondary:
		return SecondaryMark
	}
	return ""
}

// MarksNote explains the withheld marks that occur, for a table note or
// a chart legend; "" when neither occurs. Its entries are short, as a
// legend's are: they stand under every table of a page that withholds a
// value, and Methods and definitions says the rest (a group under k, how
// secondary cells are chosen).
func MarksNote(k int, primary, secondary bool) string {
	p := fmt.Sprintf("%s: fewer than %d learners, withheld.", WithheldPrimary.Mark(k), k)
	s := SecondaryMark + ": withheld to protect another withheld value."
	switch {
	case primary && secondary:
		return p + " " + s
	case primary:
		return p
	case secondary:
		return s
	}
	return ""
}

// MarshalJSON writes a withheld measure's value as null, never 0, so a
// program reading measures.json cannot take it for zero; its n too when
// disclosure control withheld that (N is then 0, and an n of 0 would be a
// false statement). It patches the plain encoding rather than restating
// the fields, so fields added to Measure keep their place.
func (m Measure) MarshalJSON() ([]byte, error) {
	type plain Measure
	if m.Withheld != "" {
		m.Value = 0
	}
	b, err := json.Marshal(plain(m))
	if err != nil || m.Withheld == "" {
		return b, err
	}
	// Label and the fields before it are escaped strings, so the first
	// `,"value":` is the Value field itself, and the first `,"n":` after
	// it is N.
	if b, err = nullField(b, `,"value":`, m.ID); err != nil || m.N != 0 {
		return b, err
	}
	return nullField(b, `,"n":`, m.ID)
}

// nullField replaces the number after the first key in b with null.
func nullField(b []byte, key, id string) ([]byte, error) {
	i := bytes.Index(b, []byte(key))
	if i < 0 {
		return nil, fmt.Errorf("report: measure %s: no %s field in its JSON", id, key)
	}
	j := i + len(key)
	end := j + bytes.IndexAny(b[j:], ",}")
	return slices.Concat(b[:j], []byte("null"), b[end:]), nil
}
