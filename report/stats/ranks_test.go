package stats_test

import (
	"errors"
	"math"
	"testing"

	"github.com/moocreport/moocreport/report/stats"
)

// pairCount is U by its definition, independent of ranking: the number of pairs
// (x, y) with x > y, ties counting one half.
func pairCount(x, y []float64) float64 {
	var u float64
	for _, a := range x {
		for _, b := range y {
			switch {
			case a > b:
				u++
			case a == b:
				u += 0.5
			}
		}
	}
	return u
}

func TestMannWhitneyTest(t *testing.T) {
	tests := []struct {
		name string
		x, y []float64
		u, p float64
		tol  float64
	}{
		// scipy docs, scipy.stats.mannwhitneyu: males = [19, 22, 16, 29, 24],
		// females = [20, 11, 17, 12]; mannwhitneyu(males, females, method="asymptotic")
		// → U1 = 17.0, p = 0.11134688653314041.
		{"scipy docs diagnosis ages", []float64{19, 22, 16, 29, 24}, []float64{20, 11, 17, 12}, 17, 0.11134688653314041, relTight},
		// scipy test_hypotests.py test_gh_9184, checked against R:
		// wilcox.test(x, y, alternative = "two.sided", exact = FALSE) → W = 35,
		// p = 0.244623605127 (R ?wilcox.test example data).
		{"R wilcox.test exact=FALSE on ?wilcox.test data",
			[]float64{0.80, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46},
			[]float64{1.15, 0.88, 0.90, 0.74, 1.21}, 35, 0.244623605127, 1e-11},
		// scipy test_tie_correct, from R: x = c(1, 2, 3, 4); y = c(1, 2, 3, 4, 5);
		// wilcox.test(x, y, exact = FALSE) → W = 8, p = 0.7086240584439 (four ties).
		{"R tie correction, four tied pairs", []float64{1, 2, 3, 4}, []float64{1, 2, 3, 4, 5}, 8, 0.7086240584439, 1e-11},
		// Same R check, y = y0 + c(0, 1, 0, 1, 0)/100 → W = 7, p = 0.5368784563079.
		{"R tie correction, two tied pairs", []float64{1, 2, 3, 4}, []float64{1, 2.01, 3, 4.01, 5}, 7, 0.5368784563079, 1e-11},
		// Same R check, y = y0 + 0.01 → W = 6, p = 0.3912672792826 (no ties).
		{"R without ties", []float64{1, 2, 3, 4}, []float64{1.01, 2.01, 3.01, 4.01, 5.01}, 6, 0.3912672792826, 1e-11},
		// Same R check, y = y0 − 0.01 → W = 10 = n1 n2 / 2, p = 1: the continuity
		// correction must not push p past 1.
		{"R U at its mean gives p = 1", []float64{1, 2, 3, 4}, []float64{0.99, 1.99, 2.99, 3.99, 4.99}, 10, 1, 1e-12},
		// scipy test_gh_11355b, from R: x = c(1, 2, 3, 4),
		// y = c(3, 6, 7, 8, Inf, 3, 2, 1, 4, 4, 5); wilcox.test(x, y, exact = FALSE) →
		// W = 10, p = 0.1297704873477. Inf is written as 100: ranks are what count.
		{"R heavy ties with unequal n", []float64{1, 2, 3, 4}, []float64{3, 6, 7, 8, 100, 3, 2, 1, 4, 4, 5}, 10, 0.1297704873477, 1e-11},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, err := stats.MannWhitneyTest(tc.x, tc.y)
			if err != nil {
				t.Fatal(err)
			}
			near(t, "U", r.U, tc.u, 0, true)
			near(t, "P", r.P, tc.p, tc.tol, false)
			near(t, "U against the pair count", r.U, pairCount(tc.x, tc.y), 0, true)
			n1n2 := float64(len(tc.x) * len(tc.y))
			near(t, "R", r.R, 2*tc.u/n1n2-1, 1e-12, true)
			if r.U > n1n2/2 && !(r.Z > 0) || r.U < n1n2/2 && !(r.Z < 0) {
				t.Errorf("Z = %v does not follow U = %v against its mean %v", r.Z, r.U, n1n2/2)
			}
			// p is the two-sided normal tail of Z.
			near(t, "P from Z", r.P, math.Min(1, math.Erfc(math.Abs(r.Z)/math.Sqrt2)), 1e-12, false)
		})
	}
}

