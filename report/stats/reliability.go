package stats

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/stat"
)

// Alpha is Cronbach's alpha for a multi-item scale with the item diagnostics that go
// with it in a methods section.
type Alpha struct {
	// N counts the complete respondents used; Dropped those left out for a missing
	// answer; K the items.
	N, Dropped, K int
	// Alpha is k/(k − 1) (1 − Σ item variances / variance of the total score), with
	// n − 1 variances (psych::alpha's raw_alpha, pingouin.cronbach_alpha).
	Alpha float64
	// IfDeleted[i] is alpha of the scale without item i. With K = 2 the remaining
	// single item has no alpha and the entries are NaN.
	IfDeleted []float64
	// ItemTotal[i] is the corrected item–total correlation: Pearson's r of item i with
	// the sum of the other items (psych's r.drop). It is NaN for an item that is
	// constant among the complete respondents, whose correlation is undefined.
	ItemTotal []float64
}

// CronbachAlpha computes Cronbach's alpha for items, one row per respondent and one
// column per item. A NaN marks a missing answer; respondents with any missing answer
// are dropped (complete cases, psych::alpha(use = "complete.obs")), because alpha
// from pairwise-complete variances can leave [−∞, 1].
//
// It needs at least two items and two complete respondents, rows of equal length, and
// a total score that varies.
func CronbachAlpha(items [][]float64) (Alpha, error) {
	if len(items) == 0 {
		return Alpha{}, fmt.Errorf("%w: CronbachAlpha needs respondents, got none", ErrTooFew)
	}
	k := len(items[0])
	if k < 2 {
		return Alpha{}, fmt.Errorf("%w: CronbachAlpha needs at least 2 items, got %d", ErrTooFew, k)
	}
	cols := make([][]float64, k)
	res := Alpha{K: k}
rows:
	for i, row := range items {
		if len(row) != k {
			return Alpha{}, fmt.Errorf("%w: CronbachAlpha: respondent %d has %d answers, respondent 0 has %d", ErrInvalid, i, len(row), k)
		}
		for j, v := range row {
			if math.IsInf(v, 0) {
				return Alpha{}, fmt.Errorf("%w: CronbachAlpha: respondent %d, item %d is %v", ErrInvalid, i, j, v)
			}
			if math.IsNaN(v) {
				res.Dropped++
				continue rows
			}
		}
		for j, v := range row {
			cols[j] = append(cols[j], v)
		}
	}
	res.N = len(cols[0])
	if res.N < 2 {
		return Alpha{}, fmt.Errorf("%w: CronbachAlpha needs 2 complete respondents, got %d", ErrTooFew, res.N)
	}
	all := make([]int, k)
	for j := range all {
		all[j] = j
	}
	a, ok := alphaOf(cols, all)
	if !ok {
		return Alpha{}, fmt.Errorf("%w: CronbachAlpha: the total score is the same for every respondent", ErrNoVariance)
	}
	res.Alpha = a
	res.IfDeleted = make([]float64, k)
	res.ItemTotal = make([]float64, k)
	for j := range k {
		rest := make([]int, 0, k-1)
		for i := range k {
			if i != j {
				rest = append(rest, i)
			}
		}
		res.IfDeleted[j] = math.NaN()
		if k > 2 {
			if a, ok := alphaOf(cols, rest); ok {
				res.IfDeleted[j] = a
			}
		}
		others := total(cols, rest)
		res.ItemTotal[j] = math.NaN()
		if variance(cols[j]) > 0 && variance(others) > 0 {
			res.ItemTotal[j] = stat.Correlation(cols[j], others, nil)
		}
	}
	return res, nil
}

// alphaOf is alpha of the items in use; ok is false when the total does not vary.
func alphaOf(cols [][]float64, use []int) (float64, bool) {
	var itemVar float64
	for _, j := range use {
		itemVar += variance(cols[j])
	}
	totVar := variance(total(cols, use))
	if totVar == 0 {
		return 0, false
	}
	k := float64(len(use))
	return k / (k - 1) * (1 - itemVar/totVar), true
}

func total(cols [][]float64, use []int) []float64 {
	t := make([]float64, len(cols[0]))
	for _, j := range use {
		for i, v := range cols[j] {
			t[i] += v
		}
	}
	return t
}
