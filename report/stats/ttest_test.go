package stats_test

import (
	"errors"
	"math"
	"testing"

	"github.com/moocreport/moocreport/report/stats"
)

func TestWelchSleep(t *testing.T) {
	// R ?t.test: t.test(extra ~ group, data = sleep) (Welch, R's default) →
	// t = -1.8608, df = 17.776, p-value = 0.07939.
	r, err := stats.WelchTest(sleep1, sleep2)
	if err != nil {
		t.Fatal(err)
	}
	near(t, "T", r.T, -1.8608, 5e-5, true)
	near(t, "DF", r.DF, 17.776, 5e-4, true)
	near(t, "P", r.P, 0.07939, 5e-6, true)
	// Cohen's d from R's published Student t of the same data,
	// t.test(extra ~ group, data = sleep, var.equal = TRUE) → t = -1.8608, df = 18:
	// d = t sqrt(1/n1 + 1/n2) exactly, since both divide by the pooled SD.
	near(t, "D", r.D, -1.8608*math.Sqrt(0.2), 5e-5*math.Sqrt(0.2), true)
	// and effectsize::rm_d(sleep1, sleep2, adjust = FALSE, method = "d") printed as .83.
	near(t, "|D|", math.Abs(r.D), 0.83, 0.005, true)
	// Hedges' exact correction for m = 18 by the gamma function directly:
	// J = Γ(9) / (sqrt(9) Γ(8.5)); Hedges and Olkin's approximation 1 − 3/(4m − 1) is within 2e-4 of it.
	j := math.Gamma(9) / (3 * math.Gamma(8.5))
	near(t, "G", r.G, r.D*j, 1e-12, false)
	near(t, "J against 1 − 3/(4m − 1)", r.G/r.D, 1-3.0/(4*18-1), 2e-4, true)
}

func TestWelchUnequalGroupsPooledD(t *testing.T) {
	// scipy docs, scipy.stats.mannwhitneyu example continued: females = [20, 11, 17, 12],
	// males = [19, 22, 16, 29, 24]; ttest_ind(females, males) (Student, pooled) →
	// statistic -2.239334696520584, df 7.0. Cohen's d with the pooled SD is that t
	// times sqrt(1/n1 + 1/n2).
	females, males := []float64{20, 11, 17, 12}, []float64{19, 22, 16, 29, 24}
	r, err := stats.WelchTest(females, males)
	if err != nil {
		t.Fatal(err)
	}
	near(t, "D", r.D, -2.239334696520584*math.Sqrt(1.0/4+1.0/5), relTight, false)
	// Welch's t and df by their definitions: means 15 and 22, variances 18 and 24.5.
	near(t, "T", r.T, (15.0-22.0)/math.Sqrt(18.0/4+24.5/5), relTight, false)
	a, b := 18.0/4, 24.5/5
	near(t, "DF", r.DF, (a+b)*(a+b)/(a*a/3+b*b/4), relTight, false)
}

func TestPairedSleep(t *testing.T) {
	// R ?t.test: t.test(extra ~ group, data = sleep, paired = TRUE) → t = -4.0621,
	// df = 9, p-value = 0.002833, mean difference -1.58.
	r, err := stats.PairedTest(sleep1, sleep2)
	if err != nil {
		t.Fatal(err)
	}
	near(t, "T", r.T, -4.0621, 5e-5, true)
	near(t, "P", r.P, 0.002833, 5e-7, true)
	near(t, "MeanDiff", r.MeanDiff, -1.58, 1e-12, true)
	if r.DF != 9 || r.N != 10 {
		t.Errorf("DF, N = %d, %d, want 9, 10", r.DF, r.N)
	}
	// d_z = t/√n (Lakens 2013), and effectsize::rm_d(..., method = "z") printed as 1.28.
	near(t, "DZ", r.DZ, r.T/math.Sqrt(10), 1e-12, false)
	near(t, "|DZ|", math.Abs(r.DZ), 1.28, 0.005, true)
}

func TestTTestsGuardInputs(t *testing.T) {
	tests := []struct {
		name string
		call func() error
		want error
	}{
		{"Welch with one value in a group is too few", func() error { _, err := stats.WelchTest([]float64{1}, []float64{1, 2}); return err }, stats.ErrTooFew},
		{"Welch with two constant groups has no variance", func() error { _, err := stats.WelchTest([]float64{1, 1}, []float64{2, 2}); return err }, stats.ErrNoVariance},
		{"paired with unequal lengths is invalid", func() error { _, err := stats.PairedTest([]float64{1, 2}, []float64{1}); return err }, stats.ErrInvalid},
		{"paired with one pair is too few", func() error { _, err := stats.PairedTest([]float64{1}, []float64{2}); return err }, stats.ErrTooFew},
		{"paired with constant differences has no variance", func() error { _, err := stats.PairedTest([]float64{1, 2, 3}, []float64{0, 1, 2}); return err }, stats.ErrNoVariance},
		{"NaN is invalid", func() error { _, err := stats.WelchTest([]float64{1, math.NaN()}, []float64{1, 2}); return err }, stats.ErrInvalid},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if err := tc.call(); !errors.Is(err, tc.want) {
				t.Errorf("error = %v, want %v", err, tc.want)
			}
		})
	}
}
