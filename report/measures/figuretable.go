package measures

import (
	"fmt"
	"math"
	"regexp"
	"slices"
	"strings"

	"github.com/moocreport/moocreport/report"
)

// axisUnit finds the unit an axis label ends with in brackets: "Share of
// enrolled learners (%)" → "%".
var axisUnit = regexp.MustCompile(`\(([^()]+)\)\s*$`)

// seriesHeadings heads a figure's data columns with the series names and
// the value axis's unit ("EAT101x (%)"), so its CSV, which holds bare
// numbers, still says what they are. "% of answers" is a unit itself.
func seriesHeadings(f *report.Figure) []string {
	unit := ""
	if m := axisUnit.FindStringSubmatch(f.YLabel); m != nil {
		unit = m[1]
	} else if strings.HasPrefix(f.YLabel, "%") {
		unit = "%"
	}
	names := seriesNames(f)
	if unit != "" {
		for i := range names {
			names[i] += " (" + unit + ")"
		}
	}
	return names
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

// trimFloat writes a whole number with thousands separators and any
// other to one decimal.
func trimFloat(v float64) string {
	if v == math.Trunc(v) && math.Abs(v) < 1e15 {
		return formatInt(int(v))
	}
	return fmt.Sprintf("%.1f", v)
}

// dataFromTable makes t, which holds the counts behind the shares a figure
// draws, the figure's data table (under the data table's id and title), so
// that the numbers are shown once: as the figure's data, with the table
// itself only on request (Block.OnRequest). The rows are copied, so cells
// added to the figure's data later (p-values) do not reach t.
func dataFromTable(fig *report.Figure, t *report.Table) {
	data := *t
	data.ID, data.Title = fig.Table.ID, fig.Table.Title
	data.Definition, data.DefinedIn = "", "" // the figure's caption links the definition
	data.Rows = make([][]report.Cell, len(t.Rows))
	for i, r := range t.Rows {
		data.Rows[i] = slices.Clone(r)
	}
	data.Columns = slices.Clone(t.Columns)
	fig.Table = data
}
