package measures

import (
	"fmt"
	"maps"
	"math"
	"slices"
	"sort"
	"strings"

	"github.com/moocreport/moocreport/report"
	"github.com/moocreport/moocreport/report/audit"
)

// The ledger is the one place that decides disclosure control for all
// published numbers together. Every count a step publishes is entered
// with its true value and its withheld mark; steps also enter the linear
// relations between counts that a reader can use (a total and its parts,
// ever registered = withdrew + still registered, linked = respondents +
// duplicates) and ties (a share and the count it is computed from). After
// all steps ran, check finds every withheld value that the published
// numbers pin or narrow and chooses further (secondary) values to
// withhold; Compute then runs the steps again with those forced, until
// nothing changes. So a value withheld anywhere is withheld everywhere it
// can be worked out from.
//
// The check is interval reasoning on each relation, not a full linear
// programme over all relations at once: it is what statistical offices'
// cell-suppression rules do for one table at a time, applied to every
// relation the report publishes, repeated to a fixed point.
type ledger struct {
	k     int
	facts map[string]fact
	rels  []relation
	ties  [][2]string
	// subsets maps a group to the counts of its subsets (within), whose
	// shown values bound it from below.
	subsets map[string][]string
	// kept are counts readers look for first (prefer): a secondary
	// withholding takes another member of a relation when it can.
	kept map[string]bool
	// trail, on a lane's ledger, records every call that adds to it, for
	// join to replay (lanes.go).
	trail *trail
}

// fact is one published number as the ledger knows it: its true value
// and how it is shown.
type fact struct {
	v float64
	w report.Withheld
}

// relation says total = Σ parts, all counts of learners (or responses);
// a subset relation only says each part is a subset of total's group.
type relation struct {
	what   string // where the relation is published, for the log
	total  string
	parts  []string
	subset bool
}

// forced is a value the ledger decided to withhold, with why.
type forced struct {
	w      report.Withheld
	reason string
}

// newLedger starts an empty ledger for minimum cell size k.
func newLedger(k int) *ledger {
	return &ledger{k: k, facts: map[string]fact{}, subsets: map[string][]string{}, kept: map[string]bool{}}
}

// enter records a number under id; a later entry keeps the strictest mark.
func (l *ledger) enter(id string, v float64, w report.Withheld) {
	if l.trail != nil {
		l.record(func(o *ledger) { o.enter(id, v, w) })
	}
	f, ok := l.facts[id]
	if ok && f.w != "" && w == "" {
		return
	}
	if ok && f.w == report.WithheldPrimary {
		w = f.w
	}
	l.facts[id] = fact{v, w}
}

// relate records total = Σ parts.
func (l *ledger) relate(what, total string, parts ...string) {
	if l.trail != nil {
		parts := slices.Clone(parts)
		l.record(func(o *ledger) { o.relate(what, total, parts...) })
	}
	l.rels = append(l.rels, relation{what: what, total: total, parts: parts})
}

// within records that each part counts a subset of total's group (passed
// learners of a track): when the group is under k, every part is
// withheld with it, zeros included.
func (l *ledger) within(total string, parts ...string) {
	if l.trail != nil {
		parts := slices.Clone(parts)
		l.record(func(o *ledger) { o.within(total, parts...) })
	}
	l.rels = append(l.rels, relation{total: total, parts: parts, subset: true})
	l.subsets[total] = append(l.subsets[total], parts...)
}

// prefer marks counts a reader looks for first (a survey's respondents,
// behind its response rate): complement withholds them only when no other
// member of the relation can be withheld instead.
func (l *ledger) prefer(ids ...string) {
	if l.trail != nil {
		ids := slices.Clone(ids)
		l.record(func(o *ledger) { o.prefer(ids...) })
	}
	for _, id := range ids {
		l.kept[id] = true
	}
}

// tie records that a and b pin each other (a share and its count).
func (l *ledger) tie(a, b string) {
	if l.trail != nil {
		l.record(func(o *ledger) { o.tie(a, b) })
	}
	l.ties = append(l.ties, [2]string{a, b})
}

// record keeps a call that adds to a lane's ledger for join to replay.
func (l *ledger) record(call func(*ledger)) {
	l.trail.ledger = append(l.trail.ledger, call)
}

