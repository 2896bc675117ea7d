package html

import (
	"bytes"
	"encoding/csv"
	"regexp"

	"github.com/moocreport/moocreport/report"
)

// tableCSV writes exactly the cells a table shows: the column headings,
// then each row's text, suppressed cells as their text ("<5"), never the
// value behind them. Records end in CRLF, as RFC 4180 and spreadsheets
// expect.
func tableCSV(t *report.Table) ([]byte, error) {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.UseCRLF = true
	if len(t.Columns) > 0 {
		rec := make([]string, len(t.Columns))
		for i, c := range t.Columns {
			rec[i] = csvField(c)
		}
		if err := w.Write(rec); err != nil {
			return nil, err
		}
	}
	for _, row := range t.Rows {
		rec := make([]string, len(row))
		for i, c := range row {
			rec[i] = csvField(c.Text)
		}
		if err := w.Write(rec); err != nil {
			return nil, err
		}
	}
	w.Flush()
	return buf.Bytes(), w.Error()
}

// plainNumber is a field a spreadsheet reads as a number and never as a
// formula: an optional sign, digits with optional thousands separators and
// decimals, an optional exponent and an optional percent sign.
var plainNumber = regexp.MustCompile(`^[-+]?(\d[\d,]*(\.\d+)?|\.\d+)([eE][-+]?\d+)?( ?%)?$`)

// csvField guards against CSV formula injection (OWASP): spreadsheets run a
// field starting with = + - @ tab or CR as a formula, so such a field gets
// a leading apostrophe, which spreadsheets show as text. Negative and
// signed numbers are left alone, so "-3.2" stays a number.
func csvField(s string) string {
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
