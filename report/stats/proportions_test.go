package stats_test

import (
	"errors"
	"testing"

	"github.com/moocreport/moocreport/report/stats"
)

func TestWilsonNewcombe(t *testing.T) {
	// Newcombe (1998), "Two-sided confidence intervals for the single proportion",
	// Statistics in Medicine 17:857–872, Table I, method 3 (score interval without
	// continuity correction), 95 %, printed to 4 decimals.
	tests := []struct {
		name      string
		x, n      int
		low, high float64
	}{
		{"81/263, a mid-range rate", 81, 263, 0.2553, 0.3662},
		{"15/148, a low rate", 15, 148, 0.0624, 0.1605},
		{"0/20, no successes pins the lower bound at 0", 0, 20, 0.0000, 0.1611},
		{"1/29, one success", 1, 29, 0.0061, 0.1718},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			lo, hi := stats.Wilson(tc.x, tc.n, 0.95)
			near(t, "lower", lo, tc.low, 5e-5, true)
			near(t, "upper", hi, tc.high, 5e-5, true)
		})
	}
}

func TestWilsonEdges(t *testing.T) {
	if lo, hi := stats.Wilson(0, 0, 0.95); lo != 0 || hi != 1 {
		t.Errorf("Wilson(0, 0) = [%v, %v], want the whole range [0, 1]", lo, hi)
	}
	if _, hi := stats.Wilson(20, 20, 0.95); hi != 1 {
		t.Errorf("Wilson(20, 20) upper = %v, want exactly 1", hi)
	}
	// Symmetry: the interval for 20 − x failures mirrors the one for x successes
	// (Newcombe's 0/20 upper bound .1611 becomes a lower bound of .8389).
	lo, _ := stats.Wilson(20, 20, 0.95)
	near(t, "Wilson(20, 20) lower", lo, 1-0.1611, 5e-5, true)
	for _, bad := range [][3]float64{{-1, 10, .95}, {11, 10, .95}, {1, 10, 1}, {1, 10, 0}} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("Wilson(%v, %v, %v) did not panic", bad[0], bad[1], bad[2])
				}
			}()
			stats.Wilson(int(bad[0]), int(bad[1]), bad[2])
		}()
	}
}

func TestCompareProportions(t *testing.T) {
	t.Run("z and p match statsmodels proportions_ztest", func(t *testing.T) {
		// statsmodels test_proportion.py test_default_values (statsmodels docs example):
		// proportions_ztest(count=[5, 12], nobs=[83, 99]) → z = -1.4078304151258787,
		// p = 0.15918129181156992 (the docs print '0.159').
		r, err := stats.CompareProportions(5, 83, 12, 99, 0.95)
		if err != nil {
			t.Fatal(err)
		}
		near(t, "Z", r.Z, -1.4078304151258787, relTight, false)
		near(t, "P", r.P, 0.15918129181156992, relTight, false)
		// The uncorrected 2×2 chi-square is z², so both reports of one comparison agree.
		chi, _ := stats.ChiSquareTest([][]int{{5, 78}, {12, 87}})
		near(t, "Z² against chi-square", r.Z*r.Z, chi.Statistic, relTight, false)
		near(t, "P against chi-square", r.P, chi.P, 1e-7, false)
	})
	// Newcombe (1998), "Interval estimation for the difference between independent
	// proportions", Statistics in Medicine 17:873–890, Table II, method 1 (asymptotic,
	// no continuity correction), as reproduced by DescTools' tests:
	// round(BinomDiffCI(x1, n1, x2, n2, method = "wald"), 4).
	tests := []struct {
		name           string
		x1, n1, x2, n2 int
		diff, lo, hi   float64
	}{
		{"56/70 vs 48/80, Wald interval for the difference", 56, 70, 48, 80, 0.2, 0.0575, 0.3425},
		{"9/10 vs 3/10, Wald interval for the difference", 9, 10, 3, 10, 0.6, 0.2605, 0.9395},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, err := stats.CompareProportions(tc.x1, tc.n1, tc.x2, tc.n2, 0.95)
			if err != nil {
				t.Fatal(err)
			}
			near(t, "Diff", r.Diff, tc.diff, 1e-12, true)
			near(t, "Lo", r.Lo, tc.lo, 5e-5, true)
			near(t, "Hi", r.Hi, tc.hi, 5e-5, true)
		})
	}
}

func TestCompareProportionsGuardsInputs(t *testing.T) {
	tests := []struct {
		name           string
		x1, n1, x2, n2 int
		want           error
	}{
		{"an empty group is too few", 0, 0, 3, 10, stats.ErrTooFew},
		{"more successes than trials is invalid", 11, 10, 3, 10, stats.ErrInvalid},
		{"all successes in both groups has no variance", 10, 10, 5, 5, stats.ErrNoVariance},
		{"no successes in either group has no variance", 0, 10, 0, 5, stats.ErrNoVariance},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := stats.CompareProportions(tc.x1, tc.n1, tc.x2, tc.n2, 0.95); !errors.Is(err, tc.want) {
				t.Errorf("error = %v, want %v", err, tc.want)
			}
		})
	}
}
