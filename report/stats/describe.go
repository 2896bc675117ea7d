package stats

import (
	"fmt"
	"math"
	"slices"
)

// Summary describes one numeric variable in the terms a methods section reports.
// SD is the sample standard deviation (n − 1 denominator); Q1 and Q3 are the 25th and
// 75th percentiles by Quantile's definition (R type 7, numpy's default).
type Summary struct {
	N                int
	Mean, SD, Median float64
	Q1, Q3           float64
	Min, Max         float64
}

// Describe summarises x. It needs at least two values, because the SD of one value is
// undefined; for a single value it still fills every other field, sets SD to NaN and
// returns an error wrapping ErrTooFew, so a caller that shows the mean of a lone answer
// can do so knowingly.
func Describe(x []float64) (Summary, error) {
	if err := checkSample("Describe", x, 1); err != nil {
		return Summary{}, err
	}
	s := sorted(x)
	sum := Summary{
		N:      len(x),
		Mean:   mean(x),
		Median: quantileSorted(s, 0.5),
		Q1:     quantileSorted(s, 0.25),
		Q3:     quantileSorted(s, 0.75),
		Min:    s[0],
		Max:    s[len(s)-1],
		SD:     math.NaN(),
	}
	if len(x) < 2 {
		return sum, fmt.Errorf("%w: Describe: SD needs at least 2 values, got 1", ErrTooFew)
	}
	sum.SD = math.Sqrt(variance(x))
	return sum, nil
}

// Mean is the arithmetic mean of x.
func Mean(x []float64) (float64, error) {
	if err := checkSample("Mean", x, 1); err != nil {
		return 0, err
	}
	return mean(x), nil
}

// SD is the sample standard deviation of x, with the n − 1 denominator (R's sd,
// numpy's std(ddof=1)).
func SD(x []float64) (float64, error) {
	if err := checkSample("SD", x, 2); err != nil {
		return 0, err
	}
	return math.Sqrt(variance(x)), nil
}

// Median is the middle value of x, the mean of the two middle values when len(x) is even.
func Median(x []float64) (float64, error) {
	return Quantile(x, 0.5)
}

// Quantile is the p-th quantile of x by Hyndman and Fan's definition 7, the default of
// R's quantile and of numpy's quantile/percentile ("linear"): with the values sorted,
// h = (n − 1)p and the result interpolates linearly between the values at positions
// floor(h) and ceil(h) (0-based).
func Quantile(x []float64, p float64) (float64, error) {
	if err := checkSample("Quantile", x, 1); err != nil {
		return 0, err
	}
	if !(p >= 0 && p <= 1) {
		return 0, fmt.Errorf("%w: Quantile: p must be in [0, 1], got %v", ErrInvalid, p)
	}
	return quantileSorted(sorted(x), p), nil
}

// IQR is the interquartile range Q3 − Q1, with quartiles as in Quantile (R's IQR).
func IQR(x []float64) (float64, error) {
	if err := checkSample("IQR", x, 1); err != nil {
		return 0, err
	}
	s := sorted(x)
	return quantileSorted(s, 0.75) - quantileSorted(s, 0.25), nil
}

// quantileSorted is type-7 interpolation on already sorted values.
func quantileSorted(s []float64, p float64) float64 {
	h := float64(len(s)-1) * p
	lo := math.Floor(h)
	i := int(lo)
	if i+1 >= len(s) {
		return s[len(s)-1]
	}
	return s[i] + (h-lo)*(s[i+1]-s[i])
}

func sorted(x []float64) []float64 {
	s := slices.Clone(x)
	slices.Sort(s)
	return s
}

func mean(x []float64) float64 {
	var sum float64
	for _, v := range x {
		sum += v
	}
	return sum / float64(len(x))
}

// variance is the n − 1 sample variance, computed about the mean in two passes so that
// large offsets (timestamps, scores near 100) do not cancel.
func variance(x []float64) float64 {
	m := mean(x)
	var ss float64
	for _, v := range x {
		ss += (v - m) * (v - m)
	}
	return ss / float64(len(x)-1)
}

// checkSample guards a sample: at least min values, all finite.
func checkSample(fn string, x []float64, min int) error {
	if len(x) < min {
		return fmt.Errorf("%w: %s needs at least %d values, got %d", ErrTooFew, fn, min, len(x))
	}
	for i, v := range x {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return fmt.Errorf("%w: %s: value %d is %v", ErrInvalid, fn, i, v)
		}
	}
	return nil
}
