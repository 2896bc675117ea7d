package measures

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/moocreport/moocreport/report"
)

// suppressColumn decides which counts of one table column to withhold so
// that no cell under k can be read or worked out from the column's
// published total. Primary: 0 < n < k. Secondary: the cells the ledger's
// rules add (see ledger.check): when one withheld cell could be recovered
// by subtraction, or several could be narrowed (two "<5" cells that must
// add up to 2), the shown cell that spreads least is withheld too. When
// the total itself is under k, every cell is withheld, zeros included: a
// zero beside a small group says where all its members are.
func suppressColumn(counts []int, k int) (hide []bool, secondary []bool) {
	hide = make([]bool, len(counts))
	secondary = make([]bool, len(counts))
	l := newLedger(k)
	total := 0
	ids := make([]string, len(counts))
	for i, n := range counts {
		total += n
		ids[i] = strconv.Itoa(i)
		w := report.Withheld("")
		if n > 0 && n < k {
			w = report.WithheldPrimary
		}
		l.enter(ids[i], float64(n), w)
	}
	l.enter("total", float64(total), "")
	l.relate("the column", "total", ids...)
	for id, f := range l.check() {
		if i, err := strconv.Atoi(id); err == nil {
			hide[i], secondary[i] = true, f.w == report.WithheldSecondary
		}
	}
	for i, n := range counts {
		hide[i] = hide[i] || (n > 0 && n < k)
	}
	return hide, secondary
}

// suppressPrimary withholds counts 0 < n < k, and every count when the
// denominator is under k. It is for tables whose rows overlap (select-all
// questions), where no row can be recovered from the total by subtraction.
func suppressPrimary(counts []int, denom, k int) (hide []bool, secondary []bool) {
	hide = make([]bool, len(counts))
	secondary = make([]bool, len(counts))
	for i, n := range counts {
		hide[i] = n > 0 && (n < k || denom < k)
	}
	return hide, secondary
}

// columnKinds decides the marks of group g's cells and total, with what
// earlier runs forced, and enters them and their relation in the ledger.
func (c *computer) columnKinds(t *crossTab, g int, total int) (kinds []report.Withheld, totalKind report.Withheld) {
	var hide, sec []bool
	if t.denoms != nil {
		hide, sec = suppressPrimary(t.counts[g], t.denoms[g], c.k)
	} else {
		hide, sec = suppressColumn(t.counts[g], c.k)
	}
	kinds = withheldKinds(hide, sec)
	ids := make([]string, len(kinds))
	for r := range kinds {
		ids[r] = t.cellID(g, r)
		reason := ""
		if f, ok := c.force[ids[r]]; ok && kinds[r] == "" {
			kinds[r], reason = f.w, f.reason
		}
		if kinds[r] != "" {
			c.logCell(t.id, slug(t.rows[r])+" / "+t.groups[g], kinds[r], reason)
		}
		c.led.enter(ids[r], float64(t.counts[g][r]), kinds[r])
	}
	if total > 0 && total < c.k {
		totalKind = report.WithheldPrimary
	} else if f, ok := c.force[t.totalID(g)]; ok {
		totalKind = f.w
	}
	c.led.enter(t.totalID(g), float64(total), totalKind)
	if t.denoms != nil {
		c.led.within(t.totalID(g), ids...)
	} else {
		c.led.relate(t.id, t.totalID(g), ids...)
	}
	return kinds, totalKind
}

// sortedKeys returns the keys of a count map ordered by count, descending,
// then by name, so tables are stable.
func sortedKeys(m map[string]int) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if m[keys[i]] != m[keys[j]] {
			return m[keys[i]] > m[keys[j]]
		}
		return keys[i] < keys[j]
	})
	return keys
}

// withheldKinds turns a column's hide and secondary flags into marks.
func withheldKinds(hide, secondary []bool) []report.Withheld {
	out := make([]report.Withheld, len(hide))
	for i, h := range hide {
		switch {
		case h && secondary[i]:
			out[i] = report.WithheldSecondary
		case h:
			out[i] = report.WithheldPrimary
		}
	}
	return out
}

