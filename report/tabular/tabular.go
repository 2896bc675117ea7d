// Package tabular writes a report.Table in the plain formats other tools
// read: CSV for spreadsheets and statistics packages, and LaTeX booktabs
// for authors who put a table into a paper.
//
// Every renderer that publishes a table's data (the site's data/<id>.csv,
// the PDF's attachments, the paper appendix) goes through this package, so
// the same table gives the same bytes wherever it is downloaded from. Like
// the renderers it computes nothing. The CSV holds the numbers behind the
// cells, for programs; the LaTeX the text the report shows, for readers.
// A withheld cell is never its value behind it: in the CSV it is empty and
// named in a status column, in LaTeX it is its text ("<5").
package tabular

import (
	"bytes"
	"encoding/csv"
	"math"
	"regexp"
	"strconv"
	"strings"

	"github.com/moocreport/moocreport/report"
)

// CSV writes the column headings, then each row, for programs (R,
// pandas, a spreadsheet) to read:
//
//   - a cell with a number is that number at full precision, with no
//     thousands separator or unit ("1344", "46.666666666666664",
//     "8.2e-73"); the unit is in the column heading or row label ("EAT101x
//     %", "Pass rate (% of graded)"), and a percentage stays in percent;
//   - a withheld cell is empty, and a last column "Withheld", present when
//     any cell of the table is withheld, names each withheld cell of the
//     row and its kind ("EAT101x n: primary; EAT101x %: primary");
//   - a cell without a number that shows "–" or "n/a" (not applicable, not
//     available) is empty;
//   - any other cell is its text.
//
// Records end in CRLF, as RFC 4180 and spreadsheets expect, and every
// field is guarded against formula injection (see Field).
func CSV(t *report.Table) []byte {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.UseCRLF = true
	status := hasWithheld(t)
	// csv.Writer fails only on an invalid delimiter or a failing writer;
	// neither can happen with the default comma and a bytes.Buffer.
	if len(t.Columns) > 0 {
		rec := make([]string, 0, len(t.Columns)+1)
		for _, c := range t.Columns {
			rec = append(rec, Field(c))
		}
		if status {
			rec = append(rec, StatusColumn)
		}
		_ = w.Write(rec)
	}
	for _, row := range t.Rows {
		rec := make([]string, 0, len(row)+1)
		var withheld []string
		for i, c := range row {
			if kind := withheldKind(c); kind != "" {
				rec = append(rec, "")
				withheld = append(withheld, columnName(t, i)+": "+kind)
				continue
			}
			rec = append(rec, Field(csvValue(c)))
		}
		if status {
			for len(rec) < Width(t) {
				rec = append(rec, "")
			}
			rec = append(rec, Field(strings.Join(withheld, "; ")))
		}
		_ = w.Write(rec)
	}
	w.Flush()
	return buf.Bytes()
}

// StatusColumn heads the CSV column that names a row's withheld cells.
const StatusColumn = "Withheld"

// withheldKind says whether disclosure control withheld c, and how:
// "primary" (a count under the minimum cell size, or computed from one),
// "secondary" (withheld to protect another cell), or "" when it is shown.
// Every writer here asks this one function.
func withheldKind(c report.Cell) string {
	return string(c.Withheld)
}

func hasWithheld(t *report.Table) bool {
	for _, row := range t.Rows {
		for _, c := range row {
			if withheldKind(c) != "" {
				return true
			}
		}
	}
	return false
}

// columnName names column i for the status column: its heading, or its
// number when the row is wider than the headings.
func columnName(t *report.Table, i int) string {
	if i < len(t.Columns) && t.Columns[i] != "" {
		return t.Columns[i]
	}
	return "column " + strconv.Itoa(i+1)
}

// csvValue is what a shown cell holds for a program: its number, nothing
// for "not applicable", else its text.
func csvValue(c report.Cell) string {
	if c.Value != nil {
		return Number(*c.Value)
	}
	switch strings.TrimSpace(c.Text) {
	case "–", "n/a":
		return ""
	}
	return c.Text
}

// Number writes v as R, pandas and spreadsheets read it back exactly: a
// whole number without a fraction or exponent ("1344"), other numbers in
// the shortest form that round-trips ("46.666666666666664"), with an
// exponent only when very small or large ("8.2e-73"). NaN and infinities,
// which no table should hold, are empty.
func Number(v float64) string {
	a := math.Abs(v)
	switch {
	case math.IsNaN(v) || math.IsInf(v, 0):
		return ""
	case v == 0:
		return "0"
	case v == math.Trunc(v) && a < 1e15:
		return strconv.FormatFloat(v, 'f', 0, 64)
	case a >= 1e-4 && a < 1e15:
		return strconv.FormatFloat(v, 'f', -1, 64)
	}
	return strconv.FormatFloat(v, 'g', -1, 64)
}

// plainNumber is a field a spreadsheet reads as a number and never as a
// formula: an optional sign, digits with optional thousands separators and
// decimals, an optional exponent and an optional percent sign.
var plainNumber = regexp.MustCompile(`^[-+]?(\d[\d,]*(\.\d+)?|\.\d+)([eE][-+]?\d+)?( ?%)?$`)

// Field guards against CSV formula injection (OWASP): spreadsheets run a
// field starting with = + - @ tab or CR as a formula, so such a field gets
// a leading apostrophe, which spreadsheets show as text. Negative and
// signed numbers are left alone, so "-3.2" stays a number.
func Field(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		if !plainNumber.MatchString(s) {
			return "'" + s
		}
	}
	return s
}
