package measures

import (
	"math"

	"github.com/moocreport/moocreport/report"
)

// crossTab is a table of counts: one row per category, one column per
// group (usually per course), with each column's share of its total.
type crossTab struct {
	id, title  string
	rowHeader  string
	rows       []string
	groups     []string // column group names (course names)
	groupKeys  []string // course keys, for measure ids
	counts     [][]int  // [group][row]
	definition string
	// definedIn, when set, names the paragraph of Methods and definitions
	// the table links to instead of printing definition, which its
	// measures still carry.
	definedIn  string
	measurePre string // measure id prefix, e.g. "gender": "<course>.gender.<row>"
	// denoms, when set, are the per-group denominators of the shares
	// instead of the column sums: for select-all questions, where one
	// respondent counts in several rows. Rows then do not partition the
	// total, so only primary suppression applies.
	denoms []int
	// total, when set, is the measure id suffix of each group's total
	// ("enrolled": "<course>.enrolled"), so the ledger relates the column
	// to the number published elsewhere.
	total string
}

// cellID is the ledger id of a cross table's cell: its measure id, or a
// table-local id when the table publishes no measures.
func (t *crossTab) cellID(g, r int) string {
	if t.measurePre != "" {
		return t.groupKeys[g] + "." + t.measurePre + "." + slug(t.rows[r])
	}
	return t.id + "/" + t.groupKeys[g] + "/" + slug(t.rows[r])
}

// totalID is the ledger id of a group's total.
func (t *crossTab) totalID(g int) string {
	if t.total != "" {
		return t.groupKeys[g] + "." + t.total
	}
	return t.id + "/" + t.groupKeys[g] + "/total"
}

// build turns a crossTab into a disclosure-controlled Table, a Figure of
// the shares, and one count and one share Measure per cell.
func (c *computer) build(t crossTab) (*report.Table, *report.Figure) {
	tab := &report.Table{ID: t.id, Title: t.title, Definition: t.definition}
	tab.Columns = []string{t.rowHeader}
	fig := &report.Figure{ID: t.id + "-chart", Kind: report.FigureBars, Title: t.title, Categories: t.rows, XLabel: t.rowHeader, YLabel: "Share of learners (%)"}
	kinds := make([][]report.Withheld, len(t.groups))
	totalKinds := make([]report.Withheld, len(t.groups))
	totals := make([]int, len(t.groups))
	for g, name := range t.groups {
		tab.Columns = append(tab.Columns, name+" n", name+" %")
		for _, n := range t.counts[g] {
			totals[g] += n
		}
		if t.denoms != nil {
			totals[g] = t.denoms[g]
		}
		kinds[g], totalKinds[g] = c.columnKinds(&t, g, totals[g])
	}
	for r, row := range t.rows {
		cells := []report.Cell{textCell(row)}
		for g := range t.groups {
			n := t.counts[g][r]
			pct := 0.0
			if totals[g] > 0 {
				pct = 100 * float64(n) / float64(totals[g])
			}
			if w := kinds[g][r]; w != "" {
				cells = append(cells, c.withheldCell(w), c.withheldCell(w))
			} else {
				cells = append(cells, numCell(formatInt(n), float64(n)), numCell(formatPct(pct), pct))
			}
			if t.measurePre != "" {
				id := t.groupKeys[g] + "." + t.measurePre + "." + slug(row)
				m := report.Measure{ID: id, Course: t.groupKeys[g], Label: t.title + ": " + row, Value: float64(n), N: totals[g], Unit: "learners", Definition: t.definition, Text: formatInt(n)}
				s := report.Measure{ID: id + ".share", Course: t.groupKeys[g], Label: t.title + ": " + row + " (share)", Value: pct, N: totals[g], Unit: "%", Definition: t.definition, Text: formatPct(pct)}
				if w := kinds[g][r]; w != "" {
					m.Value, m.Withheld, m.Text = 0, w, w.Mark(c.k)
					s.Value, s.Withheld, s.Text = 0, w, w.Mark(c.k)
				}
				if totalKinds[g] != "" { // the group's size is withheld too
					m.N, s.N = 0, 0
				}
				c.add(m)
				c.add(s)
			}
		}
		tab.Rows = append(tab.Rows, cells)
	}
	tab.Rows = append(tab.Rows, c.totalRow(&t, totals, totalKinds))
	fig.Series = shareSeries(t, kinds, totals)
	fig.Table = *figureTable(fig, c.lessThanK())
	fig.Alt = altBars(fig)
	fig.Caption = t.definition
	if t.definedIn != "" { // the definition is in Methods; the measures keep it
		tab.Definition, tab.DefinedIn = "", t.definedIn
		fig.Caption, fig.DefinedIn = "", t.definedIn
	}
	if len(t.groups) > maxWideGroups {
		tab, fig = long(tab, fig, t, c.lessThanK())
	}
	// The figure's data table holds the counts behind its shares as well,
	// so the table itself need not be shown beside it (Block.OnRequest).
	data := *tab
	data.ID, data.Title = fig.Table.ID, fig.Table.Title
	fig.Table = data
	return tab, fig
}

