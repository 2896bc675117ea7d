package stats_test

import (
	"errors"
	"math"
	"math/big"
	"testing"

	"github.com/moocreport/moocreport/report/stats"
)

func TestChiSquareTest(t *testing.T) {
	tests := []struct {
		name            string
		table           [][]int
		stat, statTol   float64
		df              int
		p, pTol         float64
		abs             bool
		minExp, share5  float64
		checkDiagnostic bool
	}{
		// R ?chisq.test example (Agresti 2007, p. 39), gender × party:
		// chisq.test(M) → X-squared = 30.07, df = 2, p-value = 2.954e-07.
		// Expected counts printed there: min 246.3547.
		{name: "R chisq.test gender by party 2×3", table: [][]int{{762, 327, 468}, {484, 239, 477}},
			stat: 30.07, statTol: 0.005, df: 2, p: 2.954e-07, pTol: 0.0005e-07, abs: true,
			minExp: 246.3547, share5: 0, checkDiagnostic: true},
		// scipy docs, scipy.stats.chi2_contingency([[10, 10, 20], [20, 20, 20]]) →
		// statistic 2.7777777777777777, pvalue 0.24935220877..., dof 2, expected
		// [[12, 12, 16], [18, 18, 24]].
		{name: "scipy chi2_contingency docs 2×3", table: [][]int{{10, 10, 20}, {20, 20, 20}},
			stat: 2.7777777777777777, statTol: relTight, df: 2, p: 0.24935220877, pTol: 1e-11, abs: false,
			minExp: 12, share5: 0, checkDiagnostic: true},
		// R ?prop.test example: smokers <- c(83, 90, 129, 70); patients <- c(86, 93, 136, 82);
		// prop.test(smokers, patients) → X-squared = 12.6, df = 3, p-value = 0.005585
		// (k > 2 groups: no continuity correction), i.e. the 4×2 table of smokers and non-smokers.
		{name: "R prop.test smokers 4×2", table: [][]int{{83, 3}, {90, 3}, {129, 7}, {70, 12}},
			stat: 12.6, statTol: 0.05, df: 3, p: 0.005585, pTol: 5e-7, abs: true},
		// scipy chi2_contingency(tab, correction=False) on Titanic survival by age < 21
		// ([[98, 82], [326, 208]]), printed by a published tutorial as
		// "카이제곱 2.4344, 자유도 1, p = 0.1187" (statistic, df, p to 4 decimals).
		{name: "uncorrected 2×2 as scipy correction=False", table: [][]int{{98, 82}, {326, 208}},
			stat: 2.4344, statTol: 5e-5, df: 1, p: 0.1187, pTol: 5e-5, abs: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, err := stats.ChiSquareTest(tc.table)
			if err != nil {
				t.Fatal(err)
			}
			if tc.abs {
				near(t, "Statistic", r.Statistic, tc.stat, tc.statTol, true)
			} else {
				near(t, "Statistic", r.Statistic, tc.stat, tc.statTol, false)
			}
			near(t, "P", r.P, tc.p, tc.pTol, true)
			if r.DF != tc.df {
				t.Errorf("DF = %d, want %d", r.DF, tc.df)
			}
			if r.Yates {
				t.Error("Yates set on the uncorrected test")
			}
			if tc.checkDiagnostic {
				near(t, "MinExpected", r.MinExpected, tc.minExp, 5e-5, true)
				near(t, "ShareExpectedBelow5", r.ShareExpectedBelow5, tc.share5, 0, true)
			}
		})
	}
}

