package stats_test

import (
	"errors"
	"math"
	"testing"

	"github.com/moocreport/moocreport/report/stats"
)

func TestSpearmanTest(t *testing.T) {
	tests := []struct {
		name   string
		x, y   []float64
		rho, p float64
		checkP bool
	}{
		// scipy docs, scipy.stats.spearmanr([1,2,3,4,5], [5,6,7,8,7]) →
		// (0.82078268166812329, 0.088587005313543798); y has a tie.
		{"scipy docs five pairs with a tie", []float64{1, 2, 3, 4, 5}, []float64{5, 6, 7, 8, 7}, 0.82078268166812329, 0.088587005313543798, true},
		// scipy ≤ 0.x docs, spearmanr([1,2,3,4,5,6,7,8,9], [2,1,2,4.5,7,6.5,6,9,9.5]) →
		// 0.90377360145618091.
		{"scipy docs nine pairs with ties", []float64{1, 2, 3, 4, 5, 6, 7, 8, 9}, []float64{2, 1, 2, 4.5, 7, 6.5, 6, 9, 9.5}, 0.90377360145618091, 0, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, err := stats.SpearmanTest(tc.x, tc.y)
			if err != nil {
				t.Fatal(err)
			}
			near(t, "Rho", r.Rho, tc.rho, relTight, false)
			if tc.checkP {
				near(t, "P", r.P, tc.p, relTight, false)
			}
			lo, hi, _ := stats.CorrelationCI(r.Rho, r.N, 0.95)
			if r.Lo != lo || r.Hi != hi || !(lo < r.Rho && r.Rho < hi) {
				t.Errorf("CI [%v, %v] is not the 95%% Fisher interval [%v, %v] around %v", r.Lo, r.Hi, lo, hi, r.Rho)
			}
		})
	}
}

func TestCorrelationCIMatchesRCorTest(t *testing.T) {
	// R ?cor.test (Hollander & Wolfe): cor.test(x, y) on the nine pairs gives
	// cor 0.5711816 and "95 percent confidence interval: -0.1497426 0.8955795", the
	// Fisher-z interval with SE 1/sqrt(n − 3). r is printed to 7 digits, which moves
	// the bounds by less than 1e-6.
	lo, hi, err := stats.CorrelationCI(0.5711816, 9, 0.95)
	if err != nil {
		t.Fatal(err)
	}
	near(t, "lower", lo, -0.1497426, 1e-6, true)
	near(t, "upper", hi, 0.8955795, 1e-6, true)
}

func TestSpearmanPerfectAndGuards(t *testing.T) {
	r, err := stats.SpearmanTest([]float64{1, 2, 3, 4, 5}, []float64{10, 20, 30, 40, 1000})
	if err != nil {
		t.Fatal(err)
	}
	if r.Rho != 1 || r.P != stats.PFloor || r.Lo != 1 || r.Hi != 1 {
		t.Errorf("monotone data: rho %v p %v CI [%v, %v], want 1, PFloor, [1, 1]", r.Rho, r.P, r.Lo, r.Hi)
	}
	tests := []struct {
		name string
		call func() error
		want error
	}{
		{"three pairs are too few for the interval", func() error { _, err := stats.SpearmanTest([]float64{1, 2, 3}, []float64{1, 2, 3}); return err }, stats.ErrTooFew},
		{"a constant variable has no variance", func() error {
			_, err := stats.SpearmanTest([]float64{1, 2, 3, 4}, []float64{5, 5, 5, 5})
			return err
		}, stats.ErrNoVariance},
		{"unequal lengths are invalid", func() error { _, err := stats.SpearmanTest([]float64{1, 2, 3, 4}, []float64{1, 2, 3}); return err }, stats.ErrInvalid},
		{"r beyond 1 is invalid", func() error { _, _, err := stats.CorrelationCI(1.2, 10, 0.95); return err }, stats.ErrInvalid},
		{"CI with n = 3 is too few", func() error { _, _, err := stats.CorrelationCI(0.5, 3, 0.95); return err }, stats.ErrTooFew},
		{"NaN r is invalid", func() error { _, _, err := stats.CorrelationCI(math.NaN(), 10, 0.95); return err }, stats.ErrInvalid},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if err := tc.call(); !errors.Is(err, tc.want) {
				t.Errorf("error = %v, want %v", err, tc.want)
			}
		})
	}
}
