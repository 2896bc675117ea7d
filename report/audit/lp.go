package audit

import (
	"errors"
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/optimize/convex/lp"

	"github.com/moocreport/moocreport/report"
)

// row is one linear constraint Σ coef·x (+ slack·s) = rhs over the
// component's withheld counts; slack is 0 for an equation, +1 for ≤ and
// −1 for ≥.
type row struct {
	coef  []float64
	rhs   float64
	slack float64
}

// checkComponent finds each withheld count's range within one component.
func checkComponent(k int, c component, byID map[string]Count) ([]Finding, error) {
	idx := map[string]int{}
	for i, v := range c.vars {
		idx[v] = i
	}
	n := len(c.vars)
	eqs, ineqs := constraints(k, c, byID, idx)
	eqs, err := independent(eqs)
	if err != nil {
		return nil, fmt.Errorf("audit: the relations of %s contradict each other: %w", c.vars[0], err)
	}
	if len(eqs) == 0 {
		return nil, nil // no equation: nothing can be worked out exactly
	}
	rows := append(eqs, ineqs...)
	cols := n + len(ineqs)
	a := mat.NewDense(len(rows), cols, nil)
	b := make([]float64, len(rows))
	for r, rw := range rows {
		for j, x := range rw.coef {
			a.Set(r, j, x)
		}
		if r >= len(eqs) {
			a.Set(r, n+r-len(eqs), rw.slack)
		}
		b[r] = rw.rhs
	}
	var out []Finding
	for i, id := range c.vars {
		obj := make([]float64, cols)
		obj[i] = 1
		lo, _, err := lp.Simplex(obj, a, b, 1e-10, nil)
		if err != nil {
			return nil, fmt.Errorf("audit: the lowest value of %s: %w", id, err)
		}
		obj[i] = -1
		hi, _, err := lp.Simplex(obj, a, b, 1e-10, nil)
		switch {
		case errors.Is(err, lp.ErrUnbounded):
			hi = math.Inf(1)
		case err != nil:
			return nil, fmt.Errorf("audit: the highest value of %s: %w", id, err)
		default:
			hi = -hi
		}
		const eps = 1e-7
		if math.Floor(hi+eps)-math.Ceil(lo-eps) < 1 {
			out = append(out, Finding{ID: id, Lo: round(lo), Hi: round(hi)})
		}
	}
	return out, nil
}

func round(x float64) float64 { return math.Round(x*1e6) / 1e6 }

// constraints states the component's relations and the withheld marks'
// bounds over its withheld counts, shown counts moved to the right.
func constraints(k int, c component, byID map[string]Count, idx map[string]int) (eqs, ineqs []row) {
	n := len(c.vars)
	for _, v := range c.vars {
		if byID[v].Withheld != report.WithheldPrimary {
			continue
		}
		r := row{coef: make([]float64, n), rhs: float64(k - 1), slack: 1}
		r.coef[idx[v]] = 1
		ineqs = append(ineqs, r)
		// Zeros are withheld only with a group under k, so a reader who
		// knows the rules knows any other "<k" is at least 1.
		if byID[v].Value > 0 {
			r := row{coef: make([]float64, n), rhs: 1, slack: -1}
			r.coef[idx[v]] = 1
			ineqs = append(ineqs, r)
		}
	}
	for _, rel := range c.rels {
		if rel.Subset {
			for _, p := range rel.Parts {
				if r, ok := subsetRow(p, rel.Total, byID, idx, n); ok {
					ineqs = append(ineqs, r)
				}
			}
			continue
		}
		r := row{coef: make([]float64, n)}
		term := func(id string, sign float64) {
			if i, ok := idx[id]; ok {
				r.coef[i] += sign
			} else {
				r.rhs -= sign * byID[id].Value
			}
		}
		term(rel.Total, -1)
		for _, p := range rel.Parts {
			term(p, 1)
		}
		eqs = append(eqs, r)
	}
	return eqs, ineqs
}

// subsetRow states part ≤ total when at least one of them is withheld.
func subsetRow(part, total string, byID map[string]Count, idx map[string]int, n int) (row, bool) {
	pi, pw := idx[part]
	ti, tw := idx[total]
	r := row{coef: make([]float64, n), slack: 1}
	switch {
	case pw && tw:
		r.coef[pi], r.coef[ti] = 1, -1
	case pw:
		r.coef[pi], r.rhs = 1, byID[total].Value
	case tw:
		r.coef[ti], r.rhs, r.slack = 1, byID[part].Value, -1
	default:
		return r, false
	}
	return r, true
}

// independent keeps a linearly independent subset of the equations (the
// simplex needs full row rank), by Gaussian elimination; an equation that
// reduces to 0 = c ≠ 0 means the relations contradict each other.
func independent(eqs []row) ([]row, error) {
	var kept, reduced []row
	for _, e := range eqs {
		r := row{coef: append([]float64(nil), e.coef...), rhs: e.rhs}
		for _, p := range reduced {
			piv := pivot(p.coef)
			if f := r.coef[piv]; f != 0 {
				for j := range r.coef {
					r.coef[j] -= f * p.coef[j]
				}
				r.rhs -= f * p.rhs
			}
		}
		piv := pivot(r.coef)
		if piv < 0 {
			if math.Abs(r.rhs) > 1e-6 {
				return nil, fmt.Errorf("0 = %g", r.rhs)
			}
			continue
		}
		f := r.coef[piv]
		for j := range r.coef {
			r.coef[j] /= f
		}
		r.rhs /= f
		reduced = append(reduced, r)
		kept = append(kept, e)
	}
	return kept, nil
}

// pivot is the index of the largest coefficient, -1 when all are ~0.
func pivot(coef []float64) int {
	best, at := 1e-9, -1
	for j, x := range coef {
		if math.Abs(x) > best {
			best, at = math.Abs(x), j
		}
	}
	return at
}