func TestMannWhitneySwapMirrors(t *testing.T) {
	x, y := []float64{19, 22, 16, 29, 24}, []float64{20, 11, 17, 12}
	a, _ := stats.MannWhitneyTest(x, y)
	b, _ := stats.MannWhitneyTest(y, x)
	// scipy docs: U2 = nx*ny - U1 → 3.0.
	near(t, "U of the second sample", b.U, 3, 0, true)
	near(t, "Z mirrors", b.Z, -a.Z, 1e-12, true)
	near(t, "R mirrors", b.R, -a.R, 1e-12, true)
	near(t, "P is symmetric", b.P, a.P, 1e-15, true)
}

func TestMannWhitneyGuardsInputs(t *testing.T) {
	tests := []struct {
		name string
		x, y []float64
		want error
	}{
		{"an empty sample is too few", nil, []float64{1, 2}, stats.ErrTooFew},
		{"all values tied has no variance", []float64{3, 3}, []float64{3, 3, 3}, stats.ErrNoVariance},
		{"NaN is invalid", []float64{1, math.NaN()}, []float64{1, 2}, stats.ErrInvalid},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := stats.MannWhitneyTest(tc.x, tc.y); !errors.Is(err, tc.want) {
				t.Errorf("error = %v, want %v", err, tc.want)
			}
		})
	}
}

func TestWilcoxonTest(t *testing.T) {
	corn := []float64{6, 8, 14, 16, 23, 24, 28, 29, 41, -48, 49, 56, 60, -67, 75}
	tests := []struct {
		name   string
		x, y   []float64
		w, p   float64
		tol    float64
		abs    bool
		n, zer int
	}{
		// scipy docs, scipy.stats.wilcoxon: Darwin's corn, d = [6, 8, …, -67, 75];
		// wilcoxon(d, method='approx') → (24.0, 0.04088813291185591).
		{"scipy docs corn heights", corn, make([]float64, len(corn)), 24, 0.04088813291185591, relTight, false, 15, 0},
		// scipy test_morestats.py, TestWilcoxon (T = 34 case), checked against R:
		// wilcox.test(x, y, paired=TRUE, exact=FALSE, correct=FALSE) → T = 34,
		// p = 0.6948866 (tied |differences|).
		{"R paired exact=FALSE correct=FALSE with ties",
			[]float64{120, 114, 181, 188, 180, 146, 121, 191, 132, 113, 127, 112},
			[]float64{133, 143, 119, 189, 112, 199, 198, 113, 115, 121, 142, 187}, 34, 0.6948866, 5e-8, true, 12, 0},
		// scipy test_wilcoxon_tie (gh-2391), from R: wilcox.test(rep(0.1, 10),
		// exact=FALSE, correct=FALSE) → p = 0.001565402 (every |difference| tied).
		{"R all differences tied", []float64{0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1}, make([]float64, 10), 0, 0.001565402, 5e-10, true, 10, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, err := stats.WilcoxonTest(tc.x, tc.y)
			if err != nil {
				t.Fatal(err)
			}
			near(t, "W", r.W, tc.w, 0, true)
			near(t, "P", r.P, tc.p, tc.tol, tc.abs)
			if r.N != tc.n || r.Zeros != tc.zer {
				t.Errorf("N, Zeros = %d, %d, want %d, %d", r.N, r.Zeros, tc.n, tc.zer)
			}
			near(t, "R", r.R, r.Z/math.Sqrt(float64(r.N)), 1e-12, true)
		})
	}
}

