package stats

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/stat/combin"
)

// ChiSquare is Pearson's chi-square test of independence on an r×c table of counts,
// with the diagnostics a reader needs to judge whether the approximation holds.
type ChiSquare struct {
	Statistic float64
	DF        int
	P         float64
	N         int
	// CramersV is sqrt(χ² / (N (min(r, c) − 1))) from the uncorrected statistic, as
	// scipy.stats.contingency.association(method="cramer"), also when Yates is set.
	CramersV float64
	// MinExpected is the smallest expected count under independence, and
	// ShareExpectedBelow5 the share (0–1) of cells whose expected count is below 5:
	// the usual rule of thumb wants none below 1 and at most a fifth below 5.
	MinExpected         float64
	ShareExpectedBelow5 float64
	// Yates is set when the statistic carries Yates' continuity correction
	// (ChiSquareYatesTest).
	Yates bool
}

// ChiSquareTest is Pearson's chi-square test of independence without any continuity
// correction, for every table size including 2×2: scipy.stats.chi2_contingency(table,
// correction=False), R chisq.test(table, correct = FALSE). We do not correct 2×2 tables
// by default because Yates' correction is known to be conservative and because the
// uncorrected 2×2 statistic equals the square of CompareProportions' z, so the two
// reports of one comparison agree. ChiSquareYatesTest gives the corrected version.
//
// The table is rows of non-negative counts, all rows the same length, at least 2×2.
// A row or column with no counts makes expected counts zero and is an error wrapping
// ErrNoVariance: drop empty categories first.
func ChiSquareTest(table [][]int) (ChiSquare, error) {
	return chiSquare(table, false)
}

// ChiSquareYatesTest is ChiSquareTest with Yates' continuity correction, for 2×2 tables
// only, as scipy.stats.chi2_contingency(table) (its default correction=True) and R's
// chisq.test(table) default: each |observed − expected| is reduced by 0.5, but never
// below zero.
func ChiSquareYatesTest(table [][]int) (ChiSquare, error) {
	if len(table) != 2 || len(table[0]) != 2 {
		return ChiSquare{}, fmt.Errorf("%w: ChiSquareYatesTest needs a 2×2 table", ErrInvalid)
	}
	return chiSquare(table, true)
}

func chiSquare(table [][]int, yates bool) (ChiSquare, error) {
	rowSums, colSums, n, err := margins("ChiSquareTest", table)
	if err != nil {
		return ChiSquare{}, err
	}
	r, c := len(rowSums), len(colSums)
	res := ChiSquare{N: n, DF: (r - 1) * (c - 1), Yates: yates, MinExpected: math.Inf(1)}
	var plain, corrected float64
	below5 := 0
	for i := range r {
		for j := range c {
			e := float64(rowSums[i]) * float64(colSums[j]) / float64(n)
			d := float64(table[i][j]) - e
			plain += d * d / e
			dc := math.Max(math.Abs(d)-0.5, 0)
			corrected += dc * dc / e
			res.MinExpected = math.Min(res.MinExpected, e)
			if e < 5 {
				below5++
			}
		}
	}
	res.Statistic = plain
	if yates {
		res.Statistic = corrected
	}
	res.P = chiSquareTail(res.Statistic, float64(res.DF))
	res.CramersV = math.Sqrt(plain / (float64(n) * float64(min(r, c)-1)))
	res.ShareExpectedBelow5 = float64(below5) / float64(r*c)
	return res, nil
}

// margins checks a table of counts and returns its row sums, column sums and total.
func margins(fn string, table [][]int) (rows, cols []int, n int, err error) {
	if len(table) < 2 || len(table[0]) < 2 {
		return nil, nil, 0, fmt.Errorf("%w: %s needs at least a 2×2 table", ErrTooFew, fn)
	}
	cols = make([]int, len(table[0]))
	rows = make([]int, len(table))
	for i, row := range table {
		if len(row) != len(cols) {
			return nil, nil, 0, fmt.Errorf("%w: %s: row %d has %d cells, row 0 has %d", ErrInvalid, fn, i, len(row), len(cols))
		}
		for j, v := range row {
			if v < 0 {
				return nil, nil, 0, fmt.Errorf("%w: %s: cell [%d][%d] is negative (%d)", ErrInvalid, fn, i, j, v)
			}
			rows[i] += v
			cols[j] += v
			n += v
		}
	}
	for i, s := range rows {
		if s == 0 {
			return nil, nil, 0, fmt.Errorf("%w: %s: row %d has no counts", ErrNoVariance, fn, i)
		}
	}
	for j, s := range cols {
		if s == 0 {
			return nil, nil, 0, fmt.Errorf("%w: %s: column %d has no counts", ErrNoVariance, fn, j)
		}
	}
	return rows, cols, n, nil
}

// Fisher is Fisher's exact test on a 2×2 table [[a, b], [c, d]].
type Fisher struct {
	Table [2][2]int
	// OddsRatio is the sample odds ratio ad/bc, as scipy.stats.fisher_exact reports (R
	// reports the conditional maximum-likelihood estimate instead). It is +Inf when
	// bc = 0 < ad and NaN when ad = bc = 0.
	OddsRatio float64
	// P is two-sided: the probability, with all margins fixed, of a table no more
	// likely than the one observed (scipy.stats.fisher_exact, R fisher.test).
	P float64
	N int
}

// FisherExact is Fisher's exact test of independence in a 2×2 table, two-sided as
// scipy.stats.fisher_exact(table, alternative="two-sided") and R fisher.test: with the
// margins fixed, a (the top-left count) is hypergeometric, and P sums the probabilities
// of every a whose probability does not exceed the observed one (within a relative
// 1e-7, the tolerance scipy and R use so that tables of equal probability are not split
// by rounding). Use it instead of ChiSquareTest when expected counts are small.
// A row or column with no counts is an error wrapping ErrNoVariance, as in
// ChiSquareTest (scipy would return p = 1).
func FisherExact(table [2][2]int) (Fisher, error) {
	rows, cols, n, err := margins("FisherExact", [][]int{table[0][:], table[1][:]})
	if err != nil {
		return Fisher{}, err
	}
	a, b, c, d := table[0][0], table[0][1], table[1][0], table[1][1]
	res := Fisher{Table: table, N: n}
	switch ad, bc := float64(a)*float64(d), float64(b)*float64(c); {
	case bc > 0:
		res.OddsRatio = ad / bc
	case ad > 0:
		res.OddsRatio = math.Inf(1)
	default:
		res.OddsRatio = math.NaN()
	}
	// a ~ Hypergeometric(population n, row1 = rows[0] drawn, col1 = cols[0] successes).
	logDenom := combin.LogGeneralizedBinomial(float64(n), float64(rows[0]))
	pmf := func(x int) float64 {
		return math.Exp(combin.LogGeneralizedBinomial(float64(cols[0]), float64(x)) +
			combin.LogGeneralizedBinomial(float64(cols[1]), float64(rows[0]-x)) - logDenom)
	}
	lo, hi := max(0, rows[0]-cols[1]), min(rows[0], cols[0])
	observed := pmf(a) * (1 + 1e-7)
	for x := lo; x <= hi; x++ {
		if p := pmf(x); p <= observed {
			res.P += p
		}
	}
	res.P = floorP(res.P)
	return res, nil
}
