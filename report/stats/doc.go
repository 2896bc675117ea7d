// Package stats holds the statistics that moocreport's measures cite: descriptives,
// proportions, contingency tables, rank tests, t-tests, correlation, multiple-comparison
// adjustment, scale reliability and their APA-style text.
//
// Everything here is a pure function of its arguments: no I/O, no report types, no
// randomness. Each test returns a small result struct whose APA method renders the line a
// researcher pastes into a paper. Every definition follows a named reference
// implementation (scipy.stats, R, statsmodels) and the tests check it against that
// reference's published output, so a number in a report can be traced to a convention a
// reviewer knows.
//
// Inputs are guarded rather than trusted: too few observations give an error wrapping
// ErrTooFew, data without variation one wrapping ErrNoVariance, and malformed input
// (NaN or infinite values, ragged tables, mismatched lengths) one wrapping ErrInvalid.
// No statistic the caller asked for comes back as a silent NaN: NaN appears only in
// fields whose documentation says when (an odds ratio of 0/0, alpha-if-deleted of a
// two-item scale, the item–total correlation of a constant item).
//
// Every p-value comes from a survival function evaluated directly (erfc for the normal,
// the incomplete beta and gamma functions for t and χ²), never as 1 − CDF, so it keeps
// full double precision far into the tail; below the smallest normal double it is
// stored as PFloor and reads "p ≤ 2.2e-308". No computed p is 0.
package stats

import "errors"

var (
	// ErrTooFew reports a sample, table or list too small for the statistic asked for,
	// such as an SD of one value or a chi-square test on a single row.
	ErrTooFew = errors.New("stats: too few observations")

	// ErrNoVariance reports data whose statistic is undefined because nothing varies:
	// all values tied in a rank test, a constant variable in a correlation, a table
	// with an empty row or column.
	ErrNoVariance = errors.New("stats: no variation in the data")

	// ErrInvalid reports malformed input: NaN or infinite values, negative counts,
	// ragged tables, samples of different lengths where pairs are needed, a
	// probability outside [0, 1].
	ErrInvalid = errors.New("stats: invalid input")
)