func TestChiSquareYatesMatchesScipyDefault(t *testing.T) {
	// scipy docs, scipy.stats.chi2_contingency([[176, 230], [21035, 21018]]) (aspirin
	// and ischemic stroke; default correction=True) → statistic 6.892569132546561,
	// pvalue 0.008655478161175739.
	r, err := stats.ChiSquareYatesTest([][]int{{176, 230}, {21035, 21018}})
	if err != nil {
		t.Fatal(err)
	}
	near(t, "Statistic", r.Statistic, 6.892569132546561, relTight, false)
	near(t, "P", r.P, 0.008655478161175739, relTight, false)
	if !r.Yates || r.DF != 1 {
		t.Errorf("Yates, DF = %v, %d, want true, 1", r.Yates, r.DF)
	}
	plain, _ := stats.ChiSquareTest([][]int{{176, 230}, {21035, 21018}})
	if !(plain.Statistic > r.Statistic) {
		t.Errorf("uncorrected %v not above Yates-corrected %v", plain.Statistic, r.Statistic)
	}
	if plain.CramersV != r.CramersV {
		t.Errorf("CramersV differs with the correction: %v vs %v", plain.CramersV, r.CramersV)
	}
	// scipy gh-13875: the correction never moves a count past its expected value, so a
	// table that nearly matches independence has p = 1 (scipy test_chi2_contingency_yates_gh13875).
	near1, _ := stats.ChiSquareYatesTest([][]int{{1573, 3}, {4, 0}})
	near(t, "P of [[1573, 3], [4, 0]]", near1.P, 1, 1e-12, false)
}

func TestCramersVAndExpectedCounts(t *testing.T) {
	// The Titanic tutorial above prints the phi coefficient of the same 2×2 table,
	// np.corrcoef(Survived, age < 21) → +0.0584; for 2×2 tables V = |phi|.
	r, _ := stats.ChiSquareTest([][]int{{98, 82}, {326, 208}})
	near(t, "CramersV", r.CramersV, 0.0584, 5e-5, true)

	// Expected counts by hand: rows 24, 26; columns 40, 10; N = 50 gives
	// 19.2, 4.8, 20.8, 5.2, so one cell in four is below 5 and the smallest is 4.8.
	r, _ = stats.ChiSquareTest([][]int{{20, 4}, {20, 6}})
	near(t, "MinExpected", r.MinExpected, 4.8, 1e-12, true)
	near(t, "ShareExpectedBelow5", r.ShareExpectedBelow5, 0.25, 0, true)
	if r.N != 50 {
		t.Errorf("N = %d, want 50", r.N)
	}
	// Perfect association in a 3×3 table has V = 1.
	r, _ = stats.ChiSquareTest([][]int{{5, 0, 0}, {0, 7, 0}, {0, 0, 9}})
	near(t, "CramersV of a diagonal table", r.CramersV, 1, 1e-12, true)
}

func TestChiSquareGuardsInputs(t *testing.T) {
	tests := []struct {
		name  string
		table [][]int
		yates bool
		want  error
	}{
		{"one row is too few", [][]int{{1, 2, 3}}, false, stats.ErrTooFew},
		{"one column is too few", [][]int{{1}, {2}}, false, stats.ErrTooFew},
		{"ragged rows are invalid", [][]int{{1, 2}, {3}}, false, stats.ErrInvalid},
		{"negative counts are invalid", [][]int{{1, -2}, {3, 4}}, false, stats.ErrInvalid},
		{"an empty column has no variance", [][]int{{1, 0}, {3, 0}}, false, stats.ErrNoVariance},
		{"an empty row has no variance", [][]int{{0, 0}, {3, 4}}, false, stats.ErrNoVariance},
		{"Yates on a 2×3 table is invalid", [][]int{{1, 2, 3}, {4, 5, 6}}, true, stats.ErrInvalid},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			test := stats.ChiSquareTest
			if tc.yates {
				test = stats.ChiSquareYatesTest
			}
			if _, err := test(tc.table); !errors.Is(err, tc.want) {
				t.Errorf("error = %v, want %v", err, tc.want)
			}
		})
	}
}

