package stats_test

import (
	"errors"
	"math"
	"slices"
	"testing"

	"github.com/moocreport/moocreport/report/stats"
)

// pingouinLikert is pingouin's "cronbach_alpha" dataset (pingouin/datasets/
// cronbach_alpha.csv): 15 respondents (rows) answering items Q1–Q10 (columns).
var pingouinLikert = [][]float64{
	{3, 2, 4, 1, 4, 5, 1, 4, 3, 2},
	{5, 4, 6, 3, 5, 1, 2, 5, 5, 5},
	{7, 3, 5, 5, 6, 4, 3, 3, 6, 5},
	{2, 4, 3, 3, 2, 2, 2, 6, 6, 3},
	{6, 5, 6, 5, 4, 4, 4, 6, 7, 5},
	{1, 2, 3, 4, 2, 5, 2, 3, 5, 2},
	{4, 3, 5, 3, 5, 2, 1, 2, 4, 3},
	{2, 4, 4, 3, 7, 2, 2, 4, 6, 5},
	{6, 5, 5, 5, 1, 6, 5, 2, 3, 2},
	{5, 4, 6, 4, 3, 5, 3, 1, 7, 2},
	{4, 3, 5, 2, 5, 3, 2, 3, 4, 1},
	{4, 2, 3, 2, 5, 3, 4, 2, 3, 4},
	{5, 5, 6, 2, 3, 3, 2, 4, 4, 5},
	{6, 5, 5, 4, 2, 2, 1, 4, 6, 5},
	{4, 3, 5, 5, 3, 1, 3, 2, 3, 4},
}

// pearson is Pearson's r from its textbook definition, independent of gonum.
func pearson(x, y []float64) float64 {
	var mx, my float64
	for i := range x {
		mx += x[i]
		my += y[i]
	}
	mx /= float64(len(x))
	my /= float64(len(y))
	var sxy, sxx, syy float64
	for i := range x {
		sxy += (x[i] - mx) * (y[i] - my)
		sxx += (x[i] - mx) * (x[i] - mx)
		syy += (y[i] - my) * (y[i] - my)
	}
	return sxy / math.Sqrt(sxx*syy)
}

func without(items [][]float64, col int) [][]float64 {
	out := make([][]float64, len(items))
	for i, row := range items {
		out[i] = slices.Delete(slices.Clone(row), col, col+1)
	}
	return out
}

func TestCronbachAlphaPingouin(t *testing.T) {
	// pingouin docs, pingouin.cronbach_alpha(data=pg.read_dataset("cronbach_alpha"),
	// items="Items", scores="Scores", subject="Subj") → 0.5917188485995826
	// ("results have been tested against the R package psych").
	r, err := stats.CronbachAlpha(pingouinLikert)
	if err != nil {
		t.Fatal(err)
	}
	near(t, "Alpha", r.Alpha, 0.5917188485995826, relTight, false)
	if r.N != 15 || r.K != 10 || r.Dropped != 0 {
		t.Errorf("N, K, Dropped = %d, %d, %d, want 15, 10, 0", r.N, r.K, r.Dropped)
	}
	for j := range r.K {
		// Alpha if deleted is alpha recomputed on the other nine items.
		rest, err := stats.CronbachAlpha(without(pingouinLikert, j))
		if err != nil {
			t.Fatal(err)
		}
		near(t, "IfDeleted", r.IfDeleted[j], rest.Alpha, 1e-12, true)
		// The corrected item–total correlation is r(item, sum of the other items).
		item := make([]float64, len(pingouinLikert))
		others := make([]float64, len(pingouinLikert))
		for i, row := range pingouinLikert {
			item[i] = row[j]
			for c, v := range row {
				if c != j {
					others[i] += v
				}
			}
		}
		near(t, "ItemTotal", r.ItemTotal[j], pearson(item, others), 1e-12, true)
	}
}

func TestCronbachAlphaCompleteCases(t *testing.T) {
	withMissing := append(slices.Clone(pingouinLikert), []float64{1, 2, math.NaN(), 4, 5, 6, 7, 1, 2, 3})
	r, err := stats.CronbachAlpha(withMissing)
	if err != nil {
		t.Fatal(err)
	}
	near(t, "Alpha with a dropped respondent", r.Alpha, 0.5917188485995826, relTight, false)
	if r.N != 15 || r.Dropped != 1 {
		t.Errorf("N, Dropped = %d, %d, want 15, 1", r.N, r.Dropped)
	}
}

func TestCronbachAlphaClosedForms(t *testing.T) {
	// Two items that are identical up to a shift: variances v and v, total variance
	// 4v, so alpha = 2 (1 − 2v/4v) = 1; with two items alpha-if-deleted is undefined.
	r, err := stats.CronbachAlpha([][]float64{{1, 2}, {2, 3}, {3, 4}, {5, 6}})
	if err != nil {
		t.Fatal(err)
	}
	near(t, "Alpha of parallel items", r.Alpha, 1, 1e-12, true)
	if !math.IsNaN(r.IfDeleted[0]) || !math.IsNaN(r.IfDeleted[1]) {
		t.Errorf("IfDeleted = %v, want NaN for a two-item scale", r.IfDeleted)
	}
	near(t, "ItemTotal of parallel items", r.ItemTotal[0], 1, 1e-12, true)
	// Two items with opposite deviations (1,2,3 and 3,2,1 plus a constant total):
	// the total does not vary, so alpha is undefined.
	if _, err := stats.CronbachAlpha([][]float64{{1, 3}, {2, 2}, {3, 1}}); !errors.Is(err, stats.ErrNoVariance) {
		t.Errorf("constant total: error = %v, want ErrNoVariance", err)
	}
}

func TestCronbachAlphaGuardsInputs(t *testing.T) {
	tests := []struct {
		name  string
		items [][]float64
		want  error
	}{
		{"no respondents is too few", nil, stats.ErrTooFew},
		{"one item is too few", [][]float64{{1}, {2}}, stats.ErrTooFew},
		{"one complete respondent is too few", [][]float64{{1, 2}, {math.NaN(), 1}}, stats.ErrTooFew},
		{"ragged rows are invalid", [][]float64{{1, 2}, {1}}, stats.ErrInvalid},
		{"infinity is invalid", [][]float64{{1, 2}, {1, math.Inf(1)}}, stats.ErrInvalid},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := stats.CronbachAlpha(tc.items); !errors.Is(err, tc.want) {
				t.Errorf("error = %v, want %v", err, tc.want)
			}
		})
	}
}
