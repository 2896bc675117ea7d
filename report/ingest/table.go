package ingest

import (
	"errors"
	"fmt"
	"io"
	"iter"
	"time"
)

// table is one table of an export being read, whatever it came as: an
// RFC 4180 CSV file (the edX exports, surveys, OULAD, result tables), a
// table of the edX research data package (a TSV file or a MySQL dump) or
// a Parquet result table. Columns are found by name, never by position,
// so a reordered or extended export still reads correctly; every reader
// goes through the rows with rows (or courseRows) and points at a bad
// value with fieldErr, which names file, line, column (where the source
// knows it) and field.
type table struct {
	file string
	// name is the LMS table of a research data package file ("" for a
	// file that holds one table), named in a missing column's error.
	name   string
	header []string
	cols   map[string]int // header name → first index
	// headerLine is the line of the header row (or CREATE TABLE); 0 if
	// the source has none.
	headerLine int
	src        rowSource
	// used are the columns readers asked for with need: the ones a dump
	// checks are UTF-8 and a Parquet file converts to text.
	used []int
	// otherTables counts the tuples of other tables in an SQL dump.
	otherTables int
}

// rowSource is where a table's rows come from.
type rowSource interface {
	// next returns the next row, one value per header column (NULL as
	// ""), valid until the next call; io.EOF at the end.
	next() ([]string, error)
	// pos is where field i of the row just read starts: its line, and
	// its byte column where the source tells it (0 otherwise).
	pos(i int) (line, col int)
	// null reports whether field i of the row just read is NULL.
	null(i int) bool
}

// setHeader takes names (copied) as the columns.
func (t *table) setHeader(names []string) {
	t.header = append([]string(nil), names...)
	t.cols = make(map[string]int, len(names))
	for i, name := range t.header {
		if _, ok := t.cols[name]; !ok {
			t.cols[name] = i
		}
	}
}

// need returns the indexes of required columns (0 for a missing one),
// with one error naming every missing one, so the user fixes the header
// in one go.
func (t *table) need(names ...string) ([]int, error) {
	idx := make([]int, len(names))
	var errs []error
	for i, name := range names {
		j, ok := t.cols[name]
		if !ok {
			errs = append(errs, t.missing(name))
			continue
		}
		idx[i] = j
		t.used = append(t.used, j)
	}
	return idx, errors.Join(errs...)
}

// column returns the index of a required column.
func (t *table) column(name string) (int, error) {
	i, err := t.need(name)
	return i[0], err
}

// missing is the error for a required column the header lacks.
func (t *table) missing(name string) error {
	err := ErrMissingColumn
	if t.name != "" {
		err = fmt.Errorf("%w of table %s", ErrMissingColumn, t.name)
	}
	return &ParseError{File: t.file, Line: t.headerLine, Field: columnField(name), Err: err}
}

// rows yields every row after the header, one value per column (valid
// until the next one); it ends at the end of the table or after yielding
// a read error. It is the one way ingest's readers go through the rows
// of a table.
func (t *table) rows() iter.Seq2[[]string, error] {
	return func(yield func([]string, error) bool) {
		for {
			rec, err := t.src.next()
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

// courseRows yields the rows whose column courseCol is courseID, counting
// every other row as skipped "other course"; it ends at the end of the
// table or after yielding a read error.
func (t *table) courseRows(courseID string, courseCol int, skips map[string]int) iter.Seq2[[]string, error] {
	return func(yield func([]string, error) bool) {
		for rec, err := range t.rows() {
			if err == nil && rec[courseCol] != courseID {
				skips["other course"]++
				continue
			}
			if !yield(rec, err) {
				return
			}
		}
	}
}

// fieldErr makes an error about column i of the row just read, where
// that field starts (a quoted field may span lines).
func (t *table) fieldErr(i int, err error) error {
	line, col := t.src.pos(i)
	return &ParseError{File: t.file, Line: line, Column: col, Field: columnField(t.header[i]), Err: err}
}

// line returns the line on which the row just read starts.
func (t *table) line() int { return t.lineOf(0) }

// lineOf returns the line on which field i of the row just read starts.
func (t *table) lineOf(i int) int {
	line, _ := t.src.pos(i)
	return line
}

// userID returns the edX user id in column i of rec, which must be a
// number: it is what every edX export links a learner by.
func (t *table) userID(rec []string, i int) (string, error) {
	if !t.src.null(i) && isDigits(rec[i]) {
		return rec[i], nil
	}
	got := fmt.Sprintf("%q", rec[i])
	if t.src.null(i) {
		got = "NULL"
	}
	return "", t.fieldErr(i, fmt.Errorf("want a numeric edX user id, got %s", got))
}

// datetime reads a MySQL DATETIME ("2014-06-27 16:02:38", fractional
// seconds and a T separator accepted) in column i as UTC, which is how
// edX stores them; NULL or nothing is the zero time.
func (t *table) datetime(rec []string, i int) (time.Time, error) {
	s := rec[i]
	if s == "" {
		return time.Time{}, nil
	}
	if len(s) > 10 && s[10] == 'T' {
		s = s[:10] + " " + s[11:]
	}
	v, err := time.Parse("2006-01-02 15:04:05.999999999", s)
	if err != nil {
		return time.Time{}, t.fieldErr(i, fmt.Errorf("want a date and time YYYY-MM-DD hh:mm:ss, got %q", rec[i]))
	}
	return v, nil
}