func TestFisherExactPublished(t *testing.T) {
	tests := []struct {
		name      string
		table     [2][2]int
		p, tol    float64
		abs       bool
		oddsRatio float64
	}{
		// scipy docs, scipy.stats.fisher_exact([[6, 2], [1, 4]], alternative='two-sided')
		// → pvalue 0.10256410256410257 (statistic 12.0).
		{"scipy fisher_exact docs [[6, 2], [1, 4]]", [2][2]int{{6, 2}, {1, 4}}, 0.10256410256410257, relTight, false, 12},
		// scipy ≤ 1.8 docs (whales and sharks): fisher_exact([[8, 2], [1, 5]]) →
		// (20.0, 0.034965034965034921).
		{"scipy fisher_exact docs whales and sharks", [2][2]int{{8, 2}, {1, 5}}, 0.034965034965034921, relTight, false, 20},
		// R ?fisher.test Convictions of twins, two-sided: fisher.test(rbind(c(2, 15),
		// c(10, 3))) → p-value = 0.0005367 (printed by a published analysis script).
		{"R fisher.test convictions of twins", [2][2]int{{2, 15}, {10, 3}}, 0.0005367, 5e-8, true, 2.0 * 3 / (15 * 10)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, err := stats.FisherExact(tc.table)
			if err != nil {
				t.Fatal(err)
			}
			near(t, "P", r.P, tc.p, tc.tol, tc.abs)
			near(t, "OddsRatio", r.OddsRatio, tc.oddsRatio, 1e-12, false)
		})
	}
}

// fisherBruteForce is the two-sided Fisher p-value by exact rational arithmetic: it
// enumerates every table with the observed margins, weights it by its exact
// hypergeometric probability C(c1, x) C(c2, r1 − x) / C(n, r1), and sums the tables no
// more probable than the observed one. It shares no code with FisherExact.
func fisherBruteForce(tb [2][2]int) float64 {
	a, b, c, d := int64(tb[0][0]), int64(tb[0][1]), int64(tb[1][0]), int64(tb[1][1])
	r1, c1, c2 := a+b, a+c, b+d
	n := a + b + c + d
	prob := func(x int64) *big.Rat {
		num := new(big.Int).Mul(new(big.Int).Binomial(c1, x), new(big.Int).Binomial(c2, r1-x))
		return new(big.Rat).SetFrac(num, new(big.Int).Binomial(n, r1))
	}
	observed := prob(a)
	sum := new(big.Rat)
	for x := max(0, r1-c2); x <= min(r1, c1); x++ {
		if p := prob(x); p.Cmp(observed) <= 0 {
			sum.Add(sum, p)
		}
	}
	f, _ := sum.Float64()
	return f
}

func TestFisherExactAgainstEnumeration(t *testing.T) {
	tests := []struct {
		name  string
		table [2][2]int
	}{
		{"tea tasting, symmetric tables of equal probability", [2][2]int{{3, 1}, {1, 3}}},
		{"a zero cell", [2][2]int{{0, 5}, {6, 2}}},
		{"unbalanced margins", [2][2]int{{12, 5}, {3, 9}}},
		{"no association at all", [2][2]int{{5, 5}, {5, 5}}},
		{"a course-sized table", [2][2]int{{45, 160}, {21, 190}}},
		{"one tiny row", [2][2]int{{1, 0}, {40, 37}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, err := stats.FisherExact(tc.table)
			if err != nil {
				t.Fatal(err)
			}
			near(t, "P", r.P, fisherBruteForce(tc.table), relTight, false)
		})
	}
}

func TestFisherExactGuardsInputs(t *testing.T) {
	if _, err := stats.FisherExact([2][2]int{{0, 0}, {3, 4}}); !errors.Is(err, stats.ErrNoVariance) {
		t.Errorf("empty row: error = %v, want ErrNoVariance", err)
	}
	if _, err := stats.FisherExact([2][2]int{{-1, 2}, {3, 4}}); !errors.Is(err, stats.ErrInvalid) {
		t.Errorf("negative cell: error = %v, want ErrInvalid", err)
	}
	r, _ := stats.FisherExact([2][2]int{{4, 0}, {0, 4}})
	if !math.IsInf(r.OddsRatio, 1) {
		t.Errorf("OddsRatio with bc = 0 is %v, want +Inf", r.OddsRatio)
	}
}
