package ingest

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"iter"

	"github.com/moocreport/moocreport/report/study"
)

// table reads an RFC 4180 export strictly: every row must have as many
// fields as the header, and columns are found by name, never by position,
// so a reordered or extended export still reads correctly.
type table struct {
	file string
	r    *csv.Reader
	colIndex
}

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// newTable wraps r, dropping a UTF-8 byte-order mark (Qualtrics and Excel
// write one; before a quoted field it would otherwise be a syntax error),
// with comma as the delimiter. A csvGuard underneath refuses a field or
// record longer than lim, and bytes that are not UTF-8, before
// encoding/csv buffers them.
func newTable(r io.Reader, file string, lim study.Limits, comma rune) *table {
	br := bufio.NewReaderSize(r, 64<<10)
	if b, err := br.Peek(len(utf8BOM)); err == nil && bytes.Equal(b, utf8BOM) {
		br.Discard(len(utf8BOM))
	}
	cr := csv.NewReader(newCSVGuard(br, file, lim, comma))
	cr.Comma = comma
	cr.ReuseRecord = true
	return &table{file: file, r: cr}
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
	t.setHeader(rec)
	return nil
}

// columns returns the indexes of required columns, naming every missing
// one at once so the user fixes the header in one go.
func (t *table) columns(names ...string) ([]int, error) {
	return t.find(names, t.missing)
}

// userID returns the edX user id in column i of rec, which must be a
// number: it is what every edX export links a learner by.
func (t *table) userID(rec []string, i int) (string, error) {
	if !isDigits(rec[i]) {
		return "", t.fieldErr(i, errUserID(fmt.Sprintf("%q", rec[i])))
	}
	return rec[i], nil
}

// column returns the index of a required column.
func (t *table) column(name string) (int, error) {
	i, ok := t.cols[name]
	if !ok {
		return 0, t.missing(name)
	}
	return i, nil
}

// missing is the error for a required column the header lacks.
func (t *table) missing(name string) error {
	return &ParseError{File: t.file, Line: 1, Field: columnField(name), Err: ErrMissingColumn}
}

// rows yields every row after the header (valid until the next one); it
// ends at the end of the file or after yielding a read error. It is the
// one way ingest's readers go through the rows of a table (rdpTable.rows
// is its twin for the research data package's tables).
func (t *table) rows() iter.Seq2[[]string, error] {
	return func(yield func([]string, error) bool) {
		for {
			rec, err := t.read()
			if err == io.EOF {
				return
			}
			if err != nil {
				yield(nil, err)
				return
			}
			if !yield(rec, nil) {
				return
			}
		}
	}
}

// read returns the next row (valid until the next call), io.EOF at the end,
// or a *ParseError naming the line.
func (t *table) read() ([]string, error) {
	rec, err := t.r.Read()
	if err == nil || err == io.EOF {
		return rec, err
	}
	var guard *ParseError // the csvGuard's: a limit or an encoding error
	if errors.As(err, &guard) {
		return nil, guard
	}
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		if errors.Is(pe.Err, csv.ErrFieldCount) {
			return nil, &ParseError{File: t.file, Line: pe.StartLine,
				Err: fmt.Errorf("%w: want %d, got %d", csv.ErrFieldCount, len(t.header), len(rec))}
		}
		return nil, &ParseError{File: t.file, Line: pe.Line, Err: fmt.Errorf("byte %d: %w", pe.Column, pe.Err)}
	}
	return nil, &ParseError{File: t.file, Err: err}
}

// fieldErr makes an error about column i of the row just read, on the line
// where that field starts (a quoted field may span lines).
func (t *table) fieldErr(i int, err error) error {
	line, _ := t.r.FieldPos(i)
	return &ParseError{File: t.file, Line: line, Field: columnField(t.header[i]), Err: err}
}

// line returns the line on which the row just read starts.
func (t *table) line() int {
	line, _ := t.r.FieldPos(0)
	return line
}
