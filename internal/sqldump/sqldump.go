// Package sqldump reads MySQL dump files as a stream of rows, with the
// line and byte column of every value, for the edX research data package's
// LMS tables. It knows nothing of edX or of reports.
package sqldump

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"

	"github.com/moocreport/moocreport/report"
)

// Reader reads the rows of a MySQL dump file — mysqldump's output, or
// dumps written by hand such as the Open edX analytics pipeline's
// load_*.sql fixtures — one value tuple at a time, streaming: memory holds
// one tuple, never a statement, because mysqldump's "extended inserts" put
// a whole table of hundreds of megabytes into one INSERT statement.
//
// It is hand-written, not a library, because only MySQL's lexical level is
// needed (quoted strings with backslash escapes, numbers, NULL, comments)
// and the Go SQL parsers on the module proxy do not fit: xwb1989/sqlparser
// is unmaintained since 2018, vitess's parser and dolthub/go-mysql-server
// are whole query engines, and all of them parse a statement into an
// in-memory tree and report byte offsets. No maintained Go package reads
// dump files as a stream. What is understood:
//
//   - CREATE TABLE `t` (…): the column names, in order (key, index and
//     constraint lines are not columns);
//   - INSERT [IGNORE] INTO `t` [(`col`, …)] VALUES (…),(…);  and REPLACE
//     INTO likewise; a column list overrides CREATE TABLE's order;
//   - values: '…' or "…" strings with MySQL's escapes (\0 \b \n \r \t \Z
//     \\ \' \", ” inside '…', \% and \_ kept with their backslash, any
//     other \x is x), optionally after a charset introducer (_binary,
//     _utf8mb4); NULL; TRUE and FALSE (as 1 and 0); numbers and 0x hex
//     literals kept as written;
//   - comments: -- to the end of the line, # to the end of the line,
//     /* … */ (mysqldump's /*!40101 … */ version comments included);
//   - every other statement (DROP, SET, LOCK TABLES, …) is skipped to its
//     semicolon.
//
// Errors are *report.InputError with the line and byte column of the
// problem; a value or row over the Limits is refused with a *TooLongError
// as the InputError's cause.
type Reader struct {
	file      string
	r         *bufio.Reader
	line, col int // position of the next byte, 1-based
	// tables maps a table to its columns from CREATE TABLE, in order.
	tables map[string][]string
	// Inside an INSERT: its table and columns, and whether a tuple has
	// been read (so the next needs a comma first).
	inInsert bool
	insTable string
	insCols  []string
	buf      []byte
	// lim caps one value and one tuple; long is the first value found
	// over it, reported by Next and tuple.
	lim  Limits
	long error
}

// Field is one value of a row with where it starts (1-based line and
// byte column), for errors.
type Field struct {
	S         string
	Null      bool
	Line, Col int
}

// Limits cap what one value and one row may hold, so a damaged or hostile
// dump is refused before it fills memory. Zero means no limit.
type Limits struct {
	MaxValue  int64 // bytes of one value
	MaxRow    int64 // bytes of one row's values together
	MaxValues int64 // values of one row
}

// ErrTooLong is the cause of every TooLongError.
var ErrTooLong = errors.New("too long")

// TooLongError says which limit a value or row went over: What is
// "value" (Limits.MaxValue), "row" (MaxRow) or "values" (MaxValues).
type TooLongError struct {
	What string
	Max  int64
}

func (e *TooLongError) Error() string {
	if e.What == "values" {
		return fmt.Sprintf("%v: a row of more than %d values", ErrTooLong, e.Max)
	}
	return fmt.Sprintf("%v: a %s longer than %d bytes", ErrTooLong, e.What, e.Max)
}

// Unwrap makes errors.Is(err, ErrTooLong) true.
func (e *TooLongError) Unwrap() error { return ErrTooLong }

// Columns returns the columns of table in order, as its CREATE TABLE
// statement read so far declares them.
func (d *Reader) Columns(table string) ([]string, bool) {
	cols, ok := d.tables[table]
	return cols, ok
}

// Tables lists the tables declared by CREATE TABLE so far, sorted.
func (d *Reader) Tables() []string {
	return slices.Sorted(maps.Keys(d.tables))
}

// NewReader reads the dump in r; file names it in errors.
func NewReader(r io.Reader, file string, lim Limits) *Reader {
	br, ok := r.(*bufio.Reader)
	if !ok {
		br = bufio.NewReaderSize(r, 64<<10)
	}
	return &Reader{file: file, r: br, line: 1, col: 1, tables: map[string][]string{}, lim: lim}
}

