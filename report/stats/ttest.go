package stats

import (
	"fmt"
	"math"
)

// Welch is Welch's unequal-variance t-test of two independent samples.
type Welch struct {
	N1, N2       int
	Mean1, Mean2 float64
	SD1, SD2     float64
	// T is (Mean1 − Mean2) / sqrt(SD1²/N1 + SD2²/N2); DF is the Welch–Satterthwaite
	// degrees of freedom, usually not a whole number.
	T, DF, P float64
	// D is Cohen's d, (Mean1 − Mean2) over the pooled SD
	// sqrt(((N1 − 1)SD1² + (N2 − 1)SD2²) / (N1 + N2 − 2)): the conventional
	// standardised difference, even though the test itself does not pool.
	D float64
	// G is Hedges' g, d times the exact small-sample correction
	// Γ(m/2) / (sqrt(m/2) Γ((m − 1)/2)) with m = N1 + N2 − 2 (Hedges 1981), which
	// 1 − 3/(4m − 1) approximates.
	G float64
}

// WelchTest compares the means of x and y with the two-sided Welch t-test:
// scipy.stats.ttest_ind(x, y, equal_var=False), R t.test(x, y) (R's default). We use
// Welch rather than Student's pooled test because it keeps its error rate when group
// variances differ and costs almost nothing when they do not.
//
// Each sample needs two values; two constant samples are an error wrapping
// ErrNoVariance.
func WelchTest(x, y []float64) (Welch, error) {
	if err := checkSample("WelchTest (first sample)", x, 2); err != nil {
		return Welch{}, err
	}
	if err := checkSample("WelchTest (second sample)", y, 2); err != nil {
		return Welch{}, err
	}
	n1, n2 := float64(len(x)), float64(len(y))
	v1, v2 := variance(x), variance(y)
	res := Welch{N1: len(x), N2: len(y), Mean1: mean(x), Mean2: mean(y), SD1: math.Sqrt(v1), SD2: math.Sqrt(v2)}
	a, b := v1/n1, v2/n2
	if a+b == 0 {
		return Welch{}, fmt.Errorf("%w: WelchTest: both samples are constant", ErrNoVariance)
	}
	diff := res.Mean1 - res.Mean2
	res.T = diff / math.Sqrt(a+b)
	res.DF = (a + b) * (a + b) / (a*a/(n1-1) + b*b/(n2-1))
	res.P = tTwoSided(res.T, res.DF)
	m := n1 + n2 - 2
	res.D = diff / math.Sqrt(((n1-1)*v1+(n2-1)*v2)/m)
	res.G = res.D * hedgesJ(m)
	return res, nil
}

// hedgesJ is Hedges' exact bias correction for a standardised difference on m degrees
// of freedom, computed in logs so that large m does not overflow Γ.
func hedgesJ(m float64) float64 {
	a, _ := math.Lgamma(m / 2)
	b, _ := math.Lgamma((m - 1) / 2)
	return math.Exp(a-b) / math.Sqrt(m/2)
}

// Paired is the paired-samples t-test.
type Paired struct {
	// N counts the pairs; MeanDiff and SDDiff describe the differences x − y.
	N                int
	MeanDiff, SDDiff float64
	T                float64
	DF               int
	P                float64
	// DZ is Cohen's d_z, MeanDiff / SDDiff: the standardised mean of the differences,
	// which is T/√N (Lakens 2013).
	DZ float64
}

// PairedTest compares paired samples x and y (x[i] paired with y[i]) with the two-sided
// paired t-test, a one-sample t-test of the differences x − y against zero:
// scipy.stats.ttest_rel(x, y), R t.test(x, y, paired = TRUE).
//
// It needs two pairs; differences that are all equal are an error wrapping
// ErrNoVariance.
func PairedTest(x, y []float64) (Paired, error) {
	if len(x) != len(y) {
		return Paired{}, fmt.Errorf("%w: PairedTest needs paired samples, got %d and %d values", ErrInvalid, len(x), len(y))
	}
	if err := checkSample("PairedTest (first sample)", x, 2); err != nil {
		return Paired{}, err
	}
	if err := checkSample("PairedTest (second sample)", y, 2); err != nil {
		return Paired{}, err
	}
	d := make([]float64, len(x))
	for i := range x {
		d[i] = x[i] - y[i]
	}
	res := Paired{N: len(d), DF: len(d) - 1, MeanDiff: mean(d), SDDiff: math.Sqrt(variance(d))}
	if res.SDDiff == 0 {
		return Paired{}, fmt.Errorf("%w: PairedTest: every difference is %v", ErrNoVariance, d[0])
	}
	res.T = res.MeanDiff / (res.SDDiff / math.Sqrt(float64(res.N)))
	res.P = tTwoSided(res.T, float64(res.DF))
	res.DZ = res.MeanDiff / res.SDDiff
	return res, nil
}
