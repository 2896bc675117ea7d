// Package tabular writes a report.Table in the plain formats other tools
// read: CSV for spreadsheets and statistics packages, and LaTeX booktabs
// for authors who put a table into a paper.
//
// Every renderer that publishes a table's data (the site's data/<id>.csv,
// the PDF's attachments, the paper appendix) goes through this package, so
// the same table gives the same bytes wherever it is downloaded from. Like
// the renderers it writes exactly the cells a table shows and computes
// nothing: a suppressed cell is its text ("<5"), never the value behind it.
package tabular

import (
	"bytes"
	"encoding/csv"
	"regexp"

	"github.com/moocreport/moocreport/report"
)

// CSV writes the column headings, then each row's cell texts. Records end
// in CRLF, as RFC 4180 and spreadsheets expect, and every field is guarded
// against formula injection (see Field).
func CSV(t *report.Table) []byte {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.UseCRLF = true
	// csv.Writer fails only on an invalid delimiter or a failing writer;
	// neither can happen with the default comma and a bytes.Buffer.
	if len(t.Columns) > 0 {
		rec := make([]string, len(t.Columns))
		for i, c := range t.Columns {
			rec[i] = Field(c)
		}
		_ = w.Write(rec)
	}
	for _, row := range t.Rows {
		rec := make([]string, len(row))
		for i, c := range row {
			rec[i] = Field(c.Text)
		}
		_ = w.Write(rec)
	}
	w.Flush()
	return buf.Bytes()
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
