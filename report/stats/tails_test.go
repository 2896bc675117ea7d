package stats_test

import (
	"testing"

	"github.com/moocreport/moocreport/report/stats"
)

// Far-tail reference tests: every test's p against scipy 1.10.1 / statsmodels 0.13.5
// where |z| reaches 40, so that a p computed as 1 − Φ(z) (0 beyond |z| ≈ 8.3) fails.
// A reference of 0.0 means the true p is below the double range: we report PFloor.

// relFar allows for the conditioning of a far tail: p carries about z² times the
// relative rounding of the statistic, which differs from scipy's in its last bits.
const relFar = 1e-11

// arange is numpy.arange(lo, hi) as floats; div, when above 1, floors each value
// divided by it (numpy's arange(lo, hi) // div).
func arange(lo, hi, div int) []float64 {
	var out []float64
	for i := lo; i < hi; i++ {
		out = append(out, float64(i/max(div, 1)))
	}
	return out
}

// wantP checks a far-tail p against its reference, 0 meaning PFloor.
func wantP(t *testing.T, got, want float64) {
	t.Helper()
	if want == 0 {
		if got != stats.PFloor {
			t.Errorf("P = %v, want PFloor (scipy underflows to 0)", got)
		}
		return
	}
	near(t, "P", got, want, relFar, false)
}

func TestMannWhitneyFarTail(t *testing.T) {
	tests := []struct {
		name    string
		x, y    []float64
		u, p    float64
		zAbsMin float64
	}{
		// x = np.arange(n, dtype=float); y = np.arange(n, 2*n, dtype=float);
		// scipy.stats.mannwhitneyu(x, y, alternative="two-sided", method="asymptotic").
		{"separated n=100", arange(0, 100, 1), arange(100, 200, 1), 0, 2.562143669163401e-34, 12},
		{"separated n=500", arange(0, 500, 1), arange(500, 1000, 1), 0, 5.856242913498941e-165, 27},
		{"separated n=900", arange(0, 900, 1), arange(900, 1800, 1), 0, 2.2453868370761107e-295, 36},
		{"separated n=1100 (|z| ≈ 40.6)", arange(0, 1100, 1), arange(1100, 2200, 1), 0, 0, 40},
		// x = (np.arange(n)//4).astype(float); y = (np.arange(n)//4 + n//8).astype(float);
		// the same call: every value tied four times, then in both samples.
		{"tied n=400", arange(0, 400, 4), arange(200, 600, 4), 20000, 2.740602505402065e-75, 18},
		{"tied n=2000", arange(0, 2000, 4), arange(1000, 3000, 4), 500000, 0, 38},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, err := stats.MannWhitneyTest(tc.x, tc.y)
			if err != nil {
				t.Fatal(err)
			}
			near(t, "U", r.U, tc.u, 0, true)
			wantP(t, r.P, tc.p)
			if !(-r.Z >= tc.zAbsMin) {
				t.Errorf("Z = %v, want below −%v", r.Z, tc.zAbsMin)
			}
		})
	}
}

// wilcoxonData is x and y of the Wilcoxon far-tail cases: with i = np.arange(n),
// x = np.where(i % 7 == 0, 5.0, 5.0 + (i//3) + 1); x = np.where(i % 11 == 0, 3.0, x);
// y = np.full(n, 5.0) — tied differences, zero differences and a few negative ones.
func wilcoxonData(n int) (x, y []float64) {
	for i := range n {
		v := 5.0 + float64(i/3) + 1
		if i%7 == 0 {
			v = 5
		}
		if i%11 == 0 {
			v = 3
		}
		x, y = append(x, v), append(y, 5)
	}
	return x, y
}

func TestWilcoxonFarTail(t *testing.T) {
	tests := []struct {
		n, nonZero, zeros int
		w, p              float64
	}{
		// scipy.stats.wilcoxon(x, y, zero_method="wilcox", correction=False,
		// method="approx") → statistic, p; scipy's defaults (wilcoxon(x, y)) give the
		// same numbers here, as they switch to "approx" above 50 pairs or with zeros.
		{60, 52, 8, 42, 3.6988031435094593e-09},
		{300, 261, 39, 504, 4.315949249544896e-42},
		{1200, 1044, 156, 6490, 2.0170689569949913e-164},
	}
	for _, tc := range tests {
		x, y := wilcoxonData(tc.n)
		r, err := stats.WilcoxonTest(x, y)
		if err != nil {
			t.Fatal(err)
		}
		near(t, "W", r.W, tc.w, 0, true)
		wantP(t, r.P, tc.p)
		if r.N != tc.nonZero || r.Zeros != tc.zeros {
			t.Errorf("n=%d: N, Zeros = %d, %d, want %d, %d", tc.n, r.N, r.Zeros, tc.nonZero, tc.zeros)
		}
	}
	// All n = 2000 differences positive and distinct: |z| ≈ 38.7, below the double range
	// (scipy.stats.wilcoxon(np.arange(1, 2001), method="approx") → p = 0.0).
	r, err := stats.WilcoxonTest(arange(1, 2001, 1), make([]float64, 2000))
	if err != nil {
		t.Fatal(err)
	}
	wantP(t, r.P, 0)
}

