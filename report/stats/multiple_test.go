package stats_test

import (
	"errors"
	"testing"

	"github.com/moocreport/moocreport/report/stats"
)

func TestHolm(t *testing.T) {
	tests := []struct {
		name string
		p    []float64
		want []float64
	}{
		// statsmodels stats/tests/test_multi.py, pval0 and res_multtest1 (R package
		// multtest, mt.rawp2adjp, column "Holm"), here in the original unsorted order
		// so that the adjusted values must come back in input order.
		{"R multtest reference in input order",
			[]float64{0.838541367553, 0.642193923795, 0.680845947633, 0.967833824309, 0.71626938238,
				0.177096952723, 5.23656777208e-005, 0.0202732688798, 0.00028140506198, 0.0149877310796},
			[]float64{1, 1, 1, 1, 1, 1, 5.2365677720800005e-04, 1.4191288215860001e-01,
				2.5326455578199999e-03, 1.1990184863680001e-01}},
		// statsmodels test_multi.py res_multtest3 (R multtest), raw p and Holm column:
		// the step-down maximum carries 0.25 across the last five.
		{"R multtest reference with a monotone carry",
			[]float64{0.001, 0.002, 0.003, 0.004, 0.005, 0.05, 0.06, 0.07, 0.08, 0.09},
			[]float64{0.01, 0.018, 0.024, 0.028, 0.03, 0.25, 0.25, 0.25, 0.25, 0.25}},
		{"one p-value is unchanged", []float64{0.03}, []float64{0.03}},
		{"tied p-values get the same adjustment", []float64{0.02, 0.01, 0.02}, []float64{0.04, 0.03, 0.04}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := stats.Holm(tc.p)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(tc.want) {
				t.Fatalf("len = %d, want %d", len(got), len(tc.want))
			}
			for i := range got {
				near(t, "adjusted p", got[i], tc.want[i], 1e-14, true)
			}
		})
	}
}

func TestHolmGuardsInputs(t *testing.T) {
	if _, err := stats.Holm(nil); !errors.Is(err, stats.ErrTooFew) {
		t.Errorf("no p-values: error = %v, want ErrTooFew", err)
	}
	if _, err := stats.Holm([]float64{0.2, 1.5}); !errors.Is(err, stats.ErrInvalid) {
		t.Errorf("p = 1.5: error = %v, want ErrInvalid", err)
	}
}
