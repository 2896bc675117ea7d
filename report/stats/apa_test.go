package stats_test

import (
	"math"
	"testing"

	"github.com/moocreport/moocreport/report/stats"
)

func TestFormatters(t *testing.T) {
	tests := []struct {
		name string
		got  string
		want string
	}{
		{"p to three decimals without leading zero", stats.FormatP(0.0149), "p = .015"},
		{"p below .001 is bounded", stats.FormatP(0.0004), "p < .001"},
		{"p of exactly .001 is shown", stats.FormatP(0.001), "p = .001"},
		{"p that rounds to 1 is bounded", stats.FormatP(0.9996), "p > .999"},
		{"thousands separators", stats.FormatNumber(1234567.891, 2), "1,234,567.89"},
		{"minus sign is U+2212", stats.FormatNumber(-2.314, 2), "−2.31"},
		{"negative thousands", stats.FormatNumber(-1234.5, 1), "−1,234.5"},
		{"negative zero loses its sign", stats.FormatNumber(-0.001, 2), "0.00"},
		{"leading zero kept for unbounded values", stats.FormatNumber(0.45, 2), "0.45"},
		{"bounded value drops the leading zero", stats.FormatBounded(0.1, 2), ".10"},
		{"negative bounded value", stats.FormatBounded(-0.38, 2), "−.38"},
		{"bounded value of one keeps its digit", stats.FormatBounded(1, 2), "1.00"},
		{"infinity", stats.FormatNumber(math.Inf(1), 2), "∞"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if tc.got != tc.want {
				t.Errorf("got %q, want %q", tc.got, tc.want)
			}
		})
	}
}

func TestAPALines(t *testing.T) {
	tests := []struct {
		name string
		got  string
		want string
	}{
		{"chi-square as in the brief",
			stats.ChiSquare{Statistic: 12.34, DF: 4, P: 0.015, N: 1234, CramersV: 0.1}.APA(),
			"χ²(4, N = 1,234) = 12.34, p = .015, V = .10"},
		{"Yates-corrected chi-square says so",
			stats.ChiSquare{Statistic: 6.8926, DF: 1, P: 0.00866, N: 42459, CramersV: 0.0129, Yates: true}.APA(),
			"χ²(1, N = 42,459) = 6.89, p = .009, V = .01, Yates-corrected"},
		{"Mann-Whitney as in the brief with a U+2212 minus",
			stats.MannWhitney{U: 1234.5, Z: -2.31, P: 0.021, R: 0.12}.APA(),
			"U = 1,234.5, z = −2.31, p = .021, r = .12"},
		{"whole U has no decimals",
			stats.MannWhitney{U: 17, Z: 1.22, P: 0.1113, R: 0.7}.APA(),
			"U = 17, z = 1.22, p = .111, r = .70"},
		{"Welch as in the brief",
			stats.Welch{T: 2.1, DF: 45.31, P: 0.041, D: 0.45}.APA(),
			"t(45.3) = 2.10, p = .041, d = 0.45"},
		{"paired t with whole df and dz",
			stats.Paired{T: -4.0621, DF: 9, P: 0.002833, DZ: -1.2845}.APA(),
			"t(9) = −4.06, p = .003, dz = −1.28"},
		{"Wilcoxon",
			stats.Wilcoxon{W: 24, Z: 2.044, P: 0.0409, R: 0.528}.APA(),
			"W = 24, z = 2.04, p = .041, r = .53"},
		{"Spearman with N − 2 degrees of freedom",
			stats.Spearman{N: 48, Rho: 0.32, P: 0.0271, Lo: 0.04, Hi: 0.551}.APA(),
			"ρ(46) = .32, p = .027, 95% CI [.04, .55]"},
		{"two proportions with bounded difference",
			stats.TwoProportions{Z: -1.4078, P: 0.1592, Diff: -0.0610, Lo: -0.1437, Hi: 0.0217, Conf: 0.95}.APA(),
			"z = −1.41, p = .159, Δ = −.06, 95% CI [−.14, .02]"},
		{"Fisher with odds ratio",
			stats.Fisher{P: 0.034965, OddsRatio: 20}.APA(),
			"Fisher's exact test, p = .035, OR = 20.00"},
		{"Fisher leaves out an undefined odds ratio",
			stats.Fisher{P: 1, OddsRatio: math.NaN()}.APA(),
			"Fisher's exact test, p > .999"},
		{"alpha",
			stats.Alpha{Alpha: 0.5917, K: 10, N: 15}.APA(),
			"α = .59 (10 items, N = 15)"},
		{"summary",
			stats.Summary{N: 1234, Mean: 3.414, SD: 1.0249, Median: 3.5}.APA(),
			"M = 3.41, SD = 1.02, Mdn = 3.50, N = 1,234"},
		{"summary of one value leaves out SD",
			stats.Summary{N: 1, Mean: 4, SD: math.NaN(), Median: 4}.APA(),
			"M = 4.00, Mdn = 4.00, N = 1"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if tc.got != tc.want {
				t.Errorf("got  %q\nwant %q", tc.got, tc.want)
			}
		})
	}
}

func TestAPAFromComputedResults(t *testing.T) {
	// End to end: the scipy docs example through MannWhitneyTest and APA.
	r, err := stats.MannWhitneyTest([]float64{19, 22, 16, 29, 24}, []float64{20, 11, 17, 12})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := r.APA(), "U = 17, z = 1.59, p = .111, r = .70"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	w, _ := stats.WelchTest(sleep1, sleep2)
	if got, want := w.APA(), "t(17.8) = −1.86, p = .079, d = −0.83"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}
