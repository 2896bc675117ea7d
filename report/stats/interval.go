package stats

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/stat/distuv"
)

// MeanCI is the confidence interval of the mean of x at level conf (0.95
// for 95 %) from Student's t distribution with n − 1 degrees of freedom:
// mean ± t(1 − (1 − conf)/2, n − 1) · SD/√n, as R's t.test(x)$conf.int.
// It needs at least two values.
func MeanCI(x []float64, conf float64) (lo, hi float64, err error) {
	if err := checkSample("MeanCI", x, 2); err != nil {
		return math.NaN(), math.NaN(), err
	}
	if !(conf > 0 && conf < 1) {
		return math.NaN(), math.NaN(), fmt.Errorf("stats: MeanCI: confidence level %v not in (0, 1)", conf)
	}
	n := float64(len(x))
	m := mean(x)
	sd := math.Sqrt(variance(x))
	t := distuv.StudentsT{Mu: 0, Sigma: 1, Nu: n - 1}.Quantile(1 - (1-conf)/2)
	half := t * sd / math.Sqrt(n)
	return m - half, m + half, nil
}
