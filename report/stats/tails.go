package stats

import (
	"math"

	"gonum.org/v1/gonum/mathext"
)

// PFloor is the smallest p-value any test here reports: the smallest normal double,
// 2⁻¹⁰²² ≈ 2.2e-308. Every tail is computed so that p keeps its full relative
// precision down to PFloor; a computed p below it (|z| beyond about 37.5, a χ² beyond
// about 1,410 on one degree of freedom) is stored as PFloor and means "p ≤ 2.2e-308".
// A computed p is therefore never 0, which would claim an impossible certainty, and
// never a subnormal double, whose last digits are noise.
const PFloor = 0x1p-1022

// floorP keeps a computed p-value inside [PFloor, 1].
func floorP(p float64) float64 {
	return math.Max(PFloor, math.Min(p, 1))
}

// normalTwoSided is the two-sided tail 2(1 − Φ(|z|)) of the standard normal, written as
// erfc(|z|/√2) so that no digit is lost to the subtraction 1 − Φ: gonum's
// Normal.Survival computes 1 − erf and returns 0 beyond |z| ≈ 8.3. scipy.stats.norm.sf
// takes the same erfc route. Its relative error grows only with the conditioning of the
// tail itself (about z² times that of z).
func normalTwoSided(z float64) float64 {
	return floorP(math.Erfc(math.Abs(z) / math.Sqrt2))
}

// tTwoSided is the two-sided tail of Student's t on df degrees of freedom, the
// regularised incomplete beta I_x(df/2, 1/2) at x = df/(df + t²), computed directly
// (never as 1 − CDF) so that it keeps its relative precision far into the tail; gonum's
// StudentsT.Survival takes the same route, halved.
func tTwoSided(t, df float64) float64 {
	if t == 0 {
		return 1
	}
	return floorP(mathext.RegIncBeta(df/2, 0.5, df/(df+t*t)))
}

// chiSquareTail is the upper tail of the chi-square distribution on df degrees of
// freedom, the regularised upper incomplete gamma Q(df/2, x/2) (Cephes igamc, as gonum's
// ChiSquared.Survival and scipy.stats.chi2.sf), which is accurate in relative terms
// down to the underflow of the double range.
func chiSquareTail(x, df float64) float64 {
	if x <= 0 {
		return 1
	}
	return floorP(mathext.GammaIncRegComp(df/2, x/2))
}
