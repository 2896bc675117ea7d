package stats

import (
	"math"
	"testing"
)

// relTail is the relative tolerance in the far tails: a tail at z carries about z²
// times the relative rounding of z itself (z/√2 is rounded once), which at |z| = 37 is
// 1.5e-13, the same for scipy.
const relTail = 1e-12

func nearRel(t *testing.T, what string, got, want float64) {
	t.Helper()
	if d := math.Abs(got-want) / want; !(d <= relTail) {
		t.Errorf("%s = %.17g, want %.17g (relative error %.2g)", what, got, want, d)
	}
}

func TestNormalTwoSidedAgainstScipy(t *testing.T) {
	tests := []struct{ z, p float64 }{
		// Each p: 2*scipy.stats.norm.sf(z) (scipy 1.10.1).
		{0.5, 0.6170750774519738},
		{1.959963984540054, 0.05},
		{5, 5.733031437583866e-07},
		{8.5, 1.89590696444065e-17},
		{10, 1.523970604832094e-23},
		{20, 5.507248237212311e-89},
		{30, 9.813427854295816e-198},
		{37, 1.1451142445047853e-299},
		{37.5, 9.210706019163908e-308},
	}
	for _, tc := range tests {
		nearRel(t, "normalTwoSided", normalTwoSided(tc.z), tc.p)
		nearRel(t, "normalTwoSided of −z", normalTwoSided(-tc.z), tc.p)
	}
	// 2*scipy.stats.norm.sf(38) → 0.0 and 2*norm.sf(40) → 0.0 (below the double
	// range; norm.logsf(40) + log(2) → −803.915294833194): we report PFloor, a bound.
	for _, z := range []float64{38, 40, -40, math.Inf(1)} {
		if p := normalTwoSided(z); p != PFloor {
			t.Errorf("normalTwoSided(%v) = %v, want PFloor", z, p)
		}
	}
	if p := normalTwoSided(0); p != 1 {
		t.Errorf("normalTwoSided(0) = %v, want 1", p)
	}
}

func TestTTwoSidedAgainstScipy(t *testing.T) {
	tests := []struct{ t, df, p float64 }{
		// Each p: 2*scipy.stats.t.sf(t, df) (scipy 1.10.1).
		{10, 5, 0.00017094757574296357},
		{40, 30, 1.3726045194406362e-27},
		{100, 200, 9.95684359045374e-173},
	}
	for _, tc := range tests {
		nearRel(t, "tTwoSided", tTwoSided(tc.t, tc.df), tc.p)
		nearRel(t, "tTwoSided of −t", tTwoSided(-tc.t, tc.df), tc.p)
	}
	// 2*scipy.stats.t.sf(300, 300) → 0.0.
	if p := tTwoSided(300, 300); p != PFloor {
		t.Errorf("tTwoSided(300, 300) = %v, want PFloor", p)
	}
}

func TestChiSquareTailAgainstScipy(t *testing.T) {
	tests := []struct{ x, df, p float64 }{
		// Each p: scipy.stats.chi2.sf(x, df) (scipy 1.10.1).
		{3.84, 1, 0.05004352124870519},
		{700, 4, 3.4852862290889247e-150},
		{1280, 1, 2.509158096763556e-280},
	}
	for _, tc := range tests {
		nearRel(t, "chiSquareTail", chiSquareTail(tc.x, tc.df), tc.p)
	}
	// scipy.stats.chi2.sf(1500, 10) → 0.0.
	if p := chiSquareTail(1500, 10); p != PFloor {
		t.Errorf("chiSquareTail(1500, 10) = %v, want PFloor", p)
	}
}
