package ingest

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"

	"github.com/moocreport/moocreport/internal/sqldump"

	"github.com/moocreport/moocreport/report"
	"github.com/moocreport/moocreport/report/study"
)

// sqlField is one value of a research data package table with where it
// starts, whether the table came as a TSV file or an SQL dump.
type sqlField = sqldump.Field

// The edX research data package delivers each LMS table of a course as a
// tab-separated file (named …-auth_userprofile-prod-analytics.sql despite
// its content): a header row of column names, one row per line, NULL for
// a missing value and MySQL's backslash escapes (\t \n \\) inside values.
// Teams that run Open edX themselves have mysqldump files of the same
// tables instead. openRDPTable reads either, told apart by content, and gives
// the rows of one table with their columns found by name.

// dumpRows are the rows of one LMS table of a research data package
// file, TSV or SQL dump alike, in header order.
type dumpRows struct {
	t *table
	// fields returns the next row (len(header) fields) or io.EOF.
	fields func() ([]sqlField, error)
	row    []sqlField
	vals   []string
}

func (d *dumpRows) next() ([]string, error) {
	row, err := d.fields()
	if err != nil {
		return nil, err
	}
	if err := d.checkUTF8(row); err != nil {
		return nil, err
	}
	d.row = row
	d.vals = d.vals[:0]
	for _, f := range row {
		d.vals = append(d.vals, f.S)
	}
	return d.vals, nil
}

func (d *dumpRows) pos(i int) (line, col int) { return d.row[i].Line, d.row[i].Col }

func (d *dumpRows) null(i int) bool { return d.row[i].Null }

// sqlKeywords start the statements of a dump; a TSV header starts with a
// column name, followed by a tab.
var sqlKeywords = map[string]bool{"CREATE": true, "INSERT": true, "DROP": true, "SET": true, "LOCK": true,
	"UNLOCK": true, "USE": true, "REPLACE": true, "ALTER": true, "START": true, "BEGIN": true, "COMMIT": true}

// isSQLDump tells a MySQL dump from a TSV dump by its first token: a
// comment (-- /* #) or an SQL keyword not followed by a tab.
func isSQLDump(head []byte) bool {
	head = bytes.TrimLeft(head, " \t\r\n\ufeff")
	head = bytes.TrimPrefix(head, utf8BOM)
	if bytes.HasPrefix(head, []byte("--")) || bytes.HasPrefix(head, []byte("/*")) || bytes.HasPrefix(head, []byte("#")) {
		return true
	}
	i := 0
	for i < len(head) && (head[i] >= 'A' && head[i] <= 'Z' || head[i] >= 'a' && head[i] <= 'z' || head[i] == '_') {
		i++
	}
	if !sqlKeywords[strings.ToUpper(string(head[:i]))] {
		return false
	}
	return i == len(head) || head[i] != '\t' && head[i] != '\n' && head[i] != '\r'
}

// openRDPTable starts reading the LMS table name from r, a TSV or SQL
// dump.
func openRDPTable(r io.Reader, file, name string, lim study.Limits) (*table, error) {
	lim = lim.Or()
	br := bufio.NewReaderSize(r, 64<<10)
	head, err := br.Peek(512)
	if err != nil && err != io.EOF && !errors.Is(err, bufio.ErrBufferFull) {
		return nil, &ParseError{File: file, Err: err}
	}
	open := openTSVTable
	if isSQLDump(head) {
		open = openSQLTable
	}
	t := &table{file: file, name: name}
	fields, err := open(br, t, lim)
	if err != nil {
		return nil, err
	}
	t.src = &dumpRows{t: t, fields: fields}
	return t, nil
}

// checkUTF8 refuses a row whose used columns (those a reader asked for
// with need) hold bytes that are not UTF-8: copied into the report they
// would make its HTML and CSV invalid. Columns no reader uses (a
// profile's mailing address or goals) are not checked, so an old
// Latin-1 row there does not stop the build.
func (d *dumpRows) checkUTF8(row []sqlField) error {
	t := d.t
	for _, i := range t.used {
		if i >= len(row) {
			continue
		}
		if j := firstInvalidUTF8(row[i].S); j >= 0 {
			f := row[i]
			return &ParseError{File: t.file, Line: f.Line, Column: f.Col, Field: columnField(t.header[i]),
				Err: fmt.Errorf("%w: byte 0x%02X, %d bytes into the value, does not start a UTF-8 character (save the file as UTF-8)", ErrNotUTF8, f.S[j], j)}
		}
	}
	return nil
}

