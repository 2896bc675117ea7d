package stats

import (
	"fmt"
	"math"
	"slices"
	"strconv"
)

// rank gives the 1-based ranks of x with ties at their average rank (R's rank,
// scipy.stats.rankdata(method="average")), and the tie term Σ(t³ − t) over groups of t
// tied values that the normal approximations subtract from the variance.
func rank(x []float64) (ranks []float64, ties float64) {
	idx := make([]int, len(x))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int {
		switch {
		case x[a] < x[b]:
			return -1
		case x[a] > x[b]:
			return 1
		}
		return 0
	})
	ranks = make([]float64, len(x))
	for i := 0; i < len(idx); {
		j := i
		for j+1 < len(idx) && x[idx[j+1]] == x[idx[i]] {
			j++
		}
		avg := float64(i+j)/2 + 1
		for k := i; k <= j; k++ {
			ranks[idx[k]] = avg
		}
		t := float64(j - i + 1)
		ties += t*t*t - t
		i = j + 1
	}
	return ranks, ties
}

// MannWhitney is the Mann–Whitney U (Wilcoxon rank-sum) test of two independent samples.
type MannWhitney struct {
	N1, N2 int
	// U is the statistic of the first sample: the number of pairs (x, y) with x > y,
	// ties counting one half (scipy's statistic; R's W).
	U float64
	// Z is the standardised U with tie and continuity correction; negative when the
	// first sample tends to be smaller.
	Z, P float64
	// R is the rank-biserial correlation 2U/(n1 n2) − 1, in [−1, 1] with the sign of
	// Z: positive when the first sample tends to be larger. (Some texts use
	// 1 − 2U/(n1 n2), the same magnitude with the opposite sign.)
	R float64
}

// MannWhitneyTest compares x and y with the two-sided Mann–Whitney U test in its normal
// approximation, with the tie-corrected variance and a continuity correction of 0.5
// towards the mean: scipy.stats.mannwhitneyu(x, y, alternative="two-sided",
// method="asymptotic"), R wilcox.test(x, y, exact = FALSE). The approximation is what
// we use at every sample size so that a report's method does not switch with n; for very
// small untied samples the exact test differs in the second decimal of p.
//
// Each sample needs at least one value; all values tied is an error wrapping
// ErrNoVariance.
func MannWhitneyTest(x, y []float64) (MannWhitney, error) {
	if err := checkSample("MannWhitneyTest (first sample)", x, 1); err != nil {
		return MannWhitney{}, err
	}
	if err := checkSample("MannWhitneyTest (second sample)", y, 1); err != nil {
		return MannWhitney{}, err
	}
	n1, n2 := float64(len(x)), float64(len(y))
	n := n1 + n2
	ranks, ties := rank(slices.Concat(x, y))
	var r1 float64
	for _, r := range ranks[:len(x)] {
		r1 += r
	}
	u := r1 - n1*(n1+1)/2
	variance := n1 * n2 / 12 * ((n + 1) - ties/(n*(n-1)))
	if !(variance > 0) {
		return MannWhitney{}, fmt.Errorf("%w: MannWhitneyTest: all values are tied", ErrNoVariance)
	}
	res := MannWhitney{N1: len(x), N2: len(y), U: u, R: 2*u/(n1*n2) - 1}
	res.Z = continuityCorrect(u-n1*n2/2) / math.Sqrt(variance)
	res.P = normalTwoSided(res.Z)
	return res, nil
}

// continuityCorrect moves a centred rank statistic 0.5 towards zero. Rank sums move in
// steps of 0.5, so a non-zero d is at least 0.5 away and never changes sign.
func continuityCorrect(d float64) float64 {
	switch {
	case d > 0:
		return d - 0.5
	case d < 0:
		return d + 0.5
	}
	return 0
}

// Wilcoxon is the Wilcoxon signed-rank test of paired samples.
type Wilcoxon struct {
	// N counts the pairs with a non-zero difference, the ones the test uses; Zeros
	// counts the pairs dropped because x = y.
	N, Zeros int
	// RPlus and RMinus are the rank sums of the positive and negative differences
	// x − y; W is the smaller of the two (scipy's two-sided statistic; R's V is RPlus).
	RPlus, RMinus, W float64
	// Z is standardised RPlus with the tie-corrected variance and no continuity
	// correction: positive when x tends to exceed y. scipy reports −|Z|.
	Z, P float64
	// R is the effect size Z/√N (Rosenthal's r), signed like Z.
	R float64
}

// WilcoxonTest compares paired samples x and y (x[i] paired with y[i]) with the
// two-sided Wilcoxon signed-rank test in its normal approximation: zero differences
// are dropped before ranking (Wilcoxon's original method), tied |differences| share
// their average rank and reduce the variance by Σ(t³ − t)/48, and no continuity
// correction is applied — scipy.stats.wilcoxon(x, y, zero_method="wilcox",
// correction=False, method="approx") (its defaults apart from method), R
// wilcox.test(x, y, paired = TRUE, exact = FALSE, correct = FALSE). scipy's default
// method="auto" switches to the exact null distribution for at most 50 pairs without
// zeros or ties; we keep the approximation at every n, as MannWhitneyTest does, so the
// method a report states does not switch with the sample. A p that once differed from
// scipy's by 7e-5 relative came from the tail computed as 1 − Φ (see normalTwoSided),
// not from these conventions, which TestWilcoxonFarTail checks with ties and zeros.
//
// Differences are rounded to 12 significant digits before ranking, so that
// floating-point noise in x − y (0.825 − 0.775 against 0.375 − 0.325) does not split
// ties that are equal in the data; scipy documents this pitfall and leaves it to the
// caller.
//
// x and y must have the same length, and at least one pair must differ.
func WilcoxonTest(x, y []float64) (Wilcoxon, error) {
	if len(x) != len(y) {
		return Wilcoxon{}, fmt.Errorf("%w: WilcoxonTest needs paired samples, got %d and %d values", ErrInvalid, len(x), len(y))
	}
	if err := checkSample("WilcoxonTest (first sample)", x, 1); err != nil {
		return Wilcoxon{}, err
	}
	if err := checkSample("WilcoxonTest (second sample)", y, 1); err != nil {
		return Wilcoxon{}, err
	}
	var d, abs []float64
	res := Wilcoxon{}
	for i := range x {
		v := roundSignificant(x[i]-y[i], 12)
		if v == 0 {
			res.Zeros++
			continue
		}
		d = append(d, v)
		abs = append(abs, math.Abs(v))
	}
	if len(d) == 0 {
		return Wilcoxon{}, fmt.Errorf("%w: WilcoxonTest: every pair has x = y", ErrTooFew)
	}
	ranks, ties := rank(abs)
	for i, r := range ranks {
		if d[i] > 0 {
			res.RPlus += r
		} else {
			res.RMinus += r
		}
	}
	n := float64(len(d))
	res.N = len(d)
	res.W = math.Min(res.RPlus, res.RMinus)
	variance := n*(n+1)*(2*n+1)/24 - ties/48
	res.Z = (res.RPlus - n*(n+1)/4) / math.Sqrt(variance)
	res.P = normalTwoSided(res.Z)
	res.R = res.Z / math.Sqrt(n)
	return res, nil
}

func roundSignificant(v float64, digits int) float64 {
	r, err := strconv.ParseFloat(strconv.FormatFloat(v, 'g', digits, 64), 64)
	if err != nil {
		return v
	}
	return r
}