// bounds is what a reader knows of a count: its value when shown; for a
// primary mark 0 to k−1 (at least 1 when the count is not zero, since
// zeros are only withheld with a group under k); for a secondary mark
// anything from 0. A withheld count is at least as large as any of its
// subsets (passed learners of a track bound the track from below).
func (l *ledger) bounds(id string) (lo, hi float64) {
	return l.boundsAt(id, 0)
}

// boundsAt is bounds at a depth of subset nesting: a withheld count's
// lower bound is raised by its subsets' lower bounds, followed up to eight
// levels down.
func (l *ledger) boundsAt(id string, depth int) (lo, hi float64) {
	f := l.facts[id]
	switch f.w {
	case "":
		return f.v, f.v
	case report.WithheldPrimary:
		lo, hi = math.Min(1, f.v), float64(l.k-1)
	default:
		lo, hi = 0, math.Inf(1)
	}
	if depth < 8 { // subsets nest a few levels (track ⊇ graded ⊇ passed)
		for _, s := range l.subsets[id] {
			if _, ok := l.facts[s]; ok {
				slo, _ := l.boundsAt(s, depth+1)
				lo = math.Max(lo, slo)
			}
		}
	}
	return lo, hi
}

// shownSubsets lists the shown, non-zero counts that bound id from below,
// through withheld subsets too.
func (l *ledger) shownSubsets(id string, depth int) []string {
	var out []string
	for _, s := range l.subsets[id] {
		f, ok := l.facts[s]
		switch {
		case !ok || depth > 8:
		case f.w == "" && f.v > 0:
			out = append(out, s)
		case f.w != "":
			out = append(out, l.shownSubsets(s, depth+1)...)
		}
	}
	return out
}

// need is how many possible values a withheld count must keep: as many as
// a "<k" mark leaves (1 … k−1), and at least two.
func (l *ledger) need() float64 { return math.Max(2, float64(l.k-1)) }

// exposed returns the withheld members of r that the relation's published
// members pin or narrow to fewer than need() values.
func (l *ledger) exposed(r relation) []string {
	ids := append([]string{r.total}, r.parts...)
	for _, id := range ids {
		if _, ok := l.facts[id]; !ok || r.subset {
			return nil // not published here, or no equation to solve
		}
	}
	coef := func(i int) float64 {
		if i == 0 {
			return -1
		}
		return 1
	}
	var out []string
	for i, id := range ids {
		f, ok := l.facts[id]
		if !ok || f.w == "" {
			continue
		}
		// coef_i·x_i = −Σ_{j≠i} coef_j·x_j
		lo, hi := 0.0, 0.0
		for j, o := range ids {
			if j == i {
				continue
			}
			olo, ohi := l.bounds(o)
			c := -coef(j) * coef(i) // coef(i) is ±1, its own inverse
			if c > 0 {
				lo, hi = lo+c*olo, hi+c*ohi
			} else {
				lo, hi = lo+c*ohi, hi+c*olo
			}
		}
		mlo, mhi := l.bounds(id)
		lo, hi = math.Max(lo, mlo), math.Min(hi, mhi)
		if hi-lo+1 < l.need() {
			out = append(out, id)
		}
	}
	return out
}

// check returns the values to withhold, beyond those already withheld, so
// that no relation pins or narrows a withheld value. It works on a copy of
// the facts, adding one withheld value at a time until none is exposed.
func (l *ledger) check() map[string]forced {
	out := map[string]forced{}
	degree := map[string]int{}
	for _, r := range l.rels {
		degree[r.total]++
		for _, p := range r.parts {
			degree[p]++
		}
	}
	// A tie withholds a second value with the first: it counts double.
	for _, t := range l.ties {
		degree[t[0]] += 2
		degree[t[1]] += 2
	}
	force := func(id string, w report.Withheld, reason string) {
		f := l.facts[id]
		f.w = w
		l.facts[id] = f
		out[id] = forced{w, reason}
	}
	for changed := true; changed; {
		changed = false
		for _, t := range l.ties {
			a, b := l.facts[t[0]], l.facts[t[1]]
			_, oka := l.facts[t[0]]
			_, okb := l.facts[t[1]]
			switch {
			case !oka || !okb:
			case a.w != "" && b.w == "":
				force(t[1], a.w, "withheld with "+t[0]+", which it would reveal")
				changed = true
			case b.w != "" && a.w == "":
				force(t[0], b.w, "withheld with "+t[1]+", which it would reveal")
				changed = true
			}
		}
		for _, r := range l.rels {
			if l.smallGroup(r, force) {
				changed = true
				continue
			}
			exp := l.exposed(r)
			if len(exp) == 0 {
				continue
			}
			if id := l.complement(r, degree); id != "" {
				force(id, report.WithheldSecondary, fmt.Sprintf("secondary: with it, %s cannot be worked out from %s", exp[0], r.what))
				changed = true
			}
		}
	}
	return out
}

