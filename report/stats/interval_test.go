package stats_test

import (
	"errors"
	"math"
	"testing"

	"github.com/moocreport/moocreport/report/stats"
)

func TestMeanCI(t *testing.T) {
	tests := []struct {
		name   string
		x      []float64
		lo, hi float64
	}{
		// R: t.test(1:10)$conf.int → 3.334149 7.665851
		{"1 to 10", []float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, 3.334149, 7.665851},
		// R: t.test(sleep$extra[sleep$group == 1])$conf.int → -0.5297804 2.0297804
		{"sleep, drug 1", sleep1, -0.5297804, 2.0297804},
		// R: t.test(sleep$extra[sleep$group == 2])$conf.int → 0.8976775 3.7623225
		{"sleep, drug 2", sleep2, 0.8976775, 3.7623225},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			lo, hi, err := stats.MeanCI(tc.x, 0.95)
			if err != nil {
				t.Fatal(err)
			}
			if math.Abs(lo-tc.lo) > 5e-7 || math.Abs(hi-tc.hi) > 5e-7 {
				t.Errorf("MeanCI = [%.7f, %.7f], want R's [%.7f, %.7f]", lo, hi, tc.lo, tc.hi)
			}
		})
	}
	if _, _, err := stats.MeanCI([]float64{3}, 0.95); !errors.Is(err, stats.ErrTooFew) {
		t.Errorf("one value: err = %v, want ErrTooFew", err)
	}
	if _, _, err := stats.MeanCI([]float64{1, 2}, 1); err == nil {
		t.Errorf("level 1: no error")
	}
}
