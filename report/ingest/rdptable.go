package ingest

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"iter"
	"slices"
	"sort"
	"strings"
	"time"

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
// tables instead. rdpTable reads either, told apart by content, and gives
// the rows of one table with their columns found by name.

// rdpTable is one LMS table being read, its rows in header order.
type rdpTable struct {
	file, table string
	colIndex
	headerLine int // line of the TSV header or CREATE TABLE; 0 if unknown
	// next returns the next row (len(header) fields) or io.EOF.
	next func() ([]sqlField, error)
	// otherTables counts the tuples of other tables in an SQL dump.
	otherTables int
	// used are the columns readers asked for, whose text is checked.
	used []int
}

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

// openRDPTable starts reading table from r, a TSV or SQL dump.
func openRDPTable(r io.Reader, file, table string, lim study.Limits) (*rdpTable, error) {
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
	t, err := open(br, file, table, lim)
	if err != nil {
		return nil, err
	}
	next := t.next
	t.next = func() ([]sqlField, error) {
		row, err := next()
		if err == nil {
			err = t.checkUTF8(row)
		}
		return row, err
	}
	return t, nil
}

// checkUTF8 refuses a row whose used columns (those a reader asked for
// with need) hold bytes that are not UTF-8: copied into the report they
// would make its HTML and CSV invalid. Columns no reader uses (a
// profile's mailing address or goals) are not checked, so an old
// Latin-1 row there does not stop the build.
func (t *rdpTable) checkUTF8(row []sqlField) error {
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

// openTSVTable reads the header row of a research data package file.
func openTSVTable(br *bufio.Reader, file, table string, lim study.Limits) (*rdpTable, error) {
	if b, err := br.Peek(len(utf8BOM)); err == nil && bytes.Equal(b, utf8BOM) {
		br.Discard(len(utf8BOM))
	}
	t := &rdpTable{file: file, table: table}
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
	t.next = func() ([]sqlField, error) {
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
	}
	return t, nil
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

// openSQLTable reads a MySQL dump up to the first row of table, whose
// columns become the header: CREATE TABLE's when the dump has one, else
// the first INSERT's column list.
func openSQLTable(br *bufio.Reader, file, table string, lim study.Limits) (*rdpTable, error) {
	d := sqldump.NewReader(br, file, sqldump.Limits{MaxValue: int64(lim.MaxField), MaxRow: int64(lim.MaxRecord), MaxValues: maxFields(lim)})
	next := func() (string, []string, []sqlField, error) {
		name, cols, vals, err := d.Next()
		return name, cols, vals, dumpLimit(err, lim)
	}
	t := &rdpTable{file: file, table: table}
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
	t.next = func() ([]sqlField, error) {
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
	}
	return t, nil
}

// reorder puts the values of an INSERT with columns cols into header
// order; a column the INSERT leaves out is NULL (its default).
func (t *rdpTable) reorder(cols []string, vals []sqlField) ([]sqlField, error) {
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
				Err: fmt.Errorf("column not in CREATE TABLE `%s`", t.table)}
		}
		out[j] = vals[i]
	}
	return out, nil
}

// need returns the indices of the named columns, or one error naming
// every missing one; the columns found are the ones checkUTF8 checks.
func (t *rdpTable) need(names ...string) ([]int, error) {
	idx, err := t.find(names, func(name string) error {
		return &ParseError{File: t.file, Line: t.headerLine, Field: columnField(name),
			Err: fmt.Errorf("%w of table %s", ErrMissingColumn, t.table)}
	})
	for i, name := range names {
		if _, ok := t.cols[name]; ok {
			t.used = append(t.used, idx[i])
		}
	}
	return idx, err
}

// fieldErr makes an error about column i of row.
func (t *rdpTable) fieldErr(row []sqlField, i int, err error) error {
	return &ParseError{File: t.file, Line: row[i].Line, Column: row[i].Col, Field: columnField(t.header[i]), Err: err}
}

// rows yields every row of the table in header order; it ends at the end
// of the table or after yielding a read error.
func (t *rdpTable) rows() iter.Seq2[[]sqlField, error] {
	return func(yield func([]sqlField, error) bool) {
		for {
			row, err := t.next()
			if err == io.EOF {
				return
			}
			if err != nil {
				yield(nil, err)
				return
			}
			if !yield(row, nil) {
				return
			}
		}
	}
}

// courseRows yields the rows whose column courseCol is courseID, counting
// every other row as skipped "other course"; it ends at the end of the
// table or after yielding a read error.
func (t *rdpTable) courseRows(courseID string, courseCol int, skips map[string]int) iter.Seq2[[]sqlField, error] {
	return func(yield func([]sqlField, error) bool) {
		for row, err := range t.rows() {
			if err == nil && row[courseCol].S != courseID {
				skips["other course"]++
				continue
			}
			if !yield(row, err) {
				return
			}
		}
	}
}

// userID reads a numeric user id from column i.
func (t *rdpTable) userID(row []sqlField, i int) (string, error) {
	if id := row[i].S; !row[i].Null && isDigits(id) {
		return id, nil
	}
	got := fmt.Sprintf("%q", row[i].S)
	if row[i].Null {
		got = "NULL"
	}
	return "", t.fieldErr(row, i, errUserID(got))
}

// datetime reads a MySQL DATETIME ("2014-06-27 16:02:38", fractional
// seconds and a T separator accepted) as UTC, which is how edX stores
// them; NULL is the zero time.
func (t *rdpTable) datetime(row []sqlField, i int) (time.Time, error) {
	if row[i].Null || row[i].S == "" {
		return time.Time{}, nil
	}
	s := row[i].S
	if len(s) > 10 && s[10] == 'T' {
		s = s[:10] + " " + s[11:]
	}
	v, err := time.Parse("2006-01-02 15:04:05.999999999", s)
	if err != nil {
		return time.Time{}, t.fieldErr(row, i, fmt.Errorf("want a date and time YYYY-MM-DD hh:mm:ss, got %q", row[i].S))
	}
	return v, nil
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