// smallGroup withholds every part of a relation whose total is a group
// under k, or a primary withheld count (a zero about a small group),
// zeros included: a zero beside a small group says where all its members
// are. It reports whether it withheld anything.
func (l *ledger) smallGroup(r relation, force func(string, report.Withheld, string)) bool {
	t, ok := l.facts[r.total]
	small := t.v > 0 && t.v < float64(l.k)
	if !ok || !(small || t.w == report.WithheldPrimary) {
		return false
	}
	did := false
	for _, p := range r.parts {
		if f, ok := l.facts[p]; ok && f.w == "" {
			force(p, report.WithheldPrimary, fmt.Sprintf("primary: part of a group under %d (%s)", l.k, r.total))
			did = true
		}
	}
	if t.w == "" {
		force(r.total, report.WithheldPrimary, fmt.Sprintf("primary: n < %d", l.k))
		did = true
	}
	return did
}

// complement chooses the shown member of r to withhold: a non-zero one
// (or a shown subset bounding a withheld one), not one readers look for
// first (prefer) when another will do, in the fewest other relations (so
// the choice spreads least), then the smallest, then by id.
func (l *ledger) complement(r relation, degree map[string]int) string {
	var cands, zeros []string
	for _, id := range append([]string{r.total}, r.parts...) {
		f, ok := l.facts[id]
		switch {
		case ok && f.w == "" && f.v > 0:
			cands = append(cands, id)
		case ok && f.w == "":
			zeros = append(zeros, id)
		case ok:
			cands = append(cands, l.shownSubsets(id, 0)...)
		}
	}
	if len(cands) == 0 {
		cands = zeros // a zero hides as well as any count when nothing else is left
	}
	sort.Slice(cands, func(i, j int) bool {
		a, b := cands[i], cands[j]
		if l.kept[a] != l.kept[b] {
			return !l.kept[a]
		}
		if degree[a] != degree[b] {
			return degree[a] < degree[b]
		}
		if l.facts[a].v != l.facts[b].v {
			return l.facts[a].v < l.facts[b].v
		}
		return a < b
	})
	if len(cands) == 0 {
		return ""
	}
	return cands[0]
}

// audit runs the whole-report disclosure audit on what this run
// published: an error names every withheld count that all published
// numbers together pin, which the ledger's one-relation-at-a-time rules
// missed.
func (l *ledger) audit() error {
	ids := slices.Sorted(maps.Keys(l.facts))
	counts := make([]audit.Count, len(ids))
	for i, id := range ids {
		counts[i] = audit.Count{ID: id, Value: l.facts[id].v, Withheld: l.facts[id].w}
	}
	rels := make([]audit.Relation, len(l.rels))
	for i, r := range l.rels {
		rels[i] = audit.Relation{Where: r.what, Total: r.total, Parts: r.parts, Subset: r.subset}
	}
	ties := make([]audit.Tie, len(l.ties))
	for i, t := range l.ties {
		ties[i] = audit.Tie(t)
	}
	found, err := audit.Check(l.k, counts, rels, ties)
	if err != nil {
		return fmt.Errorf("disclosure audit: %w", err)
	}
	if len(found) > 0 {
		var msg []string
		for _, f := range found {
			msg = append(msg, f.String())
		}
		return fmt.Errorf("disclosure audit: withheld values can be worked out from the published ones:\n\t%s", strings.Join(msg, "\n\t"))
	}
	return nil
}

// withinTrack tells the ledger that a track's graded learners (grade
// report) are a subset of its learners (profile), where the data bear it
// out: the two exports can disagree on a learner's track, but where they
// agree a reader would rightly take one as bounding the other.
func (c *computer) withinTrack(course, track, id string) {
	n, graded := 0, 0
	for _, l := range c.byCourse[course] {
		if l.Mode == track {
			n++
		}
	}
	for _, g := range c.ds.Grades {
		if g.Course == course && g.Track == track {
			graded++
		}
	}
	if graded <= n {
		c.led.within(id, id+".graded")
	}
}