// add appends c to the value being read, which started at line:col,
// unless that makes it longer than the limit: then the value stops
// growing (memory stays bounded) and the error is kept for next.
func (d *Reader) add(line, col int, c ...byte) {
	if d.lim.MaxValue > 0 && int64(len(d.buf)+len(c)) > d.lim.MaxValue {
		if d.long == nil {
			d.long = d.tooLong(line, col, "value", d.lim.MaxValue)
		}
		return
	}
	d.buf = append(d.buf, c...)
}

func (d *Reader) errAt(line, col int, format string, args ...any) error {
	return &report.InputError{File: d.file, Line: line, Column: col, Err: fmt.Errorf(format, args...)}
}

func (d *Reader) tooLong(line, col int, what string, max int64) error {
	return &report.InputError{File: d.file, Line: line, Column: col, Err: &TooLongError{What: what, Max: max}}
}

func (d *Reader) errHere(format string, args ...any) error {
	return d.errAt(d.line, d.col, format, args...)
}

// peek returns the next byte without consuming it; ok is false at the end.
func (d *Reader) peek() (byte, bool, error) {
	b, err := d.r.Peek(1)
	if err == io.EOF {
		return 0, false, nil
	}
	if err != nil {
		return 0, false, &report.InputError{File: d.file, Err: err}
	}
	return b[0], true, nil
}

// advance consumes one byte (which peek has shown) and moves the position.
func (d *Reader) advance() byte {
	c, _ := d.r.ReadByte()
	if c == '\n' {
		d.line++
		d.col = 1
	} else {
		d.col++
	}
	return c
}

// Next returns the next value tuple of any table: its table, its columns
// and its values, or io.EOF after the last.
func (d *Reader) Next() (table string, cols []string, vals []Field, err error) {
	for {
		if d.long != nil {
			return "", nil, nil, d.long
		}
		if d.inInsert {
			if err := d.skipSpace(); err != nil {
				return "", nil, nil, err
			}
			c, ok, err := d.peek()
			if err != nil {
				return "", nil, nil, err
			}
			switch {
			case !ok:
				return "", nil, nil, d.errHere("unexpected end of file inside INSERT INTO `%s`: want ',' or ';'", d.insTable)
			case c == ';':
				d.advance()
				d.inInsert = false
				continue
			case c == ',':
				d.advance()
				vals, err := d.tuple()
				if err != nil {
					return "", nil, nil, err
				}
				return d.insTable, d.insCols, vals, nil
			default:
				return "", nil, nil, d.errHere("want ',' or ';' after a row of INSERT INTO `%s`, got %q", d.insTable, c)
			}
		}
		if err := d.skipSpace(); err != nil {
			return "", nil, nil, err
		}
		c, ok, err := d.peek()
		if err != nil {
			return "", nil, nil, err
		}
		if !ok {
			return "", nil, nil, io.EOF
		}
		if c == ';' {
			d.advance()
			continue
		}
		line, col := d.line, d.col
		word := strings.ToUpper(d.word())
		switch word {
		case "":
			return "", nil, nil, d.errHere("want an SQL statement, got %q", c)
		case "CREATE":
			if err := d.create(); err != nil {
				return "", nil, nil, err
			}
		case "INSERT", "REPLACE":
			if err := d.insert(line, col); err != nil {
				return "", nil, nil, err
			}
			vals, err := d.tuple()
			if err != nil {
				return "", nil, nil, err
			}
			return d.insTable, d.insCols, vals, nil
		default:
			if err := d.skipStatement(line, col); err != nil {
				return "", nil, nil, err
			}
		}
	}
}

// skipSpace skips white space and comments.
func (d *Reader) skipSpace() error {
	for {
		c, ok, err := d.peek()
		if err != nil || !ok {
			return err
		}
		switch c {
		case ' ', '\t', '\n', '\r', '\f', '\v':
			d.advance()
		case '#':
			d.skipLine()
		case '-':
			b, _ := d.r.Peek(3)
			if len(b) < 2 || b[1] != '-' || len(b) == 3 && !isSQLSpace(b[2]) {
				return nil
			}
			d.skipLine()
		case '/':
			b, _ := d.r.Peek(2)
			if len(b) < 2 || b[1] != '*' {
				return nil
			}
			line, col := d.line, d.col
			d.advance()
			d.advance()
			for {
				b, err := d.r.Peek(2)
				if len(b) < 2 {
					if err != nil && err != io.EOF {
						return &report.InputError{File: d.file, Err: err}
					}
					return d.errAt(line, col, "comment /* never closed")
				}
				if b[0] == '*' && b[1] == '/' {
					d.advance()
					d.advance()
					break
				}
				d.advance()
			}
		default:
			return nil
		}
	}
}

func isSQLSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'
}

func (d *Reader) skipLine() {
	for {
		c, ok, _ := d.peek()
		if !ok {
			return
		}
		d.advance()
		if c == '\n' {
			return
		}
	}
}

// word reads a run of letters, digits and '_' (a keyword or bare
// identifier); "" when the next byte starts none.
func (d *Reader) word() string {
	d.buf = d.buf[:0]
	line, col := d.line, d.col
	for {
		c, ok, _ := d.peek()
		if !ok || d.long != nil || !(c == '_' || c == '$' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80) {
			return string(d.buf)
		}
		d.add(line, col, d.advance())
	}
}

// ident reads a table or column name, `quoted` or bare, and of a dotted
// `db`.`table` name the last part.
func (d *Reader) ident() (string, error) {
	for {
		if err := d.skipSpace(); err != nil {
			return "", err
		}
		c, ok, err := d.peek()
		if err != nil {
			return "", err
		}
		var name string
		switch {
		case ok && (c == '`' || c == '"'):
			s, err := d.quoted()
			if err != nil {
				return "", err
			}
			name = s
		default:
			name = d.word()
			if name == "" {
				if !ok {
					return "", d.errHere("unexpected end of file: want a name")
				}
				return "", d.errHere("want a name, got %q", c)
			}
		}
		if c, ok, _ := d.peek(); ok && c == '.' {
			d.advance()
			continue
		}
		return name, nil
	}
}

// quoted reads a string quoted by the next byte (', " or `), unescaping
// it as MySQL does.
func (d *Reader) quoted() (string, error) {
	line, col := d.line, d.col
	q := d.advance()
	d.buf = d.buf[:0]
	for {
		c, ok, err := d.peek()
		if err != nil {
			return "", err
		}
		if !ok {
			return "", d.errAt(line, col, "string starting here never ends (missing %c)", q)
		}
		if d.long != nil {
			return "", d.long
		}
		d.advance()
		switch {
		case c == q:
			if n, ok, _ := d.peek(); ok && n == q {
				d.advance()
				d.add(line, col, q)
				continue
			}
			return string(d.buf), nil
		case c == '\\' && q != '`':
			e, ok, _ := d.peek()
			if !ok {
				continue // the missing quote is reported next round
			}
			d.advance()
			switch e {
			case '0':
				d.add(line, col, 0)
			case 'b':
				d.add(line, col, '\b')
			case 'n':
				d.add(line, col, '\n')
			case 'r':
				d.add(line, col, '\r')
			case 't':
				d.add(line, col, '\t')
			case 'Z':
				d.add(line, col, 0x1a)
			case '%', '_':
				d.add(line, col, '\\', e)
			default:
				d.add(line, col, e)
			}
		default:
			d.add(line, col, c)
		}
	}
}

// skipStatement skips to the semicolon ending a statement, past strings
// and comments that may hold one.
func (d *Reader) skipStatement(line, col int) error {
	for {
		if err := d.skipSpace(); err != nil {
			return err
		}
		c, ok, err := d.peek()
		if err != nil {
			return err
		}
		switch {
		case !ok:
			return d.errAt(line, col, "statement starting here has no ';'")
		case c == ';':
			d.advance()
			return nil
		case c == '\'' || c == '"' || c == '`':
			if _, err := d.quoted(); err != nil {
				return err
			}
		default:
			d.advance()
		}
	}
}

// sqlNotColumns are the words that start a line of CREATE TABLE that is
// not a column.
var sqlNotColumns = map[string]bool{"PRIMARY": true, "KEY": true, "UNIQUE": true, "INDEX": true,
	"CONSTRAINT": true, "FULLTEXT": true, "SPATIAL": true, "FOREIGN": true, "CHECK": true, "PERIOD": true}

