package stats

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/stat"
)

// Spearman is Spearman's rank correlation with its test and confidence interval.
type Spearman struct {
	N int
	// Rho is Pearson's correlation of the ranks, ties at their average rank.
	Rho float64
	// P is two-sided, from t = ρ sqrt((N − 2)/(1 − ρ²)) on N − 2 degrees of freedom, as
	// scipy.stats.spearmanr and R cor.test(method = "spearman", exact = FALSE). A
	// perfectly monotone sample (|ρ| = 1), where scipy reports 0, gets PFloor.
	P float64
	// Lo and Hi bound the 95 % interval from CorrelationCI.
	Lo, Hi float64
}

// SpearmanTest correlates x and y (x[i] with y[i]) by rank. It needs four pairs, the
// fewest for which the Fisher-z interval exists, and neither variable may be constant.
func SpearmanTest(x, y []float64) (Spearman, error) {
	if len(x) != len(y) {
		return Spearman{}, fmt.Errorf("%w: SpearmanTest needs paired samples, got %d and %d values", ErrInvalid, len(x), len(y))
	}
	if err := checkSample("SpearmanTest (x)", x, 4); err != nil {
		return Spearman{}, err
	}
	if err := checkSample("SpearmanTest (y)", y, 4); err != nil {
		return Spearman{}, err
	}
	rx, _ := rank(x)
	ry, _ := rank(y)
	if variance(rx) == 0 || variance(ry) == 0 {
		return Spearman{}, fmt.Errorf("%w: SpearmanTest: a variable is constant", ErrNoVariance)
	}
	res := Spearman{N: len(x), Rho: stat.Correlation(rx, ry, nil)}
	// Rounding can carry |ρ| a hair past 1 for perfectly monotone data.
	res.Rho = math.Max(-1, math.Min(1, res.Rho))
	df := float64(res.N - 2)
	if math.Abs(res.Rho) == 1 {
		res.P = PFloor // t is infinite: p is below every double
	} else {
		res.P = tTwoSided(res.Rho*math.Sqrt(df/(1-res.Rho*res.Rho)), df)
	}
	res.Lo, res.Hi, _ = CorrelationCI(res.Rho, res.N, 0.95)
	return res, nil
}

// CorrelationCI is the confidence interval for a correlation r from n pairs by Fisher's
// z transformation with standard error 1/sqrt(n − 3): tanh(atanh(r) ± z/sqrt(n − 3)).
// It is the interval R's cor.test reports for Pearson's r; applied to Spearman's ρ it is
// the common large-sample interval (Bonett and Wright's wider SE is the alternative
// we did not choose). It needs n ≥ 4, r in [−1, 1] and conf in (0, 1); |r| = 1 gives
// the degenerate interval [r, r].
func CorrelationCI(r float64, n int, conf float64) (lo, hi float64, err error) {
	if n < 4 {
		return 0, 0, fmt.Errorf("%w: CorrelationCI needs n ≥ 4, got %d", ErrTooFew, n)
	}
	if !(r >= -1 && r <= 1) || !(conf > 0 && conf < 1) {
		return 0, 0, fmt.Errorf("%w: CorrelationCI(r = %v, conf = %v)", ErrInvalid, r, conf)
	}
	if math.Abs(r) == 1 {
		return r, r, nil
	}
	z := math.Atanh(r)
	half := zCrit(conf) / math.Sqrt(float64(n-3))
	return math.Tanh(z - half), math.Tanh(z + half), nil
}