func TestCompareProportionsFarTail(t *testing.T) {
	tests := []struct {
		x1, n1, x2, n2 int
		z, p           float64
	}{
		// statsmodels.stats.proportion.proportions_ztest([x1, x2], [n1, n2]) → (z, p).
		{520, 1000, 480, 1000, 1.7888543819998333, 0.0736382701203024},
		{30, 40, 5, 50, 6.285419119397966, 3.2697035999075513e-10},
		{900, 1000, 100, 1000, 35.77708763999664, 2.509158096763144e-280},
		{990, 1000, 10, 1000, 43.826932358995876, 0},
	}
	for _, tc := range tests {
		r, err := stats.CompareProportions(tc.x1, tc.n1, tc.x2, tc.n2, 0.95)
		if err != nil {
			t.Fatal(err)
		}
		near(t, "Z", r.Z, tc.z, 1e-13, false)
		wantP(t, r.P, tc.p)
	}
}

func TestChiSquareFarTail(t *testing.T) {
	tests := []struct {
		table   [][]int
		stat, p float64
	}{
		// scipy.stats.chi2_contingency(table, correction=False) → (statistic, p, dof, _).
		{[][]int{{900, 100}, {100, 900}}, 1280, 2.509158096763556e-280},
		{[][]int{{990, 10}, {10, 990}}, 1920.8, 0},
		{[][]int{{500, 300, 200}, {100, 300, 600}, {50, 50, 900}}, 1189.1402714932128, 3.6008402390412834e-256},
	}
	for _, tc := range tests {
		r, err := stats.ChiSquareTest(tc.table)
		if err != nil {
			t.Fatal(err)
		}
		near(t, "Statistic", r.Statistic, tc.stat, 1e-13, false)
		wantP(t, r.P, tc.p)
	}
}

func TestTTestsFarTail(t *testing.T) {
	x := arange(0, 30, 1)
	for _, tc := range []struct {
		shift   float64
		stat, p float64
	}{
		// scipy.stats.ttest_ind(x, x + shift, equal_var=False), x = np.arange(30, dtype=float).
		{40, -17.59765380256239, 6.239607635431754e-25},
		{100, -43.99413450640598, 2.986701986972817e-46},
	} {
		y := make([]float64, len(x))
		for i := range x {
			y[i] = x[i] + tc.shift
		}
		r, err := stats.WelchTest(x, y)
		if err != nil {
			t.Fatal(err)
		}
		near(t, "T", r.T, tc.stat, 1e-13, false)
		wantP(t, r.P, tc.p)
	}
	// i = np.arange(20); y = np.arange(20, dtype=float); xx = y + 5 + 0.5*(i % 3);
	// scipy.stats.ttest_rel(xx, y) → (59.31588756289934, 4.93854099216716e-23).
	var xx, y []float64
	for i := range 20 {
		y = append(y, float64(i))
		xx = append(xx, float64(i)+5+0.5*float64(i%3))
	}
	r, err := stats.PairedTest(xx, y)
	if err != nil {
		t.Fatal(err)
	}
	near(t, "T", r.T, 59.31588756289934, 1e-12, false)
	wantP(t, r.P, 4.93854099216716e-23)
}

func TestHolmKeepsTinyPValues(t *testing.T) {
	// statsmodels.stats.multitest.multipletests([1e-300, 2e-300, 0.01, 0.04, 3e-20],
	// method="holm")[1] → [5e-300, 8e-300, 0.02, 0.04, 9e-20].
	got, err := stats.Holm([]float64{1e-300, 2e-300, 0.01, 0.04, 3e-20})
	if err != nil {
		t.Fatal(err)
	}
	for i, want := range []float64{5e-300, 8e-300, 0.02, 0.04, 9e-20} {
		near(t, "adjusted p", got[i], want, 1e-15, false)
	}
	// A floored p stays at least PFloor after adjustment.
	got, _ = stats.Holm([]float64{stats.PFloor, stats.PFloor})
	if !(got[0] >= stats.PFloor && got[1] >= stats.PFloor) {
		t.Errorf("Holm of PFloor = %v, want ≥ PFloor", got)
	}
}
