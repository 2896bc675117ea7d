package stats

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/stat/distuv"
)

var stdNormal = distuv.Normal{Mu: 0, Sigma: 1}

// zCrit is the two-sided critical value of the standard normal for confidence conf.
func zCrit(conf float64) float64 {
	return stdNormal.Quantile(1 - (1-conf)/2)
}

// Wilson is the Wilson score interval for a binomial proportion successes/n at
// confidence conf (0.95 for 95 %), without continuity correction: Newcombe (1998)
// method 3, statsmodels proportion_confint(method="wilson"). It is the interval we
// report for rates because, unlike the Wald interval, it stays inside [0, 1] and keeps
// its coverage for small n and for rates near 0 or 1.
//
// With n = 0 there is no information and the interval is the whole range [0, 1].
// Successes outside [0, n], negative n or conf outside (0, 1) are programming errors
// and panic.
func Wilson(successes, n int, conf float64) (lo, hi float64) {
	if n < 0 || successes < 0 || successes > n || !(conf > 0 && conf < 1) {
		panic(fmt.Sprintf("stats.Wilson(%d, %d, %v): want 0 ≤ successes ≤ n and 0 < conf < 1", successes, n, conf))
	}
	if n == 0 {
		return 0, 1
	}
	z := zCrit(conf)
	nf := float64(n)
	p := float64(successes) / nf
	z2 := z * z
	centre := (p + z2/(2*nf)) / (1 + z2/nf)
	half := z / (1 + z2/nf) * math.Sqrt(p*(1-p)/nf+z2/(4*nf*nf))
	lo, hi = centre-half, centre+half
	// The bounds are exactly 0 and 1 at the edges; rounding must not push them past.
	if successes == 0 {
		lo = 0
	}
	if successes == n {
		hi = 1
	}
	return math.Max(lo, 0), math.Min(hi, 1)
}

// TwoProportions compares the rates of two independent groups.
type TwoProportions struct {
	X1, N1, X2, N2 int
	P1, P2         float64
	// Diff is P1 − P2.
	Diff float64
	// Z and P are the two-sided z-test with the pooled standard error (the test of
	// H0: p1 = p2), as statsmodels proportions_ztest(count, nobs); Z² equals the
	// uncorrected Pearson chi-square of the 2×2 table.
	Z, P float64
	// Lo and Hi bound the Wald interval for Diff at confidence Conf, with the unpooled
	// standard error (Newcombe 1998b method 1): the pooled SE belongs to the null
	// hypothesis, not to an estimate of the difference.
	Lo, Hi, Conf float64
}

// CompareProportions runs the two-proportion z-test of x1/n1 against x2/n2 and the
// Wald interval for their difference at confidence conf. It fails when a group is
// empty, when a count is outside [0, n], or when both groups are all successes or all
// failures (the pooled standard error is then zero and z undefined).
func CompareProportions(x1, n1, x2, n2 int, conf float64) (TwoProportions, error) {
	if n1 < 1 || n2 < 1 {
		return TwoProportions{}, fmt.Errorf("%w: CompareProportions needs both groups non-empty, got n1 = %d, n2 = %d", ErrTooFew, n1, n2)
	}
	if x1 < 0 || x1 > n1 || x2 < 0 || x2 > n2 || !(conf > 0 && conf < 1) {
		return TwoProportions{}, fmt.Errorf("%w: CompareProportions(%d/%d, %d/%d, conf %v)", ErrInvalid, x1, n1, x2, n2, conf)
	}
	f1, f2 := float64(n1), float64(n2)
	r := TwoProportions{X1: x1, N1: n1, X2: x2, N2: n2, Conf: conf}
	r.P1, r.P2 = float64(x1)/f1, float64(x2)/f2
	r.Diff = r.P1 - r.P2
	pooled := float64(x1+x2) / (f1 + f2)
	se0 := math.Sqrt(pooled * (1 - pooled) * (1/f1 + 1/f2))
	if se0 == 0 {
		return TwoProportions{}, fmt.Errorf("%w: CompareProportions: both groups are all successes or all failures", ErrNoVariance)
	}
	r.Z = r.Diff / se0
	r.P = normalTwoSided(r.Z)
	se := math.Sqrt(r.P1*(1-r.P1)/f1 + r.P2*(1-r.P2)/f2)
	z := zCrit(conf)
	r.Lo, r.Hi = r.Diff-z*se, r.Diff+z*se
	return r, nil
}
