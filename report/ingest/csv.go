package ingest

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"

	"github.com/moocreport/moocreport/report/study"
)

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// newTable reads r as an RFC 4180 table, strictly: every row must have as
// many fields as the header. A UTF-8 byte-order mark is dropped
// (Qualtrics and Excel write one; before a quoted field it would
// otherwise be a syntax error), and comma is the delimiter. A csvGuard
// underneath refuses a field or record longer than lim, and bytes that
// are not UTF-8, before encoding/csv buffers them. The header is read by
// readHeader.
func newTable(r io.Reader, file string, lim study.Limits, comma rune) *table {
	br := bufio.NewReaderSize(r, 64<<10)
	if b, err := br.Peek(len(utf8BOM)); err == nil && bytes.Equal(b, utf8BOM) {
		br.Discard(len(utf8BOM))
	}
	cr := csv.NewReader(newCSVGuard(br, file, lim, comma))
	cr.Comma = comma
	cr.ReuseRecord = true
	t := &table{file: file}
	t.src = &csvRows{t: t, r: cr}
	return t
}

// readHeader reads the first row as column names.
func (t *table) readHeader() error {
	rec, err := t.read()
	if err == io.EOF {
		return &ParseError{File: t.file, Err: errors.New("empty file: want a header row")}
	}
	if err != nil {
		return err
	}
	t.headerLine = t.line()
	t.setHeader(rec)
	return nil
}

// read returns the next row (valid until the next call), io.EOF at the
// end: for the rows a reader takes before the others (a Qualtrics
// export's second header row), which rows then goes on from.
func (t *table) read() ([]string, error) { return t.src.next() }

// csvRows are the rows of a CSV file, read by encoding/csv.
type csvRows struct {
	t *table // for the header's width
	r *csv.Reader
}

// next returns the next row, or a *ParseError naming the line.
func (c *csvRows) next() ([]string, error) {
	rec, err := c.r.Read()
	if err == nil || err == io.EOF {
		return rec, err
	}
	file := c.t.file
	var guard *ParseError // the csvGuard's: a limit or an encoding error
	if errors.As(err, &guard) {
		return nil, guard
	}
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		if errors.Is(pe.Err, csv.ErrFieldCount) {
			return nil, &ParseError{File: file, Line: pe.StartLine,
				Err: fmt.Errorf("%w: want %d, got %d", csv.ErrFieldCount, len(c.t.header), len(rec))}
		}
		return nil, &ParseError{File: file, Line: pe.Line, Err: fmt.Errorf("byte %d: %w", pe.Column, pe.Err)}
	}
	return nil, &ParseError{File: file, Err: err}
}

// pos is the line where field i starts; errors about a CSV value name its
// column by the header, so the byte column is left out.
func (c *csvRows) pos(i int) (line, col int) {
	line, _ = c.r.FieldPos(i)
	return line, 0
}

// null: CSV has no NULL, only empty fields.
func (c *csvRows) null(int) bool { return false }
