package stats_test

import (
	"errors"
	"math"
	"testing"

	"github.com/moocreport/moocreport/report/stats"
)

// near fails the test when got differs from want by more than tol, absolute when abs
// is set and relative otherwise. Published outputs are checked to their printed
// precision (absolute, half a unit of the last digit), full-precision outputs
// relatively.
func near(t *testing.T, what string, got, want, tol float64, abs bool) {
	t.Helper()
	diff := math.Abs(got - want)
	if !abs && want != 0 {
		diff /= math.Abs(want)
	}
	if !(diff <= tol) {
		t.Errorf("%s = %.12g, want %.12g (tolerance %g)", what, got, want, tol)
	}
}

const (
	relTight = 1e-9 // full-precision reference outputs
	relLoose = 1e-6 // reference outputs printed to 7 significant digits
)

// R's sleep data (Cushny and Peebles), extra hours of sleep under two drugs, the
// example of R's ?t.test; group 1 and group 2 are the same ten patients.
var (
	sleep1 = []float64{0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0}
	sleep2 = []float64{1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4}
)

func TestDescribeSleep(t *testing.T) {
	// R, DescTools::TTestA example: mx <- 0.75; my <- 2.33; sx <- 1.789010;
	// sy <- 2.002249 (mean and sd of the two sleep groups, printed to 7 digits).
	tests := []struct {
		name     string
		x        []float64
		mean, sd float64
	}{
		{"drug 1 matches R's mean and sd", sleep1, 0.75, 1.789010},
		{"drug 2 matches R's mean and sd", sleep2, 2.33, 2.002249},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, err := stats.Describe(tc.x)
			if err != nil {
				t.Fatal(err)
			}
			near(t, "Mean", s.Mean, tc.mean, 1e-12, true)
			near(t, "SD", s.SD, tc.sd, 5e-7, true)
			if s.N != len(tc.x) {
				t.Errorf("N = %d, want %d", s.N, len(tc.x))
			}
			sd, _ := stats.SD(tc.x)
			m, _ := stats.Mean(tc.x)
			if sd != s.SD || m != s.Mean {
				t.Errorf("Describe and SD/Mean disagree: %v/%v vs %v/%v", s.SD, s.Mean, sd, m)
			}
		})
	}
	// Sorted drug 1: −1.6 −1.2 −0.2 −0.1 0.0 0.7 0.8 2.0 3.4 3.7, so by type 7
	// Q1 = x(3) + 0.25 (x(4) − x(3)) = −0.175, median 0.35, Q3 = x(7) + 0.75 (x(8) − x(7)) = 1.7.
	s, _ := stats.Describe(sleep1)
	near(t, "Median", s.Median, 0.35, 1e-12, true)
	near(t, "Q1", s.Q1, -0.175, 1e-12, true)
	near(t, "Q3", s.Q3, 1.7, 1e-12, true)
	if s.Min != -1.6 || s.Max != 3.7 {
		t.Errorf("Min, Max = %v, %v, want -1.6, 3.7", s.Min, s.Max)
	}
}

func TestQuantileType7(t *testing.T) {
	oneToTen := []float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}
	tests := []struct {
		name string
		x    []float64
		p    float64
		want float64
	}{
		// numpy docs, numpy.percentile / numpy.quantile example:
		// a = [[10, 7, 4], [3, 2, 1]]; np.percentile(a, 50) → 3.5
		{"numpy docs example, median of six values", []float64{10, 7, 4, 3, 2, 1}, 0.5, 3.5},
		// R: quantile(1:10) → 0% 1.00, 25% 3.25, 50% 5.50, 75% 7.75, 100% 10.00
		{"R quantile(1:10) first quartile interpolates", oneToTen, 0.25, 3.25},
		{"R quantile(1:10) median", oneToTen, 0.5, 5.5},
		{"R quantile(1:10) third quartile", oneToTen, 0.75, 7.75},
		{"p = 0 is the minimum", oneToTen, 0, 1},
		{"p = 1 is the maximum", oneToTen, 1, 10},
		{"one value is every quantile", []float64{4}, 0.3, 4},
		{"order of input does not matter", []float64{10, 1, 9, 2, 8, 3, 7, 4, 6, 5}, 0.25, 3.25},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := stats.Quantile(tc.x, tc.p)
			if err != nil {
				t.Fatal(err)
			}
			near(t, "Quantile", got, tc.want, 1e-12, true)
		})
	}
	iqr, _ := stats.IQR(oneToTen)
	near(t, "IQR(1:10), R IQR(1:10) = 4.5", iqr, 4.5, 1e-12, true)
	med, _ := stats.Median([]float64{3, 1, 2})
	near(t, "Median of odd n", med, 2, 0, true)
}

func TestDescriptivesGuardInputs(t *testing.T) {
	tests := []struct {
		name string
		call func() error
		want error
	}{
		{"Mean of nothing is too few", func() error { _, err := stats.Mean(nil); return err }, stats.ErrTooFew},
		{"SD of one value is too few", func() error { _, err := stats.SD([]float64{1}); return err }, stats.ErrTooFew},
		{"Median of nothing is too few", func() error { _, err := stats.Median(nil); return err }, stats.ErrTooFew},
		{"IQR of nothing is too few", func() error { _, err := stats.IQR(nil); return err }, stats.ErrTooFew},
		{"Describe of nothing is too few", func() error { _, err := stats.Describe(nil); return err }, stats.ErrTooFew},
		{"NaN is invalid", func() error { _, err := stats.Mean([]float64{1, math.NaN()}); return err }, stats.ErrInvalid},
		{"infinity is invalid", func() error { _, err := stats.SD([]float64{1, math.Inf(1)}); return err }, stats.ErrInvalid},
		{"quantile above 1 is invalid", func() error { _, err := stats.Quantile([]float64{1, 2}, 1.5); return err }, stats.ErrInvalid},
		{"quantile NaN is invalid", func() error { _, err := stats.Quantile([]float64{1, 2}, math.NaN()); return err }, stats.ErrInvalid},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if err := tc.call(); !errors.Is(err, tc.want) {
				t.Errorf("error = %v, want %v", err, tc.want)
			}
		})
	}
}

func TestDescribeOneValueKeepsWhatIsDefined(t *testing.T) {
	s, err := stats.Describe([]float64{4})
	if !errors.Is(err, stats.ErrTooFew) {
		t.Fatalf("error = %v, want ErrTooFew for the undefined SD", err)
	}
	if s.N != 1 || s.Mean != 4 || s.Median != 4 || s.Min != 4 || s.Max != 4 || !math.IsNaN(s.SD) {
		t.Errorf("Describe([4]) = %+v, want every field 4 but SD NaN", s)
	}
}
