package measures

import (
	"fmt"
	"math"
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
	tab.Rows = append(tab.Rows, total)
	fig.Series = shareSeries(t, kinds, totals)
	fig.Table = *figureTable(fig, c.lessThanK())
	fig.Alt = altBars(fig)
	fig.Caption = t.definition
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

// maxWideGroups is the most groups a cross table shows as column pairs;
// beyond it (the OULAD's 22 presentations) each group becomes a row, so
// tables fit a page and charts a screen.
const maxWideGroups = 3

// long turns a wide cross table (categories × group column pairs) into a
// long one (groups × categories, each cell "n (p %)"), and its figure into
// one bar group per group with a series per category. Suppression was
// decided on the wide table and carries over cell by cell.
func long(wide *report.Table, wfig *report.Figure, t crossTab, suppressed string) (*report.Table, *report.Figure) {
	tab := &report.Table{ID: wide.ID, Title: wide.Title, Definition: wide.Definition, Note: wide.Note}
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

// figureTable is the data table of exactly the numbers a figure draws. A
// NaN shows its series' withheld mark, or "–" for missing data; series
// that do not say (Withheld nil) are all primary, shown as suppressed.
func figureTable(f *report.Figure, suppressed string) *report.Table {
	t := &report.Table{ID: f.ID + "-data", Title: f.Title}
	t.Columns = append([]string{f.XLabel}, seriesHeadings(f)...)
	for i, cat := range f.Categories {
		row := []report.Cell{textCell(cat)}
		for _, s := range f.Series {
			v := s.Values[i]
			switch {
			case math.IsNaN(v) && (s.Withheld == nil || withheldAt(s, i) == report.WithheldPrimary):
				row = append(row, report.Cell{Text: suppressed, Withheld: report.WithheldPrimary})
			case math.IsNaN(v) && withheldAt(s, i) == "":
				row = append(row, textCell("–"))
			case math.IsNaN(v):
				row = append(row, report.Cell{Text: report.SecondaryMark, Withheld: report.WithheldSecondary})
			default:
				row = append(row, numCell(trimFloat(v), v))
			}
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}

func seriesNames(f *report.Figure) []string {
	var names []string
	for _, s := range f.Series {
		names = append(names, s.Name)
	}
	return names
}

func trimFloat(v float64) string {
	if v == math.Trunc(v) && math.Abs(v) < 1e15 {
		return formatInt(int(v))
	}
	return fmt.Sprintf("%.1f", v)
}

// altBars describes a bar figure in words: the kind of chart, each
// series' largest category, and how many values were withheld.
func altBars(f *report.Figure) string {
	var parts []string
	for _, s := range f.Series {
		best := -1
		for i, v := range s.Values {
			if !math.IsNaN(v) && (best < 0 || v > s.Values[best]) {
				best = i
			}
		}
		if best < 0 {
			continue
		}
		where := ""
		if len(f.Series) > 1 {
			where = "in " + s.Name + ", "
		}
		parts = append(parts, fmt.Sprintf("%sthe largest group is %s (%s)", where, f.Categories[best], altValue(f, s.Values[best])))
	}
	kind := "Bar chart"
	if f.Kind == report.FigureHistogram {
		kind = "Histogram"
	}
	return fmt.Sprintf("%s of %s, %s by %s: %s.%s", kind, lowerFirst(f.Title), altMeasure(f), lowerFirst(f.XLabel), joinSentences(parts), withheldNote(f))
}

// altLines describes a line figure: where each series starts, peaks and
// ends, or that it only rose, and how many values were withheld.
func altLines(f *report.Figure) string {
	var parts []string
	x := lowerFirst(f.XLabel)
	for _, s := range f.Series {
		first, peak, last := -1, -1, -1
		for i, v := range s.Values {
			if math.IsNaN(v) {
				continue
			}
			if first < 0 {
				first = i
			}
			if peak < 0 || v > s.Values[peak] {
				peak = i
			}
			last = i
		}
		switch {
		case first < 0:
			continue
		case peak == last:
			parts = append(parts, fmt.Sprintf("%s rose from %s in %s %s to %s in %s %s", s.Name, altValue(f, s.Values[first]), x, f.Categories[first], altValue(f, s.Values[last]), x, f.Categories[last]))
		default:
			parts = append(parts, fmt.Sprintf("%s was %s in %s %s, peaked at %s in %s %s and was %s in %s %s", s.Name, altValue(f, s.Values[first]), x, f.Categories[first],
				altValue(f, s.Values[peak]), x, f.Categories[peak], altValue(f, s.Values[last]), x, f.Categories[last]))
		}
	}
	return fmt.Sprintf("Line chart of %s, %s by %s: %s.%s", lowerFirst(f.Title), altMeasure(f), x, joinSentences(parts), withheldNote(f))
}

// altMeasure names what the value axis shows, without nested brackets:
// "Share of learners (%)" becomes "share of learners in %".
func altMeasure(f *report.Figure) string {
	y := f.YLabel
	if u := unitWord(y); u != "" {
		y = strings.TrimSpace(y[:strings.Index(y, "(")]) + " in " + u
	}
	return lowerFirst(y)
}

// altValue formats a drawn value as the axis reads it: shares with one
// decimal and a per cent sign, counts as whole numbers.
func altValue(f *report.Figure, v float64) string {
	if unitWord(f.YLabel) == "%" {
		return formatPct(v)
	}
	return trimFloat(v)
}

// withheldNote says how many values a figure leaves out, so a screen
// reader user knows the picture is incomplete, as a sighted reader does.
func withheldNote(f *report.Figure) string {
	n := 0
	for _, s := range f.Series {
		for _, v := range s.Values {
			if math.IsNaN(v) {
				n++
			}
		}
	}
	switch n {
	case 0:
		return ""
	case 1:
		return " One value is withheld or missing."
	}
	return fmt.Sprintf(" %d values are withheld or missing.", n)
}

func unitWord(ylabel string) string {
	if i := strings.Index(ylabel, "("); i >= 0 {
		return strings.Trim(ylabel[i:], "()")
	}
	return ""
}

func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}

func joinSentences(parts []string) string {
	if len(parts) == 0 {
		return "no values could be shown"
	}
	return strings.Join(parts, "; ")
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
			f.Caption = strings.TrimSpace(f.Caption + " Withheld values are not drawn. In the figure's data, " + n)
		}
	}
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

// withheldOf is why a figure does not draw the value of m: its withheld
// kind, or "" (missing, shown as "–") when m is absent or does not apply.
func withheldOf(m *report.Measure, applies bool) report.Withheld {
	if m == nil || !applies {
		return ""
	}
	return m.Withheld
}