func TestWilcoxonDropsZerosLikeR(t *testing.T) {
	// scipy test_morestats.py test_onesided, "tested against R version 3.4.1":
	// x <- c(125, 115, 130, 140, 140, 115, 140, 125, 140, 135)
	// y <- c(110, 122, 125, 120, 140, 124, 123, 137, 135, 145)
	// wilcox.test(x, y, paired = TRUE, exact = FALSE, alternative = "greater",
	// correct = FALSE) → V = 27, p = 0.2968153. One pair is tied (140, 140) and dropped.
	// The normal tail is symmetric and R+ lies above its mean, so the two-sided p is
	// twice the one-sided one.
	x := []float64{125, 115, 130, 140, 140, 115, 140, 125, 140, 135}
	y := []float64{110, 122, 125, 120, 140, 124, 123, 137, 135, 145}
	r, err := stats.WilcoxonTest(x, y)
	if err != nil {
		t.Fatal(err)
	}
	near(t, "RPlus (R's V)", r.RPlus, 27, 0, true)
	near(t, "P", r.P, 2*0.2968153, 2*5e-8, true)
	if r.N != 9 || r.Zeros != 1 {
		t.Errorf("N, Zeros = %d, %d, want 9, 1", r.N, r.Zeros)
	}
	if !(r.Z > 0) {
		t.Errorf("Z = %v, want positive: x tends to exceed y", r.Z)
	}
	near(t, "RPlus + RMinus", r.RPlus+r.RMinus, 9*10/2, 0, true)
}

func TestWilcoxonVarianceEqualsSumOfSquaredRanks(t *testing.T) {
	// Independent check of the tie correction: under the null each rank's sign is a
	// fair coin, so Var(R+) = Σ r² / 4 exactly, ties included, and
	// Z = (R+ − Σr/2) / sqrt(Σr²/4). Here |d| = 1, 1, 2, 3, 3, 3, 5 have midranks
	// 1.5, 1.5, 3, 5, 5, 5, 7.
	x := []float64{1, -1, 2, 3, -3, 3, 5, 4}
	y := []float64{0, 0, 0, 0, 0, 0, 0, 4}
	ranks := []float64{1.5, 1.5, 3, 5, 5, 5, 7}
	signs := []float64{1, -1, 1, 1, -1, 1, 1}
	var rPlus, sum, sumSq float64
	for i, rk := range ranks {
		sum += rk
		sumSq += rk * rk
		if signs[i] > 0 {
			rPlus += rk
		}
	}
	r, err := stats.WilcoxonTest(x, y)
	if err != nil {
		t.Fatal(err)
	}
	near(t, "RPlus", r.RPlus, rPlus, 0, true)
	near(t, "Z", r.Z, (rPlus-sum/2)/math.Sqrt(sumSq/4), 1e-12, false)
	if r.Zeros != 1 {
		t.Errorf("Zeros = %d, want 1", r.Zeros)
	}
}

func TestWilcoxonRoundsAwayFloatingNoise(t *testing.T) {
	// scipy docs, scipy.stats.wilcoxon: x = [0.5, 0.825, 0.375, 0.5],
	// y = [0.525, 0.775, 0.325, 0.55]; x − y splits the tied 0.05s by roundoff, and
	// wilcoxon(np.around(x - y, decimals=3), alternative='greater') → statistic 6.0,
	// the rank sum of the positive differences with the ties intact.
	r, err := stats.WilcoxonTest([]float64{0.5, 0.825, 0.375, 0.5}, []float64{0.525, 0.775, 0.325, 0.55})
	if err != nil {
		t.Fatal(err)
	}
	near(t, "RPlus", r.RPlus, 6, 0, true)
}

func TestWilcoxonGuardsInputs(t *testing.T) {
	tests := []struct {
		name string
		x, y []float64
		want error
	}{
		{"unequal lengths are invalid", []float64{1, 2}, []float64{1}, stats.ErrInvalid},
		{"no pairs is too few", nil, nil, stats.ErrTooFew},
		{"every pair equal is too few", []float64{1, 2}, []float64{1, 2}, stats.ErrTooFew},
		{"infinity is invalid", []float64{1, math.Inf(1)}, []float64{1, 2}, stats.ErrInvalid},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := stats.WilcoxonTest(tc.x, tc.y); !errors.Is(err, tc.want) {
				t.Errorf("error = %v, want %v", err, tc.want)
			}
		})
	}
}