// openTSVTable reads the header row of a research data package file
// into t and returns the function that reads its rows.
func openTSVTable(br *bufio.Reader, t *table, lim study.Limits) (func() ([]sqlField, error), error) {
	if b, err := br.Peek(len(utf8BOM)); err == nil && bytes.Equal(b, utf8BOM) {
		br.Discard(len(utf8BOM))
	}
	file := t.file
	line := 0
	var long []byte
	readLine := func() (string, bool, error) {
		for {
			s, err := readBoundedLine(br, &long, int(lim.MaxLine))
			if err == errLineTooLong {
				return "", false, tooLong(file, line+1, 0, "line", "max_line", lim.MaxLine)
			}
			if err != nil && err != io.EOF {
				return "", false, &ParseError{File: file, Line: line + 1, Err: err}
			}
			if s == "" && err == io.EOF {
				return "", false, nil
			}
			line++
			s = strings.TrimSuffix(strings.TrimSuffix(s, "\n"), "\r")
			if s == "" {
				continue // a blank line holds no row
			}
			return s, true, nil
		}
	}
	h, ok, err := readLine()
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, &ParseError{File: file, Err: errors.New("empty file: want a header row of column names")}
	}
	t.headerLine = line
	if int64(strings.Count(h, "\t")) >= maxFields(lim) {
		return nil, tooMany(file, line, "header", "columns", lim)
	}
	t.setHeader(strings.Split(h, "\t"))
	return func() ([]sqlField, error) {
		s, ok, err := readLine()
		if err != nil {
			return nil, err
		}
		if !ok {
			return nil, io.EOF
		}
		if n := strings.Count(s, "\t") + 1; n != len(t.header) { // counted before splitting: a line of tabs stays cheap
			return nil, &ParseError{File: file, Line: line, Err: fmt.Errorf("row has %d tab-separated fields, want %d as the header", n, len(t.header))}
		}
		parts := strings.Split(s, "\t")
		out := make([]sqlField, len(parts))
		col := 1
		for i, p := range parts {
			if len(p) > int(lim.MaxField) {
				return nil, tooLong(file, line, col, "value", "max_field", lim.MaxField)
			}
			out[i] = sqlField{Line: line, Col: col}
			col += len(p) + 1
			if p == "NULL" || p == `\N` {
				out[i].Null = true
				continue
			}
			out[i].S = unescapeTSV(p)
		}
		return out, nil
	}, nil
}

// unescapeTSV undoes MySQL's batch-output escapes: \t \n \r \0 \\, and \x
// as x for any other x.
func unescapeTSV(s string) string {
	if strings.IndexByte(s, '\\') < 0 {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '\\' || i+1 == len(s) {
			b.WriteByte(c)
			continue
		}
		i++
		switch s[i] {
		case 't':
			b.WriteByte('\t')
		case 'n':
			b.WriteByte('\n')
		case 'r':
			b.WriteByte('\r')
		case '0':
			b.WriteByte(0)
		default:
			b.WriteByte(s[i])
		}
	}
	return b.String()
}

// dumpLimit words a dump value or row over the study's limits as every
// reader words one: which setting of study.yaml to raise.
func dumpLimit(err error, lim study.Limits) error {
	var ie *ParseError
	var tl *sqldump.TooLongError
	if !errors.As(err, &ie) || !errors.As(err, &tl) {
		return err
	}
	switch tl.What {
	case "value":
		return tooLong(ie.File, ie.Line, ie.Column, "value", "max_field", lim.MaxField)
	case "row":
		return tooLong(ie.File, ie.Line, ie.Column, "row", "max_record", lim.MaxRecord)
	}
	return tooMany(ie.File, ie.Line, "row", "values", lim)
}