// create reads CREATE TABLE's column names; other CREATE statements are
// skipped.
func (d *Reader) create() error {
	line, col := d.line, d.col
	if err := d.skipSpace(); err != nil {
		return err
	}
	for {
		w := strings.ToUpper(d.word())
		if w == "TABLE" {
			break
		}
		if w == "" || w == "DATABASE" || w == "VIEW" || w == "INDEX" || w == "TRIGGER" || w == "PROCEDURE" || w == "FUNCTION" {
			return d.skipStatement(line, col)
		}
		// TEMPORARY, OR REPLACE, DEFINER… before TABLE.
		if err := d.skipSpace(); err != nil {
			return err
		}
	}
	name, err := d.ident()
	if err != nil {
		return err
	}
	if strings.EqualFold(name, "IF") { // IF NOT EXISTS
		for _, want := range []string{"NOT", "EXISTS"} {
			if err := d.skipSpace(); err != nil {
				return err
			}
			if w := d.word(); !strings.EqualFold(w, want) {
				return d.errHere("CREATE TABLE IF: want %s, got %q", want, w)
			}
		}
		if name, err = d.ident(); err != nil {
			return err
		}
	}
	if err := d.skipSpace(); err != nil {
		return err
	}
	if c, ok, _ := d.peek(); !ok || c != '(' {
		return d.skipStatement(line, col) // CREATE TABLE … LIKE / AS SELECT: no columns here
	}
	d.advance()
	var cols []string
	for {
		if err := d.skipSpace(); err != nil {
			return err
		}
		c, ok, err := d.peek()
		if err != nil {
			return err
		}
		if !ok {
			return d.errAt(line, col, "CREATE TABLE `%s` never closes its '('", name)
		}
		if c == '`' || c == '"' {
			s, err := d.quoted()
			if err != nil {
				return err
			}
			cols = append(cols, s)
		} else if w := d.word(); w != "" && !sqlNotColumns[strings.ToUpper(w)] {
			cols = append(cols, w)
		}
		// The rest of the line: to a ',' or the closing ')' at this depth.
		end, err := d.skipDefinition(line, col)
		if err != nil {
			return err
		}
		if end == ')' {
			break
		}
	}
	d.tables[name] = cols
	return d.skipStatement(line, col)
}

// skipDefinition skips one line of CREATE TABLE to the ',' after it or
// the ')' closing the table, which it consumes and returns.
func (d *Reader) skipDefinition(line, col int) (byte, error) {
	depth := 0
	for {
		if err := d.skipSpace(); err != nil {
			return 0, err
		}
		c, ok, err := d.peek()
		if err != nil {
			return 0, err
		}
		switch {
		case !ok:
			return 0, d.errAt(line, col, "CREATE TABLE starting here never closes its '('")
		case c == '\'' || c == '"' || c == '`':
			if _, err := d.quoted(); err != nil {
				return 0, err
			}
			continue
		case c == '(':
			depth++
		case c == ')' && depth > 0:
			depth--
		case (c == ',' || c == ')') && depth == 0:
			d.advance()
			return c, nil
		}
		d.advance()
	}
}

// insert reads INSERT … INTO `t` [(cols)] VALUES up to the first tuple.
func (d *Reader) insert(line, col int) error {
	var name string
	for {
		if err := d.skipSpace(); err != nil {
			return err
		}
		c, ok, _ := d.peek()
		if ok && (c == '`' || c == '"') {
			break
		}
		w := d.word()
		switch strings.ToUpper(w) {
		case "IGNORE", "INTO", "LOW_PRIORITY", "DELAYED", "HIGH_PRIORITY":
			continue
		case "":
			return d.errHere("INSERT: want a table name")
		}
		name = w
		break
	}
	if name == "" {
		s, err := d.ident()
		if err != nil {
			return err
		}
		name = s
	} else if c, ok, _ := d.peek(); ok && c == '.' {
		d.advance()
		s, err := d.ident()
		if err != nil {
			return err
		}
		name = s
	}
	if err := d.skipSpace(); err != nil {
		return err
	}
	cols := d.tables[name]
	if c, ok, _ := d.peek(); ok && c == '(' {
		d.advance()
		cols = nil
		for {
			s, err := d.ident()
			if err != nil {
				return err
			}
			cols = append(cols, s)
			if err := d.skipSpace(); err != nil {
				return err
			}
			c, ok, _ := d.peek()
			if !ok || c != ',' && c != ')' {
				return d.errHere("INSERT INTO `%s` column list: want ',' or ')'", name)
			}
			d.advance()
			if c == ')' {
				break
			}
		}
	}
	if err := d.skipSpace(); err != nil {
		return err
	}
	if w := strings.ToUpper(d.word()); w != "VALUES" && w != "VALUE" {
		return d.errHere("INSERT INTO `%s`: want VALUES, got %q (only INSERT … VALUES is read)", name, w)
	}
	if cols == nil {
		return d.errAt(line, col, "INSERT INTO `%s` without a column list and no CREATE TABLE `%s` before it: the column order is unknown", name, name)
	}
	d.inInsert, d.insTable, d.insCols = true, name, cols
	return nil
}