// withheldAt is why value i of s is not drawn, "" when it is drawn or
// missing.
func withheldAt(s report.Series, i int) report.Withheld {
	if i < len(s.Withheld) {
		return s.Withheld[i]
	}
	return ""
}

// logCell records one withheld table cell in the disclosure log, with
// the ledger's reason when it has one.
func (c *computer) logCell(where, cell string, w report.Withheld, reason string) {
	switch {
	case reason != "":
	case w == report.WithheldSecondary:
		reason = "secondary: protects a primary cell from subtraction"
	default:
		reason = fmt.Sprintf("primary: n < %d", c.k)
	}
	c.res.Disclosure = append(c.res.Disclosure, Suppression{Where: where, Cell: cell, Reason: reason, Kind: w})
}

// explainMarks adds to a table's note, and to a figure's caption and data
// table's note, what each withheld mark it shows means, so no reader takes
// a secondary cell ("[c]", possibly large) for a small count.
func (c *computer) explainMarks(b report.Block) {
	note := func(t *report.Table) string {
		var p, s bool
		for _, row := range t.Rows {
			for _, cell := range row {
				p = p || cell.Withheld == report.WithheldPrimary
				s = s || cell.Withheld == report.WithheldSecondary
			}
		}
		n := report.MarksNote(c.k, p, s)
		if n != "" {
			t.Note = strings.TrimSpace(t.Note + " " + n)
		}
		return n
	}
	if b.Table != nil {
		note(b.Table)
	}
	if f := b.Figure; f != nil {
		if n := note(&f.Table); n != "" {
			f.Caption = strings.TrimSpace(f.Caption + " Withheld values are not drawn. " + n)
		}
	}
}

// withheldOf is why a figure does not draw the value of m: its withheld
// kind, or "" (missing, shown as "–") when m is absent or does not apply.
func withheldOf(m *report.Measure, applies bool) report.Withheld {
	if m == nil || !applies {
		return ""
	}
	return m.Withheld
}

// smallCourse reports whether a course has fewer than k learners: then
// every count about it is withheld, zeros too, since a zero beside a
// small group says where all its members are.
func (c *computer) smallCourse(course string) bool {
	n := len(c.byCourse[course])
	return n > 0 && n < c.k
}

// withhold marks m withheld for reason w and logs why. A count's N is the
// count itself: it goes too.
func (c *computer) withhold(m report.Measure, w report.Withheld, reason string) report.Measure {
	if (m.Unit == "learners" && float64(m.N) == m.Value) || m.N < c.k {
		m.N = 0
	}
	m.Value, m.Withheld, m.Text = 0, w, w.Mark(c.k)
	c.res.Disclosure = append(c.res.Disclosure, Suppression{Where: m.ID, Cell: "value", Reason: reason, Kind: w})
	return m
}

// suppressMeasure withholds m as primary, under k, and logs it.
func (c *computer) suppressMeasure(m report.Measure) report.Measure {
	m.Value = 0
	m.Withheld = report.WithheldPrimary
	m.Text = c.lessThanK()
	if m.N < c.k {
		m.N = 0
	}
	c.res.Disclosure = append(c.res.Disclosure, Suppression{Where: m.ID, Cell: "value", Reason: fmt.Sprintf("primary: n < %d", c.k), Kind: report.WithheldPrimary})
	return m
}

// lessThanK is the mark of a primary withheld value, "<k".
func (c *computer) lessThanK() string { return report.WithheldPrimary.Mark(c.k) }

// primaryCell is a table cell withheld as primary: "<k".
func (c *computer) primaryCell() report.Cell { return c.withheldCell(report.WithheldPrimary) }

// withheldCell is a table cell withheld for reason w, with its mark.
func (c *computer) withheldCell(w report.Withheld) report.Cell {
	return report.Cell{Text: w.Mark(c.k), Withheld: w}
}