// openSQLTable reads a MySQL dump up to the first row of table t.name,
// whose columns become t's header: CREATE TABLE's when the dump has one,
// else the first INSERT's column list. It returns the function that
// reads the rows.
func openSQLTable(br *bufio.Reader, t *table, lim study.Limits) (func() ([]sqlField, error), error) {
	file, table := t.file, t.name
	d := sqldump.NewReader(br, file, sqldump.Limits{MaxValue: int64(lim.MaxField), MaxRow: int64(lim.MaxRecord), MaxValues: maxFields(lim)})
	next := func() (string, []string, []sqlField, error) {
		name, cols, vals, err := d.Next()
		return name, cols, vals, dumpLimit(err, lim)
	}
	var pending []sqlField
	var seen []string
	for {
		name, cols, vals, err := next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		if name != table {
			t.otherTables++
			if !slices.Contains(seen, name) {
				seen = append(seen, name)
			}
			continue
		}
		if h, ok := d.Columns(table); ok {
			t.setHeader(h)
		} else {
			t.setHeader(cols)
		}
		if pending, err = t.reorder(cols, vals); err != nil {
			return nil, err
		}
		break
	}
	if t.header == nil {
		h, ok := d.Columns(table)
		if !ok {
			for _, name := range d.Tables() {
				if !slices.Contains(seen, name) {
					seen = append(seen, name)
				}
			}
			sort.Strings(seen)
			return nil, &ParseError{File: file, Err: fmt.Errorf("no table `%s` in this SQL dump (it has: %s)", table, strings.Join(seen, ", "))}
		}
		t.setHeader(h) // the table is there, and empty
	}
	done := pending == nil
	return func() ([]sqlField, error) {
		if pending != nil {
			p := pending
			pending = nil
			return p, nil
		}
		if done {
			return nil, io.EOF
		}
		for {
			name, cols, vals, err := next()
			if err == io.EOF {
				done = true
			}
			if err != nil {
				return nil, err
			}
			if name != table {
				t.otherTables++
				continue
			}
			return t.reorder(cols, vals)
		}
	}, nil
}

// reorder puts the values of an INSERT with columns cols into header
// order; a column the INSERT leaves out is NULL (its default).
func (t *table) reorder(cols []string, vals []sqlField) ([]sqlField, error) {
	if len(cols) == len(t.header) {
		same := true
		for i := range cols {
			same = same && cols[i] == t.header[i]
		}
		if same {
			return vals, nil
		}
	}
	out := make([]sqlField, len(t.header))
	for i := range out {
		out[i] = sqlField{Null: true, Line: vals[0].Line, Col: vals[0].Col}
	}
	for i, name := range cols {
		j, ok := t.cols[name]
		if !ok {
			return nil, &ParseError{File: t.file, Line: vals[i].Line, Column: vals[i].Col, Field: columnField(name),
				Err: fmt.Errorf("column not in CREATE TABLE `%s`", t.name)}
		}
		out[j] = vals[i]
	}
	return out, nil
}

// skipsOf turns counts by reason into report.Skips of file, in a fixed
// order.
func skipsOf(file string, counts map[string]int) []report.Skip {
	reasons := make([]string, 0, len(counts))
	for r, n := range counts {
		if n > 0 {
			reasons = append(reasons, r)
		}
	}
	sort.Strings(reasons)
	out := make([]report.Skip, len(reasons))
	for i, r := range reasons {
		out[i] = report.Skip{File: file, Reason: r, Count: counts[r]}
	}
	return out
}

// errLineTooLong is readBoundedLine's refusal of a line over its limit.
var errLineTooLong = errors.New("line too long")

// readBoundedLine reads one line (with its '\n') like ReadString, but
// stops with errLineTooLong once it is longer than max bytes, so memory
// holds at most max bytes of one line. long is reused between calls.
func readBoundedLine(br *bufio.Reader, long *[]byte, max int) (string, error) {
	b, err := br.ReadSlice('\n')
	if err != bufio.ErrBufferFull {
		if len(b) > max {
			return "", errLineTooLong
		}
		return string(b), err
	}
	*long = append((*long)[:0], b...)
	for err == bufio.ErrBufferFull {
		if len(*long) > max {
			return "", errLineTooLong
		}
		b, err = br.ReadSlice('\n')
		*long = append(*long, b...)
	}
	if len(*long) > max {
		return "", errLineTooLong
	}
	return string(*long), err
}