// totalRow is a cross table's last row: each group's total (or its
// respondents, when shares are of respondents), withheld when under k.
func (c *computer) totalRow(t *crossTab, totals []int, totalKinds []report.Withheld) []report.Cell {
	total := []report.Cell{textCell("Total")}
	if t.denoms != nil {
		total[0] = textCell("Respondents")
	}
	for g := range t.groups {
		pct := numCell(formatPct(100), 100)
		if t.denoms != nil {
			pct = textCell("–")
		}
		if w := totalKinds[g]; w != "" {
			// A total under k is itself disclosive (and is the group's
			// enrolment, which measures withhold too).
			total = append(total, c.withheldCell(w), c.withheldCell(w))
			continue
		}
		total = append(total, numCell(formatInt(totals[g]), float64(totals[g])), pct)
	}
	return total
}

// maxWideGroups is the most groups a cross table shows as column pairs;
// beyond it (the OULAD's 22 presentations) each group becomes a row, so
// tables fit a page and charts a screen.
const maxWideGroups = 3

// long turns a wide cross table (categories × group column pairs) into a
// long one (groups × categories, each cell "n (p %)"), and its figure into
// one bar group per group with a series per category. Suppression was
// decided on the wide table and carries over cell by cell.
func long(wide *report.Table, wfig *report.Figure, t crossTab, suppressed string) (*report.Table, *report.Figure) {
	tab := &report.Table{ID: wide.ID, Title: wide.Title, Definition: wide.Definition, DefinedIn: wide.DefinedIn, Note: wide.Note}
	tab.Columns = append([]string{"Course"}, t.rows...)
	tab.Columns = append(tab.Columns, wide.Rows[len(wide.Rows)-1][0].Text)
	for g, name := range t.groups {
		row := []report.Cell{textCell(name)}
		for r := range len(t.rows) + 1 { // the categories, then the total row
			n, pct := wide.Rows[r][1+2*g], wide.Rows[r][2+2*g]
			cell := n
			if n.Withheld == "" && pct.Withheld == "" && pct.Text != "–" && r < len(t.rows) {
				cell.Text = n.Text + " (" + pct.Text + ")"
			}
			row = append(row, cell)
		}
		tab.Rows = append(tab.Rows, row)
	}
	fig := *wfig
	fig.Categories = t.groups
	fig.XLabel = "Course"
	fig.Series = nil
	for r, cat := range t.rows {
		s := report.Series{Name: cat}
		for g := range t.groups {
			s.Values = append(s.Values, wfig.Series[g].Values[r])
			s.Withheld = append(s.Withheld, withheldAt(wfig.Series[g], r))
		}
		fig.Series = append(fig.Series, s)
	}
	fig.Table = *figureTable(&fig, suppressed)
	fig.Alt = altBars(&fig)
	return tab, &fig
}

// shareSeries is a cross table's figure data: one series per group, each
// category's share of the group's total, NaN where the cell is withheld.
func shareSeries(t crossTab, kinds [][]report.Withheld, totals []int) []report.Series {
	var out []report.Series
	for g, name := range t.groups {
		s := report.Series{Name: name}
		for r, n := range t.counts[g] {
			v := math.NaN()
			if kinds[g][r] == "" && totals[g] > 0 {
				v = 100 * float64(n) / float64(totals[g])
			}
			s.Values = append(s.Values, v)
			s.Withheld = append(s.Withheld, kinds[g][r])
		}
		out = append(out, s)
	}
	return out
}