// tuple reads one ( value, … ) of an INSERT; it must have as many values
// as the INSERT has columns.
func (d *Reader) tuple() ([]Field, error) {
	if err := d.skipSpace(); err != nil {
		return nil, err
	}
	line, col := d.line, d.col
	if c, ok, _ := d.peek(); !ok || c != '(' {
		return nil, d.errHere("INSERT INTO `%s`: want '(' starting a row", d.insTable)
	}
	d.advance()
	vals := make([]Field, 0, len(d.insCols))
	var size int64
	for {
		v, err := d.value()
		if err == nil {
			err = d.long
		}
		if err != nil {
			return nil, err
		}
		vals = append(vals, v)
		if size += int64(len(v.S)); d.lim.MaxRow > 0 && size > d.lim.MaxRow {
			return nil, d.tooLong(line, col, "row", d.lim.MaxRow)
		}
		if d.lim.MaxValues > 0 && int64(len(vals)) > d.lim.MaxValues {
			return nil, d.tooLong(line, 0, "values", d.lim.MaxValues)
		}
		if err := d.skipSpace(); err != nil {
			return nil, err
		}
		c, ok, _ := d.peek()
		if !ok || c != ',' && c != ')' {
			return nil, d.errHere("want ',' or ')' after a value")
		}
		d.advance()
		if c == ')' {
			break
		}
	}
	if len(vals) != len(d.insCols) {
		return nil, d.errAt(line, col, "row of INSERT INTO `%s` has %d values, want %d (%s)", d.insTable, len(vals), len(d.insCols), strings.Join(d.insCols, ", "))
	}
	return vals, nil
}

// errSQLValue says what a value may be.
var errSQLValue = errors.New("want a value: 'text', a number or NULL")

// value reads one literal.
func (d *Reader) value() (Field, error) {
	if err := d.skipSpace(); err != nil {
		return Field{}, err
	}
	f := Field{Line: d.line, Col: d.col}
	c, ok, err := d.peek()
	if err != nil {
		return f, err
	}
	switch {
	case !ok:
		return f, d.errHere("unexpected end of file: %w", errSQLValue)
	case c == '\'' || c == '"':
		f.S, err = d.quoted()
		return f, err
	case c == '-' || c == '+' || c == '.' || c >= '0' && c <= '9':
		d.buf = d.buf[:0]
		d.buf = append(d.buf, d.advance())
		for {
			c, ok, _ := d.peek()
			if !ok || d.long != nil || !(c >= '0' && c <= '9' || c == '.' || c == 'e' || c == 'E' || c == 'x' || c == 'X' ||
				c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' || (c == '-' || c == '+') && (d.buf[len(d.buf)-1]|0x20) == 'e') {
				break
			}
			d.add(f.Line, f.Col, d.advance())
		}
		if d.long != nil {
			return f, d.long
		}
		f.S = string(d.buf)
		if !sqlNumber(f.S) {
			return f, d.errAt(f.Line, f.Col, "want a number, got %q", f.S)
		}
		return f, nil
	}
	w := d.word()
	switch strings.ToUpper(w) {
	case "NULL":
		f.Null = true
		return f, nil
	case "TRUE":
		f.S = "1"
		return f, nil
	case "FALSE":
		f.S = "0"
		return f, nil
	case "":
		return f, d.errHere("%w, got %q", errSQLValue, c)
	}
	if w[0] == '_' { // charset introducer: _binary 'x', _utf8mb4'x'
		if err := d.skipSpace(); err != nil {
			return f, err
		}
		if c, ok, _ := d.peek(); ok && (c == '\'' || c == '"') {
			f.S, err = d.quoted()
			return f, err
		}
	}
	return f, d.errAt(f.Line, f.Col, "%w, got %q", errSQLValue, w)
}

// sqlNumber reports whether s is a decimal number ([-+]digits[.digits]
// [e[-+]digits], digits on one side of the point at least) or 0x hex.
func sqlNumber(s string) bool {
	if len(s) > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X') {
		for i := 2; i < len(s); i++ {
			c := s[i] | 0x20
			if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
				return false
			}
		}
		return true
	}
	i := 0
	if i < len(s) && (s[i] == '-' || s[i] == '+') {
		i++
	}
	digits := 0
	for ; i < len(s) && s[i] >= '0' && s[i] <= '9'; i++ {
		digits++
	}
	if i < len(s) && s[i] == '.' {
		i++
		for ; i < len(s) && s[i] >= '0' && s[i] <= '9'; i++ {
			digits++
		}
	}
	if digits == 0 {
		return false
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '-' || s[i] == '+') {
			i++
		}
		n := 0
		for ; i < len(s) && s[i] >= '0' && s[i] <= '9'; i++ {
			n++
		}
		if n == 0 {
			return false
		}
	}
	return i == len(s)
}
