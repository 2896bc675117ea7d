package stats

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// The APA methods write statistics as the APA Publication Manual (7th ed.) sets them,
// in plain UTF-8 text: italics are left to the renderer. Conventions used throughout:
//   - negative numbers use the typographic minus sign U+2212 "−", not the ASCII hyphen;
//   - values that cannot exceed 1 in magnitude (p, r, ρ, V, α, a difference of
//     proportions) have no leading zero (".05"), all others do ("0.45");
//   - statistics have two decimals, p three, and p below .001 is "p < .001";
//   - counts use a comma thousands separator ("N = 1,234").

const minus = "\u2212"

// FormatNumber writes v with the given decimals, a leading zero, comma thousands
// separators and a U+2212 minus sign ("−1,234.50"). A value that rounds to zero is
// written without a sign.
func FormatNumber(v float64, decimals int) string {
	if math.IsInf(v, 1) {
		return "∞"
	}
	if math.IsInf(v, -1) {
		return minus + "∞"
	}
	s := strconv.FormatFloat(math.Abs(v), 'f', decimals, 64)
	intPart, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	if v < 0 && strings.Trim(s, "0.") != "" {
		b.WriteString(minus)
	}
	for i, c := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if frac != "" {
		b.WriteByte('.')
		b.WriteString(frac)
	}
	return b.String()
}

// FormatBounded writes a value bounded by 1 in magnitude (a p-value, correlation,
// Cramér's V, alpha, difference of proportions) without the leading zero: ".10",
// "−.38", "1.00".
func FormatBounded(v float64, decimals int) string {
	s := FormatNumber(v, decimals)
	if rest, ok := strings.CutPrefix(s, minus+"0."); ok {
		return minus + "." + rest
	}
	if rest, ok := strings.CutPrefix(s, "0."); ok {
		return "." + rest
	}
	return s
}

// FormatP writes a p-value the APA way: "p = .015" to three decimals, "p < .001" below
// that, and "p > .999" when it would round to 1.
func FormatP(p float64) string {
	switch {
	case p < 0.001:
		return "p < .001"
	case p >= 0.9995:
		return "p > .999"
	}
	return "p = " + FormatBounded(p, 3)
}

// formatHalf writes a rank statistic, which is a whole number or ends in .5, without
// a pointless ".0".
func formatHalf(v float64) string {
	if v == math.Trunc(v) {
		return FormatNumber(v, 0)
	}
	return FormatNumber(v, 1)
}

func percent(conf float64) string {
	return strconv.FormatFloat(100*conf, 'f', -1, 64) + "%"
}

// APA writes "M = 3.41, SD = 1.02, Mdn = 3.50, N = 1,234", leaving out SD when it is
// undefined (N = 1).
func (s Summary) APA() string {
	parts := []string{"M = " + FormatNumber(s.Mean, 2)}
	if !math.IsNaN(s.SD) {
		parts = append(parts, "SD = "+FormatNumber(s.SD, 2))
	}
	parts = append(parts, "Mdn = "+FormatNumber(s.Median, 2), "N = "+FormatNumber(float64(s.N), 0))
	return strings.Join(parts, ", ")
}

// APA writes "z = −1.41, p = .159, Δ = −.06, 95% CI [−.14, .02]", Δ being P1 − P2.
func (r TwoProportions) APA() string {
	return fmt.Sprintf("z = %s, %s, Δ = %s, %s CI [%s, %s]", FormatNumber(r.Z, 2), FormatP(r.P),
		FormatBounded(r.Diff, 2), percent(r.Conf), FormatBounded(r.Lo, 2), FormatBounded(r.Hi, 2))
}

// APA writes "χ²(4, N = 1,234) = 12.34, p = .015, V = .10", followed by
// "Yates-corrected" when the statistic carries Yates' correction.
func (r ChiSquare) APA() string {
	s := fmt.Sprintf("χ²(%d, N = %s) = %s, %s, V = %s", r.DF, FormatNumber(float64(r.N), 0),
		FormatNumber(r.Statistic, 2), FormatP(r.P), FormatBounded(r.CramersV, 2))
	if r.Yates {
		s += ", Yates-corrected"
	}
	return s
}

// APA writes "Fisher's exact test, p = .035, OR = 20.00", leaving out the odds ratio
// when it is undefined.
func (r Fisher) APA() string {
	s := "Fisher's exact test, " + FormatP(r.P)
	if !math.IsNaN(r.OddsRatio) {
		s += ", OR = " + FormatNumber(r.OddsRatio, 2)
	}
	return s
}

// APA writes "U = 1,234.5, z = −2.31, p = .021, r = −.12", r being the rank-biserial
// correlation.
func (r MannWhitney) APA() string {
	return fmt.Sprintf("U = %s, z = %s, %s, r = %s", formatHalf(r.U), FormatNumber(r.Z, 2), FormatP(r.P), FormatBounded(r.R, 2))
}

// APA writes "W = 24, z = 2.04, p = .041, r = .53", W being the smaller rank sum and
// r = z/√N.
func (r Wilcoxon) APA() string {
	return fmt.Sprintf("W = %s, z = %s, %s, r = %s", formatHalf(r.W), FormatNumber(r.Z, 2), FormatP(r.P), FormatBounded(r.R, 2))
}

// APA writes "t(45.3) = 2.10, p = .041, d = 0.45", with Welch's degrees of freedom to
// one decimal.
func (r Welch) APA() string {
	return fmt.Sprintf("t(%s) = %s, %s, d = %s", FormatNumber(r.DF, 1), FormatNumber(r.T, 2), FormatP(r.P), FormatNumber(r.D, 2))
}

// APA writes "t(9) = −4.06, p = .003, dz = −1.28".
func (r Paired) APA() string {
	return fmt.Sprintf("t(%d) = %s, %s, dz = %s", r.DF, FormatNumber(r.T, 2), FormatP(r.P), FormatNumber(r.DZ, 2))
}

// APA writes "ρ(46) = .32, p = .027, 95% CI [.04, .55]", with N − 2 degrees of freedom.
func (r Spearman) APA() string {
	return fmt.Sprintf("ρ(%d) = %s, %s, 95%% CI [%s, %s]", r.N-2, FormatBounded(r.Rho, 2), FormatP(r.P),
		FormatBounded(r.Lo, 2), FormatBounded(r.Hi, 2))
}

// APA writes "α = .82 (6 items, N = 1,234)".
func (r Alpha) APA() string {
	return fmt.Sprintf("α = %s (%d items, N = %s)", FormatBounded(r.Alpha, 2), r.K, FormatNumber(float64(r.N), 0))
}
