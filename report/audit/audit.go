// Package audit proves, after disclosure control, that no withheld count
// can be worked out from what a report publishes. It takes every count
// (shown or withheld, with its mark) and the linear relations between
// them that a reader can use — a total is the sum of its parts, a subset
// is no larger than its group — and, for each withheld count, finds the
// smallest and largest value it can take given all published numbers
// together, by linear programming (gonum's simplex). A withheld count
// whose range holds a single whole number is pinned: Check names it.
//
// It is independent of how measures chose what to withhold (report/measures'
// ledger reasons one relation at a time); this is the whole-report check.
// It knows nothing of tables, HTML or PDF.
package audit

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/moocreport/moocreport/report"
)

// Count is one published count: its true value (used only to check that
// the relations hold, never as knowledge of a withheld count) and how it
// is shown.
type Count struct {
	ID       string
	Value    float64
	Withheld report.Withheld
}

// Relation is Total = Σ Parts, or, with Subset, each part ≤ Total.
type Relation struct {
	Where  string
	Total  string
	Parts  []string
	Subset bool
}

// Tie is two published numbers that give each other away: a share
// (published at full precision) and the count it is of, given the base.
type Tie [2]string

// Finding is a withheld count the published numbers pin.
type Finding struct {
	ID     string
	Lo, Hi float64 // its feasible range
	By     string  // the published number that gives it away, for a tie
}

// String says which count can be worked out and to what.
func (f Finding) String() string {
	if f.By != "" {
		return fmt.Sprintf("%s can be worked out from %s, which is published", f.ID, f.By)
	}
	return fmt.Sprintf("%s can be worked out: it must be between %g and %g", f.ID, f.Lo, f.Hi)
}

// Check returns every withheld count that the published counts, the
// relations and the ties pin to one whole number, sorted by id. k is the
// minimum cell size: a primary mark says 0 … k−1. It returns an error
// when a relation does not hold for the true values, which is a bug in
// whoever stated it.
func Check(k int, counts []Count, rels []Relation, ties []Tie) ([]Finding, error) {
	byID := map[string]Count{}
	for _, c := range counts {
		byID[c.ID] = c
	}
	var out []Finding
	for _, t := range ties {
		a, oka := byID[t[0]]
		b, okb := byID[t[1]]
		switch {
		case !oka || !okb:
		case a.Withheld != "" && b.Withheld == "":
			out = append(out, Finding{ID: a.ID, Lo: a.Value, Hi: a.Value, By: b.ID})
		case b.Withheld != "" && a.Withheld == "":
			out = append(out, Finding{ID: b.ID, Lo: b.Value, Hi: b.Value, By: a.ID})
		}
	}
	var usable []Relation
	for _, r := range rels {
		if ok, err := holds(r, byID); err != nil {
			return nil, err
		} else if ok {
			usable = append(usable, r)
		}
	}
	for _, comp := range components(usable, byID) {
		f, err := checkComponent(k, comp, byID)
		if err != nil {
			return nil, err
		}
		out = append(out, f...)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, nil
}

// holds reports whether every member of r is published (else r is not
// usable and is skipped) and checks r on the true values.
func holds(r Relation, byID map[string]Count) (bool, error) {
	t, ok := byID[r.Total]
	if !ok {
		return false, nil
	}
	sum := 0.0
	for _, p := range r.Parts {
		c, ok := byID[p]
		if !ok {
			return false, nil
		}
		if r.Subset && c.Value > t.Value {
			return false, fmt.Errorf("audit: %s (%g) is not a subset of %s (%g)", p, c.Value, r.Total, t.Value)
		}
		sum += c.Value
	}
	if !r.Subset && math.Abs(sum-t.Value) > 1e-9 {
		return false, fmt.Errorf("audit: %s: %s = %g, but its parts %s add up to %g", r.Where, r.Total, t.Value, strings.Join(r.Parts, ", "), sum)
	}
	return true, nil
}

// component is a set of withheld counts linked by relations, with those
// relations: each is solved on its own.
type component struct {
	vars []string
	rels []Relation
}

// components groups the relations by the withheld counts they share.
func components(rels []Relation, byID map[string]Count) []component {
	parent := map[string]string{}
	var find func(string) string
	find = func(x string) string {
		if parent[x] != x {
			parent[x] = find(parent[x])
		}
		return parent[x]
	}
	withheld := func(r Relation) []string {
		var out []string
		for _, id := range append([]string{r.Total}, r.Parts...) {
			if byID[id].Withheld != "" {
				if _, ok := parent[id]; !ok {
					parent[id] = id
				}
				out = append(out, id)
			}
		}
		return out
	}
	for _, r := range rels {
		w := withheld(r)
		for _, id := range w[min(1, len(w)):] {
			parent[find(id)] = find(w[0])
		}
	}
	groups := map[string]*component{}
	var roots []string
	for _, r := range rels {
		w := withheld(r)
		if len(w) == 0 {
			continue
		}
		root := find(w[0])
		if groups[root] == nil {
			groups[root] = &component{}
			roots = append(roots, root)
		}
		groups[root].rels = append(groups[root].rels, r)
	}
	for id := range parent {
		root := find(id)
		groups[root].vars = append(groups[root].vars, id)
	}
	sort.Strings(roots)
	out := make([]component, 0, len(roots))
	for _, root := range roots {
		g := groups[root]
		sort.Strings(g.vars)
		out = append(out, *g)
	}
	return out
}
