package stats

import (
	"fmt"
	"math"
	"slices"
)

// Holm adjusts p-values for multiple comparisons by Holm's step-down method, which
// controls the family-wise error rate like Bonferroni but rejects more: with the
// p-values sorted ascending, the i-th (1-based) of m becomes
// max over j ≤ i of min(1, (m − j + 1) p_(j)). The result is in input order, as R
// p.adjust(p, method = "holm") and statsmodels multipletests(p, method="holm").
//
// It needs at least one p-value, each in [0, 1].
func Holm(p []float64) ([]float64, error) {
	if len(p) == 0 {
		return nil, fmt.Errorf("%w: Holm needs at least one p-value", ErrTooFew)
	}
	for i, v := range p {
		if !(v >= 0 && v <= 1) {
			return nil, fmt.Errorf("%w: Holm: p-value %d is %v, want [0, 1]", ErrInvalid, i, v)
		}
	}
	order := make([]int, len(p))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int {
		switch {
		case p[a] < p[b]:
			return -1
		case p[a] > p[b]:
			return 1
		}
		return 0
	})
	adj := make([]float64, len(p))
	m := len(p)
	running := 0.0
	for rank, i := range order {
		running = math.Max(running, math.Min(1, float64(m-rank)*p[i]))
		adj[i] = running
	}
	return adj, nil
}
